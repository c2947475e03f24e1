//! The one-line description of what was pasted, and the few facts that matter most.

use crate::model::token::idp::{self, TokenUse};
use crate::model::token::inspect::Inspection;
use crate::model::token::jose::Kind;

/// A headline ("JWS signed with RS256") and a few facts (issuer, what the token is for).
pub fn describe(i: &Inspection) -> (String, Vec<String>) {
    if let Some(basic) = &i.basic {
        return match basic {
            Ok(b) => (
                "HTTP Basic credentials".into(),
                vec![format!("user \"{}\", password of {} characters", b.user, b.password_chars)],
            ),
            Err(e) => ("HTTP Basic credentials".into(), vec![e.clone()]),
        };
    }
    let t = &i.token;
    let headline = match &t.kind {
        _ if t.shape_error.is_some() => "Malformed token".to_string(),
        Kind::Jws(_) => match t.alg() {
            Some(a) if a.eq_ignore_ascii_case("none") => "Unsigned JWT (alg none)".to_string(),
            Some(a) if t.claims().is_some() => format!("JWT signed with {a}"),
            Some(a) => format!("JWS signed with {a} (payload is not a claims set)"),
            None => "JWS (header unreadable)".to_string(),
        },
        Kind::Jwe(j) => {
            let field =
                |k: &str| j.header.as_ref().and_then(|h| h.get(k)).and_then(|v| v.as_str()).unwrap_or("?").to_string();
            format!("Encrypted JWT (JWE: {} + {})", field("alg"), field("enc"))
        }
        Kind::KnownOpaque(k) => format!("{} {}", k.vendor, k.what),
        Kind::UnknownOpaque => "Opaque token (not a JWT)".to_string(),
        Kind::Malformed => "Malformed token".to_string(),
    };
    let mut facts = Vec::new();
    if let Some(claims) = t.claims() {
        if let Some(p) = idp::recognise(claims) {
            facts.push(format!("Issued by {} ({}); {}", p.name, p.detail, p.evidence));
        }
        let (usage, why) = idp::token_use(t.header(), claims);
        let what = match usage {
            TokenUse::Access => "Looks like an access token",
            TokenUse::Id => "Looks like an ID token",
            TokenUse::Refresh => "Looks like a refresh token",
            TokenUse::Unknown => "",
        };
        if !what.is_empty() {
            facts.push(format!("{what}: {why}"));
        }
        if let Some(aud) = claims.get("aud") {
            facts.push(format!("For audience {aud}"));
        }
    }
    (headline, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::token::inspect::inspect;

    #[test]
    fn headlines() {
        let cases = [
            ("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "HTTP Basic credentials"),
            ("eyJhbGciOiJub25lIn0.e30.", "Unsigned JWT (alg none)"),
            ("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "JWT signed with HS256"),
            ("eyJhbGciOiJIUzI1NiJ9.aGk.c2ln", "JWS signed with HS256 (payload is not a claims set)"),
            ("ghp_abc", "GitHub classic personal access token"),
            ("abc123", "Opaque token (not a JWT)"),
            ("eyJhbGciOiJIUzI1NiJ9.e30", "Malformed token"),
        ];
        for (input, headline) in cases {
            assert_eq!(describe(&inspect(input)).0, headline, "{input}");
        }
    }

    #[test]
    fn facts_name_issuer_use_and_audience() {
        let t = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
            crate::model::b64::encode(
                br#"{"iss":"https://acme.okta.com/oauth2/default","scp":["a"],"aud":"api://default"}"#
            )
        );
        let (_, facts) = describe(&inspect(&t));
        assert_eq!(
            facts,
            [
                "Issued by Okta (custom authorization server default); iss = https://acme.okta.com/oauth2/default",
                "Looks like an access token: has \"scp\"",
                "For audience \"api://default\"",
            ]
        );
        assert_eq!(
            describe(&inspect("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).1,
            ["user \"Aladdin\", password of 11 characters"]
        );
    }
}
