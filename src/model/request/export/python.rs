//! The request as a Python `requests` script.

use super::literal::{literal, py_str, python_json_dumps, Lang};
use super::options::Options;
use super::part::{Field, Source};
use super::plan::{has_duplicates, plan, Payload};
use super::text::{Env, Text};
use crate::model::request::basic::{self, Latin1Difference};
use crate::model::request::{target, Method, Request};

/// The headers requests sends by itself.
const REQUESTS_OWN: [&str; 4] = ["User-Agent", "Accept", "Accept-Encoding", "Connection"];

pub(super) fn py(t: &Text) -> String {
    t.concatenation(py_str, |v| format!("os.environ[{}]", py_str(v)))
}

/// A dict, or a list of pairs when a name repeats (a dict would keep only the last).
pub(super) fn py_mapping(var: &str, entries: &[(String, String)]) -> String {
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
pub(super) fn py_bytes(text: &str) -> String {
    if text.is_ascii() {
        py_str(text)
    } else {
        format!("{}.encode()", py_str(text))
    }
}

pub fn python(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, ..Env::default() };
    let p = plan(r, &mut env);
    let mut auth_import = None;
    let mut code = String::new();
    if p.repeats_headers() {
        code.push_str(
            "# requests keeps headers in a dict: a repeated header goes as one line, values joined by \", \"\n",
        );
    }
    let (typed, sent) = (target::curl(&p.url), target::python_requests(&p.url));
    // With a shell variable in it, the URL is only known where the shell fills it in.
    if sent != typed && !p.url_parts.has_env() {
        code.push_str(&format!("# requests re-quotes the URL: it goes out as {sent}\n"));
    }
    code.push_str(&format!("url = {}\n", py(&p.url_parts)));
    let mut args = vec!["url".to_string()];
    if !p.env_query.is_empty() {
        let entries: Vec<(String, String)> = p.env_query.iter().map(|(n, v)| (n.clone(), py(v))).collect();
        code.push_str(&py_mapping("params", &entries));
        args.push("params=params".into());
    }
    // requests writes json= with json.dumps and a dict in data= with urlencode, and then sets
    // the Content-Type itself: used only when that gives the very bytes the request has.
    let json_value = match &p.body {
        Some(Payload::Text { text, json: Some(v), .. }) if python_json_dumps(v).as_deref() == Some(text) => Some(v),
        _ => None,
    };
    let form_pairs = p.form_pairs().filter(|_| p.implied_type.is_some());
    // A str or bytes body gets no Content-Type from requests: it is written when one is due.
    let needs_type = matches!(p.body, Some(Payload::Text { .. })) && json_value.is_none() && form_pairs.is_none();
    let headers = p.merged_headers(needs_type);
    // None removes a header requests would add by itself; urllib3 under it then adds its own
    // User-Agent unless told to skip it.
    let removed: Vec<(String, String)> = p
        .removed
        .iter()
        .filter(|n| REQUESTS_OWN.iter().any(|o| o.eq_ignore_ascii_case(n)))
        .map(|n| (n.clone(), if n.eq_ignore_ascii_case("user-agent") { "SKIP_HEADER" } else { "None" }.to_string()))
        .collect();
    let skips = removed.iter().any(|(_, v)| v == "SKIP_HEADER");
    if !headers.is_empty() || !removed.is_empty() {
        // http.client sends a str header value as Latin-1; bytes go as they are, so text beyond
        // ASCII is given as its UTF-8 bytes, which is what curl sends.
        let value = |v: &Text| if v.has_env() { py(v) } else { py_bytes(&v.lits()) };
        let mut entries: Vec<(String, String)> = headers.iter().map(|(n, v)| (n.clone(), value(v))).collect();
        entries.extend(removed);
        code.push_str(&py_mapping("headers", &entries));
        args.push("headers=headers".into());
    }
    match (&p.body, json_value, form_pairs) {
        (None, ..) => {}
        (Some(Payload::Text { .. }), Some(v), _) => {
            code.push_str(&format!("payload = {}\n", literal(v, Lang::Python, 0)));
            args.push("json=payload".into());
        }
        (Some(Payload::Text { .. }), None, Some(pairs)) => {
            let entries: Vec<(String, String)> = pairs.into_iter().map(|(n, v)| (n, py_str(&v))).collect();
            code.push_str(&py_mapping("data", &entries));
            args.push("data=data".into());
        }
        (Some(Payload::Text { parts, .. }), ..) if parts.has_env() => {
            code.push_str(&format!("data = ({}).encode()\n", py(parts)));
            args.push("data=data".into());
        }
        (Some(Payload::Text { text, .. }), ..) => {
            code.push_str(&format!("data = {}\n", py_bytes(text)));
            args.push("data=data".into());
        }
        (Some(Payload::Multipart(fields)), ..) => {
            let entries: Vec<(String, String)> = fields.iter().map(|f| (f.name.clone(), py_part(f))).collect();
            code.push_str(&py_mapping("files", &entries));
            args.push("files=files".into());
        }
    }
    if let Some(c) = &p.credentials {
        let class = if c.digest { "HTTPDigestAuth" } else { "HTTPBasicAuth" };
        auth_import = Some(class);
        let (user, password) = (py(&c.user), py(&c.password));
        let latin1 =
            !c.digest && basic::python_requests_difference(&c.clear_user, &c.clear_password) != Latin1Difference::Same;
        if latin1 {
            code.push_str(
                "# .encode(): UTF-8 like browsers; requests alone would encode Basic credentials as Latin-1\n",
            );
            args.push(format!("auth={class}({}.encode(), {}.encode())", paren_if_sum(&user), paren_if_sum(&password)));
        } else {
            args.push(format!("auth={class}({user}, {password})"));
        }
    }
    // curl follows a redirect only with -L; requests always does (HEAD aside).
    if r.follow_redirects.is_none() && p.method != Method::Head {
        args.push("allow_redirects=False".into());
    }
    // requests has a function per common method; any other goes through requests.request.
    let call = if Method::parse(&p.method_name).is_some_and(|m| m.as_str() == p.method_name) {
        format!("requests.{}", p.method_name.to_ascii_lowercase())
    } else {
        args.insert(0, py_str(&p.method_name));
        "requests.request".to_string()
    };
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
    if !env.bound.is_empty() || p.uses_variables() {
        head.push_str("import os\n\n");
    }
    head.push_str("import requests\n");
    if let Some(class) = auth_import {
        head.push_str(&format!("from requests.auth import {class}\n"));
    }
    if skips {
        head.push_str("from urllib3.util import SKIP_HEADER\n");
    }
    format!("{head}\n{code}")
}

pub(super) fn paren_if_sum(expr: &str) -> String {
    if expr.contains(" + ") {
        format!("({expr})")
    } else {
        expr.to_string()
    }
}

/// A part as the tuple requests takes: (file name or None, content, type or None, headers).
/// The file name and type are written as curl sends them: requests would leave the type out.
fn py_part(f: &Field) -> String {
    let content = match &f.source {
        Source::Text(value) => py_str(value),
        Source::File(path) => format!("open({}, \"rb\")", py_str(path)),
        // `<path` sends the file's bytes as the field's text.
        Source::FileText(path) => format!("open({}, \"rb\").read()", py_str(path)),
    };
    let name = f.sent_filename().map_or("None".to_string(), py_str);
    let mut items = vec![name, content];
    let headers = f.header_pairs();
    if f.sent_type().is_some() || !headers.is_empty() {
        items.push(f.sent_type().map_or("None".to_string(), py_str));
    }
    if !headers.is_empty() {
        let pairs: Vec<String> = headers.iter().map(|(n, v)| format!("{}: {}", py_str(n), py_str(v))).collect();
        items.push(format!("{{{}}}", pairs.join(", ")));
    }
    format!("({})", items.join(", "))
}
