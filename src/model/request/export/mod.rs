//! The composed request as copy-pasteable code: curl, Python `requests`, HTTPie and `fetch`.
//! Every snippet must send what the page would send, so each target's quoting and defaults
//! (which Content-Type it adds by itself, how it encodes Basic credentials) are handled here.

use crate::model::request::basic::{self, Latin1Difference};
use crate::model::request::{form_urlencode, Auth, BodyKind, KeyLocation, Method, Request, Row};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Curl,
    Python,
    Httpie,
    Fetch,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Curl, Target::Python, Target::Httpie, Target::Fetch];

    pub fn label(self) -> &'static str {
        match self {
            Target::Curl => "curl",
            Target::Python => "Python requests",
            Target::Httpie => "HTTPie",
            Target::Fetch => "JavaScript fetch",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Put secrets in environment variables ($TOKEN, os.environ["TOKEN"], …) so the snippet
    /// can be shared or pasted into a ticket without leaking them.
    pub secrets_as_env: bool,
}

pub fn export(r: &Request, target: Target, opts: Options) -> String {
    match target {
        Target::Curl => curl(r, opts),
        Target::Python => python(r, opts),
        Target::Httpie => httpie(r, opts),
        Target::Fetch => fetch(r, opts),
    }
}

// ---------------------------------------------------------------------------------------------
// Values with secrets in them

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Lit(String),
    Env(String),
}

/// A value that may be partly an environment variable: `Bearer ` + $TOKEN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Text(Vec<Part>);

impl Text {
    fn lit(s: impl Into<String>) -> Text {
        Text(vec![Part::Lit(s.into())])
    }

    fn then(mut self, other: Text) -> Text {
        for part in other.0 {
            match (self.0.last_mut(), part) {
                (Some(Part::Lit(a)), Part::Lit(b)) => a.push_str(&b),
                (_, part) => self.0.push(part),
            }
        }
        self
    }

    fn has_env(&self) -> bool {
        self.0.iter().any(|p| matches!(p, Part::Env(_)))
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|p| matches!(p, Part::Lit(s) if s.is_empty()))
    }

    /// The literal text with every variable left out; only for checks, never for output.
    fn lits(&self) -> String {
        self.0.iter().filter_map(|p| if let Part::Lit(s) = p { Some(s.as_str()) } else { None }).collect()
    }
}

/// Hands out variable names; the same secret gets the same name, a different one `_2`.
struct Env {
    on: bool,
    bound: Vec<(String, String)>,
}

impl Env {
    fn secret(&mut self, base: &str, value: &str) -> Text {
        if !self.on || value.is_empty() {
            return Text::lit(value);
        }
        let mut name = base.to_string();
        for n in 2.. {
            match self.bound.iter().find(|(b, _)| *b == name) {
                Some((_, v)) if v == value => break,
                Some(_) => name = format!("{base}_{n}"),
                None => {
                    self.bound.push((name.clone(), value.to_string()));
                    break;
                }
            }
        }
        Text(vec![Part::Env(name)])
    }
}

fn header_value(name: &str, value: &str, env: &mut Env) -> Text {
    let lower = name.to_ascii_lowercase();
    let var = match lower.as_str() {
        "authorization" => "TOKEN".to_string(),
        "proxy-authorization" => "PROXY_TOKEN".to_string(),
        "cookie" => "COOKIE".to_string(),
        _ if is_secret_header(&lower) => env_name(name),
        _ => return Text::lit(value),
    };
    // Keep the scheme readable: "Bearer " + $TOKEN, not $TOKEN holding "Bearer …".
    match value.split_once(' ') {
        Some((scheme, rest))
            if lower.ends_with("authorization")
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !rest.trim().is_empty() =>
        {
            Text::lit(format!("{scheme} ")).then(env.secret(&var, rest))
        }
        _ => env.secret(&var, value),
    }
}

/// X-Api-Key, X-Auth-Token, Private-Token, Ocp-Apim-Subscription-Key, X-Client-Secret…
fn is_secret_header(lower: &str) -> bool {
    const NOT_SECRET: [&str; 3] = ["idempotency-key", "x-idempotency-key", "sec-websocket-key"];
    !NOT_SECRET.contains(&lower)
        && (["api-key", "apikey", "api_key", "token", "secret", "password", "signature"]
            .iter()
            .any(|w| lower.contains(w))
            || lower.ends_with("-key"))
}

/// `X-Api-Key` → `API_KEY`: the header's name, as a shell variable name.
fn env_name(header: &str) -> String {
    let upper: String =
        header.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    upper.strip_prefix("X_").unwrap_or(&upper).to_string()
}

// ---------------------------------------------------------------------------------------------
// What every target sends: computed once, so the four snippets agree

enum Payload {
    /// The text as typed, and its value when it parses (the targets re-serialise it).
    Json(String, Option<Value>),
    Form(Vec<(String, String)>),
    Multipart(Vec<(String, String)>),
    Raw(String),
}

struct Credentials {
    user: String,
    password: Text,
    /// The real one, to decide whether the user's characters need care.
    clear_password: String,
    digest: bool,
}

struct Plan {
    method: Method,
    base_url: String,
    query: Vec<(String, Text)>,
    headers: Vec<(String, Text)>,
    credentials: Option<Credentials>,
    body: Option<Payload>,
    /// The Content-Type the body kind implies when the user set none; a target adds it when its
    /// tool would not send the same one by itself.
    implied_type: Option<&'static str>,
}

fn plan(r: &Request, env: &mut Env) -> Plan {
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
    fn url(&self) -> Text {
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
    fn url_without_env(&self) -> (String, Vec<&(String, Text)>) {
        let (env, literal): (Vec<_>, Vec<_>) = self.query.iter().partition(|(_, v)| v.has_env());
        let rows: Vec<Row> = literal.iter().map(|(n, v)| Row::new(n, v.lits())).collect();
        let query = form_urlencode(&rows);
        let url = if query.is_empty() { self.base_url.clone() } else { format!("{}?{query}", self.base_url) };
        (url, env)
    }

    /// Headers with one entry per name (a dict in Python, an object in JS): repeats are joined
    /// with ", " as HTTP allows.
    fn merged_headers(&self, with_type: bool) -> Vec<(String, Text)> {
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
fn faithful(v: &Value, js: bool) -> bool {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match v {
        Value::Number(n) if n.is_f64() => n.as_f64().is_some_and(|f| f.fract() != 0.0 || f.abs() < EXACT),
        Value::Number(n) => !js || n.as_f64().is_some_and(|f| f.abs() < EXACT),
        Value::Array(a) => a.iter().all(|x| faithful(x, js)),
        Value::Object(o) => o.iter().all(|(k, x)| !(js && k == "__proto__") && faithful(x, js)),
        _ => true,
    }
}

fn has_duplicates(names: impl Iterator<Item = impl AsRef<str>>) -> bool {
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        if seen.iter().any(|s| s == n.as_ref()) {
            return true;
        }
        seen.push(n.as_ref().to_string());
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Shell (curl, HTTPie)

fn sh_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c)
}

/// One shell word, single-quoted unless nothing in it is special; `'` becomes `'\''`.
fn sh_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(sh_safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A word with variables: "Authorization: Bearer $TOKEN". `!` would trigger history expansion
/// inside double quotes in an interactive shell, so such text is single-quoted piecewise.
fn sh(t: &Text) -> String {
    if !t.has_env() {
        return sh_quote(&t.lits());
    }
    if t.lits().contains('!') {
        return t
            .0
            .iter()
            .map(|p| match p {
                Part::Lit(s) if s.is_empty() => String::new(),
                Part::Lit(s) => format!("'{}'", s.replace('\'', r"'\''")),
                Part::Env(v) => format!("\"${{{v}}}\""),
            })
            .collect();
    }
    let mut out = String::from("\"");
    for (k, part) in t.0.iter().enumerate() {
        match part {
            Part::Lit(s) => {
                for c in s.chars() {
                    if matches!(c, '\\' | '"' | '$' | '`') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Part::Env(v) => {
                let glued = matches!(t.0.get(k + 1), Some(Part::Lit(s)) if s.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                out.push_str(&if glued { format!("${{{v}}}") } else { format!("${v}") });
            }
        }
    }
    out.push('"');
    out
}

fn continued(lines: Vec<String>) -> String {
    lines.join(" \\\n  ") + "\n"
}

// ---------------------------------------------------------------------------------------------
// curl

/// A name curl's `--data-urlencode name=value` and `-F name=value` take as it is.
fn plain_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
}

pub fn curl(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, bound: vec![] };
    let p = plan(r, &mut env);
    let mut body = Vec::new();
    match &p.body {
        None => {}
        Some(Payload::Json(text, _) | Payload::Raw(text)) => body.push(format!("--data-raw {}", sh_quote(text))),
        Some(Payload::Form(fields)) if fields.iter().all(|(n, _)| plain_name(n)) => {
            // Readable and exact: curl encodes the value (and never the name).
            body.extend(fields.iter().map(|(n, v)| format!("--data-urlencode {}", sh_quote(&format!("{n}={v}")))));
        }
        Some(Payload::Form(fields)) => {
            let rows: Vec<Row> = fields.iter().map(|(n, v)| Row::new(n, v)).collect();
            body.push(format!("--data-raw {}", sh_quote(&form_urlencode(&rows))));
        }
        Some(Payload::Multipart(fields)) => body.extend(fields.iter().map(|(n, v)| curl_form_field(n, v))),
    }
    let inferred = if body.is_empty() { Method::Get } else { Method::Post };
    let mut first = String::from("curl");
    if p.method == Method::Head {
        first.push_str(" --head");
    } else if p.method != inferred {
        first.push_str(&format!(" -X {}", p.method));
    }
    // curl reads [] and {} in a URL as patterns.
    if p.base_url.contains(['[', ']', '{', '}']) {
        first.push_str(" --globoff");
    }
    let (url, env_query) = p.url_without_env();
    first.push(' ');
    first.push_str(&sh_quote(&url));
    let mut lines = vec![first];
    // --url-query (curl 7.87+) encodes the variable's value, as the page would.
    for (name, value) in env_query {
        let name = form_urlencode(&[Row::new(name, "")]);
        lines.push(format!("--url-query {}", sh(&Text::lit(name).then(value.clone()))));
    }
    for (name, value) in &p.headers {
        // `Name:` with nothing after it would remove the header; `Name;` sends it empty.
        let line = if value.is_empty() {
            Text::lit(format!("{name};"))
        } else {
            Text::lit(format!("{name}: ")).then(value.clone())
        };
        lines.push(format!("-H {}", sh(&line)));
    }
    // curl sends form data as application/x-www-form-urlencoded by itself, nothing else.
    if let (Some(ct), Some(Payload::Json(..) | Payload::Raw(_))) = (p.implied_type, &p.body) {
        lines.push(format!("-H {}", sh_quote(&format!("Content-Type: {ct}"))));
    }
    if let Some(c) = &p.credentials {
        let creds = Text::lit(format!("{}:", c.user)).then(c.password.clone());
        lines.push(format!("{}-u {}", if c.digest { "--digest " } else { "" }, sh(&creds)));
    }
    lines.extend(body);
    continued(lines)
}

/// `-F` reads `@`, `<`, `"` and `;type=` in a value; `--form-string` sends text as it is.
fn curl_form_field(name: &str, value: &str) -> String {
    match value.strip_prefix('@') {
        Some(path) if path.contains([';', '"', ',']) => {
            let quoted = path.replace('\\', "\\\\").replace('"', "\\\"");
            format!("-F {}", sh_quote(&format!("{name}=@\"{quoted}\"")))
        }
        Some(_) => format!("-F {}", sh_quote(&format!("{name}={value}"))),
        None if value.starts_with(['<', '"']) || value.contains(';') => {
            format!("--form-string {}", sh_quote(&format!("{name}={value}")))
        }
        None => format!("-F {}", sh_quote(&format!("{name}={value}"))),
    }
}

// ---------------------------------------------------------------------------------------------
// Python requests

/// A Python string literal in ASCII: safe whatever encoding the terminal or file uses.
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn py(t: &Text) -> String {
    let parts: Vec<String> =
        t.0.iter()
            .filter(|p| !matches!(p, Part::Lit(s) if s.is_empty()))
            .map(|p| match p {
                Part::Lit(s) => py_str(s),
                Part::Env(v) => format!("os.environ[{}]", py_str(v)),
            })
            .collect();
    if parts.is_empty() {
        "\"\"".into()
    } else {
        parts.join(" + ")
    }
}

/// A dict, or a list of pairs when a name repeats (a dict would keep only the last).
fn py_mapping(var: &str, entries: &[(String, String)]) -> String {
    if entries.is_empty() {
        return format!("{var} = {{}}\n");
    }
    let mut out = String::new();
    if has_duplicates(entries.iter().map(|(k, _)| k)) {
        out.push_str(&format!("{var} = [\n"));
        for (k, v) in entries {
            out.push_str(&format!("    ({}, {v}),\n", py_str(k)));
        }
        out.push_str("]\n");
    } else {
        out.push_str(&format!("{var} = {{\n"));
        for (k, v) in entries {
            out.push_str(&format!("    {}: {v},\n", py_str(k)));
        }
        out.push_str("}\n");
    }
    out
}

/// `"text"`, with `.encode()` when it is not ASCII: with urllib3 1.x requests sends a str body
/// as Latin-1 (urllib3 2 uses UTF-8); bytes are UTF-8 with both.
fn py_bytes(text: &str) -> String {
    if text.is_ascii() {
        py_str(text)
    } else {
        format!("{}.encode()", py_str(text))
    }
}

pub fn python(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, bound: vec![] };
    let p = plan(r, &mut env);
    let mut auth_import = None;
    let mut code = format!("url = {}\n", py_str(&p.base_url));
    let mut args = vec!["url".to_string()];
    if !p.query.is_empty() {
        let entries: Vec<(String, String)> = p.query.iter().map(|(n, v)| (n.clone(), py(v))).collect();
        code.push_str(&py_mapping("params", &entries));
        args.push("params=params".into());
    }
    // requests sets Content-Type itself for json=, a dict in data= and files=; not for a str.
    let json_value = match &p.body {
        Some(Payload::Json(_, Some(v))) if faithful(v, false) => Some(v),
        _ => None,
    };
    let needs_type = matches!(p.body, Some(Payload::Raw(_)) | Some(Payload::Json(..))) && json_value.is_none();
    let headers = p.merged_headers(needs_type);
    if !headers.is_empty() {
        let entries: Vec<(String, String)> = headers.iter().map(|(n, v)| (n.clone(), py(v))).collect();
        code.push_str(&py_mapping("headers", &entries));
        args.push("headers=headers".into());
    }
    match (&p.body, json_value) {
        (None, _) => {}
        (Some(Payload::Json(..)), Some(v)) => {
            code.push_str(&format!("payload = {}\n", literal(v, Lang::Python, 0)));
            args.push("json=payload".into());
        }
        (Some(Payload::Json(text, _) | Payload::Raw(text)), _) => {
            code.push_str(&format!("data = {}\n", py_bytes(text)));
            args.push("data=data".into());
        }
        (Some(Payload::Form(fields)), _) => {
            let entries: Vec<(String, String)> = fields.iter().map(|(n, v)| (n.clone(), py_str(v))).collect();
            code.push_str(&py_mapping("data", &entries));
            args.push("data=data".into());
        }
        (Some(Payload::Multipart(fields)), _) => {
            // (None, value) makes requests send a plain field rather than a file.
            let entries: Vec<(String, String)> = fields
                .iter()
                .map(|(n, v)| match v.strip_prefix('@') {
                    Some(path) => (n.clone(), format!("open({}, \"rb\")", py_str(path))),
                    None => (n.clone(), format!("(None, {})", py_str(v))),
                })
                .collect();
            code.push_str(&py_mapping("files", &entries));
            args.push("files=files".into());
        }
    }
    if let Some(c) = &p.credentials {
        let class = if c.digest { "HTTPDigestAuth" } else { "HTTPBasicAuth" };
        auth_import = Some(class);
        let (user, password) = (py_str(&c.user), py(&c.password));
        let latin1 =
            !c.digest && basic::python_requests_difference(&c.user, &c.clear_password) != Latin1Difference::Same;
        if latin1 {
            code.push_str(
                "# .encode(): UTF-8 like browsers; requests alone would encode Basic credentials as Latin-1\n",
            );
            args.push(format!("auth={class}({user}.encode(), {}.encode())", paren_if_sum(&password)));
        } else {
            args.push(format!("auth={class}({user}, {password})"));
        }
    }
    let call = format!("requests.{}", p.method.as_str().to_ascii_lowercase());
    if args.len() == 1 {
        code.push_str(&format!("r = {call}(url)\n"));
    } else {
        code.push_str(&format!(
            "r = {call}(\n{}\n)\n",
            args.iter().map(|a| format!("    {a},")).collect::<Vec<_>>().join("\n")
        ));
    }
    code.push_str("print(r.status_code, r.headers, r.text)\n");
    let mut head = String::new();
    if !env.bound.is_empty() {
        head.push_str("import os\n\n");
    }
    head.push_str("import requests\n");
    if let Some(class) = auth_import {
        head.push_str(&format!("from requests.auth import {class}\n"));
    }
    format!("{head}\n{code}")
}

fn paren_if_sum(expr: &str) -> String {
    if expr.contains(" + ") {
        format!("({expr})")
    } else {
        expr.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// JSON values as Python or JavaScript literals

#[derive(Clone, Copy)]
enum Lang {
    Python,
    Js,
}

fn literal(v: &Value, lang: Lang, depth: usize) -> String {
    let (unit, t, f, null) = match lang {
        Lang::Python => ("    ", "True", "False", "None"),
        Lang::Js => ("  ", "true", "false", "null"),
    };
    let string = |s: &str| match lang {
        Lang::Python => py_str(s),
        Lang::Js => js_str(s),
    };
    let pad = |d: usize| unit.repeat(d);
    match v {
        Value::Null => null.into(),
        Value::Bool(b) => if *b { t } else { f }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Array(a) => {
            let items: String =
                a.iter().map(|x| format!("{}{},\n", pad(depth + 1), literal(x, lang, depth + 1))).collect();
            format!("[\n{items}{}]", pad(depth))
        }
        Value::Object(o) => {
            let items: String = o
                .iter()
                .map(|(k, x)| format!("{}{}: {},\n", pad(depth + 1), string(k), literal(x, lang, depth + 1)))
                .collect();
            format!("{{\n{items}{}}}", pad(depth))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HTTPie

/// HTTPie's item syntax: only `:` `;` `@` `=` are special, and `\` escapes nothing else, so
/// a backslash right before one of them cannot be written at all (HTTPie drops it).
const HTTPIE_SPECIAL: [char; 4] = [':', ';', '@', '='];

fn httpie_can_write(value: &str) -> bool {
    !value.as_bytes().windows(2).any(|w| w[0] == b'\\' && HTTPIE_SPECIAL.contains(&(w[1] as char)))
}

fn httpie_name(name: &str) -> Option<String> {
    if name.is_empty() || name.contains('\\') {
        return None;
    }
    Some(name.chars().fold(String::new(), |mut out, c| {
        if HTTPIE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
        out
    }))
}

/// A value is taken as it is, except that a leading `=` or `@` would make the separator a
/// different one (`a==b` is a query item, `a=@f` and `H:@f` read a file).
fn httpie_value(value: &str) -> String {
    if value.starts_with(['=', '@']) {
        format!("\\{value}")
    } else {
        value.to_string()
    }
}

fn httpie_text(t: &Text) -> Text {
    Text(t.0.iter().map(|p| if let Part::Lit(s) = p { Part::Lit(httpie_value(s)) } else { p.clone() }).collect())
}

/// `name=value` items of a urlencoded form, or None when one cannot be written as an item.
fn httpie_form_items(fields: &[(String, String)]) -> Option<Vec<String>> {
    fields
        .iter()
        .map(|(n, v)| {
            let name = httpie_name(n)?;
            httpie_can_write(v).then(|| sh_quote(&format!("{name}={}", httpie_value(v))))
        })
        .collect()
}

/// Items for a JSON object HTTPie rebuilds exactly: `name=string`, `name:=json`. Its nested
/// syntax reads `[` `]` in names, so such names fall back to --raw as well.
fn httpie_json_items(v: &Value) -> Option<Vec<String>> {
    let obj = v.as_object().filter(|o| !o.is_empty() && faithful(v, false))?;
    obj.iter()
        .map(|(k, x)| {
            let name = httpie_name(k).filter(|_| !k.contains(['[', ']']))?;
            match x {
                Value::String(s) => httpie_can_write(s).then(|| sh_quote(&format!("{name}={}", httpie_value(s)))),
                // Compact JSON has backslashes only in pairs, which HTTPie keeps as they are.
                other => Some(sh_quote(&format!("{name}:={other}"))),
            }
        })
        .collect()
}

pub fn httpie(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, bound: vec![] };
    let p = plan(r, &mut env);
    let mut first = String::from("http");
    let mut body_items = Vec::new();
    let mut raw = false;
    match &p.body {
        None => {}
        Some(Payload::Json(text, value)) => match value.as_ref().and_then(httpie_json_items) {
            Some(items) => body_items = items,
            None => {
                raw = true;
                first.push_str(&format!(" --raw {}", sh_quote(text)));
            }
        },
        Some(Payload::Raw(text)) => {
            raw = true;
            first.push_str(&format!(" --raw {}", sh_quote(text)));
        }
        Some(Payload::Form(fields)) => match httpie_form_items(fields) {
            Some(items) => {
                first.push_str(" --form");
                body_items = items;
            }
            None => {
                raw = true;
                let rows: Vec<Row> = fields.iter().map(|(n, v)| Row::new(n, v)).collect();
                first.push_str(&format!(" --raw {}", sh_quote(&form_urlencode(&rows))));
            }
        },
        Some(Payload::Multipart(fields)) => {
            first.push_str(" --multipart");
            // No raw fallback exists for multipart: such a field is written as near as HTTPie allows.
            body_items = fields
                .iter()
                .map(|(n, v)| {
                    let name = httpie_name(n).unwrap_or_else(|| n.clone());
                    match v.strip_prefix('@') {
                        Some(path) => sh_quote(&format!("{name}@{path}")),
                        None => sh_quote(&format!("{name}={}", httpie_value(v))),
                    }
                })
                .collect();
        }
    }
    if let Some(c) = &p.credentials {
        if c.digest {
            first.push_str(" -A digest");
        }
        first.push_str(&format!(" -a {}", sh(&Text::lit(format!("{}:", c.user)).then(c.password.clone()))));
    }
    if p.method != Method::Get {
        first.push_str(&format!(" {}", p.method));
    }
    let (url, env_query) = p.url_without_env();
    first.push_str(&format!(" {}", sh_quote(&url)));
    let mut lines = vec![first];
    for (name, value) in env_query {
        let name = httpie_name(name).unwrap_or_else(|| name.clone());
        lines.push(sh(&Text::lit(format!("{name}==")).then(httpie_text(value))));
    }
    for (name, value) in &p.headers {
        // `Name:` with nothing after it removes the header; `Name;` sends it empty.
        let item = if value.is_empty() {
            Text::lit(format!("{name};"))
        } else {
            Text::lit(format!("{name}:")).then(httpie_text(value))
        };
        lines.push(sh(&item));
    }
    // HTTPie says application/json by itself, also for --raw; other raw bodies need their type.
    if let (Some(ct), true) = (p.implied_type, raw && !matches!(p.body, Some(Payload::Json(..)))) {
        lines.push(sh_quote(&format!("Content-Type:{ct}")));
    }
    lines.extend(body_items);
    continued(lines)
}

// ---------------------------------------------------------------------------------------------
// JavaScript fetch

/// A JS string literal; also valid JSON, and U+2028/2029 are escaped for older engines.
fn js_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn js(t: &Text) -> String {
    let parts: Vec<String> =
        t.0.iter()
            .filter(|p| !matches!(p, Part::Lit(s) if s.is_empty()))
            .map(|p| match p {
                Part::Lit(s) => js_str(s),
                Part::Env(v) => format!("process.env.{v}"),
            })
            .collect();
    if parts.is_empty() {
        "\"\"".into()
    } else {
        parts.join(" + ")
    }
}

/// The URL expression; a variable in the query is encoded at run time.
fn js_url(url: &Text) -> String {
    let parts: Vec<String> = url
        .0
        .iter()
        .map(|p| match p {
            Part::Lit(s) => js_str(s),
            Part::Env(v) => format!("encodeURIComponent(process.env.{v})"),
        })
        .collect();
    parts.join(" + ")
}

pub fn fetch(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, bound: vec![] };
    let p = plan(r, &mut env);
    let mut pre = String::new();
    let mut body = None;
    // fetch sends a string body as text/plain, so JSON and raw text need their type.
    let mut headers: Vec<(String, String)> = p
        .merged_headers(matches!(p.body, Some(Payload::Json(..) | Payload::Raw(_))))
        .iter()
        .map(|(n, v)| (n.clone(), js(v)))
        .collect();
    match &p.body {
        None => {}
        Some(Payload::Json(_, Some(v))) if faithful(v, true) => {
            body = Some(format!("JSON.stringify({})", literal(v, Lang::Js, 1)))
        }
        Some(Payload::Json(text, _) | Payload::Raw(text)) => body = Some(js_str(text)),
        Some(Payload::Form(fields)) => {
            let pairs: Vec<String> =
                fields.iter().map(|(n, v)| format!("    [{}, {}],\n", js_str(n), js_str(v))).collect();
            body = Some(format!("new URLSearchParams([\n{}  ])", pairs.concat()));
        }
        Some(Payload::Multipart(fields)) => {
            pre.push_str("const form = new FormData();\n");
            for (n, v) in fields {
                match v.strip_prefix('@') {
                    Some(path) => {
                        let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
                        pre.push_str(&format!(
                            "form.append({}, await openAsBlob({}), {});\n",
                            js_str(n),
                            js_str(path),
                            js_str(file)
                        ));
                    }
                    None => pre.push_str(&format!("form.append({}, {});\n", js_str(n), js_str(v))),
                }
            }
            body = Some("form".into());
        }
    }
    let mut head = String::new();
    if let Some(c) = &p.credentials {
        if c.digest {
            head.push_str(
                "// fetch cannot answer a Digest challenge: use the curl or Python snippet for Digest auth\n",
            );
        } else {
            // btoa() fails beyond Latin-1; the header is what the page sends (UTF-8, RFC 7617).
            let value = if c.password.has_env() {
                format!(
                    "\"Basic \" + Buffer.from({} + {}).toString(\"base64\")",
                    js_str(&format!("{}:", c.user)),
                    js(&c.password)
                )
            } else {
                js_str(&basic::header_value(&c.user, &c.clear_password))
            };
            headers.push(("Authorization".into(), value));
        }
    }
    if matches!(p.body, Some(Payload::Multipart(ref f)) if f.iter().any(|(_, v)| v.starts_with('@'))) {
        head.push_str("import { openAsBlob } from \"node:fs\";\n\n");
    }
    let mut opts_lines = vec![format!("  method: {},", js_str(p.method.as_str()))];
    if !headers.is_empty() {
        let items: String = headers.iter().map(|(n, v)| format!("    {}: {v},\n", js_str(n))).collect();
        opts_lines.push(format!("  headers: {{\n{items}  }},"));
    }
    if let Some(b) = body {
        opts_lines.push(format!("  body: {b},"));
    }
    format!(
        "{head}{pre}const response = await fetch({}, {{\n{}\n}});\nconsole.log(response.status, await response.text());\n",
        js_url(&p.url()),
        opts_lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::curl;
    use crate::model::request::Body;
    use crate::model::shell;

    const NO_ENV: Options = Options { secrets_as_env: false };
    const ENV: Options = Options { secrets_as_env: true };

    fn req(method: Method, url: &str) -> Request {
        let mut r = Request { method, ..Default::default() };
        r.set_url(url);
        r
    }

    fn with(mut r: Request, f: impl FnOnce(&mut Request)) -> Request {
        f(&mut r);
        r
    }

    fn body(kind: BodyKind, text: &str, fields: &[(&str, &str)]) -> Body {
        Body { kind, text: text.into(), fields: fields.iter().map(|(n, v)| Row::new(*n, *v)).collect() }
    }

    const AWKWARD: [&str; 9] = [
        "plain",
        "a b",
        "it's",
        "say \"hi\"",
        "$HOME `id` $(id)",
        "back\\slash\\",
        "caf\u{e9} \u{1F600}",
        "line\nbreak\ttab",
        "wow!",
    ];

    #[test]
    fn shell_words_survive_bash_splitting() {
        for s in AWKWARD.iter().chain(&["", "-H", "a'b'c", "'"]) {
            assert_eq!(shell::split(&format!("x {}", sh_quote(s))).unwrap(), ["x", s], "{s:?}");
        }
        let cases: &[(&str, &str)] = &[
            ("abc", "abc"),
            ("a b", "'a b'"),
            ("it's", r"'it'\''s'"),
            ("", "''"),
            ("$x", "'$x'"),
            ("https://h/p?a=1&b", "'https://h/p?a=1&b'"),
        ];
        for (s, quoted) in cases {
            assert_eq!(sh_quote(s), *quoted);
        }
    }

    #[test]
    fn shell_words_with_variables() {
        let env = |v: &str| Text(vec![Part::Env(v.into())]);
        let cases: Vec<(Text, &str)> = vec![
            (Text::lit("Authorization: Bearer ").then(env("TOKEN")), "\"Authorization: Bearer $TOKEN\""),
            (Text::lit("u:").then(env("PASSWORD")), "\"u:$PASSWORD\""),
            (env("API_KEY").then(Text::lit("x")), "\"${API_KEY}x\""),
            (Text::lit("a\"b$c`d\\ ").then(env("T")), "\"a\\\"b\\$c\\`d\\\\ $T\""),
            (Text::lit("wow! it's ").then(env("T")), "'wow! it'\\''s '\"${T}\""),
        ];
        for (text, expected) in cases {
            let word = sh(&text);
            assert_eq!(word, expected);
            // Our bash splitter leaves $VAR unexpanded: what is left must be the literal text.
            let rendered: String = text
                .0
                .iter()
                .map(|p| match p {
                    Part::Lit(s) => s.clone(),
                    Part::Env(v) => format!("${v}"),
                })
                .collect();
            let got = shell::split(&word).unwrap().concat().replace("${", "$").replace('}', "");
            assert_eq!(got, rendered.replace('}', ""), "{word}");
        }
    }

    #[test]
    fn string_literals() {
        let py: &[(&str, &str)] = &[
            ("it's \"q\"", r#""it's \"q\"""#),
            ("a\\b\n\r\t", r#""a\\b\n\r\t""#),
            ("caf\u{e9}", r#""caf\xe9""#),
            ("\u{20ac}\u{1F600}", r#""\u20ac\U0001f600""#),
            ("\u{1}\u{7f}", r#""\x01\x7f""#),
        ];
        for (s, lit) in py {
            assert_eq!(py_str(s), *lit);
        }
        // A JS string literal written this way is also JSON: serde reads the value back.
        for s in AWKWARD.iter().chain(&["\u{2028}\u{2029}", "\u{0}\u{1f}\u{7f}", "</script>"]) {
            let lit = js_str(s);
            assert_eq!(serde_json::from_str::<String>(&lit).unwrap(), *s, "{lit}");
            assert!(!lit.contains(['\n', '\u{2028}', '\u{2029}']), "{lit}");
        }
    }

    fn sample() -> Request {
        with(req(Method::Post, "https://api.example.com/v1/items?q=caf%C3%A9&page=2"), |r| {
            r.headers = vec![Row::new("Accept", "application/json"), Row::new("X-Note", "it's \"quoted\" $HOME")];
            r.auth = Auth::Bearer { token: "t0k".into() };
            r.body = body(BodyKind::Json, "{\"name\": \"a \\\"b\\\"\\n\", \"n\": [1, 2.5, true, null]}", &[]);
        })
    }

    #[test]
    fn every_target_exactly() {
        let cases: Vec<(Target, Options, &str)> = vec![
            (
                Target::Curl,
                NO_ENV,
                r#"curl 'https://api.example.com/v1/items?q=caf%C3%A9&page=2' \
  -H 'Accept: application/json' \
  -H 'X-Note: it'\''s "quoted" $HOME' \
  -H 'Authorization: Bearer t0k' \
  -H 'Content-Type: application/json' \
  --data-raw '{"name": "a \"b\"\n", "n": [1, 2.5, true, null]}'
"#,
            ),
            (
                Target::Curl,
                ENV,
                r#"curl 'https://api.example.com/v1/items?q=caf%C3%A9&page=2' \
  -H 'Accept: application/json' \
  -H 'X-Note: it'\''s "quoted" $HOME' \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  --data-raw '{"name": "a \"b\"\n", "n": [1, 2.5, true, null]}'
"#,
            ),
            (
                Target::Python,
                ENV,
                r#"import os

import requests

url = "https://api.example.com/v1/items"
params = {
    "q": "caf\xe9",
    "page": "2",
}
headers = {
    "Accept": "application/json",
    "X-Note": "it's \"quoted\" $HOME",
    "Authorization": "Bearer " + os.environ["TOKEN"],
}
payload = {
    "name": "a \"b\"\n",
    "n": [
        1,
        2.5,
        True,
        None,
    ],
}
r = requests.post(
    url,
    params=params,
    headers=headers,
    json=payload,
)
print(r.status_code, r.headers, r.text)
"#,
            ),
            (
                Target::Httpie,
                ENV,
                r#"http POST 'https://api.example.com/v1/items?q=caf%C3%A9&page=2' \
  Accept:application/json \
  'X-Note:it'\''s "quoted" $HOME' \
  "Authorization:Bearer $TOKEN" \
  'name=a "b"
' \
  'n:=[1,2.5,true,null]'
"#,
            ),
            (
                Target::Fetch,
                ENV,
                r#"const response = await fetch("https://api.example.com/v1/items?q=caf%C3%A9&page=2", {
  method: "POST",
  headers: {
    "Accept": "application/json",
    "X-Note": "it's \"quoted\" $HOME",
    "Authorization": "Bearer " + process.env.TOKEN,
    "Content-Type": "application/json",
  },
  body: JSON.stringify({
    "name": "a \"b\"\n",
    "n": [
      1,
      2.5,
      true,
      null,
    ],
  }),
});
console.log(response.status, await response.text());
"#,
            ),
        ];
        for (target, opts, expected) in cases {
            assert_eq!(export(&sample(), target, opts), expected, "{target:?} {opts:?}");
        }
    }

    /// (case, request, target, [options,] must contain, must not contain)
    type Expectations<'a> = Vec<(&'a str, &'a Request, Target, &'a [&'a str], &'a [&'a str])>;
    type AuthExpectations<'a> = Vec<(&'a str, &'a Request, Target, Options, &'a [&'a str], &'a [&'a str])>;

    #[test]
    fn bodies_per_target() {
        let form = with(req(Method::Post, "https://h/f"), |r| {
            r.body = body(BodyKind::Form, "", &[("a", "1&2=3+"), ("b c", "é")])
        });
        let plain_form =
            with(req(Method::Post, "https://h/f"), |r| r.body = body(BodyKind::Form, "", &[("a", "x y"), ("a", "2")]));
        let multipart = with(req(Method::Post, "https://h/m"), |r| {
            r.body = body(
                BodyKind::Multipart,
                "",
                &[("t", "1"), ("s", "<x;y"), ("f", "@docs/a b.pdf"), ("g", "@we;ird\".txt")],
            )
        });
        let raw = with(req(Method::Put, "https://h/r"), |r| r.body = body(BodyKind::Raw, "caf\u{e9}\nit's", &[]));
        let csv = with(raw.clone(), |r| r.headers = vec![Row::new("Content-Type", "text/csv")]);
        let big = with(req(Method::Post, "https://h/j"), |r| {
            r.body = body(BodyKind::Json, "{\"id\": 123456789012345678901234567890}", &[])
        });
        let js_big = with(req(Method::Post, "https://h/j"), |r| {
            r.body = body(BodyKind::Json, "{\"id\": 9007199254740993}", &[])
        });
        let proto = with(req(Method::Post, "https://h/j"), |r| {
            r.body = body(BodyKind::Json, "{\"__proto__\": {\"x\": 1}}", &[])
        });
        let array =
            with(req(Method::Post, "https://h/j"), |r| r.body = body(BodyKind::Json, "[1, {\"a[0]\": 2}]", &[]));
        let broken = with(req(Method::Patch, "https://h/j"), |r| r.body = body(BodyKind::Json, "{oops", &[]));
        let on_get = with(req(Method::Get, "https://h/j"), |r| r.body = body(BodyKind::Json, "{\"a\": 1}", &[]));
        let cases: Expectations = vec![
            ("form", &form, Target::Curl, &["--data-raw 'a=1%262%3D3%2B&b+c=%C3%A9'"], &["-X", "Content-Type"]),
            (
                "plain form",
                &plain_form,
                Target::Curl,
                &["--data-urlencode 'a=x y' \\\n  --data-urlencode a=2"],
                &["-X"],
            ),
            (
                "form",
                &form,
                Target::Python,
                &["data = {\n    \"a\": \"1&2=3+\",\n    \"b c\": \"\\xe9\",\n}", "data=data"],
                &["Content-Type"],
            ),
            (
                "repeated names",
                &plain_form,
                Target::Python,
                &["data = [\n    (\"a\", \"x y\"),\n    (\"a\", \"2\"),\n]"],
                &[],
            ),
            ("form", &form, Target::Httpie, &["http --form POST https://h/f", "'a=1&2=3+'", "'b c=é'"], &[]),
            (
                "form",
                &form,
                Target::Fetch,
                &["new URLSearchParams([\n    [\"a\", \"1&2=3+\"],\n    [\"b c\", \"é\"],\n  ])"],
                &["Content-Type"],
            ),
            (
                "multipart",
                &multipart,
                Target::Curl,
                &["-F t=1", "--form-string 's=<x;y'", "-F 'f=@docs/a b.pdf'", r#"-F 'g=@"we;ird\".txt"'"#],
                &["-X", "Content-Type"],
            ),
            (
                "multipart",
                &multipart,
                Target::Python,
                &["\"t\": (None, \"1\")", "\"f\": open(\"docs/a b.pdf\", \"rb\")", "files=files"],
                &["Content-Type"],
            ),
            (
                "multipart",
                &multipart,
                Target::Httpie,
                &["http --multipart POST", "t=1", "'s=<x;y'", "'f@docs/a b.pdf'"],
                &[],
            ),
            (
                "multipart",
                &multipart,
                Target::Fetch,
                &[
                    "import { openAsBlob } from \"node:fs\";",
                    "form.append(\"f\", await openAsBlob(\"docs/a b.pdf\"), \"a b.pdf\");",
                    "body: form,",
                ],
                &["Content-Type"],
            ),
            (
                "raw",
                &raw,
                Target::Curl,
                &["curl -X PUT https://h/r", "-H 'Content-Type: text/plain'", "--data-raw 'café\nit'\\''s'"],
                &[],
            ),
            (
                "raw",
                &raw,
                Target::Python,
                &["\"Content-Type\": \"text/plain\"", "data = \"caf\\xe9\\nit's\".encode()"],
                &[],
            ),
            ("raw", &raw, Target::Httpie, &["--raw 'café\nit'\\''s' PUT https://h/r", "Content-Type:text/plain"], &[]),
            ("raw", &raw, Target::Fetch, &["\"Content-Type\": \"text/plain\"", "body: \"café\\nit's\","], &[]),
            ("own type", &csv, Target::Curl, &["-H 'Content-Type: text/csv'"], &["text/plain"]),
            ("own type", &csv, Target::Python, &["\"Content-Type\": \"text/csv\""], &["text/plain"]),
            (
                "big integer",
                &big,
                Target::Python,
                &["data = \"{\\\"id\\\": 123456789012345678901234567890}\"", "\"Content-Type\": \"application/json\""],
                &["json="],
            ),
            ("big integer", &big, Target::Httpie, &["--raw '{\"id\": 123456789012345678901234567890}'"], &["id:="]),
            ("beyond 2^53", &js_big, Target::Python, &["\"id\": 9007199254740993,"], &[]),
            (
                "beyond 2^53",
                &js_big,
                Target::Fetch,
                &["body: \"{\\\"id\\\": 9007199254740993}\","],
                &["JSON.stringify"],
            ),
            (
                "__proto__",
                &proto,
                Target::Fetch,
                &["body: \"{\\\"__proto__\\\": {\\\"x\\\": 1}}\","],
                &["JSON.stringify"],
            ),
            ("__proto__", &proto, Target::Python, &["\"__proto__\": {"], &[]),
            ("array", &array, Target::Httpie, &["--raw '[1, {\"a[0]\": 2}]'"], &[]),
            ("array", &array, Target::Python, &["payload = [\n    1,\n    {\n        \"a[0]\": 2,\n    },\n]"], &[]),
            (
                "not JSON",
                &broken,
                Target::Python,
                &["data = \"{oops\"", "\"Content-Type\": \"application/json\"", "requests.patch("],
                &["json="],
            ),
            ("not JSON", &broken, Target::Fetch, &["body: \"{oops\","], &[]),
            ("body on GET", &on_get, Target::Curl, &["curl https://h/j\n"], &["data"]),
            ("body on GET", &on_get, Target::Python, &["r = requests.get(url)"], &["payload"]),
            ("body on GET", &on_get, Target::Httpie, &["http https://h/j\n"], &["a="]),
            ("body on GET", &on_get, Target::Fetch, &["method: \"GET\","], &["body"]),
        ];
        for (name, r, target, want, never) in cases {
            let out = export(r, target, NO_ENV);
            for w in want {
                assert!(out.contains(w), "{name} {target:?}: want {w:?} in\n{out}");
            }
            for n in never {
                assert!(!out.contains(n), "{name} {target:?}: {n:?} must not be in\n{out}");
            }
        }
    }

    #[test]
    fn auth_per_target() {
        let basic = with(req(Method::Get, "https://h/a"), |r| {
            r.auth = Auth::Basic { user: "al'ice".into(), password: "p@ss w'rd$".into() }
        });
        let latin1 = with(req(Method::Get, "https://h/a"), |r| {
            r.auth = Auth::Basic { user: "u".into(), password: "123\u{a3}".into() }
        });
        let digest = with(req(Method::Delete, "https://h/a"), |r| {
            r.auth = Auth::Digest { user: "u".into(), password: "p".into() }
        });
        let key_q = with(req(Method::Get, "https://h/a?x=1"), |r| {
            r.auth = Auth::ApiKey { name: "api_key".into(), value: "k 1".into(), location: KeyLocation::Query }
        });
        let key_h = with(req(Method::Get, "https://h/a"), |r| {
            r.auth = Auth::ApiKey { name: "X-Api-Key".into(), value: "k1".into(), location: KeyLocation::Header }
        });
        let overridden = with(basic.clone(), |r| r.headers = vec![Row::new("Authorization", "Token abc")]);
        let cases: AuthExpectations = vec![
            ("basic", &basic, Target::Curl, NO_ENV, &[r#"-u 'al'\''ice:p@ss w'\''rd$'"#], &["Authorization"]),
            ("basic", &basic, Target::Curl, ENV, &[r#"-u "al'ice:$PASSWORD""#], &["w'rd"]),
            ("basic", &basic, Target::Python, NO_ENV, &["from requests.auth import HTTPBasicAuth", "auth=HTTPBasicAuth(\"al'ice\", \"p@ss w'rd$\")"], &[".encode()"]),
            ("basic", &basic, Target::Httpie, ENV, &[r#"-a "al'ice:$PASSWORD""#], &[]),
            ("basic", &basic, Target::Fetch, NO_ENV, &["\"Authorization\": \"Basic YWwnaWNlOnBAc3MgdydyZCQ=\""], &[]),
            ("basic", &basic, Target::Fetch, ENV, &["\"Authorization\": \"Basic \" + Buffer.from(\"al'ice:\" + process.env.PASSWORD).toString(\"base64\")"], &[]),
            ("latin-1", &latin1, Target::Python, NO_ENV, &["HTTPBasicAuth(\"u\".encode(), \"123\\xa3\".encode())", "# .encode(): UTF-8"], &[]),
            ("latin-1", &latin1, Target::Python, ENV, &["HTTPBasicAuth(\"u\".encode(), os.environ[\"PASSWORD\"].encode())"], &[]),
            ("digest", &digest, Target::Curl, NO_ENV, &["curl -X DELETE https://h/a \\\n  --digest -u u:p"], &[]),
            ("digest", &digest, Target::Python, NO_ENV, &["from requests.auth import HTTPDigestAuth", "auth=HTTPDigestAuth(\"u\", \"p\")", "requests.delete("], &[]),
            ("digest", &digest, Target::Httpie, NO_ENV, &["http -A digest -a u:p DELETE https://h/a"], &[]),
            ("digest", &digest, Target::Fetch, NO_ENV, &["// fetch cannot answer a Digest challenge"], &["Authorization"]),
            ("key in query", &key_q, Target::Curl, NO_ENV, &["curl 'https://h/a?x=1&api_key=k+1'"], &[]),
            ("key in query", &key_q, Target::Curl, ENV, &["curl 'https://h/a?x=1' \\\n  --url-query \"api_key=$API_KEY\""], &["k+1"]),
            ("key in query", &key_q, Target::Httpie, ENV, &["http 'https://h/a?x=1' \\\n  \"api_key==$API_KEY\""], &["k+1"]),
            ("key in query", &key_q, Target::Python, ENV, &["\"api_key\": os.environ[\"API_KEY\"],"], &[]),
            ("key in query", &key_q, Target::Fetch, ENV, &["fetch(\"https://h/a?x=1&api_key=\" + encodeURIComponent(process.env.API_KEY), {"], &[]),
            ("key in header", &key_h, Target::Curl, ENV, &["-H \"X-Api-Key: $API_KEY\""], &[]),
            ("key in header", &key_h, Target::Httpie, ENV, &["\"X-Api-Key:$API_KEY\""], &[]),
            ("header row wins", &overridden, Target::Curl, NO_ENV, &["-H 'Authorization: Token abc'"], &["-u"]),
            ("header row wins", &overridden, Target::Python, ENV, &["\"Authorization\": \"Token \" + os.environ[\"TOKEN\"]"], &["auth="]),
        ];
        for (name, r, target, opts, want, never) in cases {
            let out = export(r, target, opts);
            for w in want {
                assert!(out.contains(w), "{name} {target:?}: want {w:?} in\n{out}");
            }
            for n in never {
                assert!(!out.contains(n), "{name} {target:?}: {n:?} must not be in\n{out}");
            }
        }
    }

    /// With secrets_as_env no secret may appear anywhere, in any target.
    #[test]
    fn secrets_never_leak_into_env_snippets() {
        let secret_headers = [
            "Authorization",
            "Cookie",
            "X-Api-Key",
            "X-Auth-Token",
            "Private-Token",
            "Ocp-Apim-Subscription-Key",
            "Proxy-Authorization",
        ];
        let mut requests = vec![
            with(req(Method::Get, "https://h/"), |r| r.auth = Auth::Bearer { token: "S3CRET-bearer".into() }),
            with(req(Method::Post, "https://h/"), |r| {
                r.auth = Auth::Basic { user: "u".into(), password: "S3CRET-basic".into() }
            }),
            with(req(Method::Post, "https://h/"), |r| {
                r.auth = Auth::Digest { user: "u".into(), password: "S3CRET-digest".into() }
            }),
            with(req(Method::Get, "https://h/"), |r| {
                r.auth = Auth::ApiKey { name: "key".into(), value: "S3CRET-q".into(), location: KeyLocation::Query }
            }),
            with(req(Method::Get, "https://h/"), |r| {
                r.auth =
                    Auth::ApiKey { name: "Api-Key".into(), value: "S3CRET-h".into(), location: KeyLocation::Header }
            }),
        ];
        for h in secret_headers {
            requests.push(with(req(Method::Get, "https://h/"), |r| r.headers = vec![Row::new(h, "Scheme S3CRET-row")]));
        }
        for r in &requests {
            for target in Target::ALL {
                let out = export(r, target, ENV);
                assert!(!out.contains("S3CRET"), "{target:?} leaks:\n{out}");
                // …and without the option the secret is there, so the check above is not vacuous
                // (fetch sends Basic as base64 and cannot do Digest at all).
                let hidden_by_fetch =
                    target == Target::Fetch && matches!(r.auth, Auth::Basic { .. } | Auth::Digest { .. });
                assert!(
                    hidden_by_fetch || export(r, target, NO_ENV).contains("S3CRET"),
                    "{target:?} lost the secret:\n{}",
                    export(r, target, NO_ENV)
                );
            }
        }
    }

    #[test]
    fn variable_names() {
        let r = with(req(Method::Get, "https://h/"), |r| {
            r.auth = Auth::Bearer { token: "a".into() };
            r.headers = vec![
                Row::new("Authorization", "Bearer a"),
                Row::new("X-Auth-Token", "b"),
                Row::new("Cookie", "sid=c"),
                Row::new("Proxy-Authorization", "Basic d"),
                Row::new("Idempotency-Key", "not-secret"),
                Row::new("X-Request-Id", "not-secret-either"),
            ];
        });
        let out = curl(&r, ENV);
        for want in [
            "\"Authorization: Bearer $TOKEN\"",
            "\"X-Auth-Token: $AUTH_TOKEN\"",
            "\"Cookie: $COOKIE\"",
            "\"Proxy-Authorization: Basic $PROXY_TOKEN\"",
            "'Idempotency-Key: not-secret'",
            "'X-Request-Id: not-secret-either'",
        ] {
            assert!(out.contains(want), "want {want} in\n{out}");
        }
        // Two different tokens must not share one variable.
        let two = with(req(Method::Get, "https://h/"), |r| {
            r.auth = Auth::Bearer { token: "a".into() };
            r.headers = vec![Row::new("Authorization", "Bearer z"), Row::new("Authorization", "Bearer a")];
        });
        let out = python(&two, ENV);
        assert!(
            out.contains(
                "\"Authorization\": \"Bearer \" + os.environ[\"TOKEN\"] + \", Bearer \" + os.environ[\"TOKEN_2\"],"
            ),
            "{out}"
        );
    }

    /// HTTPie's item syntax: (request, lines that must be in the snippet).
    #[test]
    fn httpie_items() {
        let post = |f: &dyn Fn(&mut Request)| with(req(Method::Post, "https://h/i"), f);
        let cases: Vec<(Request, &[&str])> = vec![
            (
                post(&|r| {
                    r.headers = vec![
                        Row::new("X-Eq", "=x"),
                        Row::new("X-At", "@f"),
                        Row::new("X-Bs", "a\\b"),
                        Row::new("X-E", ""),
                    ]
                }),
                &[r"'X-Eq:\=x'", r"'X-At:\@f'", r"'X-Bs:a\b'", "'X-E;'"],
            ),
            (
                post(&|r| r.body = body(BodyKind::Json, r#"{"a": "=v", "b": "@v", "c:d": "back\\slash"}"#, &[])),
                &[r"'a=\=v'", r"'b=\@v'", r"'c\:d=back\slash'"],
            ),
            (
                post(&|r| r.body = body(BodyKind::Json, r#"{"c": "x\\=y"}"#, &[])),
                &[r#"http --raw '{"c": "x\\=y"}' POST"#],
            ),
            (post(&|r| r.body = body(BodyKind::Json, r#"{"a[0]": 1}"#, &[])), &[r#"http --raw '{"a[0]": 1}' POST"#]),
            (post(&|r| r.body = body(BodyKind::Json, r#"{"e": ["\\=\t"]}"#, &[])), &[r#"'e:=["\\=\t"]'"#]),
            (
                post(&|r| r.body = body(BodyKind::Form, "", &[("a:b", "1"), ("c", "@v")])),
                &["http --form POST", r"'a\:b=1'", r"'c=\@v'"],
            ),
            (
                post(&|r| r.body = body(BodyKind::Form, "", &[("c", "x\\=y")])),
                &["http --raw c=x%5C%3Dy POST", "Content-Type:application/x-www-form-urlencoded"],
            ),
        ];
        for (r, want) in cases {
            let out = httpie(&r, NO_ENV);
            for w in want {
                assert!(out.contains(w), "want {w} in\n{out}");
            }
        }
    }

    #[test]
    fn curl_says_the_method_only_when_needed() {
        let form = body(BodyKind::Form, "", &[("a", "1")]);
        let cases: Vec<(Method, Body, &str)> = vec![
            (Method::Get, Body::default(), "curl https://h/x\n"),
            (Method::Post, Body::default(), "curl -X POST https://h/x\n"),
            (Method::Post, form.clone(), "curl https://h/x \\\n  --data-urlencode a=1\n"),
            (Method::Put, form.clone(), "curl -X PUT https://h/x \\\n  --data-urlencode a=1\n"),
            (Method::Head, Body::default(), "curl --head https://h/x\n"),
            (Method::Options, Body::default(), "curl -X OPTIONS https://h/x\n"),
            (Method::Delete, Body::default(), "curl -X DELETE https://h/x\n"),
            (Method::Get, form.clone(), "curl https://h/x\n"),
        ];
        for (method, b, expected) in cases {
            let r = with(req(method, "https://h/x"), |r| r.body = b);
            assert_eq!(curl(&r, NO_ENV), expected, "{method}");
        }
    }

    /// import(export_curl(r)) == r: the importer reads back exactly what the exporter wrote.
    #[test]
    fn curl_round_trips() {
        let cases = vec![
            with(
                req(
                    Method::Get,
                    "https://api.example.com/v1/search?q=caf%C3%A9+%26+cr%C3%A8me&tag=a%2Bb&tag=%22q%22&empty=",
                ),
                |r| {
                    r.headers = vec![
                        Row::new("X-Quote", "it's \"quoted\" $HOME `id` \\ wow!"),
                        Row::new("X-Empty", ""),
                        Row::new("Accept", "*/*"),
                    ];
                },
            ),
            with(req(Method::Post, "https://h.example/json"), |r| {
                r.auth = Auth::Bearer { token: "eyJ.a-b_c.d".into() };
                r.body = body(
                    BodyKind::Json,
                    "{\n  \"msg\": \"it's \\\"x\\\"\\nline 2 caf\u{e9} \u{1F600}\",\n  \"n\": 1\n}",
                    &[],
                );
            }),
            with(req(Method::Post, "https://h.example/form"), |r| {
                r.auth = Auth::Basic { user: "al'ice".into(), password: "p@ss:w'rd $x".into() };
                r.body = body(
                    BodyKind::Form,
                    "",
                    &[("a", "1&2=3+4"), ("b", "caf\u{e9} cr\u{e8}me"), ("c", ""), ("d", "it's")],
                );
            }),
            with(req(Method::Post, "https://h.example/form"), |r| {
                r.body = body(BodyKind::Form, "", &[("a b", "x"), ("k%", "y+z")])
            }),
            with(req(Method::Put, "https://h.example/raw"), |r| {
                r.headers = vec![Row::new("Content-Type", "text/csv; charset=utf-8")];
                r.body = body(BodyKind::Raw, "a,b\n'1',\"2\"\n$x,`y`\n", &[]);
            }),
            with(req(Method::Put, "https://h.example/raw"), |r| r.body = body(BodyKind::Raw, "@not-a-file", &[])),
            with(req(Method::Post, "https://h.example/up"), |r| {
                r.body = body(
                    BodyKind::Multipart,
                    "",
                    &[
                        ("title", "My \"doc\" it's"),
                        ("note", "<not a file;type=x"),
                        ("file", "@docs/a b.pdf"),
                        ("odd", "@we;ird\".txt"),
                    ],
                );
            }),
            with(req(Method::Delete, "https://h.example/d"), |r| {
                r.auth = Auth::Digest { user: "u".into(), password: "p a'ss".into() }
            }),
            with(req(Method::Patch, "https://h.example/p"), |r| {
                r.headers = vec![Row::new("Content-Type", "application/merge-patch+json")];
                r.body = body(BodyKind::Json, "{\"a\":null}", &[]);
            }),
            with(req(Method::Post, "https://h.example/j"), |r| {
                r.body = body(BodyKind::Json, "[\"not\", \"an object\"]", &[])
            }),
            with(req(Method::Head, "https://h.example/h"), |r| {
                r.headers = vec![Row::new("Authorization", "Token abc")]
            }),
            with(req(Method::Options, "https://h.example/o"), |r| r.headers = vec![Row::new("Cookie", "a=1; b=2")]),
            req(Method::Post, "https://h.example/empty"),
            req(Method::Get, "https://h.example/{id}/[x]"),
        ];
        for r in cases {
            let command = curl(&r, NO_ENV);
            let back = curl::import(&command).unwrap_or_else(|e| panic!("{command}\n{e}"));
            assert_eq!(back.request, r, "\n{command}");
            assert!(back.unknown_flags.is_empty(), "{command}");
        }
    }
}
