//! PKCE (RFC 7636): the code verifier the page keeps and the S256 challenge it sends.

use crate::model::b64;
use sha2::{Digest, Sha256};

/// A code verifier from 32 random bytes: 43 base64url characters (RFC 7636 §4.1 recommends it).
pub fn verifier(random: &[u8; 32]) -> String {
    b64::encode(random)
}

/// `BASE64URL(SHA256(ASCII(code_verifier)))`, RFC 7636 §4.2.
pub fn challenge_s256(verifier: &str) -> String {
    b64::encode(&Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let random: [u8; 32] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
            240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let v = verifier(&random);
        assert_eq!(v, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(challenge_s256(&v), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
