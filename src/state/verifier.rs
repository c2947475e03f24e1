//! The Key field, the verification plan for the token in the Token box, and the result of
//! running it in WebCrypto. Classifying and planning are memos over `model/`; only the check
//! itself is asynchronous.

use super::Inspector;
use crate::model::findings::Finding;
use crate::model::keys::{classify, KeyInput, SecretEncoding};
use crate::model::verify_plan::{self, Plan};
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
    /// What is in the Key field, exactly as pasted.
    pub key_text: RwSignal<String>,
    pub encoding: RwSignal<SecretEncoding>,
    pub keys: Memo<KeyInput>,
    pub plan: Memo<Plan>,
    pub verdict: RwSignal<Verdict>,
    /// Findings from the check itself (signature_invalid and its explanation).
    pub checked: RwSignal<Vec<Finding>>,
    /// A note from fetching remote keys (discovery, JWKS), with any finding it produced.
    pub remote_note: RwSignal<Option<String>>,
    pub remote_findings: RwSignal<Vec<Finding>>,
}

impl Verifier {
    pub fn new(inspector: Inspector) -> Self {
        let key_text = RwSignal::new(String::new());
        let encoding = RwSignal::new(SecretEncoding::Utf8);
        let keys = Memo::new(move |_| key_text.with(|t| classify(t, encoding.get())));
        let plan = Memo::new(move |_| {
            keys.with(|k| inspector.inspection.with(|i| verify_plan::plan(&i.token, &k.keys, k.is_set)))
        });
        Verifier {
            key_text,
            encoding,
            keys,
            plan,
            verdict: RwSignal::new(Verdict::NotChecked(String::new())),
            checked: RwSignal::new(Vec::new()),
            remote_note: RwSignal::new(None),
            remote_findings: RwSignal::new(Vec::new()),
        }
    }

    /// Everything the signature side found, for the diagnosis report.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = self.plan.with(|p| p.findings.clone());
        out.extend(self.checked.get());
        out.extend(self.remote_findings.get());
        out
    }
}
