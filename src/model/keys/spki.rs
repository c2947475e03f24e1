//! SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), the one public-key format WebCrypto imports for
//! every signature algorithm: reading it, writing it, and finding it inside a certificate.

use super::der::{self, DerError, Reader};
use super::kind::{Curve, PublicParts};
use std::fmt;

pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const ED25519: &str = "1.3.101.112";
const ED448: &str = "1.3.101.113";
const X25519: &str = "1.3.101.110";
const X448: &str = "1.3.101.111";
const DSA: &str = "1.2.840.10040.4.1";
const SECP256K1: &str = "1.3.132.0.10";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpkiError {
    Der(DerError),
    /// A key algorithm JOSE or WebCrypto cannot verify with; `advice` says what to do.
    Unsupported {
        oid: String,
        name: &'static str,
        advice: &'static str,
    },
    UnsupportedCurve {
        oid: String,
        name: &'static str,
    },
    /// 0x02/0x03: WebCrypto imports only uncompressed points from SPKI.
    CompressedPoint,
    BadPoint {
        curve: Curve,
        len: usize,
    },
    BadEd25519 {
        len: usize,
    },
    BadRsa,
    /// An EC private key stored without its public point.
    NoPublicKey,
    /// A SEC1 key with no curve named anywhere.
    NoCurve,
}

impl From<DerError> for SpkiError {
    fn from(e: DerError) -> Self {
        SpkiError::Der(e)
    }
}

impl fmt::Display for SpkiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpkiError::Der(e) => write!(f, "{e}"),
            SpkiError::Unsupported { oid, name, advice } => write!(f, "the key algorithm is {name} ({oid}): {advice}"),
            SpkiError::UnsupportedCurve { oid, name } => write!(
                f,
                "the EC key is on curve {name} ({oid}); JOSE and WebCrypto verify only P-256, P-384 and P-521 (ES256, ES384, ES512)"
            ),
            SpkiError::CompressedPoint => write!(
                f,
                "the EC public key is a compressed point; WebCrypto needs it uncompressed: run `openssl ec -pubin -in key.pem -conv_form uncompressed -pubout`"
            ),
            SpkiError::BadPoint { curve, len } => write!(
                f,
                "the EC public key is {len} bytes; an uncompressed {} point is {} bytes (0x04, x, y)",
                curve.name(),
                1 + 2 * curve.coordinate_len()
            ),
            SpkiError::BadEd25519 { len } => write!(f, "the Ed25519 public key is {len} bytes; it must be 32"),
            SpkiError::BadRsa => write!(f, "the RSA public key has a zero modulus or exponent"),
            SpkiError::NoPublicKey => write!(
                f,
                "the EC private key was saved without its public key, which cannot be computed here; export it: `openssl ec -in key.pem -pubout`"
            ),
            SpkiError::NoCurve => write!(f, "the EC private key does not name its curve; export its public key instead: `openssl ec -in key.pem -pubout`"),
        }
    }
}

/// Why an algorithm cannot be used, said once for SPKI, PKCS#8 and JWK alike.
pub fn unsupported(oid: &str) -> SpkiError {
    let (name, advice) = match oid {
        ED448 => ("Ed448", "JOSE defines it (EdDSA) but browsers do not verify it"),
        X25519 | X448 => ("an X25519/X448 key-agreement key", "it encrypts, it cannot sign: look for the signing key"),
        DSA => ("DSA", "JOSE has no DSA algorithm; the token must be signed with RSA, EC or Ed25519"),
        _ => ("not a signature key JOSE knows", "paste an RSA, EC (P-256/384/521) or Ed25519 public key"),
    };
    SpkiError::Unsupported { oid: oid.to_string(), name, advice }
}

pub fn parse(der_bytes: &[u8]) -> Result<PublicParts, SpkiError> {
    let mut r = der::top_sequence(der_bytes)?;
    let mut alg = r.sequence()?;
    let oid = alg.oid()?;
    let params = alg.clone();
    let key = r.bit_string()?;
    r.finish()?;
    from_algorithm(&oid, params, key)
}

/// Interprets the key bytes of an SPKI (or the public key of a private-key structure) for
/// the algorithm `oid`, whose parameters follow in `params`.
pub fn from_algorithm(oid: &str, mut params: Reader<'_>, key: &[u8]) -> Result<PublicParts, SpkiError> {
    match oid {
        // A PSS-restricted key holds the same RSAPublicKey; browsers import only rsaEncryption,
        // and the token's alg already says PSS.
        RSA_ENCRYPTION | RSASSA_PSS => rsa_public_key(key),
        EC_PUBLIC_KEY => {
            let curve = named_curve(&mut params)?;
            ec_point(curve, key)
        }
        ED25519 => match key.len() {
            32 => Ok(PublicParts::Ed25519 { x: key.to_vec() }),
            len => Err(SpkiError::BadEd25519 { len }),
        },
        other => Err(unsupported(other)),
    }
}

pub fn named_curve(params: &mut Reader<'_>) -> Result<Curve, SpkiError> {
    let curve_oid = params.oid()?;
    Curve::from_oid(&curve_oid).ok_or_else(|| SpkiError::UnsupportedCurve {
        name: if curve_oid == SECP256K1 {
            "secp256k1 (ES256K, not in WebCrypto)"
        } else {
            "an unnamed or unusual curve"
        },
        oid: curve_oid,
    })
}

/// PKCS#1 RSAPublicKey: SEQUENCE { modulus INTEGER, publicExponent INTEGER }. Offsets in
/// errors count from the start of these bytes.
pub fn rsa_public_key(bytes: &[u8]) -> Result<PublicParts, SpkiError> {
    let mut seq = der::top_sequence(bytes)?;
    let n = seq.uint()?.to_vec();
    let e = seq.uint()?.to_vec();
    seq.finish()?;
    if n == [0] || e == [0] {
        return Err(SpkiError::BadRsa);
    }
    Ok(PublicParts::Rsa { n, e })
}

pub fn ec_point(curve: Curve, point: &[u8]) -> Result<PublicParts, SpkiError> {
    let n = curve.coordinate_len();
    match point.first() {
        Some(0x02) | Some(0x03) => Err(SpkiError::CompressedPoint),
        Some(0x04) if point.len() == 1 + 2 * n => {
            Ok(PublicParts::Ec { curve, x: point[1..1 + n].to_vec(), y: point[1 + n..].to_vec() })
        }
        _ => Err(SpkiError::BadPoint { curve, len: point.len() }),
    }
}

pub fn build(parts: &PublicParts) -> Vec<u8> {
    match parts {
        PublicParts::Rsa { n, e } => {
            let key = der::sequence(&[&der::uint(n), &der::uint(e)]);
            der::sequence(&[&der::sequence(&[&der::oid(RSA_ENCRYPTION), &der::null()]), &der::bit_string(&key)])
        }
        PublicParts::Ec { curve, x, y } => {
            let point = [&[0x04][..], x, y].concat();
            der::sequence(&[
                &der::sequence(&[&der::oid(EC_PUBLIC_KEY), &der::oid(curve.oid())]),
                &der::bit_string(&point),
            ])
        }
        // RFC 8410 §3: the parameters are absent, not NULL.
        PublicParts::Ed25519 { x } => der::sequence(&[&der::sequence(&[&der::oid(ED25519)]), &der::bit_string(x)]),
    }
}

/// The SubjectPublicKeyInfo of an X.509 certificate, byte for byte.
pub fn from_certificate(cert: &[u8]) -> Result<&[u8], DerError> {
    let mut certificate = der::top_sequence(cert)?;
    let mut tbs = certificate.sequence()?;
    tbs.optional(der::context(0))?; // version
    tbs.expect(der::INTEGER)?; // serialNumber
    tbs.expect(der::SEQUENCE)?; // signature algorithm
    tbs.expect(der::SEQUENCE)?; // issuer
    tbs.expect(der::SEQUENCE)?; // validity
    tbs.expect(der::SEQUENCE)?; // subject
    Ok(tbs.expect(der::SEQUENCE)?.raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSA_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der");
    const EC_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/ec_p256_spki.der");
    const ED_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/ed25519_spki.der");

    #[test]
    fn openssl_keys_parse_and_rebuild_byte_for_byte() {
        let cases: &[(&[u8], &str)] =
            &[(RSA_SPKI, "RSA 2048-bit public key"), (EC_SPKI, "EC P-256 public key"), (ED_SPKI, "Ed25519 public key")];
        for (der_bytes, kind) in cases {
            let parts = parse(der_bytes).unwrap();
            assert_eq!(parts.kind().describe(), *kind);
            assert_eq!(build(&parts), *der_bytes, "{kind}: rebuilt SPKI differs from OpenSSL's");
        }
    }

    #[test]
    fn damaged_spki_is_located() {
        let cut = &RSA_SPKI[..200];
        assert_eq!(parse(cut), Err(SpkiError::Der(DerError::LengthPastEnd { at: 0, length: 290, left: 196 })));
        let mut extra = RSA_SPKI.to_vec();
        extra.push(0);
        assert_eq!(parse(&extra), Err(SpkiError::Der(DerError::Trailing { at: 294, count: 1 })));
    }

    #[test]
    fn unsupported_algorithms_say_what_to_do() {
        let dsa = der::sequence(&[&der::sequence(&[&der::oid(DSA)]), &der::bit_string(&[1, 2])]);
        let e = parse(&dsa).unwrap_err();
        assert!(e.to_string().starts_with("the key algorithm is DSA (1.2.840.10040.4.1): JOSE has no DSA"), "{e}");
        let k1 = der::sequence(&[
            &der::sequence(&[&der::oid(EC_PUBLIC_KEY), &der::oid(SECP256K1)]),
            &der::bit_string(&[4; 65]),
        ]);
        assert!(parse(&k1).unwrap_err().to_string().contains("secp256k1"));
        let compressed = der::sequence(&[
            &der::sequence(&[&der::oid(EC_PUBLIC_KEY), &der::oid(Curve::P256.oid())]),
            &der::bit_string(&[2; 33]),
        ]);
        assert_eq!(parse(&compressed), Err(SpkiError::CompressedPoint));
        let short = der::sequence(&[
            &der::sequence(&[&der::oid(EC_PUBLIC_KEY), &der::oid(Curve::P256.oid())]),
            &der::bit_string(&[4; 64]),
        ]);
        assert_eq!(parse(&short), Err(SpkiError::BadPoint { curve: Curve::P256, len: 64 }));
    }

    #[test]
    fn certificate_spki_is_the_openssl_one() {
        let pem = include_str!("../../../tests/fixtures/keys/rsa2048_selfsigned_cert.pem");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let cert = crate::model::keys::pem::decode_base64(&body).unwrap();
        assert_eq!(from_certificate(&cert).unwrap(), RSA_SPKI);
        assert!(from_certificate(&cert[..cert.len() - 1]).is_err());
    }
}
