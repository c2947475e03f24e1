//! Example buttons that fill the Token box with typical broken tokens.

use crate::model::token::examples;
use crate::state::Inspector;
use leptos::prelude::*;

/// Buttons that fill the Token box with a typical broken token: the quickest way to see what
/// the page does.
#[component]
pub fn ExamplesBar() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let labels: Vec<&'static str> = examples::all(0).iter().map(|e| e.label).collect();
    view! {
        <div class="examples" role="group" aria-label="Examples">
            <span class="examples-label">"Try:"</span>
            {labels
                .into_iter()
                .enumerate()
                .map(|(i, label)| {
                    let fill = move |_| {
                        let now = inspector.clock.get_untracked().now;
                        if let Some(example) = examples::all(now).into_iter().nth(i) {
                            inspector.raw.set(example.text);
                        }
                    };
                    view! { <button type="button" class="chip-button" on:click=fill>{label}</button> }
                })
                .collect_view()}
        </div>
    }
}
