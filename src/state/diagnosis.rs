//! The ranked explanation over token, request and response.

use super::{Composer, Inspector, Verifier};
use crate::model::diagnosis::{self, Context, Report};
use crate::model::findings::Finding;
use crate::model::request::outcome::Outcome;
use crate::model::request::Request;
use crate::model::response::raw;
use crate::model::response::Response;
use leptos::prelude::*;

/// The ranked explanation: everything the page knows (token, request, response) through the
/// diagnosis engine, recomputed when any of it changes and as the clock ticks.
#[derive(Clone, Copy)]
pub struct Diagnosis {
    sources: Sources,
    /// What is in the Raw response box, exactly as pasted.
    pub raw_response: RwSignal<String>,
    /// One line saying what was read from the paste, or where it could not be read.
    pub pasted: Memo<Option<Result<String, String>>>,
    pub report: Memo<Report>,
}

/// What the engine reads: the same for the report on the page and the one copied to a ticket.
#[derive(Clone, Copy)]
struct Sources {
    inspector: Inspector,
    /// The request, and the response (pasted, else the page's own).
    inputs: Memo<(Option<Request>, Option<Response>)>,
    /// What the signature check found, ranked with everything else.
    signature: Memo<Vec<Finding>>,
}

impl Sources {
    /// Runs `f` over the current inputs, reading them as the caller's context does (tracked in
    /// a memo, untracked in an event handler).
    fn with_context<T>(&self, f: impl FnOnce(&Context) -> T) -> T {
        let clock = self.inspector.clock.get();
        self.inputs.with(|(request, response)| {
            self.inspector.inspection.with(|i| {
                self.signature.with(|signature| {
                    f(&Context {
                        request: request.as_ref(),
                        response: response.as_ref(),
                        inspection: (!i.is_empty()).then_some(i),
                        clock,
                        signature,
                    })
                })
            })
        })
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
                p.as_ref()
                    .map(|r| r.as_ref().map(raw::summary).map_err(|e| format!("Could not read the response: {e}")))
            })
        });
        let inputs = Memo::new(move |_| {
            // A pasted response is what the user's script saw: it wins over the page's own.
            let response = parsed
                .with(|p| p.clone().and_then(Result::ok))
                .or_else(|| composer.outcome.with(|o| o.as_ref().and_then(Outcome::received).map(|r| r.to_response())));
            let request = composer.composed.with(|r| (!r.base_url.trim().is_empty()).then(|| r.clone()));
            (request, response)
        });
        let sources = Sources { inspector, inputs, signature: verifier.findings };
        let report = Memo::new(move |_| {
            let report = sources.with_context(diagnosis::diagnose);
            match composer.outcome.get() {
                Some(Outcome::Failed { finding, .. }) => report.answer_withheld(finding),
                _ => report,
            }
        });
        Diagnosis { sources, raw_response, pasted, report }
    }

    /// The report for a ticket, secrets masked.
    pub fn markdown(&self) -> String {
        untrack(|| self.report.with(|r| self.sources.with_context(|ctx| diagnosis::markdown(r, ctx))))
    }

    pub fn json(&self) -> String {
        untrack(|| self.report.with(|r| self.sources.with_context(|ctx| diagnosis::json(r, ctx))))
    }
}
