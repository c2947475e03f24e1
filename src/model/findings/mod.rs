//! Findings: diagnoses with a stable code, evidence and a fix.

pub mod catalog;
pub mod code;
pub mod codes;

pub use catalog::{by_code, catalog};
pub use code::{CodeInfo, Severity};

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
