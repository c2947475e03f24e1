//! Editable name/value rows for query parameters, headers and form fields.

use crate::model::request::{Request, Row};
use crate::state::Composer;
use leptos::prelude::*;

/// Which list of rows in the request an editor works on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    Query,
    Headers,
    Fields,
}

fn rows_mut(r: &mut Request, which: Rows) -> &mut Vec<Row> {
    match which {
        Rows::Query => &mut r.query,
        Rows::Headers => &mut r.headers,
        Rows::Fields => &mut r.body.fields,
    }
}

fn rows(r: &Request, which: Rows) -> &Vec<Row> {
    match which {
        Rows::Query => &r.query,
        Rows::Headers => &r.headers,
        Rows::Fields => &r.body.fields,
    }
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
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut Row)>| {
        request.update(|r| {
            if let Some(row) = rows_mut(r, which).get_mut(i) {
                f(row);
            }
        });
        if which == Rows::Query {
            composer.sync_url_text();
        }
    };
    let count = Memo::new(move |_| request.with(|r| rows(r, which).len()));
    let field = move |i: usize, pick: fn(&Row) -> String| {
        move || request.with(|r| rows(r, which).get(i).map(pick).unwrap_or_default())
    };
    view! {
        <div class="rows">
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row">
                    <input
                        type="checkbox"
                        aria-label="Enabled"
                        prop:checked=move || request.with(|r| rows(r, which).get(i).is_some_and(|x| x.enabled))
                        on:change=move |ev| { let on = event_target_checked(&ev); edit(i, Box::new(move |row| row.enabled = on)) }
                    />
                    <input
                        type="text"
                        class="row-name"
                        aria-label=name_label
                        placeholder="name"
                        spellcheck="false"
                        prop:value=field(i, |x| x.name.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |row| row.name = v)) }
                    />
                    <input
                        type="text"
                        class="row-value"
                        aria-label=value_label
                        placeholder="value"
                        spellcheck="false"
                        prop:value=field(i, |x| x.value.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |row| row.value = v)) }
                    />
                    <button type="button" class="icon" aria-label="Remove" on:click=move |_| {
                        request.update(|r| { let list = rows_mut(r, which); if i < list.len() { list.remove(i); } });
                        if which == Rows::Query { composer.sync_url_text(); }
                    }>"×"</button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| {
                request.update(|r| rows_mut(r, which).push(Row::new("", "")));
            }>{add_label}</button>
        </div>
    }
}
