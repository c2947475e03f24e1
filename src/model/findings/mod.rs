//! Findings: diagnoses with a stable code, evidence and a fix.

pub mod catalog;
pub mod code;
pub mod codes;

pub use catalog::{by_code, catalog};
pub use code::{CodeInfo, Severity};

/// The title as a clause: "The token has expired." → "the token has expired".
pub fn clause(title: &str) -> String {
    let t = title.trim_end_matches('.');
    let mut c = t.chars();
    match c.next() {
        // Keep acronyms, names and quoted words as they are ("DPoP", "GitHub", "\"Bearer\"").
        Some(first) if is_plain_word(t) => first.to_lowercase().chain(c).collect(),
        _ => t.to_string(),
    }
}

/// A first word that is only capitalised because it starts the sentence ("The", "A", "This"),
/// not a name: vendor names ("Microsoft", "Slack", "Stripe") and acronyms keep their capitals.
fn is_plain_word(text: &str) -> bool {
    const SENTENCE_STARTS: &[&str] = &["The", "A", "An", "This", "There", "Nothing", "Opaque", "Two"];
    let word: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
    SENTENCE_STARTS.contains(&word.as_str())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub info: &'static CodeInfo,
    /// What was seen: the claim, the bytes, the value.
    pub evidence: String,
    /// The fix for this case; the catalog's general fix when nothing more specific applies.
    pub fix: String,
    /// The claim the evidence points at, so the claims table can highlight it.
    pub claim: Option<String>,
    /// Lowercase words for the report's verdict line when this finding comes out on top; the
    /// title is used when absent. For findings whose title cannot name the specifics.
    pub headline: Option<String>,
}

impl Finding {
    pub fn new(info: &'static CodeInfo, evidence: impl Into<String>) -> Self {
        Finding { info, evidence: evidence.into(), fix: info.fix.to_string(), claim: None, headline: None }
    }

    pub fn with_headline(mut self, headline: impl Into<String>) -> Self {
        self.headline = Some(headline.into());
        self
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    pub fn on_claim(mut self, claim: &str) -> Self {
        self.claim = Some(claim.to_string());
        self
    }

    pub fn code(&self) -> &'static str {
        self.info.code
    }
}

/// Most severe first; within a severity, catalog order (which lists likelier causes first).
pub fn sort(findings: &mut [Finding]) {
    // By code, not by address: a `const` reference need not have one address.
    findings.sort_by_key(|f| (f.info.severity, catalog::position(f.info.code)));
}
