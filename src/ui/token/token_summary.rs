//! The one-glance summary: usable now or not, what it is, who issued it.

use crate::model::time;
use crate::model::token::claims::{self, Validity};
use crate::model::token::summary;
use crate::state::Inspector;
use leptos::prelude::*;

/// The one-glance answer: is the token usable now, what is it, who issued it.
#[component]
pub fn TokenSummary() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let validity = Memo::new(move |_| {
        let clock = inspector.clock.get();
        inspector.inspection.with(|i| i.token.claims().map(|c| claims::validity(c, clock)))
    });
    let badge = move || {
        let (class, text) = match validity.get() {
            Some(Validity::Valid { expires_in }) if expires_in < 0 => {
                ("valid", "valid now (within leeway)".to_string())
            }
            Some(Validity::Valid { expires_in }) => {
                ("valid", format!("valid now · expires in {}", time::human_duration(expires_in as u64)))
            }
            Some(Validity::Expired { ago }) => {
                ("bad", format!("expired · {} ago", time::human_duration(ago.max(0) as u64)))
            }
            Some(Validity::NotYetValid { starts_in }) => {
                ("bad", format!("not yet valid · in {}", time::human_duration(starts_in as u64)))
            }
            Some(Validity::NoExpiry) => ("neutral", "no expiry".to_string()),
            None => return None,
        };
        Some(view! { <span class=format!("status-badge {class}")>{text}</span> })
    };
    let status_word = move || validity.get().map(|v| v.label()).unwrap_or("");
    let description = Memo::new(move |_| inspector.inspection.with(summary::describe));
    view! {
        <Show when=move || !inspector.inspection.with(|i| i.is_empty())>
            <section class="card summary" aria-label="Token summary">
                <p class="sr-only" role="status">{status_word}</p>
                <div class="summary-line">{badge}<span class="kind">{move || description.get().0}</span></div>
                <ul class="facts">{move || description.get().1.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            </section>
        </Show>
    }
}
