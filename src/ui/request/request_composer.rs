//! The Request section: method, URL, auth, query, headers, body, Send and Cancel.

use super::AuthHelper;
use super::BodyEditor;
use super::DifferencesList;
use super::Rows;
use super::RowsEditor;
use super::VariablesEditor;
use crate::model::request::reproduction::Sender;
use crate::model::request::Method;
use crate::state::Composer;
use leptos::prelude::*;

/// Method, URL, auth, query, headers and body: the call the user's script makes.
#[component]
pub fn RequestComposer() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let request = composer.request;
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            composer.send();
        }
    };
    view! {
        <section class="card composer" on:keydown=on_key>
            <h2>"Request"</h2>
            <p class="hint">"Reproduce the failing call. Sent from this page by your browser, to the URL you give and nowhere else. Ctrl+Enter sends."</p>
            <div class="request-line">
                <div class="field method">
                    <label for="method">"Method"</label>
                    // A method the command gave as typed (PROPFIND, post) is an option of its own
                    // until another is chosen.
                    <select id="method" prop:value=move || request.with(|r| r.method_name().to_string()) on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if request.with_untracked(|r| r.method_as_typed.as_deref() == Some(v.as_str())) { return }
                        if let Some(m) = Method::parse(&v) { request.update(|r| { r.method = m; r.method_as_typed = None; }) }
                    }>
                        {move || request.with(|r| r.method_as_typed.clone()).map(|m| { let label = m.clone(); view! { <option value=m>{label}</option> } })}
                        {Method::ALL.into_iter().map(|m| view! { <option value=m.as_str()>{m.as_str()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field url">
                    <label for="url">"URL"</label>
                    <input id="url" type="url" inputmode="url" spellcheck="false" autocomplete="off" placeholder="https://api.example.com/v1/items"
                        prop:value=move || composer.url_text.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            request.update(|r| r.set_url(&v));
                            composer.url_text.set(v);
                        } />
                </div>
                <div class="send-buttons">
                    <button type="button" class="primary" on:click=move |_| composer.send() disabled=move || composer.in_flight.get()>
                        {move || if composer.in_flight.get() { "Sending…" } else { "Send" }}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| composer.cancel() disabled=move || !composer.in_flight.get()>"Cancel"</button>
                </div>
            </div>
            <VariablesEditor />
            <AuthHelper />
            <details class="rows-block" open>
                <summary>{move || format!("Query parameters ({})", request.with(|r| r.query.len()))}</summary>
                <RowsEditor which=Rows::Query name_label="Parameter name" value_label="Parameter value" add_label="Add parameter" />
            </details>
            <details class="rows-block" open>
                <summary>{move || format!("Headers ({})", request.with(|r| r.headers.len()))}</summary>
                <RowsEditor which=Rows::Headers name_label="Header name" value_label="Header value" add_label="Add header" />
            </details>
            <BodyEditor />
            <DifferencesList sender=Sender::Page label="What Send cannot reproduce" />
        </section>
    }
}
