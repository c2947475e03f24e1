//! Share: a link to this page with its inputs in the fragment, secrets left out unless the
//! user ticks the box; and, on a page opened from such a link, what its author left out.

use crate::state::{Composer, Diagnosis, Inspector, Sharing, TokenGetter};
use leptos::prelude::*;

#[component]
pub fn SharePanel() -> impl IntoView {
    let sharing = expect_context::<Sharing>();
    let inspector = expect_context::<Inspector>();
    let composer = expect_context::<Composer>();
    let diagnosis = expect_context::<Diagnosis>();
    let getter = expect_context::<TokenGetter>();
    view! {
        <section class="card share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share"</h2>
            {move || sharing.opened.get().map(|o| match o {
                Ok(line) => view! { <p class="sig-result good" role="status" aria-label="Opened from a link">{line}</p> }.into_any(),
                Err(why) => view! { <p class="sig-result bad" role="status" aria-label="Opened from a link">{why}</p> }.into_any(),
            })}
            <div class="sign-actions">
                <button type="button" class="secondary"
                    on:click=move |_| sharing.copy_link(inspector, composer, diagnosis, getter)>"Copy share link"</button>
                <label class="check">
                    <input type="checkbox" prop:checked=move || sharing.include_secrets.get()
                        on:change=move |ev| sharing.include_secrets.set(event_target_checked(&ev)) />
                    " Include the token and secrets"
                </label>
            </div>
            <Show when=move || sharing.include_secrets.get()>
                <p class="problem" role="note">"The link will carry your token, passwords and keys: anyone who gets it (a chat log, a ticket, browser history) can use them."</p>
            </Show>
            <p class="hint" role="status" aria-label="About the share link">{move || sharing.copied.get().unwrap_or_else(|| "The request, the pasted response and the settings go into the link's #fragment, which browsers never send to a server; the token and every secret are left out unless you include them.".into())}</p>
        </section>
    }
}
