use crate::model::request::basic::{self, Latin1Difference};
use crate::model::request::{Auth, KeyLocation};
use crate::state::Composer;
use leptos::prelude::*;

fn kind(auth: &Auth) -> &'static str {
    match auth {
        Auth::None => "none",
        Auth::Bearer { .. } => "bearer",
        Auth::Basic { .. } => "basic",
        Auth::ApiKey { .. } => "apikey",
        Auth::Digest { .. } => "digest",
    }
}

/// Switching helper keeps the user name and password between Basic and Digest.
fn switch(auth: &Auth, to: &str) -> Auth {
    let (user, password) = match auth {
        Auth::Basic { user, password } | Auth::Digest { user, password } => (user.clone(), password.clone()),
        _ => (String::new(), String::new()),
    };
    match to {
        "bearer" => Auth::Bearer { token: String::new() },
        "basic" => Auth::Basic { user, password },
        "digest" => Auth::Digest { user, password },
        "apikey" => Auth::ApiKey { name: "X-API-Key".into(), value: String::new(), location: KeyLocation::Header },
        _ => Auth::None,
    }
}

/// The auth helpers, each showing the exact header it produces.
#[component]
pub fn AuthHelper() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let request = composer.request;
    let current = move || request.with(|r| kind(&r.auth));
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
    let latin1_warning = move || {
        composer.outgoing.with(|r| match &r.auth {
            Auth::Basic { user, password } => match basic::python_requests_difference(user, password) {
                Latin1Difference::Same => None,
                Latin1Difference::Differs { latin1_header } => Some(format!("Python requests encodes Basic credentials as Latin-1 and would send {latin1_header} instead: a server that expects UTF-8 (RFC 7617) rejects it. Pass the credentials as bytes: auth=(user.encode(), password.encode()).")),
                Latin1Difference::Unencodable { ch } => Some(format!("Python requests cannot encode '{ch}' in Basic credentials (it uses Latin-1) and raises UnicodeEncodeError; pass auth=(user.encode(), password.encode()).")),
            },
            _ => None,
        })
    };
    let produced = move || {
        composer.outgoing.with(|r| match &r.auth {
            Auth::None => None,
            Auth::Digest { .. } => Some(
                "Computed from the server's Digest challenge after its first 401 (RFC 7616), then sent once more."
                    .to_string(),
            ),
            Auth::ApiKey { name, value, location: KeyLocation::Query } => {
                Some(format!("Query parameter: {name}={value}"))
            }
            Auth::Bearer { token } if token.is_empty() => {
                Some("Paste the token in the Token box above: the Bearer helper sends that token.".to_string())
            }
            _ => r.auth_header().map(|(n, v)| format!("{n}: {v}")),
        })
    };
    view! {
        <fieldset class="auth">
            <legend>"Authentication"</legend>
            <div class="field">
                <label for="auth-kind">"Auth"</label>
                <select id="auth-kind" prop:value=current on:change=move |ev| {
                    let to = event_target_value(&ev);
                    request.update(|r| r.auth = switch(&r.auth, &to));
                }>
                    <option value="none">"None"</option>
                    <option value="bearer">"Bearer token (from the Token box)"</option>
                    <option value="basic">"Basic"</option>
                    <option value="apikey">"API key"</option>
                    <option value="digest">"Digest"</option>
                </select>
            </div>
            <Show when=move || matches!(current(), "basic" | "digest")>{credentials}</Show>
            <Show when=move || current() == "apikey">
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
