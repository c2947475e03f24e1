//! The request as a raw HTTP/1.1 message, for a ticket or to send with `nc`: the request line
//! with the target as curl sends it, `Host`, the headers in their order, `Content-Length`, a
//! blank line and the body, with CRLF line ends. Nothing rewrites it on the way, so it is the
//! one export that sends exactly what it shows (over plain http; https needs a TLS client such
//! as `openssl s_client`).

use super::options::Options;
use super::part::{Field, Source};
use super::plan::{plan, Payload};
use super::text::{Env, Part, Text};
use crate::model::request::{basic, target, Request};
use crate::model::url;

/// A variable as the message shows it: `${TOKEN}`, for whoever sends it to fill in.
fn raw(t: &Text) -> String {
    t.0.iter()
        .map(|p| match p {
            Part::Lit(s) => s.clone(),
            Part::Env(v) => format!("${{{v}}}"),
        })
        .collect()
}

/// The boundary of a multipart body; a field containing it would end its part early, so a
/// longer one is picked then.
fn boundary(fields: &[Field]) -> String {
    let mut b = String::from("why401-boundary-7MA4YWxkTrZu0gW");
    let holds = |f: &Field, b: &str| {
        let text = match &f.source {
            Source::Text(v) | Source::File(v) | Source::FileText(v) => v,
        };
        f.name.contains(b) || text.contains(b)
    };
    while fields.iter().any(|f| holds(f, &b)) {
        b.push('x');
    }
    b
}

/// A field name in a Content-Disposition quoted string, as browsers write it.
fn quoted_name(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// A part's header lines and the blank line after them, in curl's order.
fn part_head(f: &Field) -> String {
    let mut head = format!("Content-Disposition: form-data; name=\"{}\"", quoted_name(&f.name));
    if let Some(name) = f.sent_filename() {
        head.push_str(&format!("; filename=\"{}\"", quoted_name(name)));
    }
    if let Some(t) = f.sent_type() {
        head.push_str(&format!("\r\nContent-Type: {t}"));
    }
    for line in &f.headers {
        head.push_str(&format!("\r\n{line}"));
    }
    head.push_str("\r\n");
    head
}

pub fn raw_http(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, ..Env::default() };
    let p = plan(r, &mut env);
    let url = raw(&p.url_with_env(|v| v.clone()));
    let mut lines = vec![format!("{} {} HTTP/1.1", p.method_name, target::curl(&url))];
    // As curl: the URL's authority unless a Host row says otherwise.
    if !r.has_header("host") {
        let host = url::parse(&url)
            .map(|u| match u.port {
                Some(port) => format!("{}:{port}", u.host),
                None => u.host,
            })
            .unwrap_or_default();
        lines.push(format!("Host: {host}"));
    }
    // The length is counted here; a Content-Length row would contradict it.
    let own = |n: &str| n.eq_ignore_ascii_case("content-length");
    lines.extend(p.headers.iter().filter(|(n, _)| !own(n)).map(|(n, v)| format!("{n}: {}", raw(v))));
    if let Some(c) = &p.credentials {
        // Digest needs the server's challenge first, so the first request goes without, as
        // curl's does.
        if !c.digest {
            let value = if c.has_env() {
                format!("Basic base64({})", raw(&c.pair()))
            } else {
                basic::header_value(&c.clear_user, &c.clear_password)
            };
            lines.push(format!("Authorization: {value}"));
        }
    }
    let body = match &p.body {
        None => None,
        Some(Payload::Text { text, .. }) => {
            if let Some(ct) = p.implied_type {
                lines.push(format!("Content-Type: {ct}"));
            }
            Some(text.clone())
        }
        Some(Payload::Multipart(fields)) => {
            let b = boundary(fields);
            let mut body = String::new();
            for f in fields {
                body.push_str(&format!("--{b}\r\n{}\r\n", part_head(f)));
                match &f.source {
                    Source::Text(value) => body.push_str(&format!("{value}\r\n")),
                    // A message cannot read a file: the part says where its bytes go.
                    // (file_not_attached says so.)
                    Source::File(path) => body.push_str(&format!("(the bytes of {path})\r\n")),
                    Source::FileText(path) => body.push_str(&format!("(the text of {path})\r\n")),
                }
            }
            body.push_str(&format!("--{b}--\r\n"));
            if !r.has_header("content-type") {
                lines.push(format!("Content-Type: multipart/form-data; boundary={b}"));
            }
            Some(body)
        }
    };
    if let Some(body) = &body {
        lines.push(format!("Content-Length: {}", body.len()));
    }
    let mut out = lines.join("\r\n");
    out.push_str("\r\n\r\n");
    out.push_str(body.as_deref().unwrap_or_default());
    out
}
