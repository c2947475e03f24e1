//! `name=value&…` text, as in a URL's query or a form body, kept exactly as typed. Each piece
//! keeps its raw text; the page shows it decoded, and an edit rewrites only the part edited, so
//! `?pretty`, a trailing `&`, `foo="bar"` or `%20` reach the server as the user wrote them.

/// One `name=value` piece (or a bare `name`, or nothing between two `&`), as typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Piece {
    pub raw: String,
    /// A switched-off piece keeps its place but is not sent.
    pub enabled: bool,
    /// The value is what curl's `--data-urlencode` wrote for the text the command gave it, not
    /// text typed as it is: its `+` is a space and its `%` starts an escape, as meant.
    pub encoded: bool,
}

impl Piece {
    /// A piece the page writes: name and value encoded so they read back the same.
    pub fn new(name: &str, value: &str) -> Piece {
        Piece::raw(format!("{}={}", encode_component(name), encode_component(value)))
    }

    pub fn raw(raw: impl Into<String>) -> Piece {
        Piece { raw: raw.into(), enabled: true, encoded: false }
    }

    fn split(&self) -> (&str, Option<&str>) {
        match self.raw.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (&self.raw, None),
        }
    }

    /// The name, decoded as a form decoder reads it (`+` is a space).
    pub fn name(&self) -> String {
        decode_component(self.split().0)
    }

    pub fn value(&self) -> String {
        self.split().1.map(decode_component).unwrap_or_default()
    }

    /// The name as typed, undecoded.
    pub fn raw_name(&self) -> &str {
        self.split().0
    }

    pub fn raw_value(&self) -> Option<&str> {
        self.split().1
    }

    /// Rewrites the name only; the value's text stays as it was.
    pub fn set_name(&mut self, name: &str) {
        self.raw = match self.split().1 {
            Some(v) => format!("{}={v}", encode_component(name)),
            None => encode_component(name),
        };
    }

    /// Rewrites the value only; a bare `name` gains its `=` when it gets a value.
    pub fn set_value(&mut self, value: &str) {
        let name = self.split().0.to_string();
        self.raw = if value.is_empty() && self.split().1.is_none() {
            name
        } else {
            format!("{name}={}", encode_component(value))
        };
    }
}

/// The pieces of `a=1&b&&c=`: every `&` separates, so joining gives the text back.
pub fn split(text: &str) -> Vec<Piece> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split('&').map(Piece::raw).collect()
}

/// The enabled pieces joined by `&`: for pieces from `split`, the text it was given.
pub fn join(pieces: &[Piece]) -> String {
    pieces.iter().filter(|p| p.enabled).map(|p| p.raw.as_str()).collect::<Vec<_>>().join("&")
}

/// `a=1&b=2`: every piece has a name and an `=`. Anything else is text that merely has `=` in it.
pub fn looks_like_form(text: &str) -> bool {
    let pieces: Vec<&str> = text.split('&').filter(|p| !p.is_empty()).collect();
    !pieces.is_empty() && pieces.iter().all(|p| p.split_once('=').is_some_and(|(n, _)| !n.is_empty()))
}

/// Encodes what would change the meaning of a piece when written into it: `&`, `=`, `#`, `%`,
/// `+` (a space to form decoders), spaces, controls and everything outside ASCII (as UTF-8
/// bytes). Everything else stays as typed, so an edit changes no more than it must.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' | '=' | '#' | '%' | '+' | ' ' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_ascii_control() || !c.is_ascii() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Decodes `%XX` and `+` (as a space) leniently: a broken escape stays as typed.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a=1&b=x+y` from names and values, encoded as a browser form or Python's `urlencode`
/// (quote_plus) would: for what the page composes from rows, never for what the user typed.
pub fn form_urlencode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs.into_iter().map(|(n, v)| format!("{}={}", quote_plus(n), quote_plus(v))).collect::<Vec<_>>().join("&")
}

/// Python's `quote_plus`: every byte but unreserved ones as %XX, spaces as `+`. curl 7.88's
/// `--data-urlencode` and `--url-query` encode exactly the same way.
pub fn quote_plus(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_join_give_the_text_back() {
        for text in
            ["a=1&b=2", "pretty", "a=1&", "&", "a&&b", "foo=\"bar\"&msg=@raw", "q=%20+x", "item[]=1&item[]=2", "="]
        {
            assert_eq!(join(&split(text)), text, "{text:?}");
        }
        assert!(split("").is_empty());
        let p = split("q=caf%C3%A9+au+lait&pretty&e=");
        assert_eq!((p[0].name(), p[0].value()), ("q".to_string(), "café au lait".to_string()));
        assert_eq!((p[1].name(), p[1].value(), p[1].raw_value()), ("pretty".to_string(), String::new(), None));
        assert_eq!(p[2].raw_value(), Some(""));
    }

    #[test]
    fn an_edit_rewrites_only_what_was_edited() {
        let mut p = Piece::raw("secret=*%5*!");
        p.set_name("key");
        assert_eq!(p.raw, "key=*%5*!", "the value's bytes stay as typed");
        p.set_value("a&b c");
        assert_eq!(p.raw, "key=a%26b%20c");
        assert_eq!(p.value(), "a&b c");
        let mut bare = Piece::raw("pretty");
        bare.set_value("");
        assert_eq!(bare.raw, "pretty", "no value, no '='");
        bare.set_value("1");
        assert_eq!(bare.raw, "pretty=1");
        let mut named = Piece::raw("item[]=1");
        named.set_value("é");
        assert_eq!(named.raw, "item[]=%C3%A9", "brackets stay; non-ASCII is UTF-8 escaped");
        assert_eq!(Piece::new("a=b", "x+y").raw, "a%3Db=x%2By");
    }

    #[test]
    fn form_encoding_matches_python_urlencode() {
        // urllib.parse.urlencode({"a b": "c&d=e", "k": "ü/~"}) == 'a+b=c%26d%3De&k=%C3%BC%2F~'
        assert_eq!(form_urlencode([("a b", "c&d=e"), ("k", "ü/~")]), "a+b=c%26d%3De&k=%C3%BC%2F~");
    }

    #[test]
    fn lenient_decoding() {
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%41"), "%zzA");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("%+1"), "% 1");
    }
}
