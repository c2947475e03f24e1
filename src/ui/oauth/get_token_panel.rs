//! The Get a token section: the token endpoint, the client and the grant, the exact request
//! before it is sent, and what came back (the token into the Token box, or why not).

use super::device_sign_in::DeviceSignIn;
use super::field::field;
use super::token_checks::TokenChecks;
use crate::browser::navigation;
use crate::model::oauth::token_request::{ClientAuth, Grant};
use crate::model::oauth::{browser_limits, device, token_response};
use crate::model::request::export::{export, Options, Target};
use crate::model::request::outcome::Outcome;
use crate::model::response::vendor;
use crate::state::{Composer, Diagnosis, Got, Inspector, TokenGetter};
use crate::ui::copy::copy_and_report;
use crate::ui::diagnosis::FindingCard;
use leptos::prelude::*;

#[component]
pub fn GetTokenPanel() -> impl IntoView {
    let getter = expect_context::<TokenGetter>();
    let composer = expect_context::<Composer>();
    let inspector = expect_context::<Inspector>();
    let diagnosis = expect_context::<Diagnosis>();
    let grant = move || getter.form.with(|f| f.grant);
    let copied = RwSignal::new(None::<String>);
    // The page's own 401 may point at the resource's metadata (RFC 9728 §5.1).
    let resource_metadata = move || {
        composer.outcome.with(|o| {
            let received = o.as_ref().and_then(Outcome::received)?;
            let response = received.to_response();
            vendor::challenges(&response).iter().find_map(|c| c.resource_metadata().map(str::to_string))
        })
    };
    let signs_in = move || grant() == Grant::AuthorizationCode;
    // The request the preview shows and the copy buttons export; the device grant starts at the
    // device authorization endpoint (the polls follow).
    let shown = move || match grant() {
        Grant::DeviceCode => getter.form.with(device::authorization_request),
        _ => getter.request.get(),
    };
    let copy_as = move |target: Target| {
        if let Ok(req) = shown() {
            let said = format!("Copied as {}, secrets as variables.", target.label());
            copy_and_report(export(&req, target, Options { secrets_as_env: true }), copied, said, "");
        }
    };
    let preview = move || {
        if signs_in() {
            return getter.sign_in_url.with(|u| match u {
                Ok(url) => view! {
                    <pre class="code wrap" aria-label="Authorization request">{format!("GET {url}")}</pre>
                    <p class="hint">"Get token takes this tab to the sign-in page. Until the page is back, sessionStorage holds the state, the code_verifier and your inputs (Token, request, pasted response and these fields, secrets included); they are put back and removed the moment the page returns. The code that comes back is redeemed at the Token URL with the code_verifier."</p>
                }.into_any(),
                Err(e) => view! { <p class="hint" role="status">{e.clone()}</p> }.into_any(),
            });
        }
        let label = if grant() == Grant::DeviceCode { "Device authorization request" } else { "Token request" };
        match shown() {
            // Secrets as $VARIABLES: the request can be read, shown to a colleague or copied.
            Ok(req) => view! { <pre class="code wrap" aria-label=label>{export(&req, Target::RawHttp, Options { secrets_as_env: true })}</pre> }.into_any(),
            Err(e) => view! { <p class="hint" role="status">{e.to_string()}</p> }.into_any(),
        }
    };
    let got = move || {
        getter.got.get().map(|g| match g {
            Got::Token { expires_in, expires_at, rotated, scope, bearer } => view! {
                <p class="sig-result good" role="status" aria-label="Token result">{token_response::received_line(expires_in, scope.as_deref(), rotated, bearer)}</p>
                <p class="hint" aria-label="Token expiry">{move || token_response::expiry_line(expires_at, inspector.clock.get().now)}</p>
            }
            .into_any(),
            Got::Problem(why) => {
                view! { <p class="sig-result bad" role="status" aria-label="Token result">{why}</p> }.into_any()
            }
            Got::Refused(report) | Got::Failed(report) => view! {
                <p class="sig-result bad" role="status" aria-label="Token result">{report.verdict.clone()}</p>
                <ul class="findings-list" aria-label="Why the token request failed">
                    {report.ranked.into_iter().map(|r| view! { <FindingCard finding=r.finding /> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    view! {
        <details class="card get-token" prop:open=move || getter.open.get()
            on:toggle=move |ev| getter.open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2>"Get a token"</h2></summary>
            // Drawn only while open: a page load does not build what most visits never open.
            <Show when=move || getter.open.get()>
                <p class="hint">"Ask a token endpoint for a new token, from this page: the request below is sent only when you press Get token, and the token received goes into the Token box."</p>
                <div class="remote-keys">
                    <label for="token-issuer" class="field-label small">"Issuer"</label>
                    <input id="token-issuer" type="url" spellcheck="false" autocomplete="off" placeholder="https://login.example.com/realms/demo"
                        prop:value=move || getter.issuer.get() on:input=move |ev| getter.issuer.set(event_target_value(&ev)) />
                    <button type="button" class="secondary" disabled=move || getter.issuer.with(|i| i.trim().is_empty())
                        on:click=move |_| getter.discover(composer, Some(getter.issuer.get_untracked().trim().to_string()), None)>"Find the token URL"</button>
                    {move || resource_metadata().map(|url| view! {
                        <button type="button" class="secondary"
                            on:click=move |_| getter.discover(composer, None, Some(url.clone()))>"Follow the 401's resource_metadata"</button>
                    })}
                </div>
                <ol class="notes" aria-label="Discovery steps">
                    {move || getter.steps.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ol>
                <div class="token-fields">
                    <div class="token-field">
                        <label for="grant-type" class="field-label small">"Grant type"</label>
                        <select id="grant-type" prop:value=move || grant().value()
                            on:change=move |ev| if let Some(g) = Grant::from_value(&event_target_value(&ev)) { getter.form.update(|f| f.grant = g) }>
                            {Grant::ALL.into_iter().map(|g| view! { <option value=g.value()>{g.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="token-field">
                        <label for="client-auth" class="field-label small">"Client authentication"</label>
                        <select id="client-auth" prop:value=move || getter.form.with(|f| f.auth.value())
                            on:change=move |ev| if let Some(a) = ClientAuth::from_value(&event_target_value(&ev)) { getter.form.update(|f| f.auth = a) }>
                            {ClientAuth::ALL.into_iter().map(|a| view! { <option value=a.value()>{a.value()}</option> }).collect_view()}
                        </select>
                    </div>
                    <Show when=signs_in>
                        {field(getter, "authorization-url", "Authorization URL", "url", |f| &f.authorization_url, |f, v| f.authorization_url = v)}
                        <div class="token-field">
                            <label for="redirect-uri" class="field-label small">"Redirect URI"</label>
                            <input id="redirect-uri" type="url" readonly prop:value=navigation::page_address() />
                        </div>
                    </Show>
                    <Show when=move || grant() == Grant::DeviceCode>
                        {field(getter, "device-url", "Device authorization URL", "url", |f| &f.device_url, |f, v| f.device_url = v)}
                    </Show>
                    {field(getter, "token-url", "Token URL", "url", |f| &f.token_url, |f, v| f.token_url = v)}
                    {field(getter, "client-id", "Client ID", "text", |f| &f.client_id, |f, v| f.client_id = v)}
                    {field(getter, "client-secret", "Client secret", "password", |f| &f.client_secret, |f, v| f.client_secret = v)}
                    {field(getter, "token-scope", "Scope", "text", |f| &f.scope, |f, v| f.scope = v)}
                    {field(getter, "token-audience", "Audience", "text", |f| &f.audience, |f, v| f.audience = v)}
                    {field(getter, "token-resource", "Resource", "url", |f| &f.resource, |f, v| f.resource = v)}
                    <Show when=move || getter.form.with(|f| f.auth == ClientAuth::PrivateKeyJwt)>
                        <p class="hint">"private_key_jwt: each request carries a new client assertion (iss and sub the Client ID, aud the URL it goes to, valid 5 minutes, a new jti), signed with the key in Sign a token's Signing key field, with the alg and kid of its header. The exports show it as $CLIENT_ASSERTION."</p>
                    </Show>
                    <Show when=move || grant() == Grant::RefreshToken>
                        {field(getter, "refresh-token", "Refresh token", "password", |f| &f.refresh_token, |f, v| f.refresh_token = v)}
                    </Show>
                    <Show when=move || grant() == Grant::Password>
                        <p class="hint">"The password grant is forbidden for browser-based apps (RFC 9700 §2.4, RFC 10017): it is here only to reproduce what a script does."</p>
                        {field(getter, "token-username", "Username", "text", |f| &f.username, |f, v| f.username = v)}
                        {field(getter, "token-password", "Password", "password", |f| &f.password, |f, v| f.password = v)}
                    </Show>
                </div>
                {preview}
                {move || getter.form.with(browser_limits::predict).map(|l| view! {
                    <p class="problem" role="note" aria-label="Browser limit">{format!("{}: {}", l.vendor, l.says)}</p>
                })}
                <div class="sign-actions">
                    <button type="button" class="primary"
                        disabled=move || getter.in_flight.get() || match grant() {
                            Grant::AuthorizationCode => getter.sign_in_url.with(Result::is_err),
                            Grant::DeviceCode => getter.form.with(device::authorization_request).is_err(),
                            _ => getter.request.with(Result::is_err),
                        }
                        on:click=move |_| match grant() {
                            Grant::AuthorizationCode => getter.sign_in(composer, inspector, diagnosis, None),
                            Grant::DeviceCode => getter.start_device(composer, inspector),
                            _ => getter.get(composer, inspector),
                        }>"Get token"</button>
                    <button type="button" class="secondary" hidden=signs_in disabled=move || shown().is_err()
                        on:click=move |_| copy_as(Target::Curl)>"Copy as curl"</button>
                    <button type="button" class="secondary" hidden=signs_in disabled=move || shown().is_err()
                        on:click=move |_| copy_as(Target::Python)>"Copy as Python"</button>
                    <span role="status" class="hint">{move || copied.get()}</span>
                </div>
                <DeviceSignIn />
                {got}
                <TokenChecks />
            </Show>
        </details>
    }
}
