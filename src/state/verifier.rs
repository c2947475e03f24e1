//! The Key field, the verification plan for the token in the Token box, and the result of
//! running it in WebCrypto whenever the token or the key changes; fetching an issuer's keys when
//! the user asks. Classifying and planning are memos over `model/`; only the check and the
//! fetches are asynchronous.

use super::remote_get::{get_body, get_json};
use super::{Composer, Inspector, KeyEntry};
use crate::browser::webcrypto;
use crate::model::findings::Finding;
use crate::model::json;
use crate::model::signature::check::{self, Verdict};
use crate::model::signature::plan::{self, Plan};
use crate::model::signature::remote;
use leptos::prelude::*;
use leptos::task::spawn_local;

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
            let from_token = key.from_token.get();
            key.keys.with(|k| inspector.inspection.with(|i| plan::plan_pasted(i, &k.keys, k.is_set, from_token)))
        });
        let checked = RwSignal::new(Vec::new());
        let remote_findings = RwSignal::new(Vec::new());
        let findings = Memo::new(move |_| {
            let mut out = plan.with(|p| p.findings.clone());
            out.extend(checked.get());
            out.extend(remote_findings.get());
            out
        });
        let verifier = Verifier {
            key,
            plan,
            verdict: RwSignal::new(Verdict::NotChecked(String::new())),
            checked,
            remote_note: RwSignal::new(None),
            remote_findings,
            findings,
        };
        watch(verifier);
        verifier
    }

    /// Fetches a JWKS (or, for a token's x5u, a PEM certificate chain) into the Key field, so
    /// it is classified and used like a pasted one.
    /// `from_token` names the token's header member (jku, x5u) when the token chose the URL.
    pub fn fetch_jwks(self, composer: Composer, url: String, from_token: Option<&'static str>) {
        spawn_local(async move {
            self.remote_findings.set(Vec::new());
            self.remote_note.set(Some(format!("Fetching {url}…")));
            match get_body(composer, &url).await {
                Ok(body) => match json::parse(&body) {
                    Ok(doc) => {
                        self.key.set(json::pretty(&doc), from_token);
                        self.remote_note.set(Some(format!("Keys fetched from {url}.")));
                    }
                    // A token's x5u names a PEM chain: kept as it came.
                    Err(_) if body.contains("-----BEGIN") => {
                        self.key.set(body, from_token);
                        self.remote_note.set(Some(format!("Certificates fetched from {url}.")));
                    }
                    Err(e) => self.remote_note.set(Some(format!("{url} returned neither JSON nor PEM: {e}"))),
                },
                Err((note, finding)) => {
                    self.remote_note.set(Some(note));
                    self.remote_findings.set(finding.into_iter().collect());
                }
            }
        });
    }

    /// OIDC discovery from the token's `iss` (then RFC 8414), the issuer compared with `iss`,
    /// then the JWKS it names. Only ever on a button press: these requests go to a third party.
    pub fn discover(self, composer: Composer, iss: String) {
        spawn_local(async move {
            self.remote_findings.set(Vec::new());
            let mut last = None;
            for url in remote::discovery_urls(&iss) {
                self.remote_note.set(Some(format!("Fetching {url}…")));
                match get_json(composer, &url).await {
                    Ok(meta) => {
                        let issuer = meta.get("issuer").and_then(|v| v.as_str()).unwrap_or_default().to_string();
                        self.remote_findings.set(remote::check_issuer(&iss, &issuer).into_iter().collect());
                        let Some(jwks_uri) = meta.get("jwks_uri").and_then(|v| v.as_str()).map(str::to_string) else {
                            self.remote_note.set(Some(format!("{url} has no jwks_uri.")));
                            return;
                        };
                        match get_json(composer, &jwks_uri).await {
                            Ok(doc) => {
                                self.key.set(json::pretty(&doc), None);
                                self.remote_note
                                    .set(Some(format!("Keys fetched from {jwks_uri} (found through {url}).")));
                            }
                            Err((note, finding)) => {
                                self.remote_note.set(Some(note));
                                self.remote_findings.update(|f| f.extend(finding));
                            }
                        }
                        return;
                    }
                    Err(e) => last = Some(e),
                }
            }
            if let Some((note, finding)) = last {
                self.remote_note.set(Some(format!("No metadata found: {note}")));
                self.remote_findings.set(finding.into_iter().collect());
            }
        });
    }
}

/// Re-checks whenever the plan changes. An Effect, because the check is an external,
/// asynchronous system; a generation counter drops answers that arrive for an older plan.
fn watch(verifier: Verifier) {
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let plan = verifier.plan.get();
        let keys = verifier.key.keys.with(|k| k.keys.clone());
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        verifier.checked.set(Vec::new());
        let Some(verification) = plan.verification.clone() else {
            verifier.verdict.set(Verdict::NotChecked(plan.why.clone()));
            return;
        };
        verifier.verdict.set(Verdict::Checking);
        spawn_local(async move {
            let results = webcrypto::verify(&verification, &keys).await;
            if generation.get_value() != mine {
                return;
            }
            let (verdict, findings) = check::judge(&plan, &keys, &results);
            verifier.verdict.set(verdict);
            verifier.checked.set(findings);
        });
    });
}
