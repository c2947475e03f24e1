//! What pressing Send does: check, send, and when fetch fails without a status, probe again to
//! tell CORS from an unreachable host. The only code that joins the browser and the model.

use crate::browser::fetch::{self, SendError};
use crate::model::findings::Severity;
use crate::model::request::digest_flow::{self, DigestRetry};
use crate::model::request::sending;
use crate::model::request::Request;
use crate::state::{Composer, Outcome};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

thread_local! {
    /// The controller of the request in flight; not a signal because it is not data to show.
    static IN_FLIGHT: std::cell::RefCell<Option<AbortController>> = const { std::cell::RefCell::new(None) };
}

pub fn send(composer: Composer) {
    if composer.in_flight.get_untracked() {
        return;
    }
    let req = composer.outgoing.get_untracked();
    let page = fetch::page_context();
    let problems = sending::precheck(&req, &page);
    if problems.iter().any(|f| f.info.severity == Severity::Error) {
        composer.outcome.set(Some(Outcome::NotSent(problems)));
        return;
    }
    let Ok(controller) = AbortController::new() else { return };
    let signal = controller.signal();
    IN_FLIGHT.with(|c| *c.borrow_mut() = Some(controller));
    composer.in_flight.set(true);
    composer.outcome.set(None);
    spawn_local(async move {
        let mut result = fetch::send(&req, &signal).await;
        // Digest: answer the server's challenge once, as browsers and Python requests do.
        let mut note = None;
        if let Ok(first) = &result {
            match digest_flow::after_response(&req, first.status, &first.headers, &random_cnonce()) {
                DigestRetry::Retry(again) => {
                    log(
                        composer,
                        &req,
                        &format!("{} {} (Digest challenge: answering it)", first.status, first.status_text),
                    );
                    result = fetch::send(&again, &signal).await;
                }
                DigestRetry::NoChallenge { offered } => {
                    note = Some(if offered.is_empty() {
                        "Digest needs the server's challenge, but no WWW-Authenticate header is readable: the server must send Access-Control-Expose-Headers: WWW-Authenticate.".to_string()
                    } else {
                        format!("Digest was chosen, but the server offers {}.", offered.join(", "))
                    });
                }
                DigestRetry::CannotAnswer(why) => note = Some(format!("Cannot answer the Digest challenge: {why}.")),
                DigestRetry::NotApplicable => {}
            }
        }
        // The probe is a request too: the log lists every one the page sent.
        let mut probe_line = None;
        let outcome = match result {
            Ok(received) => Outcome::Received { received, note },
            Err(SendError::Aborted) => Outcome::Cancelled,
            Err(SendError::Invalid(message)) => Outcome::NotSent(vec![crate::model::findings::Finding::new(
                crate::model::findings::codes::HEADER_INVALID,
                format!("The browser refused to build the request: {message}."),
            )]),
            Err(SendError::Network(message)) => {
                let probe = fetch::probe(&req.url()).await;
                probe_line = Some(match probe {
                    sending::Probe::Reachable => "no-cors probe: the server answered (opaque)",
                    sending::Probe::Failed => "no-cors probe: no answer either",
                });
                Outcome::Failed { finding: sending::explain_failure(&req, &page, probe), message }
            }
        };
        let result = match &outcome {
            Outcome::Received { received: r, .. } => format!("{} {} ({:.0} ms)", r.status, r.status_text, r.elapsed_ms),
            Outcome::Failed { finding, .. } => format!("no response: {}", finding.code()),
            Outcome::NotSent(_) => "not sent".into(),
            Outcome::Cancelled => "cancelled".into(),
        };
        if !matches!(outcome, Outcome::NotSent(_)) {
            log(composer, &req, &result);
        }
        if let Some(line) = probe_line {
            composer.record("GET", &req.url(), line);
        }
        composer.outcome.set(Some(outcome));
        composer.in_flight.set(false);
        IN_FLIGHT.with(|c| *c.borrow_mut() = None);
    });
}

fn log(composer: Composer, req: &Request, result: &str) {
    composer.record(&req.method.to_string(), &req.url(), result);
}

/// 16 random bytes as hex: the client nonce of a Digest response.
fn random_cnonce() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn cancel() {
    IN_FLIGHT.with(|c| {
        if let Some(controller) = c.borrow().as_ref() {
            controller.abort();
        }
    });
}
