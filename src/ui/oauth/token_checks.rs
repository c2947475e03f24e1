//! Introspect and Revoke, under Get a token: which token, the two endpoints, and what the
//! server said about it (or why the call failed).

use super::field::field;
use crate::model::oauth::introspection::Which;
use crate::state::{Check, Checked, Composer, Inspector, TokenGetter};
use crate::ui::diagnosis::FindingCard;
use leptos::prelude::*;

#[component]
pub fn TokenChecks() -> impl IntoView {
    let getter = expect_context::<TokenGetter>();
    let composer = expect_context::<Composer>();
    let inspector = expect_context::<Inspector>();
    // Why a button cannot be pressed yet, read as the press would build the request.
    let blocked = move |check: Check| getter.check_request(check, inspector).err().map(|e| e.to_string());
    let result = move || {
        getter.checked.get().map(|c| match c {
            Checked::Said(s) => view! {
                <p class=if s.good { "sig-result good" } else { "sig-result bad" } role="status" aria-label="Token check result">{s.line}</p>
            }
            .into_any(),
            Checked::Failed(report) => view! {
                <p class="sig-result bad" role="status" aria-label="Token check result">{report.verdict.clone()}</p>
                <ul class="findings-list" aria-label="Why the token check failed">
                    {report.ranked.into_iter().map(|r| view! { <FindingCard finding=r.finding /> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    view! {
        <fieldset class="token-checks">
            <legend>"Introspect or revoke"</legend>
            <p class="hint">"Ask the authorization server whether it still accepts a token (RFC 7662), or revoke one (RFC 7009), authenticated as the client above."</p>
            <div class="token-fields">
                {field(getter, "introspection-url", "Introspection URL", "url", |f| &f.introspection_url, |f, v| f.introspection_url = v)}
                {field(getter, "revocation-url", "Revocation URL", "url", |f| &f.revocation_url, |f, v| f.revocation_url = v)}
                <div class="token-field">
                    <label for="which-token" class="field-label small">"Which token"</label>
                    <select id="which-token" prop:value=move || getter.which.get().hint()
                        on:change=move |ev| if let Some(w) = Which::from_hint(&event_target_value(&ev)) { getter.which.set(w) }>
                        {Which::ALL.into_iter().map(|w| view! { <option value=w.hint()>{w.label()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="sign-actions">
                <button type="button" class="secondary" disabled=move || getter.checking.get() || blocked(Check::Introspect).is_some()
                    on:click=move |_| getter.check_token(Check::Introspect, composer, inspector)>"Introspect"</button>
                <button type="button" class="secondary" disabled=move || getter.checking.get() || blocked(Check::Revoke).is_some()
                    on:click=move |_| getter.check_token(Check::Revoke, composer, inspector)>"Revoke"</button>
                <span class="hint">{move || {
                    let mut why: Vec<String> = [Check::Introspect, Check::Revoke].into_iter().filter_map(blocked).collect();
                    why.dedup();
                    why.join(" ")
                }}</span>
            </div>
            {result}
        </fieldset>
    }
}
