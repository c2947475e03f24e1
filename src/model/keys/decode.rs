//! From a PEM label and its DER to a `KeyMaterial`: public keys as SPKI (PKCS#1 RSA keys and
//! certificates are unwrapped or wrapped into it), private keys to their public half plus a
//! PKCS#8 form for signing later. Anything else gets a sentence that says what it is instead.

use super::asn1::Fields;
use super::kind::{Curve, KeyKind, Private, PublicParts};
use super::material::KeyMaterial;
use super::origin::Origin;
use super::pem::Block;
use super::spki::{self, SpkiError};
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::Encode;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The block is what its label says, but its content is broken or unusable.
    Inner {
        label: String,
        error: SpkiError,
    },
    NotAKey {
        label: String,
        advice: &'static str,
    },
    Encrypted {
        label: String,
    },
    UnknownLabel {
        label: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Inner { label, error } => write!(f, "{label}: {error}"),
            DecodeError::NotAKey { label, advice } => {
                let article = if label.starts_with(['A', 'E', 'I', 'O', 'X']) { "an" } else { "a" };
                write!(f, "this is {article} {label}, not a key: {advice}")
            }
            DecodeError::Encrypted { label } => write!(
                f,
                "this {label} is protected by a passphrase and cannot be read here; export its public key instead: `openssl pkey -in key.pem -pubout`"
            ),
            DecodeError::UnknownLabel { label } => write!(
                f,
                "\"{label}\" is not a key format this page reads: paste a PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, a private key, a JWK or a JWKS"
            ),
        }
    }
}

/// Labels that are never the key but may sit beside it (`openssl ecparam -genkey` output).
pub fn is_companion(label: &str) -> bool {
    label == "EC PARAMETERS"
}

pub fn from_block(block: &Block) -> Result<KeyMaterial, DecodeError> {
    let label = block.label.as_str();
    let origin = Origin::Pem { label: label.to_string(), armoured: block.armoured };
    let inner = |error: SpkiError| DecodeError::Inner { label: label.to_string(), error };
    let not_a_key = |advice| Err(DecodeError::NotAKey { label: label.to_string(), advice });
    let der_bytes = block.der.as_slice();
    match label {
        "PUBLIC KEY" => Ok(KeyMaterial::public(&spki::parse(der_bytes).map_err(inner)?, origin)),
        "RSA PUBLIC KEY" => {
            let mut key = KeyMaterial::public(&spki::rsa_public_key(der_bytes, 0).map_err(inner)?, origin);
            key.notes.push("A PKCS#1 RSA public key: wrapped into SubjectPublicKeyInfo, the form WebCrypto imports.".into());
            Ok(key)
        }
        "CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            let (info, at) = spki::from_certificate(der_bytes).map_err(|e| inner(e.into()))?;
            let mut key = KeyMaterial::public(&spki::parse_at(info, at).map_err(inner)?, origin);
            key.notes.push("The public key was taken from the certificate; its dates and issuer are not checked here.".into());
            Ok(key)
        }
        "PRIVATE KEY" => pkcs8(der_bytes, origin).map_err(inner),
        "RSA PRIVATE KEY" => {
            let parts = rsa_private(der_bytes, 0).map_err(inner)?;
            let pkcs8 = wrap(spki::RSA_ENCRYPTION, Some(AnyRef::NULL), der_bytes).map_err(inner)?;
            Ok(KeyMaterial::public(&parts, origin).with_private(Private::Pkcs8(pkcs8)))
        }
        "EC PRIVATE KEY" => {
            let (curve, parts) = sec1(der_bytes, 0, None).map_err(inner)?;
            let parts = parts.ok_or(SpkiError::NoPublicKey).map_err(inner)?;
            let pkcs8 = wrap(spki::EC_PUBLIC_KEY, Some(AnyRef::from(&curve.oid())), der_bytes).map_err(inner)?;
            Ok(KeyMaterial::public(&parts, origin).with_private(Private::Pkcs8(pkcs8)))
        }
        "ENCRYPTED PRIVATE KEY" => Err(DecodeError::Encrypted { label: label.to_string() }),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => not_a_key(
            "a CSR asks a CA for a certificate. Paste the certificate the CA issued, or the public key: `openssl req -in csr.pem -pubkey -noout`",
        ),
        "X509 CRL" => not_a_key("a CRL lists revoked certificates. Paste the signer's certificate or public key"),
        "PKCS7" | "CMS" => not_a_key("a certificate bundle. Export the signing certificate: `openssl pkcs7 -print_certs -in bundle.p7b`"),
        "OPENSSH PRIVATE KEY" => not_a_key("an OpenSSH key, a format JOSE does not use. Export its public key as PEM: `ssh-keygen -e -m PKCS8 -f key`"),
        "PGP PUBLIC KEY BLOCK" | "PGP PRIVATE KEY BLOCK" => not_a_key("an OpenPGP key; JWTs are never signed with PGP keys"),
        "EC PARAMETERS" => not_a_key("only the curve's name, without the key. Paste the PUBLIC KEY block"),
        _ => Err(DecodeError::UnknownLabel { label: label.to_string() }),
    }
}

/// PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5958 §2).
fn pkcs8(der_bytes: &[u8], origin: Origin) -> Result<KeyMaterial, SpkiError> {
    let mut info = Fields::top(der_bytes, 0, "PrivateKeyInfo")?;
    info.version("version")?;
    let mut algorithm = info.sequence("privateKeyAlgorithm")?;
    let oid = algorithm.oid("algorithm")?;
    let (private, private_at) = info.octet_string("privateKey")?;
    info.explicit(0, "attributes")?;
    let public = info.implicit_bit_string(1, "publicKey")?;
    let private_form = Private::Pkcs8(der_bytes.to_vec());
    let parts = match oid {
        spki::RSA_ENCRYPTION | spki::RSASSA_PSS => rsa_private(private, private_at)?,
        spki::EC_PUBLIC_KEY => {
            let curve = spki::named_curve(&mut algorithm)?;
            match (sec1(private, private_at, Some(curve))?.1, public) {
                (Some(parts), _) => parts,
                (None, Some((point, _))) => spki::ec_point(curve, point)?,
                (None, None) => return Err(SpkiError::NoPublicKey),
            }
        }
        spki::ED25519 => match public {
            Some((x, at)) => spki::from_algorithm(&oid, algorithm, x, at)?,
            None => {
                let mut key = KeyMaterial::private_only(KeyKind::Ed25519, der_bytes.to_vec(), origin);
                key.notes.push("An Ed25519 private key without its public half: the browser derives the public key when it imports this one.".into());
                return Ok(key.with_private(private_form));
            }
        },
        _ => return Err(spki::unsupported(&oid)),
    };
    Ok(KeyMaterial::public(&parts, origin).with_private(private_form))
}

/// PKCS#1 RSAPrivateKey (RFC 8017 A.1.2): version, n, e, then d, p, q, dp, dq, qi, which
/// verifying never needs. Found at byte `base` (inside a PKCS#8 key, or 0).
fn rsa_private(bytes: &[u8], base: usize) -> Result<PublicParts, SpkiError> {
    let mut key = Fields::top(bytes, base, "RSAPrivateKey")?;
    key.version("version")?;
    let n = key.uint("modulus")?;
    let e = key.uint("publicExponent")?;
    spki::rsa_parts(n, e)
}

/// SEC1 ECPrivateKey (RFC 5915 §3): the curve comes from its own parameters or from the
/// PKCS#8 algorithm around it; the public point is optional.
fn sec1(bytes: &[u8], base: usize, outer: Option<Curve>) -> Result<(Curve, Option<PublicParts>), SpkiError> {
    let mut key = Fields::top(bytes, base, "ECPrivateKey")?;
    key.version("version")?;
    key.octet_string("privateKey")?;
    let curve = match key.explicit(0, "parameters")? {
        Some(mut parameters) => spki::named_curve(&mut parameters)?,
        None => outer.ok_or(SpkiError::NoCurve)?,
    };
    let public = match key.explicit(1, "publicKey")? {
        Some(mut public) => Some(spki::ec_point(curve, public.bit_string("publicKey")?.0)?),
        None => None,
    };
    Ok((curve, public))
}

/// A PKCS#1 or SEC1 private key wrapped into PKCS#8, the form WebCrypto imports, as OpenSSL
/// wraps it.
fn wrap(oid: ObjectIdentifier, parameters: Option<AnyRef<'_>>, key: &[u8]) -> Result<Vec<u8>, SpkiError> {
    let algorithm = ::spki::AlgorithmIdentifierRef { oid, parameters };
    let private_key = OctetStringRef::new(key).map_err(|_| SpkiError::TooLong)?;
    pkcs8::PrivateKeyInfoRef::new(algorithm, private_key).to_der().map_err(|_| SpkiError::TooLong)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::pem;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../../tests/fixtures/keys/", $name))
        };
    }

    const RSA_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der");
    const EC_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/ec_p256_spki.der");
    const ED_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/ed25519_spki.der");

    fn decode(text: &str) -> Result<KeyMaterial, DecodeError> {
        let blocks = pem::parse(text).unwrap().blocks;
        from_block(blocks.iter().find(|b| !is_companion(&b.label)).unwrap())
    }

    #[test]
    fn every_openssl_form_gives_the_same_public_key() {
        let cases: &[(&str, &[u8], bool)] = &[
            (fixture!("rsa2048_spki.pem"), RSA_SPKI, false),
            (fixture!("rsa2048_pkcs1_public.pem"), RSA_SPKI, false),
            (fixture!("rsa2048_selfsigned_cert.pem"), RSA_SPKI, false),
            (fixture!("rsa2048_pkcs8.pem"), RSA_SPKI, true),
            (fixture!("rsa2048_pkcs1_private.pem"), RSA_SPKI, true),
            (fixture!("ec_p256_spki.pem"), EC_SPKI, false),
            (fixture!("ec_p256_sec1.pem"), EC_SPKI, true),
            (fixture!("ec_p256_pkcs8.pem"), EC_SPKI, true),
            (fixture!("ed25519_spki.pem"), ED_SPKI, false),
        ];
        for (pem_text, spki_der, private) in cases {
            let key = decode(pem_text).unwrap_or_else(|e| panic!("{e}\n{pem_text}"));
            assert_eq!(key.spki_der.as_deref(), Some(*spki_der), "{pem_text}");
            assert_eq!(key.private.is_some(), *private, "{pem_text}");
        }
    }

    #[test]
    fn pkcs1_and_sec1_private_keys_are_wrapped_like_openssl_does() {
        let key = decode(fixture!("rsa2048_pkcs1_private.pem")).unwrap();
        let openssl = include_bytes!("../../../tests/fixtures/keys/rsa2048_pkcs8.der");
        assert_eq!(key.private, Some(Private::Pkcs8(openssl.to_vec())));
        // OpenSSL drops the inner curve parameters when it converts; both forms must still
        // name the same key.
        let key = decode(fixture!("ec_p256_sec1.pem")).unwrap();
        let Some(Private::Pkcs8(wrapped)) = key.private else { panic!("no PKCS#8") };
        let block = pem::Block { label: "PRIVATE KEY".into(), der: wrapped, line: 1, armoured: true };
        assert_eq!(from_block(&block).unwrap().spki_der.as_deref(), Some(EC_SPKI));
    }

    #[test]
    fn ed25519_private_key_leaves_the_public_half_to_the_browser() {
        let key = decode(fixture!("ed25519_pkcs8.pem")).unwrap();
        assert_eq!(key.kind, KeyKind::Ed25519);
        assert_eq!(key.spki_der, None);
        assert!(matches!(key.private, Some(Private::Pkcs8(_))));
        assert!(key.notes.iter().any(|n| n.contains("derives the public key")));
    }

    #[test]
    fn what_is_not_a_key_says_what_it_is() {
        let cases: &[(&str, &str)] = &[
            (fixture!("rsa2048_csr.pem"), "this is a CERTIFICATE REQUEST, not a key: a CSR asks a CA"),
            (fixture!("ec_p256_pkcs8_encrypted.pem"), "this ENCRYPTED PRIVATE KEY is protected by a passphrase"),
            (
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----",
                "this is an EC PARAMETERS, not a key",
            ),
            ("-----BEGIN FOO-----\nAAAA\n-----END FOO-----", "\"FOO\" is not a key format"),
            (
                "-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----",
                "PUBLIC KEY: DER error at byte 2: the SubjectPublicKeyInfo ends before its algorithm",
            ),
        ];
        for (text, start) in cases {
            let blocks = pem::parse(text).unwrap().blocks;
            let e = from_block(&blocks[0]).unwrap_err().to_string();
            assert!(e.starts_with(start), "{e}");
        }
        // A cut certificate is located in the certificate's bytes.
        let mut block = pem::parse(fixture!("rsa2048_selfsigned_cert.pem")).unwrap().blocks.remove(0);
        block.der.truncate(120);
        let e = from_block(&block).unwrap_err().to_string();
        assert_eq!(e, "CERTIFICATE: DER error at byte 0: the Certificate runs past the end of the data at byte 120: it was cut short, or it is not DER");
    }

    #[test]
    fn errors_inside_a_wrapped_key_count_bytes_of_the_whole_paste() {
        // OpenSSL's PKCS#8 holds the RSAPrivateKey at byte 26; its modulus starts at byte 33.
        let pkcs8 = include_bytes!("../../../tests/fixtures/keys/rsa2048_pkcs8.der");
        let block = |der: Vec<u8>| pem::Block { label: "PRIVATE KEY".into(), der, line: 1, armoured: true };
        let mut octets = pkcs8.to_vec();
        octets[33] = 0x04;
        assert_eq!(
            from_block(&block(octets)).unwrap_err().to_string(),
            "PRIVATE KEY: DER error at byte 33: expected an INTEGER (modulus), found an OCTET STRING"
        );
        // A modulus claiming 0x500 bytes runs past the RSAPrivateKey, which ends at 30 + 0x4A3.
        let mut long = pkcs8.to_vec();
        long[35] = 0x05;
        assert_eq!(
            from_block(&block(long)).unwrap_err().to_string(),
            "PRIVATE KEY: DER error at byte 33: the modulus runs past the end of the RSAPrivateKey at byte 1217: it was cut short, or it is not DER"
        );
    }
}
