//! The diagnosis engine: reads the request, the response and the token together, names every
//! cause it has evidence for and ranks them, so the page has one list to show and one line to
//! put on top. Pure: `now` comes in through the `Clock`.
//!
//! Each family of rules is its own file; `facts` reads the inputs once for all of them, and
//! `imported` brings in the findings other parts of the model already make (token, browser and
//! vendor findings), so this report is the one place that ranks everything.

mod api_key_rules;
mod api_key_vendors;
mod basic_rules;
mod body_rules;
mod challenge_rules;
mod context;
mod copy_report;
mod digest_rules;
mod dpop_rules;
mod facts;
mod imported;
pub(crate) mod mask;
mod message_rules;
mod precedence;
mod redirect_rules;
mod refusal_rules;
mod report;
mod request_rules;
mod script_checks;
mod status_rules;
mod token_context_rules;
mod token_endpoint_rules;
mod variable_rules;
pub mod vendor_rules;
mod verdict;

pub use copy_report::{json, markdown};
pub use mask::mask_token;

pub use context::Context;
pub use report::{Likelihood, Ranked, Report, ScriptCheck};

use crate::model::findings::catalog;
use facts::Facts;
use report::Hit;

pub fn diagnose(ctx: &Context) -> Report {
    let f = Facts::new(ctx);
    let mut hits = Vec::new();
    request_rules::run(&f, &mut hits);
    variable_rules::run(&f, &mut hits);
    body_rules::run(&f, &mut hits);
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
    token_endpoint_rules::run(&f, &mut hits);
    refusal_rules::run(&f, &mut hits);
    api_key_rules::run(&f, &mut hits);
    basic_rules::run(&f, &mut hits);
    message_rules::run(&f, &mut hits);
    dedupe(&mut hits);
    status_rules::unexplained(&f, &mut hits);
    precedence::apply(&mut hits);
    rank(&mut hits);
    let (verdict, all_good) = verdict::verdict(&f, &hits);
    let script_checks = if all_good { Vec::new() } else { script_checks::checks(&f, &hits) };
    let ranked = hits.into_iter().map(|h| Ranked { finding: h.finding, likelihood: h.likelihood }).collect();
    Report { verdict, ranked, script_checks, all_good, nothing_given: verdict::nothing_given(&f) }
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
    hits.sort_by_key(|h| (h.likelihood, h.finding.info.severity, catalog::position(h.code())));
}
