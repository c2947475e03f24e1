//! The Import curl box that fills the composer from a pasted command.

use crate::model::request::curl;
use crate::model::request::Auth;
use crate::state::{Composer, Inspector};
use leptos::prelude::*;

/// Paste what DevTools' "Copy as cURL" or the API docs give; the composer is filled from it.
/// Flags the page does not understand are listed, never silently dropped.
#[component]
pub fn CurlImport() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let inspector = expect_context::<Inspector>();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Result<(Vec<String>, Vec<String>), String>>);
    let import = move |_| {
        let result = text.with_untracked(|t| curl::import(t));
        report.set(Some(match result {
            Ok(imported) => {
                let mut request = imported.request;
                // The Bearer helper's token lives in the Token box, shared with the inspector.
                if let Auth::Bearer { token } = &mut request.auth {
                    inspector.raw.set(std::mem::take(token));
                }
                composer.request.set(request);
                composer.sync_url_text();
                Ok((imported.unknown_flags, imported.notes))
            }
            Err(e) => Err(e.to_string()),
        }));
    };
    view! {
        <section class="card curl-import">
            <h2>"Import curl"</h2>
            <label for="curl" class="field-label small">"curl command"</label>
            <textarea id="curl" rows="4" spellcheck="false" autocomplete="off"
                placeholder="curl 'https://api.example.com/v1/items' -H 'Authorization: Bearer …'"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="button" class="primary" on:click=import disabled=move || text.with(|t| t.trim().is_empty())>"Import"</button>
            {move || report.get().map(|r| match r {
                Err(e) => view! { <p class="problem" role="alert">{format!("Could not import: {e}")}</p> }.into_any(),
                Ok((unknown, notes)) => view! {
                    <p class="hint" role="status">"Imported into the request below."</p>
                    <Show when={let n = unknown.len(); move || n > 0}>
                        <p class="warning-note">"Not understood, left out: "{unknown.iter().map(|f| view! { <code>{f.clone()}</code>" " }).collect_view()}</p>
                    </Show>
                    <ul class="notes" aria-label="Import notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                }.into_any(),
            })}
        </section>
    }
}
