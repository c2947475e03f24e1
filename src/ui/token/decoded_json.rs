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
            let header = i.token.header().map(|h| pretty(&serde_json::Value::Object(h.clone())));
            let payload = match &i.token.kind {
                Kind::Jws(j) => j.payload.as_ref().map(|p| match p {
                    Payload::Claims(c) => pretty(&serde_json::Value::Object(c.clone())),
                    Payload::OtherJson(v) => pretty(v),
                    Payload::Text(t) => json::truncate_chars(t, MAX_JSON_CHARS),
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
                        <pre aria-label="Decoded header"><code>{move || blocks.get().0.unwrap_or_else(|| "(not readable)".into())}</code></pre>
                    </figure>
                    <figure class="json part-1-border">
                        <figcaption>"Payload"</figcaption>
                        <pre aria-label="Decoded payload"><code>{move || blocks.get().1.unwrap_or_else(|| "(not readable)".into())}</code></pre>
                    </figure>
                </div>
            </section>
        </Show>
    }
}

fn pretty(v: &serde_json::Value) -> String {
    json::truncate_chars(&json::pretty(v), MAX_JSON_CHARS)
}

fn hex_preview(bytes: &[u8]) -> String {
    let mut s: String = bytes.iter().take(32).map(|b| format!("{b:02x} ")).collect();
    if bytes.len() > 32 {
        s.push('…');
    }
    s
}
