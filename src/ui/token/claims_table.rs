//! The Claims table: every header parameter and claim with its meaning.

use crate::model::token::claims::{self, ClaimRow, MAX_ROWS};
use crate::state::Inspector;
use leptos::prelude::*;

/// One row per header parameter and claim, with what each means in plain English.
#[component]
pub fn ClaimsTable() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let rows = Memo::new(move |_| {
        inspector.inspection.with(|i| {
            let header = i.token.header().map(|h| claims::rows(h, claims::header_meaning)).unwrap_or_default();
            let payload = i.token.claims().map(|c| claims::rows(c, claims::payload_meaning)).unwrap_or_default();
            let hidden = i.token.claims().map_or(0, |c| c.len().saturating_sub(MAX_ROWS));
            (header, payload, hidden)
        })
    });
    // Claims a finding points at are highlighted, so the evidence is visible in place.
    let flagged =
        Memo::new(move |_| inspector.findings.with(|f| f.iter().filter_map(|x| x.claim.clone()).collect::<Vec<_>>()));
    view! {
        <Show when=move || rows.with(|(h, p, _)| !h.is_empty() || !p.is_empty())>
            <section class="card">
                <h2 id="claims-heading">"Claims"</h2>
                <div class="table-scroll">
                    <table class="claims" aria-labelledby="claims-heading">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Value"</th><th scope="col" class="meaning">"Meaning"</th></tr></thead>
                        <tbody>
                            {move || rows.get().0.into_iter().map(|r| row(r, "header", false)).collect_view()}
                            {move || {
                                let flagged = flagged.get();
                                rows.get().1.into_iter().map(|r| { let f = flagged.contains(&r.name); row(r, "payload", f) }).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
                <Show when=move || rows.with(|r| r.2 > 0)>
                    <p class="hint">{move || format!("…and {} more claims not shown.", rows.with(|r| r.2))}</p>
                </Show>
            </section>
        </Show>
    }
}

fn row(r: ClaimRow, part: &'static str, flagged: bool) -> impl IntoView {
    let class = if flagged { "flagged" } else { "" };
    view! {
        <tr class=class>
            <th scope="row"><code>{r.name}</code>{(part == "header").then_some(view! { <span class="tag">"header"</span> })}</th>
            <td class="value">
                <code>{r.value}</code>
                // On a phone the meaning goes under the value instead of in a third column.
                <div class="meaning-inline">{r.meaning.unwrap_or("")}</div>
            </td>
            <td class="meaning">{r.meaning.unwrap_or("")}</td>
        </tr>
    }
}
