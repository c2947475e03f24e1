//! The request the composer holds: what the user's `requests.post(...)` or curl call sends,
//! kept as the user gave it: the URL's text, header names in their case and order (repeats
//! kept), the body's bytes. Only the user's own edits change it. Pure data plus the rules that
//! turn it into what goes on the wire (effective headers, the body, the URL with its query), so
//! the UI, the exporters and the sender agree.

pub mod auth;
pub mod basic;
pub mod curl;
pub mod digest;
pub mod digest_flow;
pub mod export;
pub mod fetch_rules;
pub mod outcome;
pub mod reproduction;
pub mod sending;
pub mod target;
#[cfg(test)]
pub(crate) mod test_requests;
pub mod urlencoded;

use serde::{Deserialize, Serialize};
use urlencoded::Piece;

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub name: String,
    pub value: String,
    pub enabled: bool,
    /// For a multipart field: where its value comes from and the part's own headers. Plain
    /// text (the default) for every other row.
    pub part: FieldPart,
}

impl Row {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Row { name: name.into(), value: value.into(), enabled: true, part: FieldPart::default() }
    }

    /// A multipart field that attaches the file at `path` (its value is `@path`).
    pub fn file(name: impl Into<String>, path: &str) -> Self {
        let mut row = Row::new(name, format!("@{path}"));
        row.part.source = PartSource::File;
        row
    }

    /// Whether this multipart field attaches a file (rather than sending text that happens to
    /// start with `@`, as `--form-string` can).
    pub fn is_file(&self) -> bool {
        self.part.source == PartSource::File
    }
}

/// How a multipart field is sent, beyond its name and value: what curl's `-F` says with `@`,
/// `<`, `;type=`, `;filename=` and `;headers=`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldPart {
    pub source: PartSource,
    /// The part's file name (`;filename=`); for a file, its own name when unset.
    pub filename: Option<String>,
    /// The part's Content-Type (`;type=`); the sender's guess when unset.
    pub content_type: Option<String>,
    /// More header lines of the part (`;headers="X-A: 1"`), as written.
    pub headers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PartSource {
    /// The value is the text sent.
    #[default]
    Text,
    /// `-F name=@path`: the file at the path is attached; the value keeps `@path`, as the
    /// exports read it.
    File,
    /// `-F name=<path`: the file's content is sent as the text value; the page cannot read it,
    /// so the value is empty.
    FileText { path: String },
}

/// A shell variable the request uses, written `${NAME}` inside its text (URL, headers, auth,
/// body), as the shell would fill it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    pub name: String,
    /// Its value when the paste sets it (`export NAME=…`, `NAME=… curl …`); unknown otherwise,
    /// and then the request carries the text `${NAME}` itself.
    pub value: Option<String>,
}

impl Variable {
    pub fn placeholder(name: &str) -> String {
        format!("${{{name}}}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BodyKind {
    #[default]
    None,
    /// `json=` in Python requests: `application/json`.
    Json,
    /// `data=` in Python requests: `application/x-www-form-urlencoded`.
    Form,
    /// `files=` in Python requests, `-F` in curl: `multipart/form-data`.
    Multipart,
    /// Text sent as it is, with only the Content-Type the user sets (none unless a header row
    /// says so, as curl without `-d` and `requests` with `data=str` send it).
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
            BodyKind::Raw => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Body {
    pub kind: BodyKind,
    /// The text for JSON and raw bodies, sent as it is.
    pub text: String,
    /// The pieces of a form (urlencoded) body, each as typed.
    pub form: Vec<Piece>,
    /// The fields of a multipart body. A value starting with `@` names a file (as in curl's
    /// `-F name=@path`), which only the exported command can attach.
    pub fields: Vec<Row>,
}

impl Body {
    pub fn json(text: impl Into<String>) -> Body {
        Body { kind: BodyKind::Json, text: text.into(), ..Body::default() }
    }

    pub fn raw(text: impl Into<String>) -> Body {
        Body { kind: BodyKind::Raw, text: text.into(), ..Body::default() }
    }

    pub fn form(text: &str) -> Body {
        Body { kind: BodyKind::Form, form: urlencoded::split(text), ..Body::default() }
    }

    pub fn multipart(fields: Vec<Row>) -> Body {
        Body { kind: BodyKind::Multipart, fields, ..Body::default() }
    }

    /// Another editor for the same body: text, JSON and form are one text seen three ways, so
    /// switching between them keeps every byte, unless the text is not a form at all (JSON
    /// switched to a form starts an empty form, and switching back finds the JSON again);
    /// multipart keeps its own fields.
    pub fn switch_kind(&mut self, to: BodyKind) {
        if self.kind == BodyKind::Form && to != BodyKind::Form && !self.form.is_empty() {
            self.text = urlencoded::join(&self.form);
        } else if to == BodyKind::Form && self.kind != BodyKind::Form {
            self.form =
                if urlencoded::looks_like_form(&self.text) { urlencoded::split(&self.text) } else { Vec::new() };
        }
        self.kind = to;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum KeyLocation {
    #[default]
    Header,
    Query,
}

/// The auth helpers. Each fills one header (or query parameter) the user can see.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// How the command follows redirects, as curl's options say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Redirects {
    /// `-L` / `--location`: follows redirects, and sends Authorization, `-u` credentials and
    /// cookies set with `-H` only to the original host.
    Follow,
    /// `--location-trusted`: follows redirects and sends the credentials to every host.
    Trusted,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Request {
    /// The method the page reasons with (a body or not); see `method_as_typed`.
    pub method: Method,
    /// The method exactly as the imported command gives it when it is none of the seven in
    /// capitals (`-X PROPFIND`, `-X post`): sent as typed by every client that can, `method`
    /// then being the nearest (`post` is Post) or what curl uses without `-X`. Choosing a
    /// method in the composer clears it.
    pub method_as_typed: Option<String>,
    /// The URL up to its `?`, exactly as typed.
    pub base_url: String,
    /// Whether the typed URL has a `?`, so `https://x/?` stays as it was.
    pub query_mark: bool,
    /// The query's pieces as typed; switched-off ones keep their place.
    pub query: Vec<Piece>,
    pub headers: Vec<Row>,
    pub body: Body,
    pub auth: Auth,
    /// What the command says about redirects; None when it says nothing (curl then does not
    /// follow them; the page's own fetch always does, and drops Authorization on another
    /// origin).
    pub follow_redirects: Option<Redirects>,
    /// Shell variables the request's text uses as `${NAME}`, in order of first use.
    pub variables: Vec<Variable>,
    /// Headers the user's command tells its client not to send at all, though the client
    /// adds them by itself (curl's `-H 'Accept:'`, `-A ''`), as named there.
    pub removed_headers: Vec<String>,
    /// Where the auth helper's header goes and how its name is written, when it came from the
    /// imported command (an `Authorization` row, or curl's `-u`, which curl sends first);
    /// None puts it after the rows, named `Authorization`.
    pub auth_at: Option<AuthAt>,
}

/// The auth helper's header as the command had it: before the header row `row`, named `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthAt {
    pub row: usize,
    pub name: String,
}

impl Request {
    /// The full URL as it will be requested: the URL as typed with the enabled query pieces,
    /// and an API key that goes in the query. A fragment is never sent, so it is not kept.
    pub fn url(&self) -> String {
        let mut pieces: Vec<Piece> = self.query.iter().filter(|p| p.enabled).cloned().collect();
        if let Auth::ApiKey { name, value, location: KeyLocation::Query } = &self.auth {
            pieces.push(Piece::new(name, value));
        }
        if pieces.is_empty() && !self.query_mark {
            return self.base_url.clone();
        }
        format!("{}?{}", self.base_url, urlencoded::join(&pieces))
    }

    /// The URL as the URL box shows it: what was typed, with the query rows' edits, without
    /// what the auth helper adds (it shows its own line).
    pub fn typed_url(&self) -> String {
        let query = urlencoded::join(&self.query);
        if query.is_empty() && !self.query_mark {
            self.base_url.clone()
        } else {
            format!("{}?{query}", self.base_url)
        }
    }

    /// Takes a URL as typed: the part before `?` becomes the base, the query its pieces, each
    /// kept as typed. Switched-off pieces survive, since the URL text cannot show them.
    pub fn set_url(&mut self, url: &str) {
        let url = url.trim();
        let without_fragment = url.split_once('#').map_or(url, |(u, _)| u);
        let (base, query) = match without_fragment.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (without_fragment, None),
        };
        // A switched-off piece is not in the URL's text: it keeps its place after the same
        // number of sent pieces, so switching it back on puts it where it was.
        let mut sent_before = 0;
        let mut disabled: Vec<(usize, Piece)> = Vec::new();
        for p in &self.query {
            if p.enabled {
                sent_before += 1;
            } else {
                disabled.push((sent_before, p.clone()));
            }
        }
        self.base_url = base.to_string();
        self.query_mark = query.is_some();
        let mut rest = disabled.into_iter().peekable();
        let mut pieces = Vec::new();
        for (k, piece) in urlencoded::split(query.unwrap_or_default()).into_iter().enumerate() {
            while let Some((_, p)) = rest.next_if(|(at, _)| *at <= k) {
                pieces.push(p);
            }
            pieces.push(piece);
        }
        pieces.extend(rest.map(|(_, p)| p));
        self.query = pieces;
    }

    /// The method as it goes on the wire.
    pub fn method_name(&self) -> &str {
        self.method_as_typed.as_deref().unwrap_or(self.method.as_str())
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h.enabled && h.name.trim().eq_ignore_ascii_case(name))
    }

    /// The header the auth helper produces, exactly as it will be sent. Digest has none
    /// until a challenge arrives.
    pub fn auth_header(&self) -> Option<(String, String)> {
        let authorization = || self.auth_at.as_ref().map_or("Authorization", |at| at.name.as_str()).to_string();
        match &self.auth {
            Auth::None | Auth::Digest { .. } => None,
            Auth::Bearer { token } => Some((authorization(), format!("Bearer {}", token.trim()))),
            Auth::Basic { user, password } => {
                Some((authorization(), crate::model::request::basic::header_value(user, password)))
            }
            Auth::ApiKey { name, value, location: KeyLocation::Header } => Some((name.clone(), value.clone())),
            Auth::ApiKey { location: KeyLocation::Query, .. } => None,
        }
    }

    /// Where among the sent rows (enabled, named) the auth helper's header goes: where the
    /// imported command had it, else after them.
    pub fn auth_position(&self) -> usize {
        let sent = |h: &&Row| h.enabled && !h.name.trim().is_empty();
        match &self.auth_at {
            Some(at) => self.headers.iter().take(at.row).filter(sent).count(),
            None => self.headers.iter().filter(sent).count(),
        }
    }

    /// Every header that goes on the wire, in order: the user's enabled rows with the auth
    /// helper's header where it belongs, then the Content-Type the body implies unless the user
    /// set one.
    pub fn effective_headers(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|h| h.enabled && !h.name.trim().is_empty())
            .map(|h| (h.name.trim().to_string(), h.value.clone()))
            .collect();
        if let Some((name, value)) = self.auth_header() {
            // A row of the same name wins over the helper, unless the helper stands for a row
            // of the imported command itself (curl sends both).
            if !self.has_header(&name) || self.auth_at.is_some() {
                out.insert(self.auth_position().min(out.len()), (name, value));
            }
        }
        if self.body.kind != BodyKind::Multipart {
            if let Some(ct) = self.body.kind.content_type() {
                if !self.has_header("content-type") {
                    out.push(("Content-Type".into(), ct.into()));
                }
            }
        }
        out
    }

    /// The request with each variable whose value is known written in place of its `${NAME}`,
    /// as the shell would send it; variables without a value stay as they are. One pass from
    /// left to right: a value is text, so a `${OTHER}` in it stays, as the shell leaves it.
    pub fn expanded(&self) -> Request {
        let known: Vec<(&str, &str)> =
            self.variables.iter().filter_map(|v| v.value.as_deref().map(|value| (v.name.as_str(), value))).collect();
        if known.is_empty() {
            return self.clone();
        }
        let fill = |s: &mut String| {
            if s.contains("${") {
                *s = fill_in(s, &known);
            }
        };
        let mut r = self.clone();
        fill(&mut r.base_url);
        for piece in r.query.iter_mut().chain(r.body.form.iter_mut()) {
            fill(&mut piece.raw);
        }
        for row in r.headers.iter_mut().chain(r.body.fields.iter_mut()) {
            fill(&mut row.name);
            fill(&mut row.value);
        }
        fill(&mut r.body.text);
        match &mut r.auth {
            Auth::None => {}
            Auth::Bearer { token } => fill(token),
            Auth::Basic { user, password } | Auth::Digest { user, password } => {
                fill(user);
                fill(password);
            }
            Auth::ApiKey { name, value, .. } => {
                fill(name);
                fill(value);
            }
        }
        r.variables.retain(|v| v.value.is_none());
        r
    }

    /// Every text the request sends, as typed: the URL, the enabled query pieces and header
    /// rows (names too), the body its kind sends (text, enabled form pieces, or enabled multipart
    /// fields with their part's file name, type and headers) and the auth helper's values. A
    /// switched-off row and another editor's body send nothing.
    pub fn sent_texts(&self) -> Vec<&str> {
        let mut out = vec![self.base_url.as_str()];
        out.extend(self.query.iter().filter(|p| p.enabled).map(|p| p.raw.as_str()));
        for h in self.headers.iter().filter(|h| h.enabled) {
            out.extend([h.name.as_str(), h.value.as_str()]);
        }
        match self.body.kind {
            BodyKind::None => {}
            BodyKind::Json | BodyKind::Raw => out.push(&self.body.text),
            BodyKind::Form => out.extend(self.body.form.iter().filter(|p| p.enabled).map(|p| p.raw.as_str())),
            BodyKind::Multipart => {
                for f in self.body.fields.iter().filter(|f| f.enabled) {
                    out.extend([f.name.as_str(), f.value.as_str()]);
                    out.extend(f.part.filename.as_deref());
                    out.extend(f.part.content_type.as_deref());
                    out.extend(f.part.headers.iter().map(String::as_str));
                    if let PartSource::FileText { path } = &f.part.source {
                        out.push(path);
                    }
                }
            }
        }
        match &self.auth {
            Auth::None => {}
            Auth::Bearer { token } => out.push(token),
            Auth::Basic { user, password } | Auth::Digest { user, password } => out.extend([user.as_str(), password]),
            Auth::ApiKey { name, value, .. } => out.extend([name.as_str(), value]),
        }
        out
    }

    /// The body bytes as text for JSON, raw and form bodies, whatever the method: curl and
    /// `requests` send a body with GET too (a browser cannot, which the sender says). Multipart
    /// is built by the sender (the browser's FormData, curl's -F): only it picks the boundary.
    pub fn body_text(&self) -> Option<String> {
        match self.body.kind {
            BodyKind::None | BodyKind::Multipart => None,
            BodyKind::Json | BodyKind::Raw => Some(self.body.text.clone()),
            BodyKind::Form => Some(urlencoded::join(&self.body.form)),
        }
    }
}

/// `text` with each `${NAME}` whose name is in `known` replaced by its value, in one pass.
fn fill_in(text: &str, known: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let value = after
            .find('}')
            .and_then(|close| known.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, *v)));
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_kept_as_typed_and_rows_edit_one_piece() {
        let mut r = Request::default();
        r.set_url("https://api.example.com/v1/items?q=caf%C3%A9+au+lait&pretty&page=2&#frag");
        assert_eq!(r.base_url, "https://api.example.com/v1/items");
        assert_eq!(r.query.iter().map(|p| p.name()).collect::<Vec<_>>(), ["q", "pretty", "page", ""]);
        assert_eq!(r.query[0].value(), "café au lait");
        assert_eq!(
            r.url(),
            "https://api.example.com/v1/items?q=caf%C3%A9+au+lait&pretty&page=2&",
            "only the fragment goes"
        );
        r.query[2].set_value("3");
        assert_eq!(r.url(), "https://api.example.com/v1/items?q=caf%C3%A9+au+lait&pretty&page=3&");
        r.query[1].enabled = false;
        assert_eq!(r.url(), "https://api.example.com/v1/items?q=caf%C3%A9+au+lait&page=3&");
        r.set_url("https://api.example.com/v2?x=1");
        assert_eq!(r.query, [Piece::raw("x=1"), Piece { raw: "pretty".into(), enabled: false, encoded: false }]);
        // Editing the URL's text keeps a switched-off piece in its place.
        let mut r = Request::default();
        r.set_url("https://x/?a=1&b=2&c=3");
        r.query[1].enabled = false;
        r.set_url(&r.url().replace("c=3", "c=4"));
        let raws: Vec<(&str, bool)> = r.query.iter().map(|p| (p.raw.as_str(), p.enabled)).collect();
        assert_eq!(raws, [("a=1", true), ("b=2", false), ("c=4", true)]);
        r.query[1].enabled = true;
        assert_eq!(r.url(), "https://x/?a=1&b=2&c=4", "switched back on where it was");
        r.set_url("https://x/?");
        assert_eq!(r.url(), "https://x/?", "a bare ? stays");
        r.set_url("https://x/");
        assert_eq!(r.url(), "https://x/");
    }

    #[test]
    fn effective_headers_follow_body_and_auth() {
        let mut r = Request { method: Method::Post, base_url: "https://x".into(), ..Default::default() };
        r.body = Body::json("{}");
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
        // A Content-Type the user sets wins; a GET keeps its body, as curl and requests send it.
        r.headers.push(Row::new("content-type", "application/vnd.api+json"));
        assert!(!r.effective_headers().iter().any(|(n, v)| n == "Content-Type" && v == "application/json"));
        r.method = Method::Get;
        assert_eq!(r.body_text().as_deref(), Some("{}"));
        // Raw text carries no Content-Type of its own; a form body carries its bytes as typed.
        let mut switched = Body::raw("a=1&b=%20");
        switched.switch_kind(BodyKind::Form);
        assert_eq!(switched.form, [Piece::raw("a=1"), Piece::raw("b=%20")]);
        switched.form[0].set_value("2");
        switched.switch_kind(BodyKind::Json);
        assert_eq!(switched.text, "a=2&b=%20", "the edit and every other byte carried over");
        let mut json = Body::json("{\"a\": 1}");
        json.switch_kind(BodyKind::Form);
        assert!(json.form.is_empty(), "JSON is no form: the form starts empty");
        json.switch_kind(BodyKind::Json);
        assert_eq!(json.text, "{\"a\": 1}", "and the JSON is still there");
        let raw = Request { body: Body::raw("x"), ..Default::default() };
        assert!(raw.effective_headers().is_empty());
        let form = Request { body: Body::form("foo=\"bar\"&msg=@raw&sp=%20+"), ..Default::default() };
        assert_eq!(form.body_text().as_deref(), Some("foo=\"bar\"&msg=@raw&sp=%20+"));
    }

    #[test]
    fn api_key_in_query() {
        let mut r = Request::default();
        r.set_url("https://x/y?a=1");
        r.auth = Auth::ApiKey { name: "api_key".into(), value: "s e".into(), location: KeyLocation::Query };
        assert_eq!(r.url(), "https://x/y?a=1&api_key=s%20e");
        assert_eq!(r.typed_url(), "https://x/y?a=1", "the URL box shows what the user typed");
        assert!(r.effective_headers().is_empty());
    }

    #[test]
    fn known_variables_are_filled_in_and_unknown_ones_stay() {
        let mut r = Request::default();
        r.set_url("https://${HOST}/v1?key=${KEY}");
        r.headers.push(Row::new("X-User", "${USER}"));
        r.auth = Auth::Bearer { token: "${TOKEN}".into() };
        r.body = Body::raw("{\"k\": \"${KEY}\"}");
        r.variables = vec![
            Variable { name: "HOST".into(), value: Some("api.example.com".into()) },
            Variable { name: "KEY".into(), value: Some("a b".into()) },
            Variable { name: "TOKEN".into(), value: None },
        ];
        let e = r.expanded();
        assert_eq!(e.url(), "https://api.example.com/v1?key=a b", "the shell fills in text, it does not encode");
        assert_eq!(e.body.text, "{\"k\": \"a b\"}");
        assert_eq!(e.headers[0].value, "${USER}", "not one of the request's variables: text");
        assert_eq!(e.auth, Auth::Bearer { token: "${TOKEN}".into() });
        assert_eq!(e.variables, [Variable { name: "TOKEN".into(), value: None }]);
        assert_eq!(Request::default().expanded(), Request::default());
    }

    #[test]
    fn a_value_is_filled_in_once_and_never_expanded_again() {
        // A='${B}' in the shell: $A expands to the text ${B}, which the shell does not expand.
        for order in [["A", "B"], ["B", "A"]] {
            let mut r = Request::default();
            r.set_url("https://x/${A}/${B}");
            r.headers.push(Row::new("X-A", "${A}${A}"));
            r.variables = order
                .iter()
                .map(|n| Variable { name: n.to_string(), value: Some(if *n == "A" { "${B}" } else { "b" }.into()) })
                .collect();
            let e = r.expanded();
            assert_eq!(e.url(), "https://x/${B}/b", "{order:?}");
            assert_eq!(e.headers[0].value, "${B}${B}", "{order:?}");
        }
    }

    #[test]
    fn a_file_field_is_told_from_text_that_starts_with_at() {
        assert!(Row::file("f", "a.pdf").is_file());
        assert_eq!(Row::file("f", "a.pdf").value, "@a.pdf");
        assert!(!Row::new("f", "@a.pdf").is_file());
    }

    #[test]
    fn methods_parse_case_insensitively() {
        assert_eq!(Method::parse("post"), Some(Method::Post));
        assert_eq!(Method::parse("FETCH"), None);
    }
}
