//! The public test vectors of RFC 7515, 7519 and 7520, decoded as the RFCs say.

mod common;

use common::oracle::check_token;
use common::*;
use serde_json::json;
use why401::model::token::inspect::inspect;
use why401::model::token::jose::{self, Kind, Part, PartError, Payload, ShapeError};

#[test]
fn rfc7515_a1_hs256_with_crlf_in_the_header() {
    let t = jose::parse(RFC7515_A1);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.alg(), Some("HS256"));
    assert_eq!(t.header().unwrap().get("typ"), Some(&json!("JWT")));
    let claims = t.claims().unwrap();
    assert_eq!(claims.get("iss"), Some(&json!("joe")));
    assert_eq!(claims.get("exp"), Some(&json!(1300819380)));
    assert_eq!(claims.get("http://example.com/is_root"), Some(&json!(true)));
    let Kind::Jws(jws) = &t.kind else { panic!("not a JWS") };
    assert_eq!(jws.signature.as_ref().unwrap().len(), 32, "HS256 signatures are 32 bytes");
    let parts: Vec<Part> = t.segments.iter().map(|s| s.part).collect();
    assert_eq!(parts, [Part::Header, Part::Payload, Part::Signature]);
    assert_eq!(&RFC7515_A1[t.range_of(Part::Signature).unwrap()], "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

#[test]
fn rfc7515_a5_unsecured_token() {
    let t = jose::parse(RFC7515_A5);
    assert!(t.problems.is_empty());
    assert_eq!(t.alg(), Some("none"));
    assert!(t.range_of(Part::Signature).unwrap().is_empty());
    assert_eq!(t.claims().unwrap().get("iss"), Some(&json!("joe")));
}

#[test]
fn rfc7520_4_1_plain_text_payload() {
    let t = jose::parse(RFC7520_4_1);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.header().unwrap().get("kid"), Some(&json!("bilbo.baggins@hobbiton.example")));
    let Kind::Jws(jws) = &t.kind else { panic!("not a JWS") };
    assert_eq!(jws.payload, Some(Payload::Text(FRODO.to_string())));
    assert_eq!(jws.signature.as_ref().unwrap().len(), 256, "RSA-2048 signature");
    assert!(t.claims().is_none());
}

#[test]
fn rfc7520_5_6_five_part_jwe() {
    let t = jose::parse(RFC7520_5_6);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let Kind::Jwe(jwe) = &t.kind else { panic!("not a JWE: {:?}", t.kind) };
    let h = jwe.header.as_ref().unwrap();
    assert_eq!(h.get("alg"), Some(&json!("dir")));
    assert_eq!(h.get("enc"), Some(&json!("A128GCM")));
    assert_eq!(h.get("kid"), Some(&json!("77c7e2b8-6e13-45cf-8672-617b5b45243a")));
    assert_eq!(jwe.encrypted_key_len, 0, "dir has no encrypted key");
    assert_eq!(t.segments.len(), 5);
}

/// Malformed inputs: each gets a located, plain-words error, never a panic.
#[test]
fn malformed_inputs_are_located() {
    let good = RFC7515_A1;
    let (h, rest) = good.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    let cases: Vec<(String, &str)> = vec![
        (format!("{h}.{p}"), "this has 2: the signature part is missing"),
        (format!("{h}.{p}.{s}.x"), "this has 4: one part is missing"),
        (
            format!("{h}.{}!{}.{s}", &p[..17], &p[17..]),
            "payload is not valid base64url at byte 17: '!' is not a base64url character",
        ),
        (format!("{h}.{}.{s}", &p[..p.len() - 1]), "payload is not valid base64url: "),
        (
            format!("{}.{p}.{s}", common_b64("{\"alg\":\"HS256\",}")),
            "header: JSON error at line 1 col 16: trailing comma",
        ),
        (format!("{}.{p}.{s}", common_b64("[1]")), "header is JSON but not an object"),
        (format!("{}.{p}.{s}", common_b64("{\"typ\":\"JWT\"}")), "header has no \"alg\""),
        (format!(".{p}.{s}"), "header is empty"),
        (format!("{h}.{}.{s}", common_b64("{\"sub\": \"x\",\n \"exp\": }")), "payload: JSON error at line 2 col 9"),
        (format!("{h}.{}.{s}", base64_raw(&[0xff, 0xfe, b'{'])), ""),
        (format!("{}.{p}.{s}", base64_raw(&[b'{', 0xff])), "header is not valid UTF-8 at byte 1"),
    ];
    for (input, expected) in cases {
        let t = jose::parse(&input);
        let messages: Vec<String> =
            t.shape_error.iter().map(|e| e.to_string()).chain(t.problems.iter().map(|p| p.to_string())).collect();
        if expected.is_empty() {
            // Binary payloads are legal in a JWS: shown, not an error.
            assert!(messages.is_empty(), "{input}: {messages:?}");
            continue;
        }
        assert!(messages.iter().any(|m| m.contains(expected)), "{input}\nexpected {expected:?} in {messages:?}");
    }
}

#[test]
fn standard_base64_is_reported_but_still_decoded() {
    // '+' and '/' where '-' and '_' belong, and '=' padding: decoded, flagged.
    let header = common_b64("{\"alg\":\"HS256\"}");
    let payload = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "{\"sub\":\"a?>?\"}".as_bytes());
    assert!(payload.contains('/') || payload.contains('+') || payload.contains('='), "{payload}");
    let t = jose::parse(&format!("{header}.{payload}.sig"));
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.non_url_safe.len(), 1);
    assert_eq!(t.non_url_safe[0].0, Part::Payload);
    assert_eq!(t.claims().unwrap().get("sub"), Some(&json!("a?>?")));
}

#[test]
fn opaque_and_empty() {
    assert_eq!(jose::parse("").shape_error, Some(ShapeError::Empty));
    assert!(matches!(jose::parse("ghp_0123456789abcdef").kind, Kind::KnownOpaque(k) if k.vendor == "GitHub"));
    assert!(matches!(jose::parse("ya29.a0AfH6SMB.x.y").kind, Kind::KnownOpaque(k) if k.vendor == "Google"));
    assert_eq!(jose::parse("8f14e45fceea167a5a36dedd4bea2543").kind, Kind::UnknownOpaque);
    assert_eq!(jose::parse("eyJhbGciOiJIUzI1NiJ9").shape_error, Some(ShapeError::PartCount { found: 1 }));
}

#[test]
fn a_token_without_its_signature_part_is_still_read() {
    let (h, rest) = RFC7515_A1.split_once('.').unwrap();
    let (p, _) = rest.split_once('.').unwrap();
    let t = jose::parse(&format!("{h}.{p}"));
    assert_eq!(t.shape_error, Some(ShapeError::PartCount { found: 2 }));
    assert_eq!(t.claims().unwrap().get("iss"), Some(&json!("joe")));
    assert_eq!(t.segments.len(), 2);
}

#[test]
fn header_problems_do_not_hide_the_payload() {
    let t = jose::parse(&format!("eyJhbGciOiJIUzI1NiJ9x!.{}", RFC7515_A1.split_once('.').unwrap().1));
    assert!(matches!(t.problems[0].error, PartError::Base64(_)));
    assert_eq!(t.claims().unwrap().get("iss"), Some(&json!("joe")));
}

#[test]
fn inspector_accepts_every_wrapping() {
    for input in [
        RFC7515_A1.to_string(),
        format!("Bearer {RFC7515_A1}"),
        format!("Authorization: Bearer {RFC7515_A1}"),
        format!("\"{RFC7515_A1}\""),
        format!("\n  {RFC7515_A1}  \n"),
        format!("curl https://api.example.com/v1 -H 'Authorization: Bearer {RFC7515_A1}'"),
        format!("curl ^\"https://api.example.com/v1^\" -H ^\"authorization: Bearer {RFC7515_A1}^\""),
    ] {
        let i = inspect(&input);
        assert_eq!(i.token.text, RFC7515_A1, "{input}");
        assert_eq!(i.token.claims().unwrap().get("iss"), Some(&json!("joe")));
    }
}

/// Every single-character deletion and a set of substitutions of three real tokens (HS256,
/// unsecured, JWE), parsed directly and through `inspect`: each part that still decodes shows
/// exactly the oracle's bytes, every problem names its part and a place inside it, and a broken
/// part never hides the others (see `common::oracle::check_token`).
#[test]
fn mangled_tokens_keep_what_still_decodes() {
    let mut failures = Vec::new();
    let mut tokens = 0;
    // How often each outcome came up: a mutation loop that never reaches one proves nothing.
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for base in [RFC7515_A1, RFC7515_A5, RFC7520_5_6] {
        assert!(base.is_ascii());
        for i in 0..base.len() {
            let mut mangled = vec![format!("{}{}", &base[..i], &base[i + 1..])];
            for c in ['.', '=', '+', ' ', '"', 'é', '\0'] {
                mangled.push(format!("{}{c}{}", &base[..i], &base[i + 1..]));
            }
            for s in mangled {
                tokens += 1;
                for (how, t) in [("parse", jose::parse(&s)), ("inspect", inspect(&s).token)] {
                    match check_token(&t) {
                        Err(why) => failures.push(format!("{how} {s:?}: {why}")),
                        Ok(lenient) => {
                            for p in lenient {
                                *seen.entry(format!("{} read leniently", p.name())).or_default() += 1;
                            }
                        }
                    }
                    for p in &t.problems {
                        let kind = format!("{:?}", p.error);
                        let kind = kind.split(['(', ' ', '{']).next().unwrap();
                        *seen.entry(format!("{} {kind}", p.part.name())).or_default() += 1;
                    }
                    for (p, _) in &t.non_url_safe {
                        *seen.entry(format!("{} flagged", p.name())).or_default() += 1;
                    }
                    if let Some(e) = &t.shape_error {
                        *seen.entry(format!("shape {e:?}")).or_default() += 1;
                    }
                    // The review's example, spelled out: a broken signature keeps the claims.
                    let signature_broken = t.problems.iter().any(|p| p.part == Part::Signature);
                    if signature_broken && base == RFC7515_A1 {
                        *seen.entry("signature broken, claims kept".into()).or_default() +=
                            usize::from(t.claims().is_some_and(|c| c.get("iss") == Some(&json!("joe"))));
                    }
                }
            }
        }
    }
    assert!(tokens > 1400, "{tokens} mangled tokens");
    assert!(
        failures.is_empty(),
        "{} of {} checks failed:\n{}",
        failures.len(),
        2 * tokens,
        failures[..failures.len().min(20)].join("\n")
    );
    for outcome in [
        "header Base64",
        "payload Base64",
        "signature Base64",
        "authentication tag Base64",
        "header Json",
        "payload Json",
        "header Utf8",
        "header flagged",
        "payload flagged",
        "signature flagged",
        "signature read leniently",
        "shape PartCount { found: 4 }",
        "shape PartCount { found: 2 }",
        "signature broken, claims kept",
    ] {
        assert!(seen.get(outcome).is_some_and(|n| *n > 0), "never seen: {outcome}; seen {seen:#?}");
    }
}

fn common_b64(s: &str) -> String {
    base64_raw(s.as_bytes())
}

fn base64_raw(b: &[u8]) -> String {
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, b)
}
