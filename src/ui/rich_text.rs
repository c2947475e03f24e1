//! Text whose `backticked` spans render as code, as the model's messages write them.

use leptos::prelude::*;

/// Text whose `backticked` spans are code, the convention the model's messages use.
#[component]
pub fn RichText(#[prop(into)] text: String) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, piece)| {
            let piece = piece.to_string();
            if i % 2 == 1 {
                view! { <code>{piece}</code> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
