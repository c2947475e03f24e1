//! Strict base64url (RFC 4648 §5, unpadded, as JOSE requires) with located errors, plus a
//! lenient fallback so that content encoded with the wrong alphabet can still be shown.

use crate::model::located::describe_char;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use std::fmt;

/// Why a segment is not valid base64url. Indices are byte offsets inside the segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum B64Error {
    /// `+` or `/`: the standard alphabet, which JOSE forbids (RFC 7515 §2).
    StandardAlphabet { index: usize, ch: char },
    /// `=` padding, which JOSE forbids.
    Padding { index: usize },
    /// A character that belongs to no base64 alphabet.
    InvalidChar { index: usize, ch: char },
    /// A length of 4n+1 characters cannot encode whole bytes.
    Length { len: usize },
}

impl fmt::Display for B64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            B64Error::StandardAlphabet { index, ch } => write!(
                f,
                "is not valid base64url at byte {index}: '{ch}' belongs to standard base64; JWTs use '-' and '_' instead of '+' and '/'"
            ),
            B64Error::Padding { index } => write!(
                f,
                "is not valid base64url at byte {index}: '=' padding is not allowed in JWT segments"
            ),
            B64Error::InvalidChar { index, ch } => write!(
                f,
                "is not valid base64url at byte {index}: {} is not a base64url character",
                describe_char(*ch)
            ),
            B64Error::Length { len } => write!(
                f,
                "is not valid base64url: {len} characters cannot encode whole bytes (a character is missing or extra)"
            ),
        }
    }
}

/// The result of decoding one segment: the bytes when they could be recovered at all, and the
/// first strictness problem found. Both can be present: `+`/`=` are reported yet still decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub bytes: Option<Vec<u8>>,
    pub error: Option<B64Error>,
}

const URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A byte of the base64url alphabet (RFC 4648 §5), padding not included.
pub fn is_url_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Decodes a JOSE segment. Strict problems are reported; where the intent is unambiguous
/// (standard alphabet, padding) the bytes are still returned so the page can show them.
pub fn decode_segment(segment: &str) -> Decoded {
    // The usual case first, in one pass: the URL-safe alphabet refuses `+`, `/` and any other
    // character, so a clean decode of an unpadded segment is strict base64url. Anything else
    // is walked byte by byte below to locate and name the problem.
    if !segment.ends_with('=') {
        if let Ok(bytes) = URL_LENIENT.decode(segment) {
            return Decoded { bytes: Some(bytes), error: None };
        }
    }
    let mut first_error = None;
    let mut recoverable = true;
    let unpadded_len = segment.trim_end_matches('=').len();
    // Bytes, not chars: every valid character is ASCII, and the loop stops at the first
    // non-ASCII one.
    for (index, &b) in segment.as_bytes().iter().enumerate() {
        if is_url_safe(b) {
            continue;
        }
        let problem = match b {
            b'+' | b'/' => B64Error::StandardAlphabet { index, ch: char::from(b) },
            b'=' if index >= unpadded_len => B64Error::Padding { index },
            b'=' => {
                // Padding in the middle: two tokens were glued together; nothing sensible to decode.
                recoverable = false;
                B64Error::Padding { index }
            }
            _ => {
                recoverable = false;
                // `index` is a char boundary: every byte before it was ASCII.
                let ch = segment[index..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                B64Error::InvalidChar { index, ch }
            }
        };
        first_error.get_or_insert(problem);
        if !recoverable {
            break;
        }
    }
    if recoverable && unpadded_len % 4 == 1 {
        return Decoded { bytes: None, error: first_error.or(Some(B64Error::Length { len: unpadded_len })) };
    }
    if !recoverable {
        return Decoded { bytes: None, error: first_error };
    }
    let decoded = match first_error {
        None => URL_LENIENT.decode(segment),
        Some(_) => {
            let normalised: Vec<u8> = segment
                .bytes()
                .filter(|b| *b != b'=')
                .map(|b| match b {
                    b'+' => b'-',
                    b'/' => b'_',
                    b => b,
                })
                .collect();
            URL_LENIENT.decode(normalised)
        }
    };
    match decoded {
        Ok(bytes) => Decoded { bytes: Some(bytes), error: first_error },
        // Unreachable after the checks above; kept as an error rather than a panic.
        Err(_) => Decoded { bytes: None, error: first_error.or(Some(B64Error::Length { len: unpadded_len })) },
    }
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Encodes bytes as padded standard base64, as HTTP Basic credentials use (RFC 7617).
pub fn encode_std(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_clean_base64url() {
        let d = decode_segment("eyJhbGciOiJIUzI1NiJ9");
        assert_eq!(d.error, None);
        assert_eq!(d.bytes.unwrap(), br#"{"alg":"HS256"}"#);
    }

    #[test]
    fn table_of_located_errors() {
        let cases: &[(&str, Option<B64Error>, bool)] = &[
            ("ab+c", Some(B64Error::StandardAlphabet { index: 2, ch: '+' }), true),
            ("ab/c", Some(B64Error::StandardAlphabet { index: 2, ch: '/' }), true),
            ("YWI=", Some(B64Error::Padding { index: 3 }), true),
            ("ab c", Some(B64Error::InvalidChar { index: 2, ch: ' ' }), false),
            ("abc\"", Some(B64Error::InvalidChar { index: 3, ch: '"' }), false),
            ("abcde", Some(B64Error::Length { len: 5 }), false),
            ("abcd", None, true),
            ("", None, true),
        ];
        for (input, error, has_bytes) in cases {
            let d = decode_segment(input);
            assert_eq!(&d.error, error, "input {input:?}");
            assert_eq!(d.bytes.is_some(), *has_bytes, "input {input:?}");
        }
    }

    #[test]
    fn messages_name_the_byte() {
        let e = B64Error::StandardAlphabet { index: 17, ch: '+' };
        assert!(e.to_string().contains("at byte 17"));
        let e = B64Error::InvalidChar { index: 4, ch: '\n' };
        assert!(e.to_string().contains("line break"));
    }

    #[test]
    fn padding_in_the_middle_is_not_decoded() {
        let d = decode_segment("YQ==YQ");
        assert_eq!(d.error, Some(B64Error::Padding { index: 2 }));
        assert!(d.bytes.is_none());
    }

    #[test]
    fn never_panics_on_any_short_input() {
        let alphabet = ['a', 'Z', '0', '-', '_', '+', '/', '=', ' ', 'é', '\n'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for d in alphabet {
                        let s: String = [a, b, c, d, a].iter().collect();
                        let _ = decode_segment(&s);
                        let _ = decode_segment(&s[..s.len() - a.len_utf8()]);
                    }
                }
            }
        }
    }
}
