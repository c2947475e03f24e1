//! The reproduction table of `tests/reproduction_rules.rs`: each code for what a sender cannot
//! send exactly fires for that sender on its case and stays silent on a near miss.

use super::Outcome;
use why401::model::request::export::Target;
use why401::model::request::reproduction::sender::differences;
use why401::model::request::reproduction::{Difference, Sender};
use why401::model::request::{Body, Method, Request, Row};

pub fn request(method: Method, f: impl FnOnce(&mut Request)) -> Request {
    let mut r = Request { method, ..Default::default() };
    r.set_url("https://api.example.com/v1/search");
    f(&mut r);
    r
}

pub fn codes(r: &Request, s: Sender) -> Vec<&'static str> {
    differences(r, s).iter().map(Difference::code).collect()
}

/// (code, sender, request that fires it, near miss)
pub fn cases() -> Vec<(&'static str, Sender, Request, Request)> {
    let repeated = |a: &str, b: &str| vec![Row::new("X-Trace", a), Row::new(b, "2")];
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
