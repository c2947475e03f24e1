//! Just enough DER (X.690) to find a public key in what people paste: a bounds-checked reader
//! that never panics and locates every error by its byte offset in the whole input, and the
//! handful of writers needed to wrap PKCS#1 and JWK keys into what WebCrypto imports.

use std::fmt;

pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const NULL: u8 = 0x05;
pub const OID: u8 = 0x06;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;

/// Context-specific, constructed: `[n] EXPLICIT` in the ASN.1 modules.
pub const fn context(n: u8) -> u8 {
    0xA0 | n
}

pub fn tag_name(tag: u8) -> String {
    match tag {
        INTEGER => "an INTEGER".into(),
        BIT_STRING => "a BIT STRING".into(),
        OCTET_STRING => "an OCTET STRING".into(),
        NULL => "a NULL".into(),
        OID => "an OBJECT IDENTIFIER".into(),
        SEQUENCE => "a SEQUENCE".into(),
        SET => "a SET".into(),
        t if t & 0xE0 == 0xA0 => format!("a [{}] field", t & 0x1F),
        t => format!("tag 0x{t:02X}"),
    }
}

/// Byte offsets are counted from the start of the whole DER input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DerError {
    Empty,
    /// The tag or length bytes stop before they are complete.
    Truncated {
        at: usize,
    },
    LengthPastEnd {
        at: usize,
        length: usize,
        left: usize,
    },
    /// BER's indefinite length (0x80), never valid in DER.
    IndefiniteLength {
        at: usize,
    },
    /// More than four length bytes: no key is 4 GB long.
    LengthTooLong {
        at: usize,
    },
    /// Tag numbers above 30 are not used by any key format.
    HighTagNumber {
        at: usize,
    },
    UnexpectedTag {
        at: usize,
        expected: u8,
        found: u8,
    },
    /// The content ended where another element was required.
    Missing {
        at: usize,
        expected: u8,
    },
    Trailing {
        at: usize,
        count: usize,
    },
    BadInteger {
        at: usize,
    },
    BadBitString {
        at: usize,
    },
    BadOid {
        at: usize,
    },
}

impl fmt::Display for DerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DerError::Empty => write!(f, "DER: there are no bytes to read"),
            DerError::Truncated { at } => write!(f, "DER: the data ends inside an element's header at byte {at}: it was cut short"),
            DerError::LengthPastEnd { at, length, left } => write!(
                f,
                "DER: length runs past the end at byte {at} (the element claims {length} bytes, {left} remain): the data was cut short or is not DER"
            ),
            DerError::IndefiniteLength { at } => write!(f, "DER: indefinite length at byte {at}: that is BER, not DER"),
            DerError::LengthTooLong { at } => write!(f, "DER: impossible length at byte {at} (more than 4 length bytes)"),
            DerError::HighTagNumber { at } => write!(f, "DER: unexpected multi-byte tag at byte {at}: this is not a key structure"),
            DerError::UnexpectedTag { at, expected, found } => {
                write!(f, "DER: expected {} at byte {at}, found {}", tag_name(*expected), tag_name(*found))
            }
            DerError::Missing { at, expected } => write!(f, "DER: {} is missing at byte {at}: the structure ends too early", tag_name(*expected)),
            DerError::Trailing { at, count } => write!(f, "DER: {count} unexpected byte(s) after the end of the structure at byte {at}"),
            DerError::BadInteger { at } => write!(f, "DER: the INTEGER at byte {at} is empty or negative"),
            DerError::BadBitString { at } => write!(f, "DER: the BIT STRING at byte {at} has unused bits, which no key uses"),
            DerError::BadOid { at } => write!(f, "DER: the OBJECT IDENTIFIER at byte {at} is malformed"),
        }
    }
}

impl DerError {
    /// Where it happened; lets the caller say "byte N of the certificate".
    pub fn at(&self) -> usize {
        match self {
            DerError::Empty => 0,
            DerError::Truncated { at }
            | DerError::LengthPastEnd { at, .. }
            | DerError::IndefiniteLength { at }
            | DerError::LengthTooLong { at }
            | DerError::HighTagNumber { at }
            | DerError::UnexpectedTag { at, .. }
            | DerError::Missing { at, .. }
            | DerError::Trailing { at, .. }
            | DerError::BadInteger { at }
            | DerError::BadBitString { at }
            | DerError::BadOid { at } => *at,
        }
    }
}

/// One element: its tag, where it starts, its content, and its whole encoding (`raw`), which
/// lets a certificate's SubjectPublicKeyInfo be handed on byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub start: usize,
    pub value_start: usize,
    pub value: &'a [u8],
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// Reads the content of a constructed element.
    pub fn reader(&self) -> Reader<'a> {
        Reader { data: self.value, pos: 0, base: self.value_start }
    }
}

#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Offset of `data` in the whole input.
    base: usize,
}

pub type Result<T> = std::result::Result<T, DerError>;

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0, base: 0 }
    }

    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    pub fn any(&mut self) -> Result<Tlv<'a>> {
        let start = self.pos;
        let at = self.base + start;
        let tag = *self.data.get(start).ok_or(DerError::Truncated { at })?;
        if tag & 0x1F == 0x1F {
            return Err(DerError::HighTagNumber { at });
        }
        let first = *self.data.get(start + 1).ok_or(DerError::Truncated { at: at + 1 })?;
        let (length, header) = match first {
            0x80 => return Err(DerError::IndefiniteLength { at: at + 1 }),
            n if n < 0x80 => (n as usize, 2),
            n => {
                let count = (n & 0x7F) as usize;
                if count > 4 {
                    return Err(DerError::LengthTooLong { at: at + 1 });
                }
                let bytes = self.data.get(start + 2..start + 2 + count).ok_or(DerError::Truncated { at: at + 2 })?;
                (bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize), 2 + count)
            }
        };
        let value_start = start + header;
        let left = self.data.len() - value_start;
        if length > left {
            return Err(DerError::LengthPastEnd { at, length, left });
        }
        let end = value_start + length;
        self.pos = end;
        Ok(Tlv {
            tag,
            start: at,
            value_start: self.base + value_start,
            value: &self.data[value_start..end],
            raw: &self.data[start..end],
        })
    }

    pub fn expect(&mut self, tag: u8) -> Result<Tlv<'a>> {
        match self.peek_tag() {
            None => Err(DerError::Missing { at: self.offset(), expected: tag }),
            Some(found) if found != tag => Err(DerError::UnexpectedTag { at: self.offset(), expected: tag, found }),
            Some(_) => self.any(),
        }
    }

    /// Reads the element only when it has this tag (OPTIONAL fields).
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.any().map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn sequence(&mut self) -> Result<Reader<'a>> {
        self.expect(SEQUENCE).map(|t| t.reader())
    }

    /// A non-negative INTEGER as its big-endian magnitude, without the sign byte.
    pub fn uint(&mut self) -> Result<&'a [u8]> {
        let t = self.expect(INTEGER)?;
        match t.value.split_first() {
            None => Err(DerError::BadInteger { at: t.start }),
            Some((first, _)) if first & 0x80 != 0 => Err(DerError::BadInteger { at: t.start }),
            Some(_) => {
                let zeros = t.value.iter().take_while(|b| **b == 0).count();
                // Zero itself keeps one byte.
                Ok(&t.value[zeros.min(t.value.len() - 1)..])
            }
        }
    }

    /// A small INTEGER such as a version number; `None` when it does not fit in a u64.
    pub fn small_uint(&mut self) -> Result<Option<u64>> {
        let magnitude = self.uint()?;
        if magnitude.len() > 8 {
            return Ok(None);
        }
        Ok(Some(magnitude.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64)))
    }

    /// An OBJECT IDENTIFIER in dotted form, e.g. "1.2.840.113549.1.1.1".
    pub fn oid(&mut self) -> Result<String> {
        let t = self.expect(OID)?;
        decode_oid(t.value).ok_or(DerError::BadOid { at: t.start })
    }

    /// The content of a BIT STRING that holds whole bytes, as every key does.
    pub fn bit_string(&mut self) -> Result<&'a [u8]> {
        let t = self.expect(BIT_STRING)?;
        match t.value.split_first() {
            Some((0, rest)) => Ok(rest),
            _ => Err(DerError::BadBitString { at: t.start }),
        }
    }

    pub fn octet_string(&mut self) -> Result<&'a [u8]> {
        self.expect(OCTET_STRING).map(|t| t.value)
    }

    /// Fails when anything is left: a key followed by junk is not the key the user thinks.
    pub fn finish(&self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(DerError::Trailing { at: self.offset(), count: self.data.len() - self.pos })
        }
    }
}

/// Reads exactly one element that must span the whole input.
pub fn parse_one(data: &[u8]) -> Result<Tlv<'_>> {
    if data.is_empty() {
        return Err(DerError::Empty);
    }
    let mut r = Reader::new(data);
    let tlv = r.any()?;
    r.finish()?;
    Ok(tlv)
}

/// The content of the SEQUENCE that must span the whole input, as every key structure does.
pub fn top_sequence(data: &[u8]) -> Result<Reader<'_>> {
    let t = parse_one(data)?;
    if t.tag != SEQUENCE {
        return Err(DerError::UnexpectedTag { at: 0, expected: SEQUENCE, found: t.tag });
    }
    Ok(t.reader())
}

fn decode_oid(bytes: &[u8]) -> Option<String> {
    let mut arcs: Vec<u64> = Vec::new();
    let mut current: u64 = 0;
    let mut in_arc = false;
    for b in bytes {
        if !in_arc && *b == 0x80 {
            return None; // non-minimal arc encoding
        }
        current = current.checked_mul(128)?.checked_add((b & 0x7F) as u64)?;
        in_arc = b & 0x80 != 0;
        if !in_arc {
            arcs.push(current);
            current = 0;
        }
    }
    if in_arc || arcs.is_empty() {
        return None;
    }
    let first = arcs[0];
    let (a, b) = if first < 40 {
        (0, first)
    } else if first < 80 {
        (1, first - 40)
    } else {
        (2, first - 80)
    };
    let mut out = format!("{a}.{b}");
    for arc in &arcs[1..] {
        out.push_str(&format!(".{arc}"));
    }
    Some(out)
}

// Writers. Inputs are our own constants or already-validated key parts, so they cannot fail.

pub fn encode(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

pub fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    encode(SEQUENCE, &parts.concat())
}

/// A non-negative INTEGER from a big-endian magnitude (leading zeros are dropped, a sign byte
/// is added when the top bit is set).
pub fn uint(magnitude: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = match magnitude.iter().position(|b| *b != 0) {
        Some(i) => &magnitude[i..],
        None => &[0],
    };
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed[0] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    encode(INTEGER, &content)
}

pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = vec![0];
    content.extend_from_slice(bytes);
    encode(BIT_STRING, &content)
}

pub fn octet_string(bytes: &[u8]) -> Vec<u8> {
    encode(OCTET_STRING, bytes)
}

pub fn null() -> Vec<u8> {
    vec![NULL, 0]
}

/// Encodes a dotted OID. Only called with the constants in `spki`, which the tests round-trip.
pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').filter_map(|a| a.parse().ok()).collect();
    let mut content = Vec::new();
    if arcs.len() >= 2 {
        push_arc(&mut content, arcs[0] * 40 + arcs[1]);
        for arc in &arcs[2..] {
            push_arc(&mut content, *arc);
        }
    }
    encode(OID, &content)
}

fn push_arc(out: &mut Vec<u8>, mut arc: u64) {
    let mut groups = vec![(arc & 0x7F) as u8];
    arc >>= 7;
    while arc > 0 {
        groups.push(0x80 | (arc & 0x7F) as u8);
        arc >>= 7;
    }
    out.extend(groups.iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_structures_with_absolute_offsets() {
        // SEQUENCE { INTEGER 5, SEQUENCE { NULL } }
        let data = [0x30, 0x07, 0x02, 0x01, 0x05, 0x30, 0x02, 0x05, 0x00];
        let top = parse_one(&data).unwrap();
        let mut r = top.reader();
        assert_eq!(r.uint().unwrap(), [5]);
        let mut inner = r.sequence().unwrap();
        assert_eq!(inner.offset(), 7);
        assert_eq!(inner.expect(NULL).unwrap().start, 7);
        assert!(inner.finish().is_ok() && r.finish().is_ok());
    }

    #[test]
    fn located_errors_and_their_near_misses() {
        let cases: &[(&[u8], Option<DerError>)] = &[
            (&[], Some(DerError::Empty)),
            (&[0x30], Some(DerError::Truncated { at: 1 })),
            (&[0x30, 0x03, 0x02, 0x01], Some(DerError::LengthPastEnd { at: 0, length: 3, left: 2 })),
            (&[0x30, 0x02, 0x02, 0x00], None),
            (&[0x30, 0x80, 0x00, 0x00], Some(DerError::IndefiniteLength { at: 1 })),
            (&[0x30, 0x85, 1, 1, 1, 1, 1], Some(DerError::LengthTooLong { at: 1 })),
            (&[0x30, 0x84, 0, 0, 0, 0], None),
            (&[0x1F, 0x00], Some(DerError::HighTagNumber { at: 0 })),
            (&[0x05, 0x00, 0x00], Some(DerError::Trailing { at: 2, count: 1 })),
            (&[0x05, 0x00], None),
            (&[0x30, 0x82, 0x01], Some(DerError::Truncated { at: 2 })),
            (&[0x30, 0x81, 0x80], Some(DerError::LengthPastEnd { at: 0, length: 128, left: 0 })),
        ];
        for (data, want) in cases {
            assert_eq!(parse_one(data).err(), *want, "{data:02X?}");
        }
    }

    #[test]
    fn typed_reads_reject_the_wrong_shape() {
        let mut r = Reader::new(&[0x02, 0x01, 0x80]);
        assert_eq!(r.uint(), Err(DerError::BadInteger { at: 0 }));
        let mut r = Reader::new(&[0x02, 0x02, 0x00, 0x80]);
        assert_eq!(r.uint().unwrap(), [0x80], "the sign byte is not part of the magnitude");
        let mut r = Reader::new(&[0x02, 0x00]);
        assert_eq!(r.uint(), Err(DerError::BadInteger { at: 0 }));
        let mut r = Reader::new(&[0x03, 0x02, 0x01, 0xFF]);
        assert_eq!(r.bit_string(), Err(DerError::BadBitString { at: 0 }));
        let mut r = Reader::new(&[0x03, 0x02, 0x00, 0xFF]);
        assert_eq!(r.bit_string().unwrap(), [0xFF]);
        let mut r = Reader::new(&[0x04, 0x00]);
        assert_eq!(
            r.sequence().err(),
            Some(DerError::UnexpectedTag { at: 0, expected: SEQUENCE, found: OCTET_STRING })
        );
        let mut r = Reader::new(&[]);
        assert_eq!(r.expect(INTEGER).err(), Some(DerError::Missing { at: 0, expected: INTEGER }));
        let mut r = Reader::new(&[0x06, 0x02, 0x2A, 0x86]);
        assert_eq!(r.oid(), Err(DerError::BadOid { at: 0 }), "an arc cut in the middle");
    }

    #[test]
    fn oids_round_trip() {
        for dotted in [
            "1.2.840.113549.1.1.1",
            "1.2.840.10045.2.1",
            "1.2.840.10045.3.1.7",
            "1.3.132.0.34",
            "1.3.132.0.35",
            "1.3.101.112",
            "2.999.1",
        ] {
            let encoded = oid(dotted);
            assert_eq!(Reader::new(&encoded).oid().unwrap(), dotted);
        }
        // rsaEncryption as every SPKI carries it.
        assert_eq!(oid("1.2.840.113549.1.1.1"), [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]);
    }

    #[test]
    fn writers_use_minimal_lengths_and_sign_bytes() {
        assert_eq!(uint(&[0x00, 0x00, 0x7F]), [0x02, 0x01, 0x7F]);
        assert_eq!(uint(&[0x80]), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(uint(&[]), [0x02, 0x01, 0x00]);
        assert_eq!(encode(OCTET_STRING, &[0; 0x80])[..3], [0x04, 0x81, 0x80]);
        assert_eq!(encode(OCTET_STRING, &[0; 0x100])[..4], [0x04, 0x82, 0x01, 0x00]);
        let long = encode(SEQUENCE, &[0; 300]);
        assert_eq!(parse_one(&long).unwrap().value.len(), 300);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Walks every element it can reach, the way the key parsers do.
        fn walk(r: &mut Reader<'_>, depth: usize) {
            while !r.is_empty() {
                let Ok(t) = r.any() else { return };
                assert_eq!(t.start + t.raw.len(), t.value_start + t.value.len());
                if depth < 8 && t.tag & 0x20 != 0 {
                    walk(&mut t.reader(), depth + 1);
                }
                let mut probe = t.reader();
                let _ = probe.uint();
                let _ = t.reader().oid();
                let _ = t.reader().bit_string();
                let _ = t.reader().small_uint();
            }
        }

        proptest! {
            #[test]
            fn never_panics_and_errors_point_inside(data in proptest::collection::vec(any::<u8>(), 0..96)) {
                match parse_one(&data) {
                    Ok(t) => prop_assert_eq!(t.raw.len(), data.len()),
                    Err(e) => {
                        prop_assert!(e.at() <= data.len());
                        prop_assert!(e.to_string().starts_with("DER: "));
                    }
                }
                walk(&mut Reader::new(&data), 0);
            }

            #[test]
            fn structured_soup_never_panics(parts in proptest::collection::vec((prop_oneof![Just(SEQUENCE), Just(INTEGER), Just(BIT_STRING), Just(OID), Just(0xA0u8)], proptest::collection::vec(any::<u8>(), 0..12)), 0..6)) {
                let mut data = Vec::new();
                for (tag, content) in &parts {
                    data.extend(encode(*tag, content));
                }
                let wrapped = encode(SEQUENCE, &data);
                let top = parse_one(&wrapped).unwrap();
                prop_assert_eq!(top.value.len(), data.len());
                walk(&mut top.reader(), 0);
            }

            #[test]
            fn uint_round_trips(magnitude in proptest::collection::vec(any::<u8>(), 0..40)) {
                let encoded = uint(&magnitude);
                let read = Reader::new(&encoded).uint().unwrap().to_vec();
                let expected: Vec<u8> = magnitude.iter().copied().skip_while(|b| *b == 0).collect();
                prop_assert_eq!(read, if expected.is_empty() { vec![0] } else { expected });
            }
        }
    }
}
