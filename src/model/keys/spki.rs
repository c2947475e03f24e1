//! SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), the one public-key format WebCrypto imports for
//! every signature algorithm: reading it, writing it, and finding it inside a certificate.

use super::asn1::{DerError, Fields};
use super::kind::{Curve, PublicParts};
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, UintRef};
use der::{Encode, Tag};
use std::fmt;

pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
pub const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

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
    /// der refused to write the key back out, which happens only past its 256 MB limit.
    TooLong,
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
            SpkiError::TooLong => write!(f, "the key is too long to write out for WebCrypto (over 256 MB)"),
        }
    }
}

/// Why an algorithm cannot be used, said once for SPKI, PKCS#8 and JWK alike.
pub fn unsupported(oid: &ObjectIdentifier) -> SpkiError {
    let (name, advice) = match *oid {
        ED448 => ("Ed448", "JOSE defines it (EdDSA) but browsers do not verify it"),
        X25519 | X448 => ("an X25519/X448 key-agreement key", "it encrypts, it cannot sign: look for the signing key"),
        DSA => ("DSA", "JOSE has no DSA algorithm; the token must be signed with RSA, EC or Ed25519"),
        _ => ("not a signature key JOSE knows", "paste an RSA, EC (P-256/384/521) or Ed25519 public key"),
    };
    SpkiError::Unsupported { oid: oid.to_string(), name, advice }
}

pub fn parse(der_bytes: &[u8]) -> Result<PublicParts, SpkiError> {
    parse_at(der_bytes, 0)
}

/// An SPKI found at byte `base` of a larger structure (a certificate); errors count from there.
pub fn parse_at(bytes: &[u8], base: usize) -> Result<PublicParts, SpkiError> {
    let mut info = Fields::top(bytes, base, "SubjectPublicKeyInfo")?;
    let mut algorithm = info.sequence("algorithm")?;
    let oid = algorithm.oid("algorithm")?;
    let (key, key_at) = info.bit_string("subjectPublicKey")?;
    info.finish()?;
    from_algorithm(&oid, algorithm, key, key_at)
}

/// Interprets the key bytes of an SPKI (or the public key of a private-key structure), found
/// at byte `key_at`, for the algorithm `oid`, whose parameters follow in `params`.
pub fn from_algorithm(
    oid: &ObjectIdentifier,
    mut params: Fields<'_>,
    key: &[u8],
    key_at: usize,
) -> Result<PublicParts, SpkiError> {
    match *oid {
        // A PSS-restricted key holds the same RSAPublicKey; browsers import only rsaEncryption,
        // and the token's alg already says PSS.
        RSA_ENCRYPTION | RSASSA_PSS => rsa_public_key(key, key_at),
        EC_PUBLIC_KEY => {
            let curve = named_curve(&mut params)?;
            ec_point(curve, key)
        }
        ED25519 => match key.len() {
            32 => Ok(PublicParts::Ed25519 { x: key.to_vec() }),
            len => Err(SpkiError::BadEd25519 { len }),
        },
        _ => Err(unsupported(oid)),
    }
}

pub fn named_curve(params: &mut Fields<'_>) -> Result<Curve, SpkiError> {
    let curve_oid = params.oid("namedCurve")?;
    Curve::from_oid(&curve_oid).ok_or_else(|| SpkiError::UnsupportedCurve {
        name: if curve_oid == SECP256K1 {
            "secp256k1 (ES256K, not in WebCrypto)"
        } else {
            "an unnamed or unusual curve"
        },
        oid: curve_oid.to_string(),
    })
}

/// PKCS#1 RSAPublicKey: SEQUENCE { modulus INTEGER, publicExponent INTEGER }, found at byte
/// `base` (0 for an RSA PUBLIC KEY block).
pub fn rsa_public_key(bytes: &[u8], base: usize) -> Result<PublicParts, SpkiError> {
    let mut key = Fields::top(bytes, base, "RSAPublicKey")?;
    let n = key.uint("modulus")?;
    let e = key.uint("publicExponent")?;
    key.finish()?;
    rsa_parts(n, e)
}

/// der gives zero as [0]; WebCrypto refuses it and no key has it.
pub fn rsa_parts(n: &[u8], e: &[u8]) -> Result<PublicParts, SpkiError> {
    if n == [0] || e == [0] {
        return Err(SpkiError::BadRsa);
    }
    Ok(PublicParts::Rsa { n: n.to_vec(), e: e.to_vec() })
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

/// The SPKI WebCrypto imports, as OpenSSL writes it. Fails only past der's 256 MB limit.
pub fn build(parts: &PublicParts) -> Result<Vec<u8>, SpkiError> {
    build_der(parts).map_err(|_| SpkiError::TooLong)
}

fn build_der(parts: &PublicParts) -> der::Result<Vec<u8>> {
    let curve_oid;
    let (oid, parameters, key) = match parts {
        PublicParts::Rsa { n, e } => {
            let key = pkcs1::RsaPublicKeyRef { modulus: UintRef::new(n)?, public_exponent: UintRef::new(e)? };
            (RSA_ENCRYPTION, Some(AnyRef::NULL), key.to_der()?)
        }
        PublicParts::Ec { curve, x, y } => {
            curve_oid = curve.oid();
            (EC_PUBLIC_KEY, Some(AnyRef::from(&curve_oid)), [&[0x04][..], x, y].concat())
        }
        // RFC 8410 §3: the parameters are absent, not NULL.
        PublicParts::Ed25519 { x } => (ED25519, None, x.clone()),
    };
    let algorithm = ::spki::AlgorithmIdentifierRef { oid, parameters };
    ::spki::SubjectPublicKeyInfoRef { algorithm, subject_public_key: BitStringRef::from_bytes(&key)? }.to_der()
}

/// The SubjectPublicKeyInfo of an X.509 certificate, byte for byte, and where it starts.
/// Walked with der rather than decoded whole: names, dates and extensions are not needed here.
pub fn from_certificate(cert: &[u8]) -> Result<(&[u8], usize), DerError> {
    let mut certificate = Fields::top(cert, 0, "Certificate")?;
    let mut tbs = certificate.sequence("tbsCertificate")?;
    tbs.explicit(0, "version")?;
    tbs.expect(Tag::Integer, "serialNumber")?;
    tbs.expect(Tag::Sequence, "signature")?;
    tbs.expect(Tag::Sequence, "issuer")?;
    tbs.expect(Tag::Sequence, "validity")?;
    tbs.expect(Tag::Sequence, "subject")?;
    let info = tbs.expect(Tag::Sequence, "subjectPublicKeyInfo")?;
    Ok((info.raw, info.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::asn1::Problem;

    const RSA_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der");
    const EC_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/ec_p256_spki.der");
    const ED_SPKI: &[u8] = include_bytes!("../../../tests/fixtures/keys/ed25519_spki.der");

    fn spki_of(oid: ObjectIdentifier, parameters: Option<AnyRef<'_>>, key: &[u8]) -> Vec<u8> {
        let algorithm = ::spki::AlgorithmIdentifierRef { oid, parameters };
        let subject_public_key = BitStringRef::from_bytes(key).unwrap();
        ::spki::SubjectPublicKeyInfoRef { algorithm, subject_public_key }.to_der().unwrap()
    }

    #[test]
    fn openssl_keys_parse_and_rebuild_byte_for_byte() {
        let cases: &[(&[u8], &str)] =
            &[(RSA_SPKI, "RSA 2048-bit public key"), (EC_SPKI, "EC P-256 public key"), (ED_SPKI, "Ed25519 public key")];
        for (der_bytes, kind) in cases {
            let parts = parse(der_bytes).unwrap();
            assert_eq!(parts.kind().describe(), *kind);
            assert_eq!(build(&parts).unwrap(), *der_bytes, "{kind}: rebuilt SPKI differs from OpenSSL's");
        }
    }

    #[test]
    fn rsa_numbers_are_written_minimal_with_their_sign_byte() {
        let parts = PublicParts::Rsa { n: [&[0, 0][..], &[0x80; 255]].concat(), e: vec![1, 0, 1] };
        let Ok(PublicParts::Rsa { n, .. }) = parse(&build(&parts).unwrap()) else { panic!("no RSA key") };
        assert_eq!(n, [0x80; 255], "leading zeros dropped, the sign byte not part of the number");
        assert_eq!(build(&parts).unwrap()[28..33], [0x02, 0x82, 0x01, 0x00, 0x00], "255 bytes and a sign byte");
    }

    #[test]
    fn damaged_spki_is_located() {
        let at = |e: SpkiError| match e {
            SpkiError::Der(e) => (e.at, e.field, e.problem),
            other => panic!("{other}"),
        };
        assert_eq!(at(parse(&RSA_SPKI[..200]).unwrap_err()), (0, None, Problem::CutShort { end: 200 }));
        let mut extra = RSA_SPKI.to_vec();
        extra.push(0);
        assert_eq!(at(parse(&extra).unwrap_err()), (294, None, Problem::Trailing { count: 1 }));
        // The RSAPublicKey inside the BIT STRING is located in the SPKI's bytes: its modulus
        // starts at byte 28.
        let mut octets = RSA_SPKI.to_vec();
        octets[28] = 0x04;
        let e = parse(&octets).unwrap_err();
        assert_eq!(e.to_string(), "DER error at byte 28: expected an INTEGER (modulus), found an OCTET STRING");
        let mut no_curve = EC_SPKI.to_vec();
        no_curve[13] = 0x05;
        let e = parse(&no_curve).unwrap_err();
        assert_eq!(e.to_string(), "DER error at byte 13: expected an OBJECT IDENTIFIER (namedCurve), found a NULL");
    }

    #[test]
    fn unsupported_algorithms_say_what_to_do() {
        let e = parse(&spki_of(DSA, None, &[1, 2])).unwrap_err();
        assert!(e.to_string().starts_with("the key algorithm is DSA (1.2.840.10040.4.1): JOSE has no DSA"), "{e}");
        let k1 = spki_of(EC_PUBLIC_KEY, Some(AnyRef::from(&SECP256K1)), &[4; 65]);
        assert!(parse(&k1).unwrap_err().to_string().contains("secp256k1"));
        let p256 = Curve::P256.oid();
        assert_eq!(
            parse(&spki_of(EC_PUBLIC_KEY, Some(AnyRef::from(&p256)), &[2; 33])),
            Err(SpkiError::CompressedPoint)
        );
        let short = spki_of(EC_PUBLIC_KEY, Some(AnyRef::from(&p256)), &[4; 64]);
        assert_eq!(parse(&short), Err(SpkiError::BadPoint { curve: Curve::P256, len: 64 }));
    }

    #[test]
    fn certificate_spki_is_the_openssl_one() {
        let pem = include_str!("../../../tests/fixtures/keys/rsa2048_selfsigned_cert.pem");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let cert = crate::model::keys::pem::decode_base64(&body).unwrap();
        let (info, at) = from_certificate(&cert).unwrap();
        assert_eq!((info, &cert[at..at + info.len()]), (RSA_SPKI, RSA_SPKI));
        assert!(from_certificate(&cert[..cert.len() - 1]).is_err());
    }
}
