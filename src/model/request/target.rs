//! The request target (RFC 9112 §3.2: the path and query in the request line) that each client
//! writes for a URL. curl sends the URL's text as typed, with only `.` and `..` segments
//! resolved; Python requests (and HTTPie, which uses it) and fetch rewrite it first, each its own
//! way. The export of a raw HTTP message writes curl's form; `reproduction` compares the others
//! with it to say when a client cannot send the URL as typed.

/// The URL's path and query as a URL text has them: the path from the end of the authority
/// (empty when there is none), the query after the first `?` (None without one). A fragment
/// is never sent, so it is cut off.
fn parts(url: &str) -> (&str, Option<&str>) {
    let url = url.split_once('#').map_or(url, |(u, _)| u);
    let rest = match url.split_once("://") {
        Some((_, rest)) => {
            let end = rest.find(['/', '?']).unwrap_or(rest.len());
            &rest[end..]
        }
        None => url,
    };
    match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    }
}

/// `.` and `..` segments resolved (RFC 3986 §5.2.4); with `encoded_dots`, `%2e` counts as a dot
/// too, as the WHATWG URL parser reads it. A trailing `.` or `..` leaves a trailing slash.
fn resolve_dots(path: &str, encoded_dots: bool) -> String {
    let Some(rest) = path.strip_prefix('/') else { return path.to_string() };
    let dots = |s: &str| {
        let lower = s.to_ascii_lowercase();
        let lower = if encoded_dots { lower.replace("%2e", ".") } else { lower };
        match lower.as_str() {
            "." => 1,
            ".." => 2,
            _ => 0,
        }
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match dots(segment) {
            0 => out.push(segment),
            n => {
                if n == 2 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
        }
    }
    format!("/{}", out.join("/"))
}

/// What curl 7.88 writes in the request line, and so what the raw HTTP export writes: the
/// path as typed with dot segments resolved (`/` when empty) and its non-ASCII bytes as
/// lower-case `%xx`, then the query as typed, non-ASCII and a bare `?` included.
pub fn curl(url: &str) -> String {
    let (path, query) = parts(url);
    let path = if path.is_empty() { "/".to_string() } else { resolve_dots(path, false) };
    let path: String = path
        .bytes()
        .map(|b| if b.is_ascii() { (b as char).to_string() } else { format!("%{b:02x}") })
        .collect::<Vec<_>>()
        .concat();
    match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    }
}

/// urllib3's `_encode_invalid_chars`: every byte outside `allowed` as `%XX`; existing `%XX`
/// upper-cased and kept, unless some `%` in the text starts no `%XX`, in which case every `%`
/// is encoded as `%25`.
fn urllib3_encode(component: &str, allowed: impl Fn(u8) -> bool) -> String {
    let bytes = component.as_bytes();
    let is_escape = |i: usize| bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
    let mut escapes = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && is_escape(i) {
            escapes += 1;
            i += 3;
        } else {
            i += 1;
        }
    }
    let all_escapes = escapes == bytes.iter().filter(|&&b| b == b'%').count();
    let mut out = String::with_capacity(component.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && all_escapes {
            out.push('%');
            out.push_str(&component[i + 1..i + 3].to_ascii_uppercase());
            i += 3;
            continue;
        }
        if b < 128 && allowed(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

/// urllib3's `_PATH_CHARS`: unreserved, sub-delims, `:`, `@`, `/`.
fn urllib3_path_char(b: u8) -> bool {
    unreserved(b) || b"!$&'()*+,;=:@/".contains(&b)
}

/// requests' `unquote_unreserved`: `%41` becomes `A`; other escapes stay as they are.
fn unquote_unreserved(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                if unreserved(v) {
                    out.push(v as char);
                    i += 3;
                    continue;
                }
            }
        }
        let c = s[i..].chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

/// What Python requests (2.x over urllib3 2) and so HTTPie write in the request line: urllib3
/// resolves dot segments and `%XX`-encodes every character outside RFC 3986's path or query
/// characters (`[`, `]`, `{`, `|`, `"`, spaces, non-ASCII as UTF-8), upper-casing existing
/// escapes; requests' `requote_uri` then decodes escapes of unreserved characters (`%41` → `A`);
/// an empty query loses its `?`.
pub fn python_requests(url: &str) -> String {
    let (path, query) = parts(url);
    let path =
        if path.is_empty() { "/".to_string() } else { urllib3_encode(&resolve_dots(path, false), urllib3_path_char) };
    let query = query.filter(|q| !q.is_empty()).map(|q| urllib3_encode(q, |b| urllib3_path_char(b) || b == b'?'));
    let target = match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    };
    unquote_unreserved(&target)
}

/// WHATWG percent-encoding: `set` says which ASCII bytes are encoded; controls and every
/// non-ASCII byte (as UTF-8) always are.
fn whatwg_encode(component: &str, set: &[u8]) -> String {
    let mut out = String::with_capacity(component.len());
    for b in component.bytes() {
        if !(0x20..=0x7e).contains(&b) || set.contains(&b) {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// What fetch in Node 20 (undici over the WHATWG URL parser) writes in the request line: tabs
/// and line breaks removed, `\` read as `/`, `.`/`..` segments (also as `%2e`) resolved; in
/// the path a space, `"`, `<`, `>`, backtick, `{` and `}` percent-encoded, in the query a space,
/// `"`, `'`, `<` and `>`; non-ASCII as UTF-8 escapes; existing escapes kept as typed; an empty
/// query loses its `?`. A browser's fetch parses the same way, give or take a character.
pub fn whatwg(url: &str) -> String {
    let cleaned: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (path, query) = parts(&cleaned);
    let path = path.replace('\\', "/");
    let path = if path.is_empty() { "/".to_string() } else { resolve_dots(&path, true) };
    let path = whatwg_encode(&path, b" \"<>`{}");
    match query.filter(|q| !q.is_empty()) {
        Some(q) => format!("{path}?{}", whatwg_encode(q, b" \"<>'")),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://127.0.0.1:8080";

    /// (URL after the authority, curl, requests, Node's fetch): observed on the wire with
    /// curl 7.88.1, requests 2.34 + urllib3 2.8 and Node 20.20.
    const SEEN: &[(&str, &str, &str, &str)] = &[
        ("/x?pretty&a=1&", "/x?pretty&a=1&", "/x?pretty&a=1&", "/x?pretty&a=1&"),
        ("", "/", "/", "/"),
        ("?x=1", "/?x=1", "/?x=1", "/?x=1"),
        ("/q?", "/q?", "/q", "/q"),
        ("/a/./b/../c?x=1#frag", "/a/c?x=1", "/a/c?x=1", "/a/c?x=1"),
        (
            "/p%41th/{x}^|`?q=\"x\"&u=\u{e9}|^{}'<>&pct=%41%2f&",
            "/p%41th/{x}^|`?q=\"x\"&u=\u{e9}|^{}'<>&pct=%41%2f&",
            "/pAth/%7Bx%7D%5E%7C%60?q=%22x%22&u=%C3%A9%7C%5E%7B%7D'%3C%3E&pct=A%2F&",
            "/p%41th/%7Bx%7D^|%60?q=%22x%22&u=%C3%A9|^{}%27%3C%3E&pct=%41%2f&",
        ),
        ("/s?item[]=1&item[]=2", "/s?item[]=1&item[]=2", "/s?item%5B%5D=1&item%5B%5D=2", "/s?item[]=1&item[]=2"),
        ("/s?secret=*%5*!&b=%20", "/s?secret=*%5*!&b=%20", "/s?secret=*%255*!&b=%2520", "/s?secret=*%5*!&b=%20"),
        ("/a/%2e%2E/d\\x?x", "/a/%2e%2E/d\\x?x", "/a/../d%5Cx?x", "/d/x?x"),
        (
            "/Caf\u{e9}/\u{fc}?q=na\u{ef}ve",
            "/Caf%c3%a9/%c3%bc?q=na\u{ef}ve",
            "/Caf%C3%A9/%C3%BC?q=na%C3%AFve",
            "/Caf%C3%A9/%C3%BC?q=na%C3%AFve",
        ),
        ("/a\"b<c>d?e<f>", "/a\"b<c>d?e<f>", "/a%22b%3Cc%3Ed?e%3Cf%3E", "/a%22b%3Cc%3Ed?e%3Cf%3E"),
    ];

    #[test]
    fn each_client_writes_the_target_it_was_seen_to_write() {
        for (tail, curl_sent, requests_sent, fetch_sent) in SEEN {
            let url = format!("{BASE}{tail}");
            assert_eq!(curl(&url), *curl_sent, "curl {tail}");
            assert_eq!(python_requests(&url), *requests_sent, "requests {tail}");
            assert_eq!(whatwg(&url), *fetch_sent, "fetch {tail}");
        }
    }

    #[test]
    fn dots() {
        assert_eq!(resolve_dots("/a/b/..", false), "/a/");
        assert_eq!(resolve_dots("/..", false), "/");
        assert_eq!(resolve_dots("/a/./", false), "/a/");
        assert_eq!(resolve_dots("/a/%2E/b", true), "/a/b");
        assert_eq!(resolve_dots("/a/%2E/b", false), "/a/%2E/b");
    }
}
