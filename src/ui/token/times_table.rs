//! The token's times (exp, nbf, iat, auth_time), ticking, with the leeway setting.

use crate::browser::clock::local_offset_minutes;
use crate::model::time;
use crate::model::token::claims;
use crate::state::Inspector;
use leptos::prelude::*;

/// exp, nbf, iat and auth_time in local time, UTC and relative to now, ticking every second,
/// with the clock-skew leeway the user allows.
#[component]
pub fn TimesTable() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let rows = Memo::new(move |_| {
        let clock = inspector.clock.get();
        inspector.inspection.with(|i| i.token.claims().map(|c| claims::time_rows(c, clock)).unwrap_or_default())
    });
    let has_claims = move || inspector.inspection.with(|i| i.token.claims().is_some());
    let leeway = inspector.leeway;
    view! {
        <Show when=has_claims>
            <section class="card">
                <h2 id="times-heading">"Times"</h2>
                <Show when=move || rows.with(|r| !r.is_empty()) fallback=|| view! { <p class="hint">"The token has no exp, nbf, iat or auth_time claim."</p> }>
                    <div class="table-scroll">
                        <table class="times" aria-labelledby="times-heading">
                            <thead><tr><th scope="col">"Claim"</th><th scope="col">"Relative"</th><th scope="col">"Local time"</th><th scope="col">"UTC"</th></tr></thead>
                            <tbody>
                                {move || rows.get().into_iter().map(|r| view! {
                                    <tr>
                                        <th scope="row"><code>{r.claim}</code></th>
                                        <td>{r.relative}</td>
                                        <td>{time::format_local(r.at, local_offset_minutes(r.at))}</td>
                                        <td>{r.utc}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Show>
                <div class="leeway">
                    <label for="leeway">"Clock skew leeway (seconds)"</label>
                    <input
                        id="leeway"
                        type="number"
                        min="0"
                        max="86400"
                        step="1"
                        inputmode="numeric"
                        aria-describedby="leeway-hint"
                        prop:value=move || leeway.get().to_string()
                        on:input=move |ev| {
                            // Anything that is not a sane number of seconds leaves the leeway as it was.
                            if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                                leeway.set(v.clamp(0, 86_400));
                            }
                        }
                    />
                    <span id="leeway-hint" class="hint">"Most servers allow none; some allow 30–300 s. Applied to exp, nbf and iat."</span>
                </div>
            </section>
        </Show>
    }
}
