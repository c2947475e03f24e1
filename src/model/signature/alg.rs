//! Which WebCrypto algorithm checks which JWS `alg` (RFC 7518 §3.1, RFC 8037 §3.1, RFC 9864),
//! with its hash and parameters: what the browser layer passes to `importKey` and `verify`.

use crate::model::keys::{Curve, KeyKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The WebCrypto name.
    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// What the browser layer passes to `importKey` and `verify`; it translates this enum into
/// WebCrypto's parameter objects and nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebCryptoAlg {
    Hmac {
        hash: Hash,
    },
    RsassaPkcs1v15 {
        hash: Hash,
    },
    /// RFC 7518 §3.5: the salt is as long as the hash.
    RsaPss {
        hash: Hash,
        salt_length: usize,
    },
    /// JOSE signatures are r||s, which is exactly what WebCrypto's ECDSA verify expects.
    Ecdsa {
        curve: Curve,
        hash: Hash,
    },
    Ed25519,
}

impl WebCryptoAlg {
    pub fn name(self) -> &'static str {
        match self {
            WebCryptoAlg::Hmac { .. } => "HMAC",
            WebCryptoAlg::RsassaPkcs1v15 { .. } => "RSASSA-PKCS1-v1_5",
            WebCryptoAlg::RsaPss { .. } => "RSA-PSS",
            WebCryptoAlg::Ecdsa { .. } => "ECDSA",
            WebCryptoAlg::Ed25519 => "Ed25519",
        }
    }

    pub fn describe(self) -> String {
        match self {
            WebCryptoAlg::Hmac { hash } | WebCryptoAlg::RsassaPkcs1v15 { hash } => {
                format!("{} with {}", self.name(), hash.name())
            }
            WebCryptoAlg::RsaPss { hash, salt_length } => {
                format!("RSA-PSS with {}, salt length {salt_length}", hash.name())
            }
            WebCryptoAlg::Ecdsa { curve, hash } => format!("ECDSA on {} with {}", curve.name(), hash.name()),
            WebCryptoAlg::Ed25519 => "Ed25519".into(),
        }
    }

    /// The key a JWS algorithm needs, for the sentences that explain a mismatch.
    pub fn needs(self) -> &'static str {
        match self {
            WebCryptoAlg::Hmac { .. } => "a shared secret",
            WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::RsaPss { .. } => "an RSA key",
            WebCryptoAlg::Ecdsa { curve: Curve::P256, .. } => "an EC key on P-256",
            WebCryptoAlg::Ecdsa { curve: Curve::P384, .. } => "an EC key on P-384",
            WebCryptoAlg::Ecdsa { curve: Curve::P521, .. } => "an EC key on P-521",
            WebCryptoAlg::Ed25519 => "an Ed25519 key",
        }
    }

    /// Whether a key of this kind can serve the algorithm (EC keys only on their own curve).
    pub fn fits(self, kind: &KeyKind) -> bool {
        match (self, kind) {
            (WebCryptoAlg::Hmac { .. }, KeyKind::Secret { .. }) => true,
            (WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::RsaPss { .. }, KeyKind::Rsa { .. }) => true,
            (WebCryptoAlg::Ecdsa { curve, .. }, KeyKind::Ec { curve: c }) => curve == *c,
            (WebCryptoAlg::Ed25519, KeyKind::Ed25519) => true,
            _ => false,
        }
    }

    /// The fixed signature length, when the algorithm has one.
    pub fn signature_len(self) -> Option<usize> {
        match self {
            WebCryptoAlg::Hmac { hash } => Some(hash.output_len()),
            WebCryptoAlg::Ecdsa { curve, .. } => Some(2 * curve.coordinate_len()),
            WebCryptoAlg::Ed25519 => Some(64),
            WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::RsaPss { .. } => None,
        }
    }
}

/// Why a JWS `alg` cannot be checked here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlgProblem {
    None,
    Unsupported { why: &'static str },
    Unknown,
}

/// The WebCrypto algorithm for a JWS `alg` (RFC 7518 §3.1, RFC 8037 §3.1, RFC 9864).
pub fn webcrypto_alg(alg: &str) -> Result<WebCryptoAlg, AlgProblem> {
    use Hash::*;
    Ok(match alg {
        "HS256" => WebCryptoAlg::Hmac { hash: Sha256 },
        "HS384" => WebCryptoAlg::Hmac { hash: Sha384 },
        "HS512" => WebCryptoAlg::Hmac { hash: Sha512 },
        "RS256" => WebCryptoAlg::RsassaPkcs1v15 { hash: Sha256 },
        "RS384" => WebCryptoAlg::RsassaPkcs1v15 { hash: Sha384 },
        "RS512" => WebCryptoAlg::RsassaPkcs1v15 { hash: Sha512 },
        "PS256" => WebCryptoAlg::RsaPss { hash: Sha256, salt_length: 32 },
        "PS384" => WebCryptoAlg::RsaPss { hash: Sha384, salt_length: 48 },
        "PS512" => WebCryptoAlg::RsaPss { hash: Sha512, salt_length: 64 },
        "ES256" => WebCryptoAlg::Ecdsa { curve: Curve::P256, hash: Sha256 },
        "ES384" => WebCryptoAlg::Ecdsa { curve: Curve::P384, hash: Sha384 },
        "ES512" => WebCryptoAlg::Ecdsa { curve: Curve::P521, hash: Sha512 },
        "EdDSA" | "Ed25519" => WebCryptoAlg::Ed25519,
        "none" => return Err(AlgProblem::None),
        "ES256K" => return Err(AlgProblem::Unsupported { why: "ES256K (secp256k1) is not in WebCrypto" }),
        "Ed448" => return Err(AlgProblem::Unsupported { why: "browsers do not verify Ed448" }),
        _ => return Err(AlgProblem::Unknown),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jws_alg_maps_to_webcrypto() {
        let cases = [
            ("HS256", "HMAC with SHA-256"),
            ("HS512", "HMAC with SHA-512"),
            ("RS256", "RSASSA-PKCS1-v1_5 with SHA-256"),
            ("RS384", "RSASSA-PKCS1-v1_5 with SHA-384"),
            ("PS256", "RSA-PSS with SHA-256, salt length 32"),
            ("PS512", "RSA-PSS with SHA-512, salt length 64"),
            ("ES256", "ECDSA on P-256 with SHA-256"),
            ("ES384", "ECDSA on P-384 with SHA-384"),
            ("ES512", "ECDSA on P-521 with SHA-512"),
            ("EdDSA", "Ed25519"),
            ("Ed25519", "Ed25519"),
        ];
        for (alg, described) in cases {
            assert_eq!(webcrypto_alg(alg).unwrap().describe(), described, "{alg}");
        }
        assert_eq!(webcrypto_alg("none"), Err(AlgProblem::None));
        assert!(matches!(webcrypto_alg("ES256K"), Err(AlgProblem::Unsupported { .. })));
        assert_eq!(webcrypto_alg("hs256"), Err(AlgProblem::Unknown), "alg is case-sensitive");
        assert_eq!(webcrypto_alg("RSA-OAEP"), Err(AlgProblem::Unknown));
    }
}
