//! DER read with the `der` crate, located. der decodes and checks every element; this layer
//! remembers which structure and field it is reading and where that field starts, because der
//! leaves a wrong tag without any position, and it turns der's errors into sentences that name
//! the byte (counted in the whole pasted DER), the field and what is wrong.

use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::{Decode, ErrorKind, Length, Reader, SliceReader, Tag, TagNumber, Tagged};
use std::fmt;

/// What went wrong in one element, in the words the user reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    /// The element claims more bytes than there are: the data (or the structure around the
    /// element) ends at byte `end`.
    CutShort {
        end: usize,
    },
    /// BER's 0x80 length, never valid in DER.
    IndefiniteLength,
    /// More length bytes than needed, or more than der reads.
    BadLength,
    /// Tag numbers above 30 are not used by any key format.
    MultiByteTag,
    /// `expected` is None where several tags would have done.
    UnexpectedTag {
        expected: Option<Tag>,
        found: Tag,
    },
    /// The structure ended where this field was required.
    Missing,
    Trailing {
        count: usize,
    },
    /// der read the element as its type and refused the value: a negative INTEGER, say.
    BadValue {
        tag: Tag,
    },
    /// DER allows one encoding per value; this one has, say, an extra leading zero byte.
    NotCanonical {
        tag: Tag,
    },
    BadOid,
    /// A BIT STRING that does not hold whole bytes, as every key does.
    UnusedBits,
    /// A tag byte der does not know.
    UnknownTag {
        byte: u8,
    },
    /// What der reports beyond the above: nothing a key structure is expected to meet. Said
    /// without der's wording, whose code would ship for every error der has.
    Unreadable,
}

/// One located DER error: `at` counts bytes from the start of the whole DER input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DerError {
    pub at: usize,
    /// The ASN.1 name of what was being read, e.g. "SubjectPublicKeyInfo".
    pub structure: &'static str,
    /// The field of `structure`, e.g. "modulus", when the error is about one.
    pub field: Option<&'static str>,
    pub problem: Problem,
}

impl fmt::Display for DerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DerError { at, structure, field, problem } = *self;
        let place = field.unwrap_or(structure);
        if problem == Problem::Empty {
            return write!(f, "DER error: there are no bytes to read");
        }
        write!(f, "DER error at byte {at}: ")?;
        match problem {
            Problem::Empty => Ok(()), // said above, without a byte
            Problem::CutShort { end } => {
                let around = if field.is_some() { structure } else { "data" };
                write!(
                    f,
                    "the {place} runs past the end of the {around} at byte {end}: it was cut short, or it is not DER"
                )
            }
            Problem::IndefiniteLength => write!(f, "the {place} has an indefinite length: that is BER, not DER"),
            Problem::BadLength => write!(f, "the {place} has an impossible or non-minimal length"),
            Problem::MultiByteTag => write!(f, "the {place} has a multi-byte tag: this is not a key structure"),
            Problem::UnexpectedTag { expected: Some(expected), found } => {
                write!(f, "expected {} ({place}), found {}", a(expected), a(found))
            }
            Problem::UnexpectedTag { expected: None, found } => {
                write!(f, "found {} where the {place} should be", a(found))
            }
            Problem::Missing => write!(f, "the {structure} ends before its {place}: the structure is incomplete"),
            Problem::Trailing { count } => {
                write!(f, "{count} unexpected byte(s) after the end of the {structure}: a key followed by junk")
            }
            Problem::BadValue { tag: Tag::Integer } => {
                write!(f, "the {place} is a negative INTEGER; the numbers of a key are positive")
            }
            Problem::BadValue { tag } => write!(f, "the {place} cannot be read as {}", a(tag)),
            Problem::NotCanonical { tag } => {
                write!(f, "the {place} is {} not encoded the one way DER allows (an extra leading zero byte?)", a(tag))
            }
            Problem::BadOid => write!(f, "the {place} is a malformed OBJECT IDENTIFIER"),
            Problem::UnusedBits => write!(f, "the {place} is a BIT STRING with unused bits, which no key has"),
            Problem::UnknownTag { byte } => write!(f, "found an unknown tag 0x{byte:02X} where the {place} should be"),
            Problem::Unreadable => write!(f, "the {place} cannot be read as DER"),
        }
    }
}

/// "an INTEGER", "a [0] field": the tags of key structures by name. Not der's own names, whose
/// code for every ASN.1 type would ship for the handful seen here.
fn a(tag: Tag) -> String {
    match tag {
        Tag::Integer => "an INTEGER".into(),
        Tag::BitString => "a BIT STRING".into(),
        Tag::OctetString => "an OCTET STRING".into(),
        Tag::Null => "a NULL".into(),
        Tag::ObjectIdentifier => "an OBJECT IDENTIFIER".into(),
        Tag::Sequence => "a SEQUENCE".into(),
        Tag::Set => "a SET".into(),
        Tag::ContextSpecific { number, .. } => format!("a [{}] field", number.0),
        other => format!("an element with tag number {}", other.number().0),
    }
}

/// `[n]` in the ASN.1 modules: constructed for EXPLICIT tagging, primitive for an IMPLICIT
/// BIT STRING.
pub const fn context(n: u32, constructed: bool) -> Tag {
    Tag::ContextSpecific { constructed, number: TagNumber(n) }
}

/// One element read whole: its tag, where it starts, its encoding and its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub tag: Tag,
    pub start: usize,
    /// Tag, length and content, to hand on byte for byte (a certificate's SPKI).
    pub raw: &'a [u8],
    pub value: &'a [u8],
    pub value_start: usize,
}

impl<'a> Element<'a> {
    /// Reads the content as the fields of `structure`, whatever the tag.
    pub fn fields(&self, structure: &'static str) -> Fields<'a> {
        Fields::new(self.value, self.value_start, structure)
    }
}

/// The fields of one structure, read in order, each decoded by der and located.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    input: &'a [u8],
    reader: Option<SliceReader<'a>>,
    /// Offset of `input` in the whole DER.
    base: usize,
    structure: &'static str,
}

impl<'a> Fields<'a> {
    /// The elements of `input`, which sits at byte `base` of the whole DER.
    pub fn new(input: &'a [u8], base: usize, structure: &'static str) -> Self {
        // der refuses inputs past its 256 MB limit; they are read as having no fields.
        Fields { input, reader: SliceReader::new(input).ok(), base, structure }
    }

    /// The SEQUENCE `structure` that must span all of `input`, as every key structure does.
    pub fn top(input: &'a [u8], base: usize, structure: &'static str) -> Result<Self, DerError> {
        let element = one(input, base, structure)?;
        if element.tag != Tag::Sequence {
            let problem = Problem::UnexpectedTag { expected: Some(Tag::Sequence), found: element.tag };
            return Err(DerError { at: base, structure, field: None, problem });
        }
        Ok(element.fields(structure))
    }

    pub fn offset(&self) -> usize {
        self.base + self.reader.as_ref().map_or(self.input.len(), |r| len(r.position()))
    }

    pub fn is_finished(&self) -> bool {
        self.reader.as_ref().is_none_or(Reader::is_finished)
    }

    fn error(&self, at: usize, field: Option<&'static str>, problem: Problem) -> DerError {
        DerError { at, structure: self.structure, field, problem }
    }

    /// Decodes the next field as `T`; whatever der says is placed at the field's start.
    fn read<T: Decode<'a, Error = der::Error>>(&mut self, field: Option<&'static str>) -> Result<(T, usize), DerError> {
        let start = self.offset();
        let Some(reader) = self.reader.as_mut().filter(|r| !r.is_finished()) else {
            return Err(self.error(start, field, if field.is_some() { Problem::Missing } else { Problem::Empty }));
        };
        match reader.decode::<T>() {
            Ok(value) => Ok((value, start)),
            Err(e) => Err(self.located(e, start, field)),
        }
    }

    /// Once for every type `read` decodes, rather than copied into each.
    #[inline(never)]
    fn located(&self, e: der::Error, start: usize, field: Option<&'static str>) -> DerError {
        let problem = match e.kind() {
            ErrorKind::Incomplete { actual_len, .. } => Problem::CutShort { end: self.base + len(actual_len) },
            ErrorKind::IndefiniteLength => Problem::IndefiniteLength,
            ErrorKind::Length { .. } | ErrorKind::Overlength => Problem::BadLength,
            ErrorKind::TagNumberInvalid => Problem::MultiByteTag,
            ErrorKind::TagUnexpected { expected, actual } => Problem::UnexpectedTag { expected, found: actual },
            ErrorKind::TrailingData { remaining, .. } => Problem::Trailing { count: len(remaining) },
            ErrorKind::Value { tag } => Problem::BadValue { tag },
            ErrorKind::Noncanonical { tag } => Problem::NotCanonical { tag },
            ErrorKind::OidMalformed => Problem::BadOid,
            ErrorKind::TagUnknown { byte } => Problem::UnknownTag { byte },
            _ => Problem::Unreadable,
        };
        self.error(start, field, problem)
    }

    /// The next element, whatever its tag.
    pub fn any(&mut self, field: &'static str) -> Result<Element<'a>, DerError> {
        self.any_of(Some(field))
    }

    fn any_of(&mut self, field: Option<&'static str>) -> Result<Element<'a>, DerError> {
        let (any, start) = self.read::<AnyRef<'a>>(field)?;
        let end = self.offset();
        let value = any.value();
        Ok(Element {
            tag: any.tag(),
            start,
            raw: &self.input[start - self.base..end - self.base],
            value,
            value_start: end - value.len(),
        })
    }

    /// The next element, which must have this tag.
    pub fn expect(&mut self, tag: Tag, field: &'static str) -> Result<Element<'a>, DerError> {
        let element = self.any(field)?;
        if element.tag != tag {
            let problem = Problem::UnexpectedTag { expected: Some(tag), found: element.tag };
            return Err(self.error(element.start, Some(field), problem));
        }
        Ok(element)
    }

    /// The next element only when it has this tag: an OPTIONAL field.
    pub fn optional(&mut self, tag: Tag, field: &'static str) -> Result<Option<Element<'a>>, DerError> {
        match self.reader.as_ref().map(Tag::peek) {
            Some(Ok(found)) if found == tag => self.any(field).map(Some),
            _ => Ok(None),
        }
    }

    /// The fields of the SEQUENCE `field`, named after it in errors.
    pub fn sequence(&mut self, field: &'static str) -> Result<Fields<'a>, DerError> {
        Ok(self.expect(Tag::Sequence, field)?.fields(field))
    }

    /// The content of `[n] EXPLICIT field`, when present.
    pub fn explicit(&mut self, n: u32, field: &'static str) -> Result<Option<Fields<'a>>, DerError> {
        Ok(self.optional(context(n, true), field)?.map(|e| e.fields(field)))
    }

    /// A non-negative INTEGER as its big-endian magnitude, without the sign byte (zero is [0]).
    pub fn uint(&mut self, field: &'static str) -> Result<&'a [u8], DerError> {
        self.read::<UintRef<'a>>(Some(field)).map(|(n, _)| n.as_bytes())
    }

    /// A version number, never needed beyond being a valid INTEGER.
    pub fn version(&mut self, field: &'static str) -> Result<(), DerError> {
        self.uint(field).map(drop)
    }

    pub fn oid(&mut self, field: &'static str) -> Result<ObjectIdentifier, DerError> {
        self.read::<ObjectIdentifier>(Some(field)).map(|(oid, _)| oid)
    }

    /// The bytes of a BIT STRING that holds whole bytes, and where they start.
    pub fn bit_string(&mut self, field: &'static str) -> Result<(&'a [u8], usize), DerError> {
        let element = self.expect(Tag::BitString, field)?;
        self.whole_bytes(element, field)
    }

    /// `[n] IMPLICIT BIT STRING`, when present.
    pub fn implicit_bit_string(&mut self, n: u32, field: &'static str) -> Result<Option<(&'a [u8], usize)>, DerError> {
        match self.optional(context(n, false), field)? {
            Some(element) => self.whole_bytes(element, field).map(Some),
            None => Ok(None),
        }
    }

    /// A BIT STRING's content starts with its count of unused bits, 0 for whole bytes.
    fn whole_bytes(&self, bits: Element<'a>, field: &'static str) -> Result<(&'a [u8], usize), DerError> {
        match bits.value.split_first() {
            Some((0, bytes)) => Ok((bytes, bits.value_start + 1)),
            _ => Err(self.error(bits.start, Some(field), Problem::UnusedBits)),
        }
    }

    /// The content of an OCTET STRING and where it starts.
    pub fn octet_string(&mut self, field: &'static str) -> Result<(&'a [u8], usize), DerError> {
        let element = self.expect(Tag::OctetString, field)?;
        Ok((element.value, element.value_start))
    }

    /// Fails when anything is left: a key followed by junk is not the key the user thinks.
    pub fn finish(&self) -> Result<(), DerError> {
        if self.is_finished() {
            return Ok(());
        }
        let at = self.offset();
        Err(self.error(at, None, Problem::Trailing { count: self.base + self.input.len() - at }))
    }
}

fn len(length: Length) -> usize {
    u32::from(length) as usize
}

/// The one element that must span all of `input`, which sits at byte `base` of the whole DER.
pub fn one<'a>(input: &'a [u8], base: usize, structure: &'static str) -> Result<Element<'a>, DerError> {
    let mut fields = Fields::new(input, base, structure);
    let element = fields.any_of(None)?;
    fields.finish()?;
    Ok(element)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<'a> = (&'a [u8], Option<(usize, Problem)>);

    fn problem_of(data: &[u8]) -> Option<(usize, Problem)> {
        one(data, 0, "test").err().map(|e| (e.at, e.problem))
    }

    #[test]
    fn reads_nested_structures_with_absolute_offsets() {
        // SEQUENCE { INTEGER 5, SEQUENCE { NULL } }
        let data = [0x30, 0x07, 0x02, 0x01, 0x05, 0x30, 0x02, 0x05, 0x00];
        let mut top = Fields::top(&data, 0, "test").unwrap();
        assert_eq!(top.uint("n").unwrap(), [5]);
        let mut inner = top.sequence("inner").unwrap();
        assert_eq!(inner.offset(), 7);
        assert_eq!(inner.expect(Tag::Null, "null").unwrap().start, 7);
        assert!(inner.finish().is_ok() && top.finish().is_ok());
        // The same bytes inside something else are located in that something.
        assert_eq!(Fields::top(&data, 100, "test").unwrap().sequence("n").unwrap_err().at, 102);
    }

    #[test]
    fn located_errors_and_their_near_misses() {
        let cut = |end| Some((0, Problem::CutShort { end }));
        let cases: &[Case] = &[
            (&[], Some((0, Problem::Empty))),
            (&[0x30], cut(1)),
            (&[0x30, 0x03, 0x02, 0x01], cut(4)),
            (&[0x30, 0x02, 0x02, 0x00], None),
            (&[0x30, 0x80, 0x00, 0x00], Some((0, Problem::IndefiniteLength))),
            (&[0x30, 0x85, 1, 1, 1, 1, 1], Some((0, Problem::BadLength))),
            // A long-form length for 0 is BER; der reads DER only.
            (&[0x30, 0x84, 0, 0, 0, 0], Some((0, Problem::BadLength))),
            (&[0x30, 0x00], None),
            (&[0x1F, 0x00], Some((0, Problem::MultiByteTag))),
            (&[0x05, 0x00, 0x00], Some((2, Problem::Trailing { count: 1 }))),
            (&[0x05, 0x00], None),
            (&[0x30, 0x82, 0x01], cut(3)),
            (&[0x30, 0x81, 0x80], cut(3)),
        ];
        for (data, want) in cases {
            assert_eq!(problem_of(data), *want, "{data:02X?}");
        }
    }

    #[test]
    fn typed_reads_reject_the_wrong_shape() {
        let at = |data: &'static [u8], read: fn(&mut Fields<'static>) -> Result<(), DerError>| {
            read(&mut Fields::new(data, 10, "test")).err().map(|e| (e.at, e.field, e.problem))
        };
        let negative = at(&[0x02, 0x01, 0x80], |f| f.uint("n").map(drop));
        assert_eq!(negative, Some((10, Some("n"), Problem::BadValue { tag: Tag::Integer })));
        assert_eq!(Fields::new(&[0x02, 0x02, 0x00, 0x80], 0, "t").uint("n").unwrap(), [0x80], "no sign byte");
        assert_eq!(Fields::new(&[0x02, 0x01, 0x00], 0, "t").uint("n").unwrap(), [0], "zero keeps a byte");
        let empty = at(&[0x02, 0x00], |f| f.uint("n").map(drop));
        assert_eq!(empty, Some((10, Some("n"), Problem::NotCanonical { tag: Tag::Integer })));
        let unused = at(&[0x03, 0x02, 0x01, 0xFF], |f| f.bit_string("key").map(drop));
        assert_eq!(unused, Some((10, Some("key"), Problem::UnusedBits)));
        assert_eq!(Fields::new(&[0x03, 0x02, 0x00, 0xFF], 0, "t").bit_string("key").unwrap(), (&[0xFF][..], 3));
        let wrong = at(&[0x04, 0x00], |f| f.sequence("alg").map(drop));
        let expected = Problem::UnexpectedTag { expected: Some(Tag::Sequence), found: Tag::OctetString };
        assert_eq!(wrong, Some((10, Some("alg"), expected)));
        assert_eq!(at(&[], |f| f.uint("e").map(drop)), Some((10, Some("e"), Problem::Missing)));
        let cut_oid = at(&[0x06, 0x02, 0x2A, 0x86], |f| f.oid("algorithm").map(drop));
        assert_eq!(cut_oid, Some((10, Some("algorithm"), Problem::BadOid)), "an arc cut in the middle");
    }

    #[test]
    fn sentences_name_the_byte_the_field_and_the_problem() {
        let e = DerError {
            at: 24,
            structure: "RSAPublicKey",
            field: Some("modulus"),
            problem: Problem::UnexpectedTag { expected: Some(Tag::Integer), found: Tag::OctetString },
        };
        assert_eq!(e.to_string(), "DER error at byte 24: expected an INTEGER (modulus), found an OCTET STRING");
        let missing = DerError { problem: Problem::Missing, field: Some("publicExponent"), ..e };
        assert_eq!(
            missing.to_string(),
            "DER error at byte 24: the RSAPublicKey ends before its publicExponent: the structure is incomplete"
        );
        let context = DerError { problem: Problem::UnexpectedTag { expected: None, found: context(1, true) }, ..e };
        assert_eq!(context.to_string(), "DER error at byte 24: found a [1] field where the modulus should be");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use der::Encode;
        use proptest::prelude::*;

        /// Walks every element it can reach, the way the key parsers do.
        fn walk(fields: &mut Fields<'_>, depth: usize) {
            while !fields.is_finished() {
                let Ok(element) = fields.any("element") else { return };
                assert_eq!(element.start + element.raw.len(), element.value_start + element.value.len());
                if depth < 8 && element.tag.is_constructed() {
                    walk(&mut element.fields("inner"), depth + 1);
                }
                let _ = element.fields("probe").uint("n");
                let _ = element.fields("probe").oid("oid");
                let _ = element.fields("probe").bit_string("bits");
                let _ = element.fields("probe").version("version");
            }
        }

        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            match content.len() {
                n if n < 0x80 => out.push(n as u8),
                n => out.extend([0x82, (n >> 8) as u8, n as u8]),
            }
            out.extend_from_slice(content);
            out
        }

        proptest! {
            #[test]
            fn never_panics_and_errors_point_inside(data in proptest::collection::vec(any::<u8>(), 0..96)) {
                match one(&data, 0, "test") {
                    Ok(element) => prop_assert_eq!(element.raw.len(), data.len()),
                    Err(e) => {
                        prop_assert!(e.at <= data.len());
                        prop_assert!(e.to_string().starts_with("DER error"));
                    }
                }
                walk(&mut Fields::new(&data, 0, "test"), 0);
            }

            #[test]
            fn structured_soup_never_panics(parts in proptest::collection::vec((prop_oneof![Just(0x30u8), Just(0x02), Just(0x03), Just(0x06), Just(0xA0)], proptest::collection::vec(any::<u8>(), 0..12)), 0..6)) {
                let data: Vec<u8> = parts.iter().flat_map(|(tag, content)| tlv(*tag, content)).collect();
                let wrapped = tlv(0x30, &data);
                let top = one(&wrapped, 0, "test").unwrap();
                prop_assert_eq!(top.value.len(), data.len());
                walk(&mut top.fields("top"), 0);
            }

            #[test]
            // From one byte: der writes an empty magnitude as an empty INTEGER, which DER forbids,
            // and no key number is empty (rsa_parts and the JWK reader refuse them first).
            fn uint_round_trips(magnitude in proptest::collection::vec(any::<u8>(), 1..40)) {
                let encoded = UintRef::new(&magnitude).unwrap().to_der().unwrap();
                let read = Fields::new(&encoded, 0, "test").uint("n").unwrap().to_vec();
                let expected: Vec<u8> = magnitude.iter().copied().skip_while(|b| *b == 0).collect();
                prop_assert_eq!(read, if expected.is_empty() { vec![0] } else { expected });
            }
        }
    }
}
