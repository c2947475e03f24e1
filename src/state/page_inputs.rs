//! The page's inputs read into one `PageState` and put back from one: a sign-in's round trip
//! and a share link both go through here, so they agree on what "the inputs" are.

use super::{Composer, Diagnosis, Inspector, TokenGetter};
use crate::model::page_state::PageState;
use leptos::prelude::*;

pub fn capture(inspector: Inspector, composer: Composer, diagnosis: Diagnosis, getter: TokenGetter) -> PageState {
    PageState {
        token: inspector.raw.get_untracked(),
        request: composer.request.get_untracked(),
        url_text: composer.url_text.get_untracked(),
        response: diagnosis.raw_response.get_untracked(),
        form: getter.form.get_untracked(),
        issuer: getter.issuer.get_untracked(),
    }
}

pub fn restore(page: PageState, inspector: Inspector, composer: Composer, diagnosis: Diagnosis, getter: TokenGetter) {
    inspector.raw.set(page.token);
    composer.request.set(page.request);
    composer.url_text.set(page.url_text);
    diagnosis.raw_response.set(page.response);
    getter.form.set(page.form);
    getter.issuer.set(page.issuer);
}
