//! Editable name/value rows for query parameters, headers and form fields.

use crate::model::request::urlencoded::Piece;
use crate::model::request::{Request, Row};
use crate::state::Composer;
use leptos::prelude::*;

/// Which list of rows in the request an editor works on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The URL's query: pieces kept as typed, shown decoded.
    Query,
    Headers,
    /// A urlencoded body: pieces like the query's.
    Form,
    Multipart,
}

/// One row as the editor sees it, whatever the list holds.
struct Cell {
    name: String,
    value: String,
    enabled: bool,
}

impl Rows {
    fn len(self, r: &Request) -> usize {
        match self {
            Rows::Query => r.query.len(),
            Rows::Headers => r.headers.len(),
            Rows::Form => r.body.form.len(),
            Rows::Multipart => r.body.fields.len(),
        }
    }

    fn get(self, r: &Request, i: usize) -> Option<Cell> {
        let piece = |p: &Piece| Cell { name: p.name(), value: p.value(), enabled: p.enabled };
        let row = |x: &Row| Cell { name: x.name.clone(), value: x.value.clone(), enabled: x.enabled };
        match self {
            Rows::Query => r.query.get(i).map(piece),
            Rows::Headers => r.headers.get(i).map(row),
            Rows::Form => r.body.form.get(i).map(piece),
            Rows::Multipart => r.body.fields.get(i).map(row),
        }
    }

    /// Applies an edit to row `i`; a piece rewrites only the part edited.
    fn edit(self, r: &mut Request, i: usize, edit: Edit) {
        let pieces = match self {
            Rows::Query => &mut r.query,
            Rows::Form => &mut r.body.form,
            Rows::Headers | Rows::Multipart => {
                let rows = if self == Rows::Headers { &mut r.headers } else { &mut r.body.fields };
                if let Some(row) = rows.get_mut(i) {
                    match edit {
                        Edit::Name(v) => row.name = v,
                        Edit::Value(v) => row.value = v,
                        Edit::Enabled(on) => row.enabled = on,
                    }
                }
                return;
            }
        };
        if let Some(p) = pieces.get_mut(i) {
            match edit {
                Edit::Name(v) => p.set_name(&v),
                Edit::Value(v) => p.set_value(&v),
                Edit::Enabled(on) => p.enabled = on,
            }
        }
    }

    fn remove(self, r: &mut Request, i: usize) {
        match self {
            Rows::Query if i < r.query.len() => drop(r.query.remove(i)),
            Rows::Headers if i < r.headers.len() => drop(r.headers.remove(i)),
            Rows::Form if i < r.body.form.len() => drop(r.body.form.remove(i)),
            Rows::Multipart if i < r.body.fields.len() => drop(r.body.fields.remove(i)),
            _ => {}
        }
    }

    fn add(self, r: &mut Request) {
        match self {
            Rows::Query => r.query.push(Piece::raw("")),
            Rows::Headers => r.headers.push(Row::new("", "")),
            Rows::Form => r.body.form.push(Piece::raw("")),
            Rows::Multipart => r.body.fields.push(Row::new("", "")),
        }
    }
}

enum Edit {
    Name(String),
    Value(String),
    Enabled(bool),
}

/// Editable name/value rows with an on/off switch. Rows are keyed by index so inputs keep
/// focus while typing; only adding or removing a row re-renders the list.
#[component]
pub fn RowsEditor(
    which: Rows,
    name_label: &'static str,
    value_label: &'static str,
    add_label: &'static str,
) -> impl IntoView {
    let composer = expect_context::<Composer>();
    let request = composer.request;
    let changed = move || {
        if which == Rows::Query {
            composer.sync_url_text();
        }
    };
    let edit = move |i: usize, e: Edit| {
        request.update(|r| which.edit(r, i, e));
        changed();
    };
    let count = Memo::new(move |_| request.with(|r| which.len(r)));
    let cell = move |i: usize| request.with(|r| which.get(r, i));
    view! {
        <div class="rows">
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row">
                    <input
                        type="checkbox"
                        aria-label="Enabled"
                        prop:checked=move || cell(i).is_some_and(|c| c.enabled)
                        on:change=move |ev| edit(i, Edit::Enabled(event_target_checked(&ev)))
                    />
                    <input
                        type="text"
                        class="row-name"
                        aria-label=name_label
                        placeholder="name"
                        spellcheck="false"
                        prop:value=move || cell(i).map(|c| c.name).unwrap_or_default()
                        on:input=move |ev| edit(i, Edit::Name(event_target_value(&ev)))
                    />
                    <input
                        type="text"
                        class="row-value"
                        aria-label=value_label
                        placeholder="value"
                        spellcheck="false"
                        prop:value=move || cell(i).map(|c| c.value).unwrap_or_default()
                        on:input=move |ev| edit(i, Edit::Value(event_target_value(&ev)))
                    />
                    <button type="button" class="icon" aria-label="Remove" on:click=move |_| {
                        request.update(|r| which.remove(r, i));
                        changed();
                    }>"×"</button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| {
                request.update(|r| which.add(r));
                changed();
            }>{add_label}</button>
        </div>
    }
}
