//! A Key field: the pasted key, its encoding choice, and what it was read as.

use super::SecretEncodingSelect;
use crate::state::KeyEntry;
use leptos::prelude::*;

/// A box for a key as people paste it (PEM, JWK, JWKS or an HMAC secret), with the secret's
/// encoding, what the text was read as, and located errors. `id` names the textarea; the other
/// ids derive from it.
#[component]
pub fn KeyField(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    entry: KeyEntry,
    encoding_id: &'static str,
    encoding_label: &'static str,
) -> impl IntoView {
    let KeyEntry { text, encoding, keys, from_token } = entry;
    let detected_id = format!("{id}-detected");
    view! {
        <label for=id class="field-label small">{label}</label>
        <textarea id=id rows="4" spellcheck="false" autocomplete="off" aria-describedby=detected_id.clone()
            placeholder=placeholder
            prop:value=move || text.get()
            on:input=move |ev| { from_token.set(None); text.set(event_target_value(&ev)) }></textarea>
        <div class="key-options">
            <SecretEncodingSelect id=encoding_id label=encoding_label encoding=encoding />
            <span id=detected_id class="hint">{move || keys.with(|k| format!("Read as {}.", k.detected.describe()))}</span>
        </div>
        <ul class="problems" aria-label=format!("{label} errors")>
            {move || keys.with(|k| k.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>()).into_iter().map(|e| view! { <li class="problem">{e}</li> }).collect_view()}
        </ul>
        <ul class="notes">
            {move || keys.with(|k| k.notes.clone()).into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
        </ul>
    }
}
