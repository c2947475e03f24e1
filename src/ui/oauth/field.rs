//! A labelled text field of the Get a token section, bound to one member of `TokenForm`.

use crate::model::oauth::token_request::TokenForm;
use crate::state::TokenGetter;
use leptos::prelude::*;

/// One labelled text field of the form, bound to one member of `TokenForm`.
pub fn field(
    getter: TokenGetter,
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    read: fn(&TokenForm) -> &String,
    write: fn(&mut TokenForm, String),
) -> impl IntoView {
    view! {
        <div class="token-field">
            <label for=id class="field-label small">{label}</label>
            <input id=id type=kind spellcheck="false" autocomplete="off"
                prop:value=move || getter.form.with(|f| read(f).clone())
                on:input=move |ev| getter.form.update(|f| write(f, event_target_value(&ev))) />
        </div>
    }
}
