//! The browser's own WebCrypto against the published JOSE vectors: each verifies with its key,
//! fails with one flipped bit, and a key of the wrong type is named as such. Signing round
//! trips through WebCrypto for every key type.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use why401::browser::webcrypto;
use why401::model::keys::{classify, SecretEncoding};
use why401::model::signature::check::{CheckOutcome, Checked};
use why401::model::signature::plan::{plan, Attempt, KeyImport, Verification};
use why401::model::signature::sign;
use why401::model::token::jose;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! fx {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys/", $name))
    };
}

const RFC7515_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7520_4_1: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";

/// (name, token, its key)
fn vectors() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("RFC 7515 A.1 HS256", RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json")),
        ("RFC 7515 A.2 RS256", fx!("rfc7515_a2.jwt"), fx!("rfc7515_a2_rsa.jwk.json")),
        ("RFC 7515 A.3 ES256", fx!("rfc7515_a3.jwt"), fx!("rfc7515_a3_ec_p256.jwk.json")),
        ("RFC 7515 A.4 ES512", fx!("rfc7515_a4.jwt"), fx!("rfc7515_a4_ec_p521.jwk.json")),
        ("RFC 8037 A.4 Ed25519", fx!("rfc8037_a4.jwt"), fx!("rfc8037_a4_ed25519.jwk.json")),
        ("RFC 7520 4.1 RS256", RFC7520_4_1, fx!("rfc7520_3_3_rsa_public.jwk.json")),
        ("RFC 7520 4.2 PS384", fx!("rfc7520_4_2.jwt"), fx!("rfc7520_3_3_rsa_public.jwk.json")),
        ("RFC 7520 4.3 ES512", fx!("rfc7520_4_3.jwt"), fx!("rfc7520_3_1_ec_public.jwk.json")),
        ("RFC 7520 4.4 HS256", fx!("rfc7520_4_4.jwt"), fx!("rfc7520_3_5_oct.jwk.json")),
        ("OpenSSL RS256, X.509 certificate", fx!("rs256_openssl.jwt"), fx!("rsa2048_selfsigned_cert.pem")),
        ("OpenSSL RS256, PKCS#1 public key", fx!("rs256_openssl.jwt"), fx!("rsa2048_pkcs1_public.pem")),
    ]
}

fn verification(token_text: &str, key: &str) -> (Verification, Vec<why401::model::keys::KeyMaterial>) {
    let keys = classify(key, SecretEncoding::Utf8);
    let p = plan(&jose::parse(token_text.trim()), &keys.keys, keys.is_set);
    let v = p.verification.unwrap_or_else(|| panic!("{token_text}: {:?}", p.blocked));
    assert!(!v.attempts.is_empty(), "{token_text}: a verification with no key to try");
    (v, keys.keys)
}

fn outcomes(checked: &[Checked]) -> Vec<CheckOutcome> {
    checked.iter().map(|c| c.outcome.clone()).collect()
}

#[wasm_bindgen_test]
async fn every_published_vector_verifies_with_its_key() {
    for (name, token_text, key) in vectors() {
        let (v, keys) = verification(token_text, key);
        let got = outcomes(&webcrypto::verify(&v, &keys).await);
        assert_eq!(got.last(), Some(&CheckOutcome::Verified), "{name}: {got:?}");
    }
}

#[wasm_bindgen_test]
async fn an_imported_key_is_reused_only_for_the_same_key() {
    // webcrypto keeps the last imported keys: the same token checked with another RS256 key
    // must not be answered with the key imported before it, and back again.
    for (key, expected) in [
        (fx!("rfc7520_3_3_rsa_public.jwk.json"), CheckOutcome::Verified),
        (fx!("rfc7515_a2_rsa.jwk.json"), CheckOutcome::Invalid),
        (fx!("rfc7520_3_3_rsa_public.jwk.json"), CheckOutcome::Verified),
        (fx!("rfc7515_a2_rsa.jwk.json"), CheckOutcome::Invalid),
    ] {
        let (v, keys) = verification(RFC7520_4_1, key);
        let got = outcomes(&webcrypto::verify(&v, &keys).await);
        assert_eq!(got.last(), Some(&expected), "{got:?}");
    }
}

#[wasm_bindgen_test]
async fn one_flipped_bit_in_the_signature_or_the_signed_bytes_fails() {
    for (name, token_text, key) in vectors() {
        let (v, keys) = verification(token_text, key);
        for bit in [0usize, 7, 8 * v.signature.len() - 1] {
            let mut flipped = v.clone();
            flipped.signature[bit / 8] ^= 1 << (bit % 8);
            let got = outcomes(&webcrypto::verify(&flipped, &keys).await);
            // Every key tried, and each says invalid: not an empty list, not an import failure.
            assert_eq!(got, vec![CheckOutcome::Invalid; v.attempts.len()], "{name}, signature bit {bit}");
        }
        let mut flipped = v.clone();
        flipped.signing_input[3] ^= 0x01;
        let got = outcomes(&webcrypto::verify(&flipped, &keys).await);
        assert_eq!(got, vec![CheckOutcome::Invalid; v.attempts.len()], "{name}, signed bytes");
    }
}

#[wasm_bindgen_test]
async fn a_key_of_the_wrong_type_is_named_not_a_generic_error() {
    // Even when a caller pairs a key with an algorithm it cannot serve, WebCrypto's "Data
    // provided to an operation does not meet requirements" never reaches the user.
    let (hs, _) = verification(RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json"));
    let (_, ec_keys) = verification(fx!("rfc7515_a3.jwt"), fx!("rfc7515_a3_ec_p256.jwk.json"));
    let mut wrong = hs.clone();
    wrong.attempts = vec![Attempt {
        key: 0,
        import: KeyImport::Spki(ec_keys[0].spki_der.clone().unwrap()),
        refusals: Vec::new(),
        named_by_token: None,
    }];
    let got = outcomes(&webcrypto::verify(&wrong, &ec_keys).await);
    match &got[..] {
        [CheckOutcome::ImportFailed(why)] => {
            assert!(why.contains("cannot check a HMAC with SHA-256 signature, which needs a shared secret; the key is an EC key on P-256"), "{why}")
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn signing_round_trips_through_webcrypto_for_every_key_type() {
    let cases = [
        ("HS256", "a secret that is at least thirty-two bytes long", "a secret that is at least thirty-two bytes long"),
        ("HS512", "k".repeat(64).leak() as &str, "k".repeat(64).leak() as &str),
        ("RS256", fx!("rsa2048_pkcs8.pem"), fx!("rsa2048_spki.pem")),
        ("PS256", fx!("rsa2048_pkcs1_private.pem"), fx!("rsa2048_selfsigned_cert.pem")),
        ("PS384", fx!("rfc7520_3_4_rsa_private.jwk.json"), fx!("rfc7520_3_3_rsa_public.jwk.json")),
        ("ES256", fx!("ec_p256_sec1.pem"), fx!("ec_p256_spki.pem")),
        ("ES384", fx!("ec_p384_sec1.pem"), fx!("ec_p384_spki.pem")),
        ("EdDSA", fx!("ed25519_pkcs8.pem"), fx!("ed25519_spki.pem")),
        // A private key pasted to verify: its public half is derived in WebCrypto and used.
        ("EdDSA", fx!("ed25519_pkcs8.pem"), fx!("ed25519_pkcs8.pem")),
        ("RS256", fx!("rsa2048_pkcs8.pem"), fx!("rsa2048_pkcs8.pem")),
    ];
    for (alg, private, public) in cases {
        let signing_keys = classify(private, SecretEncoding::Utf8);
        assert!(signing_keys.errors.is_empty(), "{alg}: {:?}", signing_keys.errors);
        let signing = sign::prepare(
            &format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
            "{\"sub\": \"round trip\"}",
            &signing_keys.keys,
        )
        .unwrap_or_else(|e| panic!("{alg}: {e}"));
        let signature = webcrypto::sign(&signing).await.unwrap_or_else(|e| panic!("{alg}: {e}"));
        let jwt = sign::assemble(&signing.signing_input, &signature);
        let (v, keys) = verification(&jwt, public);
        let got = outcomes(&webcrypto::verify(&v, &keys).await);
        assert_eq!(got.last(), Some(&CheckOutcome::Verified), "{alg}: {got:?}");
        // And the decoded token says what was signed.
        let t = jose::parse(&jwt);
        assert_eq!(t.claims().and_then(|c| c.get("sub")).and_then(|s| s.as_str()), Some("round trip"), "{alg}");
    }
}

#[wasm_bindgen_test]
async fn ed25519_support_is_detected() {
    // Debian's Chromium has had Ed25519 in WebCrypto since 137; the probe must see it.
    assert!(webcrypto::ed25519_supported().await);
}
