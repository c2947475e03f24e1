//! The signals the components share. Everything derived is a `Memo` over `model/`, never a
//! copy kept in sync by hand: the text box is the single source of truth.

use crate::model::findings::{self, Finding};
use crate::model::inspect::{self, Inspection};
use crate::model::time::Clock;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Inspector {
    /// What is in the Token box, exactly as typed or pasted.
    pub raw: RwSignal<String>,
    /// Clock-skew leeway in seconds (0 like most servers).
    pub leeway: RwSignal<i64>,
    pub clock: Memo<Clock>,
    /// Recomputed only when the text changes, not every second.
    pub inspection: Memo<Inspection>,
    pub findings: Memo<Vec<Finding>>,
}

impl Inspector {
    pub fn new(now: ReadSignal<i64>) -> Self {
        let raw = RwSignal::new(String::new());
        let leeway = RwSignal::new(0);
        let clock = Memo::new(move |_| Clock { now: now.get(), leeway: leeway.get() });
        let inspection = Memo::new(move |_| raw.with(|text| inspect::inspect(text)));
        let findings = Memo::new(move |_| inspection.with(|i| findings::for_token(i, clock.get())));
        Inspector { raw, leeway, clock, inspection, findings }
    }
}

use crate::browser::fetch::Received;
use crate::model::request::{Auth, Request};

/// What the last Send produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// With a note when the Digest helper could not answer the challenge.
    Received { received: Received, note: Option<String> },
    /// fetch failed without a status; the finding says CORS or unreachable.
    Failed { finding: Finding, message: String },
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

    /// After rows change, the URL box shows the URL they make.
    pub fn sync_url_text(&self) {
        self.url_text.set(self.request.with_untracked(Request::url));
    }
}
