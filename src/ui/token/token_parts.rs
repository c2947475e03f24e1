//! The token's parts in colour, with located decoding errors.

use crate::model::json;
use crate::model::token::jose::Part;
use crate::state::Inspector;
use leptos::prelude::*;

/// Long segments are cut on screen: a megabyte of base64 in the DOM helps nobody.
const MAX_SEGMENT_CHARS: usize = 2_000;

/// The token with each part in its own colour, so a missing or extra part is visible.
#[component]
pub fn TokenParts() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let parts = Memo::new(move |_| {
        inspector.inspection.with(|i| {
            i.token
                .segments
                .iter()
                .map(|s| (s.part, json::truncate_chars(&i.token.text[s.range.clone()], MAX_SEGMENT_CHARS)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || parts.with(|p| !p.is_empty())>
            <section class="card" aria-labelledby="parts-heading">
                <h2 id="parts-heading">"Encoded"</h2>
                <p class="token-parts" aria-label="Token parts">
                    {move || {
                        let list = parts.get();
                        let last = list.len().saturating_sub(1);
                        list.into_iter()
                            .enumerate()
                            .map(|(i, (part, text))| {
                                let class = format!("part part-{}", part_class(part, i));
                                let dot = (i < last).then_some(view! { <span class="dot">"."</span> });
                                view! { <span class=class title=part.name()>{text}</span>{dot} }
                            })
                            .collect_view()
                    }}
                </p>
                <p class="legend">
                    {move || {
                        parts.get().into_iter().enumerate()
                            .map(|(i, (part, _))| view! { <span class=format!("legend-item part-{}", part_class(part, i))>{part.name()}</span> })
                            .collect_view()
                    }}
                </p>
            </section>
        </Show>
    }
}

fn part_class(part: Part, index: usize) -> usize {
    match part {
        Part::Header => 0,
        Part::Payload => 1,
        Part::Signature => 2,
        _ => index,
    }
}
