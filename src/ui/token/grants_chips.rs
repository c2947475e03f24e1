//! Scopes, roles, permissions and groups as chips.

use crate::model::token::grants;
use crate::state::Inspector;
use leptos::prelude::*;

/// Scopes, roles, permissions and groups from wherever the IdP put them, as chips.
#[component]
pub fn GrantsChips() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let list =
        Memo::new(move |_| inspector.inspection.with(|i| i.token.claims().map(grants::gather).unwrap_or_default()));
    view! {
        <Show when=move || inspector.inspection.with(|i| i.token.claims().is_some())>
            <section class="card">
                <h2 id="grants-heading">"Scopes and roles"</h2>
                <Show when=move || list.with(|l| !l.is_empty()) fallback=|| view! {
                    <p class="hint">"No scope, scp, roles, permissions or groups claim: a server that checks scopes will answer 403."</p>
                }>
                    <ul class="chips" aria-label="Scopes and roles">
                        {move || list.get().into_iter().map(|g| {
                            let kind = g.kind.label();
                            let title = format!("{} from {}", g.kind.label(), g.source);
                            view! {
                                <li class=format!("chip {kind}") title=title>
                                    <span class="chip-kind">{g.kind.label()}</span>
                                    <span class="chip-value">{g.value}</span>
                                    <span class="chip-source">{g.source}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
            </section>
        </Show>
    }
}
