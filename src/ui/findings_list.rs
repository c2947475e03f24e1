use super::FindingCard;
use crate::state::Inspector;
use leptos::prelude::*;

#[component]
pub fn FindingsList() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let findings = inspector.findings;
    let empty_input = move || inspector.inspection.with(|i| i.is_empty());
    let summary = move || {
        findings.with(|f| match f.len() {
            0 if empty_input() => "Nothing to check yet: paste a token above.".to_string(),
            0 => "No problems found in the token itself. If the server still says 401, the cause is elsewhere: audience, issuer, signature key or the request.".to_string(),
            n => {
                let errors = f.iter().filter(|x| x.info.severity == crate::model::findings::Severity::Error).count();
                format!("{n} finding{}, {errors} error{}.", if n == 1 { "" } else { "s" }, if errors == 1 { "" } else { "s" })
            }
        })
    };
    view! {
        <section class="card findings">
            <h2 id="findings-heading">"Findings"</h2>
            <p class="findings-summary" aria-live="polite">{summary}</p>
            <ul aria-label="Findings" class="findings-list">
                {move || findings.get().into_iter().map(|f| view! { <FindingCard finding=f /> }).collect_view()}
            </ul>
        </section>
    }
}
