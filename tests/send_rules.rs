//! The sending findings: each fires on its case and stays silent on a near miss (the table is
//! `common::tables::sending`, which `findings_docs` also runs).

mod common;

use common::tables::{self, sending::*};
use why401::model::request::sending::{self, PageContext, Probe};

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::sending::outcomes());
}

#[test]
fn an_http_page_may_call_http() {
    let page = PageContext { origin: "http://127.0.0.1:8080".into(), secure: false };
    assert!(sending::precheck(&get("http://api.example.com/"), &page).is_empty());
}

#[test]
fn a_failed_fetch_says_what_the_probe_found() {
    let r = orders_with_bearer();
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
fn hidden_www_authenticate_alone_and_nothing_on_the_near_misses() {
    for (code, fires, near_misses) in response_cases() {
        assert_eq!(response_codes(&fires), [code]);
        for answer in &near_misses {
            assert_eq!(response_codes(answer), Vec::<&str>::new(), "{answer:?}");
        }
    }
}
