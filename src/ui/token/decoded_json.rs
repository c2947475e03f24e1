//! The decoded header and payload as pretty-printed JSON.

use crate::model::json;
use crate::model::token::jose::{Kind, Payload};
use crate::state::Inspector;
use leptos::prelude::*;

/// Displayed JSON is cut here; the claims table and findings still see everything.
const MAX_JSON_CHARS: usize = 100_000;

/// Decoded header and payload as pretty JSON, each shown even when the other is broken.
#[component]
pub fn DecodedJson() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let blocks = Memo::new(move |_| {
        inspector.inspection.with(|i| {
            let header = i.token.header().map(json::pretty_object);
            let payload = match &i.token.kind {
                Kind::Jws(j) => j.payload.as_ref().map(|p| match p {
                    Payload::Claims(c) => json::pretty_object(c),
                    Payload::OtherJson(v) => json::pretty(v),
                    Payload::Text(t) => t.clone(),
                    Payload::Binary(b) => format!("{} bytes of binary data: {}", b.len(), hex_preview(b)),
                }),
                Kind::Jwe(_) => {
                    Some("Encrypted: the claims can only be read with the recipient's private or shared key.".into())
                }
                _ => None,
            };
            (header, payload)
        })
    });
    // One choice per token: the next long token starts cut again.
    let show_all = RwSignal::new(false);
    Effect::new(move |_| {
        blocks.track();
        show_all.set(false);
    });
    let long = Memo::new(move |_| {
        blocks.with(|(h, p)| [h, p].into_iter().flatten().any(|t| t.chars().nth(json::SCREENFUL_CHARS).is_some()))
    });
    // Cut from the memo's own text: a megabyte is never copied to be shown in part.
    let shown = move |payload: bool| {
        // A screenful until Show all: laying out the full cut of a megabyte token's JSON costs
        // the browser more than the rest of the paste.
        let max = if show_all.get() { MAX_JSON_CHARS } else { json::SCREENFUL_CHARS };
        blocks.with(|(h, p)| match if payload { p } else { h } {
            Some(text) => json::truncate_chars(text, max),
            None => "(not readable)".into(),
        })
    };
    let problems = Memo::new(move |_| {
        inspector.inspection.with(|i| i.token.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>())
    });
    view! {
        <Show when=move || blocks.with(|(h, p)| h.is_some() || p.is_some()) || problems.with(|p| !p.is_empty())>
            <section class="card decoded" aria-labelledby="decoded-heading">
                <h2 id="decoded-heading">"Decoded"</h2>
                <ul class="problems" aria-label="Decoding errors">
                    {move || problems.get().into_iter().map(|p| view! { <li class="problem">{p}</li> }).collect_view()}
                </ul>
                <div class="json-pair">
                    <figure class="json part-0-border">
                        <figcaption>"Header"</figcaption>
                        <pre aria-label="Decoded header"><code>{move || shown(false)}</code></pre>
                    </figure>
                    <figure class="json part-1-border">
                        <figcaption>"Payload"</figcaption>
                        <pre aria-label="Decoded payload"><code>{move || shown(true)}</code></pre>
                    </figure>
                </div>
                <Show when=move || long.get() && !show_all.get()>
                    <button type="button" class="secondary" on:click=move |_| show_all.set(true)>"Show all of the decoded JSON"</button>
                </Show>
            </section>
        </Show>
    }
}

fn hex_preview(bytes: &[u8]) -> String {
    let mut s: String = bytes.iter().take(32).map(|b| format!("{b:02x} ")).collect();
    if bytes.len() > 32 {
        s.push('…');
    }
    s
}
