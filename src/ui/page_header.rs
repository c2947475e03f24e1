//! The page title, the one line that says what the page is for, and the Theme select.

use leptos::prelude::*;

/// System follows `prefers-color-scheme`; Light and Dark override it for this visit (the
/// choice is not stored: the page keeps nothing).
const THEMES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

fn apply(theme: &str) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ =
        if theme == "system" { root.remove_attribute("data-theme") } else { root.set_attribute("data-theme", theme) };
}

#[component]
pub fn PageHeader() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1><span class="logo">"why"<strong>"401"</strong></span></h1>
            <label class="theme-choice">"Theme"
                <select on:change=move |ev| apply(&event_target_value(&ev))>
                    {THEMES.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                </select>
            </label>
            <p class="tagline">"Why did my request get 401? Paste a token, a header or a curl command: see what the server sees."</p>
        </header>
    }
}
