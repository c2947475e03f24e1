//! The Body type and content, JSON checked as it is typed.

use super::Rows;
use super::RowsEditor;
use crate::model::json;
use crate::model::request::{BodyKind, Method};
use crate::state::Composer;
use leptos::prelude::*;

fn kind_value(k: BodyKind) -> &'static str {
    match k {
        BodyKind::None => "none",
        BodyKind::Json => "json",
        BodyKind::Form => "form",
        BodyKind::Multipart => "multipart",
        BodyKind::Raw => "raw",
    }
}

/// Body type and content. JSON is checked as you type, with the error located.
#[component]
pub fn BodyEditor() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let request = composer.request;
    let kind = Memo::new(move |_| request.with(|r| r.body.kind));
    let json_error = Memo::new(move |_| {
        request.with(|r| {
            (r.body.kind == BodyKind::Json && !r.body.text.trim().is_empty())
                .then(|| json::parse(&r.body.text).err().map(|e| e.to_string()))
                .flatten()
        })
    });
    let content_type = move || {
        composer.outgoing.with(|r| {
            if r.body.kind == BodyKind::Multipart {
                return Some(("Content-Type: multipart/form-data".to_string(), " with a boundary the browser chooses"));
            }
            let from_row = r.has_header("content-type");
            r.effective_headers().into_iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type")).map(|(n, v)| {
                let whence =
                    if from_row { " (from the Headers above)" } else { " (set a Content-Type header to override)" };
                (format!("{n}: {v}"), whence)
            })
        })
    };
    view! {
        <fieldset class="body">
            <legend>"Request body"</legend>
            <div class="field">
                <label for="body-kind">"Body type"</label>
                <select id="body-kind" prop:value=move || kind_value(kind.get()) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let k = BodyKind::ALL.into_iter().find(|k| kind_value(*k) == v).unwrap_or_default();
                    request.update(|r| {
                        r.body.switch_kind(k);
                        // A body on a GET is almost never meant: switch to POST like curl -d does.
                        if k != BodyKind::None && r.method == Method::Get { r.method = Method::Post; }
                    });
                }>
                    {BodyKind::ALL.into_iter().map(|k| view! { <option value=kind_value(k)>{k.label()}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || matches!(kind.get(), BodyKind::Json | BodyKind::Raw)>
                <label for="body" class="field-label small">"Body"</label>
                <textarea id="body" rows="6" spellcheck="false"
                    aria-describedby="body-error"
                    prop:value=move || request.with(|r| r.body.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); request.update(|r| r.body.text = v) }></textarea>
            </Show>
            <Show when=move || kind.get() == BodyKind::Form>
                <RowsEditor which=Rows::Form name_label="Field name" value_label="Field value" add_label="Add field" />
            </Show>
            <Show when=move || kind.get() == BodyKind::Multipart>
                <RowsEditor which=Rows::Multipart name_label="Field name" value_label="Field value" add_label="Add field" />
            </Show>
            <p id="body-error" class="problem" role="alert" hidden=move || json_error.with(Option::is_none)>{move || json_error.get()}</p>
            {move || content_type().map(|(c, whence)| view! { <p class="hint"><code>{c}</code>{whence}</p> })}
        </fieldset>
    }
}
