//! Reading what people paste into "Raw response": the output of `curl -i` or `curl -v` (with or
//! without `-L`), HTTPie, the browser's DevTools, or a Python `print(r.status_code, r.headers,
//! r.text)`. Nobody says which tool printed it, so the format is recognised from the text.
//!
//! Everything stays as the tool printed it: header names keep their case and repeated headers
//! stay separate. When a trace shows several responses (redirects, `100 Continue`, a Digest
//! round trip), the last one is the response; each 3xx before it becomes a [`Hop`].

use super::python_repr::{self, Py, PyError};
use crate::model::json::truncate_chars;
use crate::model::located::describe_char;
use crate::model::response::{Hop, Response, Source};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawError {
    Empty,
    /// No status line, `Status Code:` or printed status anywhere; `saw_headers` when there
    /// were headers, which is what DevTools' copy of the response headers alone looks like.
    NoStatus {
        saw_headers: bool,
    },
    /// A `curl -v` trace with requests but no `< HTTP/` line: the connection failed.
    NoResponseInTrace,
    BadStatus {
        line: usize,
        column: usize,
        found: String,
    },
    NotAHeader {
        line: usize,
        column: usize,
        text: String,
    },
    BadHeaderName {
        line: usize,
        column: usize,
        name: String,
        bad: char,
    },
    /// A line starting with a space or tab (obs-fold) with no header above it to continue.
    FoldWithoutHeader {
        line: usize,
    },
    UnterminatedString {
        line: usize,
        column: usize,
    },
    PythonSyntax {
        line: usize,
        column: usize,
        expected: &'static str,
        found: String,
    },
}

impl fmt::Display for RawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawError::Empty => write!(f, "nothing to read: paste what curl -i or curl -v printed, the response headers from DevTools, or the output of print(r.status_code, r.headers, r.text)"),
            RawError::NoStatus { saw_headers: true } => write!(f, "no status code found: these headers come without one. Add the line 'Status Code: 401 Unauthorized' from DevTools' General section (or whatever status it shows) above them"),
            RawError::NoStatus { saw_headers: false } => write!(f, "no status code found: the first line should be a status line such as 'HTTP/1.1 401 Unauthorized' (curl -i), 'Status Code: 401' (DevTools) or the number print(r.status_code) prints"),
            RawError::NoResponseInTrace => write!(f, "the curl -v trace has no response: no line starts with '< HTTP/'. The request never got an answer; curl's '* ' lines say why"),
            RawError::BadStatus { line, column, found } if found.is_empty() => write!(f, "line {line}, column {column}: the status line has no status code; expected three digits such as 401"),
            RawError::BadStatus { line, column, found } => write!(f, "line {line}, column {column}: the status code '{found}' is not three digits"),
            RawError::NotAHeader { line, column, text } => write!(f, "line {line}, column {column}: '{text}' is not a header: a header line is a name, a colon and a value (Name: value)"),
            RawError::BadHeaderName { line, column, name, bad } => write!(f, "line {line}, column {column}: '{name}' cannot be a header name: it contains {}", describe_char(*bad)),
            RawError::FoldWithoutHeader { line } => write!(f, "line {line}: the line starts with a space or tab, which continues the header above it, but there is no header above it"),
            RawError::UnterminatedString { line, column } => write!(f, "line {line}, column {column}: this Python string has no closing quote"),
            RawError::PythonSyntax { line, column, expected, found } => write!(f, "line {line}, column {column}: expected {expected} in the printed Python value, found {found}"),
        }
    }
}

impl std::error::Error for RawError {}

impl From<PyError> for RawError {
    fn from(e: PyError) -> Self {
        match e {
            PyError::Unterminated { line, column } => RawError::UnterminatedString { line, column },
            PyError::Syntax { line, column, expected, found } => {
                RawError::PythonSyntax { line, column, expected, found }
            }
        }
    }
}

/// How the paste was read, so the page can say so ("Read as curl -v output").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A status line, headers, a blank line, the body: `curl -i`, HTTPie, DevTools' raw view.
    StatusAndHeaders,
    CurlVerbose,
    DevTools,
    Python,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::StatusAndHeaders => "curl -i / HTTPie output",
            Format::CurlVerbose => "curl -v output",
            Format::DevTools => "DevTools headers",
            Format::Python => "Python print output",
        }
    }
}

/// A request the paste shows being sent (`curl -v` "> " lines, HTTPie -v, DevTools' Request
/// Headers). `url` is scheme-relative (`//host/path`) when the paste does not show the scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
}

/// Everything a paste shows: the response, and every request in order (the `Response` keeps
/// only the last one's headers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub format: Format,
    pub requests: Vec<SentRequest>,
    pub response: Response,
}

pub fn parse(text: &str) -> Result<Response, RawError> {
    read(text).map(|e| e.response)
}

pub fn read(text: &str) -> Result<Exchange, RawError> {
    let mut lines = split_lines(text);
    let Some(mut start) = lines.iter().position(|l| !l.text.trim().is_empty()) else { return Err(RawError::Empty) };
    // A Python REPL session: the prompts are not output.
    if lines[start].text.starts_with(">>> ") {
        lines.retain(|l| !l.text.starts_with(">>> ") && !l.text.starts_with("... "));
        start = 0;
    }
    while lines.get(start).is_some_and(|l| l.text.trim().is_empty() || is_preamble(l.text)) {
        start += 1;
    }
    let Some(first) = lines.get(start).copied() else { return Err(RawError::NoStatus { saw_headers: false }) };
    let verbose = marker(first.text, '*').is_some()
        || marker(first.text, '>').is_some()
        || lines.iter().any(|l| marker(l.text, '<').is_some_and(|r| r.starts_with("HTTP/")));
    if verbose {
        read_verbose(&lines[start..])
    } else if first.text.starts_with("HTTP/") || request_line(first.text).is_some() {
        read_blocks(&lines[start..])
    } else {
        read_loose(text, &lines[start..])
    }
}

/// The one line the page shows under the box: what was read from the paste.
pub fn summary(r: &Response) -> String {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") };
    let hops = match r.hops.len() {
        0 => String::new(),
        n => format!(", after {}", plural(n, "redirect", "redirects")),
    };
    // HTTP/2 has no reason phrase: "Read: 403, …".
    let status = format!("{} {}", r.status, r.reason.trim());
    format!(
        "Read: {}, {}, {} of body{hops}.",
        status.trim_end(),
        plural(r.headers.len(), "header", "headers"),
        plural(r.body.len(), "byte", "bytes")
    )
}

/// The command, prompt or progress meter people copy along with the output.
fn is_preamble(t: &str) -> bool {
    let t = t.trim_start();
    ["$ ", "curl ", "http ", "https ", "% Total", "Dload"].iter().any(|p| t.starts_with(p))
        || t.contains("--:--:--")
        || (t.starts_with("PS ") && t.contains("> "))
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based.
    no: usize,
    /// Without the line break (a CR before the LF goes too).
    text: &'a str,
    /// Byte offset of the line in the whole paste.
    start: usize,
}

impl Line<'_> {
    fn column(&self, byte: usize) -> usize {
        self.text[..byte.min(self.text.len())].chars().count() + 1
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let line = Line { no: i + 1, text: raw.strip_suffix('\r').unwrap_or(raw), start };
            start += raw.len() + 1;
            line
        })
        .collect()
}

fn join(lines: &[Line]) -> String {
    let body: Vec<&str> = lines.iter().map(|l| l.text).collect();
    body.join("\n").trim_end_matches(['\n', '\r']).to_string()
}

fn skip_blank(lines: &[Line], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| l.text.trim().is_empty()) {
        i += 1;
    }
    i
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// `HTTP/1.1 401 Unauthorized`, `HTTP/2 401` from byte `from` of the line; `None` when it is
/// not a status line at all, an error when it is one with a bad code.
fn status_line(l: Line, from: usize) -> Option<Result<(u16, String), RawError>> {
    let rest = l.text[from..].strip_prefix("HTTP/")?;
    let version = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    let after = &rest[version..];
    if version == 0 || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some(code_and_reason(l, from + 5 + version + (after.len() - after.trim_start().len())))
}

/// Three digits at byte `at`, then an optional reason phrase.
fn code_and_reason(l: Line, at: usize) -> Result<(u16, String), RawError> {
    let s = &l.text[at..];
    let end = s.find([' ', '\t']).unwrap_or(s.len());
    let code = &s[..end];
    match code.parse::<u16>() {
        Ok(n) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) => Ok((n, s[end..].trim().to_string())),
        _ => Err(RawError::BadStatus { line: l.no, column: l.column(at), found: code.to_string() }),
    }
}

/// `GET /path HTTP/1.1`: the method and the target.
fn request_line(s: &str) -> Option<(String, String)> {
    let mut words = s.split(' ');
    let (method, target, version) = (words.next()?, words.next()?, words.next()?);
    let ok = words.next().is_none()
        && !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && !target.is_empty()
        && version.starts_with("HTTP/");
    ok.then(|| (method.to_string(), target.to_string()))
}

/// `Name: value` from byte `from`; `None` for an HTTP/2 pseudo-header (`:authority: x`), which
/// DevTools shows but no server sends as a header.
fn header_line(l: Line, from: usize) -> Result<Option<(String, String)>, RawError> {
    let s = &l.text[from..];
    if s.starts_with(':') {
        return Ok(None);
    }
    let not_a_header =
        || RawError::NotAHeader { line: l.no, column: l.column(from), text: truncate_chars(s.trim(), 40) };
    let colon = s.find(':').ok_or_else(not_a_header)?;
    // "Name : value" is wrong on the wire but harmless in a paste.
    let name = s[..colon].trim_end();
    if name.is_empty() {
        return Err(not_a_header());
    }
    if let Some((i, bad)) = name.char_indices().find(|&(_, c)| !is_tchar(c)) {
        return Err(RawError::BadHeaderName {
            line: l.no,
            column: l.column(from + i),
            name: truncate_chars(name, 40),
            bad,
        });
    }
    Ok(Some((name.to_string(), s[colon + 1..].trim().to_string())))
}

/// One header line, or the continuation of the previous one (obs-fold, RFC 9112 §5.2: the
/// line break and indentation mean one space).
fn push_header(headers: &mut Vec<(String, String)>, l: Line, from: usize) -> Result<(), RawError> {
    let s = &l.text[from..];
    if s.starts_with([' ', '\t']) {
        let Some((_, value)) = headers.last_mut() else { return Err(RawError::FoldWithoutHeader { line: l.no }) };
        if !value.is_empty() {
            value.push(' ');
        }
        value.push_str(s.trim());
        return Ok(());
    }
    if let Some(h) = header_line(l, from)? {
        headers.push(h);
    }
    Ok(())
}

/// A body that follows the headers without the blank line (it was lost in the copy).
fn starts_body(s: &str) -> bool {
    s.starts_with(['{', '[', '<'])
}

/// Header lines from `i`; returns them and the index after the blank line that ends them.
fn header_block(lines: &[Line], mut i: usize) -> Result<(Vec<(String, String)>, usize), RawError> {
    let mut headers = Vec::new();
    while let Some(&l) = lines.get(i) {
        if l.text.trim().is_empty() {
            return Ok((headers, i + 1));
        }
        if starts_body(l.text) {
            break;
        }
        push_header(&mut headers, l, 0)?;
        i += 1;
    }
    Ok((headers, i))
}

enum Event {
    Request(SentRequest),
    Response { status: u16, reason: String, headers: Vec<(String, String)> },
}

/// curl -i (-L), HTTPie (-v), DevTools' raw view: blocks separated by blank lines, each a
/// request or a response; the body follows the last response.
fn read_blocks(lines: &[Line]) -> Result<Exchange, RawError> {
    let mut events = Vec::new();
    let mut i = 0;
    loop {
        let Some(&l) = lines.get(i) else { return Err(RawError::NoStatus { saw_headers: !events.is_empty() }) };
        if let Some((method, target)) = request_line(l.text) {
            let (headers, next) = header_block(lines, i + 1)?;
            let url = request_url(&target, &headers, &mut Hints::default());
            events.push(Event::Request(SentRequest { method, url, headers }));
            // HTTPie -v prints the request body, then the response.
            i = next;
            while lines.get(i).is_some_and(|l| status_line(*l, 0).is_none()) {
                i += 1;
            }
            continue;
        }
        let (status, reason) = status_line(l, 0).ok_or(RawError::NoStatus { saw_headers: false })??;
        let (headers, next) = header_block(lines, i + 1)?;
        events.push(Event::Response { status, reason, headers });
        let following = skip_blank(lines, next);
        let more = lines.get(following).is_some_and(|l| status_line(*l, 0).is_some() || request_line(l.text).is_some());
        if next > i + 1 && lines[next - 1].text.trim().is_empty() && more {
            i = following;
            continue;
        }
        return assemble(events, join(&lines[next.min(lines.len())..]), Format::StatusAndHeaders);
    }
}

/// What curl's "* " lines tell about the next request's URL.
#[derive(Default)]
struct Hints {
    scheme: Option<String>,
    host: Option<String>,
    /// "Issue another request to this URL: '…'", printed before following a redirect.
    next_url: Option<String>,
}

impl Hints {
    fn read(&mut self, info: &str) {
        let info = info.trim();
        if let Some(rest) = info.strip_prefix("Connected to ") {
            self.host = rest.split(' ').next().map(str::to_string);
            let port = rest.split_once(" port ").and_then(|(_, p)| p.split(|c: char| !c.is_ascii_digit()).next());
            match port {
                Some("443") => self.scheme = Some("https".into()),
                Some("80") => self.scheme = Some("http".into()),
                _ => {}
            }
        } else if let Some(rest) = info.strip_prefix("Issue another request to this URL: ") {
            self.next_url = Some(rest.trim_matches('\'').to_string());
        } else if let Some(v) = bracketed(info, "[:scheme: ") {
            self.scheme = Some(v.to_string());
        } else if let Some(v) = bracketed(info, "[:authority: ") {
            self.host = Some(v.to_string());
        } else if ["ALPN", "SSL connection", "TLSv1", "TLS handshake"].iter().any(|p| info.contains(p)) {
            self.scheme = Some("https".into());
        }
    }
}

/// `x` in `… [:scheme: x]` (curl's HTTP/2 pseudo-header lines).
fn bracketed<'a>(info: &'a str, open: &str) -> Option<&'a str> {
    let at = info.find(open)? + open.len();
    info[at..].split(']').next()
}

fn request_url(target: &str, headers: &[(String, String)], hints: &mut Hints) -> String {
    if let Some(url) = hints.next_url.take() {
        return url;
    }
    // Absolute form: the request went through a proxy.
    if target.contains("://") {
        return target.to_string();
    }
    match header(headers, "host").map(str::to_string).or_else(|| hints.host.clone()) {
        Some(host) => format!("{}//{host}{target}", hints.scheme.as_ref().map(|s| format!("{s}:")).unwrap_or_default()),
        None => target.to_string(),
    }
}

/// The rest of a "* ", "> " or "< " line (curl -v).
fn marker(t: &str, c: char) -> Option<&str> {
    let rest = t.strip_prefix(c)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix(' ')
    }
}

/// Header rows in order, as printed.
type Headers = Vec<(String, String)>;

fn read_verbose(lines: &[Line]) -> Result<Exchange, RawError> {
    let mut events = Vec::new();
    let mut hints = Hints::default();
    // What the trace has shown so far of the request and the response being read.
    let mut request: Option<(String, String, Headers)> = None;
    let mut response: Option<(u16, String, Headers)> = None;
    let mut in_body = false;
    let mut body: Vec<Line> = Vec::new();
    let flush_request = |request: &mut Option<(String, String, Vec<_>)>, hints: &mut Hints, events: &mut Vec<Event>| {
        if let Some((method, target, headers)) = request.take() {
            let url = request_url(&target, &headers, hints);
            events.push(Event::Request(SentRequest { method, url, headers }));
        }
    };
    let flush_response = |response: &mut Option<(u16, String, Vec<_>)>, events: &mut Vec<Event>| {
        if let Some((status, reason, headers)) = response.take() {
            events.push(Event::Response { status, reason, headers });
        }
    };
    for &l in lines {
        if let Some(info) = marker(l.text, '*') {
            hints.read(info);
        } else if let Some(rest) = marker(l.text, '>') {
            if let Some((method, target)) = request_line(rest) {
                flush_request(&mut request, &mut hints, &mut events);
                flush_response(&mut response, &mut events);
                request = Some((method, target, Vec::new()));
            } else if rest.trim().is_empty() {
                flush_request(&mut request, &mut hints, &mut events);
            } else if let Some((_, _, headers)) = request.as_mut() {
                push_header(headers, l, l.text.len() - rest.len())?;
            }
        } else if let Some(rest) = marker(l.text, '<') {
            let from = l.text.len() - rest.len();
            if let Some(status) = status_line(l, from) {
                let (status, reason) = status?;
                flush_request(&mut request, &mut hints, &mut events);
                flush_response(&mut response, &mut events);
                response = Some((status, reason, Vec::new()));
                in_body = false;
                body.clear();
            } else if rest.trim().is_empty() {
                in_body = response.is_some();
            } else if let Some((_, _, headers)) = response.as_mut() {
                push_header(headers, l, from)?;
            }
        } else if in_body && !is_data_note(l.text) {
            body.push(Line { text: cut_connection_note(l.text), ..l });
        }
    }
    flush_request(&mut request, &mut hints, &mut events);
    flush_response(&mut response, &mut events);
    if !events.iter().any(|e| matches!(e, Event::Response { .. })) {
        return Err(RawError::NoResponseInTrace);
    }
    assemble(events, join(&body), Format::CurlVerbose)
}

/// `{ [5 bytes data]`: curl -v marks data it did not print.
fn is_data_note(t: &str) -> bool {
    (t.starts_with("{ [") || t.starts_with("} [")) && t.ends_with(']')
}

/// A body without a final newline runs into curl's next "* " line.
fn cut_connection_note(t: &str) -> &str {
    ["* Connection #", "* Closing connection"].iter().filter_map(|n| t.find(n)).min().map_or(t, |i| &t[..i])
}

/// Redirect targets are often relative.
fn resolve(base: &str, location: &str) -> String {
    let Some((scheme, rest)) = base.split_once("//") else { return location.to_string() };
    let origin_end = rest.find('/').map_or(base.len(), |i| scheme.len() + 2 + i);
    if location.contains("://") || base.is_empty() {
        location.to_string()
    } else if location.starts_with("//") {
        format!("{scheme}{location}")
    } else if location.starts_with('/') {
        format!("{}{location}", &base[..origin_end])
    } else {
        let dir = base[origin_end..].rfind('/').map_or(base.len(), |i| origin_end + i + 1);
        let dir = &base[..dir];
        format!("{dir}{}{location}", if dir.len() == origin_end { "/" } else { "" })
    }
}

/// Turns the requests and responses in order into the final response with its hops. A 3xx
/// before the last response is a hop: the URL of the request that got it, and the method of
/// the request that followed it, which is how a POST that became a GET shows.
fn assemble(events: Vec<Event>, body: String, format: Format) -> Result<Exchange, RawError> {
    let last = events
        .iter()
        .rposition(|e| matches!(e, Event::Response { .. }))
        .ok_or(RawError::NoStatus { saw_headers: false })?;
    let mut hops: Vec<Hop> = Vec::new();
    let mut requests: Vec<SentRequest> = Vec::new();
    let mut asked: Option<usize> = None;
    for (k, event) in events.iter().enumerate() {
        match event {
            Event::Request(r) => {
                requests.push(r.clone());
                asked = Some(requests.len() - 1);
            }
            Event::Response { status, headers, .. } if k < last && (300..400).contains(status) => {
                let url = match (asked, hops.last()) {
                    (Some(r), _) => requests[r].url.clone(),
                    (None, Some(prev)) => resolve(&prev.url, &prev.location),
                    (None, None) => String::new(),
                };
                let method = events[k + 1..].iter().find_map(|e| match e {
                    Event::Request(r) => Some(r.method.clone()),
                    _ => None,
                });
                let location = header(headers, "location").unwrap_or_default().to_string();
                hops.push(Hop { status: *status, method: method.unwrap_or_default(), url, location });
                asked = None;
            }
            // 1xx and auth round trips (401 then a retry with credentials) are not hops.
            Event::Response { status, .. } if *status >= 200 => asked = None,
            Event::Response { .. } => {}
        }
    }
    // The request the last response answers.
    let sent_headers = events[..last]
        .iter()
        .rev()
        .find_map(|e| match e {
            Event::Request(r) => Some(r.headers.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let Some(Event::Response { status, reason, headers }) = events.into_iter().nth(last) else {
        unreachable!("`last` is a response")
    };
    let response = Response { status, reason, headers, body, source: Source::Pasted, hops, sent_headers };
    Ok(Exchange { format, requests, response })
}

/// DevTools copies and Python prints: no `HTTP/` status line first.
fn read_loose(text: &str, lines: &[Line]) -> Result<Exchange, RawError> {
    let first = lines[0];
    // print(r.status_code, r.headers, r.text): all three on one line, separated by spaces.
    if let Some(at) = python_after_status(first.text) {
        let (status, _) = code_and_reason(first, 0)?;
        let at = first.start + at;
        return python(text, lines, at, status, String::new()).unwrap_or_else(|| {
            Ok(python_exchange(status, String::new(), Vec::new(), python_body(&rest_from(lines, at))))
        });
    }
    let status = bare_status(first)?;
    let mut i = usize::from(status.is_some());
    if let Some((code, reason)) = &status {
        // print(r.status_code), print(r.headers), print(r.text): one per line.
        i = skip_blank(lines, i);
        if let Some(&l) = lines.get(i).filter(|l| is_python_start(l.text)) {
            if let Some(read) = python(text, lines, l.start, *code, reason.clone()) {
                return read;
            }
        }
    }
    read_devtools(lines, i, status)
}

/// `r.headers` and then `r.text` from byte `at`, or `r.json()` / `r.text` alone. `None` when
/// the value is not Python after all (JSON with `true` or `null` in it): then it is the body.
fn python(text: &str, lines: &[Line], at: usize, status: u16, reason: String) -> Option<Result<Exchange, RawError>> {
    let (value, end) = match python_repr::parse_at(text, at) {
        Ok(parsed) => parsed,
        Err(_) if text[at..].starts_with("{\"") => return None,
        Err(e) => return Some(Err(e.into())),
    };
    let rest = rest_from(lines, end);
    // print() separates its arguments with a space, and each print ends the line.
    let after = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('\n')).unwrap_or(&rest);
    let response = match as_headers(&value, !after.trim().is_empty()) {
        Some(headers) => python_exchange(status, reason, headers, python_body(after)),
        None => python_exchange(status, reason, Vec::new(), python_body(&rest_from(lines, at))),
    };
    Some(Ok(response))
}

fn python_exchange(status: u16, reason: String, headers: Vec<(String, String)>, body: String) -> Exchange {
    let response =
        Response { status, reason, headers, body, source: Source::Pasted, hops: Vec::new(), sent_headers: Vec::new() };
    Exchange { format: Format::Python, requests: Vec::new(), response }
}

/// The text from byte `at` to the end, without lines a REPL filter removed.
fn rest_from(lines: &[Line], at: usize) -> String {
    let Some(k) = lines.iter().rposition(|l| l.start <= at) else { return String::new() };
    let mut out = lines[k].text[(at - lines[k].start).min(lines[k].text.len())..].to_string();
    for l in &lines[k + 1..] {
        out.push('\n');
        out.push_str(l.text);
    }
    out
}

/// `401 {'Date': …}` or `401 Headers({…})`: where the Python value starts.
fn python_after_status(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    (b.len() > 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b' ' && is_python_start(&t[4..])).then_some(4)
}

/// `{'…`, `{}` or a wrapper such as `Headers({…` / `CaseInsensitiveDict({…`.
fn is_python_start(t: &str) -> bool {
    let ident = t.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(t.len());
    let t = if ident > 0 { t[ident..].strip_prefix('(').unwrap_or("") } else { t };
    t.starts_with("{'") || t.starts_with("{\"") || t.starts_with("{}") || t.starts_with("[(")
}

/// The first line as a status alone: `401`, `401 Unauthorized` (DevTools, print(r.status_code,
/// r.reason)) or `<Response [401]>` (print(r)).
fn bare_status(l: Line) -> Result<Option<(u16, String)>, RawError> {
    let t = l.text;
    if let Some(code) = t.trim().strip_prefix("<Response [").and_then(|r| r.strip_suffix("]>")) {
        let at = t.find('[').map_or(0, |i| i + 1);
        return code_and_reason(Line { text: &t[..at + code.len()], ..l }, at).map(Some);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !(t.len() == digits || t[digits..].starts_with(' ')) {
        return Ok(None);
    }
    code_and_reason(l, 0).map(Some)
}

#[derive(PartialEq)]
enum Section {
    Response,
    Request,
}

fn section_title(t: &str) -> Option<Section> {
    let lower = t.trim().to_ascii_lowercase();
    let titled = |name: &str| lower.strip_prefix(name).is_some_and(|rest| !rest.contains(':'));
    if titled("response headers") || titled("general") {
        Some(Section::Response)
    } else if titled("request headers") {
        Some(Section::Request)
    } else {
        None
    }
}

/// DevTools' General section: about the exchange, not headers.
const GENERAL: &[&str] = &["Request URL", "Request Method", "Status Code", "Remote Address", "Referrer Policy"];

fn general_field(name: &str) -> Option<&'static str> {
    GENERAL.iter().copied().find(|g| g.eq_ignore_ascii_case(name))
}

/// `Name:` alone on its line, as newer Chrome copies each header (the value on the next line).
fn name_only(t: &str) -> bool {
    t.trim().strip_suffix(':').is_some_and(|n| {
        let n = n.strip_prefix(':').unwrap_or(n);
        !n.is_empty() && (n.chars().all(is_tchar) || general_field(n).is_some())
    })
}

/// Whether names and values alternate on separate lines: the first and third lines are
/// names alone, so one header with an empty value does not switch the mode.
fn is_two_line(lines: &[Line]) -> bool {
    let c: Vec<&str> =
        lines.iter().map(|l| l.text).filter(|t| !t.trim().is_empty() && section_title(t).is_none()).take(3).collect();
    c.len() == 3 && name_only(c[0]) && !name_only(c[1]) && name_only(c[2])
}

fn looks_like_header(t: &str) -> bool {
    let t = t.strip_prefix(':').unwrap_or(t);
    t.split_once(':').is_some_and(|(n, _)| !n.is_empty() && (n.chars().all(is_tchar) || general_field(n).is_some()))
}

/// DevTools' Headers panel copied as text: optional General section (with Status Code),
/// Response Headers, Request Headers. `status` comes from a first line already read.
fn read_devtools(lines: &[Line], mut i: usize, mut status: Option<(u16, String)>) -> Result<Exchange, RawError> {
    let mut got = Vec::new();
    let mut sent = Vec::new();
    let mut section = Section::Response;
    let (mut url, mut method) = (String::new(), String::new());
    let two_line = is_two_line(&lines[i.min(lines.len())..]);
    let mut after_blank = false;
    let mut body_from = lines.len();
    while let Some(&l) = lines.get(i) {
        let t = l.text;
        if t.trim().is_empty() {
            after_blank = true;
            i += 1;
            continue;
        }
        if let Some(s) = section_title(t) {
            section = s;
            after_blank = false;
            i += 1;
            continue;
        }
        // Chrome's raw view inside a longer copy.
        if let Some(s) = status_line(l, 0) {
            let s = s?;
            status.get_or_insert(s);
            i += 1;
            continue;
        }
        if starts_body(t) || (after_blank && status.is_some() && !looks_like_header(t) && !name_only(t)) {
            body_from = i;
            break;
        }
        after_blank = false;
        let target = if section == Section::Request { &mut sent } else { &mut got };
        if t.starts_with([' ', '\t']) && !two_line {
            push_header(target, l, 0)?;
            i += 1;
            continue;
        }
        // The name, and the line and byte where its value starts.
        let (name, value_line, value_at) = if two_line {
            if !name_only(t) {
                return Err(RawError::NotAHeader { line: l.no, column: 1, text: truncate_chars(t.trim(), 40) });
            }
            let name = t.trim().trim_end_matches(':').to_string();
            match lines.get(i + 1) {
                Some(&v) => {
                    i += 1;
                    (name, v, v.text.len() - v.text.trim_start().len())
                }
                None => (name, Line { text: "", ..l }, 0),
            }
        } else if let Some((n, _)) = t.split_once(':').filter(|(n, _)| general_field(n).is_some()) {
            let at = n.len() + 1;
            (n.to_string(), l, at + (t[at..].len() - t[at..].trim_start().len()))
        } else {
            match header_line(l, 0)? {
                Some((n, _)) => {
                    let at = t.find(':').map_or(t.len(), |c| c + 1);
                    (n, l, at + (t[at..].len() - t[at..].trim_start().len()))
                }
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        i += 1;
        let value = value_line.text[value_at..].trim().to_string();
        if name.starts_with(':') {
            continue;
        }
        match general_field(&name) {
            Some("Status Code") => status = Some(code_and_reason(value_line, value_at)?),
            Some("Request URL") => url = value,
            Some("Request Method") => method = value,
            Some(_) => {}
            // Firefox: "Status: 401 Unauthorized".
            None if name.eq_ignore_ascii_case("status")
                && status.is_none()
                && value.bytes().next().is_some_and(|b| b.is_ascii_digit()) =>
            {
                status = Some(code_and_reason(value_line, value_at)?)
            }
            None => target.push((name, value)),
        }
    }
    let Some((code, reason)) = status else {
        return Err(RawError::NoStatus { saw_headers: !got.is_empty() || !sent.is_empty() });
    };
    let mut events = Vec::new();
    if !url.is_empty() || !method.is_empty() || !sent.is_empty() {
        events.push(Event::Request(SentRequest { method, url, headers: sent }));
    }
    events.push(Event::Response { status: code, reason, headers: got });
    assemble(events, join(&lines[body_from..]), Format::DevTools)
}

/// Names every response has; a dict of strings with none of them is `r.json()`, not headers.
const COMMON_HEADERS: &[&str] = &[
    "date",
    "content-type",
    "content-length",
    "server",
    "connection",
    "www-authenticate",
    "cache-control",
    "transfer-encoding",
    "vary",
];

/// `r.headers` (a dict of str, possibly wrapped) or httpx's list of pairs, as header rows.
/// `followed` says whether more output follows; then the value is headers whatever its keys.
fn as_headers(v: &Py, followed: bool) -> Option<Vec<(String, String)>> {
    let pairs: Vec<(&Py, &Py)> = match v {
        Py::Dict(items) => items.iter().map(|(k, v)| (k, v)).collect(),
        Py::List(items) => items
            .iter()
            .map(|i| match i {
                Py::List(kv) if kv.len() == 2 => Some((&kv[0], &kv[1])),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let rows: Vec<(String, String)> = pairs
        .into_iter()
        .map(|p| match p {
            (Py::Str(k), Py::Str(v)) => Some((k.clone(), v.clone())),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let known = rows.iter().any(|(k, _)| COMMON_HEADERS.iter().any(|c| c.eq_ignore_ascii_case(k)));
    (followed || known || rows.is_empty()).then_some(rows)
}

/// `r.text` printed as is, or as the REPL echoes it (a str repr), or `r.json()` (a dict repr):
/// the latter two become the text the server sent, so JSON rules can read them.
fn python_body(rest: &str) -> String {
    let t = rest.trim();
    if serde_json::from_str::<serde_json::Value>(t).is_ok() || !t.starts_with(['{', '[', '\'', '"']) {
        return t.to_string();
    }
    match python_repr::parse_at(t, 0) {
        Ok((Py::Str(s), end)) if t[end..].trim().is_empty() => s,
        Ok((v, end)) if t[end..].trim().is_empty() => python_repr::to_json(&v),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(h: &[(&str, &str)]) -> Vec<(String, String)> {
        h.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    fn resp(status: u16, reason: &str, headers: &[(&str, &str)], body: &str) -> Response {
        Response {
            status,
            reason: reason.into(),
            headers: rows(headers),
            body: body.into(),
            source: Source::Pasted,
            hops: vec![],
            sent_headers: vec![],
        }
    }

    fn hop(status: u16, method: &str, url: &str, location: &str) -> Hop {
        Hop { status, method: method.into(), url: url.into(), location: location.into() }
    }

    fn sent(mut r: Response, headers: &[(&str, &str)]) -> Response {
        r.sent_headers = rows(headers);
        r
    }

    fn hops(mut r: Response, hops: Vec<Hop>) -> Response {
        r.hops = hops;
        r
    }

    /// RFC 6750 §3.1's example, with its obs-fold continuation lines.
    const RFC6750_3_1: &str = "HTTP/1.1 401 Unauthorized\n\
WWW-Authenticate: Bearer realm=\"example\",\n                  error=\"invalid_token\",\n                  error_description=\"The access token expired\"\n";

    const CURL_V_POST_REDIRECT: &str = r#"$ curl -v -L -X POST https://api.example.com/v1/login -H 'Authorization: Bearer abc' -d 'a=1'
Note: Unnecessary use of -X or --request, POST is already inferred.
* Host api.example.com:443 was resolved.
*   Trying 93.184.216.34:443...
* Connected to api.example.com (93.184.216.34) port 443
* ALPN: curl offers h2,http/1.1
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS
> POST /v1/login HTTP/1.1
> Host: api.example.com
> User-Agent: curl/8.5.0
> Accept: */*
> Authorization: Bearer abc
> Content-Length: 3
> Content-Type: application/x-www-form-urlencoded
> 
} [3 bytes data]
< HTTP/1.1 302 Found
< Location: https://auth.example.net/session?next=%2Fv1
< Content-Length: 0
< 
* Connection #0 to host api.example.com left intact
* Issue another request to this URL: 'https://auth.example.net/session?next=%2Fv1'
* Switch from POST to GET
* Host auth.example.net:443 was resolved.
*   Trying 198.51.100.7:443...
* Connected to auth.example.net (198.51.100.7) port 443
> GET /session?next=%2Fv1 HTTP/1.1
> Host: auth.example.net
> User-Agent: curl/8.5.0
> Accept: */*
> 
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Bearer realm="auth"
< Content-Type: application/json
< Content-Length: 24
< 
{ [24 bytes data]
{"error":"unauthorized"}* Connection #1 to host auth.example.net left intact
"#;

    #[test]
    fn summary_counts_what_was_read() {
        let one = parse("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\nx").unwrap();
        assert_eq!(summary(&one), "Read: 401 Unauthorized, 1 header, 1 byte of body.");
        let trace = "< HTTP/1.1 302 Found\n< Location: /b\n<\n< HTTP/1.1 401 Unauthorized\n< A: 1\n< B: 2\n<\n";
        assert_eq!(
            summary(&parse(trace).unwrap()),
            "Read: 401 Unauthorized, 2 headers, 0 bytes of body, after 1 redirect."
        );
        assert_eq!(summary(&parse("HTTP/2 403\nserver: x\n\n").unwrap()), "Read: 403, 1 header, 0 bytes of body.");
    }
    #[test]
    fn reads_every_format() {
        let www = ("WWW-Authenticate", r#"Bearer error="invalid_token""#);
        // (name, paste, response, format)
        let cases: Vec<(&str, &str, Response, Format)> = vec![
            ("RFC 6750 §3", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"example\"\n", resp(401, "Unauthorized", &[("WWW-Authenticate", "Bearer realm=\"example\"")], ""), Format::StatusAndHeaders),
            (
                "RFC 6750 §3.1, obs-fold",
                RFC6750_3_1,
                resp(401, "Unauthorized", &[("WWW-Authenticate", r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#)], ""),
                Format::StatusAndHeaders,
            ),
            (
                "curl -i, HTTP/2 without reason, CRLF, repeated headers",
                "HTTP/2 401 \r\ndate: Thu, 01 Jan 2026 00:00:00 GMT\r\nwww-authenticate: Basic realm=\"api\"\r\nwww-authenticate: Bearer\r\ncontent-type: application/json\r\n\r\n{\"message\":\"Unauthorized\"}\r\n",
                resp(401, "", &[("date", "Thu, 01 Jan 2026 00:00:00 GMT"), ("www-authenticate", "Basic realm=\"api\""), ("www-authenticate", "Bearer"), ("content-type", "application/json")], "{\"message\":\"Unauthorized\"}"),
                Format::StatusAndHeaders,
            ),
            (
                "curl -i, HTTP/1.0 with a multi-line body",
                "HTTP/1.0 403 Forbidden\nServer: BaseHTTP/0.6 Python/3.12.3\n\n<html>\n<body>Forbidden</body>\n</html>\n\n",
                resp(403, "Forbidden", &[("Server", "BaseHTTP/0.6 Python/3.12.3")], "<html>\n<body>Forbidden</body>\n</html>"),
                Format::StatusAndHeaders,
            ),
            (
                "curl -i -L: two redirects, then the response",
                "HTTP/1.1 301 Moved Permanently\nLocation: https://api.example.com/v1/me\n\nHTTP/2 302 \nlocation: /v2/me\n\nHTTP/2 401 \nwww-authenticate: Bearer error=\"invalid_token\"\n\n{}",
                hops(resp(401, "", &[("www-authenticate", "Bearer error=\"invalid_token\"")], "{}"), vec![hop(301, "", "", "https://api.example.com/v1/me"), hop(302, "", "https://api.example.com/v1/me", "/v2/me")]),
                Format::StatusAndHeaders,
            ),
            (
                "curl -i with 100 Continue and the command pasted too",
                "$ curl -i -d @big.json https://api.example.com/upload\nHTTP/1.1 100 Continue\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n",
                resp(401, "Unauthorized", &[www], ""),
                Format::StatusAndHeaders,
            ),
            (
                "a body that follows the headers without the blank line",
                "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n{\"error\":\"invalid_token\"}",
                resp(401, "Unauthorized", &[("Content-Type", "application/json")], "{\"error\":\"invalid_token\"}"),
                Format::StatusAndHeaders,
            ),
            (
                "HTTPie",
                "HTTP/1.1 401 UNAUTHORIZED\nAccess-Control-Allow-Credentials: true\nContent-Length: 0\nWWW-Authenticate: Bearer\n\n\n\n",
                resp(401, "UNAUTHORIZED", &[("Access-Control-Allow-Credentials", "true"), ("Content-Length", "0"), ("WWW-Authenticate", "Bearer")], ""),
                Format::StatusAndHeaders,
            ),
            (
                "HTTPie -v: the request comes first, with its body",
                "POST /post HTTP/1.1\nAuthorization: Bearer abc\nContent-Type: application/json\nHost: httpbin.org\n\n{\"a\": \"1\"}\n\n\nHTTP/1.1 401 UNAUTHORIZED\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n",
                sent(resp(401, "UNAUTHORIZED", &[www], ""), &[("Authorization", "Bearer abc"), ("Content-Type", "application/json"), ("Host", "httpbin.org")]),
                Format::StatusAndHeaders,
            ),
            (
                "curl -v, HTTP/2, data notes, body glued to curl's next line",
                "*   Trying 140.82.112.6:443...\n* Connected to api.github.com (140.82.112.6) port 443 (#0)\n* ALPN: server accepted h2\n* [HTTP/2] [1] [:method: GET]\n* [HTTP/2] [1] [:scheme: https]\n* [HTTP/2] [1] [:authority: api.github.com]\n> GET /user HTTP/2\n> Host: api.github.com\n> authorization: Bearer ghp_x\n> \n< HTTP/2 401 \n< x-github-request-id: C0DE:1\n< content-type: application/json; charset=utf-8\n< \n{ [131 bytes data]\n{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}* Connection #0 to host api.github.com left intact\n",
                sent(
                    resp(401, "", &[("x-github-request-id", "C0DE:1"), ("content-type", "application/json; charset=utf-8")], "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}"),
                    &[("Host", "api.github.com"), ("authorization", "Bearer ghp_x")],
                ),
                Format::CurlVerbose,
            ),
            (
                "curl -v -L: a POST redirected with 302 to another host becomes a GET",
                CURL_V_POST_REDIRECT,
                hops(
                    sent(
                        resp(401, "Unauthorized", &[("WWW-Authenticate", "Bearer realm=\"auth\""), ("Content-Type", "application/json"), ("Content-Length", "24")], "{\"error\":\"unauthorized\"}"),
                        &[("Host", "auth.example.net"), ("User-Agent", "curl/8.5.0"), ("Accept", "*/*")],
                    ),
                    vec![hop(302, "GET", "https://api.example.com/v1/login", "https://auth.example.net/session?next=%2Fv1")],
                ),
                Format::CurlVerbose,
            ),
            (
                "curl -v: 100 Continue, then a 303 that curl follows with GET",
                "> POST /upload HTTP/1.1\n> Host: a.example\n> Expect: 100-continue\n>\n< HTTP/1.1 100 Continue\n<\n< HTTP/1.1 303 See Other\n< Location: /done\n<\n> GET /done HTTP/1.1\n> Host: a.example\n>\n< HTTP/1.1 401 Unauthorized\n<\n",
                hops(sent(resp(401, "Unauthorized", &[], ""), &[("Host", "a.example")]), vec![hop(303, "GET", "//a.example/upload", "/done")]),
                Format::CurlVerbose,
            ),
            (
                "curl -v without -L: the 302 is the response",
                "> GET /old HTTP/1.1\n> Host: example.com\n>\n< HTTP/1.1 302 Found\n< Location: /new\n<\n",
                sent(resp(302, "Found", &[("Location", "/new")], ""), &[("Host", "example.com")]),
                Format::CurlVerbose,
            ),
            (
                "Chrome's raw response headers",
                "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json; charset=utf-8\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\nAccess-Control-Allow-Origin: *\r\n",
                resp(401, "Unauthorized", &[("Content-Type", "application/json; charset=utf-8"), www, ("Access-Control-Allow-Origin", "*")], ""),
                Format::StatusAndHeaders,
            ),
            (
                "DevTools: General, Response Headers, Request Headers",
                "General\nRequest URL: https://api.example.com/v1/me\nRequest Method: GET\nStatus Code: 401 Unauthorized\nRemote Address: 93.184.216.34:443\nReferrer Policy: strict-origin-when-cross-origin\n\nResponse Headers\ncontent-type: application/json\nwww-authenticate: Bearer error=\"invalid_token\"\n\nRequest Headers\n:authority: api.example.com\n:method: GET\naccept: */*\nauthorization: Bearer abc\n",
                sent(resp(401, "Unauthorized", &[("content-type", "application/json"), ("www-authenticate", "Bearer error=\"invalid_token\"")], ""), &[("accept", "*/*"), ("authorization", "Bearer abc")]),
                Format::DevTools,
            ),
            (
                "DevTools: a status line of its own, then headers",
                "401 Unauthorized\ncontent-length: 0\nwww-authenticate: Bearer error=\"invalid_token\"",
                resp(401, "Unauthorized", &[("content-length", "0"), ("www-authenticate", "Bearer error=\"invalid_token\"")], ""),
                Format::DevTools,
            ),
            (
                "DevTools: names and values on separate lines",
                "Request URL:\nhttps://api.example.com/v1/me\nRequest Method:\nGET\nStatus Code:\n403 Forbidden\n\nResponse Headers (2)\ncontent-type:\napplication/json\nx-github-sso:\nrequired; url=https://github.com/orgs/acme/sso?authorization_request=A1\n",
                resp(403, "Forbidden", &[("content-type", "application/json"), ("x-github-sso", "required; url=https://github.com/orgs/acme/sso?authorization_request=A1")], ""),
                Format::DevTools,
            ),
            (
                "Python: print(r.status_code, r.headers, r.text)",
                "401 {'Date': 'Mon, 05 Jan 2026 10:00:00 GMT', 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer error=\"invalid_token\", error_description=\"The token expired at \\'01/05/2026 09:00:00\\'\"', 'X-Note': 'caf\\xe9 \\u2615'} {\"error\":\"invalid_token\"}\n",
                resp(
                    401,
                    "",
                    &[("Date", "Mon, 05 Jan 2026 10:00:00 GMT"), ("Content-Type", "application/json"), ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The token expired at '01/05/2026 09:00:00'\""), ("X-Note", "caf\u{e9} \u{2615}")],
                    "{\"error\":\"invalid_token\"}",
                ),
                Format::Python,
            ),
            (
                "Python: one print per line, with a pretty JSON body",
                "401\n{'Content-Type': 'application/json', \"X-Quote\": \"it's\"}\n{\n  \"error\": \"invalid_grant\"\n}\n",
                resp(401, "", &[("Content-Type", "application/json"), ("X-Quote", "it's")], "{\n  \"error\": \"invalid_grant\"\n}"),
                Format::Python,
            ),
            (
                "Python REPL: prompts, <Response [401]>, httpx headers, r.text echoed as a str",
                ">>> r\n<Response [401]>\n>>> r.headers\nHeaders({'www-authenticate': 'Bearer', 'content-type': 'application/json'})\n>>> r.text\n'{\"error\": \"invalid_token\"}'\n",
                resp(401, "", &[("www-authenticate", "Bearer"), ("content-type", "application/json")], "{\"error\": \"invalid_token\"}"),
                Format::Python,
            ),
            (
                "Python: print(r.status_code, r.json()) prints a dict that is the body",
                "400 {'error': 'invalid_grant', 'error_codes': [700082], 'ok': False, 'x': None}",
                resp(400, "", &[], r#"{"error":"invalid_grant","error_codes":[700082],"ok":false,"x":null}"#),
                Format::Python,
            ),
            (
                "Python: print(r.status_code, r.text) with JSON that is not Python",
                "200 {\"ok\":false,\"error\":\"invalid_auth\",\"warning\":null}",
                resp(200, "", &[], "{\"ok\":false,\"error\":\"invalid_auth\",\"warning\":null}"),
                Format::Python,
            ),
            (
                "a status line and a JSON body",
                "401\n{\"ok\": true}",
                resp(401, "", &[], "{\"ok\": true}"),
                Format::DevTools,
            ),
        ];
        for (name, paste, want, format) in cases {
            let got = read(paste).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got.response, want, "{name}");
            assert_eq!(got.format, format, "{name}");
        }
    }

    #[test]
    fn a_verbose_trace_keeps_every_request() {
        let e = read(CURL_V_POST_REDIRECT).unwrap();
        let seen: Vec<(&str, &str)> = e.requests.iter().map(|r| (r.method.as_str(), r.url.as_str())).collect();
        assert_eq!(
            seen,
            [("POST", "https://api.example.com/v1/login"), ("GET", "https://auth.example.net/session?next=%2Fv1")]
        );
        // Authorization was sent to the first host only: the second request is visibly without it.
        assert_eq!(header(&e.requests[0].headers, "authorization"), Some("Bearer abc"));
        assert_eq!(header(&e.response.sent_headers, "authorization"), None);
    }

    #[test]
    fn request_urls_use_what_the_trace_shows() {
        // (trace, url of the only request)
        let cases = [
            ("> GET /a HTTP/1.1\n> Host: h:8080\n>\n< HTTP/1.1 401\n<\n", "//h:8080/a"),
            ("* Connected to h (127.0.0.1) port 80 (#0)\n> GET /a HTTP/1.1\n> Host: h\n>\n< HTTP/1.1 401\n<\n", "http://h/a"),
            ("* [HTTP/2] [1] [:scheme: https]\n* [HTTP/2] [1] [:authority: h2.example]\n> GET /a HTTP/2\n>\n< HTTP/2 401\n<\n", "https://h2.example/a"),
            ("> GET http://origin.example/a HTTP/1.1\n> Host: origin.example\n>\n< HTTP/1.1 407\n<\n", "http://origin.example/a"),
        ];
        for (trace, url) in cases {
            assert_eq!(read(trace).unwrap().requests[0].url, url, "{trace}");
        }
    }

    #[test]
    fn relative_locations_resolve_against_the_request() {
        let cases = [
            ("https://a.example/v1/x", "/y", "https://a.example/y"),
            ("https://a.example/v1/x", "y", "https://a.example/v1/y"),
            ("https://a.example", "y", "https://a.example/y"),
            ("https://a.example/v1/x", "//b.example/z", "https://b.example/z"),
            ("https://a.example/v1/x", "http://b.example/", "http://b.example/"),
            ("", "/y", "/y"),
        ];
        for (base, location, want) in cases {
            assert_eq!(resolve(base, location), want, "{base} + {location}");
        }
    }

    #[test]
    fn malformed_pastes_are_located() {
        use RawError::*;
        let s = |v: &str| v.to_string();
        let cases: Vec<(&str, &str, RawError)> = vec![
            ("empty", " \n\t\n", Empty),
            (
                "DevTools headers without the status",
                "content-type: application/json\nwww-authenticate: Bearer",
                NoStatus { saw_headers: true },
            ),
            ("a body alone", "{\"error\":\"invalid_token\"}", NoStatus { saw_headers: false }),
            (
                "a failed curl -v",
                "*   Trying 127.0.0.1:9...\n* connect to 127.0.0.1 port 9 failed: Connection refused\n",
                NoResponseInTrace,
            ),
            ("two-digit status", "HTTP/1.1 40 Unauthorized", BadStatus { line: 1, column: 10, found: s("40") }),
            (
                "no status after the version",
                "HTTP/2\ncontent-type: text/plain",
                BadStatus { line: 1, column: 7, found: s("") },
            ),
            (
                "a letter O in the status, in curl -v",
                "> GET / HTTP/1.1\n>\n< HTTP/1.1 4O1 Unauthorized\n",
                BadStatus { line: 3, column: 12, found: s("4O1") },
            ),
            (
                "a four-digit status line alone",
                "4011 Unauthorized\nx: y",
                BadStatus { line: 1, column: 1, found: s("4011") },
            ),
            (
                "DevTools status that is not a number",
                "Status Code: unknown\n",
                BadStatus { line: 1, column: 14, found: s("unknown") },
            ),
            (
                "header without a colon",
                "HTTP/1.1 401 Unauthorized\nContent-Type application/json\n\n{}",
                NotAHeader { line: 2, column: 1, text: s("Content-Type application/json") },
            ),
            (
                "header without a colon, in curl -v",
                "> GET / HTTP/1.1\n> Host example.com\n",
                NotAHeader { line: 2, column: 3, text: s("Host example.com") },
            ),
            (
                "space in a header name",
                "HTTP/1.1 401 Unauthorized\nWWW Authenticate: Bearer",
                BadHeaderName { line: 2, column: 4, name: s("WWW Authenticate"), bad: ' ' },
            ),
            ("fold before any header", "HTTP/1.1 401 Unauthorized\n  realm=\"x\"", FoldWithoutHeader { line: 2 }),
            ("unterminated Python string", "401 {'Date': 'Mon, 05 Jan", UnterminatedString { line: 1, column: 14 }),
            (
                "unterminated Python string on the second line",
                "401\n{'Date': 'x', 'Server': \"nginx}\n",
                UnterminatedString { line: 2, column: 25 },
            ),
            (
                "missing colon in a Python dict",
                "401 {'Date' 'x'}",
                PythonSyntax { line: 1, column: 13, expected: "':'", found: s("'''") },
            ),
            (
                "bad \\x escape",
                "401 {'X': 'a\\xZZ'}",
                PythonSyntax { line: 1, column: 15, expected: "two hex digits after \\x", found: s("'Z'") },
            ),
        ];
        for (name, paste, want) in cases {
            assert_eq!(read(paste).unwrap_err(), want, "{name}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        let cases = [
            ("HTTP/1.1 40 Unauthorized", "line 1, column 10: the status code '40' is not three digits"),
            ("HTTP/1.1 401 Unauthorized\nContent-Type application/json", "line 2, column 1: 'Content-Type application/json' is not a header: a header line is a name, a colon and a value (Name: value)"),
            ("HTTP/1.1 401 Unauthorized\nWWW Authenticate: Bearer", "line 2, column 4: 'WWW Authenticate' cannot be a header name: it contains a space"),
            ("401 {'Date': 'Mon", "line 1, column 14: this Python string has no closing quote"),
            ("date: Mon, 05 Jan 2026", "no status code found: these headers come without one. Add the line 'Status Code: 401 Unauthorized' from DevTools' General section (or whatever status it shows) above them"),
        ];
        for (paste, want) in cases {
            assert_eq!(read(paste).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn near_misses_of_each_format_are_not_mistaken_for_it() {
        // A DevTools value holding a colon is not a two-line copy; one empty header does not
        // switch the mode either.
        let r = parse("Status Code: 401\nx-empty:\nlocation: https://a.example/\nx-b: 1").unwrap();
        assert_eq!(r.headers, rows(&[("x-empty", ""), ("location", "https://a.example/"), ("x-b", "1")]));
        let r = parse("x-empty:\nlocation: https://a.example/\nStatus Code: 401\nx-b : 1").unwrap();
        assert_eq!(r.headers, rows(&[("x-empty", ""), ("location", "https://a.example/"), ("x-b", "1")]));
        // A 401 answered by a retry with credentials (curl --digest) is not a redirect.
        let r = parse(
            "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\n\nHTTP/1.1 200 OK\n\nok",
        )
        .unwrap();
        assert_eq!((r.status, r.hops.len(), r.body.as_str()), (200, 0, "ok"));
        // A dict of strings after a lone status, with no header names, is r.json().
        assert_eq!(parse("401\n{'error': 'invalid_token'}").unwrap().body, r#"{"error":"invalid_token"}"#);
        // …but the same dict followed by more output is r.headers.
        assert_eq!(parse("401 {'error': 'invalid_token'} body").unwrap().headers, rows(&[("error", "invalid_token")]));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        const SOUP: &[&str] = &[
            "HTTP/1.1 ",
            "HTTP/2 ",
            "401",
            "4O1",
            " ",
            "\n",
            "\r\n",
            ":",
            "> ",
            "< ",
            "* ",
            "{",
            "}",
            "'",
            "\"",
            "\\",
            "\\x",
            "(",
            ")",
            "[",
            "]",
            ",",
            "Status Code:",
            "é",
            "\t",
            "<Response [",
            ">>> ",
        ];

        proptest! {
            #[test]
            fn never_panics_and_locates_inside_the_paste(parts in proptest::collection::vec(prop_oneof![proptest::sample::select(SOUP).prop_map(str::to_string), any::<String>()], 0..24)) {
                let text: String = parts.concat();
                match read(&text) {
                    Ok(e) => prop_assert!(e.response.source == Source::Pasted),
                    Err(e) => {
                        let located = match &e {
                            RawError::BadStatus { line, column, .. } | RawError::NotAHeader { line, column, .. } | RawError::BadHeaderName { line, column, .. }
                            | RawError::UnterminatedString { line, column } | RawError::PythonSyntax { line, column, .. } => Some((*line, *column)),
                            RawError::FoldWithoutHeader { line } => Some((*line, 1)),
                            _ => None,
                        };
                        if let Some((line, column)) = located {
                            let lines: Vec<&str> = text.split('\n').collect();
                            prop_assert!(line >= 1 && line <= lines.len(), "{e}");
                            prop_assert!(column >= 1 && column <= lines[line - 1].chars().count() + 1, "{e}");
                        }
                        prop_assert!(!e.to_string().is_empty());
                    }
                }
            }
        }
    }
}
