//! The signature table of `tests/signature_rules.rs`, with the key and token builders its other
//! tests use: every signature code fires on its case and stays silent on a near miss.

use super::Outcome;
use crate::common::*;
use serde_json::Value;
use why401::model::findings::Finding;
use why401::model::keys::{classify, spki, KeyInput, SecretEncoding};
use why401::model::request::sending::Probe;
use why401::model::signature::check::{judge, CheckOutcome, Checked};
use why401::model::signature::plan::{after_verification, plan, Plan};
use why401::model::signature::remote::{check_issuer, jwks_fetch_failed};
use why401::model::token::jose;

pub const GRAPH: &str = "00000003-0000-0000-c000-000000000000";

pub enum Scenario {
    /// A token and what was pasted into the Key field.
    Plan { token: String, key: String, encoding: SecretEncoding },
    /// The same, after the browser reported WebCrypto's answer.
    Verified { token: String, key: String, verified: bool },
    /// The same, after WebCrypto verified the bytes with the first key tried: what the strict
    /// verdict adds.
    Judged { token: String, key: String },
    /// The token's iss and the issuer in the fetched metadata.
    Issuer { iss: &'static str, meta: &'static str },
    /// A failed fetch of the keys, told apart by the no-cors probe.
    Fetch { url: &'static str, probe: Probe },
}

pub fn keyed(token: impl Into<String>, key: impl Into<String>) -> Scenario {
    Scenario::Plan { token: token.into(), key: key.into(), encoding: SecretEncoding::Utf8 }
}

pub fn input(key: &str, encoding: SecretEncoding) -> KeyInput {
    let input = classify(key, encoding);
    assert!(input.errors.is_empty(), "the key itself must be fine: {:?}", input.errors);
    input
}

pub fn planned(token_text: &str, key: &str, encoding: SecretEncoding) -> (Plan, KeyInput) {
    let keys = input(key, encoding);
    (plan(&jose::parse(token_text.trim()), &keys.keys, keys.is_set), keys)
}

pub fn codes(s: &Scenario) -> Vec<&'static str> {
    let findings: Vec<Finding> = match s {
        Scenario::Plan { token, key, encoding } => planned(token, key, *encoding).0.findings,
        Scenario::Verified { token, key, verified } => {
            let (p, keys) = planned(token, key, SecretEncoding::Utf8);
            after_verification(&p, &keys.keys, *verified)
        }
        Scenario::Judged { token, key } => {
            let (p, keys) = planned(token, key, SecretEncoding::Utf8);
            let first = p.verification.as_ref().and_then(|v| v.attempts.first()).expect("a key to try").key;
            let judged =
                judge(&p, &keys.keys, &[Checked { attempt: 0, key: first, outcome: CheckOutcome::Verified }]).1;
            p.findings.into_iter().chain(judged).collect()
        }
        Scenario::Issuer { iss, meta } => check_issuer(iss, meta).into_iter().collect(),
        Scenario::Fetch { url, probe } => vec![jwks_fetch_failed(url, *probe)],
    };
    findings.iter().map(Finding::code).collect()
}

/// A JWS with a zero signature of `len` bytes: shape checks look only at the length.
pub fn jws_sig(header: &str, payload: &str, len: usize) -> String {
    let (h, p, _) = split3(&jws(header, payload));
    format!("{h}.{p}.{}", why401::model::b64::encode(&vec![0; len]))
}

/// An HS256 token whose payload part is `segment` as written.
pub fn with_payload_segment(segment: &str) -> String {
    let (h, _, sig) = split3(&jws_sig(r#"{"alg":"HS256"}"#, "{}", 32));
    format!("{h}.{segment}.{sig}")
}

/// An RSA public JWK whose modulus is `len` bytes of 0xC3 (odd, no ROCA fingerprint).
pub fn rsa_jwk(len: usize) -> String {
    let n = why401::model::b64::encode(&vec![0xC3; len]);
    format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB"}}"#)
}

pub fn split3(t: &str) -> (String, String, String) {
    let mut parts = t.trim().splitn(3, '.').map(str::to_string);
    (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap_or_default())
}

/// The JWK of an OpenSSL fixture, with extra members.
pub fn jwk_of(spki_der: &[u8], extra: &[(&str, &str)]) -> String {
    let mut v: Value = serde_json::from_str(&spki::parse(spki_der).unwrap().jwk_json()).unwrap();
    for (k, val) in extra {
        v[*k] = Value::String(val.to_string());
    }
    v.to_string()
}

pub fn with_members(jwk: &str, extra: &[(&str, &str)]) -> String {
    let mut v: Value = serde_json::from_str(jwk).unwrap();
    for (k, val) in extra {
        v[*k] = Value::String(val.to_string());
    }
    v.to_string()
}

pub fn jwks(keys: &[String]) -> String {
    format!("{{\"keys\":[{}]}}", keys.join(","))
}

pub const RSA_SPKI_DER: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys/rsa2048_spki.der"));
pub const EC_SPKI_DER: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys/ec_p256_spki.der"));

/// (code, a case that fires it, a near miss that must not)
pub fn cases() -> Vec<(&'static str, Scenario, Scenario)> {
    let rs = r#"{"alg":"RS256","typ":"JWT"}"#;
    let openssl_rs = fx!("rs256_openssl.jwt").trim().to_string();
    let (h, p, _) = split3(fx!("es256_der_signature_openssl.jwt"));
    let raw_sig = split3(fx!("rfc7515_a3.jwt")).2;
    let (a1h, a1p, a1s) = split3(RFC7515_A1);
    let hs384 = why401::model::b64::encode(br#"{"alg":"HS384"}"#);
    let big_rsa = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, why401::model::b64::encode(&[0xC5; 512]));
    vec![
        (
            "microsoft_graph_token",
            keyed(jws_sig(rs, &format!(r#"{{"aud":"{GRAPH}"}}"#), 256), fx!("rsa2048_spki.pem")),
            keyed(jws_sig(rs, r#"{"aud":"api://my-api"}"#, 256), fx!("rsa2048_spki.pem")),
        ),
        (
            "microsoft_graph_token",
            keyed(
                jws_sig(r#"{"alg":"RS256","nonce":"AbC","typ":"JWT"}"#, r#"{"aud":"api"}"#, 256),
                fx!("rsa2048_spki.pem"),
            ),
            keyed(jws_sig(rs, r#"{"aud":"api","nonce":"AbC"}"#, 256), fx!("rsa2048_spki.pem")),
        ),
        (
            "microsoft_graph_token",
            keyed(jws_sig(rs, r#"{"aud":["x","https://graph.microsoft.com/"]}"#, 256), fx!("rsa2048_spki.pem")),
            keyed(jws_sig(rs, r#"{"aud":["x","https://graph.microsoft.com.evil"]}"#, 256), fx!("rsa2048_spki.pem")),
        ),
        // The issuer rotated: the same key now has another kid. Same key under its own kid is fine.
        (
            "kid_not_in_jwks",
            keyed(openssl_rs.clone(), jwks(&[jwk_of(RSA_SPKI_DER, &[("kid", "why401-rsa-2025")])])),
            keyed(openssl_rs.clone(), jwks(&[jwk_of(RSA_SPKI_DER, &[("kid", "why401-rsa")])])),
        ),
        // A lone key without a kid is tried by type: no kid to disagree with.
        (
            "kid_not_in_jwks",
            keyed(openssl_rs.clone(), jwk_of(RSA_SPKI_DER, &[("kid", "other")])),
            keyed(openssl_rs.clone(), jwk_of(RSA_SPKI_DER, &[])),
        ),
        (
            "alg_key_mismatch",
            keyed(fx!("rfc7515_a2.jwt"), fx!("rfc7515_a3_ec_p256.jwk.json")),
            keyed(fx!("rfc7515_a2.jwt"), fx!("rfc7515_a2_rsa.jwk.json")),
        ),
        (
            "alg_key_mismatch",
            keyed(fx!("rfc7515_a3.jwt"), fx!("rfc7515_a4_ec_p521.jwk.json")),
            keyed(fx!("rfc7515_a3.jwt"), fx!("rfc7515_a3_ec_p256.jwk.json")),
        ),
        (
            "alg_key_mismatch",
            keyed(fx!("rfc7515_a2.jwt"), with_members(fx!("rfc7515_a2_rsa.jwk.json"), &[("alg", "RS512")])),
            keyed(fx!("rfc7515_a2.jwt"), with_members(fx!("rfc7515_a2_rsa.jwk.json"), &[("alg", "RS256")])),
        ),
        (
            "alg_key_mismatch",
            keyed(fx!("rfc7515_a2.jwt"), "a-shared-secret-of-at-least-32-bytes!"),
            keyed(fx!("rfc7515_a2.jwt"), fx!("rsa2048_spki.pem")),
        ),
        (
            "hs_with_public_key",
            keyed(RFC7515_A1, fx!("rsa2048_spki.pem")),
            keyed(RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json")),
        ),
        (
            "hs_with_public_key",
            keyed(RFC7515_A1, jwks(&[jwk_of(RSA_SPKI_DER, &[]), jwk_of(EC_SPKI_DER, &[])])),
            keyed(RFC7515_A1, jwks(&[jwk_of(RSA_SPKI_DER, &[]), fx!("rfc7515_a1_oct.jwk.json").trim().to_string()])),
        ),
        ("hs_secret_too_short", keyed(RFC7515_A1, "k".repeat(31)), keyed(RFC7515_A1, "k".repeat(32))),
        ("hs_secret_too_short", keyed(RFC7515_A1, "secret"), keyed(RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json"))),
        // What a strict server refuses although the bytes would match.
        (
            "jws_encoding_not_strict",
            Scenario::Judged { token: format!("{RFC7515_A1}="), key: fx!("rfc7515_a1_oct.jwk.json").into() },
            Scenario::Judged { token: RFC7515_A1.into(), key: fx!("rfc7515_a1_oct.jwk.json").into() },
        ),
        // "AB" reads as one zero byte, as "AA" does, but leaves bits set (RFC 4648 §3.5).
        (
            "jws_encoding_not_strict",
            Scenario::Judged { token: with_payload_segment("AB"), key: "k".repeat(32) },
            Scenario::Judged { token: with_payload_segment("AA"), key: "k".repeat(32) },
        ),
        (
            "jws_header_duplicate_member",
            keyed(jws(r#"{"alg":"HS256","kid":"a","kid":"b"}"#, "{}"), "k".repeat(32)),
            keyed(jws(r#"{"alg":"HS256","kid":"a","x":{"kid":"b"}}"#, "{}"), "k".repeat(32)),
        ),
        (
            "jws_crit_invalid",
            keyed(jws(r#"{"alg":"HS256","crit":["exp"],"exp":1363284000}"#, "{}"), "k".repeat(32)),
            keyed(jws(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, "{}"), "k".repeat(32)),
        ),
        (
            "jwks_mixed_key_types",
            keyed(RFC7515_A1, jwks(&[jwk_of(RSA_SPKI_DER, &[]), fx!("rfc7515_a1_oct.jwk.json").trim().to_string()])),
            keyed(RFC7515_A1, jwks(&[fx!("rfc7515_a1_oct.jwk.json").trim().to_string()])),
        ),
        (
            "jwks_duplicate_kid",
            keyed(
                jws(r#"{"alg":"RS256","kid":"k1"}"#, "{}"),
                jwks(&[jwk_of(RSA_SPKI_DER, &[("kid", "k1")]), jwk_of(RSA_SPKI_DER, &[("kid", "k1")])]),
            ),
            keyed(
                jws(r#"{"alg":"RS256","kid":"k1"}"#, "{}"),
                jwks(&[jwk_of(RSA_SPKI_DER, &[("kid", "k1")]), jwk_of(RSA_SPKI_DER, &[("kid", "k2")])]),
            ),
        ),
        (
            "token_carries_key",
            keyed(jws(r#"{"alg":"RS256","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}"#, "{}"), fx!("rsa2048_spki.pem")),
            keyed(jws(r#"{"alg":"RS256","kid":"k1"}"#, "{}"), fx!("rsa2048_spki.pem")),
        ),
        (
            "rsa_key_weak",
            Scenario::Judged { token: jws_sig(r#"{"alg":"RS256"}"#, "{}", 128), key: rsa_jwk(128) },
            Scenario::Judged { token: jws_sig(r#"{"alg":"RS256"}"#, "{}", 256), key: rsa_jwk(256) },
        ),
        (
            "alg_key_mismatch",
            Scenario::Judged {
                token: jws_sig(r#"{"alg":"RS256"}"#, "{}", 256),
                key: with_members(&rsa_jwk(256), &[("alg", "PS512")]),
            },
            Scenario::Judged {
                token: jws_sig(r#"{"alg":"PS512"}"#, "{}", 256),
                key: with_members(&rsa_jwk(256), &[("alg", "PS512")]),
            },
        ),
        (
            "ecdsa_signature_der",
            keyed(fx!("es256_der_signature_openssl.jwt"), fx!("ec_p256_spki.pem")),
            keyed(format!("{h}.{p}.{raw_sig}"), fx!("ec_p256_spki.pem")),
        ),
        (
            "signature_invalid",
            Scenario::Verified {
                token: RFC7515_A1.into(),
                key: fx!("rfc7515_a1_oct.jwk.json").into(),
                verified: false,
            },
            Scenario::Verified { token: RFC7515_A1.into(), key: fx!("rfc7515_a1_oct.jwk.json").into(), verified: true },
        ),
        // The header's alg was changed from HS256 to HS384: a 32-byte signature cannot be HS384's.
        (
            "signature_invalid",
            keyed(format!("{hs384}.{a1p}.{a1s}"), fx!("rfc7515_a1_oct.jwk.json")),
            keyed(format!("{a1h}.{a1p}.{a1s}"), fx!("rfc7515_a1_oct.jwk.json")),
        ),
        // A 2048-bit signature cannot come from a 4096-bit key.
        (
            "signature_invalid",
            keyed(fx!("rfc7515_a2.jwt"), big_rsa),
            keyed(fx!("rfc7515_a2.jwt"), fx!("rfc7520_3_3_rsa_public.jwk.json")),
        ),
        (
            "issuer_metadata_mismatch",
            Scenario::Issuer { iss: "https://idp.example.com/", meta: "https://idp.example.com" },
            Scenario::Issuer { iss: "https://idp.example.com/", meta: "https://idp.example.com/" },
        ),
        (
            "issuer_metadata_mismatch",
            Scenario::Issuer { iss: "https://idp.example.com/realms/a", meta: "https://idp.example.com/realms/b" },
            Scenario::Issuer { iss: "https://idp.example.com/realms/a", meta: "https://idp.example.com/realms/a" },
        ),
        (
            "jwks_fetch_blocked_by_cors",
            Scenario::Fetch { url: "https://idp.example.com/jwks", probe: Probe::Reachable },
            Scenario::Fetch { url: "https://idp.example.com/jwks", probe: Probe::Failed },
        ),
        (
            "alg_none",
            keyed(RFC7515_A5, fx!("rfc7515_a1_oct.jwk.json")),
            keyed(RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json")),
        ),
    ]
}

/// Runs every row.
pub fn outcomes() -> Vec<Outcome> {
    cases()
        .into_iter()
        .enumerate()
        .map(|(i, (code, fires, near_miss))| Outcome {
            table: "signature_rules",
            code,
            fired: codes(&fires),
            quiet: codes(&near_miss),
            case: format!("row {i} of the signature table"),
        })
        .collect()
}
