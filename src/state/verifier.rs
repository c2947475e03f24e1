//! The Key field, the verification plan for the token in the Token box, and the result of
//! running it in WebCrypto. Classifying and planning are memos over `model/`; only the check
//! itself is asynchronous.

use super::{Inspector, KeyEntry};
use crate::model::findings::Finding;
use crate::model::signature::plan::{self, Plan};
use leptos::prelude::*;

/// What the last check said, in the words the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Verified { key: String },
    Invalid { tried: usize },
    NotChecked(String),
    Checking,
}

#[derive(Clone, Copy)]
pub struct Verifier {
    /// The Key field.
    pub key: KeyEntry,
    pub plan: Memo<Plan>,
    pub verdict: RwSignal<Verdict>,
    /// Findings from the check itself (signature_invalid and its explanation).
    pub checked: RwSignal<Vec<Finding>>,
    /// A note from fetching remote keys (discovery, JWKS), with any finding it produced.
    pub remote_note: RwSignal<Option<String>>,
    pub remote_findings: RwSignal<Vec<Finding>>,
    /// Everything the signature side found (plan, check, fetches), for the panel and the report.
    pub findings: Memo<Vec<Finding>>,
}

impl Verifier {
    pub fn new(inspector: Inspector) -> Self {
        let key = KeyEntry::new();
        let plan = Memo::new(move |_| {
            key.keys.with(|k| inspector.inspection.with(|i| plan::plan(&i.token, &k.keys, k.is_set)))
        });
        let checked = RwSignal::new(Vec::new());
        let remote_findings = RwSignal::new(Vec::new());
        let findings = Memo::new(move |_| {
            let mut out = plan.with(|p| p.findings.clone());
            out.extend(checked.get());
            out.extend(remote_findings.get());
            out
        });
        Verifier {
            key,
            plan,
            verdict: RwSignal::new(Verdict::NotChecked(String::new())),
            checked,
            remote_note: RwSignal::new(None),
            remote_findings,
            findings,
        }
    }
}
