//! Component tests: the real App mounted in headless Chromium, driven through the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// RFC 7515 A.1: expired since 2011.
const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn mount() -> HtmlElement {
    let document = document();
    let wrapper: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&wrapper).unwrap();
    let handle = leptos::mount::mount_to(wrapper.clone(), why401::App);
    // Keep the app alive for the rest of the test run.
    std::mem::forget(handle);
    wrapper
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn fire_input(el: &Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

async fn type_token(root: &HtmlElement, text: &str) {
    let area: HtmlTextAreaElement = find(root, "textarea#token").unchecked_into();
    area.set_value(text);
    fire_input(&area);
    leptos::task::tick().await;
}

fn finding_codes(root: &HtmlElement) -> Vec<String> {
    texts(root, "ul[aria-label='Findings'] .finding-code")
}

#[wasm_bindgen_test]
async fn the_token_box_is_labelled() {
    let root = mount();
    let label = find(&root, "label[for='token']");
    assert_eq!(label.text_content().unwrap(), "Token");
    // The box starts empty and is described by the hint that says what may be pasted.
    let area: HtmlTextAreaElement = find(&root, "textarea#token").unchecked_into();
    assert_eq!(area.value(), "");
    assert_eq!(area.get_attribute("aria-describedby").as_deref(), Some("token-hint"));
    let hint = find(&root, "#token-hint").text_content().unwrap();
    assert!(hint.starts_with("A JWT or opaque token, Bearer …, a whole Authorization: header"), "{hint}");
    assert_eq!(finding_codes(&root), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn pasting_a_token_fills_claims_and_findings() {
    let root = mount();
    type_token(&root, &format!("Authorization: Bearer {A1}")).await;
    let names = texts(&root, "table.claims tbody th code");
    assert_eq!(names, ["typ", "alg", "iss", "exp", "http://example.com/is_root"]);
    let values = texts(&root, "table.claims tbody td.value code");
    assert_eq!(values[2], "joe");
    assert!(finding_codes(&root).contains(&"token_expired".to_string()), "{:?}", finding_codes(&root));
    let removed = texts(&root, ".removed li");
    assert_eq!(removed, ["the header name \"Authorization:\"", "the \"Bearer\" scheme"]);
    assert!(find(&root, ".status-badge").text_content().unwrap().starts_with("expired"));
}

#[wasm_bindgen_test]
async fn a_broken_token_shows_a_located_error_and_the_page_recovers() {
    let root = mount();
    let broken = format!("{}!{}", &A1[..60], &A1[61..]);
    type_token(&root, &broken).await;
    let problems = texts(&root, "ul[aria-label='Decoding errors'] li");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("payload is not valid base64url at byte 19"), "{}", problems[0]);
    // The header still decodes and shows.
    assert!(find(&root, "pre[aria-label='Decoded header']").text_content().unwrap().contains("HS256"));
    assert!(finding_codes(&root).contains(&"token_malformed".to_string()));

    type_token(&root, A1).await;
    assert!(texts(&root, "ul[aria-label='Decoding errors'] li").is_empty());
    assert!(find(&root, "pre[aria-label='Decoded payload']").text_content().unwrap().contains("\"iss\": \"joe\""));
}

#[wasm_bindgen_test]
async fn leeway_changes_the_verdict() {
    let root = mount();
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let payload = why401::model::b64::encode(format!("{{\"exp\":{}}}", now - 100).as_bytes());
    type_token(&root, &format!("eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.{payload}.c2ln")).await;
    assert_eq!(finding_codes(&root), ["token_expired"]);

    let leeway: HtmlInputElement = find(&root, "input#leeway").unchecked_into();
    leeway.set_value("300");
    fire_input(&leeway);
    leptos::task::tick().await;
    assert_eq!(finding_codes(&root), Vec::<String>::new());
    assert!(find(&root, ".status-badge").text_content().unwrap().contains("within leeway"));

    // Nonsense leaves the leeway as it was instead of breaking the page.
    leeway.set_value("-");
    fire_input(&leeway);
    leptos::task::tick().await;
    assert_eq!(finding_codes(&root), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn example_buttons_fill_the_box() {
    let root = mount();
    let buttons = root.query_selector_all("[aria-label='Examples'] button").unwrap();
    let jwe = (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap() == "Encrypted token (JWE)")
        .expect("JWE example button");
    jwe.click();
    leptos::task::tick().await;
    let area: HtmlTextAreaElement = find(&root, "textarea#token").unchecked_into();
    assert_eq!(area.value().split('.').count(), 5);
    assert_eq!(finding_codes(&root), ["jwe_not_readable"]);
}
