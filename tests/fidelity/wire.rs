//! Two recorded requests compared the way a server reads them: method, request target as sent,
//! header fields (what each client adds by itself aside), body bytes, a multipart body part by
//! part with its boundary aside. What HTTP says carries no meaning, the case of a header name
//! and the order of lines with different names (RFC 9110 §5.1, §5.3), is told apart as
//! `Cosmetic`; the order of lines with the same name does count.

use super::recorder::Recorded;
use std::fmt;

/// Who sent a recorded request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Curl,
    Requests,
    Httpie,
    Node,
    Socket,
}

/// A value a client's own header has.
#[derive(Debug, Clone, Copy)]
pub enum Own {
    /// Framing or addressing, whatever the value: compared through the body and the URL.
    Any,
    Is(&'static str),
    StartsWith(&'static str),
}

/// The headers each client adds by itself (with the values it gives them). A line that matches
/// is left out before comparing; the same name with another value came from the request and is
/// compared. Host is checked on its own (`Mismatch::Host`).
pub const OWN_HEADERS: &[(Client, &[(&str, Own)])] = &[
    (
        Client::Curl,
        &[
            ("Host", Own::Any),
            ("Content-Length", Own::Any),
            ("User-Agent", Own::StartsWith("curl/")),
            ("Accept", Own::Is("*/*")),
            // --compressed: what curl 7.88 asks for; the importer notes the flag instead.
            ("Accept-Encoding", Own::Is("deflate, gzip, br, zstd")),
        ],
    ),
    (
        Client::Requests,
        &[
            ("Host", Own::Any),
            ("Content-Length", Own::Any),
            ("User-Agent", Own::StartsWith("python-requests/")),
            ("Accept-Encoding", Own::StartsWith("gzip, deflate")),
            ("Accept", Own::Is("*/*")),
            ("Connection", Own::Is("keep-alive")),
        ],
    ),
    (
        Client::Httpie,
        &[
            ("Host", Own::Any),
            ("Content-Length", Own::Any),
            ("User-Agent", Own::StartsWith("HTTPie/")),
            ("Accept-Encoding", Own::StartsWith("gzip, deflate")),
            ("Accept", Own::Is("*/*")),
            // For a JSON body, and for --raw, which HTTPie takes for JSON.
            ("Accept", Own::Is("application/json, */*;q=0.5")),
            ("Connection", Own::Is("keep-alive")),
        ],
    ),
    (
        Client::Node,
        &[
            ("Host", Own::Any),
            ("Content-Length", Own::Any),
            ("Connection", Own::Is("keep-alive")),
            // For HEAD.
            ("Connection", Own::Is("close")),
            ("User-Agent", Own::Is("node")),
            ("Accept", Own::Is("*/*")),
            ("Accept-Language", Own::Is("*")),
            ("Sec-Fetch-Mode", Own::Is("cors")),
            ("Accept-Encoding", Own::Is("gzip, deflate")),
        ],
    ),
    (Client::Socket, &[("Host", Own::Any), ("Content-Length", Own::Any)]),
];

fn own(client: Client, name: &str, value: &[u8]) -> bool {
    let table = OWN_HEADERS.iter().find(|(c, _)| *c == client).map(|(_, t)| *t).unwrap_or_default();
    table.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case(name)
            && match v {
                Own::Any => true,
                Own::Is(s) => value == s.as_bytes(),
                Own::StartsWith(s) => value.starts_with(s.as_bytes()),
            }
    })
}

/// One way the sent request differs from curl's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    Method {
        want: String,
        got: String,
    },
    Version {
        want: String,
        got: String,
    },
    Target {
        want: String,
        got: String,
    },
    Host {
        want: String,
        got: String,
    },
    /// Lines of this header curl sent and this client did not send at all.
    Missing {
        name: String,
        want: Vec<String>,
    },
    Extra {
        name: String,
        got: Vec<String>,
    },
    /// Several lines sent as one, the values joined by ", ".
    Joined {
        name: String,
        want: Vec<String>,
        got: String,
    },
    Value {
        name: String,
        want: Vec<String>,
        got: Vec<String>,
    },
    /// `dropped`: curl sent a body and this client sent none.
    Body {
        what: String,
        dropped: bool,
    },
    /// Only the case of a name or the order of different names: HTTP gives them no meaning.
    Cosmetic {
        want: Vec<String>,
        got: Vec<String>,
    },
}

impl Mismatch {
    pub fn header_name(&self) -> Option<&str> {
        match self {
            Mismatch::Missing { name, .. }
            | Mismatch::Extra { name, .. }
            | Mismatch::Joined { name, .. }
            | Mismatch::Value { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn is_cosmetic(&self) -> bool {
        matches!(self, Mismatch::Cosmetic { .. })
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Method { want, got } => write!(f, "method {got}, curl sent {want}"),
            Mismatch::Version { want, got } => write!(f, "version {got}, curl sent {want}"),
            Mismatch::Target { want, got } => write!(f, "target {got}, curl sent {want}"),
            Mismatch::Host { want, got } => write!(f, "Host {got}, curl sent {want}"),
            Mismatch::Missing { name, want } => write!(f, "no {name} header; curl sent {want:?}"),
            Mismatch::Extra { name, got } => write!(f, "an extra {name} header {got:?}"),
            Mismatch::Joined { name, want, got } => write!(f, "{name} joined into {got:?}; curl sent {want:?}"),
            Mismatch::Value { name, want, got } => write!(f, "{name} {got:?}; curl sent {want:?}"),
            Mismatch::Body { what, .. } => write!(f, "body: {what}"),
            Mismatch::Cosmetic { want, got } => {
                let lower = |v: &[String]| v.iter().map(|n| n.to_ascii_lowercase()).collect::<Vec<_>>();
                if lower(want) == lower(got) {
                    let changed: Vec<String> =
                        want.iter().zip(got).filter(|(w, g)| w != g).map(|(w, g)| format!("{w} as {g}")).collect();
                    write!(f, "names in another case: {}", changed.join(", "))
                } else {
                    write!(f, "header order {}; curl sent {}", got.join(" "), want.join(" "))
                }
            }
        }
    }
}

fn text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.escape_ascii().to_string(),
    }
}

/// `multipart/form-data; boundary=x` → `multipart/form-data` and `x`; other types as they are.
fn split_boundary(ct: &[u8]) -> (Vec<u8>, Option<String>) {
    let s = text(ct);
    if !s.to_ascii_lowercase().starts_with("multipart/") {
        return (ct.to_vec(), None);
    }
    let mut kept = Vec::new();
    let mut boundary = None;
    for (i, param) in s.split(';').enumerate() {
        match param.trim().split_once('=') {
            Some((k, v)) if i > 0 && k.trim().eq_ignore_ascii_case("boundary") => {
                boundary = Some(v.trim().trim_matches('"').to_string())
            }
            _ => kept.push(param.trim().to_string()),
        }
    }
    (kept.join("; ").into_bytes(), boundary)
}

/// The header lines that came from the request, in order, a multipart Content-Type without
/// its boundary. A line is the client's own when it matches the client's table and the
/// reference has no line of that name (`reference` is None for curl's own request): when it
/// has one, the request set it and the client's line must carry its value. A line equal to one
/// curl added by itself (`Accept: */*`) counts as curl's here too.
fn request_headers(r: &Recorded, client: Client, reference: Option<&Recorded>) -> Vec<(String, Vec<u8>)> {
    let kept_by_reference = |name: &str| {
        reference
            .is_some_and(|w| request_headers(w, Client::Curl, None).iter().any(|(n, _)| n.eq_ignore_ascii_case(name)))
    };
    let curls_own = |name: &str, value: &[u8]| {
        reference.is_some_and(|w| {
            w.headers.iter().any(|(n, v)| n.eq_ignore_ascii_case(name) && v == value && own(Client::Curl, n, v))
        })
    };
    r.headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("transfer-encoding"))
        .filter(|(n, v)| (!own(client, n, v) || kept_by_reference(n)) && !curls_own(n, v))
        .map(|(n, v)| {
            let v = if n.eq_ignore_ascii_case("content-type") { split_boundary(v).0 } else { v.clone() };
            (n.clone(), v)
        })
        .collect()
}

/// A multipart body's parts: each part's header lines (names lower-cased) and content.
type Part = (Vec<(String, String)>, Vec<u8>);

fn parts(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}").into_bytes();
    let find =
        |hay: &[u8], from: usize| hay[from..].windows(delimiter.len()).position(|w| w == delimiter).map(|p| p + from);
    let mut at = find(body, 0).ok_or("no first boundary")?;
    let mut out = Vec::new();
    loop {
        let after = at + delimiter.len();
        if body[after..].starts_with(b"--") {
            return Ok(out);
        }
        let start = after + 2;
        if body.get(after..start) != Some(b"\r\n") {
            return Err(format!("no CRLF after the boundary at byte {after}"));
        }
        let next = find(body, start).ok_or("a part without a closing boundary")?;
        let part = body[start..next].strip_suffix(b"\r\n").ok_or("a part not ending in CRLF")?;
        let split = part.windows(4).position(|w| w == b"\r\n\r\n");
        let (head, content) = match split {
            Some(i) => (&part[..i], &part[i + 4..]),
            None if part.starts_with(b"\r\n") => (&part[..0], &part[2..]),
            None => return Err("a part without a blank line".into()),
        };
        let headers = text(head)
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap_or((l, ""));
                (n.trim().to_ascii_lowercase(), v.trim().to_string())
            })
            .collect();
        out.push((headers, content.to_vec()));
        at = next;
    }
}

fn compare_bodies(want: &Recorded, got: &Recorded) -> Option<String> {
    let boundary = |r: &Recorded| r.header("content-type").and_then(|ct| split_boundary(ct).1);
    if let (Some(bw), Some(bg)) = (boundary(want), boundary(got)) {
        let (pw, pg) = match (parts(&want.body, &bw), parts(&got.body, &bg)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) => return Some(format!("curl's multipart body does not parse: {e}")),
            (_, Err(e)) => return Some(format!("the multipart body does not parse: {e}")),
        };
        if pw.len() != pg.len() {
            return Some(format!("{} parts, curl sent {}", pg.len(), pw.len()));
        }
        for (k, (a, b)) in pw.iter().zip(&pg).enumerate() {
            if a.0 != b.0 {
                return Some(format!("part {} headers {:?}, curl sent {:?}", k + 1, b.0, a.0));
            }
            if a.1 != b.1 {
                return Some(format!("part {} content {:?}, curl sent {:?}", k + 1, text(&b.1), text(&a.1)));
            }
        }
        return None;
    }
    if want.body == got.body {
        return None;
    }
    let at = want.body.iter().zip(&got.body).position(|(a, b)| a != b).unwrap_or(want.body.len().min(got.body.len()));
    let around = |b: &[u8]| text(&b[at.saturating_sub(12)..(at + 24).min(b.len())]);
    Some(format!(
        "{} bytes, curl sent {}; first difference at byte {at}: {:?} vs curl's {:?}",
        got.body.len(),
        want.body.len(),
        around(&got.body),
        around(&want.body)
    ))
}

/// Every way `got` (sent by `client`) differs from `want` (sent by curl).
pub fn compare(want: &Recorded, got: &Recorded, client: Client) -> Vec<Mismatch> {
    let mut out = Vec::new();
    if want.method != got.method {
        out.push(Mismatch::Method { want: want.method.clone(), got: got.method.clone() });
    }
    if want.version != got.version {
        out.push(Mismatch::Version { want: want.version.clone(), got: got.version.clone() });
    }
    if want.target != got.target {
        out.push(Mismatch::Target { want: text(&want.target), got: text(&got.target) });
    }
    let host = |r: &Recorded| r.header("host").map(text).unwrap_or_default();
    if host(want) != host(got) {
        out.push(Mismatch::Host { want: host(want), got: host(got) });
    }
    // A header curl always sends by itself and did not send here was removed by the command
    // (`-H 'Accept:'`, `-A ''`): the client's own line of that name is no longer set aside.
    for name in ["User-Agent", "Accept"] {
        let got_lines: Vec<String> = got
            .headers
            .iter()
            .filter(|(n, v)| n.eq_ignore_ascii_case(name) && own(client, n, v))
            .map(|(_, v)| text(v))
            .collect();
        if want.header(name).is_none() && !got_lines.is_empty() {
            out.push(Mismatch::Extra { name: name.to_string(), got: got_lines });
        }
    }
    let hw = request_headers(want, Client::Curl, None);
    let hg = request_headers(got, client, Some(want));
    let mut names: Vec<String> = Vec::new();
    for (n, _) in hw.iter().chain(&hg) {
        if !names.iter().any(|x| x.eq_ignore_ascii_case(n)) {
            names.push(n.clone());
        }
    }
    let values = |h: &[(String, Vec<u8>)], name: &str| -> Vec<String> {
        h.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| text(v)).collect()
    };
    for name in names {
        let (w, g) = (values(&hw, &name), values(&hg, &name));
        if w == g {
            continue;
        }
        out.push(if g.is_empty() {
            Mismatch::Missing { name, want: w }
        } else if w.is_empty() {
            Mismatch::Extra { name, got: g }
        } else if w.len() > 1 && g.len() == 1 && g[0] == w.join(", ") {
            Mismatch::Joined { name, want: w, got: g[0].clone() }
        } else {
            Mismatch::Value { name, want: w, got: g }
        });
    }
    if out.iter().all(|m| m.header_name().is_none()) {
        let seq = |h: &[(String, Vec<u8>)]| h.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        let (sw, sg) = (seq(&hw), seq(&hg));
        if sw != sg {
            out.push(Mismatch::Cosmetic { want: sw, got: sg });
        }
    }
    if let Some(what) = compare_bodies(want, got) {
        out.push(Mismatch::Body { what, dropped: got.body.is_empty() && !want.body.is_empty() });
    }
    out
}

/// The request as it arrived, for a failure message.
pub fn show(r: &Recorded) -> String {
    let mut s = format!("{} {} {}\n", r.method, text(&r.target), r.version);
    for (n, v) in &r.headers {
        s.push_str(&format!("{n}: {}\n", text(v)));
    }
    s.push_str(&format!("[{} body bytes, {}] {}\n", r.body.len(), r.framing, text(&r.body[..r.body.len().min(300)])));
    s
}
