//! JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2) and JWK Sets, pasted or fetched. A broken key in
//! a set is reported on its own and the other keys stay usable, because the key the token
//! needs is often a different one.

use super::kind::{Curve, Private, PublicParts};
use super::material::KeyMaterial;
use super::origin::Origin;
use super::pem;
use super::spki;
use crate::model::b64;
use crate::model::json::{self, JsonError};
use serde_json::{Map, Value};
use std::fmt;

/// Which key of the paste an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRef {
    /// Position in the set, from 0; `None` for a lone JWK.
    pub index: Option<usize>,
    pub kid: Option<String>,
}

impl fmt::Display for KeyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) => write!(f, "key {}", i + 1)?,
            None => write!(f, "the JWK")?,
        }
        match &self.kid {
            Some(kid) => write!(f, " (kid \"{kid}\")"),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwkError {
    Json(JsonError),
    /// Valid JSON, but neither a JWK nor a JWKS; `found` says what it looks like.
    NotJwk {
        found: String,
    },
    /// OpenID/OAuth metadata was pasted instead of the key set it points to.
    Metadata {
        jwks_uri: Option<String>,
    },
    EmptySet,
    NotAnObject {
        key: KeyRef,
    },
    Missing {
        key: KeyRef,
        member: &'static str,
        needs: &'static str,
    },
    NotString {
        key: KeyRef,
        member: String,
    },
    Member {
        key: KeyRef,
        member: &'static str,
        problem: String,
    },
    UnsupportedKty {
        key: KeyRef,
        kty: String,
    },
    UnsupportedCurve {
        key: KeyRef,
        crv: String,
        why: &'static str,
    },
    X5c {
        key: KeyRef,
        problem: String,
    },
}

impl fmt::Display for JwkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwkError::Json(e) => write!(f, "{e}"),
            JwkError::NotJwk { found } => write!(f, "this JSON is {found}, not a JWK (an object with \"kty\") or a JWKS (an object with \"keys\")"),
            JwkError::Metadata { jwks_uri: Some(uri) } => {
                write!(f, "this is the issuer's metadata, not its keys: open its jwks_uri ({uri}) and paste that")
            }
            JwkError::Metadata { jwks_uri: None } => write!(f, "this is the issuer's metadata, not its keys, and it has no jwks_uri"),
            JwkError::EmptySet => write!(f, "the JWKS has an empty \"keys\" array: the issuer publishes no keys"),
            JwkError::NotAnObject { key } => write!(f, "{key} is not a JSON object"),
            JwkError::Missing { key, member, needs } => write!(f, "{key}: \"{member}\" is missing; {needs}"),
            JwkError::NotString { key, member } => write!(f, "{key}: \"{member}\" must be a string"),
            JwkError::Member { key, member, problem } => write!(f, "{key}: \"{member}\" {problem}"),
            JwkError::UnsupportedKty { key, kty } => write!(
                f,
                "{key}: kty \"{kty}\" is not a signature key type; JWS keys are \"RSA\", \"EC\", \"OKP\" or \"oct\" (kty is case-sensitive)"
            ),
            JwkError::UnsupportedCurve { key, crv, why } => write!(f, "{key}: crv \"{crv}\" {why}"),
            JwkError::X5c { key, problem } => write!(f, "{key}: x5c {problem}"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub keys: Vec<KeyMaterial>,
    /// Keys that could not be used, each located.
    pub errors: Vec<JwkError>,
    /// A JWKS rather than a lone JWK: "kid not in the set" only makes sense then.
    pub is_set: bool,
    pub notes: Vec<String>,
}

/// Parses a JWK or a JWKS. Errors about the whole text are `Err`; errors about one key of a
/// set are in `Parsed::errors`.
pub fn parse(text: &str) -> Result<Parsed, JwkError> {
    let value = json::parse(text).map_err(JwkError::Json)?;
    let mut parsed = Parsed::default();
    let entries: Vec<&Value> = match &value {
        Value::Object(map) if map.contains_key("keys") => {
            parsed.is_set = true;
            match map.get("keys") {
                Some(Value::Array(keys)) => keys.iter().collect(),
                _ => return Err(JwkError::NotJwk { found: "an object whose \"keys\" is not an array".into() }),
            }
        }
        Value::Object(map) if map.contains_key("kty") => {
            return key(map, None).map(|k| Parsed { keys: vec![k], ..parsed });
        }
        Value::Object(map) if map.contains_key("jwks_uri") || map.contains_key("issuer") => {
            return Err(JwkError::Metadata {
                jwks_uri: map.get("jwks_uri").and_then(Value::as_str).map(str::to_string),
            });
        }
        Value::Array(keys) if keys.iter().any(|k| k.get("kty").is_some()) => {
            parsed.is_set = true;
            parsed.notes.push("A bare array of keys was read as a JWKS (a JWKS is {\"keys\": [ … ]}).".into());
            keys.iter().collect()
        }
        Value::Object(_) => {
            return Err(JwkError::NotJwk { found: "an object with neither \"kty\" nor \"keys\"".into() })
        }
        Value::Array(_) => return Err(JwkError::NotJwk { found: "an array without keys".into() }),
        Value::String(_) => return Err(JwkError::NotJwk { found: "a JSON string".into() }),
        _ => return Err(JwkError::NotJwk { found: "a JSON number, boolean or null".into() }),
    };
    if entries.is_empty() {
        return Err(JwkError::EmptySet);
    }
    for (i, entry) in entries.into_iter().enumerate() {
        let result = match entry {
            Value::Object(map) => key(map, Some(i)),
            _ => Err(JwkError::NotAnObject { key: KeyRef { index: Some(i), kid: None } }),
        };
        match result {
            Ok(k) => parsed.keys.push(k),
            Err(e) => parsed.errors.push(e),
        }
    }
    Ok(parsed)
}

/// One JWK object; `index` is its position in a set.
pub fn key(map: &Map<String, Value>, index: Option<usize>) -> Result<KeyMaterial, JwkError> {
    let at = KeyRef { index, kid: map.get("kid").and_then(Value::as_str).map(str::to_string) };
    let origin = match index {
        Some(index) => Origin::JwksEntry { index },
        None => Origin::Jwk,
    };
    let kty = string(map, "kty", &at)?.ok_or_else(|| JwkError::Missing {
        key: at.clone(),
        member: "kty",
        needs: "every JWK names its key type (RFC 7517 §4.1)",
    })?;
    let mut material = match kty.as_str() {
        "oct" => {
            let k = bytes(map, "k", &at, "an \"oct\" JWK carries its secret in \"k\" (RFC 7518 §6.4.1)")?;
            if k.is_empty() {
                return Err(JwkError::Member {
                    key: at,
                    member: "k",
                    problem: "is empty: an HMAC key needs bytes".into(),
                });
            }
            KeyMaterial::secret(k, origin)
        }
        "RSA" | "EC" | "OKP" => {
            let parts = public_parts(map, &kty, &at)?;
            let mut material = KeyMaterial::public(&parts, origin);
            if map.contains_key("d") {
                material = material.with_private(Private::Jwk(Value::Object(map.clone()).to_string()));
            }
            if let Some(note) = x5c_note(map, &parts, &at) {
                material.notes.push(note);
            }
            material
        }
        other => return Err(JwkError::UnsupportedKty { key: at, kty: other.to_string() }),
    };
    material.kid = at.kid.clone();
    material.alg = string(map, "alg", &at)?;
    material.use_ = string(map, "use", &at)?;
    if let Some(Value::Array(ops)) = map.get("key_ops") {
        material.key_ops = ops.iter().filter_map(Value::as_str).map(str::to_string).collect();
    }
    Ok(material)
}

fn public_parts(map: &Map<String, Value>, kty: &str, at: &KeyRef) -> Result<PublicParts, JwkError> {
    // Some sets publish only the certificate chain; its first certificate holds the key.
    let has_members = match kty {
        "RSA" => map.contains_key("n"),
        _ => map.contains_key("x"),
    };
    if !has_members {
        if let Some(parts) = x5c_parts(map, at)? {
            return Ok(parts);
        }
    }
    match kty {
        "RSA" => {
            let needs = "an RSA JWK needs \"n\" and \"e\" (RFC 7518 §6.3.1)";
            let n = bytes(map, "n", at, needs)?;
            let e = bytes(map, "e", at, needs)?;
            let strip = |v: Vec<u8>| v.into_iter().skip_while(|b| *b == 0).collect::<Vec<u8>>();
            let (n, e) = (strip(n), strip(e));
            if n.is_empty() || e.is_empty() {
                return Err(JwkError::Member {
                    key: at.clone(),
                    member: if n.is_empty() { "n" } else { "e" },
                    problem: "is zero".into(),
                });
            }
            Ok(PublicParts::Rsa { n, e })
        }
        "EC" => {
            let needs = "an EC JWK needs \"crv\", \"x\" and \"y\" (RFC 7518 §6.2.1)";
            let crv =
                string(map, "crv", at)?.ok_or_else(|| JwkError::Missing { key: at.clone(), member: "crv", needs })?;
            let curve = Curve::from_name(&crv).ok_or_else(|| JwkError::UnsupportedCurve {
                key: at.clone(),
                why: if crv == "secp256k1" {
                    "is for ES256K, which WebCrypto cannot verify"
                } else {
                    "is not a JOSE signature curve: use \"P-256\", \"P-384\" or \"P-521\" (case-sensitive)"
                },
                crv,
            })?;
            let x = coordinate(map, "x", curve, at, needs)?;
            let y = coordinate(map, "y", curve, at, needs)?;
            Ok(PublicParts::Ec { curve, x, y })
        }
        _ => {
            let needs = "an OKP JWK needs \"crv\" and \"x\" (RFC 8037 §2)";
            let crv =
                string(map, "crv", at)?.ok_or_else(|| JwkError::Missing { key: at.clone(), member: "crv", needs })?;
            match crv.as_str() {
                "Ed25519" => {
                    let x = bytes(map, "x", at, needs)?;
                    if x.len() != 32 {
                        return Err(JwkError::Member {
                            key: at.clone(),
                            member: "x",
                            problem: format!("is {} bytes; an Ed25519 public key is 32", x.len()),
                        });
                    }
                    Ok(PublicParts::Ed25519 { x })
                }
                "Ed448" => Err(JwkError::UnsupportedCurve {
                    key: at.clone(),
                    crv,
                    why: "(EdDSA with Ed448) is not verified by browsers",
                }),
                "X25519" | "X448" => Err(JwkError::UnsupportedCurve {
                    key: at.clone(),
                    crv,
                    why: "is for key agreement (encryption), not signatures",
                }),
                _ => Err(JwkError::UnsupportedCurve { key: at.clone(), crv, why: "is not an OKP curve JOSE defines" }),
            }
        }
    }
}

fn coordinate(
    map: &Map<String, Value>,
    member: &'static str,
    curve: Curve,
    at: &KeyRef,
    needs: &'static str,
) -> Result<Vec<u8>, JwkError> {
    let v = bytes(map, member, at, needs)?;
    if v.len() != curve.coordinate_len() {
        // RFC 7518 §6.2.1.2: the full coordinate length, leading zeros kept. WebCrypto refuses
        // anything else, a classic bug of encoders that strip the zeros.
        return Err(JwkError::Member {
            key: at.clone(),
            member,
            problem: format!(
                "is {} bytes; a {} coordinate is exactly {} bytes, leading zeros included (RFC 7518 §6.2.1.2)",
                v.len(),
                curve.name(),
                curve.coordinate_len()
            ),
        });
    }
    Ok(v)
}

fn string(map: &Map<String, Value>, member: &str, at: &KeyRef) -> Result<Option<String>, JwkError> {
    match map.get(member) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(JwkError::NotString { key: at.clone(), member: member.to_string() }),
    }
}

fn bytes(
    map: &Map<String, Value>,
    member: &'static str,
    at: &KeyRef,
    needs: &'static str,
) -> Result<Vec<u8>, JwkError> {
    let text = string(map, member, at)?.ok_or_else(|| JwkError::Missing { key: at.clone(), member, needs })?;
    let decoded = b64::decode_segment(&text);
    match (decoded.bytes, decoded.error) {
        (Some(bytes), _) => Ok(bytes),
        (None, error) => Err(JwkError::Member {
            key: at.clone(),
            member,
            problem: error.map_or_else(|| "is not valid base64url".to_string(), |e| e.to_string()),
        }),
    }
}

fn x5c_parts(map: &Map<String, Value>, at: &KeyRef) -> Result<Option<PublicParts>, JwkError> {
    let Some(chain) = map.get("x5c") else { return Ok(None) };
    let problem = |problem: String| JwkError::X5c { key: at.clone(), problem };
    let first = chain
        .as_array()
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .ok_or_else(|| problem("must be an array of base64 certificates".into()))?;
    // x5c is standard base64 with padding (RFC 7517 §4.7), unlike the rest of the JWK.
    let cert = pem::decode_base64(first).ok_or_else(|| problem("[0] is not valid base64".into()))?;
    let (info, at) = spki::from_certificate(&cert).map_err(|e| problem(format!("[0] is not a certificate: {e}")))?;
    spki::parse_at(info, at).map(Some).map_err(|e| problem(format!("[0]: {e}")))
}

fn x5c_note(map: &Map<String, Value>, parts: &PublicParts, at: &KeyRef) -> Option<String> {
    match x5c_parts(map, at) {
        Ok(Some(from_cert)) if &from_cert != parts => {
            Some("The x5c certificate holds a different key than the JWK's own members; the members are used. The issuer's key set is inconsistent.".into())
        }
        Ok(_) => None,
        // A broken chain does not make the key members wrong; say so and go on.
        Err(e) => Some(format!("{e}; the key members are used.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::kind::KeyKind;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../../tests/fixtures/keys/", $name))
        };
    }

    fn one(text: &str) -> KeyMaterial {
        let p = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        p.keys.into_iter().next().unwrap()
    }

    #[test]
    fn published_vectors() {
        let cases: &[(&str, KeyKind, Option<&str>, bool)] = &[
            (fixture!("rfc7515_a1_oct.jwk.json"), KeyKind::Secret { len: 64 }, None, false),
            (fixture!("rfc7515_a2_rsa.jwk.json"), KeyKind::Rsa { bits: 2048 }, None, true),
            (fixture!("rfc7515_a3_ec_p256.jwk.json"), KeyKind::Ec { curve: Curve::P256 }, None, true),
            (fixture!("rfc7515_a4_ec_p521.jwk.json"), KeyKind::Ec { curve: Curve::P521 }, None, true),
            (fixture!("rfc8037_a4_ed25519.jwk.json"), KeyKind::Ed25519, None, true),
            (
                fixture!("rfc7520_3_1_ec_public.jwk.json"),
                KeyKind::Ec { curve: Curve::P521 },
                Some("bilbo.baggins@hobbiton.example"),
                false,
            ),
            (
                fixture!("rfc7520_3_3_rsa_public.jwk.json"),
                KeyKind::Rsa { bits: 2048 },
                Some("bilbo.baggins@hobbiton.example"),
                false,
            ),
            (
                fixture!("rfc7520_3_4_rsa_private.jwk.json"),
                KeyKind::Rsa { bits: 2048 },
                Some("bilbo.baggins@hobbiton.example"),
                true,
            ),
            (
                fixture!("rfc7520_3_5_oct.jwk.json"),
                KeyKind::Secret { len: 32 },
                Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037"),
                false,
            ),
        ];
        for (text, kind, kid, private) in cases {
            let k = one(text);
            assert_eq!((k.kind, k.kid.as_deref(), k.private.is_some()), (*kind, *kid, *private), "{text}");
            if let Some(jwk) = &k.jwk_json {
                assert!(!jwk.contains("\"d\""), "the public JWK must not carry the private key: {jwk}");
            }
        }
        // The public and private forms of the bilbo key are the same public key.
        assert_eq!(
            one(fixture!("rfc7520_3_3_rsa_public.jwk.json")).spki_der,
            one(fixture!("rfc7520_3_4_rsa_private.jwk.json")).spki_der
        );
        let oct = one(fixture!("rfc7520_3_5_oct.jwk.json"));
        assert_eq!((oct.alg.as_deref(), oct.use_.as_deref()), (Some("HS256"), Some("sig")));
    }

    #[test]
    fn jwk_and_pem_forms_of_one_key_agree() {
        let openssl: [&[u8]; 3] = [
            include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der"),
            include_bytes!("../../../tests/fixtures/keys/ec_p256_spki.der"),
            include_bytes!("../../../tests/fixtures/keys/ed25519_spki.der"),
        ];
        for spki_der in openssl {
            let parts = spki::parse(spki_der).unwrap();
            let from_jwk = one(&parts.jwk_json());
            assert_eq!(from_jwk.spki_der.as_deref(), Some(spki_der), "{}", parts.jwk_json());
        }
    }

    #[test]
    fn a_set_keeps_its_good_keys_and_locates_the_bad_ones() {
        let set = format!(
            r#"{{"keys":[{},{{"kty":"RSA","kid":"r2","e":"AQAB"}},7,{{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"}},{{"kty":"OKP","crv":"X25519","x":"AA"}}]}}"#,
            fixture!("rfc7520_3_3_rsa_public.jwk.json").trim()
        );
        let p = parse(&set).unwrap();
        assert!(p.is_set);
        assert_eq!(p.keys.len(), 1);
        assert_eq!(p.keys[0].origin, Origin::JwksEntry { index: 0 });
        let messages: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "key 2 (kid \"r2\"): \"n\" is missing; an RSA JWK needs \"n\" and \"e\" (RFC 7518 §6.3.1)",
                "key 3 is not a JSON object",
                "key 4: \"x\" is 1 bytes; a P-256 coordinate is exactly 32 bytes, leading zeros included (RFC 7518 §6.2.1.2)",
                "key 5: crv \"X25519\" is for key agreement (encryption), not signatures",
            ]
        );
    }

    #[test]
    fn whole_document_errors() {
        let cases: &[(&str, &str)] = &[
            ("{\"kty\":\"oct\",}", "JSON error at line 1 col 14: trailing comma"),
            ("{\"alg\":\"RS256\"}", "this JSON is an object with neither \"kty\" nor \"keys\", not a JWK"),
            ("{\"keys\":[]}", "the JWKS has an empty \"keys\" array"),
            (
                r#"{"issuer":"https://idp.example.com","jwks_uri":"https://idp.example.com/jwks"}"#,
                "this is the issuer's metadata, not its keys: open its jwks_uri (https://idp.example.com/jwks)",
            ),
            ("\"abc\"", "this JSON is a JSON string, not a JWK"),
            ("{\"kty\":\"rsa\",\"n\":\"AQ\",\"e\":\"AQAB\"}", "the JWK: kty \"rsa\" is not a signature key type"),
            (
                "{\"kty\":\"RSA\",\"n\":\"a b\",\"e\":\"AQAB\"}",
                "the JWK: \"n\" is not valid base64url at byte 1: a space",
            ),
            (
                "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AQ\",\"y\":\"AQ\"}",
                "the JWK: crv \"secp256k1\" is for ES256K",
            ),
            ("{\"kty\":\"oct\",\"k\":\"\"}", "the JWK: \"k\" is empty"),
            ("{\"kty\":\"oct\",\"k\":5}", "the JWK: \"k\" must be a string"),
            ("{\"kid\":\"a\",\"kty\":\"OKP\",\"x\":\"AA\"}", "the JWK (kid \"a\"): \"crv\" is missing"),
        ];
        for (text, start) in cases {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.starts_with(start), "{text}: {e}");
        }
        // Near misses: the same shapes, valid.
        assert!(parse("{\"kty\":\"oct\",\"k\":\"AA\"}").is_ok());
        assert!(parse("[{\"kty\":\"oct\",\"k\":\"AA\"}]").unwrap().notes[0].contains("bare array"));
    }

    #[test]
    fn x5c_gives_the_key_when_members_are_absent_and_is_checked_when_present() {
        let pem_text = fixture!("rsa2048_selfsigned_cert.pem");
        let cert_b64: String = pem_text.lines().filter(|l| !l.starts_with("-----")).collect();
        let only_x5c = format!(r#"{{"kty":"RSA","kid":"c","x5c":["{cert_b64}"]}}"#);
        let k = one(&only_x5c);
        assert_eq!(k.spki_der.as_deref(), Some(&include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der")[..]));
        let a2: Value = serde_json::from_str(fixture!("rfc7515_a2_rsa.jwk.json")).unwrap();
        let mixed = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB","x5c":["{cert_b64}"]}}"#, a2["n"].as_str().unwrap());
        assert!(one(&mixed).notes.iter().any(|n| n.contains("different key")));
        let spki_parts = spki::parse(include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der")).unwrap();
        let PublicParts::Rsa { n, .. } = spki_parts else { unreachable!() };
        let consistent = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB","x5c":["{cert_b64}"]}}"#, b64::encode(&n));
        assert!(one(&consistent).notes.is_empty());
    }
}
