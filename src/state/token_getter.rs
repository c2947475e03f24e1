//! The Get a token section: its fields, the token request they make (a memo over
//! `model::oauth`), and sending it on the user's press. A token received goes into the Token
//! box (and a request with no credentials at all gets the Bearer helper, said in the result);
//! a rotated refresh token replaces the old one; a refusal is diagnosed with the request that
//! caused it, apart from the composer's own request.

use super::device_flow::DeviceWait;
use super::remote_get::get_body;
use super::token_checks::Checked;
use super::{Composer, Diagnosis, Inspector, Signer};
use crate::browser::{fetch, navigation, webcrypto};
use crate::model::diagnosis::{self, Context, Report};
use crate::model::oauth::authorization::{self, Secrets};
use crate::model::oauth::client_assertion;
use crate::model::oauth::introspection::Which;
use crate::model::oauth::metadata;
use crate::model::oauth::token_request::{self, FormError, TokenForm};
use crate::model::oauth::token_response::{self, Granted, TokenAnswer};
use crate::model::request::outcome::Outcome;
use crate::model::request::sending::Probe;
use crate::model::request::{sending, Request};
use crate::model::response::received::Received;
pub use crate::model::round_trip::Attempt;
use crate::model::signature::remote;
use crate::model::signature::sign;
use crate::model::time::Clock;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

/// What the last Get token press brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// The token went into the Token box; `rotated` when a new refresh token replaced the one
    /// sent.
    /// `expires_at` from `expires_in` and the time it came; `bearer` when the request had no
    /// credentials and now sends the token with the Bearer helper.
    Token { expires_in: Option<i64>, expires_at: Option<i64>, rotated: bool, scope: Option<String>, bearer: bool },
    /// The endpoint refused, or answered something else: the diagnosis of that exchange.
    Refused(Report),
    /// No answer could be read at all (the network, CORS): the finding that explains it.
    Failed(Report),
    /// A sign-in that could not start, or whose answer is not redeemed: why, in plain words.
    Problem(String),
}

#[derive(Clone, Copy)]
pub struct TokenGetter {
    pub form: RwSignal<TokenForm>,
    pub request: Memo<Result<Request, FormError>>,
    pub in_flight: RwSignal<bool>,
    pub got: RwSignal<Option<Got>>,
    pub retry: RwSignal<Option<Retry>>,
    /// Sign a token's fields: private_key_jwt signs with its key.
    signer: Signer,
    /// The Issuer field: where discovery starts when there is no token URL yet.
    pub issuer: RwSignal<String>,
    /// Each discovery step and what it read, in order.
    pub steps: RwSignal<Vec<String>>,
    /// The next sign-in's `state` and PKCE verifier, made up in advance so that the
    /// authorization request shown is exactly the one Get token opens; None when the browser
    /// has no Web Crypto (the reason is in `sign_in_url`).
    pub secrets: RwSignal<Result<Secrets, String>>,
    /// The authorization request of the authorization code grant, with this page as redirect_uri.
    pub sign_in_url: Memo<Result<String, String>>,
    /// The section is open: the user opened it, or the page came back from a sign-in.
    pub open: RwSignal<bool>,
    /// Which token Introspect and Revoke are about, and what the last press brought.
    pub which: RwSignal<Which>,
    pub checked: RwSignal<Option<Checked>>,
    pub checking: RwSignal<bool>,
    /// The device grant in progress, and the number of its run (a new press or Cancel ends
    /// the one before).
    pub device: RwSignal<Option<DeviceWait>>,
    pub device_run: RwSignal<u32>,
}

impl TokenGetter {
    pub fn new(signer: Signer) -> Self {
        let form = RwSignal::new(TokenForm::default());
        let request = Memo::new(move |_| form.with(token_request::build));
        let secrets = RwSignal::new(new_secrets());
        let here = navigation::page_address();
        let sign_in_url = Memo::new(move |_| {
            let secrets = secrets.get()?;
            // The token URL and client are checked too: the code is redeemed on the way back.
            form.with(|f| token_request::check(f).and_then(|()| authorization::url(f, &here, &secrets)))
                .map_err(|e| e.to_string())
        });
        TokenGetter {
            signer,
            secrets,
            sign_in_url,
            open: RwSignal::new(false),
            which: RwSignal::new(Which::default()),
            checked: RwSignal::new(None),
            checking: RwSignal::new(false),
            device: RwSignal::new(None),
            device_run: RwSignal::new(0),
            form,
            request,
            in_flight: RwSignal::new(false),
            got: RwSignal::new(None),
            retry: RwSignal::new(None),
            issuer: RwSignal::new(String::new()),
            steps: RwSignal::new(Vec::new()),
        }
    }

    /// Finds the token URL: from the Issuer field through its metadata (OpenID Connect
    /// Discovery, then RFC 8414), or, given a resource's metadata URL from a 401's challenge
    /// (RFC 9728), through the authorization server it names first. Each step is shown.
    pub fn discover(self, composer: Composer, issuer: Option<String>, resource_metadata: Option<String>) {
        spawn_local(async move {
            self.steps.set(Vec::new());
            let step = |line: String| self.steps.update(|s| s.push(line));
            let issuer = match (issuer, resource_metadata) {
                (_, Some(url)) => match get_body(composer, &url).await {
                    Ok(body) => match metadata::authorization_server(&body) {
                        Ok(server) => {
                            step(format!("{url}: the resource names the authorization server {server}."));
                            self.issuer.set(server.clone());
                            server
                        }
                        Err(why) => return step(format!("{url}: {why}.")),
                    },
                    Err((why, _)) => return step(format!("{why}.")),
                },
                (Some(i), None) => i,
                (None, None) => return,
            };
            let urls = remote::discovery_urls(&issuer);
            if urls.is_empty() {
                return step(format!("\"{issuer}\" is not an https issuer URL."));
            }
            for url in urls {
                match get_body(composer, &url).await {
                    Ok(body) => match metadata::endpoints(&body, &issuer) {
                        Ok(found) => {
                            step(format!("{url}: {}.", found.describe()));
                            self.form.update(|f| found.fill(f));
                            return;
                        }
                        Err(why) => step(format!("{url}: {why}.")),
                    },
                    Err((why, _)) => step(format!("{why}.")),
                }
            }
        });
    }

    /// Sends the token request, on the user's press only.
    pub fn get(self, composer: Composer, inspector: Inspector) {
        let Ok(req) = self.request.get_untracked() else { return };
        spawn_local(async move {
            self.send_token_request(req, composer, inspector).await;
        });
    }

    /// Refresh and retry: a new token (with the refresh token a sign-in left, else the
    /// section's grant), put where the request carried the old one (the composer shows the
    /// change), the request sent once more, and both answers kept side by side. The
    /// authorization code grant without a refresh token signs in again first.
    pub fn refresh_and_retry(self, composer: Composer, inspector: Inspector, diagnosis: Diagnosis) {
        let before = attempt_now(composer, diagnosis);
        self.retry.set(None);
        let request = match self.form.with_untracked(token_request::renewal) {
            Ok(r) => r,
            Err(FormError::SignInFirst) => return self.sign_in(composer, inspector, diagnosis, Some(before)),
            Err(_) => return,
        };
        spawn_local(async move {
            let Some(token) = self.send_token_request(request, composer, inspector).await else { return };
            self.retry_with(token, before, composer, diagnosis).await;
        });
    }

    /// Puts `token` where the request carried the old one, sends the request once more and
    /// keeps both attempts.
    pub(super) async fn retry_with(self, token: String, before: Attempt, composer: Composer, diagnosis: Diagnosis) {
        let mut replaced = false;
        composer.request.update(|r| replaced = token_request::replace_bearer(r, &token));
        if !replaced {
            return self.retry.set(Some(Retry { before, after: None }));
        }
        composer.sync_url_text();
        composer.send_now().await;
        self.retry.set(Some(Retry { before, after: Some(attempt_now(composer, diagnosis)) }));
    }

    /// Sends `req` to the token endpoint and takes in what comes back: the token into the Token
    /// box and a rotated refresh token into Refresh token, or the diagnosis of a refusal.
    pub(super) async fn send_token_request(
        self,
        req: Request,
        composer: Composer,
        inspector: Inspector,
    ) -> Option<String> {
        if self.in_flight.get_untracked() {
            return None;
        }
        self.in_flight.set(true);
        self.got.set(None);
        let sent_refresh = self.form.with_untracked(|f| f.refresh_token.clone());
        let clock = inspector.clock.get_untracked();
        let mut token = None;
        let got = match self.call(&req, composer, clock, "token request").await {
            Ok(received) => match token_response::read(received.status, &received.body) {
                TokenAnswer::Granted(g) => {
                    token = Some(g.access_token.clone());
                    self.take(g, &sent_refresh, inspector, composer)
                }
                _ => Got::Refused(refusal(&req, &received, clock)),
            },
            Err(unanswered) => unanswered.into(),
        };
        self.got.set(Some(got));
        self.in_flight.set(false);
        token
    }
}

impl TokenGetter {
    /// Takes in a granted token: into the Token box, and a new refresh token into Refresh token
    /// (rotated when it differs from `sent_refresh`, the one the request sent).
    /// A request with no credentials at all gets the Bearer helper, which sends the Token box
    /// (and the result line says so).
    pub(super) fn take(self, g: Granted, sent_refresh: &str, inspector: Inspector, composer: Composer) -> Got {
        inspector.raw.set(g.access_token);
        let rotated = g.refresh_token.as_deref().is_some_and(|r| r != sent_refresh);
        if let Some(r) = g.refresh_token {
            self.form.update(|f| f.refresh_token = r);
        }
        let mut bearer = false;
        composer.request.update(|r| bearer = token_request::use_bearer(r));
        let expires_at = g.expires_in.map(|s| inspector.clock.get_untracked().now + s);
        Got::Token { expires_in: g.expires_in, expires_at, rotated, scope: g.scope, bearer }
    }
}

/// Why one of the section's requests got no answer to read.
#[derive(Debug, Clone, PartialEq)]
pub enum Unanswered {
    /// Sent, but nothing readable came back (CORS, the network): the report that says why.
    Failed(Report),
    /// Not sent: the private_key_jwt assertion could not be signed.
    NotSent(String),
}

impl From<Unanswered> for Got {
    fn from(u: Unanswered) -> Got {
        match u {
            Unanswered::Failed(r) => Got::Failed(r),
            Unanswered::NotSent(why) => Got::Problem(why),
        }
    }
}

impl TokenGetter {
    /// Sends one of the section's requests (`what` names it in the request log), with a fresh
    /// private_key_jwt assertion when it carries the placeholder; when no answer can be read,
    /// the report that says why (CORS, the network), told apart from any OAuth error.
    pub(super) async fn call(
        self,
        req: &Request,
        composer: Composer,
        clock: Clock,
        what: &str,
    ) -> Result<Received, Unanswered> {
        let mut req = req.clone();
        self.sign_assertion(&mut req, clock.now).await.map_err(Unanswered::NotSent)?;
        let req = &req;
        let method = req.method_name().to_string();
        // Creating an AbortController does not fail in any browser that runs this page.
        let Ok(controller) = AbortController::new() else {
            let finding = sending::explain_failure(req, &fetch::page_context(), Probe::Failed);
            return Err(Unanswered::Failed(Report::single(finding)));
        };
        match fetch::send(req, &controller.signal()).await {
            Ok(received) => {
                composer.record(&method, &req.url(), format!("{} {} ({what})", received.status, received.status_text));
                Ok(received)
            }
            Err(_) => {
                let page = fetch::page_context();
                let probe = fetch::probe(&req.url()).await;
                let finding = sending::explain_failure(req, &page, probe);
                composer.record(&method, &req.url(), format!("no response ({what}): {}", finding.code()));
                // The probe is a request too: the log lists every one the page sent.
                composer.record("GET", &req.url(), probe.log_line());
                let ctx = Context { request: Some(req), response: None, inspection: None, clock, signature: &[] };
                Err(Unanswered::Failed(diagnosis::diagnose(&ctx).answer_withheld(finding)))
            }
        }
    }

    /// Signs a new client assertion for `req` with Sign a token's key, when it has the
    /// placeholder (RFC 7523 §3: aud is the endpoint it goes to, a new jti each time).
    async fn sign_assertion(self, req: &mut Request, now: i64) -> Result<(), String> {
        if !req.variables.iter().any(|v| v.name == client_assertion::PLACEHOLDER) {
            return Ok(());
        }
        // aud is the token endpoint for every call (OpenID Connect Core §9), introspection and
        // revocation included: servers check assertions against that one value.
        let (client_id, audience) =
            self.form.with_untracked(|f| (f.client_id.trim().to_string(), f.token_url.trim().to_string()));
        let jti = new_secrets()?.state;
        let (header, claims) =
            client_assertion::to_sign(&self.signer.header.get_untracked(), &client_id, &audience, now, &jti);
        let keys = self.signer.key.keys.with_untracked(|k| k.keys.clone());
        let why = |e: String| {
            format!("private_key_jwt signs the client assertion with the key in Sign a token's Signing key field: {e}.")
        };
        let signing = sign::prepare(&header, &claims, &keys).map_err(|e| why(e.to_string()))?;
        if signing.algorithm.is_none() {
            return Err(why("alg none signs nothing; set alg to RS256, ES256 or another algorithm of the key".into()));
        }
        let signature = webcrypto::sign(&signing).await.map_err(why)?;
        client_assertion::fill(req, &sign::assemble(&signing.signing_input, &signature));
        Ok(())
    }
}

/// The diagnosis of an answer that is not what was asked for, read with the request that
/// caused it.
pub(super) fn refusal(req: &Request, received: &Received, clock: Clock) -> Report {
    let response = received.to_response();
    let ctx = Context { request: Some(req), response: Some(&response), inspection: None, clock, signature: &[] };
    diagnosis::diagnose(&ctx)
}

/// A fresh `state` and code verifier.
pub(super) fn new_secrets() -> Result<Secrets, String> {
    Ok(Secrets::from_random(&navigation::random32()?, &navigation::random32()?))
}

/// One attempt of the composer's request as the Findings card showed it, read now.
pub(super) fn attempt_now(composer: Composer, diagnosis: Diagnosis) -> Attempt {
    let status = composer.outcome.with_untracked(|o| match o.as_ref().and_then(Outcome::received) {
        Some(r) => format!("{} {}", r.status, r.status_text).trim().to_string(),
        None => "no answer".to_string(),
    });
    Attempt { status, verdict: diagnosis.report.with_untracked(|r| r.verdict.clone()) }
}

/// Refresh and retry's two attempts; `after` is None when the request carried no Bearer token
/// to replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    pub before: Attempt,
    pub after: Option<Attempt>,
}
