//! Refresh and retry, beside the verdict: when the top finding is about the token (expired, not
//! yet valid, refused, revoked), a new token from the Get a token section and one more try of
//! the request, both answers side by side.

use crate::model::oauth::token_request::{self, FormError};
use crate::model::oauth::REFRESHABLE;
use crate::model::request::outcome::Outcome;
use crate::state::{Attempt, Composer, Diagnosis, Inspector, TokenGetter};
use leptos::prelude::*;

fn attempt_view(label: &'static str, a: Attempt) -> impl IntoView {
    view! {
        <div class="attempt">
            <h3>{label}</h3>
            <p><strong>{a.status}</strong></p>
            <p class="hint">{a.verdict}</p>
        </div>
    }
}

#[component]
pub fn RefreshRetry() -> impl IntoView {
    let getter = expect_context::<TokenGetter>();
    let composer = expect_context::<Composer>();
    let inspector = expect_context::<Inspector>();
    let diagnosis = expect_context::<Diagnosis>();
    let offered = move || {
        let sent = composer.outcome.with(|o| o.as_ref().and_then(Outcome::received).is_some());
        let about_token =
            diagnosis.report.with(|r| r.ranked.first().is_some_and(|top| REFRESHABLE.contains(&top.finding.code())));
        sent && about_token
    };
    // A new token comes from the refresh token a sign-in left, the grant again, or a new
    // sign-in (the retry then follows when the page is back).
    let ready = move || match getter.form.with(token_request::renewal) {
        Ok(_) => true,
        Err(FormError::SignInFirst) => getter.sign_in_url.with(Result::is_ok),
        Err(_) => false,
    };
    view! {
        <Show when=offered>
            <div class="refresh-retry">
                <button type="button" class="primary" disabled=move || !ready() || getter.in_flight.get()
                    on:click=move |_| getter.refresh_and_retry(composer, inspector, diagnosis)>"Refresh and retry"</button>
                <span class="hint">{move || match getter.form.with(token_request::renewal) {
                    Ok(_) => "Gets a new token with the Get a token section's grant (or the refresh token it holds), puts it in the request and sends it once more.",
                    Err(FormError::SignInFirst) if ready() => "Signs in again (this tab goes to the sign-in page and comes back with your inputs), then sends the request once more.",
                    Err(_) => "Fill in the Get a token section below (token URL, client, grant) to get a new token from here.",
                }}</span>
            </div>
        </Show>
        {move || getter.retry.get().map(|r| view! {
            <div class="attempts" role="group" aria-label="Refresh and retry">
                {attempt_view("Before", r.before)}
                {match r.after {
                    Some(a) => attempt_view("After a new token", a).into_any(),
                    None => view! { <p class="hint">"A new token is in the Token box, but the request carries no Bearer token to replace: put it in the request yourself."</p> }.into_any(),
                }}
            </div>
        })}
    }
}
