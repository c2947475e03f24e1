//! The Request log: every request the page sent, in memory only.

use crate::model::time;
use crate::state::Composer;
use leptos::prelude::*;

/// Every request this page sent in this session, and where: kept in memory only.
#[component]
pub fn RequestLog() -> impl IntoView {
    let composer = expect_context::<Composer>();
    view! {
        <section class="card">
            <h2>"Request log"</h2>
            <p class="hint">"Every request this page has sent since it was opened (kept in memory, gone on reload). Decoding and diagnosis never send anything."</p>
            <ol class="log" aria-label="Request log">
                {move || composer.log.get().into_iter().rev().map(|e| view! {
                    <li><time>{time::format_utc(e.at)}</time>" "<code>{e.method}" "{e.url}</code>" → "{e.result}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}
