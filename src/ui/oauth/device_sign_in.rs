//! The device grant in progress: the code to type and where, the polling's state, Stop waiting.

use crate::state::TokenGetter;
use leptos::prelude::*;

#[component]
pub fn DeviceSignIn() -> impl IntoView {
    let getter = expect_context::<TokenGetter>();
    move || {
        getter.device.get().map(|wait| {
            let code = wait.code;
            view! {
                <div class="device-sign-in" role="group" aria-label="Device sign-in">
                    <p>"On any device, open "
                        <a href=code.verification_uri.clone() target="_blank" rel="noopener noreferrer">{code.verification_uri.clone()}</a>
                        " and enter the code"</p>
                    <p class="user-code" aria-label="User code">{code.user_code}</p>
                    {code.verification_uri_complete.map(|u| view! {
                        <p class="hint">"Or open "<a href=u.clone() target="_blank" rel="noopener noreferrer">{u.clone()}</a>", which carries the code."</p>
                    })}
                    <p class="hint" role="status" aria-label="Device status">{wait.status}</p>
                    <button type="button" class="secondary" on:click=move |_| getter.cancel_device()>"Stop waiting"</button>
                </div>
            }
        })
    }
}
