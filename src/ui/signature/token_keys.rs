//! The keys a token names in its own header (`jwk`, `x5c`, `jku`, `x5u`): shown, its x5c chain
//! read, and usable in the Key field only on a press, because a server must never trust them.

use crate::model::json;
use crate::model::keys::certificate;
use crate::model::signature::remote;
use crate::model::time;
use crate::state::{Composer, Inspector, Verifier};
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn TokenKeys() -> impl IntoView {
    let verifier = expect_context::<Verifier>();
    let inspector = expect_context::<Inspector>();
    let composer = expect_context::<Composer>();
    let header = Memo::new(move |_| inspector.inspection.with(|i| i.token.header().cloned()));
    let member = move |name: &'static str| header.with(|h| h.as_ref().and_then(|h| h.get(name).cloned()));
    let url = move |name: &'static str| member(name).and_then(|v| v.as_str().map(str::to_string));
    let named = move || ["jwk", "x5c", "jku", "x5u"].into_iter().any(|m| member(m).is_some());
    let use_jwk = move |_| {
        if let Some(jwk) = member("jwk") {
            verifier.key.set(json::pretty(&jwk), Some("jwk"));
        }
    };
    let use_x5c = move |_| {
        if let Some(first) = member("x5c").and_then(|v| v.get(0).and_then(Value::as_str).map(str::to_string)) {
            verifier.key.set(certificate::pem_of(&first), Some("x5c"));
        }
    };
    let fetch = move |name: &'static str| {
        move |_| {
            if let Some(u) = url(name) {
                verifier.fetch_jwks(composer, u, Some(name));
            }
        }
    };
    let fetchable = move |name: &'static str| url(name).filter(|u| remote::allowed_remote(u).is_ok());
    let chain = move || {
        let now = inspector.clock.get().now;
        header
            .with(|h| h.as_ref().map(certificate::chain).unwrap_or_default())
            .into_iter()
            .enumerate()
            .map(move |(i, c)| {
                let line = match c {
                    Ok(c) => {
                        let validity = match (c.not_before, c.not_after) {
                            (_, Some(after)) if after < now => format!("expired {}", time::relative(after, now)),
                            (Some(before), _) if before > now => format!("valid only {}", time::relative(before, now)),
                            (_, Some(after)) => format!("valid until {}", time::format_utc(after)),
                            _ => "validity unreadable".to_string(),
                        };
                        format!("x5c[{i}]: {}, issued by {}; {validity}.", c.subject, c.issuer)
                    }
                    Err(e) => format!("{e}."),
                };
                view! { <li>{line}</li> }
            })
            .collect_view()
    };
    view! {
        <Show when=named>
            <div class="token-keys" role="group" aria-label="Keys named by the token">
                <p class="hint">"The token names its own key. Verifying with it shows only whether the token was signed by the key it names, which anyone can arrange: a server must use keys it already trusts (CVE-2018-0114)."</p>
                <ul class="notes">{chain}</ul>
                <div class="remote-keys">
                    <Show when=move || member("jwk").is_some()>
                        <button type="button" class="secondary" on:click=use_jwk>"Use the token's jwk"</button>
                    </Show>
                    <Show when=move || member("x5c").is_some()>
                        <button type="button" class="secondary" on:click=use_x5c>"Use the token's x5c certificate"</button>
                    </Show>
                    <Show when=move || fetchable("jku").is_some()>
                        <button type="button" class="secondary" on:click=fetch("jku")>"Fetch the token's jku"</button>
                    </Show>
                    <Show when=move || fetchable("x5u").is_some()>
                        <button type="button" class="secondary" on:click=fetch("x5u")>"Fetch the token's x5u"</button>
                    </Show>
                </div>
            </div>
        </Show>
    }
}
