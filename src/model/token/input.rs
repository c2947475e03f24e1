//! Tolerant token input: people paste `Bearer …`, whole headers, quoted strings, token-endpoint
//! JSON or a curl line. We extract the token and record everything we removed, because what had
//! to be removed is often the very reason the server said 401.

use crate::model::shell;
use serde_json::Value;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    /// Spaces or tabs around the token: harmless in a paste.
    SurroundingSpaces,
    /// CR/LF before or after the token: the classic trailing newline from a file or env var.
    SurroundingLineBreaks { count: usize },
    /// Whitespace inside the token, e.g. a token wrapped over several lines.
    InnerWhitespace { count: usize, first_at: usize },
    /// Took the token from a `curl` command's `-H` argument.
    CurlHeader,
    /// Took the token from a field of a JSON document (a token-endpoint response).
    JsonField { field: String, others: Vec<String> },
    /// A header name before the value, as typed (`Authorization`, or a typo of it).
    HeaderName(String),
    /// The auth scheme (`Bearer`), as typed.
    Scheme(String),
    /// The scheme appeared more than once: `Bearer Bearer x`.
    SchemeRepeated { scheme: String, times: usize },
    /// The scheme was glued to the token: `Bearereyj…`.
    SchemeWithoutSpace(String),
    /// Quotes around the token (often from JSON.stringify or a shell).
    Quotes(char),
    /// A comma or semicolon after the token, left over from copying a JSON or code line.
    TrailingPunctuation(char),
    /// Percent-escapes (`%3D`, `%2B`…) decoded: the token was copied from a URL, cookie or form.
    PercentEncoding { count: usize, first: String },
}

impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Removed::SurroundingSpaces => write!(f, "spaces around the token"),
            Removed::SurroundingLineBreaks { count } => {
                write!(f, "{count} line break{} around the token", plural(*count))
            }
            Removed::InnerWhitespace { count, first_at } => write!(
                f,
                "{count} whitespace character{} inside the token (first at character {first_at})",
                plural(*count)
            ),
            Removed::CurlHeader => write!(f, "the curl command around the Authorization header"),
            Removed::JsonField { field, others } if others.is_empty() => {
                write!(f, "the JSON around the \"{field}\" field")
            }
            Removed::JsonField { field, others } => write!(
                f,
                "the JSON around the \"{field}\" field (it also holds {})",
                others.iter().map(|o| format!("\"{o}\"")).collect::<Vec<_>>().join(", ")
            ),
            Removed::HeaderName(name) => write!(f, "the header name \"{name}:\""),
            Removed::Scheme(s) => write!(f, "the \"{s}\" scheme"),
            Removed::SchemeRepeated { scheme, times } => write!(f, "\"{scheme}\" {times} times"),
            Removed::SchemeWithoutSpace(s) => write!(f, "\"{s}\" glued to the token without a space"),
            Removed::Quotes(q) => write!(f, "{} quotes around the token", if *q == '"' { "double" } else { "single" }),
            Removed::TrailingPunctuation(c) => write!(f, "a trailing '{c}'"),
            Removed::PercentEncoding { count, first } => {
                write!(f, "{count} URL percent-escape{} (the first is {first}), decoded", plural(*count))
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub token: String,
    /// The auth scheme found before the token, if any (`Bearer`, `Basic`, …), as typed.
    pub scheme: Option<String>,
    pub removed: Vec<Removed>,
    /// Why nothing could be extracted, when the input was a command without a token.
    pub note: Option<String>,
}

/// Names people use for the Authorization header, right or wrong; the rules judge which is which.
const HEADER_NAMES: &[&str] = &[
    "authorization",
    "authorisation",
    "authentication",
    "auth",
    "x-authorization",
    "x-auth-token",
    "x-access-token",
    "proxy-authorization",
];

const SCHEMES: &[&str] = &["bearer", "basic", "digest", "dpop", "token", "jwt", "negotiate", "apikey"];

/// Fields of a token-endpoint response (or app config) that hold a token, most wanted first.
const JSON_FIELDS: &[&str] =
    &["access_token", "accessToken", "id_token", "idToken", "token", "jwt", "refresh_token", "refreshToken"];

pub fn extract(input: &str) -> Extracted {
    let mut removed = Vec::new();
    let mut note = None;
    let trimmed = trim_recording(input, &mut removed);
    let mut text = trimmed.to_string();

    if is_curl(&text) {
        match auth_from_curl(&text) {
            Ok(Some(header)) => {
                removed.push(Removed::CurlHeader);
                text = header;
            }
            Ok(None) => {
                return Extracted {
                    token: String::new(),
                    scheme: None,
                    removed,
                    note: Some(
                        "this curl command sends no Authorization header (no -H 'Authorization: …', no -u)".into(),
                    ),
                }
            }
            Err(e) => note = Some(format!("could not read the curl command: {e}")),
        }
    }

    if text.starts_with('{') {
        if let Some((field, token, others)) = token_from_json(&text) {
            removed.push(Removed::JsonField { field, others });
            text = token;
        }
    }

    strip_header_name(&mut text, &mut removed);
    strip_quotes(&mut text, &mut removed);
    let scheme = strip_scheme(&mut text, &mut removed);
    strip_quotes(&mut text, &mut removed);
    strip_inner_whitespace(&mut text, &mut removed);
    decode_percent_escapes(&mut text, &mut removed);

    Extracted { token: text, scheme, removed, note }
}

fn trim_recording<'a>(input: &'a str, removed: &mut Vec<Removed>) -> &'a str {
    let trimmed = input.trim();
    let cut: String = input[..input.len() - input.trim_start().len()]
        .chars()
        .chain(input[input.trim_end().len()..].chars())
        .collect();
    let line_breaks = cut.chars().filter(|c| *c == '\n' || *c == '\r').count();
    if line_breaks > 0 {
        removed.push(Removed::SurroundingLineBreaks { count: line_breaks });
    }
    if cut.chars().any(|c| c != '\n' && c != '\r') {
        removed.push(Removed::SurroundingSpaces);
    }
    trimmed
}

/// The first word is `curl` or `curl.exe`. Looks at the start only: a megabyte token with no
/// whitespace in it is not walked to find its first word.
fn is_curl(text: &str) -> bool {
    ["curl.exe", "curl"].iter().any(|name| {
        text.strip_prefix(name).is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

/// The Authorization header line (or the Basic credentials of `-u`) of a curl command.
fn auth_from_curl(text: &str) -> Result<Option<String>, shell::ShellError> {
    let words = shell::split(text)?;
    let mut iter = words.iter().peekable();
    while let Some(word) = iter.next() {
        let header = match word.as_str() {
            "-H" | "--header" => iter.next().cloned(),
            w if w.starts_with("-H") && w.len() > 2 => Some(w[2..].to_string()),
            w if w.starts_with("--header=") => Some(w["--header=".len()..].to_string()),
            "-u" | "--user" => iter
                .next()
                .map(|creds| format!("Authorization: Basic {}", crate::model::b64::encode_std(creds.as_bytes()))),
            _ => None,
        };
        if let Some(h) = header {
            let name = h.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
            if HEADER_NAMES.contains(&name.as_str()) && name != "proxy-authorization" {
                return Ok(Some(h));
            }
        }
    }
    Ok(None)
}

fn token_from_json(text: &str) -> Option<(String, String, Vec<String>)> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let present: Vec<&str> =
        JSON_FIELDS.iter().copied().filter(|f| map.get(*f).and_then(Value::as_str).is_some()).collect();
    let field = *present.first()?;
    let token = map.get(field)?.as_str()?.to_string();
    let others = present[1..].iter().map(|s| s.to_string()).collect();
    Some((field.to_string(), token, others))
}

fn strip_header_name(text: &mut String, removed: &mut Vec<Removed>) {
    let Some((name, rest)) = text.split_once(':') else {
        return;
    };
    let trimmed_name = name.trim();
    if HEADER_NAMES.contains(&trimmed_name.to_ascii_lowercase().as_str()) {
        removed.push(Removed::HeaderName(trimmed_name.to_string()));
        *text = rest.trim().to_string();
    }
}

fn strip_quotes(text: &mut String, removed: &mut Vec<Removed>) {
    for punct in [',', ';'] {
        if text.len() > 2 && text.ends_with(punct) && text[..text.len() - 1].ends_with(['"', '\'']) {
            text.pop();
            removed.push(Removed::TrailingPunctuation(punct));
        }
    }
    for q in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
            *text = text[1..text.len() - 1].trim().to_string();
            removed.push(Removed::Quotes(q));
        }
    }
}

fn scheme_at_start(text: &str) -> Option<&'static str> {
    SCHEMES
        .iter()
        .copied()
        .find(|s| text.len() >= s.len() && text.is_char_boundary(s.len()) && text[..s.len()].eq_ignore_ascii_case(s))
}

fn strip_scheme(text: &mut String, removed: &mut Vec<Removed>) -> Option<String> {
    let scheme = scheme_at_start(text)?;
    let typed = text[..scheme.len()].to_string();
    let after = &text[scheme.len()..];
    if after.starts_with(char::is_whitespace) {
        let mut rest = after.trim_start().to_string();
        let mut times = 1;
        while scheme_at_start(&rest) == Some(scheme) && rest[scheme.len()..].starts_with(char::is_whitespace) {
            rest = rest[scheme.len()..].trim_start().to_string();
            times += 1;
        }
        removed.push(if times > 1 {
            Removed::SchemeRepeated { scheme: typed.clone(), times }
        } else {
            Removed::Scheme(typed.clone())
        });
        *text = rest;
        return Some(typed);
    }
    // `Bearereyj…`: the scheme glued to a JWT. Only for Bearer, where a JWT follows.
    if scheme == "bearer" && after.starts_with("eyJ") {
        removed.push(Removed::SchemeWithoutSpace(typed.clone()));
        *text = after.to_string();
        return Some(typed);
    }
    None
}

fn strip_inner_whitespace(text: &mut String, removed: &mut Vec<Removed>) {
    let Some(first_at) = first_whitespace(text) else {
        return;
    };
    let count = text.chars().filter(|c| c.is_whitespace()).count();
    text.retain(|c| !c.is_whitespace());
    removed.push(Removed::InnerWhitespace { count, first_at });
}

/// Where the first whitespace character is. Tokens are ASCII: their bytes are scanned, and
/// only from the first non-ASCII byte on are chars decoded (a megabyte token walked char by
/// char cost more than decoding it).
fn first_whitespace(text: &str) -> Option<usize> {
    // char::is_whitespace's ASCII members: tab, line feed, vertical tab, form feed, CR, space.
    let from = text.bytes().position(|b| !b.is_ascii() || matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))?;
    // Every byte before `from` is ASCII, so it is a char boundary.
    text[from..].find(char::is_whitespace).map(|at| from + at)
}

/// No token format uses `%`, so `%XX` in a token is URL encoding that was never undone. Only
/// escapes of printable ASCII are decoded; anything else is left for the decoder to locate.
fn decode_percent_escapes(text: &mut String, removed: &mut Vec<Removed>) {
    if !text.contains('%') {
        return;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let (mut count, mut first, mut i) = (0, None, 0);
    while i < bytes.len() {
        let escape = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).filter(|_| bytes[i] == b'%');
        match escape.and_then(|h| u8::from_str_radix(h, 16).ok()).filter(u8::is_ascii_graphic) {
            Some(b) => {
                out.push(b);
                count += 1;
                first.get_or_insert_with(|| text[i..i + 3].to_string());
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    if let (Some(first), Ok(decoded)) = (first, String::from_utf8(out)) {
        *text = decoded;
        removed.push(Removed::PercentEncoding { count, first });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_whitespace_agrees_with_char_is_whitespace() {
        let cases = [
            "",
            "eyJabc",
            "eyJ abc",
            "a\tb",
            "a\x0Bb",
            "a\x0Cb",
            "\r",
            "é b",
            "éb\u{00A0}c",
            "ab\u{3000}",
            "a\u{2028}",
            "a\u{200B}b",
            "ü\u{85}",
            "abc\u{1F600} d",
        ];
        for text in cases {
            assert_eq!(first_whitespace(text), text.find(char::is_whitespace), "{text:?}");
        }
    }

    const T: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";

    #[test]
    fn percent_escapes_are_decoded_once_and_said() {
        let e = extract(&format!("Bearer {T}%3D%3d"));
        assert_eq!(e.token, format!("{T}=="));
        assert_eq!(
            e.removed,
            [Removed::Scheme("Bearer".into()), Removed::PercentEncoding { count: 2, first: "%3D".into() }]
        );
        assert_eq!(e.removed[1].to_string(), "2 URL percent-escapes (the first is %3D), decoded");
        // %25 decodes to a literal %, never decoded a second time.
        assert_eq!(extract("abc%2541").token, "abc%41");
        // Not escapes of printable ASCII: left alone for the decoder to locate.
        for near_miss in [format!("{T}%zz"), format!("{T}%0A"), format!("{T}%"), format!("{T}%e2%82%ac")] {
            let e = extract(&near_miss);
            assert_eq!((e.token.as_str(), e.removed.as_slice()), (near_miss.as_str(), &[][..]), "{near_miss}");
        }
    }

    #[test]
    fn extraction_table() {
        use Removed::*;
        let cases: Vec<(String, Vec<Removed>, Option<&str>)> = vec![
            (T.to_string(), vec![], None),
            (format!("Bearer {T}"), vec![Scheme("Bearer".into())], Some("Bearer")),
            (format!("bearer {T}"), vec![Scheme("bearer".into())], Some("bearer")),
            (format!("Authorization: Bearer {T}"), vec![HeaderName("Authorization".into()), Scheme("Bearer".into())], Some("Bearer")),
            (format!("Bearer Bearer {T}"), vec![SchemeRepeated { scheme: "Bearer".into(), times: 2 }], Some("Bearer")),
            (format!("Bearer{T}"), vec![SchemeWithoutSpace("Bearer".into())], Some("Bearer")),
            (format!("\"{T}\""), vec![Quotes('"')], None),
            (T.replace('.', "%2E"), vec![PercentEncoding { count: 2, first: "%2E".into() }], None),
            (format!("Bearer \"{T}\""), vec![Scheme("Bearer".into()), Quotes('"')], Some("Bearer")),
            (format!("'{T}',"), vec![TrailingPunctuation(','), Quotes('\'')], None),
            (format!("  {T}\n"), vec![SurroundingLineBreaks { count: 1 }, SurroundingSpaces], None),
            (format!("{T}\r\n"), vec![SurroundingLineBreaks { count: 2 }], None),
            (format!("  {T} "), vec![SurroundingSpaces], None),
            (format!("{}\n{}", &T[..10], &T[10..]), vec![InnerWhitespace { count: 1, first_at: 10 }], None),
            (format!("Authorisation: Bearer {T}"), vec![HeaderName("Authorisation".into()), Scheme("Bearer".into())], Some("Bearer")),
            (
                format!("curl -X POST 'https://api.example.com/x' \\\n  -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer {T}'"),
                vec![CurlHeader, HeaderName("Authorization".into()), Scheme("Bearer".into())],
                Some("Bearer"),
            ),
            (
                format!("{{\"access_token\":\"{T}\",\"token_type\":\"Bearer\",\"id_token\":\"x\"}}"),
                vec![JsonField { field: "access_token".into(), others: vec!["id_token".into()] }],
                None,
            ),
        ];
        for (input, expected_removed, scheme) in cases {
            let e = extract(&input);
            assert_eq!(e.token, T, "input {input:?}");
            assert_eq!(e.removed, expected_removed, "input {input:?}");
            assert_eq!(e.scheme.as_deref(), scheme, "input {input:?}");
        }
    }

    #[test]
    fn curl_is_the_first_word_only() {
        for (text, want) in [
            ("curl https://x", true),
            ("curl.exe -H x", true),
            ("curl\thttps://x", true),
            ("curl", true),
            ("curly https://x", false),
            ("curl.exec x", false),
            ("eyJcurl", false),
        ] {
            assert_eq!(is_curl(text), want, "{text}");
        }
    }

    #[test]
    fn curl_user_becomes_basic() {
        let e = extract("curl -u Aladdin:'open sesame' https://x");
        assert_eq!(e.scheme.as_deref(), Some("Basic"));
        assert_eq!(e.token, "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    #[test]
    fn curl_without_auth_says_so() {
        let e = extract("curl https://api.example.com -H 'Accept: application/json'");
        assert_eq!(e.token, "");
        assert!(e.note.unwrap().contains("no Authorization header"));
    }

    #[test]
    fn near_misses_are_left_alone() {
        // A token that merely starts with letters of a scheme is not stripped.
        for input in ["tokenize.abc.def", "basically", "bearerless"] {
            let e = extract(input);
            assert_eq!(e.token, input);
            assert!(e.removed.is_empty(), "{input}: {:?}", e.removed);
        }
    }

    #[test]
    fn messages_read_well() {
        assert_eq!(Removed::SurroundingLineBreaks { count: 1 }.to_string(), "1 line break around the token");
        assert_eq!(Removed::SchemeRepeated { scheme: "Bearer".into(), times: 2 }.to_string(), "\"Bearer\" 2 times");
    }
}
