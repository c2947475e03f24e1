//! Asking the authorization server about a token (RFC 7662) and revoking it (RFC 7009): the
//! two requests, authenticated as the client is at the token endpoint, and what their answers
//! mean in plain words. Introspection is the one way to learn whether an opaque token, or a JWT
//! revoked before its `exp`, is still accepted.

use super::token_request::{check_client, post, FormError, TokenForm};
use crate::model::json;
use crate::model::request::urlencoded::Piece;
use crate::model::request::Request;
use crate::model::time::{self, Secs};
use serde_json::Value;

/// Which of the section's tokens a call is about; sent as `token_type_hint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Which {
    /// The Token box.
    #[default]
    Access,
    /// The Refresh token field.
    Refresh,
}

impl Which {
    pub const ALL: [Which; 2] = [Which::Access, Which::Refresh];

    pub fn hint(self) -> &'static str {
        match self {
            Which::Access => "access_token",
            Which::Refresh => "refresh_token",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Which::Access => "the access token (Token box)",
            Which::Refresh => "the refresh token",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Which::Access => "access token in the Token box",
            Which::Refresh => "refresh token",
        }
    }

    pub fn from_hint(v: &str) -> Option<Which> {
        Which::ALL.into_iter().find(|w| w.hint() == v)
    }
}

fn about(form: &TokenForm, url: &str, missing: FormError, token: &str, which: Which) -> Result<Request, FormError> {
    if url.trim().is_empty() {
        return Err(missing);
    }
    check_client(form)?;
    if token.trim().is_empty() {
        return Err(FormError::NoToken(which.noun()));
    }
    let pieces = vec![Piece::new("token", token.trim()), Piece::new("token_type_hint", which.hint())];
    Ok(post(form, url.trim(), pieces))
}

/// RFC 7662 §2.1.
pub fn introspect(form: &TokenForm, token: &str, which: Which) -> Result<Request, FormError> {
    about(form, &form.introspection_url, FormError::NoIntrospectionUrl, token, which)
}

/// RFC 7009 §2.1.
pub fn revoke(form: &TokenForm, token: &str, which: Which) -> Result<Request, FormError> {
    about(form, &form.revocation_url, FormError::NoRevocationUrl, token, which)
}

/// What an answer means, in one line; `good` when the token is active or was revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub good: bool,
    pub line: String,
}

/// RFC 7662 §2.2: `active`, and what the server adds (scope, client, subject, audience, expiry).
/// An OAuth error or anything else is None: the diagnosis reads it.
pub fn read_introspection(status: u16, body: &str, now: Secs) -> Option<Said> {
    let Ok(Value::Object(doc)) = json::parse(body) else { return None };
    if status != 200 || doc.contains_key("error") {
        return None;
    }
    match doc.get("active") {
        Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => {
            return Some(Said {
                good: false,
                line: "Inactive: the server no longer accepts this token (expired, revoked, or not one it issued). A request with it gets 401: get a new token.".into(),
            })
        }
        _ => {
            return Some(Said {
                good: false,
                line: "The answer has no boolean \"active\" (RFC 7662 §2.2 requires it): this is not an introspection response.".into(),
            })
        }
    }
    let mut parts = Vec::new();
    let text = |name: &str| doc.get(name).map(|v| json::compact(v, 120));
    for (name, say) in [("scope", "scope"), ("client_id", "client"), ("sub", "subject"), ("aud", "audience")] {
        if let Some(v) = text(name) {
            parts.push(format!("{say} {v}"));
        }
    }
    if let Some(exp) = doc.get("exp").and_then(time::numeric_date) {
        parts.push(format!("expires {}", time::relative(exp, now)));
    }
    let details = if parts.is_empty() { String::new() } else { format!(": {}", parts.join(", ")) };
    Some(Said { good: true, line: format!("Active{details}.") })
}

/// RFC 7009 §2.2: 200 means revoked, or unknown already (the server does not say which);
/// `unsupported_token_type` is §2.2.1's refusal. Other answers are None: the diagnosis reads them.
pub fn read_revocation(status: u16, body: &str, which: Which) -> Option<Said> {
    if status == 200 {
        return Some(Said {
            good: true,
            line: format!("Revoked: the server answered 200, so {} is no longer valid, or was not valid already (RFC 7009 §2.2 answers both alike). Introspect to see.", which.label()),
        });
    }
    let error = match json::parse(body) {
        Ok(Value::Object(doc)) => doc.get("error").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }?;
    (error == "unsupported_token_type").then(|| Said {
        good: false,
        line: format!("Not revoked: the server does not revoke {} (unsupported_token_type, RFC 7009 §2.2.1). Many servers revoke only refresh tokens; an access token then stays valid until it expires.", which.label()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::oauth::token_request::ClientAuth;
    use crate::model::request::{urlencoded, Auth};

    fn form() -> TokenForm {
        TokenForm {
            client_id: "s6BhdRkqt3".into(),
            client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw".into(),
            auth: ClientAuth::Basic,
            introspection_url: "https://server.example.com/introspect".into(),
            revocation_url: "https://server.example.com/revoke".into(),
            ..TokenForm::default()
        }
    }

    #[test]
    fn both_requests_carry_the_token_its_hint_and_the_client() {
        let r = introspect(&form(), "mF_9.B5f-4.1JqM", Which::Access).unwrap();
        assert_eq!(r.url(), "https://server.example.com/introspect");
        assert_eq!(urlencoded::join(&r.body.form), "token=mF_9.B5f-4.1JqM&token_type_hint=access_token");
        assert!(matches!(r.auth, Auth::Basic { .. }));
        let mut public = form();
        public.auth = ClientAuth::None;
        let r = revoke(&public, "45ghiukldjahdnhzdauz", Which::Refresh).unwrap();
        assert_eq!(
            urlencoded::join(&r.body.form),
            "token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token&client_id=s6BhdRkqt3"
        );
        assert_eq!(revoke(&form(), " ", Which::Refresh).unwrap_err().to_string(), "There is no refresh token to send.");
        let mut f = form();
        f.introspection_url.clear();
        assert_eq!(introspect(&f, "t", Which::Access), Err(FormError::NoIntrospectionUrl));
    }

    #[test]
    fn answers_in_plain_words() {
        // RFC 7662 §2.2's example.
        let active = r#"{"active":true,"client_id":"l238j323ds-23ij4","username":"jdoe","scope":"read write dolphin","sub":"Z5O3upPC88QrAjx00dis","aud":"https://protected.example.net/resource","iss":"https://server.example.com/","exp":1419356238,"iat":1419350238}"#;
        let said = read_introspection(200, active, 1419356238 - 600).unwrap();
        assert!(said.good);
        assert_eq!(
            said.line,
            "Active: scope read write dolphin, client l238j323ds-23ij4, subject Z5O3upPC88QrAjx00dis, audience https://protected.example.net/resource, expires in 10 min."
        );
        assert!(!read_introspection(200, r#"{"active":false}"#, 0).unwrap().good);
        assert!(read_introspection(200, r#"{"active":"yes"}"#, 0).unwrap().line.contains("no boolean"));
        assert_eq!(read_introspection(401, r#"{"error":"invalid_client"}"#, 0), None);
        assert!(read_revocation(200, "", Which::Refresh).unwrap().line.starts_with("Revoked:"));
        let refused = read_revocation(400, r#"{"error":"unsupported_token_type"}"#, Which::Access).unwrap();
        assert!(!refused.good && refused.line.contains("revoke the access token (Token box)"), "{}", refused.line);
        assert_eq!(read_revocation(401, r#"{"error":"invalid_client"}"#, Which::Access), None);
    }
}
