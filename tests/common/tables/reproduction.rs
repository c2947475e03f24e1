//! The reproduction table of `tests/reproduction_rules.rs`: each code for what a sender cannot
//! send exactly fires for that sender on its case and stays silent on a near miss.

use super::Outcome;
use why401::model::request::export::Target;
use why401::model::request::reproduction::{for_sender, Difference, Sender};
use why401::model::request::{Body, Method, Redirects, Request, Row, Variable};

pub fn request(method: Method, f: impl FnOnce(&mut Request)) -> Request {
    let mut r = Request { method, ..Default::default() };
    r.set_url("https://api.example.com/v1/search");
    f(&mut r);
    r
}

/// A text part with (or without) a Content-Type of its own.
fn typed(name: &str, content_type: Option<&str>) -> Row {
    let mut row = Row::new(name, "{\"title\":\"x\"}");
    row.part.content_type = content_type.map(str::to_string);
    row
}

pub fn codes(r: &Request, s: Sender) -> Vec<&'static str> {
    for_sender(r, s).iter().map(Difference::code).collect()
}

/// (code, sender, request that fires it, near miss)
pub fn cases() -> Vec<(&'static str, Sender, Request, Request)> {
    let repeated = |a: &str, b: &str| vec![Row::new("X-Trace", a), Row::new(b, "2")];
    let url = |u: &str| {
        let u = u.to_string();
        move |r: &mut Request| r.set_url(&u)
    };
    let header = |name: &str, value: &str| {
        let row = Row::new(name, value);
        move |r: &mut Request| r.headers.push(row)
    };
    let headers = |rows: &[(&str, &str)]| {
        let rows: Vec<Row> = rows.iter().map(|(n, v)| Row::new(*n, *v)).collect();
        move |r: &mut Request| r.headers = rows
    };
    vec![
        (
            "body_on_get_dropped",
            Sender::Page,
            request(Method::Get, |r| r.body = Body::form("q=1")),
            request(Method::Post, |r| r.body = Body::form("q=1")),
        ),
        (
            "body_on_get_dropped",
            Sender::Export(Target::Fetch),
            request(Method::Head, |r| r.body = Body::raw("x")),
            request(Method::Get, |_| {}),
        ),
        (
            "headers_joined",
            Sender::Export(Target::Python),
            request(Method::Get, |r| r.headers = repeated("1", "x-trace")),
            request(Method::Get, |r| r.headers = repeated("1", "X-Other")),
        ),
        (
            "headers_joined",
            Sender::Page,
            request(Method::Get, |r| r.headers = repeated("1", "X-Trace")),
            request(Method::Get, |r| {
                r.headers = repeated("1", "X-Trace");
                r.headers[1].enabled = false;
            }),
        ),
        (
            "url_normalised",
            Sender::Export(Target::Python),
            request(Method::Get, url("https://api.example.com/v1/search?ids[]=1&ids[]=2")),
            request(Method::Get, url("https://api.example.com/v1/search?ids=1&ids=2")),
        ),
        (
            "url_normalised",
            Sender::Export(Target::Fetch),
            request(Method::Get, url("https://api.example.com/v1/users?name=O'Brien")),
            request(Method::Get, url("https://api.example.com/v1/users?name=O%27Brien")),
        ),
        (
            "url_normalised",
            Sender::Export(Target::Httpie),
            request(Method::Get, url("https://api.example.com/v1/items?")),
            request(Method::Get, url("https://api.example.com/v1/items")),
        ),
        (
            "header_not_settable",
            Sender::Export(Target::Fetch),
            request(Method::Get, header("Host", "api.internal.example.com")),
            request(Method::Get, header("Host", "api.example.com")),
        ),
        (
            "header_not_settable",
            Sender::Export(Target::Fetch),
            request(Method::Get, header("Connection", "Upgrade")),
            request(Method::Get, header("Connection", "close")),
        ),
        (
            "header_not_settable",
            Sender::Export(Target::Httpie),
            request(Method::Get, header("X-Query", "a\\=b")),
            request(Method::Get, header("X-Query", "a\\b=c")),
        ),
        (
            "header_not_settable",
            Sender::Page,
            request(Method::Get, header("Cookie", "sid=1")),
            request(Method::Get, header("X-Cookie", "sid=1")),
        ),
        (
            "file_not_attached",
            Sender::Export(Target::RawHttp),
            request(Method::Post, |r| r.body = Body::multipart(vec![Row::file("file", "report.pdf")])),
            request(Method::Post, |r| r.body = Body::multipart(vec![Row::new("file", "report.pdf")])),
        ),
        (
            "method_not_reproduced",
            Sender::Export(Target::Python),
            request(Method::Post, |r| r.method_as_typed = Some("post".into())),
            request(Method::Post, |r| r.method_as_typed = Some("PROPFIND".into())),
        ),
        (
            "method_not_reproduced",
            Sender::Page,
            request(Method::Get, |r| r.method_as_typed = Some("TRACE".into())),
            request(Method::Patch, |r| r.method_as_typed = Some("patch".into())),
        ),
        (
            "redirect_not_reproduced",
            Sender::Page,
            request(Method::Get, |r| r.follow_redirects = Some(Redirects::Trusted)),
            request(Method::Get, |_| {}),
        ),
        (
            "redirect_not_reproduced",
            Sender::Export(Target::Python),
            request(Method::Get, |r| r.follow_redirects = Some(Redirects::Trusted)),
            request(Method::Get, |r| r.follow_redirects = Some(Redirects::Follow)),
        ),
        (
            "form_part_changed",
            Sender::Export(Target::Httpie),
            request(Method::Post, |r| r.body = Body::multipart(vec![typed("meta", Some("application/json"))])),
            request(Method::Post, |r| r.body = Body::multipart(vec![typed("meta", None)])),
        ),
        (
            "form_part_changed",
            Sender::Page,
            request(Method::Post, |r| r.body = Body::multipart(vec![Row::new("note", "line 1\nline 2")])),
            request(Method::Post, |r| r.body = Body::multipart(vec![Row::new("note", "line 1\r\nline 2")])),
        ),
        (
            "headers_added",
            Sender::Export(Target::Fetch),
            request(Method::Get, header("If-None-Match", "\"abc\"")),
            request(
                Method::Get,
                headers(&[("If-None-Match", "\"abc\""), ("Cache-Control", "max-age=0"), ("Pragma", "no-cache")]),
            ),
        ),
        (
            "headers_added",
            Sender::Page,
            request(Method::Get, header("Range", "bytes=600-")),
            request(Method::Get, headers(&[("Range", "bytes=600-"), ("Accept-Encoding", "identity")])),
        ),
        (
            "variable_unresolved",
            Sender::Page,
            request(Method::Get, |r| {
                r.headers.push(Row::new("Authorization", "Bearer ${API_TOKEN}"));
                r.variables = vec![Variable { name: "API_TOKEN".into(), value: None }];
            }),
            // A switched-off row is not sent: the variable in it needs no value.
            request(Method::Get, |r| {
                r.headers.push(Row::new("Authorization", "Bearer ${API_TOKEN}"));
                r.headers[0].enabled = false;
                r.variables = vec![Variable { name: "API_TOKEN".into(), value: None }];
            }),
        ),
    ]
}

pub fn outcomes() -> Vec<Outcome> {
    cases()
        .into_iter()
        .map(|(code, sender, fires, near_miss)| Outcome {
            table: "reproduction_rules",
            code,
            fired: codes(&fires, sender),
            quiet: codes(&near_miss, sender),
            case: format!("{} {} for {}", fires.method, fires.url(), sender.label()),
        })
        .collect()
}
