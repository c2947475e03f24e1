//! The request as a raw HTTP/1.1 message, for a ticket or to send with `nc`: the request line
//! with the target as curl sends it, `Host`, the headers in their order, `Content-Length`, a
//! blank line and the body, with CRLF line ends. Nothing rewrites it on the way, so it is the
//! one export that sends exactly what it shows (over plain http; https needs a TLS client such
//! as `openssl s_client`).

use super::options::Options;
use super::plan::{file_name, file_type, plan, Payload};
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
fn boundary(fields: &[(String, String)]) -> String {
    let mut b = String::from("why401-boundary-7MA4YWxkTrZu0gW");
    while fields.iter().any(|(n, v)| n.contains(&b) || v.contains(&b)) {
        b.push('x');
    }
    b
}

/// A field name in a Content-Disposition quoted string, as browsers write it.
fn quoted_name(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

pub fn raw_http(r: &Request, opts: Options) -> String {
    let mut env = Env { on: opts.secrets_as_env, ..Env::default() };
    let p = plan(r, &mut env);
    let url = raw(&p.url_with_env(|v| v.clone()));
    let mut lines = vec![format!("{} {} HTTP/1.1", p.method, target::curl(&url))];
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
            for (name, value) in fields {
                body.push_str(&format!("--{b}\r\nContent-Disposition: form-data; name=\"{}\"", quoted_name(name)));
                match value.strip_prefix('@') {
                    // A message cannot read a file: the part says where its bytes go.
                    // (file_not_attached says so.)
                    Some(path) => body.push_str(&format!(
                        "; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n(the bytes of {path})\r\n",
                        quoted_name(file_name(path)),
                        file_type(path)
                    )),
                    None => body.push_str(&format!("\r\n\r\n{value}\r\n")),
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
