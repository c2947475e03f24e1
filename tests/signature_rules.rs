//! Signature checks as planned for WebCrypto: every signature code fires on its case and stays
//! silent on a near miss, the published vectors plan the right call, and a wrong key type is
//! always named as such rather than left to a generic "invalid signature". The table and the
//! key builders are in `common::tables::signature`, which `findings_docs` also runs.

#[macro_use]
mod common;

use common::tables::{self, signature::*};
use common::*;
use why401::model::findings::Finding;
use why401::model::keys::SecretEncoding;
use why401::model::signature::plan::{self, Blocked, KeyImport};

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::signature::outcomes());
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
        p.why.ends_with("the token has no kid, so the keys are tried by type; 2 keys fit and are tried in order; skipped: EC P-256 private key from the JWKS, key 3 (RS256 needs an RSA key)."),
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
        (
            jws_sig(r#"{"alg":"hs256"}"#, "{}", 32),
            key,
            Blocked::UnsupportedAlg {
                alg: "hs256".into(),
                why: "is not \"HS256\": alg values are case-sensitive (RFC 7515 §4.1.1), so a strict server refuses the token".into(),
            },
        ),
        // An unencoded payload (RFC 7797) is checked where it stands; a detached one cannot be.
        (
            {
                let (h, _, sig) = split3(&jws_sig(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, "{}", 32));
                format!("{h}..{sig}")
            },
            key,
            Blocked::UnencodedPayload,
        ),
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
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use common::oracle::check_token;
    use proptest::prelude::*;
    use serde_json::Value;
    use why401::model::json;
    use why401::model::keys::classify;
    use why401::model::keys::KeyMaterial;
    use why401::model::signature::alg::{webcrypto_alg, AlgProblem};
    use why401::model::signature::plan::{after_verification, plan};
    use why401::model::signature::sign::SignError;
    use why401::model::token::jose::{self, Kind, Part, Token};

    fn segment() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z0-9_-]{0,40}",
            Just("eyJhbGciOiJSUzI1NiJ9".to_string()),
            Just("eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ".to_string()),
            Just("eyJhbGciOiJFUzI1NiJ9".to_string()),
            proptest::collection::vec(any::<u8>(), 0..140).prop_map(|b| why401::model::b64::encode(&b)),
        ]
    }

    /// A JWS of a real header and a signature of a length some algorithm has, so that plans
    /// get as far as choosing keys, not only as far as the first broken part.
    fn shaped_token() -> impl Strategy<Value = String> {
        let header = proptest::sample::select(vec![
            r#"{"alg":"HS256","kid":"k"}"#,
            r#"{"alg":"HS256"}"#,
            r#"{"alg":"RS256","kid":"k"}"#,
            r#"{"alg":"ES256"}"#,
            r#"{"alg":"EdDSA"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"HS256","b64":false}"#,
            r#"{"alg":"ES256K"}"#,
            r#"{"typ":"JWT"}"#,
        ]);
        let signature = proptest::sample::select(vec![0usize, 32, 64, 70, 256])
            .prop_flat_map(|n| proptest::collection::vec(any::<u8>(), n));
        (header, segment(), signature)
            .prop_map(|(h, p, s)| format!("{}.{p}.{}", URL_SAFE_NO_PAD.encode(h), URL_SAFE_NO_PAD.encode(s)))
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

    fn variant(b: &Blocked) -> String {
        format!("{b:?}").split(['(', ' ', '{']).next().unwrap_or_default().to_string()
    }

    /// The reason the plan must stop for, as far as it follows from the token alone (RFC 7515
    /// §5.2 order: a JWS, its header, its alg, then its signature); None when keys decide.
    fn first_blocker(t: &Token) -> Option<&'static str> {
        let Kind::Jws(jws) = &t.kind else { return Some("NotJws") };
        let Some(header) = &jws.header else { return Some("NoHeader") };
        let Some(alg) = header.get("alg").and_then(Value::as_str) else { return Some("NoAlg") };
        match webcrypto_alg(alg) {
            Err(AlgProblem::None) => return Some("Unsigned"),
            Err(_) => return Some("UnsupportedAlg"),
            Ok(_) => {}
        }
        let detached = t.range_of(Part::Payload).is_none_or(|r| r.is_empty());
        if header.get("b64") == Some(&Value::Bool(false)) && detached {
            return Some("UnencodedPayload");
        }
        jws.signature.as_ref().is_none_or(|s| s.is_empty()).then_some("NoSignature")
    }

    /// What a plan promises for this token and these keys: a verification of exactly the
    /// token's signed bytes and signature with named keys, or one reason, in words that name
    /// what stopped it.
    fn check_plan(t: &Token, keys: &[KeyMaterial], is_set: bool) -> Result<(), String> {
        let p = plan(t, keys, is_set);
        let alg = t.alg().unwrap_or_default();
        match (&p.verification, &p.blocked) {
            (Some(v), None) => {
                let Kind::Jws(jws) = &t.kind else { return Err("a verification without a JWS".into()) };
                let payload_end = t.range_of(Part::Payload).ok_or("no payload")?.end;
                if v.signing_input != t.text.as_bytes()[..payload_end] {
                    return Err(format!(
                        "signs {:?}, not the token's header.payload",
                        String::from_utf8_lossy(&v.signing_input)
                    ));
                }
                if Some(&v.signature) != jws.signature.as_ref() {
                    return Err("checks another signature than the token's".into());
                }
                let Some(first) = v.attempts.first() else { return Err("a verification with no key to try".into()) };
                if v.attempts.iter().any(|a| a.key >= keys.len())
                    || p.key != Some(first.key)
                    || p.alg.as_deref() != t.alg()
                {
                    return Err(format!(
                        "attempts {:?}, key {:?}, alg {:?}",
                        v.attempts.iter().map(|a| a.key).collect::<Vec<_>>(),
                        p.key,
                        p.alg
                    ));
                }
                let label = keys[first.key].label();
                if !p.why.starts_with(&format!("{label} is used: ")) {
                    return Err(format!("why does not name the key {label:?}: {}", p.why));
                }
                let failed = after_verification(&p, keys, false);
                let evidence = failed.first().map(|f| f.evidence.clone()).unwrap_or_default();
                let names =
                    if v.attempts.len() == 1 { label } else { format!("none of the {} keys", v.attempts.len()) };
                if failed.iter().map(Finding::code).collect::<Vec<_>>() != ["signature_invalid"]
                    || !evidence.contains(&names)
                {
                    return Err(format!("a failed check says {evidence:?}, not naming {names:?}"));
                }
                if !after_verification(&p, keys, true).is_empty() {
                    return Err("a verified signature still has findings".into());
                }
            }
            (None, Some(b)) => {
                if p.why != b.to_string() || !p.why.starts_with("Not checked: ") {
                    return Err(format!("why {:?} for {b:?}", p.why));
                }
                let got = variant(b);
                match first_blocker(t) {
                    Some(want) if want != got => {
                        return Err(format!("blocked by {got}, but the token says {want}: {}", p.why))
                    }
                    Some(_) => {}
                    None if !["SignatureShape", "NoKeys", "NoUsableKey"].contains(&got.as_str()) => {
                        return Err(format!("blocked by {got} although the token gets as far as its keys: {}", p.why))
                    }
                    None => {}
                }
                let says = |part: &str| p.why.contains(part);
                let located = |part: Part| {
                    t.problems.iter().any(|x| x.part == part) || t.range_of(part).is_none_or(|r| r.is_empty())
                };
                let ok = match b {
                    Blocked::NotJws { .. } => !matches!(t.kind, Kind::Jws(_)),
                    Blocked::NoHeader => says("header") && located(Part::Header),
                    Blocked::NoAlg => says("\"alg\""),
                    Blocked::Unsigned => alg == "none",
                    Blocked::UnsupportedAlg { .. } => says(&format!("alg \"{alg}\"")),
                    Blocked::UnencodedPayload => says("\"b64\": false"),
                    Blocked::NoSignature => says("signature") && located(Part::Signature),
                    Blocked::SignatureShape(_) => {
                        let len = match &t.kind {
                            Kind::Jws(j) => j.signature.as_ref().map_or(0, Vec::len),
                            _ => 0,
                        };
                        says(alg) && says(&format!(" {len} bytes")) || says(&format!("this one is {len}."))
                    }
                    Blocked::NoKeys => keys.is_empty() && says("Key field"),
                    Blocked::NoUsableKey(_) => {
                        let kid = t.header().and_then(|h| h.get("kid")).and_then(Value::as_str);
                        !keys.is_empty()
                            && (says(alg) || kid.is_some_and(says) || keys.iter().any(|k| says(&k.label())))
                    }
                };
                if !ok {
                    return Err(format!("{b:?} does not say what stopped it: {}", p.why));
                }
                if keys.is_empty() && got == "NoUsableKey" {
                    return Err("no usable key among no keys".into());
                }
                if !after_verification(&p, keys, false).is_empty() {
                    return Err("findings after a check that never ran".into());
                }
            }
            _ => return Err(format!("verification {:?} and blocked {:?}", p.verification.is_some(), p.blocked)),
        }
        Ok(())
    }

    /// Where a JSON error must point: inside the text, and the message says where.
    fn check_json_error(what: &str, text: &str, e: &json::JsonError, message: &str) -> Result<(), String> {
        let lines: Vec<&str> = text.split('\n').collect();
        let inside = e.line >= 1 && e.line <= lines.len() && e.column <= lines[e.line - 1].len() + 1;
        let named = message.starts_with(&format!("{what}: JSON error at line {} col {}: ", e.line, e.column));
        if inside && named && Some(e) == json::parse(text).err().as_ref() {
            Ok(())
        } else {
            Err(format!("{what} error {e:?} for {text:?}: {message}"))
        }
    }

    proptest! {
        // Every way a plan can end comes up in about 250 cases; these many reach verification often.
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn random_tokens_and_keys_are_planned_as_promised(
            text in prop_oneof![proptest::collection::vec(segment(), 1..6).prop_map(|p| p.join(".")), shaped_token()],
            key in key_text(),
            encoding in proptest::sample::select(vec![SecretEncoding::Base64, SecretEncoding::Utf8]),
        ) {
            let keys = classify(&key, encoding);
            let t = jose::parse(&text);
            let decoded = check_token(&t);
            prop_assert!(decoded.is_ok(), "{}: {}", text, decoded.unwrap_err());
            let planned = check_plan(&t, &keys.keys, keys.is_set);
            prop_assert!(planned.is_ok(), "{} with {:?}: {}", text, key, planned.unwrap_err());
        }

        #[test]
        fn signing_signs_what_was_written_or_says_which_part_is_wrong(
            header in prop_oneof![any::<String>(), "\\{\"alg\":\"(HS256|RS256|ES256|EdDSA|none|x)\"(,\"kid\":\"k\")?\\}", "\\{\"alg\":1\\}|\\[\\]|\\{\"alg\":\"HS256\",\\}"],
            payload in prop_oneof![any::<String>(), Just("{\"sub\":\"x\"}".to_string()), "\\{\"sub\":\"x\"\n,?\\}|\\[1\\]|\\{\"a\":"],
            key in key_text(),
        ) {
            let keys = classify(&key, SecretEncoding::Utf8);
            let result = why401::model::signature::sign::prepare(&header, &payload, &keys.keys);
            match (json::parse(&header), json::parse(&payload), result) {
                // What would be signed is the base64url of the same JSON, header first.
                (Ok(h), Ok(p), Ok(s)) => {
                    let parts: Vec<&str> = s.signing_input.split('.').collect();
                    prop_assert_eq!(parts.len(), 2, "{}", s.signing_input);
                    let read = |part: &str| URL_SAFE_NO_PAD.decode(part).ok().and_then(|b| String::from_utf8(b).ok()).and_then(|t| json::parse(&t).ok());
                    prop_assert_eq!(read(parts[0]), Some(h.clone()));
                    prop_assert_eq!(read(parts[1]), Some(p));
                    prop_assert_eq!(Some(s.alg.as_str()), h.get("alg").and_then(Value::as_str));
                }
                (Err(je), _, Err(e)) => {
                    prop_assert_eq!(&e, &SignError::Header(je.clone()));
                    let located = check_json_error("header", &header, &je, &e.to_string());
                    prop_assert!(located.is_ok(), "{}", located.unwrap_err());
                }
                (Ok(h), _, Err(e)) if !h.is_object() => {
                    prop_assert_eq!(&e, &SignError::HeaderNotObject);
                    prop_assert!(e.to_string().starts_with("header: a JOSE header must be a JSON object"), "{}", e);
                }
                (Ok(_), Err(je), Err(e)) => {
                    prop_assert_eq!(&e, &SignError::Payload(je.clone()));
                    let located = check_json_error("payload", &payload, &je, &e.to_string());
                    prop_assert!(located.is_ok(), "{}", located.unwrap_err());
                }
                (Ok(h), Ok(_), Err(e)) => match h.get("alg").and_then(Value::as_str) {
                    None => {
                        prop_assert_eq!(&e, &SignError::NoAlg);
                        prop_assert!(e.to_string().starts_with("header: \"alg\" is missing"), "{}", e);
                    }
                    // Every other reason is about the alg and the key: it names the alg.
                    Some(alg) => prop_assert!(e.to_string().contains(alg), "{:?} does not name {}: {}", e, alg, e),
                },
                (h, p, Ok(s)) => prop_assert!(false, "signed {:?} although header {:?} / payload {:?}", s.signing_input, h.err(), p.err()),
            }
        }
    }
}

/// In a key set, each key left out is named with its reason, and the one tried is said.
/// (The OpenSSL fixture's kid is "why401-rsa".)
#[test]
fn skipped_keys_of_a_set_are_named_with_the_reason() {
    let set = jwks(&[
        jwk_of(RSA_SPKI_DER, &[("kid", "why401-rsa"), ("use", "enc")]),
        jwk_of(EC_SPKI_DER, &[("kid", "why401-rsa")]),
        jwk_of(RSA_SPKI_DER, &[("kid", "why401-rsa")]),
    ]);
    let (p, _) = planned(fx!("rs256_openssl.jwt").trim(), &set, SecretEncoding::Utf8);
    // Three keys under the token's kid, only one of which can check RS256 signatures: no
    // ambiguity (RFC 7517 §4.5 lets keys of different types or uses share a kid).
    assert!(p.why.contains("from the JWKS, key 3 is used"), "{}", p.why);
    assert!(p.why.contains("from the JWKS, key 1 (it is for encryption"), "{}", p.why);
    assert!(p.why.contains("from the JWKS, key 2 (RS256 needs an RSA key)"), "{}", p.why);
    assert!(p.findings.iter().all(|f| f.code() != "jwks_duplicate_kid"), "{:?}", p.findings);
    // A lone key is not a set: nothing to skip, nothing said.
    let (lone, _) = planned(fx!("rs256_openssl.jwt").trim(), &jwk_of(RSA_SPKI_DER, &[]), SecretEncoding::Utf8);
    assert!(!lone.why.contains("skipped"), "{}", lone.why);
}

/// A key taken from the token's own header (by a button) verifies it only as a curiosity: the
/// verdict says that it proves nothing. The same key pasted by the user, or fetched from the
/// issuer, is the API's own and counts.
#[test]
fn verifying_with_the_key_the_token_names_proves_nothing() {
    use why401::model::signature::check::{judge, CheckOutcome, Checked, Verdict};
    use why401::model::token::inspect::inspect;
    let verified = |token: &str, key: &str, from_token: Option<&'static str>| {
        let keys = why401::model::keys::classify(key, SecretEncoding::Utf8);
        let p = plan::plan_pasted(&inspect(token), &keys.keys, keys.is_set, from_token);
        let first = p.verification.as_ref().unwrap().attempts[0].key;
        judge(&p, &keys.keys, &[Checked { attempt: 0, key: first, outcome: CheckOutcome::Verified }]).0
    };
    let x5c = verified(fx!("x5c_rs256.jwt").trim(), fx!("x5c_2025_2035_cert.pem"), Some("x5c"));
    assert!(matches!(x5c, Verdict::SelfNamed { member: "x5c", .. }), "{x5c:?}");
    assert!(
        x5c.sentence().contains("which proves nothing: anyone can sign a token and name their own key"),
        "{}",
        x5c.sentence()
    );
    assert_eq!(x5c.tone(), None);
    // A secret from the token's jwk, or keys fetched from its jku: the same.
    let secret = verified(RFC7515_A1, fx!("rfc7515_a1_oct.jwk.json"), Some("jwk"));
    assert!(matches!(secret, Verdict::SelfNamed { member: "jwk", .. }), "{secret:?}");
    let jku = verified(
        fx!("rs256_openssl.jwt").trim(),
        &jwks(&[jwk_of(RSA_SPKI_DER, &[("kid", "why401-rsa")])]),
        Some("jku"),
    );
    assert!(matches!(jku, Verdict::SelfNamed { member: "jku", .. }), "{jku:?}");
    // The very certificate, pasted by the user (the issuer's own key, say): it counts.
    assert!(matches!(
        verified(fx!("x5c_rs256.jwt").trim(), fx!("x5c_2025_2035_cert.pem"), None),
        Verdict::Verified { .. }
    ));
}

/// The ROCA fingerprint on a real vulnerable modulus (Wycheproof's key for tcId 7), and not on
/// an ordinary 2048-bit key of the same file.
#[test]
fn roca_is_found_on_the_published_vulnerable_key() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/wycheproof/json_web_key_test.json")).unwrap();
    let key_of = |tc: u64| {
        let group = doc["testGroups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["tests"].as_array().unwrap().iter().any(|t| t["tcId"] == tc))
            .unwrap();
        let keys = why401::model::keys::classify(&group["public"].to_string(), SecretEncoding::Utf8).keys;
        why401::model::signature::strict::key_refusals("RS256", &keys[0])
    };
    let roca = key_of(7);
    assert!(roca.iter().any(|f| f.code() == "rsa_key_weak" && f.evidence.contains("ROCA")), "{roca:?}");
    assert!(key_of(5).iter().all(|f| f.code() != "rsa_key_weak"));
}
