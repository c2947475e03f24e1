//! The response the page received: status, time, headers, body, or why there was none.

use crate::model::json;
use crate::model::request::outcome::Outcome;
use crate::model::request::sending;
use crate::state::Composer;
use crate::ui::diagnosis::FindingCard;
use leptos::prelude::*;

/// Bodies longer than this are cut until the user asks for all of it.
const PREVIEW_CHARS: usize = 20_000;

/// What came back, or exactly why the browser would not let the page see it.
#[component]
pub fn ResponseView() -> impl IntoView {
    let composer = expect_context::<Composer>();
    view! {
        <Show when=move || composer.outcome.with(Option::is_some) || composer.in_flight.get()>
            <section class="card response" aria-live="polite" data-attempt=move || composer.attempts.get()>
                <h2>"Response"</h2>
                <Show when=move || composer.in_flight.get()>
                    <p class="hint">"Waiting for the server…"</p>
                </Show>
                {move || composer.outcome.get().map(|o| match o {
                    Outcome::Received { received: r, note } => {
                        let pretty = json::parse(&r.body).map(|v| json::pretty(&v)).unwrap_or_else(|_| r.body.clone());
                        let long = pretty.chars().count() > PREVIEW_CHARS;
                        // One per response: the next long body starts cut again.
                        let show_all = RwSignal::new(false);
                        let findings = sending::response_findings(r.status, &r.headers, r.cross_origin);
                        let class = if r.status >= 400 { "status bad" } else { "status good" };
                        view! {
                            <p class="status-line" aria-label="Status">
                                <span class=class>{format!("{} {}", r.status, r.status_text)}</span>
                                <span class="meta">{format!("{:.0} ms · {} bytes{}", r.elapsed_ms, r.body_bytes, if r.redirected { format!(" · redirected to {}", r.final_url) } else { String::new() })}</span>
                            </p>
                            {note.map(|n| view! { <p class="warning-note">{n}</p> })}
                            <ul class="findings-list" aria-label="Response findings">
                                {findings.into_iter().map(|f| view! { <FindingCard finding=f /> }).collect_view()}
                            </ul>
                            <h3>"Headers"</h3>
                            <p class="hint">{if r.cross_origin { "Cross-origin response: only the headers CORS lets this page read are listed." } else { "All response headers." }}</p>
                            <div class="table-scroll">
                                <table class="headers" aria-label="Response headers">
                                    <tbody>
                                        {r.headers.into_iter().map(|(n, v)| view! { <tr><th scope="row"><code>{n}</code></th><td><code>{v}</code></td></tr> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h3>"Body"</h3>
                            <pre class="response-body" aria-label="Response body"><code>{move || if long && !show_all.get() { json::truncate_chars(&pretty, PREVIEW_CHARS) } else { pretty.clone() }}</code></pre>
                            <Show when=move || long && !show_all.get()>
                                <button type="button" class="secondary" on:click=move |_| show_all.set(true)>"Show the whole body"</button>
                            </Show>
                        }.into_any()
                    }
                    Outcome::Failed { finding, message } => view! {
                        <p class="status-line"><span class="status bad">"No HTTP response"</span><span class="meta">{format!("fetch said: {message}")}</span></p>
                        <ul class="findings-list" aria-label="Response findings"><FindingCard finding=finding /></ul>
                    }.into_any(),
                    Outcome::NotSent(findings) => view! {
                        <p class="status-line"><span class="status bad">"Not sent"</span></p>
                        <ul class="findings-list" aria-label="Response findings">
                            {findings.into_iter().map(|f| view! { <FindingCard finding=f /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Outcome::Cancelled => view! { <p class="status-line"><span class="status">"Cancelled"</span></p> }.into_any(),
                })}
            </section>
        </Show>
    }
}
