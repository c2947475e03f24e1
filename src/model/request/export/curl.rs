//! The request as a curl command.

use super::options::Options;
use super::plan::{plan, Payload};
use super::shell_words::{continued, sh, sh_quote};
use super::text::{Env, Text};
use crate::model::request::{form_urlencode, Method, Request, Row};

/// A name curl's `--data-urlencode name=value` and `-F name=value` take as it is.
pub(super) fn plain_name(name: &str) -> bool {
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
pub(super) fn curl_form_field(name: &str, value: &str) -> String {
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
