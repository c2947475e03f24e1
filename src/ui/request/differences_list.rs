//! What a sender cannot send exactly as the request has it, each difference with its code:
//! shown before Send for the page's own fetch, and under the export for its client.

use crate::model::request::reproduction::sender::differences;
use crate::model::request::reproduction::Sender;
use crate::state::Composer;
use leptos::prelude::*;

/// The differences for `sender`, or nothing when it sends the request exactly.
#[component]
pub fn DifferencesList(#[prop(into)] sender: Signal<Sender>, label: &'static str) -> impl IntoView {
    let composer = expect_context::<Composer>();
    let listed = Memo::new(move |_| composer.outgoing.with(|r| differences(r, sender.get())));
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
