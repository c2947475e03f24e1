//! Signature checks as planned for WebCrypto: every signature code fires on its case and stays
//! silent on a near miss, the published vectors plan the right call, and a wrong key type is
//! always named as such rather than left to a generic "invalid signature".

mod common;

use common::*;
use serde_json::Value;
use why401::model::findings::Finding;
use why401::model::keys::{classify, spki, KeyInput, SecretEncoding};
use why401::model::request::sending::Probe;
use why401::model::signature::plan::{
    self, after_verification, check_issuer, jwks_fetch_failed, plan, Blocked, KeyImport, Plan,
};
use why401::model::token::jose;

macro_rules! fx {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys/", $name))
    };
}

const GRAPH: &str = "00000003-0000-0000-c000-000000000000";

enum Scenario {
    /// A token and what was pasted into the Key field.
    Plan { token: String, key: String, encoding: SecretEncoding },
    /// The same, after the browser reported WebCrypto's answer.
    Verified { token: String, key: String, verified: bool },
    /// The token's iss and the issuer in the fetched metadata.
    Issuer { iss: &'static str, meta: &'static str },
    /// A failed fetch of the keys, told apart by the no-cors probe.
    Fetch { url: &'static str, probe: Probe },
}

fn keyed(token: impl Into<String>, key: impl Into<String>) -> Scenario {
    Scenario::Plan { token: token.into(), key: key.into(), encoding: SecretEncoding::Utf8 }
}

fn input(key: &str, encoding: SecretEncoding) -> KeyInput {
    let input = classify(key, encoding);
    assert!(input.errors.is_empty(), "the key itself must be fine: {:?}", input.errors);
    input
}

fn planned(token_text: &str, key: &str, encoding: SecretEncoding) -> (Plan, KeyInput) {
    let keys = input(key, encoding);
    (plan(&jose::parse(token_text.trim()), &keys.keys, keys.is_set), keys)
}

fn codes(s: &Scenario) -> Vec<&'static str> {
    let findings: Vec<Finding> = match s {
        Scenario::Plan { token, key, encoding } => planned(token, key, *encoding).0.findings,
        Scenario::Verified { token, key, verified } => {
            let (p, keys) = planned(token, key, SecretEncoding::Utf8);
            after_verification(&p, &keys.keys, *verified)
        }
        Scenario::Issuer { iss, meta } => check_issuer(iss, meta).into_iter().collect(),
        Scenario::Fetch { url, probe } => vec![jwks_fetch_failed(url, *probe)],
    };
    findings.iter().map(Finding::code).collect()
}

/// A JWS with a zero signature of `len` bytes: shape checks look only at the length.
fn jws_sig(header: &str, payload: &str, len: usize) -> String {
    let (h, p, _) = split3(&jws(header, payload));
    format!("{h}.{p}.{}", why401::model::b64::encode(&vec![0; len]))
}

fn split3(t: &str) -> (String, String, String) {
    let mut parts = t.trim().splitn(3, '.').map(str::to_string);
    (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap_or_default())
}

/// The JWK of an OpenSSL fixture, with extra members.
fn jwk_of(spki_der: &[u8], extra: &[(&str, &str)]) -> String {
    let mut v: Value = serde_json::from_str(&spki::parse(spki_der).unwrap().jwk_json()).unwrap();
    for (k, val) in extra {
        v[*k] = Value::String(val.to_string());
    }
    v.to_string()
}

fn with_members(jwk: &str, extra: &[(&str, &str)]) -> String {
    let mut v: Value = serde_json::from_str(jwk).unwrap();
    for (k, val) in extra {
        v[*k] = Value::String(val.to_string());
    }
    v.to_string()
}

fn jwks(keys: &[String]) -> String {
    format!("{{\"keys\":[{}]}}", keys.join(","))
}

const RSA_SPKI_DER: &[u8] = include_bytes!("fixtures/keys/rsa2048_spki.der");
const EC_SPKI_DER: &[u8] = include_bytes!("fixtures/keys/ec_p256_spki.der");

/// (code, a case that fires it, a near miss that must not)
fn cases() -> Vec<(&'static str, Scenario, Scenario)> {
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

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    for (code, fires, near_miss) in cases() {
        let fired = codes(&fires);
        assert!(fired.contains(&code), "{code} should fire, got {fired:?}");
        let quiet = codes(&near_miss);
        assert!(!quiet.contains(&code), "{code} should not fire on its near miss, got {quiet:?}");
    }
}

/// (token, key, WebCrypto call, first key's import form)
fn vectors() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        (RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json"), "HMAC with SHA-256", "raw"),
        (fx!("rfc7515_a2.jwt"), fx!("rfc7515_a2_rsa.jwk.json"), "RSASSA-PKCS1-v1_5 with SHA-256", "spki"),
        (fx!("rfc7515_a3.jwt"), fx!("rfc7515_a3_ec_p256.jwk.json"), "ECDSA on P-256 with SHA-256", "spki"),
        (fx!("rfc7515_a4.jwt"), fx!("rfc7515_a4_ec_p521.jwk.json"), "ECDSA on P-521 with SHA-512", "spki"),
        (fx!("rfc8037_a4.jwt"), fx!("rfc8037_a4_ed25519.jwk.json"), "Ed25519", "spki"),
        (RFC7520_4_1, fx!("rfc7520_3_3_rsa_public.jwk.json"), "RSASSA-PKCS1-v1_5 with SHA-256", "spki"),
        (
            fx!("rfc7520_4_2.jwt"),
            fx!("rfc7520_3_3_rsa_public.jwk.json"),
            "RSA-PSS with SHA-384, salt length 48",
            "spki",
        ),
        (fx!("rfc7520_4_3.jwt"), fx!("rfc7520_3_1_ec_public.jwk.json"), "ECDSA on P-521 with SHA-512", "spki"),
        (fx!("rfc7520_4_4.jwt"), fx!("rfc7520_3_5_oct.jwk.json"), "HMAC with SHA-256", "raw"),
        (fx!("rs256_openssl.jwt"), fx!("rsa2048_selfsigned_cert.pem"), "RSASSA-PKCS1-v1_5 with SHA-256", "spki"),
        (fx!("rs256_openssl.jwt"), fx!("rsa2048_pkcs1_public.pem"), "RSASSA-PKCS1-v1_5 with SHA-256", "spki"),
        (fx!("rfc8037_a4.jwt"), fx!("ed25519_pkcs8.pem"), "Ed25519", "pkcs8"),
    ]
}

fn import_form(i: &KeyImport) -> &'static str {
    match i {
        KeyImport::Spki(_) => "spki",
        KeyImport::Jwk(_) => "jwk",
        KeyImport::RawSecret(_) => "raw",
        KeyImport::PublicFromPkcs8(_) => "pkcs8",
    }
}

#[test]
fn published_vectors_plan_the_right_webcrypto_call_and_nothing_else() {
    for (token_text, key, call, form) in vectors() {
        let (p, _) = planned(token_text, key, SecretEncoding::Utf8);
        let v = p.verification.as_ref().unwrap_or_else(|| panic!("{}: {:?}", token_text, p.blocked));
        assert_eq!(v.algorithm.describe(), call, "{token_text}");
        assert_eq!(import_form(&v.attempts[0].import), form, "{token_text}");
        let text = token_text.trim();
        assert_eq!(v.signing_input, &text.as_bytes()[..text.rfind('.').unwrap()], "signed bytes are the token's own");
        let sig = why401::model::b64::decode_segment(&text[text.rfind('.').unwrap() + 1..]).bytes.unwrap();
        assert_eq!(v.signature, sig);
        assert_eq!(p.findings, vec![], "{token_text}: a published vector with its own key has nothing to say");
        assert!(p.why.contains(" is used: "), "{}", p.why);
    }
}

#[test]
fn a_wrong_key_type_is_named_never_a_generic_failure() {
    let keys = [
        fx!("rfc7515_a1_oct.jwk.json"),
        fx!("rfc7515_a2_rsa.jwk.json"),
        fx!("rfc7515_a3_ec_p256.jwk.json"),
        fx!("rfc7515_a4_ec_p521.jwk.json"),
        fx!("rfc8037_a4_ed25519.jwk.json"),
    ];
    let tokens =
        [RFC7515_A1, fx!("rfc7515_a2.jwt"), fx!("rfc7515_a3.jwt"), fx!("rfc7515_a4.jwt"), fx!("rfc8037_a4.jwt")];
    for (t, token_text) in tokens.iter().enumerate() {
        for (k, key) in keys.iter().enumerate() {
            let (p, _) = planned(token_text, key, SecretEncoding::Utf8);
            let found: Vec<&str> = p.findings.iter().map(Finding::code).collect();
            if t == k {
                assert!(p.verification.is_some() && found.is_empty(), "vector {t} with its own key: {found:?}");
            } else {
                let want = if t == 0 { "hs_with_public_key" } else { "alg_key_mismatch" };
                assert_eq!(found, [want], "token {t}, key {k}");
                assert!(matches!(p.blocked, Some(Blocked::NoUsableKey(_))), "token {t}, key {k}");
            }
        }
    }
}

#[test]
fn keys_are_chosen_by_kid_then_by_type_and_the_reason_is_said() {
    let bilbo = fx!("rfc7520_3_3_rsa_public.jwk.json").trim().to_string();
    let set = jwks(&[
        with_members(fx!("rfc7515_a3_ec_p256.jwk.json"), &[("kid", "ec-1")]),
        jwk_of(RSA_SPKI_DER, &[("kid", "other-rsa")]),
        bilbo.clone(),
    ]);
    let (p, _) = planned(fx!("rfc7520_4_2.jwt"), &set, SecretEncoding::Utf8);
    assert_eq!(p.key, Some(2));
    assert_eq!(p.why, "RSA 2048-bit public key (kid \"bilbo.baggins@hobbiton.example\") from the JWKS, key 3 is used: its kid \"bilbo.baggins@hobbiton.example\" matches the token's.");

    // No kid in the token: every RSA key is tried; one declared for another alg goes last.
    let set = jwks(&[
        with_members(&bilbo, &[("alg", "PS256")]),
        jwk_of(RSA_SPKI_DER, &[]),
        fx!("rfc7515_a3_ec_p256.jwk.json").trim().to_string(),
    ]);
    let (p, _) = planned(fx!("rfc7515_a2.jwt"), &set, SecretEncoding::Utf8);
    let order: Vec<usize> = p.verification.unwrap().attempts.iter().map(|a| a.key).collect();
    assert_eq!(order, [1, 0]);
    assert!(
        p.why.ends_with("the token has no kid, so the keys are tried by type; 2 keys fit and are tried in order."),
        "{}",
        p.why
    );
    assert!(p.findings.is_empty(), "another key agrees with the alg, so no mismatch: {:?}", p.findings);

    // Keys for encryption are not used to verify.
    for (members, usable) in [(&[("use", "enc")][..], false), (&[("use", "sig")][..], true)] {
        let (p, _) = planned(fx!("rfc7520_4_2.jwt"), &with_members(&bilbo, members), SecretEncoding::Utf8);
        assert_eq!(p.verification.is_some(), usable, "{members:?}");
        if !usable {
            assert!(p.why.contains("marked for encryption"), "{}", p.why);
        }
    }
}

#[test]
fn not_checked_says_why() {
    let key = fx!("rfc7515_a1_oct.jwk.json");
    let cases: Vec<(String, &str, Blocked)> = vec![
        (RFC7520_5_6.into(), key, Blocked::NotJws { what: "an encrypted token (JWE) has no signature to check." }),
        (
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a".into(),
            key,
            Blocked::NotJws { what: "only a signed JWT (three dot-separated parts) has a signature." },
        ),
        (RFC7515_A5.into(), key, Blocked::Unsigned),
        (
            jws_sig(r#"{"alg":"ES256K"}"#, "{}", 64),
            key,
            Blocked::UnsupportedAlg { alg: "ES256K".into(), why: "ES256K (secp256k1) is not in WebCrypto".into() },
        ),
        (jws_sig(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, "{}", 32), key, Blocked::UnencodedPayload),
        (jws_sig(r#"{"alg":"HS256"}"#, "{}", 0), key, Blocked::NoSignature),
        (RFC7515_A1.into(), "", Blocked::NoKeys),
    ];
    for (token_text, key, want) in cases {
        let (p, _) = planned(&token_text, key, SecretEncoding::Utf8);
        assert_eq!(p.blocked.as_ref(), Some(&want), "{token_text}");
        assert!(p.why.starts_with("Not checked: ") && p.why.ends_with('.'), "{}", p.why);
        assert!(p.verification.is_none());
    }
}

#[test]
fn a_failed_check_hints_at_the_secret_encoding() {
    let looks_b64 = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb2YtMzItYnl0ZXM=";
    for (secret, hinted) in [(looks_b64, true), ("correct horse battery staple and more", false)] {
        let (p, keys) = planned(RFC7515_A1, secret, SecretEncoding::Utf8);
        let f = plan::signature_invalid(&p, &keys.keys);
        assert_eq!(f.evidence.contains("try base64"), hinted, "{secret}: {}", f.evidence);
    }
    let (p, keys) = planned(RFC7515_A1, looks_b64, SecretEncoding::Base64);
    assert!(!plan::signature_invalid(&p, &keys.keys).evidence.contains("try base64"), "already decoded");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn segment() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z0-9_-]{0,40}",
            Just("eyJhbGciOiJSUzI1NiJ9".to_string()),
            Just("eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ".to_string()),
            Just("eyJhbGciOiJFUzI1NiJ9".to_string()),
            proptest::collection::vec(any::<u8>(), 0..140).prop_map(|b| why401::model::b64::encode(&b)),
        ]
    }

    fn key_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            Just(fx!("rsa2048_spki.pem").to_string()),
            Just(fx!("rfc7515_a1_oct.jwk.json").to_string()),
            Just(jwks(&[jwk_of(RSA_SPKI_DER, &[("kid", "k")]), jwk_of(EC_SPKI_DER, &[("kid", "k")])])),
            proptest::collection::vec(any::<u8>(), 0..200).prop_map(|b| why401::model::b64::encode_std(&b)),
        ]
    }

    proptest! {
        #[test]
        fn random_tokens_and_keys_never_panic(parts in proptest::collection::vec(segment(), 1..6), key in key_text(), verified in any::<bool>()) {
            let keys = classify(&key, SecretEncoding::Base64);
            let t = jose::parse(&parts.join("."));
            let p = plan(&t, &keys.keys, keys.is_set);
            prop_assert!(p.verification.is_some() != p.blocked.is_some());
            prop_assert!(!p.why.is_empty());
            let _ = after_verification(&p, &keys.keys, verified);
        }

        #[test]
        fn random_headers_payloads_and_signing_keys_never_panic(
            header in prop_oneof![any::<String>(), "\\{\"alg\":\"(HS256|RS256|ES256|EdDSA|none|x)\"(,\"kid\":\"k\")?\\}"],
            payload in prop_oneof![any::<String>(), Just("{\"sub\":\"x\"}".to_string())],
            key in key_text(),
        ) {
            let keys = classify(&key, SecretEncoding::Utf8);
            match why401::model::signature::sign::prepare(&header, &payload, &keys.keys) {
                // What would be signed is always the base64url of both parts.
                Ok(s) => prop_assert_eq!(s.signing_input.split('.').count(), 2),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
