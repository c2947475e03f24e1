//! The request as a curl command.

use super::options::Options;
use super::plan::{plan, Payload};
use super::shell_words::{continued, sh, sh_quote};
use super::text::{Env, Text};
use crate::model::request::urlencoded::Piece;
use crate::model::request::{Method, Request};

pub fn curl(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, ..Env::default() };
    let p = plan(r, &mut env);
    let mut body = Vec::new();
    let mut content_type = None;
    match &p.body {
        None => {}
        // --data-raw sends the text as it is: no `@file`, no stripping.
        Some(Payload::Text { parts, .. }) => {
            body.push(format!("--data-raw {}", sh(parts)));
            // curl says application/x-www-form-urlencoded by itself; anything else is written,
            // and no type at all is asked for with an empty `Content-Type:`.
            content_type = match p.implied_type {
                _ if r.has_header("content-type") => None,
                Some(FORM) => None,
                Some(ct) => Some(format!("Content-Type: {ct}")),
                None => Some("Content-Type:".to_string()),
            };
        }
        Some(Payload::Multipart(fields)) => body.extend(fields.iter().map(|(n, v)| curl_form_field(n, v))),
    }
    let inferred = if body.is_empty() { Method::Get } else { Method::Post };
    let mut first = String::from("curl");
    if p.method == Method::Head && body.is_empty() {
        first.push_str(" --head");
    } else if p.method != inferred {
        first.push_str(&format!(" -X {}", p.method));
    }
    // curl reads [] and {} in a URL as patterns.
    if p.url_parts.lits().contains(['[', ']', '{', '}']) {
        first.push_str(" --globoff");
    }
    first.push(' ');
    first.push_str(&sh(&p.url_parts));
    let mut lines = vec![first];
    // --url-query (curl 7.87+) encodes the variable's value, as the page would.
    for (name, value) in &p.env_query {
        let name = Piece::new(name, "").raw;
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
    lines.extend(content_type.map(|ct| format!("-H {}", sh_quote(&ct))));
    if let Some(c) = &p.credentials {
        lines.push(format!("{}-u {}", if c.digest { "--digest " } else { "" }, sh(&c.pair())));
    }
    lines.extend(body);
    continued(lines)
}

const FORM: &str = "application/x-www-form-urlencoded";

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
