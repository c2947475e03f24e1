//! The request composer, what the last Send produced, and the request log.

use super::Inspector;
use crate::browser::clock::now_secs;
use crate::browser::fetch::Received;
use crate::model::findings::Finding;
use crate::model::request::{Auth, Request};
use leptos::prelude::*;

/// What the last Send produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// With a note when the Digest helper could not answer the challenge.
    Received {
        received: Received,
        note: Option<String>,
    },
    /// fetch failed without a status; the finding says CORS or unreachable.
    Failed {
        finding: Finding,
        message: String,
    },
    /// The pre-send checks found errors: nothing was sent.
    NotSent(Vec<Finding>),
    Cancelled,
}

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
    /// What will actually be sent: `request` with the inspector's token filled in.
    pub outgoing: Memo<Request>,
    pub in_flight: RwSignal<bool>,
    pub outcome: RwSignal<Option<Outcome>>,
    pub log: RwSignal<Vec<LogEntry>>,
}

impl Composer {
    pub fn new(inspector: Inspector) -> Self {
        let request = RwSignal::new(Request::default());
        let outgoing = Memo::new(move |_| {
            let mut r = request.get();
            if let Auth::Bearer { token } = &mut r.auth {
                *token = inspector.inspection.with(|i| i.extracted.token.clone());
            }
            r
        });
        Composer {
            request,
            url_text: RwSignal::new(String::new()),
            outgoing,
            in_flight: RwSignal::new(false),
            outcome: RwSignal::new(None),
            log: RwSignal::new(Vec::new()),
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
        self.url_text.set(self.request.with_untracked(Request::url));
    }
}
