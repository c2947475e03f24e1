//! Splitting and decoding a compact JOSE serialisation (JWS or JWE) or recognising an opaque
//! token. Decoding never stops at the first problem: each part is decoded on its own so that a
//! broken payload still leaves the header visible.

use crate::model::b64::{self, B64Error};
use crate::model::json::{self, JsonError};
use crate::model::token::opaque::{self, OpaqueKind};
use serde_json::{Map, Value};
use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
    Signature,
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::EncryptedKey => "encrypted key",
            Part::Iv => "initialisation vector",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "authentication tag",
        }
    }
}

const JWS_PARTS: [Part; 3] = [Part::Header, Part::Payload, Part::Signature];
const JWE_PARTS: [Part; 5] = [Part::Header, Part::EncryptedKey, Part::Iv, Part::Ciphertext, Part::Tag];

/// A dot-separated segment of the token, as a byte range of the token text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub part: Part,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartError {
    Base64(B64Error),
    Utf8 { byte: usize },
    Json(JsonError),
    NotObject,
    MissingAlg,
    EmptyHeader,
}

/// A decoding problem located in one part of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartProblem {
    pub part: Part,
    pub error: PartError,
}

impl fmt::Display for PartProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = self.part.name();
        match &self.error {
            PartError::Base64(e) => write!(f, "{part} {e}"),
            PartError::Utf8 { byte } => write!(f, "{part} is not valid UTF-8 at byte {byte} of the decoded bytes"),
            PartError::Json(e) => write!(f, "{part}: {e}"),
            PartError::NotObject => write!(f, "{part} is JSON but not an object: a JOSE {part} must be a JSON object"),
            PartError::MissingAlg => {
                write!(f, "{part} has no \"alg\": every JOSE header must name its algorithm (RFC 7515 §4.1.1)")
            }
            PartError::EmptyHeader => write!(f, "{part} is empty: the token starts with a dot"),
        }
    }
}

/// The structure is wrong before any part can be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    Empty,
    PartCount { found: usize },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Empty => write!(f, "no token: paste a JWT, an opaque token or an Authorization header"),
            ShapeError::PartCount { found } => {
                write!(
                    f,
                    "a JWT has 3 dot-separated parts (JWS: header.payload.signature) or 5 (JWE); this has {found}"
                )?;
                match found {
                    2 => write!(f, ": the signature part is missing (even an unsigned token ends with a dot)"),
                    4 => write!(f, ": one part is missing or an extra dot slipped in"),
                    _ => Ok(()),
                }
            }
        }
    }
}

/// What the payload of a JWS turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A JSON object: a JWT claims set.
    Claims(Map<String, Value>),
    /// Valid JSON that is not an object (RFC 7519 requires an object).
    OtherJson(Value),
    /// UTF-8 text that is not JSON, e.g. RFC 7520 §4.1.
    Text(String),
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Jws {
    pub header: Option<Map<String, Value>>,
    pub payload: Option<Payload>,
    /// Raw signature bytes, kept for verification.
    pub signature: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Jwe {
    pub header: Option<Map<String, Value>>,
    pub encrypted_key_len: usize,
    pub ciphertext_len: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Jws(Jws),
    Jwe(Jwe),
    /// Recognised by its vendor prefix.
    KnownOpaque(&'static OpaqueKind),
    /// Not a JWT and no known prefix.
    UnknownOpaque,
    /// Looks like a JWT but cannot even be split (see `Token::shape_error`).
    Malformed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    pub segments: Vec<Segment>,
    pub kind: Kind,
    pub shape_error: Option<ShapeError>,
    /// Located decoding problems, in part order.
    pub problems: Vec<PartProblem>,
    /// Which parts used `+`, `/` or `=` although they still decoded.
    pub non_url_safe: Vec<(Part, B64Error)>,
}

impl Token {
    pub fn header(&self) -> Option<&Map<String, Value>> {
        match &self.kind {
            Kind::Jws(j) => j.header.as_ref(),
            Kind::Jwe(j) => j.header.as_ref(),
            _ => None,
        }
    }

    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match &self.kind {
            Kind::Jws(Jws { payload: Some(Payload::Claims(c)), .. }) => Some(c),
            _ => None,
        }
    }

    pub fn alg(&self) -> Option<&str> {
        self.header()?.get("alg")?.as_str()
    }

    /// Byte range in the token text of the first segment of `part`.
    pub fn range_of(&self, part: Part) -> Option<Range<usize>> {
        self.segments.iter().find(|s| s.part == part).map(|s| s.range.clone())
    }
}

/// Parses an already-extracted token (no `Bearer `, no quotes: see `input`).
pub fn parse(text: &str) -> Token {
    let mut token = Token {
        text: text.to_string(),
        segments: Vec::new(),
        kind: Kind::Malformed,
        shape_error: None,
        problems: Vec::new(),
        non_url_safe: Vec::new(),
    };
    if text.is_empty() {
        token.shape_error = Some(ShapeError::Empty);
        return token;
    }
    // Prefixes first: Google's `ya29.` and Slack's `xoxe.` contain dots but are not JWTs.
    if let Some(kind) = opaque::recognise(text) {
        token.kind = Kind::KnownOpaque(kind);
        return token;
    }
    let pieces: Vec<Range<usize>> = split_ranges(text);
    let looks_like_jose = text.starts_with("eyJ") || text.starts_with("ewo") || text.starts_with("ew0");
    match pieces.len() {
        3 => token.kind = Kind::Jws(decode_jws(text, &pieces, &mut token)),
        5 => token.kind = Kind::Jwe(decode_jwe(text, &pieces, &mut token)),
        // header.payload with the signature cut off: still worth showing what it says.
        2 if looks_like_jose => {
            token.shape_error = Some(ShapeError::PartCount { found: 2 });
            token.kind = Kind::Jws(decode_jws(text, &pieces, &mut token));
        }
        found if looks_like_jose => {
            token.shape_error = Some(ShapeError::PartCount { found });
        }
        _ => token.kind = Kind::UnknownOpaque,
    }
    token
}

fn split_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'.' {
            ranges.push(start..i);
            start = i + 1;
        }
    }
    ranges.push(start..text.len());
    ranges
}

fn decode_jws(text: &str, pieces: &[Range<usize>], token: &mut Token) -> Jws {
    record_segments(pieces, &JWS_PARTS, token);
    let header = decode_header(&text[pieces[0].clone()], token);
    let payload =
        decode_bytes(Part::Payload, &text[pieces[1].clone()], token).map(|bytes| classify_payload(bytes, token));
    let signature = pieces.get(2).and_then(|r| decode_bytes(Part::Signature, &text[r.clone()], token));
    Jws { header, payload, signature }
}

fn decode_jwe(text: &str, pieces: &[Range<usize>], token: &mut Token) -> Jwe {
    record_segments(pieces, &JWE_PARTS, token);
    let header = decode_header(&text[pieces[0].clone()], token);
    let mut lens = [0usize; 5];
    for (i, part) in JWE_PARTS.iter().enumerate().skip(1) {
        lens[i] = decode_bytes(*part, &text[pieces[i].clone()], token).map_or(0, |b| b.len());
    }
    Jwe { header, encrypted_key_len: lens[1], ciphertext_len: lens[3] }
}

fn record_segments(pieces: &[Range<usize>], parts: &[Part], token: &mut Token) {
    token.segments = parts.iter().zip(pieces).map(|(p, r)| Segment { part: *p, range: r.clone() }).collect();
}

fn decode_bytes(part: Part, segment: &str, token: &mut Token) -> Option<Vec<u8>> {
    let decoded = b64::decode_segment(segment);
    match (&decoded.bytes, decoded.error) {
        (Some(_), Some(e)) => token.non_url_safe.push((part, e)),
        (None, Some(e)) => token.problems.push(PartProblem { part, error: PartError::Base64(e) }),
        _ => {}
    }
    decoded.bytes
}

fn decode_header(segment: &str, token: &mut Token) -> Option<Map<String, Value>> {
    if segment.is_empty() {
        token.problems.push(PartProblem { part: Part::Header, error: PartError::EmptyHeader });
        return None;
    }
    let bytes = decode_bytes(Part::Header, segment, token)?;
    let problem = |error| PartProblem { part: Part::Header, error };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            token.problems.push(problem(PartError::Utf8 { byte: e.utf8_error().valid_up_to() }));
            return None;
        }
    };
    match json::parse(&text) {
        Ok(Value::Object(map)) => {
            if !map.contains_key("alg") {
                token.problems.push(problem(PartError::MissingAlg));
            }
            Some(map)
        }
        Ok(_) => {
            token.problems.push(problem(PartError::NotObject));
            None
        }
        Err(e) => {
            token.problems.push(problem(PartError::Json(e)));
            None
        }
    }
}

fn classify_payload(bytes: Vec<u8>, token: &mut Token) -> Payload {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Payload::Binary(e.into_bytes()),
    };
    match json::parse(&text) {
        Ok(Value::Object(map)) => Payload::Claims(map),
        Ok(other) => Payload::OtherJson(other),
        Err(e) => {
            // Text that starts like JSON was meant to be JSON: locate the error. Other text is a
            // legitimate non-JWT JWS payload (RFC 7520 §4.1).
            if text.trim_start().starts_with('{') {
                token.problems.push(PartProblem { part: Part::Payload, error: PartError::Json(e) });
            }
            Payload::Text(text)
        }
    }
}
