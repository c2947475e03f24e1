//! What any pasted key becomes: one normalised description carrying exactly what WebCrypto's
//! `importKey` needs (SPKI DER, a public JWK, raw HMAC bytes, or a PKCS#8 private key), plus the
//! JOSE metadata that key selection reads (`kid`, `alg`, `use`, `key_ops`).

use super::spki;
use crate::model::b64;
use serde_json::json;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SecretEncoding {
    /// The secret's text is the key, as most servers use it.
    #[default]
    Utf8,
    Base64,
    Base64Url,
}

impl SecretEncoding {
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8 text",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub const ALL: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    /// The JWK `crv` and WebCrypto `namedCurve` name (they agree).
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    pub fn oid(self) -> &'static str {
        match self {
            Curve::P256 => "1.2.840.10045.3.1.7",
            Curve::P384 => "1.3.132.0.34",
            Curve::P521 => "1.3.132.0.35",
        }
    }

    /// Bytes of one coordinate, and of r and s in a JOSE signature (RFC 7518 §3.4).
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The one JWS algorithm that uses this curve (RFC 7518 §3.4 pairs them).
    pub fn jose_alg(self) -> &'static str {
        match self {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
            Curve::P521 => "ES512",
        }
    }

    pub fn from_name(name: &str) -> Option<Curve> {
        Curve::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn from_oid(oid: &str) -> Option<Curve> {
        Curve::ALL.into_iter().find(|c| c.oid() == oid)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa {
        bits: usize,
    },
    Ec {
        curve: Curve,
    },
    Ed25519,
    /// An HMAC secret of `len` bytes.
    Secret {
        len: usize,
    },
}

impl KeyKind {
    pub fn describe(&self) -> String {
        self.described("public")
    }

    /// "RSA 2048-bit private key": `half` is "public" or "private" (a secret has no halves).
    fn described(&self, half: &str) -> String {
        match self {
            KeyKind::Rsa { bits } => format!("RSA {bits}-bit {half} key"),
            KeyKind::Ec { curve } => format!("EC {} {half} key", curve.name()),
            KeyKind::Ed25519 => format!("Ed25519 {half} key"),
            KeyKind::Secret { len } => format!("HMAC secret of {len} bytes"),
        }
    }

    /// "an RSA 2048-bit key", for sentences about a key that may be public or private.
    pub fn with_article(&self) -> String {
        match self {
            KeyKind::Rsa { bits } => format!("an RSA {bits}-bit key"),
            KeyKind::Ec { curve } => format!("an EC key on {}", curve.name()),
            KeyKind::Ed25519 => "an Ed25519 key".into(),
            KeyKind::Secret { len } => format!("a shared secret of {len} bytes"),
        }
    }

    /// The JWK `kty` this kind is written with.
    pub fn kty(&self) -> &'static str {
        match self {
            KeyKind::Rsa { .. } => "RSA",
            KeyKind::Ec { .. } => "EC",
            KeyKind::Ed25519 => "OKP",
            KeyKind::Secret { .. } => "oct",
        }
    }

    pub fn is_public_key(&self) -> bool {
        !matches!(self, KeyKind::Secret { .. })
    }
}

/// The numbers that make a public key, however it was pasted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicParts {
    /// Big-endian magnitudes without leading zeros.
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// Coordinates padded to the curve's full length.
    Ec {
        curve: Curve,
        x: Vec<u8>,
        y: Vec<u8>,
    },
    Ed25519 {
        x: Vec<u8>,
    },
}

impl PublicParts {
    pub fn kind(&self) -> KeyKind {
        match self {
            PublicParts::Rsa { n, .. } => KeyKind::Rsa { bits: bit_length(n) },
            PublicParts::Ec { curve, .. } => KeyKind::Ec { curve: *curve },
            PublicParts::Ed25519 { .. } => KeyKind::Ed25519,
        }
    }

    /// Only the key members: WebCrypto refuses a JWK whose `alg`, `use` or `key_ops`
    /// disagree with the import call, and those are judged separately with a reason.
    pub fn jwk_json(&self) -> String {
        let value = match self {
            PublicParts::Rsa { n, e } => json!({"kty": "RSA", "n": b64::encode(n), "e": b64::encode(e)}),
            PublicParts::Ec { curve, x, y } => {
                json!({"kty": "EC", "crv": curve.name(), "x": b64::encode(x), "y": b64::encode(y)})
            }
            PublicParts::Ed25519 { x } => json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(x)}),
        };
        value.to_string()
    }
}

pub fn bit_length(magnitude: &[u8]) -> usize {
    match magnitude.iter().position(|b| *b != 0) {
        Some(i) => (magnitude.len() - i) * 8 - magnitude[i].leading_zeros() as usize,
        None => 0,
    }
}

/// A private key kept for signing; verification never needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Private {
    /// PKCS#8 DER, as `importKey("pkcs8")` wants (PKCS#1 and SEC1 keys are wrapped into it).
    Pkcs8(Vec<u8>),
    /// The private JWK exactly as pasted.
    Jwk(String),
}

/// Where the key came from, for the sentence that says which key was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A PEM block with this label, or bare base64 DER recognised as that structure.
    Pem {
        label: String,
        armoured: bool,
    },
    Jwk,
    /// Position in the pasted or fetched JWKS, from 0.
    JwksEntry {
        index: usize,
    },
    Secret {
        encoding: SecretEncoding,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMaterial {
    pub kind: KeyKind,
    /// For `importKey("spki")`: RSA, EC and Ed25519 public keys.
    pub spki_der: Option<Vec<u8>>,
    /// For `importKey("jwk")`: the public key members only.
    pub jwk_json: Option<String>,
    /// For `importKey("raw")` with HMAC.
    pub secret: Option<Vec<u8>>,
    pub private: Option<Private>,
    pub kid: Option<String>,
    pub alg: Option<String>,
    pub use_: Option<String>,
    pub key_ops: Vec<String>,
    pub origin: Origin,
    /// Things worth saying about this key that are not errors.
    pub notes: Vec<String>,
}

impl KeyMaterial {
    pub fn public(parts: &PublicParts, origin: Origin) -> Self {
        KeyMaterial {
            kind: parts.kind(),
            spki_der: Some(spki::build(parts)),
            jwk_json: Some(parts.jwk_json()),
            secret: None,
            private: None,
            kid: None,
            alg: None,
            use_: None,
            key_ops: Vec::new(),
            origin,
            notes: Vec::new(),
        }
        .with_size_note()
    }

    pub fn secret(bytes: Vec<u8>, origin: Origin) -> Self {
        KeyMaterial {
            kind: KeyKind::Secret { len: bytes.len() },
            spki_der: None,
            jwk_json: None,
            secret: Some(bytes),
            private: None,
            kid: None,
            alg: None,
            use_: None,
            key_ops: Vec::new(),
            origin,
            notes: Vec::new(),
        }
    }

    /// A private key whose public half cannot be computed here without bundling crypto
    /// (Ed25519 PKCS#8 without its optional public key): the browser imports the private key
    /// and exports its JWK, which carries `x`.
    pub fn private_only(kind: KeyKind, pkcs8: Vec<u8>, origin: Origin) -> Self {
        KeyMaterial {
            kind,
            spki_der: None,
            jwk_json: None,
            secret: None,
            private: Some(Private::Pkcs8(pkcs8)),
            kid: None,
            alg: None,
            use_: None,
            key_ops: Vec::new(),
            origin,
            notes: Vec::new(),
        }
    }

    pub fn with_private(mut self, private: Private) -> Self {
        self.private = Some(private);
        self.notes.push(
            "This is a private key: only its public half is needed to verify. Never paste a production private key into a web page.".into(),
        );
        self
    }

    fn with_size_note(mut self) -> Self {
        if let KeyKind::Rsa { bits } = self.kind {
            if bits < 2048 {
                self.notes.push(format!("RSA keys must be 2048 bits or larger for JOSE (RFC 7518 §3.3); this one has {bits}, and many libraries refuse it."));
            }
        }
        self
    }

    /// "RSA 2048-bit public key (kid \"abc\") from the JWKS, key 2".
    pub fn label(&self) -> String {
        // A pasted private key: say so, even though only its public half verifies.
        let mut out = self.kind.described(if self.private.is_some() { "private" } else { "public" });
        if let Some(kid) = &self.kid {
            out.push_str(&format!(" (kid \"{kid}\")"));
        }
        match &self.origin {
            Origin::Pem { label, armoured: true } => out.push_str(&format!(" from a PEM {label}")),
            Origin::Pem { label, armoured: false } => out.push_str(&format!(" from base64 DER ({label})")),
            Origin::Jwk => out.push_str(" from the JWK"),
            Origin::JwksEntry { index } => out.push_str(&format!(" from the JWKS, key {}", index + 1)),
            Origin::Secret { encoding } => out.push_str(&format!(" ({})", encoding.label())),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_lengths() {
        let cases: &[(&[u8], usize)] =
            &[(&[], 0), (&[0], 0), (&[1], 1), (&[0x80], 8), (&[0x00, 0x7F, 0xFF], 15), (&[0xFF; 256], 2048)];
        for (m, bits) in cases {
            assert_eq!(bit_length(m), *bits, "{m:02X?}");
        }
    }

    #[test]
    fn curves_agree_with_their_names_and_oids() {
        for c in Curve::ALL {
            assert_eq!(Curve::from_name(c.name()), Some(c));
            assert_eq!(Curve::from_oid(c.oid()), Some(c));
        }
        assert_eq!(Curve::from_name("secp256k1"), None);
        assert_eq!(Curve::from_name("p-256"), None, "crv is case-sensitive");
    }

    #[test]
    fn small_rsa_keys_get_a_note_and_2048_does_not() {
        let small = KeyMaterial::public(&PublicParts::Rsa { n: vec![0xC0; 128], e: vec![1, 0, 1] }, Origin::Jwk);
        assert_eq!(small.kind, KeyKind::Rsa { bits: 1024 });
        assert!(small.notes[0].contains("RFC 7518 §3.3"));
        let ok = KeyMaterial::public(&PublicParts::Rsa { n: vec![0xC0; 256], e: vec![1, 0, 1] }, Origin::Jwk);
        assert!(ok.notes.is_empty());
    }

    #[test]
    fn labels_say_where_the_key_came_from() {
        let mut k = KeyMaterial::secret(vec![0; 32], Origin::Secret { encoding: SecretEncoding::Utf8 });
        assert_eq!(k.label(), "HMAC secret of 32 bytes (UTF-8 text)");
        k.origin = Origin::JwksEntry { index: 1 };
        k.kid = Some("k2".into());
        assert_eq!(k.label(), "HMAC secret of 32 bytes (kid \"k2\") from the JWKS, key 2");
        let rsa = KeyMaterial::public(&PublicParts::Rsa { n: vec![0xC0; 256], e: vec![1, 0, 1] }, Origin::Jwk);
        assert_eq!(rsa.label(), "RSA 2048-bit public key from the JWK");
        assert_eq!(rsa.with_private(Private::Jwk("{}".into())).label(), "RSA 2048-bit private key from the JWK");
    }
}
