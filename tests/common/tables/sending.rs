//! The sending table of `tests/send_rules.rs`: each sending code fires on its case and stays
//! silent on a near miss: the checks before sending, the explanation of a failed fetch (told
//! apart by the no-cors probe) and the reading of a cross-origin answer.

use super::Outcome;
use why401::model::findings::Finding;
use why401::model::request::sending::{self, PageContext, Probe};
use why401::model::request::{Auth, Method, Request, Row};

pub fn secure_page() -> PageContext {
    PageContext { origin: "https://why401.example".into(), secure: true }
}

pub fn get(url: &str) -> Request {
    let mut r = Request { method: Method::Get, ..Default::default() };
    r.set_url(url);
    r
}

pub fn with_header(mut r: Request, name: &str, value: &str) -> Request {
    r.headers.push(Row::new(name, value));
    r
}

pub fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(Finding::code).collect()
}

pub fn precheck_codes(r: &Request) -> Vec<&'static str> {
    codes(&sending::precheck(r, &secure_page()))
}

/// (code, request that fires it, near miss)
pub fn precheck_cases() -> Vec<(&'static str, Request, Request)> {
    let ok = get("https://api.example.com/v1");
    vec![
        ("url_invalid", get("api.example.com/v1"), ok.clone()),
        ("url_invalid", get("https://api.example.com/a b"), get("https://api.example.com/a%20b")),
        ("credentials_in_url", get("https://u:p@api.example.com/"), ok.clone()),
        ("mixed_content", get("http://api.example.com/"), get("http://127.0.0.1:8000/")),
        (
            "header_invalid",
            with_header(ok.clone(), "Authorization", "Bearer abc\n"),
            with_header(ok.clone(), "Authorization", "Bearer abc"),
        ),
        (
            "header_invalid",
            with_header(ok.clone(), "X-Name", "caf\u{e9} \u{2615}"),
            with_header(ok.clone(), "X-Name", "caf\u{e9}"),
        ),
        ("header_invalid", with_header(ok.clone(), "X Api Key", "1"), with_header(ok.clone(), "X-Api-Key", "1")),
        ("forbidden_header", with_header(ok.clone(), "Cookie", "session=1"), with_header(ok.clone(), "X-Session", "1")),
    ]
}

/// The request a failed fetch was for.
pub fn orders_with_bearer() -> Request {
    let mut r = get("https://api.example.com/v1/orders");
    r.auth = Auth::Bearer { token: "t".into() };
    r
}

/// (code, probe that gives it, probe that must not) for a fetch that failed.
pub fn failure_cases() -> Vec<(&'static str, Probe, Probe)> {
    vec![("cors_blocked", Probe::Reachable, Probe::Failed), ("network_unreachable", Probe::Failed, Probe::Reachable)]
}

/// (code, (status, readable headers, cross-origin) that fires it, near misses)
pub fn response_cases() -> Vec<(&'static str, Answer, Vec<Answer>)> {
    let ct = vec![("content-type".to_string(), "application/json".to_string())];
    let www = vec![("WWW-Authenticate".to_string(), "Bearer".to_string())];
    vec![(
        "www_authenticate_hidden",
        (401, ct.clone(), true),
        vec![(401, www, true), (401, ct.clone(), false), (403, ct, true)],
    )]
}

pub type Answer = (u16, Vec<(String, String)>, bool);

pub fn response_codes((status, headers, cross_origin): &Answer) -> Vec<&'static str> {
    codes(&sending::response_findings(*status, headers, *cross_origin))
}

/// Runs every row.
pub fn outcomes() -> Vec<Outcome> {
    let mut out: Vec<Outcome> = precheck_cases()
        .into_iter()
        .map(|(code, fires, near_miss)| Outcome {
            table: "send_rules",
            code,
            fired: precheck_codes(&fires),
            quiet: precheck_codes(&near_miss),
            case: format!("{} (near miss {})", fires.url(), near_miss.url()),
        })
        .collect();
    let r = orders_with_bearer();
    for (code, fires, near_miss) in failure_cases() {
        out.push(Outcome {
            table: "send_rules",
            code,
            fired: vec![sending::explain_failure(&r, &secure_page(), fires).code()],
            quiet: vec![sending::explain_failure(&r, &secure_page(), near_miss).code()],
            case: format!("a failed fetch, probe {fires:?} (near miss {near_miss:?})"),
        });
    }
    for (code, fires, near_misses) in response_cases() {
        out.push(Outcome {
            table: "send_rules",
            code,
            fired: response_codes(&fires),
            quiet: near_misses.iter().flat_map(response_codes).collect(),
            case: format!("{fires:?} (near misses {near_misses:?})"),
        });
    }
    out
}
