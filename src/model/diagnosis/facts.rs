//! What the request, the response and the token say, read once so that every rule agrees on
//! what was sent, what the server asked for and which token is being judged.

use super::context::Context;
use crate::model::findings::Finding;
use crate::model::request::urlencoded;
use crate::model::request::{Auth, BodyKind, KeyLocation, Request};
use crate::model::response::challenge::{self, Challenge, ChallengeError};
use crate::model::response::message;
use crate::model::response::Response;
use crate::model::time::Clock;
use crate::model::token::claims::{self, Validity};
use crate::model::token::inspect::{self, Inspection};
use crate::model::url::{self, Url};
use crate::model::variables;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One way a credential travelled in the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carrier {
    /// An `Authorization` header; `scheme` is None for a bare credential.
    Authorization {
        scheme: Option<String>,
        value: String,
    },
    /// The Digest helper: its header is computed only after the server's challenge.
    DigestHelper,
    /// An API key header, by name as sent.
    KeyHeader(String),
    Query(String),
    Form(String),
    Cookie,
}

impl Carrier {
    /// Where it was, for evidence: never the value.
    pub fn describe(&self) -> String {
        match self {
            Carrier::Authorization { scheme: Some(s), .. } => format!("Authorization: {s}"),
            Carrier::Authorization { scheme: None, .. } => "Authorization (no scheme)".into(),
            Carrier::DigestHelper => "Digest (answered after the challenge)".into(),
            Carrier::KeyHeader(n) => format!("the {n} header"),
            Carrier::Query(n) => format!("the {n} query parameter"),
            Carrier::Form(n) => format!("the {n} form field"),
            Carrier::Cookie => "a Cookie".into(),
        }
    }
}

/// Header names that carry API keys or session tokens, lowercase.
const KEY_HEADERS: &[&str] = &[
    "x-api-key",
    "api-key",
    "apikey",
    "x-apikey",
    "x-auth-token",
    "x-access-token",
    "private-token",
    "x-goog-api-key",
    "ocp-apim-subscription-key",
    "x-functions-key",
    "x-token",
    "x-session-token",
];

/// Query parameters and form fields that carry credentials, lowercase.
const KEY_PARAMS: &[&str] =
    &["access_token", "api_key", "apikey", "api-key", "key", "token", "auth", "client_secret", "client_assertion"];

/// Names people give the Authorization header by mistake; servers ignore them.
pub const AUTHORIZATION_TYPOS: &[&str] = &["authorisation", "authentication", "auth", "x-authorization"];

/// Schemes whose credential is a single token this page can inspect.
const TOKEN_SCHEMES: &[&str] = &["bearer", "dpop", "token", "jwt", "basic"];

pub fn is_key_header(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    KEY_HEADERS.contains(&n.as_str()) || (n.contains("api") && n.contains("key"))
}

pub fn is_key_param(name: &str) -> bool {
    KEY_PARAMS.contains(&name.trim().to_ascii_lowercase().as_str())
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The scheme of an Authorization value as written: the token before the first space, a
/// scheme standing alone (`Bearer` with nothing after it), or `Bearer` glued to a JWT.
pub fn scheme_of(value: &str) -> Option<String> {
    let v = value.trim();
    if let Some((first, _)) = v.split_once([' ', '\t']) {
        return (!first.is_empty() && first.bytes().all(is_tchar)).then(|| first.to_string());
    }
    const ALONE: &[&str] = &["bearer", "basic", "digest", "dpop", "token", "negotiate", "ntlm"];
    if ALONE.iter().any(|s| v.eq_ignore_ascii_case(s)) {
        return Some(v.to_string());
    }
    let glued =
        v.len() > 6 && v.is_char_boundary(6) && v[..6].eq_ignore_ascii_case("bearer") && v[6..].starts_with("eyJ");
    glued.then(|| v[..6].to_string())
}

/// The credential after the scheme, trimmed.
pub fn credential_of(value: &str) -> &str {
    let v = value.trim();
    v.split_once([' ', '\t']).map_or("", |(_, rest)| rest.trim())
}

pub struct Facts<'a> {
    pub request: Option<&'a Request>,
    pub response: Option<&'a Response>,
    pub clock: Clock,
    pub status: Option<u16>,
    pub challenges: Vec<Challenge>,
    pub challenge_problems: Vec<ChallengeError>,
    pub proxy_challenges: Vec<Challenge>,
    /// The headers that went on the wire: a pasted trace's when it has them, else the
    /// composer's. None when nothing says what was sent.
    pub sent_headers: Option<Vec<(String, String)>>,
    pub from_trace: bool,
    /// Decoded query parameters and form fields of the request (empty when unknown).
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
    pub carriers: Vec<Carrier>,
    /// The token being judged: the inspector's, else the one in the request's Authorization.
    pub token: Option<Cow<'a, Inspection>>,
    /// The request's URL, or the first URL of a traced redirect chain.
    pub url: Option<Url>,
    pub signature: &'a [Finding],
    /// The server's own words about the refusal (`message::server_words`), quoted by the
    /// verdict and the rules that read them.
    pub server_words: Option<String>,
    /// Every word the response has about it (`message::all_text`), for `message::reason`.
    pub server_text: String,
}

impl<'a> Facts<'a> {
    pub fn new(ctx: &Context<'a>) -> Facts<'a> {
        let response = ctx.response;
        fn values<'r>(response: Option<&'r Response>, name: &'r str) -> Vec<&'r str> {
            response.map(|r| r.header_values(name).collect()).unwrap_or_default()
        }
        let parsed = challenge::parse(&values(response, "www-authenticate"));
        let proxy = challenge::parse(&values(response, "proxy-authenticate"));
        let (sent_headers, from_trace) = match (response.filter(|r| !r.sent_headers.is_empty()), ctx.request) {
            (Some(r), _) => (Some(r.sent_headers.clone()), true),
            (None, Some(req)) => (Some(req.effective_headers()), false),
            (None, None) => (None, false),
        };
        let query = ctx.request.map(query_of).unwrap_or_default();
        let form = ctx.request.map(form_of).unwrap_or_default();
        let carriers = sent_headers.as_ref().map(|h| carriers_of(h, ctx.request, &query, &form)).unwrap_or_default();
        let token = match ctx.inspection {
            Some(i) if !i.is_empty() => Some(Cow::Borrowed(i)),
            _ => inspectable_authorization(&carriers)
                .map(|v| Cow::<Inspection>::Owned(inspect::inspect(v)))
                .filter(|i| !i.is_empty()),
        };
        let words = response.and_then(message::server_words);
        let url = ctx
            .request
            .and_then(|r| url::parse(&r.url()).ok())
            .or_else(|| response.and_then(|r| r.hops.first()).and_then(|h| url::parse(&h.url).ok()));
        Facts {
            request: ctx.request,
            response,
            clock: ctx.clock,
            status: response.map(|r| r.status),
            challenges: parsed.challenges,
            challenge_problems: parsed.problems,
            proxy_challenges: proxy.challenges,
            sent_headers,
            from_trace,
            query,
            form,
            carriers,
            token,
            url,
            signature: ctx.signature,
            server_text: response.map(|r| message::all_text(r, words.as_deref())).unwrap_or_default(),
            server_words: words,
        }
    }

    /// Whether anything says what the request sent; without it, "sent nothing" cannot be told
    /// from "we do not know".
    pub fn sent_known(&self) -> bool {
        self.sent_headers.is_some()
    }

    pub fn sent_nothing(&self) -> bool {
        self.sent_known() && self.carriers.is_empty()
    }

    /// The first Authorization header sent: its scheme and whole value.
    pub fn authorization(&self) -> Option<(Option<&str>, &str)> {
        self.carriers.iter().find_map(|c| match c {
            Carrier::Authorization { scheme, value } => Some((scheme.as_deref(), value.as_str())),
            _ => None,
        })
    }

    pub fn authorization_count(&self) -> usize {
        self.carriers.iter().filter(|c| matches!(c, Carrier::Authorization { .. })).count()
    }

    /// The scheme the request authenticated with, as written.
    pub fn scheme(&self) -> Option<&str> {
        if let Some((scheme, _)) = self.authorization() {
            return scheme;
        }
        self.carriers.contains(&Carrier::DigestHelper).then_some("Digest")
    }

    pub fn claims(&self) -> Option<&Map<String, Value>> {
        let t = self.token.as_deref()?;
        if t.basic.is_some() {
            return None;
        }
        t.token.claims()
    }

    pub fn token_expired(&self) -> Option<i64> {
        match claims::validity(self.claims()?, self.clock) {
            Validity::Expired { ago } => Some(self.clock.now - ago),
            _ => None,
        }
    }

    /// Challenge schemes as sent, each once (compared case-insensitively).
    pub fn challenge_schemes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.challenges {
            if !out.iter().any(|s| c.is(s)) {
                out.push(c.scheme.as_str());
            }
        }
        out
    }

    pub fn challenge_with_error(&self, error: &str) -> Option<&Challenge> {
        self.challenges.iter().find(|c| c.error().is_some_and(|e| e.eq_ignore_ascii_case(error)))
    }

    /// An OAuth-style `{"error": "…"}` body, as token endpoints and RFC 9449 §8 answer.
    pub fn body_error(&self) -> Option<(String, Option<String>)> {
        let body = self.response?.body.trim();
        if !body.starts_with('{') {
            return None;
        }
        let v: Value = serde_json::from_str(body).ok()?;
        let error = v.get("error")?.as_str()?.to_string();
        Some((error, v.get("error_description").and_then(Value::as_str).map(str::to_string)))
    }

    pub fn is_status(&self, codes: &[u16]) -> bool {
        self.status.is_some_and(|s| codes.contains(&s))
    }

    /// The essence of the request's Content-Type (`application/json`), lowercase: the last
    /// such header it sends, as curl and servers read it. None without a request or the header.
    pub fn content_type(&self) -> Option<String> {
        content_type_of(self.request?)
    }

    /// The request's body as it goes out (JSON, form or raw text), when there is one.
    pub fn body_text(&self) -> Option<String> {
        self.request?.body_text().filter(|t| !t.trim().is_empty())
    }

    /// A request with a header of this name (case-insensitive) among those sent.
    /// The value of the form field `name` the request sent, as decoded.
    pub fn sent_field(&self, name: &str) -> Option<&str> {
        self.form.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn sent_header(&self, name: &str) -> Option<&str> {
        self.sent_headers.as_ref()?.iter().find(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn query_of(r: &Request) -> Vec<(String, String)> {
    let full = r.url();
    let q = full.split_once('?').map_or("", |(_, q)| q);
    urlencoded::split(q).iter().map(|p| (p.name(), p.value())).collect()
}

fn form_of(r: &Request) -> Vec<(String, String)> {
    if !r.method.allows_body() {
        return Vec::new();
    }
    match r.body.kind {
        BodyKind::Form => r.body.form.iter().filter(|p| p.enabled).map(|p| (p.name(), p.value())).collect(),
        // Text labelled a form is one on the wire (curl's `-d 'user=ann&password=p&ss'`).
        BodyKind::Raw if content_type_of(r).as_deref() == Some("application/x-www-form-urlencoded") => {
            urlencoded::split(r.body.text.trim()).iter().map(|p| (p.name(), p.value())).collect()
        }
        _ => Vec::new(),
    }
}

/// The essence of the last Content-Type the request sends, lowercase.
fn content_type_of(r: &Request) -> Option<String> {
    let headers = r.effective_headers();
    let (_, value) = headers.iter().rev().find(|(n, _)| n.trim().eq_ignore_ascii_case("content-type"))?;
    Some(value.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

fn carriers_of(
    headers: &[(String, String)],
    req: Option<&Request>,
    query: &[(String, String)],
    form: &[(String, String)],
) -> Vec<Carrier> {
    let helper_key = match req.map(|r| &r.auth) {
        Some(Auth::ApiKey { name, location, .. }) => Some((name.as_str(), *location)),
        _ => None,
    };
    let mut out = Vec::new();
    for (name, value) in headers {
        let n = name.trim();
        if n.eq_ignore_ascii_case("authorization") {
            out.push(Carrier::Authorization { scheme: scheme_of(value), value: value.clone() });
        } else if n.eq_ignore_ascii_case("cookie") {
            out.push(Carrier::Cookie);
        } else if is_key_header(n)
            || helper_key.is_some_and(|(k, l)| l == KeyLocation::Header && k.trim().eq_ignore_ascii_case(n))
        {
            out.push(Carrier::KeyHeader(n.to_string()));
        }
    }
    if matches!(req.map(|r| &r.auth), Some(Auth::Digest { .. }))
        && !out.iter().any(|c| matches!(c, Carrier::Authorization { .. }))
    {
        out.push(Carrier::DigestHelper);
    }
    for (name, _) in query {
        if is_key_param(name) || helper_key.is_some_and(|(k, l)| l == KeyLocation::Query && k == name) {
            out.push(Carrier::Query(name.clone()));
        }
    }
    for (name, _) in form {
        if matches!(name.as_str(), "access_token" | "client_secret" | "client_assertion" | "password") {
            out.push(Carrier::Form(name.clone()));
        }
    }
    out
}

/// The Authorization value worth inspecting as a token: a bare credential or one of the
/// single-token schemes (a Digest or AWS signature header is not a token).
fn inspectable_authorization(carriers: &[Carrier]) -> Option<&str> {
    carriers.iter().find_map(|c| match c {
        // `Bearer ${API_TOKEN}`: no token to judge, only a variable (`variable_rules`).
        Carrier::Authorization { value, .. }
            if variables::is_only_variable(value) || variables::is_only_variable(credential_of(value)) =>
        {
            None
        }
        Carrier::Authorization { scheme: None, value } => Some(value.as_str()),
        Carrier::Authorization { scheme: Some(s), value }
            if TOKEN_SCHEMES.iter().any(|t| s.eq_ignore_ascii_case(t)) =>
        {
            Some(value.as_str())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_as_written() {
        let cases = [
            ("Bearer abc", Some("Bearer")),
            ("  bearer\tabc", Some("bearer")),
            ("Bearer", Some("Bearer")),
            ("BearereyJhbGciOi", Some("Bearer")),
            ("eyJhbGciOi.x.y", None),
            ("Authorization: Bearer x", None),
            ("Digest username=\"a\"", Some("Digest")),
            ("Bearerish", None),
        ];
        for (value, want) in cases {
            assert_eq!(scheme_of(value).as_deref(), want, "{value:?}");
        }
        assert_eq!(credential_of("Bearer  abc "), "abc");
        assert_eq!(credential_of("Bearer"), "");
    }

    #[test]
    fn key_headers_and_params() {
        for n in ["X-Api-Key", "x-goog-api-key", "My-Api-Key", "PRIVATE-TOKEN"] {
            assert!(is_key_header(n), "{n}");
        }
        for n in ["Idempotency-Key", "Accept", "X-Request-Id"] {
            assert!(!is_key_header(n), "{n}");
        }
        assert!(is_key_param("access_token") && is_key_param("API_KEY") && !is_key_param("page"));
    }
}
