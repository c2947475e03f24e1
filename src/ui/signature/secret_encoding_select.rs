//! The choice of how an HMAC secret is written: text, base64 or base64url.

use crate::model::keys::SecretEncoding;
use leptos::prelude::*;

fn value_of(e: SecretEncoding) -> &'static str {
    match e {
        SecretEncoding::Utf8 => "utf8",
        SecretEncoding::Base64 => "base64",
        SecretEncoding::Base64Url => "base64url",
    }
}

/// How an HMAC secret is written: as text, or as base64 / base64url of its bytes. An explicit
/// choice, because guessing gets the one case wrong that makes a signature fail.
#[component]
pub fn SecretEncodingSelect(
    id: &'static str,
    label: &'static str,
    encoding: RwSignal<SecretEncoding>,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id prop:value=move || value_of(encoding.get()) on:change=move |ev| {
            encoding.set(match event_target_value(&ev).as_str() {
                "base64" => SecretEncoding::Base64,
                "base64url" => SecretEncoding::Base64Url,
                _ => SecretEncoding::Utf8,
            });
        }>
            <option value="utf8">"UTF-8 text"</option>
            <option value="base64">"base64"</option>
            <option value="base64url">"base64url"</option>
        </select>
    }
}
