//! Every finding code fires on its case and stays silent on a near miss.

mod common;

use common::*;
use why401::model::findings::Finding;
use why401::model::time::Clock;
use why401::model::token::inspect::inspect;
use why401::model::token::rules::for_token;

/// 2026-01-01 00:00:00 UTC.
const NOW: i64 = 1_767_225_600;

fn codes_for(input: &str, leeway: i64) -> Vec<&'static str> {
    run(input, leeway).iter().map(Finding::code).collect()
}

fn run(input: &str, leeway: i64) -> Vec<Finding> {
    for_token(&inspect(input), Clock { now: NOW, leeway })
}

fn valid_claims() -> String {
    format!(
        r#"{{"iss":"https://idp.example.com/","sub":"u1","aud":"api","exp":{},"iat":{},"scope":"read"}}"#,
        NOW + 600,
        NOW - 60
    )
}

/// (code, input that fires it, near miss that must not, leeway)
fn cases() -> Vec<(&'static str, String, String, i64)> {
    let good = jwt(&valid_claims());
    let (h, rest) = good.split_once('.').unwrap();
    let (p, _) = rest.split_once('.').unwrap();
    vec![
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

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    for (code, fires, near_miss, leeway) in cases() {
        let fired = codes_for(&fires, leeway);
        assert!(fired.contains(&code), "{code} should fire on {fires:?}, got {fired:?}");
        let quiet = codes_for(&near_miss, leeway);
        assert!(!quiet.contains(&code), "{code} should not fire on {near_miss:?}, got {quiet:?}");
    }
}

#[test]
fn a_clean_access_token_has_no_findings() {
    assert_eq!(codes_for(&jwt(&valid_claims()), 0), Vec::<&str>::new());
}

#[test]
fn empty_input_has_no_findings() {
    assert!(codes_for("", 0).is_empty());
    assert!(codes_for("   \n", 0).is_empty());
}

#[test]
fn evidence_is_specific() {
    let f = run(&jwt(&format!(r#"{{"exp":{}}}"#, NOW - 7200)), 0);
    let expired = f.iter().find(|f| f.code() == "token_expired").unwrap();
    assert_eq!(expired.evidence, format!("exp = {} (2025-12-31 22:00:00 UTC): expired 2 h ago.", NOW - 7200));
    assert_eq!(expired.claim.as_deref(), Some("exp"));

    let mangled = format!("{}!{}", &RFC7515_A1[..60], &RFC7515_A1[61..]);
    let f = run(&mangled, 0);
    let malformed = f.iter().find(|f| f.code() == "token_malformed").unwrap();
    assert!(malformed.evidence.contains("at byte"), "{}", malformed.evidence);
}

#[test]
fn errors_rank_before_warnings_and_info() {
    // Expired, quoted and without RFC 9068 typ: both errors come before the info.
    let token = jws(r#"{"alg":"RS256","typ":"JWT"}"#, &format!(r#"{{"exp":{}}}"#, NOW - 10));
    let codes = codes_for(&format!("\"{token}\""), 0);
    assert_eq!(codes, ["token_expired", "token_quoted", "not_rfc9068_access_token"]);
}

#[test]
fn basic_credentials_are_not_judged_as_tokens() {
    assert!(codes_for("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", 0).is_empty());
}
