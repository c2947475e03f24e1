//! The request as an HTTPie command.

use super::options::Options;
use super::part::{Field, Source};
use super::plan::{plan, Payload};
use super::shell_words::{continued, sh, sh_quote};
use super::text::{Env, Part, Text};
use crate::model::request::{target, Method, Request};

/// HTTPie's item syntax: only `:` `;` `@` `=` are special, and `\` escapes nothing else, so
/// a backslash right before one of them cannot be written at all (HTTPie drops it).
pub(super) const HTTPIE_SPECIAL: [char; 4] = [':', ';', '@', '='];

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

pub fn httpie(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, ..Env::default() };
    let p = plan(r, &mut env);
    let mut first = String::from("http");
    let mut body_items = Vec::new();
    let mut raw = false;
    match &p.body {
        None => {}
        // --raw sends the text as it is; items would be re-serialised (JSON compacted, forms
        // re-encoded), so they are never used for a body the user wrote.
        Some(Payload::Text { text, parts, .. }) => {
            raw = true;
            // `--raw=…` when the text starts with a dash: as a word of its own it would be read
            // as an option.
            let sep = if text.starts_with('-') { "=" } else { " " };
            first.push_str(&format!(" --raw{sep}{}", sh(parts)));
        }
        Some(Payload::Multipart(fields)) => {
            first.push_str(" --multipart");
            // No raw fallback exists for multipart: a part HTTPie cannot write as it is (a text
            // part's type or file name, a part's headers) goes as near as it allows, and
            // form_part_changed says what is lost.
            body_items = fields.iter().map(httpie_part).collect();
        }
    }
    if let Some(c) = &p.credentials {
        if c.digest {
            first.push_str(" -A digest");
        }
        first.push_str(&format!(" -a {}", sh(&c.pair())));
    }
    // As curl, HTTPie follows a redirect only when told to.
    if r.follow_redirects.is_some() {
        first.push_str(" --follow");
    }
    // HTTPie picks POST when there is a body, GET otherwise.
    let inferred = if p.body.is_some() { Method::Post } else { Method::Get };
    if !p.method_name.bytes().all(|b| b.is_ascii_alphabetic()) {
        // It would read the word as the URL (method_not_reproduced says so).
        first = format!("# HTTPie takes only letters for a method: {} cannot be sent\n{first}", p.method_name);
    } else if p.method_name != inferred.as_str() {
        first.push_str(&format!(" {}", sh_quote(&p.method_name)));
    }
    first.push_str(&format!(" {}", sh(&p.url_parts)));
    let (typed, sent) = (target::curl(&p.url), target::python_requests(&p.url));
    // With a shell variable in it, the URL is only known where the shell fills it in.
    if sent != typed && !p.url_parts.has_env() {
        // HTTPie sends with requests, which re-quotes the URL.
        first = format!("# HTTPie re-quotes the URL: it goes out as {sent}\n{first}");
    }
    let mut lines = vec![first];
    for (name, value) in &p.env_query {
        let name = httpie_name(name).unwrap_or_else(|| name.clone());
        lines.push(sh(&Text::lit(format!("{name}==")).then(httpie_text(value))));
    }
    for (name, value) in &p.headers {
        let lits = value.lits();
        if lits.as_bytes().windows(2).any(|w| w[0] == b'\\' && HTTPIE_SPECIAL.contains(&(w[1] as char))) {
            lines[0] = format!(
                "# HTTPie drops a backslash before : ; @ or = in an item: {name} cannot go as it is\n{}",
                lines[0]
            );
        }
        // `Name:` with nothing after it removes the header; `Name;` sends it empty.
        let item = if value.is_empty() {
            Text::lit(format!("{name};"))
        } else {
            Text::lit(format!("{name}:")).then(httpie_text(value))
        };
        lines.push(sh(&item));
    }
    // HTTPie says application/json by itself, also for --raw: any other type is written, and
    // no type at all is asked for with an empty `Content-Type:`.
    if raw && !r.has_header("content-type") {
        match p.implied_type {
            Some("application/json") => {}
            Some(ct) => lines.push(sh_quote(&format!("Content-Type:{ct}"))),
            None => lines.push(sh_quote("Content-Type:")),
        }
    }
    // `Name:` unsets one of HTTPie's own headers; the body's Content-Type is handled above.
    for name in p.removed.iter().filter(|n| !n.eq_ignore_ascii_case("content-type")) {
        let name = httpie_name(name).unwrap_or_else(|| name.clone());
        lines.push(sh_quote(&format!("{name}:")));
    }
    lines.extend(body_items);
    continued(lines)
}

fn httpie_part(f: &Field) -> String {
    let name = httpie_name(&f.name).unwrap_or_else(|| f.name.clone());
    match &f.source {
        // With its type, as curl sends it: HTTPie would guess one or send none.
        Source::File(path) => {
            sh_quote(&format!("{name}@{path};type={}", f.sent_type().unwrap_or("application/octet-stream")))
        }
        // `=@` sends the file's text as the field's value, as curl's `<` does.
        Source::FileText(path) => sh_quote(&format!("{name}=@{path}")),
        Source::Text(value) => sh_quote(&format!("{name}={}", httpie_value(value))),
    }
}
