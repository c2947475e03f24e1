//! The Token box itself.

use super::ExamplesBar;
use super::RemovedNotes;
use crate::state::Inspector;
use leptos::prelude::*;

#[component]
pub fn TokenInput() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let raw = inspector.raw;
    view! {
        <section class="card token-input">
            <label id="token-label" for="token" class="field-label">"Token"</label>
            <p id="token-hint" class="hint">
                "A JWT or opaque token, "<code>"Bearer …"</code>", a whole "<code>"Authorization:"</code>
                " header, token-endpoint JSON or a "<code>"curl"</code>" command. Decoded as you type, in this page only."
            </p>
            <textarea
                id="token"
                aria-describedby="token-hint"
                rows="6"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="eyJhbGciOi…"
                prop:value=move || raw.get()
                on:input=move |ev| raw.set(event_target_value(&ev))
            ></textarea>
            <div class="input-actions">
                <ExamplesBar />
                <button type="button" class="secondary" on:click=move |_| raw.set(String::new()) disabled=move || raw.with(String::is_empty)>
                    "Clear"
                </button>
            </div>
            <RemovedNotes />
        </section>
    }
}
