//! PEM armour (RFC 7468) as people actually paste it: with or without the BEGIN/END lines,
//! CRLF or LF, indented, squashed onto one line, or with literal `\n` from a JSON string or an
//! environment variable. Errors name the line and column of the pasted text.

use super::asn1::{context, Fields};
use crate::model::located::{describe_char, line_col};
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use der::Tag;
use std::fmt;

/// One armoured block, or bare base64 DER whose structure named its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub label: String,
    pub der: Vec<u8>,
    /// 1-based line of the BEGIN line (or of the base64).
    pub line: usize,
    pub armoured: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PemError {
    NoEnd {
        label: String,
        line: usize,
    },
    /// "-----BEGIN" without the five dashes that close the label.
    BadBeginLine {
        line: usize,
    },
    EndMismatch {
        line: usize,
        begin: String,
        end: String,
    },
    /// An END line with no BEGIN before it: the top of the paste is missing.
    EndWithoutBegin {
        line: usize,
    },
    Base64 {
        line: usize,
        column: usize,
        ch: char,
    },
    /// The base64 stops in the middle of a byte.
    Base64Length {
        line: usize,
    },
    Empty {
        label: String,
        line: usize,
    },
    /// RFC 1421 `Proc-Type: 4,ENCRYPTED` headers: an OpenSSL "traditional" encrypted key.
    LegacyEncrypted {
        line: usize,
    },
}

impl fmt::Display for PemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PemError::NoEnd { label, line } => {
                write!(f, "line {line}: \"BEGIN {label}\" has no matching END line: the paste was cut short")
            }
            PemError::BadBeginLine { line } => write!(f, "line {line}: the BEGIN line is cut: it must end with five dashes, e.g. -----BEGIN PUBLIC KEY-----"),
            PemError::EndMismatch { line, begin, end } => write!(f, "line {line}: \"END {end}\" closes a \"BEGIN {begin}\" block"),
            PemError::EndWithoutBegin { line } => {
                write!(f, "line {line}: an END line without a BEGIN line: the start of the PEM was not copied")
            }
            PemError::Base64 { line, column, ch } => write!(f, "line {line}: not base64: {} at column {column}", describe_char(*ch)),
            PemError::Base64Length { line } => write!(
                f,
                "line {line}: the base64 ends in the middle of a byte: a character or a whole line is missing"
            ),
            PemError::Empty { label, line } => write!(f, "line {line}: the {label} block has no content"),
            PemError::LegacyEncrypted { line } => write!(
                f,
                "line {line}: the key is encrypted with a passphrase (Proc-Type: 4,ENCRYPTED); decrypt it first: `openssl pkey -in key.pem -out plain.pem`"
            ),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub notes: Vec<String>,
}

/// Whether the text is meant as PEM at all: decides between this parser and the others.
pub fn looks_armoured(text: &str) -> bool {
    text.contains("-----BEGIN ") || text.contains("-----END ")
}

/// Every armoured block in the text, in order.
pub fn parse(input: &str) -> Result<Parsed, PemError> {
    let mut parsed = Parsed::default();
    let unescaped;
    let text = if !input.contains('\n') && input.contains("\\n") {
        unescaped = input.replace("\\r\\n", "\n").replace("\\n", "\n");
        parsed.notes.push("The PEM had literal \\n sequences (from a JSON string or an environment variable); they were read as line breaks.".into());
        unescaped.as_str()
    } else {
        input
    };
    let mut pos = 0;
    while let Some(found) = text[pos..].find("-----BEGIN ") {
        let begin = pos + found;
        let label_start = begin + "-----BEGIN ".len();
        let Some(label_len) = text[label_start..].find("-----") else {
            return Err(PemError::BadBeginLine { line: line_col(text, begin).0 });
        };
        let label = text[label_start..label_start + label_len].trim().to_string();
        let body_start = label_start + label_len + 5;
        let line = line_col(text, begin).0;
        let Some(end_found) = text[body_start..].find("-----END ") else {
            return Err(PemError::NoEnd { label, line });
        };
        let end = body_start + end_found;
        let end_label_start = end + "-----END ".len();
        let end_label_len = text[end_label_start..].find("-----").unwrap_or(text.len() - end_label_start);
        let end_label = text[end_label_start..end_label_start + end_label_len].trim().to_string();
        if end_label != label {
            return Err(PemError::EndMismatch { line: line_col(text, end).0, begin: label, end: end_label });
        }
        let der = body(text, body_start, end, &label, line)?;
        parsed.blocks.push(Block { label, der, line, armoured: true });
        pos = (end_label_start + end_label_len + 5).min(text.len());
    }
    if parsed.blocks.is_empty() {
        if let Some(end) = text.find("-----END ") {
            return Err(PemError::EndWithoutBegin { line: line_col(text, end).0 });
        }
    }
    Ok(parsed)
}

fn body(text: &str, start: usize, end: usize, label: &str, line: usize) -> Result<Vec<u8>, PemError> {
    let mut b64 = String::new();
    let mut padding: Option<(usize, usize)> = None;
    let mut offset = start;
    for raw_line in text[start..end].split_inclusive('\n') {
        let here = offset;
        offset += raw_line.len();
        // RFC 1421 headers ("Proc-Type: …", "DEK-Info: …") come before the base64.
        if let Some((name, value)) = raw_line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED") {
                return Err(PemError::LegacyEncrypted { line: line_col(text, here).0 });
            }
            continue;
        }
        for (i, ch) in raw_line.char_indices() {
            if ch.is_whitespace() {
                continue;
            }
            if !is_base64_char(ch) {
                let (l, c) = line_col(text, here + i);
                return Err(PemError::Base64 { line: l, column: c, ch });
            }
            match (ch, padding) {
                ('=', None) => padding = Some(line_col(text, here + i)),
                ('=', Some(_)) => {}
                // Padding then more data: two bodies glued together.
                (_, Some((l, c))) => return Err(PemError::Base64 { line: l, column: c, ch: '=' }),
                _ => {}
            }
            b64.push(ch);
        }
    }
    if b64.is_empty() {
        return Err(PemError::Empty { label: label.to_string(), line });
    }
    match decode_base64_at(&b64, Alphabet::Any) {
        Ok(bytes) => Ok(bytes),
        Err(Base64Problem::Char { .. }) | Err(Base64Problem::Padding { .. }) | Err(Base64Problem::Length) => {
            Err(PemError::Base64Length { line: line_col(text, end).0 })
        }
    }
}

fn is_base64_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '+' | '/' | '-' | '_' | '=')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// PEM bodies and bare DER: either alphabet, padding optional.
    Any,
    Standard,
    Url,
}

/// Where base64 text went wrong; offsets are byte offsets in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64Problem {
    Char {
        offset: usize,
        ch: char,
    },
    /// `=` followed by more data.
    Padding {
        offset: usize,
    },
    /// A length that cannot encode whole bytes.
    Length,
}

const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Decodes base64 ignoring whitespace, locating the first problem.
pub fn decode_base64_at(text: &str, alphabet: Alphabet) -> Result<Vec<u8>, Base64Problem> {
    let mut clean = String::with_capacity(text.len());
    let mut padding_at = None;
    for (offset, ch) in text.char_indices() {
        if ch.is_whitespace() {
            continue;
        }
        let ok = match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' => true,
            '+' | '/' => alphabet != Alphabet::Url,
            '-' | '_' => alphabet != Alphabet::Standard,
            '=' => {
                padding_at.get_or_insert(offset);
                continue;
            }
            _ => false,
        };
        if !ok {
            return Err(Base64Problem::Char { offset, ch });
        }
        if let Some(p) = padding_at {
            return Err(Base64Problem::Padding { offset: p });
        }
        clean.push(match ch {
            '-' => '+',
            '_' => '/',
            c => c,
        });
    }
    if clean.len() % 4 == 1 {
        return Err(Base64Problem::Length);
    }
    LENIENT.decode(clean.as_bytes()).map_err(|_| Base64Problem::Length)
}

pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    decode_base64_at(text, Alphabet::Any).ok()
}

/// Bare base64 of DER (the PEM body without its lines), recognised by its structure so that a
/// base64 HMAC secret is never mistaken for a key.
pub fn bare(text: &str) -> Option<Block> {
    let compact: String = text.split_whitespace().collect();
    if compact.len() < 40 {
        return None;
    }
    let der_bytes = decode_base64(&compact)?;
    let label = der_label(&der_bytes)?;
    Some(Block { label: label.to_string(), der: der_bytes, line: 1, armoured: false })
}

/// The PEM label a DER structure would carry, judged from its first elements.
pub fn der_label(der_bytes: &[u8]) -> Option<&'static str> {
    let top = elements(Fields::top(der_bytes, 0, "paste").ok()?)?;
    let [first, second, rest @ ..] = top.as_slice() else { return None };
    match (first, second, rest.len()) {
        (Tag::Sequence, Tag::BitString, 0) => Some("PUBLIC KEY"),
        (Tag::Sequence, Tag::OctetString, 0) => Some("ENCRYPTED PRIVATE KEY"),
        (Tag::Sequence, Tag::Sequence, 1) => {
            // Certificate and CSR share SEQUENCE { info, algorithm, signature }; a certificate's
            // info starts with [0] version or has at least six fields, a CSR's has four.
            let info = elements(Fields::top(der_bytes, 0, "paste").ok()?.sequence("info").ok()?)?;
            if info.first() == Some(&context(0, true)) || info.len() >= 6 {
                Some("CERTIFICATE")
            } else {
                Some("CERTIFICATE REQUEST")
            }
        }
        (Tag::Integer, Tag::Integer, 0) => Some("RSA PUBLIC KEY"),
        (Tag::Integer, Tag::Integer, n) if n >= 6 => Some("RSA PRIVATE KEY"),
        (Tag::Integer, Tag::Sequence, _) => Some("PRIVATE KEY"),
        (Tag::Integer, Tag::OctetString, _) => Some("EC PRIVATE KEY"),
        _ => None,
    }
}

/// The tags of every element, or None when one cannot be read.
fn elements(mut fields: Fields<'_>) -> Option<Vec<Tag>> {
    let mut tags = Vec::new();
    while !fields.is_finished() {
        tags.push(fields.any("element").ok()?.tag);
    }
    Some(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPKI_PEM: &str = include_str!("../../../tests/fixtures/keys/rsa2048_spki.pem");
    const SPKI_DER: &[u8] = include_bytes!("../../../tests/fixtures/keys/rsa2048_spki.der");

    fn der_of(text: &str) -> Vec<u8> {
        let p = parse(text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
        assert_eq!(p.blocks.len(), 1, "{text:?}");
        p.blocks[0].der.clone()
    }

    #[test]
    fn tolerates_how_people_paste() {
        let one_line = SPKI_PEM.replace('\n', " ");
        let escaped = SPKI_PEM.replace('\n', "\\n");
        let variants = [
            SPKI_PEM.to_string(),
            SPKI_PEM.replace('\n', "\r\n"),
            format!("\n\n  {}  \n", SPKI_PEM.replace('\n', "\n    ")),
            one_line,
            escaped.clone(),
            format!("\"{}\"", escaped.trim_end_matches("\\n")),
        ];
        for v in &variants {
            assert_eq!(der_of(v), SPKI_DER, "{v:?}");
        }
        assert!(parse(&variants[4]).unwrap().notes[0].contains("literal \\n"));
        assert!(parse(&variants[0]).unwrap().notes.is_empty());
    }

    #[test]
    fn located_errors() {
        let lines: Vec<&str> = SPKI_PEM.lines().collect();
        let with_bang = {
            let mut l = lines.clone();
            let bad = format!("{}!{}", &l[2][..4], &l[2][5..]);
            l[2] = Box::leak(bad.into_boxed_str());
            l.join("\n")
        };
        let cut_end = lines[..lines.len() - 1].join("\n");
        let cut_begin = lines[1..].join("\n");
        let missing_char = SPKI_PEM.replacen("MIIBI", "MI", 1);
        let cases: Vec<(String, PemError)> = vec![
            (with_bang, PemError::Base64 { line: 3, column: 5, ch: '!' }),
            (cut_end, PemError::NoEnd { label: "PUBLIC KEY".into(), line: 1 }),
            (cut_begin, PemError::EndWithoutBegin { line: 8 }),
            (SPKI_PEM.replace("END PUBLIC KEY", "END RSA PUBLIC KEY"), PemError::EndMismatch { line: 9, begin: "PUBLIC KEY".into(), end: "RSA PUBLIC KEY".into() }),
            ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----".into(), PemError::Empty { label: "PUBLIC KEY".into(), line: 1 }),
            ("\n-----BEGIN PUBLIC KEY\nMIIB".into(), PemError::BadBeginLine { line: 2 }),
            (missing_char, PemError::Base64Length { line: 9 }),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----".into(),
                PemError::LegacyEncrypted { line: 2 },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(&text), Err(want.clone()), "{text}");
            assert!(want.to_string().starts_with("line "), "{want}");
        }
        assert_eq!(PemError::Base64 { line: 3, column: 5, ch: '!' }.to_string(), "line 3: not base64: '!' at column 5");
    }

    #[test]
    fn several_blocks_in_order() {
        let chain = include_str!("../../../tests/fixtures/keys/rsa2048_selfsigned_cert.pem").repeat(2);
        let p =
            parse(&format!("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{chain}"))
                .unwrap();
        let labels: Vec<&str> = p.blocks.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["EC PARAMETERS", "CERTIFICATE", "CERTIFICATE"]);
        assert_eq!(p.blocks[1].line, 4);
    }

    #[test]
    fn bare_der_is_recognised_by_structure() {
        let fixtures = [
            (include_str!("../../../tests/fixtures/keys/rsa2048_spki.pem"), "PUBLIC KEY"),
            (include_str!("../../../tests/fixtures/keys/rsa2048_pkcs1_public.pem"), "RSA PUBLIC KEY"),
            (include_str!("../../../tests/fixtures/keys/rsa2048_selfsigned_cert.pem"), "CERTIFICATE"),
            (include_str!("../../../tests/fixtures/keys/rsa2048_csr.pem"), "CERTIFICATE REQUEST"),
            (include_str!("../../../tests/fixtures/keys/rsa2048_pkcs8.pem"), "PRIVATE KEY"),
            (include_str!("../../../tests/fixtures/keys/rsa2048_pkcs1_private.pem"), "RSA PRIVATE KEY"),
            (include_str!("../../../tests/fixtures/keys/ec_p256_sec1.pem"), "EC PRIVATE KEY"),
            (include_str!("../../../tests/fixtures/keys/ec_p256_pkcs8.pem"), "PRIVATE KEY"),
            (include_str!("../../../tests/fixtures/keys/ec_p256_pkcs8_encrypted.pem"), "ENCRYPTED PRIVATE KEY"),
            (include_str!("../../../tests/fixtures/keys/ed25519_spki.pem"), "PUBLIC KEY"),
        ];
        for (pem, label) in fixtures {
            let armoured = parse(pem).unwrap();
            assert_eq!(armoured.blocks[0].label, label, "the fixture's own label");
            let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n");
            let block = bare(&body).unwrap_or_else(|| panic!("{label} not recognised"));
            assert_eq!((block.label.as_str(), block.armoured), (label, false));
            assert_eq!(block.der, armoured.blocks[0].der);
        }
        // A 64-byte HMAC secret in base64 is not a key, and neither is short text.
        assert_eq!(
            bare("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"),
            None
        );
        assert_eq!(bare("MAA="), None);
    }

    #[test]
    fn base64_problems_are_located_per_alphabet() {
        type Case<'a> = (&'a str, Alphabet, Result<&'a [u8], Base64Problem>);
        let cases: &[Case] = &[
            ("YWJj", Alphabet::Standard, Ok(b"abc")),
            ("YW Jj\n", Alphabet::Any, Ok(b"abc")),
            ("YQ==", Alphabet::Standard, Ok(b"a")),
            ("YQ", Alphabet::Url, Ok(b"a")),
            ("-_8", Alphabet::Url, Ok(&[0xFB, 0xFF])),
            ("-_8", Alphabet::Standard, Err(Base64Problem::Char { offset: 0, ch: '-' })),
            ("+/8", Alphabet::Url, Err(Base64Problem::Char { offset: 0, ch: '+' })),
            ("YQ==YQ", Alphabet::Any, Err(Base64Problem::Padding { offset: 2 })),
            ("YWJjZ", Alphabet::Any, Err(Base64Problem::Length)),
            ("YW*j", Alphabet::Any, Err(Base64Problem::Char { offset: 2, ch: '*' })),
        ];
        for (text, alphabet, want) in cases {
            assert_eq!(decode_base64_at(text, *alphabet).as_deref().map_err(|e| *e), *want, "{text:?} {alphabet:?}");
        }
    }
}
