//! The Auth select and its fields, with the exact header each helper produces.

use crate::model::request::auth::{self, AuthKind};
use crate::model::request::{Auth, KeyLocation};
use crate::state::Composer;
use leptos::prelude::*;

/// The auth helpers, each showing the exact header it produces.
#[component]
pub fn AuthHelper() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let request = composer.request;
    let current = move || request.with(|r| AuthKind::of(&r.auth));
    let set_text = move |apply: fn(&mut Auth, String)| {
        move |ev| {
            let v = event_target_value(&ev);
            request.update(|r| apply(&mut r.auth, v));
        }
    };
    let credentials = move || {
        view! {
            <div class="field">
                <label for="auth-user">"Username"</label>
                <input id="auth-user" type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || request.with(|r| match &r.auth { Auth::Basic { user, .. } | Auth::Digest { user, .. } => user.clone(), _ => String::new() })
                    on:input=set_text(|a, v| if let Auth::Basic { user, .. } | Auth::Digest { user, .. } = a { *user = v }) />
            </div>
            <div class="field">
                <label for="auth-password">"Password"</label>
                <input id="auth-password" type="password" autocomplete="off"
                    prop:value=move || request.with(|r| match &r.auth { Auth::Basic { password, .. } | Auth::Digest { password, .. } => password.clone(), _ => String::new() })
                    on:input=set_text(|a, v| if let Auth::Basic { password, .. } | Auth::Digest { password, .. } = a { *password = v }) />
            </div>
        }
    };
    let latin1_warning = move || composer.outgoing.with(|r| auth::latin1_warning(&r.auth));
    let produced = move || composer.outgoing.with(auth::produced);
    view! {
        <fieldset class="auth">
            <legend>"Authentication"</legend>
            <div class="field">
                <label for="auth-kind">"Auth"</label>
                <select id="auth-kind" prop:value=move || current().as_str() on:change=move |ev| {
                    if let Some(to) = AuthKind::parse(&event_target_value(&ev)) {
                        request.update(|r| r.auth = auth::switched(&r.auth, to));
                    }
                }>
                    {AuthKind::ALL.map(|k| view! { <option value=k.as_str()>{k.label()}</option> })}
                </select>
            </div>
            <Show when=move || current().has_credentials()>{credentials}</Show>
            <Show when=move || current() == AuthKind::ApiKey>
                <div class="field">
                    <label for="key-name">"Key name"</label>
                    <input id="key-name" type="text" spellcheck="false"
                        prop:value=move || request.with(|r| if let Auth::ApiKey { name, .. } = &r.auth { name.clone() } else { String::new() })
                        on:input=set_text(|a, v| if let Auth::ApiKey { name, .. } = a { *name = v }) />
                </div>
                <div class="field">
                    <label for="key-value">"Key value"</label>
                    <input id="key-value" type="text" spellcheck="false" autocomplete="off"
                        prop:value=move || request.with(|r| if let Auth::ApiKey { value, .. } = &r.auth { value.clone() } else { String::new() })
                        on:input=set_text(|a, v| if let Auth::ApiKey { value, .. } = a { *value = v }) />
                </div>
                <div class="field">
                    <label for="key-location">"Send in"</label>
                    <select id="key-location"
                        prop:value=move || request.with(|r| if let Auth::ApiKey { location: KeyLocation::Query, .. } = &r.auth { "query" } else { "header" })
                        on:change=set_text(|a, v| if let Auth::ApiKey { location, .. } = a { *location = if v == "query" { KeyLocation::Query } else { KeyLocation::Header } })>
                        <option value="header">"a header"</option>
                        <option value="query">"a query parameter"</option>
                    </select>
                </div>
            </Show>
            {move || produced().map(|p| view! { <p class="produced" aria-label="Auth header sent"><code>{p}</code></p> })}
            {move || latin1_warning().map(|w| view! { <p class="warning-note">{w}</p> })}
        </fieldset>
    }
}
