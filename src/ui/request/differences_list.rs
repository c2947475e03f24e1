//! What a sender cannot send exactly as the request has it, each difference with its code:
//! shown before Send for the page's own fetch, and under the export for its client, with
//! what the imported command does that no request holds.

use crate::model::request::reproduction::{for_sender, Sender};
use crate::state::Composer;
use leptos::prelude::*;

/// The differences for `sender`, or nothing when it sends the request exactly.
#[component]
pub fn DifferencesList(#[prop(into)] sender: Signal<Sender>, label: &'static str) -> impl IntoView {
    let composer = expect_context::<Composer>();
    // The page sends the variables' values the user gave; an export keeps them as variables.
    let listed = Memo::new(move |_| {
        let sender = sender.get();
        let request = if sender == Sender::Page { composer.outgoing } else { composer.composed };
        let mut listed = request.with(|r| for_sender(r, sender));
        // The imported command's own differences (a file, -k, a proxy…): no sender has what
        // they need, so each export says them too, as Send does.
        composer
            .command_differences
            .with(|own| listed.extend(own.iter().filter(|d| !d.exact.contains(&sender)).cloned()));
        listed
    });
    view! {
        <Show when=move || listed.with(|d| !d.is_empty())>
            <div class="differences">
                <p class="hint">{label}</p>
                <ul class="difference-list" aria-label=label>
                    {move || listed.get().into_iter().map(|d| view! {
                        <li class="difference">
                            <code class="difference-code">{d.code()}</code>" "{d.sentence()}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
