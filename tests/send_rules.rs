//! The sending findings: each fires on its case and stays silent on a near miss.

use why401::model::findings::Finding;
use why401::model::request::sending::{self, PageContext, Probe};
use why401::model::request::{Auth, Method, Request, Row};

fn secure_page() -> PageContext {
    PageContext { origin: "https://why401.example".into(), secure: true }
}

fn get(url: &str) -> Request {
    let mut r = Request { method: Method::Get, ..Default::default() };
    r.set_url(url);
    r
}

fn with_header(mut r: Request, name: &str, value: &str) -> Request {
    r.headers.push(Row::new(name, value));
    r
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(Finding::code).collect()
}

fn precheck_codes(r: &Request) -> Vec<&'static str> {
    codes(&sending::precheck(r, &secure_page()))
}

/// (code, request that fires it, near miss)
fn precheck_cases() -> Vec<(&'static str, Request, Request)> {
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

#[test]
fn precheck_codes_fire_and_near_misses_do_not() {
    for (code, fires, near_miss) in precheck_cases() {
        assert!(precheck_codes(&fires).contains(&code), "{code} should fire on {}", fires.url());
        assert!(!precheck_codes(&near_miss).contains(&code), "{code} should not fire on {}", near_miss.url());
    }
}

#[test]
fn an_http_page_may_call_http() {
    let page = PageContext { origin: "http://127.0.0.1:8080".into(), secure: false };
    assert!(sending::precheck(&get("http://api.example.com/"), &page).is_empty());
}

#[test]
fn a_failed_fetch_is_cors_or_unreachable_by_the_probe() {
    let mut r = get("https://api.example.com/v1/orders");
    r.auth = Auth::Bearer { token: "t".into() };
    // (code, probe that gives it, probe that must not)
    let cases =
        [("cors_blocked", Probe::Reachable, Probe::Failed), ("network_unreachable", Probe::Failed, Probe::Reachable)];
    for (code, fires, near_miss) in cases {
        assert_eq!(sending::explain_failure(&r, &secure_page(), fires).code(), code);
        assert_ne!(sending::explain_failure(&r, &secure_page(), near_miss).code(), code);
    }
    let blocked = sending::explain_failure(&r, &secure_page(), Probe::Reachable);
    assert!(blocked.evidence.contains("preflight"), "{}", blocked.evidence);
    assert!(blocked.fix.contains("`Access-Control-Allow-Headers: authorization`"), "{}", blocked.fix);
    assert!(blocked.fix.contains("`Access-Control-Expose-Headers: WWW-Authenticate`"));
    let unreachable = sending::explain_failure(&r, &secure_page(), Probe::Failed);
    assert!(unreachable.evidence.contains("https://api.example.com"));
}

#[test]
fn cors_blocked_without_preflight_says_so() {
    let r = get("https://api.example.com/public");
    let f = sending::explain_failure(&r, &secure_page(), Probe::Reachable);
    assert!(!f.evidence.contains("preflight"), "{}", f.evidence);
}

#[test]
fn hidden_www_authenticate() {
    let ct = vec![("content-type".to_string(), "application/json".to_string())];
    let www = vec![("WWW-Authenticate".to_string(), "Bearer".to_string())];
    // (code, status, readable headers, cross-origin): the first fires, the near misses do not.
    let fires = ("www_authenticate_hidden", 401, ct.clone(), true);
    assert_eq!(codes(&sending::response_findings(fires.1, &fires.2, fires.3)), [fires.0]);
    for (status, headers, cross) in [(401, www, true), (401, ct.clone(), false), (403, ct, true)] {
        assert!(sending::response_findings(status, &headers, cross).is_empty(), "{status} {headers:?} {cross}");
    }
}
