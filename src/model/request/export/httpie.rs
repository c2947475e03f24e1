//! The request as an HTTPie command.

use super::options::Options;
use super::plan::{faithful, plan, Payload};
use super::shell_words::{continued, sh, sh_quote};
use super::text::{Env, Part, Text};
use crate::model::request::{form_urlencode, Method, Request, Row};
use serde_json::Value;

/// HTTPie's item syntax: only `:` `;` `@` `=` are special, and `\` escapes nothing else, so
/// a backslash right before one of them cannot be written at all (HTTPie drops it).
pub(super) const HTTPIE_SPECIAL: [char; 4] = [':', ';', '@', '='];

pub(super) fn httpie_can_write(value: &str) -> bool {
    !value.as_bytes().windows(2).any(|w| w[0] == b'\\' && HTTPIE_SPECIAL.contains(&(w[1] as char)))
}

pub(super) fn httpie_name(name: &str) -> Option<String> {
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
pub(super) fn httpie_value(value: &str) -> String {
    if value.starts_with(['=', '@']) {
        format!("\\{value}")
    } else {
        value.to_string()
    }
}

pub(super) fn httpie_text(t: &Text) -> Text {
    Text(t.0.iter().map(|p| if let Part::Lit(s) = p { Part::Lit(httpie_value(s)) } else { p.clone() }).collect())
}

/// `name=value` items of a urlencoded form, or None when one cannot be written as an item.
pub(super) fn httpie_form_items(fields: &[(String, String)]) -> Option<Vec<String>> {
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
pub(super) fn httpie_json_items(v: &Value) -> Option<Vec<String>> {
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
