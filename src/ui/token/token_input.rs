//! The Token box itself. A token far longer than any request can carry is shown cut, read-only
//! (`model::token::shown`), until the user asks to edit all of it: the page reads the whole
//! token either way.

use super::ExamplesBar;
use super::RemovedNotes;
use crate::model::token::shown;
use crate::state::Inspector;
use leptos::html::Textarea;
use leptos::prelude::*;
use web_sys::{ClipboardEvent, HtmlTextAreaElement};

#[component]
pub fn TokenInput() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let raw = inspector.raw;
    // The user pressed "Edit the whole token" for the token the box holds now.
    let edit_whole = RwSignal::new(false);
    // The box's text and the line under it while cut; None while it shows everything.
    let cut = Memo::new(move |_| {
        raw.with(|t| shown::cut(t, edit_whole.get()).map(|c| (c.start.to_string(), shown::cut_notice(&c))))
    });
    let box_ref = NodeRef::<Textarea>::new();
    let on_input = move |ev| {
        // A read-only box is not edited; its text is only the start of the token.
        if !cut.with_untracked(Option::is_some) {
            raw.set(event_target_value(&ev));
        }
    };
    // A long paste that replaces the whole box (or any paste into a cut box) is taken from the
    // clipboard without the browser inserting it into the textarea first, which alone costs
    // more than decoding it.
    let on_paste = move |ev: ClipboardEvent| {
        let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
        let replaces_all = all_selected(&event_target(&ev));
        if cut.with_untracked(Option::is_some) || text.len() > shown::BOX_LIMIT && replaces_all {
            ev.prevent_default();
            edit_whole.set(false);
            raw.set(text);
        }
    };
    // Copying the whole of a cut box copies the whole token, not the start it shows.
    let on_copy = move |ev: ClipboardEvent| {
        if all_selected(&event_target(&ev)) && cut.with_untracked(Option::is_some) {
            if let Some(data) = ev.clipboard_data() {
                if raw.with_untracked(|t| data.set_data("text/plain", t)).is_ok() {
                    ev.prevent_default();
                }
            }
        }
    };
    let edit_all = move |_| {
        edit_whole.set(true);
        // The button goes away with the cut: keep the keyboard in the box being edited.
        if let Some(el) = box_ref.get_untracked() {
            let _ = el.focus();
        }
    };
    view! {
        <section class="card token-input">
            <label id="token-label" for="token" class="field-label">"Token"</label>
            <p id="token-hint" class="hint">
                "A JWT or opaque token, "<code>"Bearer …"</code>", a whole "<code>"Authorization:"</code>
                " header, token-endpoint JSON or a "<code>"curl"</code>" command. Decoded as you type, in this page only."
            </p>
            <textarea
                id="token"
                node_ref=box_ref
                aria-describedby=move || if cut.with(Option::is_some) { "token-hint token-cut" } else { "token-hint" }
                rows="6"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="eyJhbGciOi…"
                readonly=move || cut.with(Option::is_some)
                prop:value=move || cut.with(|c| c.as_ref().map(|(start, _)| start.clone())).unwrap_or_else(|| raw.get())
                on:input=on_input
                on:paste=on_paste
                on:copy=on_copy
            ></textarea>
            {move || cut.with(|c| c.as_ref().map(|(_, notice)| view! {
                <p id="token-cut" class="hint" role="status">
                    {notice.clone()}" "
                    <button type="button" class="secondary" on:click=edit_all>"Edit the whole token"</button>
                </p>
            }))}
            <div class="input-actions">
                <ExamplesBar />
                <button type="button" class="secondary" disabled=move || raw.with(String::is_empty)
                    on:click=move |_| {
                        edit_whole.set(false);
                        raw.set(String::new());
                    }>
                    "Clear"
                </button>
            </div>
            <RemovedNotes />
        </section>
    }
}

/// The selection is the box's whole text (an empty box counts: a paste replaces nothing).
fn all_selected(el: &HtmlTextAreaElement) -> bool {
    matches!((el.selection_start(), el.selection_end()), (Ok(Some(0)), Ok(Some(end))) if end == el.text_length())
}
