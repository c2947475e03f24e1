//! private_key_jwt (RFC 7523 §2.2, OpenID Connect Core §9): the client proves who it is with
//! a JWT it signs itself, with the key from Sign a token. The token request carries a
//! placeholder `${CLIENT_ASSERTION}` until the press signs a fresh assertion (its `exp` and
//! `jti` are for one request), so the preview and the exports show where it goes.

use crate::model::json;
use crate::model::request::urlencoded::Piece;
use crate::model::request::{Request, Variable};
use serde_json::{json, Value};

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
pub const PLACEHOLDER: &str = "CLIENT_ASSERTION";
/// Five minutes: long enough for clock skew, short enough that a copy is soon useless.
const LIFETIME: i64 = 300;

/// The two form fields, the assertion still a variable.
pub fn pieces() -> [Piece; 2] {
    [
        Piece::new("client_assertion_type", ASSERTION_TYPE),
        Piece::new("client_assertion", &Variable::placeholder(PLACEHOLDER)),
    ]
}

/// Marks the placeholder as a shell variable, so that every export writes it as one.
pub fn declare(req: &mut Request) {
    req.variables.push(Variable { name: PLACEHOLDER.into(), value: None });
}

/// The header and claims to sign: `alg` (and `kid`, when given) from Sign a token's header,
/// `iss` and `sub` the client id, `aud` the endpoint the request goes to (RFC 7523 §3).
pub fn to_sign(sign_header: &str, client_id: &str, audience: &str, now: i64, jti: &str) -> (String, String) {
    let given = json::parse(sign_header).ok();
    let member = |name: &str| given.as_ref().and_then(|h| h.get(name)).and_then(Value::as_str).map(str::to_string);
    let mut header = json!({ "alg": member("alg").unwrap_or_else(|| "RS256".into()), "typ": "JWT" });
    if let Some(kid) = member("kid") {
        header["kid"] = Value::String(kid);
    }
    let claims = json!({
        "iss": client_id, "sub": client_id, "aud": audience,
        "iat": now, "exp": now + LIFETIME, "jti": jti,
    });
    (header.to_string(), claims.to_string())
}

/// Puts the signed assertion in place of the placeholder; false when the request has none.
pub fn fill(req: &mut Request, jwt: &str) -> bool {
    let Some(piece) = req.body.form.iter_mut().find(|p| p.name() == "client_assertion") else { return false };
    piece.set_value(jwt);
    req.variables.retain(|v| v.name != PLACEHOLDER);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_name_the_client_and_the_endpoint() {
        let (header, claims) = to_sign(
            r#"{"alg":"ES256","kid":"k1","typ":"JWT"}"#,
            "s6BhdRkqt3",
            "https://idp.example.com/token",
            1_700_000_000,
            "j1",
        );
        assert_eq!(header, r#"{"alg":"ES256","typ":"JWT","kid":"k1"}"#);
        assert_eq!(
            claims,
            r#"{"iss":"s6BhdRkqt3","sub":"s6BhdRkqt3","aud":"https://idp.example.com/token","iat":1700000000,"exp":1700000300,"jti":"j1"}"#
        );
        assert_eq!(to_sign("not json", "c", "a", 0, "j").0, r#"{"alg":"RS256","typ":"JWT"}"#);
    }

    #[test]
    fn the_placeholder_is_replaced_by_the_signed_assertion() {
        let mut req = Request::default();
        req.body.form.extend(pieces());
        declare(&mut req);
        assert_eq!(req.body.form[1].value(), "${CLIENT_ASSERTION}");
        assert!(fill(&mut req, "eyJ.a.b"));
        assert_eq!(req.body.form[1].value(), "eyJ.a.b");
        assert!(req.variables.is_empty());
        assert!(!fill(&mut Request::default(), "x"));
    }
}
