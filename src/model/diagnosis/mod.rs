//! The diagnosis engine: reads the request, the response and the token together, names every
//! cause it has evidence for and ranks them, so the page has one list to show and one line to
//! put on top. Pure: `now` comes in through the `Clock`.
//!
//! Each family of rules is its own file; `facts` reads the inputs once for all of them, and
//! `imported` brings in the findings other parts of the model already make (token, browser and
//! vendor findings), so this report is the one place that ranks everything.

mod challenge_rules;
mod copy_report;
mod digest_rules;
mod dpop_rules;
mod facts;
mod imported;
mod mask;
mod redirect_rules;
mod request_rules;
mod script_checks;
mod status_rules;
mod token_context_rules;
pub mod vendor_rules;
mod verdict;

pub use copy_report::{json, markdown};
pub use mask::mask_token;

use crate::model::findings::{catalog, CodeInfo, Finding};
use crate::model::request::Request;
use crate::model::response::Response;
use crate::model::time::Clock;
use crate::model::token::inspect::Inspection;
use facts::Facts;

/// Everything the page knows about one failing call; any part may be missing.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub request: Option<&'a Request>,
    pub response: Option<&'a Response>,
    /// The token box's inspection; when absent, the token in the request's Authorization is judged.
    pub inspection: Option<&'a Inspection>,
    pub clock: Clock,
    /// What checking the token's signature found (`signature::plan`, after WebCrypto's answer).
    pub signature: &'a [Finding],
}

/// How sure a finding is to be the cause. Declared in ranking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Likelihood {
    /// The signal settles it, e.g. error="invalid_token" and an exp in the past.
    High,
    /// A strong hint.
    Medium,
    /// A heuristic.
    Low,
}

impl Likelihood {
    pub fn label(self) -> &'static str {
        match self {
            Likelihood::High => "high",
            Likelihood::Medium => "medium",
            Likelihood::Low => "low",
        }
    }

    /// One step less sure, for a finding whose evidence did not take part in this exchange.
    fn demoted(self) -> Likelihood {
        match self {
            Likelihood::High => Likelihood::Medium,
            _ => Likelihood::Low,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub finding: Finding,
    pub likelihood: Likelihood,
}

/// Something to check in the user's own script when the evidence to decide it is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptCheck {
    pub title: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One line in plain words, built from the top finding.
    pub verdict: String,
    /// Likeliest first.
    pub ranked: Vec<Ranked>,
    pub script_checks: Vec<ScriptCheck>,
    pub all_good: bool,
}

/// A rule's result before ranking, with the verdict line it gives when it comes out on top.
pub(crate) struct Hit {
    pub finding: Finding,
    pub likelihood: Likelihood,
    /// Lowercase words after "Most likely: "; the title is used when absent.
    pub headline: Option<String>,
}

impl Hit {
    pub fn new(info: &'static CodeInfo, evidence: impl Into<String>, likelihood: Likelihood) -> Hit {
        Hit { finding: Finding::new(info, evidence), likelihood, headline: None }
    }

    pub fn of(finding: Finding, likelihood: Likelihood) -> Hit {
        let headline = finding.headline.clone();
        Hit { finding, likelihood, headline }
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Hit {
        self.finding.fix = fix.into();
        self
    }

    pub fn headline(mut self, headline: impl Into<String>) -> Hit {
        self.headline = Some(headline.into());
        self
    }

    pub fn code(&self) -> &'static str {
        self.finding.info.code
    }
}

pub fn diagnose(ctx: &Context) -> Report {
    let f = Facts::new(ctx);
    let mut hits = Vec::new();
    request_rules::run(&f, &mut hits);
    redirect_rules::run(&f, &mut hits);
    status_rules::run(&f, &mut hits);
    challenge_rules::run(&f, &mut hits);
    dpop_rules::run(&f, &mut hits);
    digest_rules::run(&f, &mut hits);
    token_context_rules::run(&f, &mut hits);
    imported::run(&f, &mut hits);
    // Vendor-specific body and header shapes (Entra, Google, AWS, GitHub, Stripe, Slack, RFC 6749 §5.2).
    if let Some(r) = ctx.response {
        imported::add_vendor(vendor_rules::findings(r), &mut hits);
    }
    dedupe(&mut hits);
    status_rules::unexplained(&f, &mut hits);
    rank(&mut hits);
    let (verdict, all_good) = verdict::verdict(&f, &hits);
    let script_checks = if all_good { Vec::new() } else { script_checks::checks(&f, &hits) };
    let ranked = hits.into_iter().map(|h| Ranked { finding: h.finding, likelihood: h.likelihood }).collect();
    Report { verdict, ranked, script_checks, all_good }
}

/// Codes that both the request's header and the token box can report: one is enough.
const ONCE_PER_CODE: &[&str] = &[
    "header_name_typo",
    "bearer_prefix_duplicated",
    "bearer_missing_space",
    "bearer_lowercase",
    "token_quoted",
    "token_whitespace",
    // The token rules and the signature plan both notice an unsigned token.
    "alg_none",
];

fn dedupe(hits: &mut Vec<Hit>) {
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    hits.retain(|h| {
        let code = h.code();
        let dup = seen.iter().any(|(c, e)| *c == code && (*e == h.finding.evidence || ONCE_PER_CODE.contains(&code)));
        if !dup {
            seen.push((code, h.finding.evidence.clone()));
        }
        !dup
    });
}

/// Likelihood, then severity, then catalog order (which lists the more decisive causes first).
fn rank(hits: &mut [Hit]) {
    let position = |code: &str| catalog().position(|c| c.code == code).unwrap_or(usize::MAX);
    hits.sort_by_key(|h| (h.likelihood, h.finding.info.severity, position(h.code())));
}
