//! The device grant in progress: the code to type and where, the polling's state, Stop waiting.

use crate::model::url;
use crate::state::TokenGetter;
use leptos::prelude::*;

/// A link only to an http(s) address: the server chose it, so `javascript:` and the like stay
/// text.
fn link(address: String) -> AnyView {
    if url::parse(&address).is_ok() {
        let href = address.clone();
        view! { <a href=href target="_blank" rel="noopener noreferrer">{address}</a> }.into_any()
    } else {
        view! { <code>{address}</code> }.into_any()
    }
}

#[component]
pub fn DeviceSignIn() -> impl IntoView {
    let getter = expect_context::<TokenGetter>();
    move || {
        getter.device.get().map(|wait| {
            let code = wait.code;
            view! {
                <div class="device-sign-in" role="group" aria-label="Device sign-in">
                    <p>"On any device, open " {link(code.verification_uri)} " and enter the code"</p>
                    <p class="user-code" aria-label="User code">{code.user_code}</p>
                    {code.verification_uri_complete.map(|u| view! {
                        <p class="hint">"Or open " {link(u)} ", which carries the code."</p>
                    })}
                    <p class="hint" role="status" aria-label="Device status">{wait.status}</p>
                    <button type="button" class="secondary" on:click=move |_| getter.cancel_device()>"Stop waiting"</button>
                </div>
            }
        })
    }
}
