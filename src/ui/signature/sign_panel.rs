//! The Sign a token section.

use super::KeyField;
use crate::model::signature::sign;
use crate::state::{Inspector, Signer};
use crate::ui::copy::copy_and_report;
use leptos::prelude::*;

/// Make a token with exactly the claims you want, signed with an HMAC secret or a private key,
/// to test how a server answers it (an expired one, another audience, a missing scope…).
#[component]
pub fn SignPanel() -> impl IntoView {
    let signer = expect_context::<Signer>();
    let inspector = expect_context::<Inspector>();
    let copied = RwSignal::new(None::<String>);
    let now = move || inspector.clock.get_untracked().now;
    let start = move |_| {
        let (h, p) = inspector.inspection.with_untracked(|i| sign::start_from(&i.token, now()));
        signer.header.set(h);
        signer.payload.set(p);
    };
    let set_time = move |claim: &'static str, offset: i64| {
        // On a payload that is not a JSON object nothing changes: its error is shown already.
        move |_| {
            if let Ok(p) = sign::set_time_claim(&signer.payload.get_untracked(), claim, now() + offset) {
                signer.payload.set(p)
            }
        }
    };
    let token = move || signer.output.with(|o| o.as_ref().and_then(|(_, t)| t.as_ref().ok().cloned()));
    let copy = move |_| {
        if let Some(text) = token() {
            copy_and_report(text, copied, "Copied.".into(), " Select the token and copy it by hand.");
        }
    };
    let open = RwSignal::new(false);
    view! {
        <details class="card sign" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2>"Sign a token"</h2></summary>
            // Drawn only while open: a page load does not build what most visits never open.
            <Show when=move || open.get()>
                <p class="hint">"Edit the claims and sign them with a secret or a private key, to see how your server answers a token you control. Signing happens in this page, with your browser's WebCrypto."</p>
                <div class="sign-actions">
                    <button type="button" class="secondary" on:click=start>"Start from the token above"</button>
                    <button type="button" class="secondary" on:click=set_time("iat", 0)>"iat: now"</button>
                    <button type="button" class="secondary" on:click=set_time("exp", 3600)>"exp: in 1 hour"</button>
                    <button type="button" class="secondary" on:click=set_time("exp", -3600)>"exp: 1 hour ago"</button>
                </div>
                <div class="sign-fields">
                    <div>
                        <label for="sign-header" class="field-label small">"Header to sign"</label>
                        <textarea id="sign-header" rows="4" spellcheck="false" autocomplete="off"
                            placeholder="{\"alg\": \"HS256\", \"typ\": \"JWT\"}"
                            prop:value=move || signer.header.get() on:input=move |ev| signer.header.set(event_target_value(&ev))></textarea>
                    </div>
                    <div>
                        <label for="sign-payload" class="field-label small">"Payload to sign"</label>
                        <textarea id="sign-payload" rows="8" spellcheck="false" autocomplete="off"
                            placeholder="{\"sub\": \"test-user\", \"exp\": 1767225600}"
                            prop:value=move || signer.payload.get() on:input=move |ev| signer.payload.set(event_target_value(&ev))></textarea>
                    </div>
                </div>
                <KeyField id="sign-key" label="Signing key" entry=signer.key
                    placeholder="the HS256 secret, -----BEGIN PRIVATE KEY----- …, or a private JWK (with \"d\")"
                    encoding_id="sign-secret-encoding" encoding_label="Encoding of the signing secret" />
                {move || signer.prepared.with(|p| match p {
                    Err(e) => view! { <p class="problem" role="alert" aria-label="Cannot sign">{e.to_string()}</p> }.into_any(),
                    Ok(s) => view! {
                        <p class="hint">{match &s.key_label {
                            Some(k) => format!("{} with the {k}.", s.alg),
                            None => "Unsigned (alg \"none\").".to_string(),
                        }}</p>
                        <ul class="notes">{s.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    }.into_any(),
                })}
                <button type="button" class="primary" disabled=move || signer.prepared.with(Result::is_err)
                    on:click=move |_| { copied.set(None); signer.sign() }>"Sign"</button>
                {move || signer.output.with(|o| o.as_ref().map(|(_, result)| match result {
                    Err(e) => view! { <p class="problem" role="alert">{format!("Could not sign: {e}")}</p> }.into_any(),
                    Ok(t) => view! {
                        <label for="signed-token" class="field-label small">"Signed token"</label>
                        <textarea id="signed-token" rows="4" readonly spellcheck="false" prop:value=t.clone()></textarea>
                        <Show when=move || !signer.output_is_current()>
                            <p class="hint">"The fields have changed since this token was signed: press Sign again."</p>
                        </Show>
                        <div class="sign-actions">
                            <button type="button" class="primary" on:click=move |_| if let Some(t) = token() { inspector.raw.set(t) }>"Use as Token"</button>
                            <button type="button" class="secondary" on:click=copy>"Copy"</button>
                            <span role="status" class="hint">{move || copied.get()}</span>
                        </div>
                    }.into_any(),
                }))}
            </Show>
        </details>
    }
}
