//! The Import curl box in the real App, in headless Chromium: what the page cannot reproduce is
//! listed with its codes, and the paste's other commands can be imported instead.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> HtmlElement {
    let document = leptos::prelude::document();
    let wrapper: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&wrapper).unwrap();
    let handle = leptos::mount::mount_to(wrapper.clone(), why401::App);
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

fn button(root: &HtmlElement, selector: &str, text: &str) -> HtmlElement {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default() == text)
        .unwrap_or_else(|| panic!("no button {text:?} in {selector}: {:?}", texts(root, selector)))
}

#[wasm_bindgen_test]
async fn import_says_what_it_cannot_reproduce_and_offers_the_other_commands() {
    let root = mount();
    let area: HtmlTextAreaElement = find(&root, "textarea#curl").unchecked_into();
    area.set_value(
        "# the user's orders\ncurl -k -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com/orders\ncurl -X DELETE https://api.example.com/orders/7",
    );
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    button(&root, ".curl-import button", "Import").click();
    leptos::task::tick().await;
    leptos::task::tick().await;

    assert_eq!(
        find(&root, ".curl-import [role=status]").text_content().unwrap(),
        "Imported command 1 of 2 into the request below."
    );
    let list = ".curl-import ul[aria-label='What the page cannot reproduce']";
    assert_eq!(texts(&root, &format!("{list} .finding-code")), ["tls_check_skipped", "variable_unresolved"]);
    let evidence = texts(&root, &format!("{list} .finding-evidence"));
    assert!(evidence[1].contains("keeps the text ${API_TOKEN}"), "{evidence:?}");
    let url: HtmlInputElement = find(&root, "input#url").unchecked_into();
    assert_eq!(url.value(), "https://api.example.com/orders");

    button(
        &root,
        ".curl-import [aria-label='Other commands in the paste'] button",
        "Import command 2: curl -X DELETE https://api.example.com/orders/7",
    )
    .click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(
        find(&root, ".curl-import [role=status]").text_content().unwrap(),
        "Imported command 2 of 2 into the request below."
    );
    let method: HtmlSelectElement = find(&root, "select#method").unchecked_into();
    assert_eq!(method.value(), "DELETE");
    assert!(texts(&root, &format!("{list} .finding-code")).is_empty());
    assert_eq!(
        texts(&root, ".curl-import [aria-label='Other commands in the paste'] button"),
        ["Import command 1: curl -k -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com/orders"]
    );
}
