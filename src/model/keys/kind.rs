//! What a key is, whatever it was pasted as: its kind (RSA of so many bits, EC on a curve,
//! Ed25519, an HMAC secret) and the numbers that make its public half.

use crate::model::b64;
use der::asn1::ObjectIdentifier;
use serde_json::json;

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

    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Curve::P256 => const { ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7") },
            Curve::P384 => const { ObjectIdentifier::new_unwrap("1.3.132.0.34") },
            Curve::P521 => const { ObjectIdentifier::new_unwrap("1.3.132.0.35") },
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

    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Curve> {
        Curve::ALL.into_iter().find(|c| c.oid() == *oid)
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
    pub fn described(&self, half: &str) -> String {
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
            assert_eq!(Curve::from_oid(&c.oid()), Some(c));
        }
        assert_eq!(Curve::from_name("secp256k1"), None);
        assert_eq!(Curve::from_name("p-256"), None, "crv is case-sensitive");
    }
}
