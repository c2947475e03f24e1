//! The few fields of an X.509 certificate (RFC 5280 §4.1) the page shows for a token's `x5c`
//! chain: who it names, who issued it, when it is valid, and its key. Read with the located DER
//! reader; nothing here validates a chain, which needs trust anchors a page does not have.

use super::asn1::{DerError, Element, Fields};
use crate::model::time::{self, Secs};
use base64::Engine;
use der::asn1::ObjectIdentifier;
use der::Tag;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// "CN=api.example.com, O=Example": the attributes people recognise, in order.
    pub subject: String,
    pub issuer: String,
    pub not_before: Option<Secs>,
    pub not_after: Option<Secs>,
    /// The SubjectPublicKeyInfo as it stands in the certificate.
    pub spki: Vec<u8>,
}

pub fn read(der: &[u8]) -> Result<Certificate, DerError> {
    let mut certificate = Fields::top(der, 0, "Certificate")?;
    let mut tbs = certificate.sequence("tbsCertificate")?;
    tbs.explicit(0, "version")?;
    tbs.expect(Tag::Integer, "serialNumber")?;
    tbs.expect(Tag::Sequence, "signature")?;
    let issuer = name(&tbs.expect(Tag::Sequence, "issuer")?)?;
    let mut validity = tbs.sequence("validity")?;
    let not_before = when(&validity.any("notBefore")?);
    let not_after = when(&validity.any("notAfter")?);
    let subject = name(&tbs.expect(Tag::Sequence, "subject")?)?;
    let info = tbs.expect(Tag::Sequence, "subjectPublicKeyInfo")?;
    Ok(Certificate { subject, issuer, not_before, not_after, spki: info.raw.to_vec() })
}

/// The certificates of the header's `x5c` (RFC 7515 §4.1.6: standard base64 DER, the signing
/// certificate first), each read or why not.
pub fn chain(header: &Map<String, Value>) -> Vec<Result<Certificate, String>> {
    let Some(list) = header.get("x5c").and_then(Value::as_array) else { return Vec::new() };
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let text = v.as_str().ok_or_else(|| format!("x5c[{i}] is not a string"))?;
            let der = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| format!("x5c[{i}] is not standard base64: {e}"))?;
            read(&der).map_err(|e| format!("x5c[{i}]: {e}"))
        })
        .collect()
}

/// An `x5c` entry (standard base64 DER) as a PEM certificate, for the Key field.
pub fn pem_of(x5c_entry: &str) -> String {
    let body: Vec<String> = x5c_entry.as_bytes().chunks(64).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", body.join("\n"))
}

/// An RDNSequence as "CN=…, O=…"; attributes without a short name are left out, and a name with
/// none of them reads "(no common name)".
fn name(e: &Element<'_>) -> Result<String, DerError> {
    let mut parts = Vec::new();
    let mut rdns = e.fields("Name");
    while !rdns.is_finished() {
        let mut set = rdns.expect(Tag::Set, "RelativeDistinguishedName")?.fields("RelativeDistinguishedName");
        while !set.is_finished() {
            let mut attribute = set.sequence("AttributeTypeAndValue")?;
            let oid = attribute.oid("type")?;
            let value = attribute.any("value")?;
            if let Some(short) = short_name(&oid) {
                parts.push(format!("{short}={}", String::from_utf8_lossy(value.value)));
            }
        }
    }
    Ok(if parts.is_empty() { "(no common name)".into() } else { parts.join(", ") })
}

fn short_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    Some(match oid.to_string().as_str() {
        "2.5.4.3" => "CN",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        _ => return None,
    })
}

/// UTCTime `YYMMDDHHMMSSZ` (years 1950 to 2049, RFC 5280 §4.1.2.5.1) or GeneralizedTime
/// `YYYYMMDDHHMMSSZ`.
fn when(e: &Element<'_>) -> Option<Secs> {
    let text = std::str::from_utf8(e.value).ok()?.strip_suffix('Z')?;
    let digits = |range: std::ops::Range<usize>| -> Option<i64> { text.get(range)?.parse().ok() };
    let (year, rest) = match (e.tag, text.len()) {
        (Tag::UtcTime, 12) => {
            let yy = digits(0..2)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, 2)
        }
        (Tag::GeneralizedTime, 14) => (digits(0..4)?, 4),
        _ => return None,
    };
    let at = |i: usize| digits(rest + i..rest + i + 2);
    time::utc(year, at(0)?, at(2)?, at(4)?, at(6)?, at(8)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SELF_SIGNED: &str = include_str!("../../../tests/fixtures/keys/rsa2048_selfsigned_cert.pem");

    fn der_of(pem: &str) -> Vec<u8> {
        use base64::Engine;
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD.decode(body).unwrap()
    }

    #[test]
    fn reads_who_when_and_the_key() {
        let der = der_of(SELF_SIGNED);
        let c = read(&der).unwrap();
        assert_eq!(c.subject, c.issuer, "self-signed");
        assert!(c.subject.contains("CN="), "{}", c.subject);
        let (before, after) = (c.not_before.unwrap(), c.not_after.unwrap());
        assert!(before < after && before > 1_600_000_000, "{before} {after}");
        let (spki, _) = crate::model::keys::spki::from_certificate(&der).unwrap();
        assert_eq!(c.spki, spki);
        // A cut certificate is a located error, never a panic.
        let err = read(&der[..der.len() / 2]).unwrap_err();
        assert!(err.at <= der.len() / 2, "{err:?}");
    }

    #[test]
    fn an_x5c_entry_becomes_the_pem_it_came_from() {
        let der = der_of(SELF_SIGNED);
        use base64::Engine;
        let entry = base64::engine::general_purpose::STANDARD.encode(&der);
        assert_eq!(pem_of(&entry).trim(), SELF_SIGNED.trim());
    }

    #[test]
    fn both_time_forms() {
        let utc = |text: &str, tag| when(&Element { tag, start: 0, raw: &[], value: text.as_bytes(), value_start: 0 });
        assert_eq!(utc("491231235959Z", Tag::UtcTime), time::utc(2049, 12, 31, 23, 59, 59));
        assert_eq!(utc("500101000000Z", Tag::UtcTime), time::utc(1950, 1, 1, 0, 0, 0));
        assert_eq!(utc("20500101000000Z", Tag::GeneralizedTime), time::utc(2050, 1, 1, 0, 0, 0));
        assert_eq!(utc("2050010100Z", Tag::GeneralizedTime), None);
        assert_eq!(utc("491231235959", Tag::UtcTime), None, "no Z");
    }
}
