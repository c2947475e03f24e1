//! One finding as a card: severity, code, title, evidence, fix and the standard.

use crate::model::findings::Finding;
use crate::ui::RichText;
use leptos::prelude::*;

/// One finding: severity, code, title, evidence, fix and the standard it rests on.
#[component]
pub fn FindingCard(finding: Finding, #[prop(optional)] likelihood: Option<&'static str>) -> impl IntoView {
    let info = finding.info;
    let severity = info.severity.label();
    view! {
        <li class=format!("finding {severity}")>
            <div class="finding-head">
                <span class=format!("severity {severity}")>{severity}</span>
                {likelihood.map(|l| view! { <span class=format!("likelihood {l}") title="How likely this is the cause">{format!("{l} likelihood")}</span> })}
                <code class="finding-code">{info.code}</code>
                <span class="finding-title">{info.title}</span>
            </div>
            <p class="finding-evidence"><span class="label">"Evidence: "</span><RichText text=finding.evidence /></p>
            <p class="finding-fix"><span class="label">"Fix: "</span><RichText text=finding.fix /></p>
            <p class="finding-ref">
                <a href=info.url target="_blank" rel="noopener noreferrer">{info.reference}</a>
            </p>
        </li>
    }
}
