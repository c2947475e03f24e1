//! The request as a curl command.

use super::options::Options;
use super::part::{Field, Source};
use super::plan::{plan, Payload};
use super::shell_words::{continued, sh, sh_quote};
use super::text::{Env, Text};
use crate::model::request::urlencoded::Piece;
use crate::model::request::{Method, Redirects, Request};

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
        Some(Payload::Multipart(fields)) => body.extend(fields.iter().map(curl_form_field)),
    }
    let inferred = if body.is_empty() { Method::Get } else { Method::Post };
    let mut first = String::from("curl");
    if p.method_name == "HEAD" && body.is_empty() {
        first.push_str(" --head");
    } else if p.method_name != inferred.as_str() {
        first.push_str(&format!(" -X {}", sh_quote(&p.method_name)));
    }
    match r.follow_redirects {
        None => {}
        Some(Redirects::Follow) => first.push_str(" -L"),
        Some(Redirects::Trusted) => first.push_str(" --location-trusted"),
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
    // The body's Content-Type is written above when the request has none.
    for name in p.removed.iter().filter(|n| !n.eq_ignore_ascii_case("content-type")) {
        lines.push(format!("-H {}", sh_quote(&format!("{name}:"))));
    }
    if let Some(c) = &p.credentials {
        lines.push(format!("{}-u {}", if c.digest { "--digest " } else { "" }, sh(&c.pair())));
    }
    lines.extend(body);
    continued(lines)
}

const FORM: &str = "application/x-www-form-urlencoded";

/// `-F` reads `@`, `<`, `"` and `;type=` in a value; `--form-string` sends text as it is but
/// takes no `;type=`, `;filename=` or `;headers=`: a text part with those is written quoted.
pub(super) fn curl_form_field(f: &Field) -> String {
    let mut spec = format!("{}=", f.name);
    match &f.source {
        Source::Text(value) if f.is_plain_text() => {
            if value.starts_with(['@', '<', '"']) || value.contains(';') {
                return format!("--form-string {}", sh_quote(&format!("{spec}{value}")));
            }
            spec.push_str(value);
        }
        Source::Text(value) => spec.push_str(&form_word(value, true)),
        Source::File(path) => spec.push_str(&format!("@{}", form_word(path, false))),
        Source::FileText(path) => spec.push_str(&format!("<{}", form_word(path, false))),
    }
    // Only what the user gave: curl picks the defaults itself.
    if let Some(t) = &f.content_type {
        spec.push_str(&format!(";type={t}"));
    }
    if let Some(name) = &f.filename {
        spec.push_str(&format!(";filename={}", form_word(name, false)));
    }
    for line in &f.headers {
        // `@file` unquoted names the file curl reads the part's headers from, as in the paste.
        let from_file = line.starts_with(['@', '<']);
        spec.push_str(&format!(";headers={}", form_word(line, !from_file)));
    }
    format!("-F {}", sh_quote(&spec))
}

/// A word of a `-F` value: as it is when curl reads it back unchanged, else in double quotes
/// with `\` and `"` escaped (curl's `get_param_word`). `always` quotes text whatever it holds,
/// so that a leading `@` or `<` stays text.
fn form_word(word: &str, always: bool) -> String {
    if !always && !word.contains([';', '"', ',']) && !word.is_empty() {
        return word.to_string();
    }
    format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
}
