//! The request the composer holds: what the user's `requests.post(...)` or curl call sends.
//! Pure data plus the rules that turn it into what goes on the wire (effective headers, the
//! encoded body, the URL with its query), so the UI, the exporters and the sender agree.

pub mod auth;
pub mod basic;
pub mod curl;
pub mod digest;
pub mod digest_flow;
pub mod export;
pub mod outcome;
pub mod sending;

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    #[default]
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub const ALL: [Method; 7] =
        [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete, Method::Head, Method::Options];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn allows_body(self) -> bool {
        !matches!(self, Method::Get | Method::Head)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name/value row (header, query parameter or form field) that can be switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

impl Row {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Row { name: name.into(), value: value.into(), enabled: true }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyKind {
    #[default]
    None,
    /// `json=` in Python requests: `application/json`.
    Json,
    /// `data=` in Python requests: `application/x-www-form-urlencoded`.
    Form,
    /// `files=` in Python requests, `-F` in curl: `multipart/form-data`.
    Multipart,
    /// Text sent as it is, with the Content-Type the user sets (text/plain by default).
    Raw,
}

impl BodyKind {
    pub const ALL: [BodyKind; 5] = [BodyKind::None, BodyKind::Json, BodyKind::Form, BodyKind::Multipart, BodyKind::Raw];

    pub fn label(self) -> &'static str {
        match self {
            BodyKind::None => "none",
            BodyKind::Json => "JSON",
            BodyKind::Form => "form (urlencoded)",
            BodyKind::Multipart => "multipart form",
            BodyKind::Raw => "raw text",
        }
    }

    /// The Content-Type this body kind implies; multipart's boundary is added by the sender.
    pub fn content_type(self) -> Option<&'static str> {
        match self {
            BodyKind::None => None,
            BodyKind::Json => Some("application/json"),
            BodyKind::Form => Some("application/x-www-form-urlencoded"),
            BodyKind::Multipart => Some("multipart/form-data"),
            BodyKind::Raw => Some("text/plain"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    pub kind: BodyKind,
    /// The text for JSON and raw bodies.
    pub text: String,
    /// The fields for form and multipart bodies. A multipart value starting with `@` names a
    /// file (as in curl's `-F name=@path`), which only the exported command can attach.
    pub fields: Vec<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyLocation {
    #[default]
    Header,
    Query,
}

/// The auth helpers. Each fills one header (or query parameter) the user can see.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Auth {
    #[default]
    None,
    Bearer {
        token: String,
    },
    Basic {
        user: String,
        password: String,
    },
    ApiKey {
        name: String,
        value: String,
        location: KeyLocation,
    },
    /// RFC 7616: the header is computed after the server's 401 challenge.
    Digest {
        user: String,
        password: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub method: Method,
    /// The URL without its query string; the query lives in `query` so rows can be disabled.
    pub base_url: String,
    pub query: Vec<Row>,
    pub headers: Vec<Row>,
    pub body: Body,
    pub auth: Auth,
}

/// Characters percent-encoded in a query component: everything but unreserved characters,
/// as Python's `urlencode` (quote_plus) does, with spaces as '+'.
fn encode_component(s: &str, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            b' ' if space_as_plus => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
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

/// `a=1&b=x+y` from rows, skipping disabled ones, encoded as a browser form or `requests` would.
pub fn form_urlencode(rows: &[Row]) -> String {
    rows.iter()
        .filter(|r| r.enabled)
        .map(|r| format!("{}={}", encode_component(&r.name, true), encode_component(&r.value, true)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Splits a query string into rows, decoding each name and value.
pub fn parse_query(query: &str) -> Vec<Row> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
            Row::new(decode_component(n), decode_component(v))
        })
        .collect()
}

impl Request {
    /// The full URL as it will be requested: base, enabled query rows, and an API key that
    /// goes in the query. A fragment is never sent, so it is dropped.
    pub fn url(&self) -> String {
        let mut rows: Vec<Row> = self.query.iter().filter(|r| r.enabled).cloned().collect();
        if let Auth::ApiKey { name, value, location: KeyLocation::Query } = &self.auth {
            rows.push(Row::new(name.clone(), value.clone()));
        }
        let query = form_urlencode(&rows);
        if query.is_empty() {
            self.base_url.clone()
        } else {
            format!("{}?{query}", self.base_url)
        }
    }

    /// Takes a URL as typed: the part before `?` becomes the base, the query becomes rows.
    /// Disabled rows survive, since the URL text cannot show them.
    pub fn set_url(&mut self, url: &str) {
        let url = url.trim();
        let without_fragment = url.split_once('#').map_or(url, |(u, _)| u);
        let (base, query) = without_fragment.split_once('?').unwrap_or((without_fragment, ""));
        let disabled: Vec<Row> = self.query.iter().filter(|r| !r.enabled).cloned().collect();
        self.base_url = base.to_string();
        self.query = parse_query(query);
        self.query.extend(disabled);
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h.enabled && h.name.trim().eq_ignore_ascii_case(name))
    }

    /// The header the auth helper produces, exactly as it will be sent. Digest has none
    /// until a challenge arrives.
    pub fn auth_header(&self) -> Option<(String, String)> {
        match &self.auth {
            Auth::None | Auth::Digest { .. } => None,
            Auth::Bearer { token } => Some(("Authorization".into(), format!("Bearer {}", token.trim()))),
            Auth::Basic { user, password } => {
                Some(("Authorization".into(), crate::model::request::basic::header_value(user, password)))
            }
            Auth::ApiKey { name, value, location: KeyLocation::Header } => Some((name.clone(), value.clone())),
            Auth::ApiKey { location: KeyLocation::Query, .. } => None,
        }
    }

    /// Every header that goes on the wire, in order: the user's enabled rows, then the auth
    /// helper's header, then the Content-Type the body implies unless the user set one.
    pub fn effective_headers(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|h| h.enabled && !h.name.trim().is_empty())
            .map(|h| (h.name.trim().to_string(), h.value.clone()))
            .collect();
        if let Some((name, value)) = self.auth_header() {
            if !self.has_header(&name) {
                out.push((name, value));
            }
        }
        if self.method.allows_body() && self.body.kind != BodyKind::Multipart {
            if let Some(ct) = self.body.kind.content_type() {
                if !self.has_header("content-type") {
                    out.push(("Content-Type".into(), ct.into()));
                }
            }
        }
        out
    }

    /// The body bytes as text for JSON, raw and form bodies; multipart is built by the sender
    /// (the browser's FormData, curl's -F) because only it chooses the boundary.
    pub fn body_text(&self) -> Option<String> {
        if !self.method.allows_body() {
            return None;
        }
        match self.body.kind {
            BodyKind::None | BodyKind::Multipart => None,
            BodyKind::Json | BodyKind::Raw => Some(self.body.text.clone()),
            BodyKind::Form => Some(form_urlencode(&self.body.fields)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_and_query_rows_sync_both_ways() {
        let mut r = Request::default();
        r.set_url("https://api.example.com/v1/items?q=caf%C3%A9+au+lait&page=2&empty=#frag");
        assert_eq!(r.base_url, "https://api.example.com/v1/items");
        assert_eq!(r.query, [Row::new("q", "café au lait"), Row::new("page", "2"), Row::new("empty", "")]);
        assert_eq!(r.url(), "https://api.example.com/v1/items?q=caf%C3%A9+au+lait&page=2&empty=");
        r.query[1].enabled = false;
        assert_eq!(r.url(), "https://api.example.com/v1/items?q=caf%C3%A9+au+lait&empty=");
        r.set_url("https://api.example.com/v2?x=1");
        assert_eq!(r.query, [Row::new("x", "1"), Row { name: "page".into(), value: "2".into(), enabled: false }]);
    }

    #[test]
    fn form_encoding_matches_python_urlencode() {
        // urllib.parse.urlencode({"a b": "c&d=e", "k": "ü/~"}) == 'a+b=c%26d%3De&k=%C3%BC%2F~'
        assert_eq!(form_urlencode(&[Row::new("a b", "c&d=e"), Row::new("k", "ü/~")]), "a+b=c%26d%3De&k=%C3%BC%2F~");
    }

    #[test]
    fn lenient_decoding() {
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%41"), "%zzA");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("%+1"), "% 1");
    }

    #[test]
    fn effective_headers_follow_body_and_auth() {
        let mut r = Request { method: Method::Post, base_url: "https://x".into(), ..Default::default() };
        r.body = Body { kind: BodyKind::Json, text: "{}".into(), fields: vec![] };
        r.auth = Auth::Bearer { token: " abc\n".into() };
        r.headers.push(Row::new("Accept", "application/json"));
        assert_eq!(
            r.effective_headers(),
            [
                ("Accept".to_string(), "application/json".to_string()),
                ("Authorization".into(), "Bearer abc".into()),
                ("Content-Type".into(), "application/json".into())
            ]
        );
        // A Content-Type the user sets wins; a GET sends no body and no body Content-Type.
        r.headers.push(Row::new("content-type", "application/vnd.api+json"));
        assert!(!r.effective_headers().iter().any(|(n, v)| n == "Content-Type" && v == "application/json"));
        r.method = Method::Get;
        assert_eq!(r.body_text(), None);
    }

    #[test]
    fn api_key_in_query() {
        let mut r = Request::default();
        r.set_url("https://x/y?a=1");
        r.auth = Auth::ApiKey { name: "api_key".into(), value: "s e".into(), location: KeyLocation::Query };
        assert_eq!(r.url(), "https://x/y?a=1&api_key=s+e");
        assert!(r.effective_headers().is_empty());
    }

    #[test]
    fn methods_parse_case_insensitively() {
        assert_eq!(Method::parse("post"), Some(Method::Post));
        assert_eq!(Method::parse("FETCH"), None);
    }
}
