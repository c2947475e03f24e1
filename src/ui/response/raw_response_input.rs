//! The Raw response box, for the response the user's own script got.

use crate::state::Diagnosis;
use leptos::prelude::*;

/// The response the user's script got, pasted as `curl -i` / `curl -v`, DevTools or Python
/// printed it: how a 401 from outside the browser gets diagnosed.
#[component]
pub fn RawResponseInput() -> impl IntoView {
    let diagnosis = expect_context::<Diagnosis>();
    let raw = diagnosis.raw_response;
    let parsed = diagnosis.pasted;
    view! {
        <section class="card raw-response">
            <label for="raw-response" class="field-label">"Raw response"</label>
            <p id="raw-response-hint" class="hint">
                "Paste the response your script got: "<code>"curl -i"</code>" or "<code>"curl -v"</code>" output, DevTools' response headers, or Python's "
                <code>"print(r.status_code, r.headers, r.text)"</code>". It is read here only, and takes the place of the response the page received."
            </p>
            <textarea id="raw-response" rows="6" spellcheck="false" autocomplete="off" aria-describedby="raw-response-hint"
                placeholder="HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\""
                prop:value=move || raw.get()
                on:input=move |ev| raw.set(event_target_value(&ev))></textarea>
            {move || parsed.get().map(|p| match p {
                Ok(summary) => view! { <p class="hint" role="status">{summary}</p> }.into_any(),
                Err(e) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
            })}
        </section>
    }
}
