//! The request composer, what the last Send produced, and the request log; and what pressing
//! Send does: check, send, answer a Digest challenge, and when fetch fails without a status,
//! probe again to tell CORS from an unreachable host.

use super::Inspector;
use crate::browser::clock::now_secs;
use crate::browser::fetch::{self, SendError};
use crate::model::findings::codes::HEADER_INVALID;
use crate::model::findings::{Finding, Severity};
use crate::model::request::digest_flow::{self, DigestRetry};
use crate::model::request::outcome::Outcome;
use crate::model::request::reproduction::Difference;
use crate::model::request::sending;
use crate::model::request::{Auth, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

/// One line of the in-memory request log: every request the page sent, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub at: i64,
    pub method: String,
    pub url: String,
    pub result: String,
}

#[derive(Clone, Copy)]
pub struct Composer {
    /// The request as composed. For the Bearer helper the token comes from the Token box.
    pub request: RwSignal<Request>,
    /// The URL exactly as typed, so editing it never reformats under the cursor.
    pub url_text: RwSignal<String>,
    /// The user's request as the exports and the diagnosis read it: `request` with the
    /// inspector's token filled in, shell variables still `${NAME}` (a script's shell fills
    /// them in, so the exports keep them as variables).
    pub composed: Memo<Request>,
    /// What this page's Send puts on the wire: `composed` with the variables whose value the
    /// user gave written in place of their `${NAME}`.
    pub outgoing: Memo<Request>,
    /// What the imported command does that no request can hold (a file it reads, a proxy, a
    /// client certificate…): said again before Send, until another command is imported.
    pub command_differences: RwSignal<Vec<Difference>>,
    pub in_flight: RwSignal<bool>,
    pub outcome: RwSignal<Option<Outcome>>,
    pub log: RwSignal<Vec<LogEntry>>,
    /// Presses of Send so far: the Response card carries it (`data-attempt`), so an answer
    /// can be told from the previous one even when both read the same.
    pub attempts: RwSignal<u32>,
    /// The controller of the request in flight, to abort it; not data to show.
    controller: StoredValue<Option<AbortController>, LocalStorage>,
}

impl Composer {
    pub fn new(inspector: Inspector) -> Self {
        let request = RwSignal::new(Request::default());
        let composed = Memo::new(move |_| {
            let mut r = request.get();
            if let Auth::Bearer { token } = &mut r.auth {
                *token = inspector.inspection.with(|i| i.extracted.token.clone());
            }
            r
        });
        let outgoing = Memo::new(move |_| composed.with(Request::expanded));
        Composer {
            request,
            composed,
            url_text: RwSignal::new(String::new()),
            outgoing,
            command_differences: RwSignal::new(Vec::new()),
            in_flight: RwSignal::new(false),
            outcome: RwSignal::new(None),
            log: RwSignal::new(Vec::new()),
            attempts: RwSignal::new(0),
            controller: StoredValue::new_local(None),
        }
    }

    /// Adds a line to the request log: every request the page sends goes through here.
    pub fn record(&self, method: &str, url: &str, result: impl Into<String>) {
        let entry =
            LogEntry { at: now_secs(), method: method.to_string(), url: url.to_string(), result: result.into() };
        self.log.update(|l| l.push(entry));
    }

    /// After rows change, the URL box shows the URL they make.
    pub fn sync_url_text(&self) {
        self.url_text.set(self.request.with_untracked(Request::typed_url));
    }

    /// Sends what the composer holds, unless the pre-send checks find an error.
    pub fn send(self) {
        spawn_local(self.send_now());
    }

    /// The same, to await: Refresh and retry waits for the retried request's answer.
    pub async fn send_now(self) {
        if self.in_flight.get_untracked() {
            return;
        }
        self.attempts.update(|n| *n = n.wrapping_add(1));
        let req = self.outgoing.get_untracked();
        let page = fetch::page_context();
        let problems = sending::precheck(&req, &page);
        if problems.iter().any(|f| f.info.severity == Severity::Error) {
            self.outcome.set(Some(Outcome::NotSent(problems)));
            return;
        }
        let Ok(controller) = AbortController::new() else { return };
        let signal = controller.signal();
        self.controller.set_value(Some(controller));
        self.in_flight.set(true);
        self.outcome.set(None);
        {
            let mut result = fetch::send(&req, &signal).await;
            // Digest: answer the server's challenge once, as browsers and Python requests do.
            let mut note = None;
            if let Ok(first) = &result {
                match digest_flow::after_response(&req, first.status, &first.headers, &random_cnonce()) {
                    DigestRetry::Retry(again) => {
                        self.log_request(
                            &req,
                            format!("{} {} (Digest challenge: answering it)", first.status, first.status_text),
                        );
                        result = fetch::send(&again, &signal).await;
                    }
                    other => note = other.note(),
                }
            }
            // The probe is a request too: the log lists every one the page sent.
            let mut probe_line = None;
            let outcome = match result {
                Ok(received) => Outcome::Received { received, note },
                Err(SendError::Aborted) => Outcome::Cancelled,
                Err(SendError::Invalid(message)) => Outcome::NotSent(vec![Finding::new(
                    HEADER_INVALID,
                    format!("The browser refused to build the request: {message}."),
                )]),
                Err(SendError::Network(message)) => {
                    let probe = fetch::probe(&req.url()).await;
                    probe_line = Some(probe.log_line());
                    Outcome::Failed { finding: sending::explain_failure(&req, &page, probe), message }
                }
            };
            if let Some(line) = outcome.log_line() {
                self.log_request(&req, line);
            }
            if let Some(line) = probe_line {
                self.record("GET", &req.url(), line);
            }
            self.outcome.set(Some(outcome));
            self.in_flight.set(false);
            self.controller.set_value(None);
        }
    }

    /// Aborts the request in flight, if any.
    pub fn cancel(self) {
        self.controller.with_value(|c| {
            if let Some(controller) = c {
                controller.abort();
            }
        });
    }

    fn log_request(&self, req: &Request, result: String) {
        self.record(req.method.as_str(), &req.url(), result);
    }
}

/// 16 random bytes as hex: the client nonce of a Digest response.
fn random_cnonce() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
