//! The device authorization grant (RFC 8628): the device authorization request, the code the
//! user types on another device, and the polling of the token endpoint with its rules
//! (`authorization_pending`, `slow_down` adds 5 s for good, `access_denied`, `expired_token`).

use super::token_request::{check, post, FormError, Grant, TokenForm};
use super::token_response::TokenAnswer;
use crate::model::json;
use crate::model::request::urlencoded::Piece;
use crate::model::request::Request;
use serde_json::Value;

/// The longest wait between two polls, and the longest a device code is waited for.
const MAX_INTERVAL: i64 = 600;
const MAX_WAIT: i64 = 86_400;

/// RFC 8628 §3.1: the client and the scope asked for, at the device authorization endpoint.
pub fn authorization_request(form: &TokenForm) -> Result<Request, FormError> {
    if form.device_url.trim().is_empty() {
        return Err(FormError::NoDeviceUrl);
    }
    check(form)?;
    let mut pieces = Vec::new();
    for (name, value) in [("scope", &form.scope), ("audience", &form.audience), ("resource", &form.resource)] {
        if !value.trim().is_empty() {
            pieces.push(Piece::new(name, value.trim()));
        }
    }
    Ok(post(form, form.device_url.trim(), pieces))
}

/// RFC 8628 §3.2: what the device authorization endpoint answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCode {
    pub device_code: String,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    pub expires_in: i64,
    /// Seconds between polls; 5 when the server does not say (§3.2).
    pub interval: i64,
}

/// The answer read, or why it is not one (the diagnosis reads an OAuth error).
pub fn read_authorization(status: u16, body: &str) -> Option<Result<DeviceCode, String>> {
    let doc = match json::parse(body) {
        Ok(Value::Object(map)) => map,
        _ => return None,
    };
    if status != 200 || doc.contains_key("error") {
        return None;
    }
    let text = |name: &str| doc.get(name).and_then(Value::as_str).map(str::to_string);
    let number = |name: &str| doc.get(name).and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()));
    // Google's device endpoint says verification_url (its own older spelling).
    let uri = text("verification_uri").or_else(|| text("verification_url"));
    let missing = ["device_code", "user_code"].into_iter().find(|n| text(n).is_none());
    Some(match (text("device_code"), text("user_code"), uri, number("expires_in")) {
        (Some(device_code), Some(user_code), Some(verification_uri), Some(expires_in)) => Ok(DeviceCode {
            device_code,
            user_code,
            verification_uri,
            verification_uri_complete: text("verification_uri_complete"),
            // Bounded: a server's number must not make the page poll in a loop or wait for ever.
            expires_in: expires_in.clamp(1, MAX_WAIT),
            interval: number("interval").filter(|i| *i > 0).unwrap_or(5).min(MAX_INTERVAL),
        }),
        _ => Err(format!(
            "the answer lacks {} (RFC 8628 §3.2 requires device_code, user_code, verification_uri and expires_in)",
            missing.unwrap_or("verification_uri or expires_in")
        )),
    })
}

/// RFC 8628 §3.4: one poll of the token endpoint.
pub fn poll_request(form: &TokenForm, device_code: &str) -> Result<Request, FormError> {
    check(form)?;
    let pieces = vec![Piece::new("grant_type", Grant::DeviceCode.value()), Piece::new("device_code", device_code)];
    Ok(post(form, form.token_url.trim(), pieces))
}

/// What to do after a poll (RFC 8628 §3.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Poll again after this many seconds.
    Wait { secs: i64, slowed: bool },
    /// The token came: the caller takes it from the answer.
    Done,
    /// The flow is over without a token: why, in plain words.
    Stop(String),
    /// Any other answer: the diagnosis reads it.
    Diagnose,
}

pub fn next(answer: &TokenAnswer, interval: i64) -> Next {
    match answer {
        TokenAnswer::Granted(_) => Next::Done,
        TokenAnswer::Refused { error, .. } => match error.as_str() {
            "authorization_pending" => Next::Wait { secs: interval, slowed: false },
            // "the interval MUST be increased by 5 seconds for this and all subsequent requests"
            "slow_down" => Next::Wait { secs: (interval + 5).min(MAX_INTERVAL), slowed: true },
            "access_denied" => Next::Stop("The user refused the sign-in on the other device (access_denied): no token. Press Get token to start again.".into()),
            "expired_token" => Next::Stop("The device code expired before the sign-in was finished (expired_token): press Get token to get a new code, and sign in within its lifetime.".into()),
            _ => Next::Diagnose,
        },
        TokenAnswer::Unreadable(_) => Next::Diagnose,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::oauth::token_request::ClientAuth;
    use crate::model::oauth::token_response::read;
    use crate::model::request::urlencoded;

    fn form() -> TokenForm {
        TokenForm {
            device_url: "https://example.com/device_authorization".into(),
            token_url: "https://example.com/token".into(),
            client_id: "1406020730".into(),
            scope: "example_scope".into(),
            grant: Grant::DeviceCode,
            auth: ClientAuth::None,
            ..TokenForm::default()
        }
    }

    #[test]
    fn the_two_requests_of_rfc8628() {
        // §3.1's and §3.4's examples.
        let r = authorization_request(&form()).unwrap();
        assert_eq!(r.url(), "https://example.com/device_authorization");
        assert_eq!(urlencoded::join(&r.body.form), "scope=example_scope&client_id=1406020730");
        let r = poll_request(&form(), "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS").unwrap();
        assert_eq!(
            urlencoded::join(&r.body.form),
            "grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=1406020730"
        );
        let mut f = form();
        f.device_url.clear();
        assert_eq!(authorization_request(&f), Err(FormError::NoDeviceUrl));
    }

    #[test]
    fn the_answer_and_the_polling_rules() {
        // §3.2's example.
        let body = r#"{"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS","user_code":"WDJB-MJHT","verification_uri":"https://example.com/device","verification_uri_complete":"https://example.com/device?user_code=WDJB-MJHT","expires_in":1800,"interval":5}"#;
        let code = read_authorization(200, body).unwrap().unwrap();
        assert_eq!((code.user_code.as_str(), code.expires_in, code.interval), ("WDJB-MJHT", 1800, 5));
        let google = r#"{"device_code":"d","user_code":"GQVQ-JKEC","verification_url":"https://www.google.com/device","expires_in":"1800"}"#;
        let code = read_authorization(200, google).unwrap().unwrap();
        assert_eq!((code.verification_uri.as_str(), code.interval), ("https://www.google.com/device", 5));
        let huge = r#"{"device_code":"d","user_code":"u","verification_uri":"https://x","expires_in":9223372036854775807,"interval":9223372036854775807}"#;
        let code = read_authorization(200, huge).unwrap().unwrap();
        assert_eq!((code.expires_in, code.interval), (86_400, 600));
        assert_eq!(next(&read(400, r#"{"error":"slow_down"}"#), 600), Next::Wait { secs: 600, slowed: true });
        assert!(read_authorization(200, r#"{"device_code":"d","expires_in":5}"#)
            .unwrap()
            .unwrap_err()
            .contains("lacks user_code"));
        assert_eq!(read_authorization(400, r#"{"error":"invalid_client"}"#), None);
        let poll = |body: &str| next(&read(400, body), 5);
        assert_eq!(poll(r#"{"error":"authorization_pending"}"#), Next::Wait { secs: 5, slowed: false });
        assert_eq!(poll(r#"{"error":"slow_down"}"#), Next::Wait { secs: 10, slowed: true });
        assert!(matches!(poll(r#"{"error":"expired_token"}"#), Next::Stop(s) if s.contains("expired_token")));
        assert!(matches!(poll(r#"{"error":"access_denied"}"#), Next::Stop(s) if s.contains("refused")));
        assert_eq!(poll(r#"{"error":"invalid_client"}"#), Next::Diagnose);
        assert_eq!(next(&read(200, r#"{"access_token":"a","token_type":"Bearer"}"#), 5), Next::Done);
    }
}
