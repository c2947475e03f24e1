//! Making a token to test a server with: the header and payload as the user edited them, the
//! key that will sign them, and the exact bytes to sign. The signature itself is WebCrypto's
//! (`src/browser/webcrypto.rs`); everything that can be decided without it is decided here.

use super::alg::{webcrypto_alg, AlgProblem, WebCryptoAlg};
use super::strict;
use crate::model::b64;
use crate::model::json::{self, JsonError};
use crate::model::keys::{KeyMaterial, Private};
use crate::model::token::jose::Token;
use serde_json::{Map, Value};
use std::fmt;

/// How the browser should import the signing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignImport {
    RawSecret(Vec<u8>),
    Pkcs8(Vec<u8>),
    /// A private JWK exactly as pasted.
    Jwk(String),
}

/// Ready for the browser: sign `signing_input` with `algorithm` and the key imported as `import`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    pub alg: String,
    /// `None` for `alg: none`, which has an empty signature and needs no key.
    pub algorithm: Option<WebCryptoAlg>,
    pub import: Option<SignImport>,
    /// Which key signs, in the words the page shows.
    pub key_label: Option<String>,
    /// ASCII `base64url(header) . base64url(payload)` (RFC 7515 §5.1 steps 1–6).
    pub signing_input: String,
    /// Things worth knowing before the token is sent anywhere (not errors).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    Header(JsonError),
    Payload(JsonError),
    HeaderNotObject,
    NoAlg,
    Alg { alg: String, problem: AlgProblem },
    NoKey { alg: String },
    NoFittingKey { alg: String, needs: &'static str, have: String },
    NoPrivate { alg: String, key: String },
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::Header(e) => write!(f, "header: {e}"),
            SignError::Payload(e) => write!(f, "payload: {e}"),
            SignError::HeaderNotObject => write!(f, "header: a JOSE header must be a JSON object (RFC 7515 §4)"),
            SignError::NoAlg => write!(f, "header: \"alg\" is missing or not a string; it names the signature algorithm, e.g. \"HS256\" or \"RS256\""),
            SignError::Alg { alg, problem: AlgProblem::Unknown } => write!(f, "header: \"{alg}\" is not a JWS signature algorithm (HS256/384/512, RS*, PS*, ES256/384/512, EdDSA or none)"),
            SignError::Alg { alg, problem: AlgProblem::Unsupported { why } } => write!(f, "header: cannot sign {alg} here: {why}"),
            SignError::Alg { alg, problem: AlgProblem::None } => write!(f, "header: {alg} is unsigned"),
            SignError::NoKey { alg } => write!(f, "{alg} needs a key: paste the secret or a private key (PEM PRIVATE KEY, or a JWK with \"d\") into the Signing key field"),
            SignError::NoFittingKey { alg, needs, have } => write!(f, "{alg} is signed with {needs}; the signing key is {have}"),
            SignError::NoPrivate { alg, key } => write!(f, "the {key} has no private half: {alg} is signed with a private key (a PEM PRIVATE KEY, or a JWK with \"d\"); a public key can only verify"),
        }
    }
}

/// `header.payload.signature`, the JWS compact serialization (RFC 7515 §7.1).
pub fn assemble(signing_input: &str, signature: &[u8]) -> String {
    format!("{signing_input}.{}", b64::encode(signature))
}

/// The header and payload to start editing from: the token's own, pretty-printed, or a small
/// example when there is no readable JWS.
pub fn start_from(token: &Token, now: i64) -> (String, String) {
    match (token.header(), token.claims()) {
        (Some(h), Some(c)) => (json::pretty_object(h), json::pretty_object(c)),
        _ => (
            "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}".to_string(),
            format!("{{\n  \"sub\": \"test-user\",\n  \"iat\": {now},\n  \"exp\": {}\n}}", now + 3600),
        ),
    }
}

/// Sets a numeric time claim (`exp`, `iat`, `nbf`) in the payload text, keeping the order of
/// the other claims. Errors when the payload is not a JSON object.
pub fn set_time_claim(payload: &str, claim: &str, value: i64) -> Result<String, SignError> {
    let mut claims = object(payload).map_err(SignError::Payload)?;
    claims.insert(claim.to_string(), Value::from(value));
    Ok(json::pretty(&Value::Object(claims)))
}

fn object(text: &str) -> Result<Map<String, Value>, JsonError> {
    match json::parse(text)? {
        Value::Object(m) => Ok(m),
        _ => Err(JsonError { line: 1, column: 1, message: "expected a JSON object".into() }),
    }
}

/// The JSON text without the whitespace between tokens. The user's own member order and
/// number spelling are kept (re-serialising could change `1.0` to `1` and so the signed bytes).
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Everything needed to sign, or the one reason it cannot be done. `keys` are the usable keys
/// of the Signing key field.
pub fn prepare(header_text: &str, payload_text: &str, keys: &[KeyMaterial]) -> Result<Signing, SignError> {
    let header = match json::parse(header_text).map_err(SignError::Header)? {
        Value::Object(m) => m,
        _ => return Err(SignError::HeaderNotObject),
    };
    let payload = json::parse(payload_text).map_err(SignError::Payload)?;
    let alg = header.get("alg").and_then(Value::as_str).ok_or(SignError::NoAlg)?.to_string();
    let mut notes = Vec::new();
    if !payload.is_object() {
        notes.push("The payload is not a JSON object, so this is a JWS but not a JWT: servers that expect claims will reject it (RFC 7519 §7.2).".into());
    }
    let signing_input =
        format!("{}.{}", b64::encode(compact(header_text).as_bytes()), b64::encode(compact(payload_text).as_bytes()));
    let algorithm = match webcrypto_alg(&alg) {
        Ok(a) => a,
        Err(AlgProblem::None) => {
            notes.push("alg \"none\" gives an unsigned token with an empty signature: use it to check that the server rejects it (RFC 8725 §3.2); no key is used.".into());
            return Ok(Signing { alg, algorithm: None, import: None, key_label: None, signing_input, notes });
        }
        Err(problem) => return Err(SignError::Alg { alg, problem }),
    };
    let key = choose(&alg, algorithm, header.get("kid").and_then(Value::as_str), keys)?;
    let import = match (&key.secret, &key.private) {
        (Some(s), _) => SignImport::RawSecret(s.clone()),
        (None, Some(Private::Pkcs8(d))) => SignImport::Pkcs8(d.clone()),
        (None, Some(Private::Jwk(j))) => SignImport::Jwk(j.clone()),
        (None, None) => return Err(SignError::NoPrivate { alg, key: key.label() }),
    };
    for f in strict::header_refusals(header_text, &header) {
        notes.push(format!("A strict server would reject this token: {}", f.evidence));
    }
    key_notes(&alg, &header, key, &mut notes);
    Ok(Signing {
        alg,
        algorithm: Some(algorithm),
        import: Some(import),
        key_label: Some(key.label()),
        signing_input,
        notes,
    })
}

/// The key named by the header's kid if it can sign, else the first key that can.
fn choose<'k>(
    alg: &str,
    algorithm: WebCryptoAlg,
    kid: Option<&str>,
    keys: &'k [KeyMaterial],
) -> Result<&'k KeyMaterial, SignError> {
    if keys.is_empty() {
        return Err(SignError::NoKey { alg: alg.into() });
    }
    let fitting: Vec<&KeyMaterial> = keys.iter().filter(|k| algorithm.fits(&k.kind)).collect();
    let can_sign = |k: &&KeyMaterial| k.secret.is_some() || k.private.is_some();
    let by_kid = kid.and_then(|kid| fitting.iter().copied().filter(can_sign).find(|k| k.kid.as_deref() == Some(kid)));
    if let Some(k) = by_kid.or_else(|| fitting.iter().copied().find(can_sign)) {
        return Ok(k);
    }
    match fitting.first() {
        Some(k) => Err(SignError::NoPrivate { alg: alg.into(), key: k.label() }),
        None => Err(SignError::NoFittingKey {
            alg: alg.into(),
            needs: algorithm.needs(),
            have: keys.iter().map(|k| k.kind.with_article()).collect::<Vec<_>>().join(", "),
        }),
    }
}

fn key_notes(alg: &str, header: &Map<String, Value>, key: &KeyMaterial, notes: &mut Vec<String>) {
    // What the Signature card would refuse in the token this makes, said before it is made.
    let for_encryption = key.use_.as_deref() == Some("enc")
        || !key.key_ops.is_empty() && !key.key_ops.iter().any(|o| o == "sign" || o == "verify");
    if for_encryption {
        notes.push("A strict server would reject this token: the key is marked for encryption (use \"enc\", or key_ops without \"sign\"), and no verifier uses such a key for signatures; the Signature card does not either.".into());
    }
    for f in strict::key_refusals(alg, key) {
        notes.push(format!("A strict server would reject this token: {} {}", f.evidence, f.fix));
    }
    match (header.get("kid").and_then(Value::as_str), key.kid.as_deref()) {
        (Some(h), Some(k)) if h != k => notes.push(format!(
            "The header's kid is \"{h}\" but the signing key's is \"{k}\": a server picks its key by kid, so it will look for \"{h}\"."
        )),
        (None, Some(k)) => notes.push(format!(
            "The signing key has kid \"{k}\" and the header has none: add \"kid\": \"{k}\" if the server picks keys from a JWKS."
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::{classify, SecretEncoding};

    fn keys(text: &str) -> Vec<KeyMaterial> {
        classify(text, SecretEncoding::Utf8).keys
    }

    #[test]
    fn compact_keeps_strings_and_drops_the_rest() {
        let cases = [
            ("{\n  \"a\": 1,\n  \"b\": \"x y\"\n}", r#"{"a":1,"b":"x y"}"#),
            (r#"{ "q": "say \"hi\"  ", "n": 1.0 }"#, r#"{"q":"say \"hi\"  ","n":1.0}"#),
            (r#"{"back": "\\", "c" : [ 1 , 2 ]}"#, r#"{"back":"\\","c":[1,2]}"#),
            ("{ \"tab\" :\t\"\\t\" }", "{\"tab\":\"\\t\"}"),
        ];
        for (text, want) in cases {
            assert_eq!(compact(text), want, "{text:?}");
            assert_eq!(json::parse(&compact(text)).unwrap(), json::parse(text).unwrap());
        }
    }

    #[test]
    fn signing_input_is_the_compact_json_base64url_encoded() {
        let s = prepare("{\n \"alg\": \"HS256\"\n}", "{\"sub\": \"é\"}", &keys(&"k".repeat(32))).unwrap();
        assert_eq!(
            s.signing_input,
            format!("{}.{}", b64::encode(br#"{"alg":"HS256"}"#), b64::encode("{\"sub\":\"é\"}".as_bytes()))
        );
        assert_eq!(s.import, Some(SignImport::RawSecret(b"k".repeat(32))));
        assert_eq!(s.notes, Vec::<String>::new());
        assert_eq!(assemble("a.b", &[0xfb, 0xff]), "a.b.-_8");
    }

    #[test]
    fn each_reason_it_cannot_sign_is_told() {
        let secret = keys(&"s".repeat(32));
        let rsa_public = keys(include_str!("../../../tests/fixtures/keys/rsa2048_spki.pem"));
        let cases: Vec<(&str, &str, Vec<KeyMaterial>, &str)> = vec![
            ("{\"alg\":", "{}", secret.clone(), "header: JSON error at line 1 col 7"),
            ("{\"alg\":\"HS256\"}", "{\"a\" 1}", secret.clone(), "payload: JSON error at line 1 col 6"),
            ("[]", "{}", secret.clone(), "must be a JSON object"),
            ("{\"typ\":\"JWT\"}", "{}", secret.clone(), "\"alg\" is missing"),
            ("{\"alg\":\"HS257\"}", "{}", secret.clone(), "not a JWS signature algorithm"),
            ("{\"alg\":\"ES256K\"}", "{}", secret.clone(), "secp256k1"),
            ("{\"alg\":\"HS256\"}", "{}", vec![], "HS256 needs a key"),
            (
                "{\"alg\":\"RS256\"}",
                "{}",
                secret.clone(),
                "RS256 is signed with an RSA key; the signing key is a shared secret of 32 bytes",
            ),
            ("{\"alg\":\"RS256\"}", "{}", rsa_public, "has no private half"),
        ];
        for (header, payload, k, want) in cases {
            let e = prepare(header, payload, &k).unwrap_err().to_string();
            assert!(e.contains(want), "{header} {payload}: {e}");
        }
    }

    #[test]
    fn private_keys_are_imported_as_pasted_and_notes_say_what_a_server_will_mind() {
        let pem = keys(include_str!("../../../tests/fixtures/keys/rsa2048_pkcs8.pem"));
        let s = prepare(r#"{"alg":"RS256"}"#, "{}", &pem).unwrap();
        assert!(matches!(s.import, Some(SignImport::Pkcs8(_))));
        let jwk = keys(include_str!("../../../tests/fixtures/keys/rfc7520_3_4_rsa_private.jwk.json"));
        let s = prepare(r#"{"alg":"PS384"}"#, "{}", &jwk).unwrap();
        assert!(matches!(s.import, Some(SignImport::Jwk(_))));
        assert!(s.notes.iter().any(|n| n.contains("add \"kid\"")), "{:?}", s.notes);
        let s = prepare(r#"{"alg":"RS256","kid":"other"}"#, "{}", &jwk).unwrap();
        assert!(s.notes.iter().any(|n| n.contains("will look for \"other\"")), "{:?}", s.notes);
        let short = prepare(r#"{"alg":"HS256"}"#, "[1]", &keys("short")).unwrap();
        assert!(short.notes.iter().any(|n| n.contains("RFC 7518 §3.2")));
        assert!(short.notes.iter().any(|n| n.contains("not a JWT")));
    }

    #[test]
    fn signing_warns_of_what_the_signature_card_would_refuse() {
        let secret = keys(&"k".repeat(32));
        let strict_notes = |header: &str, keys: &[KeyMaterial]| -> Vec<String> {
            let s = prepare(header, "{}", keys).unwrap();
            s.notes.into_iter().filter(|n| n.starts_with("A strict server would reject this token:")).collect()
        };
        assert!(strict_notes(r#"{"alg":"HS256"}"#, &secret).is_empty());
        let twice = strict_notes(r#"{"alg":"HS256","kid":"a","kid":"b"}"#, &secret);
        assert!(twice[0].contains("\"kid\" more than once"), "{twice:?}");
        let crit = strict_notes(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &secret);
        assert!(crit[0].contains("\"exp\", which this page does not implement"), "{crit:?}");
        let declared = keys(&format!(r#"{{"kty":"oct","alg":"HS512","k":"{}"}}"#, crate::model::b64::encode(&[7; 64])));
        let other = strict_notes(r#"{"alg":"HS256"}"#, &declared);
        assert!(other[0].contains("declares alg \"HS512\" and the token says \"HS256\""), "{other:?}");
        let enc = keys(&format!(r#"{{"kty":"oct","use":"enc","k":"{}"}}"#, crate::model::b64::encode(&[7; 32])));
        let enc_notes = strict_notes(r#"{"alg":"HS256"}"#, &enc);
        assert!(enc_notes[0].contains("marked for encryption"), "{enc_notes:?}");
    }

    #[test]
    fn kid_picks_the_key_in_a_set() {
        let private = include_str!("../../../tests/fixtures/keys/rfc7520_3_4_rsa_private.jwk.json");
        let mut other: Value = serde_json::from_str(private).unwrap();
        other["kid"] = Value::from("second");
        let set = format!("{{\"keys\":[{private},{other}]}}");
        let s = prepare(r#"{"alg":"RS256","kid":"second"}"#, "{}", &keys(&set)).unwrap();
        assert!(s.key_label.unwrap().contains("kid \"second\""));
    }

    #[test]
    fn alg_none_needs_no_key() {
        let s = prepare(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#, &[]).unwrap();
        assert_eq!((s.algorithm, s.import), (None, None));
        assert_eq!(assemble(&s.signing_input, &[]), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
    }

    #[test]
    fn time_claims_are_set_in_place() {
        let out = set_time_claim("{\"sub\":\"x\",\"exp\":1}", "exp", 99).unwrap();
        assert_eq!(out, "{\n  \"sub\": \"x\",\n  \"exp\": 99\n}");
        assert!(set_time_claim("[1]", "exp", 1).is_err());
        assert!(set_time_claim("{", "exp", 1).unwrap_err().to_string().starts_with("payload: JSON error at line 1"));
    }

    #[test]
    fn start_from_a_token_or_an_example() {
        let t = crate::model::token::jose::parse("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        assert_eq!(start_from(&t, 0), ("{\n  \"alg\": \"RS256\"\n}".to_string(), "{\n  \"sub\": \"x\"\n}".to_string()));
        let (h, p) = start_from(&crate::model::token::jose::parse("ghp_x"), 100);
        assert!(h.contains("HS256") && p.contains("\"exp\": 3700"), "{h} {p}");
    }
}
