//! The Findings section: the verdict on top, every finding ranked, checks for the script, the copied report.

use super::FindingCard;
use crate::state::Diagnosis;
use crate::ui::copy::copy_and_report;
use crate::ui::oauth::RefreshRetry;
use leptos::prelude::*;

/// The answer: a one-line verdict, then every finding, likeliest first, and the checks that
/// only the user's own script can settle.
#[component]
pub fn FindingsList() -> impl IntoView {
    let diagnosis = expect_context::<Diagnosis>();
    let report = diagnosis.report;
    let copied = RwSignal::new(None::<String>);
    let copy = move |markdown: bool| {
        let text = if markdown { diagnosis.markdown() } else { diagnosis.json() };
        let done = format!("Copied as {}, secrets masked.", if markdown { "Markdown" } else { "JSON" });
        copy_and_report(text, copied, done, "");
    };
    view! {
        <section class="card findings">
            <h2>"Findings"</h2>
            <p class=move || report.with(|r| match (r.nothing_given, r.all_good) {
                (true, _) => "verdict empty",
                (_, true) => "verdict good",
                _ => "verdict",
            }) aria-live="polite">{move || report.with(|r| r.verdict.clone())}</p>
            <RefreshRetry />
            <ul aria-label="Findings" class="findings-list">
                {move || report.with(|r| r.ranked.clone()).into_iter().map(|r| view! { <FindingCard finding=r.finding likelihood=r.likelihood.label() /> }).collect_view()}
            </ul>
            <Show when=move || report.with(|r| !r.script_checks.is_empty())>
                <h3>"Checks for your script"</h3>
                <ul aria-label="Checks for your script" class="script-checks">
                    {move || report.with(|r| r.script_checks.clone()).into_iter().map(|c| view! { <li><strong>{c.title}</strong>" "{c.why}</li> }).collect_view()}
                </ul>
            </Show>
            // A report of nothing is not worth copying: the buttons come with something to report.
            <div class="export-actions" hidden=move || report.with(|r| r.nothing_given)>
                <button type="button" class="secondary" on:click=move |_| copy(true)>"Copy report as Markdown"</button>
                <button type="button" class="secondary" on:click=move |_| copy(false)>"Copy report as JSON"</button>
                <span role="status" class="hint">{move || copied.get()}</span>
            </div>
        </section>
    }
}
