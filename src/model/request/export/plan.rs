//! What every target sends, computed once from the request so that the snippets agree: the
//! URL as typed, the headers in their order, the body's exact text. A target may rebuild the
//! body idiomatically (`json=`, `data={…}`, `JSON.stringify`) only when that gives the same bytes.

use super::part::Field;
use super::text::{header_value, Env, Text};
use crate::model::request::urlencoded::{self, Piece};
use crate::model::request::{Auth, BodyKind, KeyLocation, Method, Request};
use serde_json::Value;

pub(super) enum Payload {
    /// JSON, form or raw text, sent byte for byte; for a JSON body also its parsed value.
    /// `parts` is the same text with the request's shell variables as variables.
    Text {
        text: String,
        kind: BodyKind,
        json: Option<Value>,
        parts: Text,
    },
    Multipart(Vec<Field>),
}

pub(super) struct Credentials {
    /// The user with the request's shell variables as variables, as the password.
    pub(super) user: Text,
    pub(super) password: Text,
    /// The real ones, to decide whether their characters need care.
    pub(super) clear_user: String,
    pub(super) clear_password: String,
    pub(super) digest: bool,
}

impl Credentials {
    /// `user:password`, as `-u` and `-a` take them and Basic encodes them.
    pub(super) fn pair(&self) -> Text {
        self.user.clone().then(Text::lit(":")).then(self.password.clone())
    }

    /// Whether the shell (or the environment) fills in a part of them at run time.
    pub(super) fn has_env(&self) -> bool {
        self.user.has_env() || self.password.has_env()
    }
}

pub(super) struct Plan {
    pub(super) method: Method,
    /// The method as it goes on the wire (`Request::method_name`).
    pub(super) method_name: String,
    /// The URL exactly as the page sends it, query pieces as typed.
    pub(super) url: String,
    /// The same URL with the request's shell variables as variables.
    pub(super) url_parts: Text,
    /// Query parameters the auth helper adds whose value is a variable: the target encodes the
    /// value at run time (a shell cannot inside a URL).
    pub(super) env_query: Vec<(String, Text)>,
    /// The user's header rows in their order, then the auth helper's header.
    pub(super) headers: Vec<(String, Text)>,
    pub(super) credentials: Option<Credentials>,
    pub(super) body: Option<Payload>,
    /// Headers the command tells its client not to send (`-H 'Accept:'`, `-A ''`) that no
    /// enabled row sets: each target removes its own default of that name where it can.
    pub(super) removed: Vec<String>,
    /// The Content-Type the body kind implies when no header row sets one: a target writes it
    /// when its client would not send that same value by itself.
    pub(super) implied_type: Option<&'static str>,
}

pub(super) fn plan(r: &Request, env: &mut Env) -> Plan {
    // A shell variable the command reads stays one in every export: the shell that runs it
    // fills it in, as it did for the command.
    let vars: Vec<String> = r.variables.iter().map(|v| v.name.clone()).collect();
    env.vars = vars.clone();
    let mut url_request = r.clone();
    let mut env_query = Vec::new();
    let mut headers: Vec<(String, Text)> = r
        .headers
        .iter()
        .filter(|h| h.enabled && !h.name.trim().is_empty())
        .map(|h| (h.name.trim().to_string(), header_value(h.name.trim(), &h.value, env).with_variables(&vars)))
        .collect();
    let mut credentials = None;
    // As in effective_headers: a header row the user typed wins over the auth helper.
    match &r.auth {
        Auth::None => {}
        Auth::Bearer { token } if !r.has_header("authorization") || r.auth_at.is_some() => {
            let name = r.auth_at.as_ref().map_or("Authorization", |at| at.name.as_str()).to_string();
            let value = Text::lit("Bearer ").then(env.secret("TOKEN", token.trim()));
            headers.insert(r.auth_position().min(headers.len()), (name, value));
        }
        Auth::ApiKey { name, value, location: KeyLocation::Header } if !r.has_header(name) => {
            headers.push((name.clone(), env.secret("API_KEY", value)));
        }
        Auth::ApiKey { name, value, location: KeyLocation::Query } => {
            let secret = env.secret("API_KEY", value);
            if secret.has_env() {
                // Left out of the URL here; each target adds it, encoded at run time.
                url_request.auth = Auth::None;
                env_query.push((name.clone(), secret));
            }
        }
        Auth::Basic { user, password } | Auth::Digest { user, password }
            if !r.has_header("authorization") || r.auth_at.is_some() =>
        {
            credentials = Some(Credentials {
                user: Text::lit(user).with_variables(&vars),
                password: env.secret("PASSWORD", password),
                clear_user: user.clone(),
                clear_password: password.clone(),
                digest: matches!(r.auth, Auth::Digest { .. }),
            });
        }
        _ => {}
    }
    let body = match r.body.kind {
        BodyKind::None => None,
        BodyKind::Multipart => {
            Some(Payload::Multipart(r.body.fields.iter().filter(|f| f.enabled).map(Field::from_row).collect()))
        }
        kind => {
            let text = r.body_text().unwrap_or_default();
            let json = (kind == BodyKind::Json).then(|| serde_json::from_str(&text).ok()).flatten();
            let parts = Text::lit(&text).with_variables(&vars);
            // JSON with a variable in it is never rebuilt from its value: the text is written.
            let json = json.filter(|_| !parts.has_env());
            Some(Payload::Text { text, kind, json, parts })
        }
    };
    let implied_type = match body {
        Some(Payload::Text { kind, .. }) if !r.has_header("content-type") => kind.content_type(),
        _ => None,
    };
    let url = url_request.url();
    let url_parts = Text::lit(&url).with_variables(&vars);
    let removed = r.removed_headers.iter().filter(|n| !r.has_header(n)).cloned().collect();
    let method_name = r.method_name().to_string();
    Plan { method: r.method, method_name, url, url_parts, env_query, headers, credentials, body, removed, implied_type }
}

impl Plan {
    /// The URL with the variables' query parameters, for targets that build it at run time.
    pub(super) fn url_with_env(&self, encode: impl Fn(&Text) -> Text) -> Text {
        let mut url = self.url_parts.clone();
        for (k, (name, value)) in self.env_query.iter().enumerate() {
            let sep = if k == 0 && !self.url.contains('?') { "?" } else { "&" };
            let name = Piece::new(name, "").raw;
            url = url.then(Text::lit(format!("{sep}{name}"))).then(encode(value));
        }
        url
    }

    /// Headers with one entry per name (a dict in Python, an object in JS): repeats are joined
    /// with ", " as HTTP allows, which is one header line instead of several.
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

    /// The Content-Type the request carries: a header row's, else the body kind's.
    pub(super) fn content_type(&self) -> Option<String> {
        let row = self.headers.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case("content-type"));
        row.map(|(_, v)| v.lits()).or(self.implied_type.map(str::to_string))
    }

    /// Whether the snippet reads an environment variable anywhere.
    pub(super) fn uses_variables(&self) -> bool {
        self.url_parts.has_env()
            || self.env_query.iter().any(|(_, v)| v.has_env())
            || self.headers.iter().any(|(_, v)| v.has_env())
            || self.credentials.as_ref().is_some_and(Credentials::has_env)
            || matches!(&self.body, Some(Payload::Text { parts, .. }) if parts.has_env())
    }

    /// Whether a header name is set more than once (a client that keeps headers in a map sends
    /// them as one line).
    pub(super) fn repeats_headers(&self) -> bool {
        has_duplicates(self.headers.iter().map(|(n, _)| n.to_ascii_lowercase()))
    }

    /// The form body's pairs, when encoding them the way a client encodes a dict gives the same
    /// bytes as the text (so `data={…}` is exact).
    pub(super) fn form_pairs(&self) -> Option<Vec<(String, String)>> {
        let Some(Payload::Text { text, kind: BodyKind::Form, parts, .. }) = &self.body else { return None };
        if parts.has_env() {
            return None;
        }
        let pieces = urlencoded::split(text);
        let pairs: Vec<(String, String)> = pieces.iter().map(|p| (p.name(), p.value())).collect();
        let again = urlencoded::form_urlencode(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        (again == *text && !pairs.is_empty() && !has_duplicates(pairs.iter().map(|(n, _)| n))).then_some(pairs)
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
