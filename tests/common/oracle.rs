//! The `base64` crate (strict `URL_SAFE_NO_PAD`) as an oracle for our base64url decoder and for
//! every part of a parsed token. Each check returns what broke, in words, so that a property
//! test can show the input next to it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine};
use serde_json::Value;
use why401::model::b64::{decode_segment, B64Error, Decoded};
use why401::model::json;
use why401::model::token::jose::{Kind, Part, PartError, Payload, ShapeError, Token};

macro_rules! ensure {
    ($cond:expr, $($why:tt)+) => {
        if !$cond {
            return Err(format!($($why)+));
        }
    };
}

/// The base64url alphabet (RFC 4648 §5).
pub fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// How the message must name a character that is not base64url.
fn named(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' => "a line break (LF)".into(),
        '\r' => "a carriage return (CR)".into(),
        '"' => "a double quote".into(),
        '\\' => "a backslash".into(),
        ':' => "a colon".into(),
        c if c.is_control() => format!("U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// `e` is the error `segment` deserves: it points inside the segment at the first character
/// outside the base64url alphabet, is of that character's kind, and the message says where
/// and what; or, when every character is base64url, the length is 4n+1 and the message says so.
pub fn check_located(segment: &str, e: &B64Error) -> Result<(), String> {
    let message = e.to_string();
    let first_bad = segment.char_indices().find(|(_, c)| !url_safe(*c));
    let (index, ch) = match *e {
        B64Error::Length { len } => {
            ensure!(
                first_bad.is_none(),
                "a length error, but {:?} at byte {} comes first",
                first_bad.unwrap().1,
                first_bad.unwrap().0
            );
            ensure!(len == segment.len(), "length {len} reported for {} characters", segment.len());
            ensure!(len % 4 == 1, "length {len} can encode whole bytes");
            ensure!(
                message.contains(&format!(": {len} characters")),
                "the message does not name the length {len}: {message}"
            );
            return Ok(());
        }
        B64Error::StandardAlphabet { index, ch } => (index, ch),
        B64Error::Padding { index } => (index, '='),
        B64Error::InvalidChar { index, ch } => (index, ch),
    };
    ensure!(index < segment.len(), "byte {index} is outside the {} bytes of the segment", segment.len());
    ensure!(segment.get(index..).is_some_and(|rest| rest.starts_with(ch)), "byte {index} is not {ch:?}");
    let Some((first, c)) = first_bad else { return Err(format!("{e:?} although every character is base64url")) };
    ensure!(
        (index, ch) == (first, c),
        "points at {ch:?} at byte {index}; the first offending character is {c:?} at byte {first}"
    );
    let kind_fits = match e {
        B64Error::StandardAlphabet { .. } => matches!(c, '+' | '/'),
        B64Error::Padding { .. } => c == '=',
        _ => !matches!(c, '+' | '/' | '='),
    };
    ensure!(kind_fits, "{e:?} is the wrong kind of error for {c:?}");
    ensure!(message.contains(&format!(" at byte {index}: ")), "the message does not name byte {index}: {message}");
    ensure!(message.contains(&named(c)), "the message does not name {c:?} as {}: {message}", named(c));
    Ok(())
}

/// The oracle's reading of base64url text, with the one leniency our decoder allows: a last
/// character whose unused bits are not zero, which the oracle rejects, reads as its canonical
/// twin (the same character with those bits cleared). The flag says the leniency was needed.
pub fn oracle(url: &str) -> Result<(Vec<u8>, bool), DecodeError> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    match URL_SAFE_NO_PAD.decode(url) {
        Ok(b) => Ok((b, false)),
        Err(e @ DecodeError::InvalidLastSymbol(..)) => {
            let (head, last) = url.split_at(url.len() - 1);
            let unused = if url.len() % 4 == 2 { 4 } else { 2 };
            let v = ALPHABET.iter().position(|c| last.as_bytes()[0] == *c).ok_or(e.clone())?;
            let twin = ALPHABET[v & !((1 << unused) - 1)] as char;
            URL_SAFE_NO_PAD.decode(format!("{head}{twin}")).map(|b| (b, true)).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
}

/// `bytes` are the oracle's reading of `url`.
fn same_bytes(url: &str, bytes: &[u8]) -> Result<(), String> {
    let (want, _) = oracle(url).map_err(|e| format!("decoded {bytes:02x?} where the oracle finds {e}"))?;
    ensure!(bytes == want, "decoded {bytes:02x?}; the oracle gives {want:02x?}");
    Ok(())
}

/// The base64url spelling of text in the standard alphabet, padding dropped.
fn url_spelling(s: &str) -> String {
    s.trim_end_matches('=').replace('+', "-").replace('/', "_")
}

/// Every promise of `decode_segment` for one input: the oracle's bytes for valid input, a
/// located error for invalid input, and bytes in spite of an error only where the intent is
/// unambiguous (`+` `/` and trailing `=`), then the bytes of the base64url spelling.
pub fn check_decoded(s: &str, d: &Decoded) -> Result<(), String> {
    match (&d.error, oracle(s)) {
        (None, Ok((want, _))) => {
            ensure!(d.bytes.as_deref() == Some(&want[..]), "decoded {:02x?}; the oracle gives {want:02x?}", d.bytes);
        }
        (None, Err(e)) => return Err(format!("no error, but the oracle finds {e}")),
        (Some(e), Ok((want, _))) => return Err(format!("{e:?}, but the oracle decodes it to {want:02x?}")),
        (Some(e), Err(_)) => {
            check_located(s, e)?;
            let unpadded = s.trim_end_matches('=');
            let recoverable = unpadded.chars().all(|c| url_safe(c) || c == '+' || c == '/') && unpadded.len() % 4 != 1;
            match &d.bytes {
                Some(bytes) => {
                    ensure!(recoverable, "bytes recovered from {s:?}, which has no unambiguous reading");
                    same_bytes(&url_spelling(s), bytes)?;
                }
                None => ensure!(!recoverable, "no bytes, although {s:?} reads unambiguously"),
            }
        }
    }
    Ok(())
}

/// `check_decoded` on our decoder's answer.
pub fn check_segment(s: &str) -> Result<(), String> {
    check_decoded(s, &decode_segment(s))
}

/// Whether the line and column lie inside `text` (serde_json counts from 1; 0 at an empty end).
fn inside(text: &str, line: usize, column: usize) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    line >= 1 && line <= lines.len() && column <= lines[line - 1].len() + 1
}

/// Every part of a parsed token, against the oracle: the segments tile the text; a part whose
/// segment decodes has exactly the oracle's bytes (whatever happened to the other parts); a
/// part that does not decode has a located problem naming the part; every problem names its
/// part and a location inside it. Returns the parts that decoded only by the trailing-bits
/// leniency (accepted without a word: see `same_bytes`).
pub fn check_token(t: &Token) -> Result<Vec<Part>, String> {
    let text = t.text.as_str();
    let mut lenient = Vec::new();
    // The shape first: no parts, or parts in order that tile the text with single dots.
    let dots = text.matches('.').count();
    match (&t.kind, &t.shape_error) {
        (_, Some(ShapeError::Empty)) => ensure!(text.is_empty(), "Empty for {text:?}"),
        (_, Some(e @ ShapeError::PartCount { found })) => {
            ensure!(*found == dots + 1, "PartCount {found} for {} parts", dots + 1);
            ensure!(
                e.to_string().contains(&format!("this has {found}")),
                "the message does not say how many parts: {e}"
            );
        }
        (Kind::Jws(_), None) => ensure!(dots == 2, "a JWS of {} parts without a shape error", dots + 1),
        (Kind::Jwe(_), None) => ensure!(dots == 4, "a JWE of {} parts", dots + 1),
        (Kind::Malformed, None) => return Err("malformed without a shape error".into()),
        (Kind::KnownOpaque(_) | Kind::UnknownOpaque, None) => {}
    }
    let jws = match &t.kind {
        Kind::Jws(j) => Some(j),
        Kind::Jwe(_) => None,
        _ => {
            ensure!(
                t.segments.is_empty() && t.problems.is_empty() && t.non_url_safe.is_empty(),
                "{:?} with parts: {t:?}",
                t.kind
            );
            return Ok(lenient);
        }
    };
    let want_parts: &[Part] = match (jws, dots) {
        (Some(_), 1) => &[Part::Header, Part::Payload],
        (Some(_), _) => &[Part::Header, Part::Payload, Part::Signature],
        (None, _) => &[Part::Header, Part::EncryptedKey, Part::Iv, Part::Ciphertext, Part::Tag],
    };
    let parts: Vec<Part> = t.segments.iter().map(|s| s.part).collect();
    ensure!(parts == want_parts, "parts {parts:?}, want {want_parts:?}");
    let mut at = 0;
    for s in &t.segments {
        ensure!(
            s.range.start == at && s.range.end <= text.len(),
            "{:?} at {:?}, expected to start at {at}",
            s.part,
            s.range
        );
        ensure!(!text[s.range.clone()].contains('.'), "{:?} holds a dot", s.part);
        at = s.range.end + 1;
    }
    ensure!(at == text.len() + 1, "the parts end at {}, the text at {}", at - 1, text.len());

    // Every problem names a part of this token and a location inside that part.
    for p in &t.problems {
        let range = t.range_of(p.part).ok_or(format!("a problem in {:?}, which the token does not have", p.part))?;
        let message = p.to_string();
        ensure!(message.starts_with(p.part.name()), "the message does not start with the part: {message}");
        match &p.error {
            PartError::Base64(e) => {
                check_located(&text[range], e).map_err(|why| format!("{}: {why}", p.part.name()))?;
                ensure!(message.contains(&e.to_string()), "{message} drops {e}");
            }
            PartError::EmptyHeader => ensure!(range.is_empty(), "EmptyHeader for a header of {} bytes", range.len()),
            PartError::Utf8 { byte } => ensure!(message.contains(&format!("at byte {byte} ")), "{message}"),
            PartError::Json(e) => {
                ensure!(message.contains(&format!("line {} col {}", e.line, e.column)), "{message}")
            }
            PartError::NotObject | PartError::MissingAlg => {}
        }
    }

    for s in &t.segments {
        let part = s.part;
        let seg = &text[s.range.clone()];
        let problems: Vec<&PartError> = t.problems.iter().filter(|p| p.part == part).map(|p| &p.error).collect();
        let b64_problem = problems.iter().find_map(|e| if let PartError::Base64(b) = e { Some(b) } else { None });
        let flagged = t.non_url_safe.iter().find(|(p, _)| *p == part).map(|(_, e)| e);
        let name = part.name();
        // The bytes the token should show for this part, as the oracle reads them.
        let bytes: Option<Vec<u8>> = if part == Part::Header && seg.is_empty() {
            ensure!(problems == [&PartError::EmptyHeader], "empty header: {problems:?}");
            None
        } else if let Some(e) = b64_problem {
            // Not decodable: located, and nothing shown.
            ensure!(flagged.is_none(), "{name} is both undecodable and decoded with a flag");
            ensure!(URL_SAFE_NO_PAD.decode(seg).is_err(), "{name} decodes, yet {e:?} is reported");
            check_located(seg, e).map_err(|why| format!("{name}: {why}"))?;
            None
        } else if let Some(e) = flagged {
            // `+`, `/` or `=`: flagged, then read as its base64url spelling.
            ensure!(
                matches!(e, B64Error::StandardAlphabet { .. } | B64Error::Padding { .. }),
                "{name} flagged with {e:?}"
            );
            check_located(seg, e).map_err(|why| format!("{name}: {why}"))?;
            let (b, _) = oracle(&url_spelling(seg)).map_err(|o| {
                format!("{name} flagged {e:?} and shown, but its spelling {} is {o}", url_spelling(seg))
            })?;
            Some(b)
        } else {
            let (b, leniently) =
                oracle(seg).map_err(|o| format!("the oracle finds {o} in the {name}, and nothing is reported"))?;
            if leniently {
                lenient.push(part);
            }
            Some(b)
        };
        check_value(t, part, bytes.as_deref(), &problems)?;
    }
    Ok(lenient)
}

/// What the token shows for `part` is what `bytes` (None: not decodable) say.
fn check_value(t: &Token, part: Part, bytes: Option<&[u8]>, problems: &[&PartError]) -> Result<(), String> {
    let name = part.name();
    let others: Vec<&&PartError> = problems.iter().filter(|e| !matches!(e, PartError::Base64(_))).collect();
    match (part, &t.kind) {
        (Part::Header, _) => {
            let Some(b) = bytes else {
                ensure!(t.header().is_none(), "a header shown from undecodable bytes");
                return Ok(());
            };
            let text = match std::str::from_utf8(b) {
                Ok(s) => s,
                Err(e) => {
                    ensure!(
                        others == [&&PartError::Utf8 { byte: e.valid_up_to() }],
                        "header bytes not UTF-8 at {}: {others:?}",
                        e.valid_up_to()
                    );
                    ensure!(t.header().is_none(), "a header shown from bytes that are not UTF-8");
                    return Ok(());
                }
            };
            match json::parse(text) {
                Ok(Value::Object(map)) => {
                    ensure!(t.header() == Some(&map), "header {:?}, the oracle's {map:?}", t.header());
                    let want: Vec<&PartError> =
                        if map.contains_key("alg") { vec![] } else { vec![&PartError::MissingAlg] };
                    ensure!(others.iter().map(|e| **e).collect::<Vec<_>>() == want, "header problems {others:?}");
                }
                Ok(_) => ensure!(
                    others == [&&PartError::NotObject] && t.header().is_none(),
                    "header not an object: {others:?}"
                ),
                Err(e) => {
                    ensure!(
                        inside(text, e.line, e.column),
                        "line {} col {} is outside the header {text:?}",
                        e.line,
                        e.column
                    );
                    ensure!(
                        others == [&&PartError::Json(e.clone())] && t.header().is_none(),
                        "header JSON: {others:?}, want {e}"
                    );
                }
            }
        }
        (Part::Payload, Kind::Jws(j)) => {
            let Some(b) = bytes else {
                ensure!(j.payload.is_none(), "a payload shown from undecodable bytes");
                return Ok(());
            };
            let parsed = std::str::from_utf8(b).ok().map(|s| (s, json::parse(s)));
            let fits = match (&j.payload, &parsed) {
                (Some(Payload::Claims(m)), Some((_, Ok(Value::Object(o))))) => m == o,
                (Some(Payload::OtherJson(v)), Some((_, Ok(o)))) => v == o && !o.is_object(),
                (Some(Payload::Text(s)), Some((text, Err(_)))) => s == text,
                (Some(Payload::Binary(v)), None) => v == b,
                _ => false,
            };
            ensure!(fits, "payload shown as {:?}; its part decodes to {:?}", j.payload, String::from_utf8_lossy(b));
            match &parsed {
                Some((text, Err(e))) if text.trim_start().starts_with('{') => {
                    ensure!(inside(text, e.line, e.column), "line {} col {} is outside the payload", e.line, e.column);
                    ensure!(others == [&&PartError::Json(e.clone())], "payload JSON: {others:?}, want {e}");
                }
                _ => ensure!(others.is_empty(), "payload problems {others:?}"),
            }
        }
        (Part::Signature, Kind::Jws(j)) => {
            ensure!(j.signature.as_deref() == bytes, "signature {:02x?}, the oracle's {bytes:02x?}", j.signature);
            ensure!(others.is_empty(), "{name} problems {others:?}");
        }
        (Part::EncryptedKey, Kind::Jwe(j)) => {
            ensure!(
                j.encrypted_key_len == bytes.map_or(0, <[u8]>::len),
                "encrypted key of {} bytes",
                j.encrypted_key_len
            );
        }
        (Part::Ciphertext, Kind::Jwe(j)) => {
            ensure!(j.ciphertext_len == bytes.map_or(0, <[u8]>::len), "ciphertext of {} bytes", j.ciphertext_len);
        }
        (Part::Iv | Part::Tag, Kind::Jwe(_)) => ensure!(others.is_empty(), "{name} problems {others:?}"),
        (p, k) => return Err(format!("{p:?} in {k:?}")),
    }
    Ok(())
}
