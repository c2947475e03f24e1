//! The page title and the one line that says what the page is for.

use leptos::prelude::*;

#[component]
pub fn PageHeader() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1><span class="logo">"why"<strong>"401"</strong></span></h1>
            <p class="tagline">"Why did my request get 401? Paste a token, a header or a curl command: see what the server sees."</p>
        </header>
    }
}
