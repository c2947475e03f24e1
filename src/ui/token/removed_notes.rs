//! What was stripped around the pasted token.

use crate::state::Inspector;
use leptos::prelude::*;

/// Says what was stripped to find the token: often that is the bug itself.
#[component]
pub fn RemovedNotes() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let notes = Memo::new(move |_| {
        inspector.inspection.with(|i| {
            let mut lines: Vec<String> = i.extracted.removed.iter().map(|r| r.to_string()).collect();
            if let Some(note) = &i.extracted.note {
                lines.push(note.clone());
            }
            lines
        })
    });
    view! {
        <Show when=move || notes.with(|n| !n.is_empty())>
            <div class="removed" aria-label="Removed from the input">
                <span class="removed-title">"Removed to find the token: "</span>
                <ul>{move || notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        </Show>
    }
}
