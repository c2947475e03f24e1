//! The Export section: the request as curl, Python requests, HTTPie or fetch.

use super::DifferencesList;
use crate::model::request::export::{self, Options, Target};
use crate::model::request::reproduction::Sender;
use crate::state::Composer;
use crate::ui::copy::copy_and_report;
use leptos::prelude::*;

/// The composed request as curl, Python requests, HTTPie or fetch, ready to paste into a
/// terminal: the way to see the real status when the browser is not allowed to.
#[component]
pub fn CodeExport() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let target = RwSignal::new(Target::Curl);
    let env = RwSignal::new(true);
    let copied = RwSignal::new(None::<String>);
    let code = Memo::new(move |_| {
        composer.composed.with(|r| export::export(r, target.get(), Options { secrets_as_env: env.get() }))
    });
    let copy = move |_| {
        copy_and_report(code.get_untracked(), copied, "Copied.".into(), " Select the code and copy it by hand.");
    };
    // With no URL there is no request to write: one line instead of an empty snippet.
    let has_url = move || composer.url_text.with(|u| !u.trim().is_empty());
    view! {
        <section class="card export">
            <h2>"Export"</h2>
            <p class="hint" hidden=has_url>"Give the request a URL (or import a curl command) to get it as curl, Python requests, HTTPie, fetch or raw HTTP."</p>
            <div hidden=move || !has_url()>
                <div class="tabs" role="tablist" aria-label="Export as">
                    {Target::ALL.into_iter().map(|t| view! {
                        <button type="button" role="tab" class="tab"
                            aria-selected=move || (target.get() == t).to_string()
                            on:click=move |_| { target.set(t); copied.set(None); }>{t.label()}</button>
                    }).collect_view()}
                </div>
                <label class="checkbox">
                    <input type="checkbox" aria-describedby="env-hint" prop:checked=move || env.get() on:change=move |ev| env.set(event_target_checked(&ev)) />
                    " Use environment variables for secrets"
                </label>
                <p id="env-hint" class="hint">"Tokens, passwords and keys become "<code>"$TOKEN"</code>", "<code>"$PASSWORD"</code>", "<code>"$API_KEY"</code>"…, so the snippet can go into a ticket. Set them first, e.g. "<code>"export TOKEN=…"</code>"."</p>
                <pre class="code" role="tabpanel" aria-label="Exported code"><code>{move || code.get()}</code></pre>
                <DifferencesList sender=Signal::derive(move || Sender::Export(target.get())) label="What this export cannot reproduce" />
                <div class="export-actions">
                    <button type="button" class="secondary" on:click=copy>"Copy"</button>
                    <span role="status" class="hint">{move || copied.get()}</span>
                </div>
            </div>
        </section>
    }
}
