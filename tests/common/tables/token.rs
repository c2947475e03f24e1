//! The token table of `tests/findings_rules.rs`: every token finding code fires on its case
//! and stays silent on a near miss.

use super::Outcome;
use crate::common::*;
use why401::model::findings::Finding;
use why401::model::time::Clock;
use why401::model::token::inspect::inspect;
use why401::model::token::rules::for_token;

/// 2026-01-01 00:00:00 UTC.
pub const NOW: i64 = 1_767_225_600;

pub fn codes_for(input: &str, leeway: i64) -> Vec<&'static str> {
    run(input, leeway).iter().map(Finding::code).collect()
}

pub fn run(input: &str, leeway: i64) -> Vec<Finding> {
    for_token(&inspect(input), Clock { now: NOW, leeway })
}

pub fn valid_claims() -> String {
    format!(
        r#"{{"iss":"https://idp.example.com/","sub":"u1","aud":"api","exp":{},"iat":{},"scope":"read"}}"#,
        NOW + 600,
        NOW - 60
    )
}

/// (code, input that fires it, near miss that must not, leeway)
pub fn cases() -> Vec<(&'static str, String, String, i64)> {
    let good = jwt(&valid_claims());
    let (h, rest) = good.split_once('.').unwrap();
    let (p, _) = rest.split_once('.').unwrap();
    // x5c with the fixture certificates: one valid 2026-11-25 to 2036 (not yet, at NOW), one 2025 to 2035.
    let x5c = |pem: &str| {
        let der: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        jws(&format!(r#"{{"alg":"RS256","x5c":["{der}"]}}"#), &valid_claims())
    };
    vec![
        (
            "x5c_certificate_expired",
            x5c(include_str!("../../fixtures/keys/rsa2048_selfsigned_cert.pem")),
            x5c(include_str!("../../fixtures/keys/x5c_2025_2035_cert.pem")),
            0,
        ),
        ("token_malformed", format!("{h}.{p}"), good.clone(), 0),
        ("token_malformed", format!("{h}.{}!.sig", p), good.clone(), 0),
        ("base64_not_url_safe", format!("{h}.{p}==.c2ln"), good.clone(), 0),
        ("token_expired", jwt(&format!(r#"{{"exp":{}}}"#, NOW - 7200)), jwt(&format!(r#"{{"exp":{}}}"#, NOW + 1)), 0),
        // At exactly exp it is expired (RFC 7519: "on or after"); within the leeway it is not.
        ("token_expired", jwt(&format!(r#"{{"exp":{NOW}}}"#)), jwt(&format!(r#"{{"exp":{}}}"#, NOW + 1)), 0),
        ("token_expired", jwt(&format!(r#"{{"exp":{}}}"#, NOW - 61)), jwt(&format!(r#"{{"exp":{}}}"#, NOW - 30)), 60),
        (
            "token_not_yet_valid",
            jwt(&format!(r#"{{"nbf":{},"exp":{}}}"#, NOW + 120, NOW + 900)),
            jwt(&format!(r#"{{"nbf":{},"exp":{}}}"#, NOW + 30, NOW + 900)),
            60,
        ),
        (
            "iat_in_future",
            jwt(&format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 300, NOW + 900)),
            jwt(&format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 900)),
            0,
        ),
        (
            "iat_in_future",
            jwt(&format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 2, NOW + 900)),
            // Issued this second by an issuer that rounds up.
            jwt(&format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 1, NOW + 900)),
            0,
        ),
        (
            "exp_in_milliseconds",
            jwt(&format!(r#"{{"exp":{}}}"#, (NOW + 600) * 1000)),
            jwt(&format!(r#"{{"exp":{}}}"#, NOW + 600)),
            0,
        ),
        (
            "time_claim_not_numeric",
            jwt(&format!(r#"{{"exp":"{}"}}"#, NOW + 600)),
            jwt(&format!(r#"{{"exp":{}.5}}"#, NOW + 600)),
            0,
        ),
        ("no_expiry", jwt(r#"{"sub":"u1"}"#), jwt(&format!(r#"{{"sub":"u1","exp":{}}}"#, NOW + 60)), 0),
        ("alg_none", RFC7515_A5.to_string(), RFC7515_A1.to_string(), 0),
        ("signature_missing", format!("{h}.{p}."), good.clone(), 0),
        ("jwe_not_readable", RFC7520_5_6.to_string(), good.clone(), 0),
        ("payload_not_json", RFC7520_4_1.to_string(), good.clone(), 0),
        (
            "id_token_as_access_token",
            jws(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"aud":"client-1","nonce":"n-0S6_WzA2Mj"}"#),
            jws(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"aud":"api","scope":"read"}"#),
            0,
        ),
        ("id_token_as_access_token", jwt(r#"{"token_use":"id"}"#), jwt(r#"{"token_use":"access"}"#), 0),
        ("refresh_token_as_access_token", jwt(r#"{"typ":"Refresh"}"#), jwt(r#"{"typ":"Bearer"}"#), 0),
        ("not_rfc9068_access_token", jws(r#"{"alg":"RS256","typ":"JWT"}"#, &valid_claims()), good.clone(), 0),
        ("opaque_token", "8f14e45fceea167a5a36dedd4bea2543".into(), good.clone(), 0),
        (
            "opaque_token",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a".into(),
            "ghr_16C7e42F292c6912E7710c838347Ae178B4a".into(),
            0,
        ),
        ("wrong_credential_type", "pk_live_51H8abc".into(), "sk_live_51H8abc".into(), 0),
        ("wrong_credential_type", "AKIAIOSFODNN7EXAMPLE".into(), "ghp_x".into(), 0),
        ("bearer_prefix_duplicated", format!("Bearer Bearer {good}"), format!("Bearer {good}"), 0),
        ("bearer_missing_space", format!("Bearer{good}"), format!("Bearer {good}"), 0),
        ("bearer_lowercase", format!("bearer {good}"), format!("Bearer {good}"), 0),
        ("token_quoted", format!("Bearer \"{good}\""), format!("Bearer {good}"), 0),
        ("token_url_encoded", format!("Bearer {}", good.replacen('.', "%2E", 1)), format!("Bearer {good}"), 0),
        ("token_whitespace", format!("{}\n{}", &good[..20], &good[20..]), format!("  {good}  "), 0),
        ("token_whitespace", format!("{good}\n"), format!("{good} "), 0),
        ("header_name_typo", format!("Authorisation: Bearer {good}"), format!("Authorization: Bearer {good}"), 0),
        ("header_name_typo", format!("Authentication: Bearer {good}"), format!("authorization: Bearer {good}"), 0),
    ]
}

/// Runs every row.
pub fn outcomes() -> Vec<Outcome> {
    cases()
        .into_iter()
        .map(|(code, fires, near_miss, leeway)| Outcome {
            table: "findings_rules",
            code,
            fired: codes_for(&fires, leeway),
            quiet: codes_for(&near_miss, leeway),
            case: format!("{fires:?} (near miss {near_miss:?}, leeway {leeway})"),
        })
        .collect()
}
