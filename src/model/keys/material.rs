//! What one pasted key becomes: exactly what WebCrypto's `importKey` needs (SPKI DER, a public
//! JWK, raw HMAC bytes, or a PKCS#8 private key), the JOSE metadata that key selection reads
//! (`kid`, `alg`, `use`, `key_ops`), notes for the user, and the sentence that names the key.

use super::kind::{KeyKind, Private, PublicParts};
use super::origin::Origin;
use super::spki;
use super::weakness;

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
    /// Why a strict server refuses this key whatever the token (`weakness::of`), worked out
    /// once here rather than on every signature check.
    pub weakness: Option<String>,
}

impl KeyMaterial {
    /// The one place every field is spelled out; the constructors below fill in the forms
    /// WebCrypto imports.
    fn new(kind: KeyKind, origin: Origin) -> Self {
        KeyMaterial {
            kind,
            spki_der: None,
            jwk_json: None,
            secret: None,
            private: None,
            kid: None,
            alg: None,
            use_: None,
            key_ops: Vec::new(),
            origin,
            notes: Vec::new(),
            weakness: None,
        }
    }

    pub fn public(parts: &PublicParts, origin: Origin) -> Self {
        KeyMaterial {
            // Fails only past der's 256 MB limit; the JWK then still imports the same key.
            spki_der: spki::build(parts).ok(),
            jwk_json: Some(parts.jwk_json()),
            weakness: weakness::of(parts),
            ..KeyMaterial::new(parts.kind(), origin)
        }
        .with_size_note()
    }

    pub fn secret(bytes: Vec<u8>, origin: Origin) -> Self {
        let kind = KeyKind::Secret { len: bytes.len() };
        KeyMaterial { secret: Some(bytes), ..KeyMaterial::new(kind, origin) }
    }

    /// A private key whose public half cannot be computed here without bundling crypto
    /// (Ed25519 PKCS#8 without its optional public key): the browser imports the private key
    /// and exports its JWK, which carries `x`.
    pub fn private_only(kind: KeyKind, pkcs8: Vec<u8>, origin: Origin) -> Self {
        KeyMaterial { private: Some(Private::Pkcs8(pkcs8)), ..KeyMaterial::new(kind, origin) }
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
        out.push(' ');
        out.push_str(&self.origin.phrase());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::kind::{KeyKind, PublicParts};
    use crate::model::keys::origin::SecretEncoding;

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
