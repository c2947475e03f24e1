//! The request as JavaScript `fetch` (Node 18+ or a browser console).

use super::literal::{js_json_stringify, js_str, literal, Lang};
use super::options::Options;
use super::part::{Field, Source};
use super::plan::{plan, Payload, Plan};
use super::text::{Env, Text};
use crate::model::request::urlencoded::Piece;
use crate::model::request::{basic, fetch_rules, target, Request};

pub(super) fn js(t: &Text) -> String {
    t.concatenation(js_str, |v| format!("process.env.{v}"))
}

/// The URL expression; a variable in the query is encoded at run time.
/// The URL expression: a shell variable goes in as the shell would put it, unencoded; a
/// secret the auth helper adds to the query is encoded at run time, as the page encodes it.
pub(super) fn js_url(p: &Plan) -> String {
    let encoded = |v: &Text| v.concatenation(js_str, |n| format!("encodeURIComponent(process.env.{n})"));
    let mut pieces: Vec<String> = Vec::new();
    let mut literal = p.url_parts.clone();
    for (k, (name, value)) in p.env_query.iter().enumerate() {
        let sep = if k == 0 && !p.url.contains('?') { "?" } else { "&" };
        literal = literal.then(Text::lit(format!("{sep}{}", Piece::new(name, "").raw)));
        pieces.push(js(&literal));
        pieces.push(encoded(value));
        literal = Text::default();
    }
    if !literal.is_empty() || pieces.is_empty() {
        pieces.push(js(&literal));
    }
    pieces.join(" + ")
}

pub fn fetch(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, ..Env::default() };
    let p = plan(r, &mut env);
    let mut pre = String::new();
    let mut head = String::new();
    let mut body = None;
    let text_body = matches!(p.body, Some(Payload::Text { .. }));
    if p.repeats_headers() {
        head.push_str("// fetch joins a repeated header into one line, values separated by \", \"\n");
    }
    let (typed, sent) = (target::curl(&p.url), target::whatwg(&p.url));
    // With a shell variable in it, the URL is only known where the shell fills it in.
    if sent != typed && !p.url_parts.has_env() {
        head.push_str(&format!("// fetch parses the URL by the WHATWG URL standard: it goes out as {sent}\n"));
    }
    // fetch sends a string body as text/plain: any other type is written out, when the body
    // goes (a GET or HEAD goes without it, so without the type it would imply).
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut utf8 = false;
    for (name, value) in p.merged_headers(text_body && p.method.allows_body()) {
        let lower = name.to_ascii_lowercase();
        if fetch_rules::node_throws(&name, &value.lits()) {
            head.push_str(&format!("// {name}: {} is left out: Node's fetch refuses it\n", value.lits()));
            continue;
        }
        if lower == "host" {
            head.push_str(&format!("// Host: {} is left out: fetch sets Host from the URL\n", value.lits()));
            continue;
        }
        if lower == "sec-fetch-mode" && value.lits() != "cors" {
            head.push_str("// fetch sends Sec-Fetch-Mode: cors whatever the request sets\n");
        }
        // A header value is bytes: fetch sends each character as one (Latin-1), so text beyond
        // ASCII is given as its UTF-8 bytes, which is what curl sends.
        let code = if !value.has_env() && !value.lits().is_ascii() {
            utf8 = true;
            format!("utf8({})", js_str(&value.lits()))
        } else {
            js(&value)
        };
        headers.push((name, code));
    }
    for (name, value, because) in fetch_rules::added(r) {
        head.push_str(&format!("// fetch adds {name}: {value} because the request has {because}\n"));
    }
    if utf8 {
        pre.push_str("const utf8 = (s) => String.fromCharCode(...new TextEncoder().encode(s));\n");
    }
    match &p.body {
        None => {}
        Some(Payload::Text { .. }) if !p.method.allows_body() => {
            let and_type = if p.implied_type.is_some() { ", and the Content-Type it implies" } else { "" };
            head.push_str(&format!(
                "// fetch refuses a body with {}: the body this request has is left out{and_type}\n",
                p.method
            ))
        }
        Some(Payload::Text { text, json: Some(v), .. }) if js_json_stringify(v).as_deref() == Some(text) => {
            body = Some(format!("JSON.stringify({})", literal(v, Lang::Js, 1)))
        }
        // A Blob without a type is sent with no Content-Type at all, as the request has none.
        Some(Payload::Text { parts, .. }) if p.content_type().is_none() => {
            body = Some(format!("new Blob([{}])", js(parts)))
        }
        Some(Payload::Text { parts, .. }) => body = Some(js(parts)),
        Some(Payload::Multipart(fields)) => {
            pre.push_str("const form = new FormData();\n");
            for f in fields {
                pre.push_str(&format!("form.append({}, {});\n", js_str(&f.name), js_part(f)));
            }
            body = Some("form".into());
        }
    }
    if let Some(c) = &p.credentials {
        if c.digest {
            head.push_str(
                "// fetch cannot answer a Digest challenge: use the curl or Python snippet for Digest auth\n",
            );
        } else {
            // btoa() fails beyond Latin-1; the header is what the page sends (UTF-8, RFC 7617).
            let value = if c.has_env() {
                format!("\"Basic \" + Buffer.from({}).toString(\"base64\")", js(&c.pair()))
            } else {
                js_str(&basic::header_value(&c.clear_user, &c.clear_password))
            };
            headers.push(("Authorization".into(), value));
        }
    }
    if let Some(Payload::Multipart(fields)) = &p.body {
        let reads = |want: fn(&Source) -> bool| fields.iter().any(|f| want(&f.source));
        match (reads(|s| matches!(s, Source::File(_))), reads(|s| matches!(s, Source::FileText(_)))) {
            (true, true) => head.push_str("import { openAsBlob, readFileSync } from \"node:fs\";\n\n"),
            (true, false) => head.push_str("import { openAsBlob } from \"node:fs\";\n\n"),
            (false, true) => head.push_str("import { readFileSync } from \"node:fs\";\n\n"),
            (false, false) => {}
        }
    }
    let mut opts_lines = vec![format!("  method: {},", js_str(&p.method_name))];
    if !headers.is_empty() {
        let items: String = headers.iter().map(|(n, v)| format!("    {}: {v},\n", js_str(n))).collect();
        opts_lines.push(format!("  headers: {{\n{items}  }},"));
    }
    if let Some(b) = body {
        opts_lines.push(format!("  body: {b},"));
    }
    // curl follows a redirect only with -L; Node's fetch answers "manual" with the 3xx itself.
    if r.follow_redirects.is_none() {
        opts_lines.push("  redirect: \"manual\",".to_string());
    }
    format!(
        "{head}{pre}const response = await fetch({}, {{\n{}\n}});\nconsole.log(response.status, await response.text());\n",
        js_url(&p),
        opts_lines.join("\n")
    )
}

/// The arguments after the name in `form.append`: a string for a text field, a Blob with its
/// type and file name for a file. FormData gives a Blob a file name ("blob") and a type
/// (application/octet-stream) whatever it is given, so a text part is a Blob only when curl
/// sends it with both; form_part_changed says what the others lose.
fn js_part(f: &Field) -> String {
    match (&f.source, f.sent_filename(), f.sent_type()) {
        (Source::File(path), Some(name), Some(t)) => {
            format!("await openAsBlob({}, {{ type: {} }}), {}", js_str(path), js_str(t), js_str(name))
        }
        (Source::File(path), ..) => format!("await openAsBlob({})", js_str(path)),
        (Source::Text(value), Some(name), Some(t)) => {
            format!("new Blob([{}], {{ type: {} }}), {}", js_str(value), js_str(t), js_str(name))
        }
        (Source::Text(value), ..) => js_str(value),
        // curl's `<path` sends the file's bytes as the field's text.
        (Source::FileText(path), ..) => format!("readFileSync({}, \"utf8\")", js_str(path)),
    }
}
