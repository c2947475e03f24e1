//! What the user pasted into the Key field: PEM (which kind), bare base64 DER, a JWK, a JWKS,
//! or an HMAC secret. Only text that is clearly none of the key formats is taken as a secret,
//! and its encoding is the user's explicit choice, never a guess: "abcd" is valid UTF-8 and
//! valid base64, and the two give different keys.

use super::decode::{self, DecodeError};
use super::jwk::{self, JwkError};
use super::kind::KeyKind;
use super::material::KeyMaterial;
use super::origin::{Origin, SecretEncoding};
use super::pem::{self, Alphabet, Base64Problem, PemError};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Empty,
    /// PEM armour; the label of the block used.
    Pem {
        label: String,
    },
    /// Base64 of DER without the BEGIN/END lines; the structure it was recognised as.
    BareDer {
        label: String,
    },
    Jwk,
    Jwks {
        keys: usize,
    },
    /// An OpenSSH `ssh-rsa AAAA…` line.
    OpenSsh,
    Secret {
        encoding: SecretEncoding,
        len: usize,
    },
    /// Meant as a key format but too broken to tell more (see the errors).
    Unreadable,
}

impl Detected {
    pub fn describe(&self) -> String {
        match self {
            Detected::Empty => "nothing yet".into(),
            Detected::Pem { label } => format!("PEM {}", label_meaning(label)),
            Detected::BareDer { label } => format!("base64 DER without PEM lines: {}", label_meaning(label)),
            Detected::Jwk => "a JWK".into(),
            Detected::Jwks { keys } => format!("a JWKS with {keys} usable key(s)"),
            Detected::OpenSsh => "an OpenSSH public key".into(),
            Detected::Secret { encoding, len } => format!("an HMAC secret: {len} bytes from {}", encoding.label()),
            Detected::Unreadable => "a key that could not be read".into(),
        }
    }
}

fn label_meaning(label: &str) -> String {
    let meaning = match label {
        "PUBLIC KEY" => "public key (SPKI)",
        "RSA PUBLIC KEY" => "RSA public key (PKCS#1)",
        "CERTIFICATE" => "certificate (X.509)",
        "PRIVATE KEY" => "private key (PKCS#8)",
        "RSA PRIVATE KEY" => "RSA private key (PKCS#1)",
        "EC PRIVATE KEY" => "EC private key (SEC1)",
        other => return other.to_string(),
    };
    meaning.to_string()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretError {
    /// `index` counts characters of the trimmed secret.
    Char {
        index: usize,
        ch: char,
        encoding: SecretEncoding,
    },
    Padding {
        index: usize,
    },
    Length {
        encoding: SecretEncoding,
    },
    Empty,
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::Char { index, ch, encoding } => {
                write!(f, "the secret is not valid {} at character {index}: '{ch}'", encoding.label())?;
                match (encoding, ch) {
                    (SecretEncoding::Base64, '-' | '_') => write!(f, " belongs to base64url; choose base64url"),
                    (SecretEncoding::Base64Url, '+' | '/') => write!(f, " belongs to standard base64; choose base64"),
                    _ => write!(f, " is not a base64 character; if the secret is plain text, choose UTF-8"),
                }
            }
            SecretError::Padding { index } => {
                write!(f, "the secret has '=' padding at character {index} followed by more characters")
            }
            SecretError::Length { encoding } => write!(
                f,
                "the secret is not valid {}: its length cannot encode whole bytes (a character is missing or extra)",
                encoding.label()
            ),
            SecretError::Empty => write!(f, "the secret is empty"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    Pem(PemError),
    Decode(DecodeError),
    Jwk(JwkError),
    Secret(SecretError),
    OpenSsh,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Pem(e) => write!(f, "{e}"),
            KeyError::Decode(e) => write!(f, "{e}"),
            KeyError::Jwk(e) => write!(f, "{e}"),
            KeyError::Secret(e) => write!(f, "{e}"),
            KeyError::OpenSsh => write!(
                f,
                "this is an OpenSSH public key, a format JOSE does not use; convert it to PEM: `ssh-keygen -e -m PKCS8 -f key.pub`"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyInput {
    pub detected: Detected,
    pub keys: Vec<KeyMaterial>,
    /// A JWKS: a token's kid must then be found in it.
    pub is_set: bool,
    pub errors: Vec<KeyError>,
    pub notes: Vec<String>,
}

impl KeyInput {
    fn new(detected: Detected) -> Self {
        KeyInput { detected, keys: Vec::new(), is_set: false, errors: Vec::new(), notes: Vec::new() }
    }

    fn failed(error: KeyError) -> Self {
        KeyInput { errors: vec![error], ..KeyInput::new(Detected::Unreadable) }
    }
}

pub fn classify(text: &str, encoding: SecretEncoding) -> KeyInput {
    let trimmed = text.trim().trim_matches('"').trim();
    if trimmed.is_empty() {
        return KeyInput::new(Detected::Empty);
    }
    if pem::looks_armoured(trimmed) {
        return armoured(trimmed);
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return json(trimmed);
    }
    if ["ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-"].iter().any(|p| trimmed.starts_with(p)) {
        return KeyInput { detected: Detected::OpenSsh, ..KeyInput::failed(KeyError::OpenSsh) };
    }
    if let Some(block) = pem::bare(trimmed) {
        let mut input = KeyInput::new(Detected::BareDer { label: block.label.clone() });
        match decode::from_block(&block) {
            Ok(key) => input.keys.push(key),
            Err(e) => input.errors.push(KeyError::Decode(e)),
        }
        return input;
    }
    secret(text, trimmed, encoding)
}

fn armoured(text: &str) -> KeyInput {
    let parsed = match pem::parse(text) {
        Ok(p) => p,
        Err(e) => return KeyInput::failed(KeyError::Pem(e)),
    };
    let blocks: Vec<&pem::Block> = parsed.blocks.iter().filter(|b| !decode::is_companion(&b.label)).collect();
    let Some(first) = blocks.first().copied().or(parsed.blocks.first()) else {
        return KeyInput::failed(KeyError::Pem(PemError::EndWithoutBegin { line: 1 }));
    };
    let mut input = KeyInput::new(Detected::Pem { label: first.label.clone() });
    input.notes = parsed.notes;
    match decode::from_block(first) {
        Ok(key) => input.keys.push(key),
        Err(e) => input.errors.push(KeyError::Decode(e)),
    }
    if blocks.len() > 1 {
        input.notes.push(format!(
            "{} more PEM block(s) after the first were ignored; in a certificate chain the first is the signer's.",
            blocks.len() - 1
        ));
    }
    input
}

fn json(text: &str) -> KeyInput {
    match jwk::parse(text) {
        Ok(parsed) => {
            let detected = if parsed.is_set { Detected::Jwks { keys: parsed.keys.len() } } else { Detected::Jwk };
            KeyInput {
                detected,
                keys: parsed.keys,
                is_set: parsed.is_set,
                errors: parsed.errors.into_iter().map(KeyError::Jwk).collect(),
                notes: parsed.notes,
            }
        }
        Err(e) => KeyInput::failed(KeyError::Jwk(e)),
    }
}

fn secret(text: &str, trimmed: &str, encoding: SecretEncoding) -> KeyInput {
    // Surrounding whitespace and quotes are nearly always copy artefacts; a server that reads
    // its secret from a file with a trailing newline is the exception, and the note says so.
    let bytes = match encoding {
        SecretEncoding::Utf8 => Ok(trimmed.as_bytes().to_vec()),
        SecretEncoding::Base64 => decode_secret(trimmed, Alphabet::Standard, encoding),
        SecretEncoding::Base64Url => decode_secret(trimmed, Alphabet::Url, encoding),
    };
    let mut input = KeyInput::new(Detected::Secret { encoding, len: 0 });
    match bytes {
        Ok(b) if b.is_empty() => input.errors.push(KeyError::Secret(SecretError::Empty)),
        Ok(b) => {
            input.detected = Detected::Secret { encoding, len: b.len() };
            input.keys.push(KeyMaterial::secret(b, Origin::Secret { encoding }));
        }
        Err(e) => input.errors.push(KeyError::Secret(e)),
    }
    if trimmed.len() != text.trim().len() {
        input.notes.push(
            "Quotes around the secret were ignored: they come from a JSON or .env file and are not part of it.".into(),
        );
    }
    if text.trim().len() != text.len() {
        input.notes.push("Whitespace around the secret was ignored. If your server reads the secret from a file that ends with a newline, that newline is part of its key.".into());
    }
    if encoding == SecretEncoding::Utf8 && looks_base64(trimmed) {
        input.notes.push("This secret looks base64-encoded. Most servers use the text itself as the key, but some decode it first (e.g. jjwt's Decoders.BASE64, Auth0's legacy secret_base64_encoded): if verification fails, try base64.".into());
    }
    input
}

fn decode_secret(text: &str, alphabet: Alphabet, encoding: SecretEncoding) -> Result<Vec<u8>, SecretError> {
    let index = |offset: usize| text[..offset].chars().count();
    pem::decode_base64_at(text, alphabet).map_err(|p| match p {
        Base64Problem::Char { offset, ch } => SecretError::Char { index: index(offset), ch, encoding },
        Base64Problem::Padding { offset } => SecretError::Padding { index: index(offset) },
        Base64Problem::Length => SecretError::Length { encoding },
    })
}

/// Long, made only of base64 characters, mixing cases and digits: random text a person would
/// not type as a password.
pub fn looks_base64(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    body.len() >= 16
        && body.chars().all(|c| c.is_ascii_alphanumeric() || "+/-_".contains(c))
        && body.chars().any(|c| c.is_ascii_digit())
        && body.chars().any(|c| c.is_ascii_uppercase())
        && body.chars().any(|c| c.is_ascii_lowercase())
        && (text.ends_with('=') || body.len().is_multiple_of(4) || body.contains(['+', '/', '-', '_']))
}

/// RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
pub fn min_secret_len(alg: &str) -> Option<usize> {
    match alg {
        "HS256" => Some(32),
        "HS384" => Some(48),
        "HS512" => Some(64),
        _ => None,
    }
}

/// `(len, min)` when the key is an HMAC secret shorter than `alg` requires, else None.
pub fn secret_shortfall(alg: &str, kind: KeyKind) -> Option<(usize, usize)> {
    match (kind, min_secret_len(alg)) {
        (KeyKind::Secret { len }, Some(min)) if len < min => Some((len, min)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../../tests/fixtures/keys/", $name))
        };
    }

    fn body(pem_text: &str) -> String {
        pem_text.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn detects_what_was_pasted() {
        let jwks = format!(
            "{{\"keys\":[{},{}]}}",
            fixture!("rfc7520_3_3_rsa_public.jwk.json").trim(),
            fixture!("rfc7520_3_1_ec_public.jwk.json").trim()
        );
        let cases: Vec<(String, Detected, usize)> = vec![
            ("".into(), Detected::Empty, 0),
            ("  \n".into(), Detected::Empty, 0),
            (fixture!("rsa2048_spki.pem").into(), Detected::Pem { label: "PUBLIC KEY".into() }, 1),
            (fixture!("rsa2048_pkcs1_public.pem").into(), Detected::Pem { label: "RSA PUBLIC KEY".into() }, 1),
            (fixture!("rsa2048_selfsigned_cert.pem").into(), Detected::Pem { label: "CERTIFICATE".into() }, 1),
            (fixture!("ec_p256_pkcs8.pem").into(), Detected::Pem { label: "PRIVATE KEY".into() }, 1),
            (body(fixture!("rsa2048_spki.pem")), Detected::BareDer { label: "PUBLIC KEY".into() }, 1),
            (fixture!("rfc7515_a3_ec_p256.jwk.json").into(), Detected::Jwk, 1),
            (jwks, Detected::Jwks { keys: 2 }, 2),
            ("your-256-bit-secret".into(), Detected::Secret { encoding: SecretEncoding::Utf8, len: 19 }, 1),
            ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA user@host".into(), Detected::OpenSsh, 0),
            ("{\"kty\":".into(), Detected::Unreadable, 0),
        ];
        for (text, detected, keys) in cases {
            let input = classify(&text, SecretEncoding::Utf8);
            assert_eq!((&input.detected, input.keys.len()), (&detected, keys), "{text:?}: {:?}", input.errors);
        }
    }

    #[test]
    fn secret_encodings_are_explicit() {
        let k = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
        let cases: &[(&str, SecretEncoding, Result<usize, &str>)] = &[
            (k, SecretEncoding::Base64Url, Ok(64)),
            (k, SecretEncoding::Utf8, Ok(86)),
            (k, SecretEncoding::Base64, Err("the secret is not valid base64 at character 34: '-' belongs to base64url; choose base64url")),
            ("a+b/", SecretEncoding::Base64Url, Err("the secret is not valid base64url at character 1: '+' belongs to standard base64; choose base64")),
            ("c2VjcmV0", SecretEncoding::Base64, Ok(6)),
            ("c2VjcmV0!", SecretEncoding::Base64, Err("the secret is not valid base64 at character 8: '!' is not a base64 character; if the secret is plain text, choose UTF-8")),
            ("c2VjcmV0X", SecretEncoding::Base64, Err("the secret is not valid base64: its length cannot encode whole bytes (a character is missing or extra)")),
            ("====", SecretEncoding::Base64, Err("the secret is empty")),
        ];
        for (text, encoding, want) in cases {
            let input = classify(text, *encoding);
            let got = match (input.keys.first(), input.errors.first()) {
                (Some(key), None) => Ok(match key.kind {
                    KeyKind::Secret { len } => len,
                    other => panic!("{other:?}"),
                }),
                (_, Some(e)) => Err(e.to_string()),
                (None, None) => panic!("nothing for {text}"),
            };
            assert_eq!(got.as_ref().map_err(String::as_str), want.as_ref().map_err(|e| *e), "{text} as {encoding:?}");
        }
    }

    #[test]
    fn secret_notes_and_their_near_misses() {
        let base64ish = classify("c2VjcmV0LWtleS1mb3ItdGVzdHM=", SecretEncoding::Utf8);
        assert!(base64ish.notes.iter().any(|n| n.contains("looks base64-encoded")));
        let password = classify("correct horse battery staple", SecretEncoding::Utf8);
        assert!(password.notes.is_empty());
        let hex = classify("8f14e45fceea167a5a36dedd4bea2543", SecretEncoding::Utf8);
        assert!(hex.notes.is_empty(), "lowercase hex is not flagged as base64");
        let spaced = classify("secret\n", SecretEncoding::Utf8);
        assert!(spaced.notes[0].contains("Whitespace around the secret"));
        assert_eq!(spaced.keys[0].secret.as_deref(), Some(&b"secret"[..]));
        let quoted = classify("\"secret\"", SecretEncoding::Utf8);
        assert!(quoted.notes[0].starts_with("Quotes around the secret"));
        assert_eq!(quoted.keys[0].secret.as_deref(), Some(&b"secret"[..]));
    }

    #[test]
    fn broken_keys_are_located_not_taken_as_secrets() {
        let cut = fixture!("rsa2048_spki.pem").lines().take(4).collect::<Vec<_>>().join("\n");
        let cases: Vec<(String, &str)> = vec![
            (cut, "line 1: \"BEGIN PUBLIC KEY\" has no matching END line"),
            (fixture!("rsa2048_csr.pem").into(), "this is a CERTIFICATE REQUEST, not a key"),
            ("{\"kty\":\"RSA\"}".into(), "the JWK: \"n\" is missing"),
            ("ssh-rsa AAAAB3NzaC1yc2E= me".into(), "this is an OpenSSH public key"),
        ];
        for (text, start) in cases {
            let input = classify(&text, SecretEncoding::Utf8);
            assert!(input.keys.is_empty(), "{text}");
            let e = input.errors[0].to_string();
            assert!(e.starts_with(start), "{e}");
        }
    }

    #[test]
    fn a_chain_uses_the_first_certificate_and_says_so() {
        let chain = fixture!("rsa2048_selfsigned_cert.pem").repeat(3);
        let input = classify(&chain, SecretEncoding::Utf8);
        assert_eq!(input.keys.len(), 1);
        assert!(input.notes.iter().any(|n| n.starts_with("2 more PEM block(s)")));
        let with_params = format!(
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{}",
            fixture!("ec_p256_sec1.pem")
        );
        let input = classify(&with_params, SecretEncoding::Utf8);
        assert_eq!((input.detected, input.keys.len()), (Detected::Pem { label: "EC PRIVATE KEY".into() }, 1));
        assert!(input.notes.is_empty());
    }

    #[test]
    fn hash_lengths() {
        assert_eq!(
            [min_secret_len("HS256"), min_secret_len("HS384"), min_secret_len("HS512"), min_secret_len("RS256")],
            [Some(32), Some(48), Some(64), None]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn soup() -> impl Strategy<Value = String> {
            let pieces = prop_oneof![
                Just("-----BEGIN PUBLIC KEY-----".to_string()),
                Just("-----END PUBLIC KEY-----".to_string()),
                Just("-----BEGIN CERTIFICATE-----".to_string()),
                Just("\n".to_string()),
                Just("\\n".to_string()),
                Just("{\"kty\":\"RSA\",\"n\":\"".to_string()),
                Just("\"keys\":[".to_string()),
                Just("MIIB".to_string()),
                Just("=".to_string()),
                "[A-Za-z0-9+/]{0,12}",
                any::<String>(),
            ];
            proptest::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn never_panics_on_any_text(text in soup(), enc in prop_oneof![Just(SecretEncoding::Utf8), Just(SecretEncoding::Base64), Just(SecretEncoding::Base64Url)]) {
                let input = classify(&text, enc);
                for e in &input.errors {
                    prop_assert!(!e.to_string().is_empty());
                }
            }

            #[test]
            fn never_panics_on_random_der(bytes in proptest::collection::vec(any::<u8>(), 0..300), label in prop_oneof![Just("PUBLIC KEY"), Just("RSA PUBLIC KEY"), Just("CERTIFICATE"), Just("PRIVATE KEY"), Just("EC PRIVATE KEY"), Just("RSA PRIVATE KEY")]) {
                let mut der_bytes = vec![0x30, 0x82, (bytes.len() >> 8) as u8, bytes.len() as u8];
                der_bytes.extend(&bytes);
                for der_bytes in [bytes.clone(), der_bytes] {
                    let b64 = crate::model::b64::encode_std(&der_bytes);
                    let _ = classify(&format!("-----BEGIN {label}-----\n{b64}\n-----END {label}-----"), SecretEncoding::Utf8);
                    let _ = classify(&b64, SecretEncoding::Base64);
                }
            }
        }
    }
}
