//! What every target sends, computed once from the request so that the four snippets agree.

use super::text::{header_value, Env, Part, Text};
use crate::model::request::{form_urlencode, Auth, BodyKind, KeyLocation, Method, Request, Row};
use serde_json::Value;

pub(super) enum Payload {
    /// The text as typed, and its value when it parses (the targets re-serialise it).
    Json(String, Option<Value>),
    Form(Vec<(String, String)>),
    Multipart(Vec<(String, String)>),
    Raw(String),
}

pub(super) struct Credentials {
    pub(super) user: String,
    pub(super) password: Text,
    /// The real one, to decide whether the user's characters need care.
    pub(super) clear_password: String,
    pub(super) digest: bool,
}

pub(super) struct Plan {
    pub(super) method: Method,
    pub(super) base_url: String,
    pub(super) query: Vec<(String, Text)>,
    pub(super) headers: Vec<(String, Text)>,
    pub(super) credentials: Option<Credentials>,
    pub(super) body: Option<Payload>,
    /// The Content-Type the body kind implies when the user set none; a target adds it when its
    /// tool would not send the same one by itself.
    pub(super) implied_type: Option<&'static str>,
}

pub(super) fn plan(r: &Request, env: &mut Env) -> Plan {
    let mut query: Vec<(String, Text)> =
        r.query.iter().filter(|q| q.enabled).map(|q| (q.name.clone(), Text::lit(&q.value))).collect();
    let mut headers: Vec<(String, Text)> = r
        .headers
        .iter()
        .filter(|h| h.enabled && !h.name.trim().is_empty())
        .map(|h| (h.name.trim().to_string(), header_value(h.name.trim(), &h.value, env)))
        .collect();
    let mut credentials = None;
    // As in effective_headers: a header row the user typed wins over the auth helper.
    match &r.auth {
        Auth::None => {}
        Auth::Bearer { token } if !r.has_header("authorization") => {
            headers.push(("Authorization".into(), Text::lit("Bearer ").then(env.secret("TOKEN", token.trim()))));
        }
        Auth::ApiKey { name, value, location: KeyLocation::Header } if !r.has_header(name) => {
            headers.push((name.clone(), env.secret("API_KEY", value)));
        }
        Auth::ApiKey { name, value, location: KeyLocation::Query } => {
            query.push((name.clone(), env.secret("API_KEY", value)))
        }
        Auth::Basic { user, password } | Auth::Digest { user, password } if !r.has_header("authorization") => {
            credentials = Some(Credentials {
                user: user.clone(),
                password: env.secret("PASSWORD", password),
                clear_password: password.clone(),
                digest: matches!(r.auth, Auth::Digest { .. }),
            });
        }
        _ => {}
    }
    let pairs =
        |rows: &[Row]| rows.iter().filter(|f| f.enabled).map(|f| (f.name.clone(), f.value.clone())).collect::<Vec<_>>();
    let body = match r.body.kind {
        _ if !r.method.allows_body() => None,
        BodyKind::None => None,
        BodyKind::Json => Some(Payload::Json(r.body.text.clone(), serde_json::from_str(&r.body.text).ok())),
        BodyKind::Form => Some(Payload::Form(pairs(&r.body.fields))),
        BodyKind::Multipart => Some(Payload::Multipart(pairs(&r.body.fields))),
        BodyKind::Raw => Some(Payload::Raw(r.body.text.clone())),
    };
    let implied_type = match body {
        Some(_) if !r.has_header("content-type") => {
            r.body.kind.content_type().filter(|_| r.body.kind != BodyKind::Multipart)
        }
        _ => None,
    };
    Plan { method: r.method, base_url: r.base_url.clone(), query, headers, credentials, body, implied_type }
}

impl Plan {
    /// The URL with its query encoded as the page encodes it; a variable is left for the
    /// target to encode at run time.
    pub(super) fn url(&self) -> Text {
        let mut url = Text::lit(&self.base_url);
        for (k, (name, value)) in self.query.iter().enumerate() {
            let sep = if k == 0 { "?" } else { "&" };
            url = match value.0.as_slice() {
                [Part::Lit(v)] => url.then(Text::lit(format!("{sep}{}", form_urlencode(&[Row::new(name, v)])))),
                _ => url.then(Text::lit(format!("{sep}{}", form_urlencode(&[Row::new(name, "")])))).then(value.clone()),
            };
        }
        url
    }

    /// The URL with only the literal query rows, and the rows that hold a variable: a shell
    /// cannot encode `$API_KEY` inside a URL, so curl and HTTPie pass those rows separately.
    pub(super) fn url_without_env(&self) -> (String, Vec<&(String, Text)>) {
        let (env, literal): (Vec<_>, Vec<_>) = self.query.iter().partition(|(_, v)| v.has_env());
        let rows: Vec<Row> = literal.iter().map(|(n, v)| Row::new(n, v.lits())).collect();
        let query = form_urlencode(&rows);
        let url = if query.is_empty() { self.base_url.clone() } else { format!("{}?{query}", self.base_url) };
        (url, env)
    }

    /// Headers with one entry per name (a dict in Python, an object in JS): repeats are joined
    /// with ", " as HTTP allows.
    pub(super) fn merged_headers(&self, with_type: bool) -> Vec<(String, Text)> {
        let mut out: Vec<(String, Text)> = Vec::new();
        for (name, value) in &self.headers {
            match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                Some((_, v)) => *v = std::mem::take(v).then(Text::lit(", ")).then(value.clone()),
                None => out.push((name.clone(), value.clone())),
            }
        }
        if let (true, Some(ct)) = (with_type, self.implied_type) {
            out.push(("Content-Type".into(), Text::lit(ct)));
        }
        out
    }
}

/// The JSON value when re-serialising it in the target keeps every number exact; JS numbers
/// are doubles, and an object literal cannot hold a "__proto__" key.
pub(super) fn faithful(v: &Value, js: bool) -> bool {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match v {
        Value::Number(n) if n.is_f64() => n.as_f64().is_some_and(|f| f.fract() != 0.0 || f.abs() < EXACT),
        Value::Number(n) => !js || n.as_f64().is_some_and(|f| f.abs() < EXACT),
        Value::Array(a) => a.iter().all(|x| faithful(x, js)),
        Value::Object(o) => o.iter().all(|(k, x)| !(js && k == "__proto__") && faithful(x, js)),
        _ => true,
    }
}

pub(super) fn has_duplicates(names: impl Iterator<Item = impl AsRef<str>>) -> bool {
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        if seen.iter().any(|s| s == n.as_ref()) {
            return true;
        }
        seen.push(n.as_ref().to_string());
    }
    false
}
