//! Every finding code fires on its case and stays silent on a near miss (the table is
//! `common::tables::token`, which `findings_docs` also runs to see every code fire).

mod common;

use common::tables::{self, token::*};
use common::*;

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::token::outcomes());
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
