//! The Signature section: the verdict, the key, discovery and JWKS fetching.

use super::{KeyField, TokenKeys};
use crate::model::signature::remote;
use crate::state::{Composer, Inspector, Verifier};
use crate::ui::diagnosis::FindingCard;
use leptos::prelude::*;

/// Verify the token's signature with a pasted key, a JWKS, a secret or the issuer's published
/// keys, and say in plain words why it does not verify.
#[component]
pub fn SignaturePanel() -> impl IntoView {
    let verifier = expect_context::<Verifier>();
    let inspector = expect_context::<Inspector>();
    let composer = expect_context::<Composer>();
    let jwks_url = RwSignal::new(String::new());
    let iss = Memo::new(move |_| {
        inspector
            .inspection
            .with(|i| i.token.claims().and_then(|c| c.get("iss")).and_then(|v| v.as_str()).map(str::to_string))
    });
    let discoverable = move || iss.get().filter(|i| remote::allowed_remote(i).is_ok());
    let result = move || {
        let verdict = verifier.verdict.get();
        let class = match verdict.tone() {
            Some(true) => "sig-result good",
            Some(false) => "sig-result bad",
            None => "sig-result",
        };
        let text = verdict.sentence();
        view! { <p class=class role="status" aria-label="Signature result">{text}</p> }
    };
    let findings = verifier.findings;
    view! {
        <Show when=move || inspector.inspection.with(|i| !i.is_empty())>
            <section class="card signature">
                <h2>"Signature"</h2>
                {result}
                // Which key and why; when nothing could be checked the result above already says so.
                {move || verifier.plan.with(|p| p.blocked.is_none().then(|| view! { <p class="hint">{p.why.clone()}</p> }))}
                <KeyField id="key" label="Key" entry=verifier.key
                    placeholder="-----BEGIN PUBLIC KEY----- …, a JWK or JWKS, or the HS256 secret"
                    encoding_id="secret-encoding" encoding_label="Secret encoding" />
                <div class="remote-keys">
                    <button type="button" class="secondary" disabled=move || discoverable().is_none()
                        on:click=move |_| if let Some(i) = discoverable() { verifier.discover(composer, i) }>
                        "Fetch the issuer's keys"
                    </button>
                    <span class="hint">{move || match (iss.get(), discoverable()) {
                        (Some(i), Some(_)) => format!("Asks {} for its OpenID/OAuth metadata, then its JWKS. Nothing is sent until you press it.", i),
                        (Some(i), None) => format!("The issuer {i} is not an https (or loopback) URL, so its keys are not fetched."),
                        (None, _) => "The token has no iss to discover keys from.".to_string(),
                    }}</span>
                </div>
                <div class="remote-keys">
                    <label for="jwks-url" class="sr-only">"JWKS URL"</label>
                    <input id="jwks-url" type="url" placeholder="https://issuer.example.com/.well-known/jwks.json" spellcheck="false"
                        prop:value=move || jwks_url.get() on:input=move |ev| jwks_url.set(event_target_value(&ev)) />
                    <button type="button" class="secondary" disabled=move || jwks_url.with(|u| u.trim().is_empty())
                        on:click=move |_| verifier.fetch_jwks(composer, jwks_url.get_untracked().trim().to_string(), None)>"Fetch JWKS"</button>
                </div>
                <TokenKeys />
                {move || verifier.remote_note.get().map(|n| view! { <p class="hint" role="status">{n}</p> })}
                <ul class="findings-list" aria-label="What the signature check found">
                    {move || findings.get().into_iter().map(|f| view! { <FindingCard finding=f /> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
