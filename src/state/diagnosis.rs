//! The ranked explanation over token, request and response.

use super::{Composer, Inspector, Outcome, Verifier};
use crate::browser::fetch::Received;
use crate::model::diagnosis::{self, Context, Likelihood, Ranked, Report};
use crate::model::findings::Finding;
use crate::model::request::Request;
use crate::model::response::raw;
use crate::model::response::{Hop, Response, Source};
use leptos::prelude::*;

/// The ranked explanation: everything the page knows (token, request, response) through the
/// diagnosis engine, recomputed when any of it changes and as the clock ticks.
#[derive(Clone, Copy)]
pub struct Diagnosis {
    inspector: Inspector,
    /// The request and response the report was made from, for the copied report.
    inputs: Memo<(Option<Request>, Option<Response>)>,
    /// What is in the Raw response box, exactly as pasted.
    pub raw_response: RwSignal<String>,
    /// One line saying what was read from the paste, or where it could not be read.
    pub pasted: Memo<Option<Result<String, String>>>,
    /// What the signature check found, ranked with everything else.
    signature: Memo<Vec<Finding>>,
    pub report: Memo<Report>,
}

/// A response the page received. A followed redirect becomes a hop whose status the browser
/// does not reveal (0), so the redirect rules can judge where it went.
fn fetched_response(r: &Received) -> Response {
    let hops = if r.redirected && !r.final_url.is_empty() {
        vec![Hop { status: 0, method: String::new(), url: String::new(), location: r.final_url.clone() }]
    } else {
        Vec::new()
    };
    Response {
        status: r.status,
        reason: r.status_text.clone(),
        headers: r.headers.clone(),
        body: r.body.clone(),
        source: Source::Fetched { cross_origin: r.cross_origin },
        hops,
        sent_headers: Vec::new(),
    }
}

impl Diagnosis {
    pub fn new(inspector: Inspector, composer: Composer, verifier: Verifier) -> Self {
        let raw_response = RwSignal::new(String::new());
        let parsed = Memo::new(move |_| {
            raw_response.with(|t| (!t.trim().is_empty()).then(|| raw::parse(t).map_err(|e| e.to_string())))
        });
        let pasted = Memo::new(move |_| {
            parsed.with(|p| {
                p.as_ref().map(|r| {
                    r.as_ref()
                        .map(|resp| {
                            format!(
                                "Read: {} {}, {} header{}, {} bytes of body{}.",
                                resp.status,
                                resp.reason,
                                resp.headers.len(),
                                if resp.headers.len() == 1 { "" } else { "s" },
                                resp.body.len(),
                                if resp.hops.is_empty() {
                                    String::new()
                                } else {
                                    format!(", after {} redirect(s)", resp.hops.len())
                                }
                            )
                        })
                        .map_err(|e| format!("Could not read the response: {e}"))
                })
            })
        });
        let inputs = Memo::new(move |_| {
            // A pasted response is what the user's script saw: it wins over the page's own.
            let response = parsed.with(|p| p.clone().and_then(Result::ok)).or_else(|| {
                composer.outcome.with(|o| match o {
                    Some(Outcome::Received { received, .. }) => Some(fetched_response(received)),
                    _ => None,
                })
            });
            let request = composer.outgoing.with(|r| (!r.base_url.trim().is_empty()).then(|| r.clone()));
            (request, response)
        });
        let signature = verifier.findings;
        let report = Memo::new(move |_| {
            let clock = inspector.clock.get();
            let mut report = inputs.with(|(request, response)| {
                inspector.inspection.with(|i| {
                    let inspection = (!i.is_empty()).then_some(i);
                    signature.with(|signature| {
                        diagnosis::diagnose(&Context {
                            request: request.as_ref(),
                            response: response.as_ref(),
                            inspection,
                            clock,
                            signature,
                        })
                    })
                })
            });
            // The browser hid the answer: that outranks anything said about the request.
            if let Some(Outcome::Failed { finding, .. }) = composer.outcome.get() {
                report.verdict = format!("Most likely: {}", finding.info.title);
                report.all_good = false;
                report.ranked.insert(0, Ranked { finding, likelihood: Likelihood::High });
            }
            report
        });
        Diagnosis { inspector, inputs, raw_response, pasted, signature, report }
    }

    fn with_context<T>(&self, f: impl FnOnce(&Context, &Report) -> T) -> T {
        let clock = self.inspector.clock.get_untracked();
        self.inputs.with_untracked(|(request, response)| {
            self.inspector.inspection.with_untracked(|i| {
                self.signature.with_untracked(|signature| {
                    let ctx = Context {
                        request: request.as_ref(),
                        response: response.as_ref(),
                        inspection: (!i.is_empty()).then_some(i),
                        clock,
                        signature,
                    };
                    self.report.with_untracked(|r| f(&ctx, r))
                })
            })
        })
    }

    /// The report for a ticket, secrets masked.
    pub fn markdown(&self) -> String {
        self.with_context(|ctx, r| diagnosis::markdown(r, ctx))
    }

    pub fn json(&self) -> String {
        self.with_context(|ctx, r| diagnosis::json(r, ctx))
    }
}
