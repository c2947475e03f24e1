//! "A new version is available": shown when the service worker has installed a new deployment.

use crate::state::AppUpdate;
use leptos::prelude::*;

#[component]
pub fn UpdateNotice() -> impl IntoView {
    let update = expect_context::<AppUpdate>();
    // The live region is always there, so a screen reader announces what appears in it.
    view! {
        <div class="update-region" role="status">
            <Show when=move || update.waiting.get()>
                <div class="update-notice">
                    <p>"A new version of why401 is available. Reloading starts the page afresh: what you typed here is not kept."</p>
                    <button type="button" on:click=move |_| update.reload()>"Reload"</button>
                    <button type="button" class="secondary" on:click=move |_| update.later()>"Later"</button>
                </div>
            </Show>
        </div>
    }
}
