//! Findings other parts of the model already make, given a likelihood here so the report ranks
//! everything in one list: the token's (`for_token`), the browser's (`sending`), the vendors'.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use super::verdict::short_utc;
use crate::model::findings::{Finding, Severity};
use crate::model::request::sending;
use crate::model::response::Source;
use crate::model::time;
use crate::model::token::rules::for_token;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    if let Some(t) = f.token.as_deref() {
        for finding in for_token(t, f.clock) {
            let likely = token_likelihood(f, &finding);
            let headline = token_headline(f, &finding);
            hits.push(Hit { finding, likelihood: likely, headline });
        }
    }
    if let Some(r) = f.response {
        if let Source::Fetched { cross_origin } = r.source {
            for finding in sending::response_findings(r.status, &r.headers, cross_origin) {
                hits.push(Hit::of(finding, Likelihood::Medium));
            }
        }
    }
    for finding in f.signature {
        let headline = signature_headline(finding);
        hits.push(Hit { finding: finding.clone(), likelihood: signature_likelihood(f, finding), headline });
    }
}

/// A signature that does not verify explains a 401 well; it explains nothing when the server
/// accepted the token (it holds another key than the one pasted here).
fn signature_likelihood(f: &Facts, finding: &Finding) -> Likelihood {
    let base = by_severity(finding.info.severity);
    match f.status {
        Some(s) if s < 400 => Likelihood::Low,
        _ if f.sent_nothing() => base.demoted(),
        _ => base,
    }
}

fn signature_headline(finding: &Finding) -> Option<String> {
    Some(
        match finding.code() {
            "signature_invalid" => "the signature does not verify with the key given: the token was signed with another key (rotated, another tenant or environment) or changed after signing",
            "kid_not_in_jwks" => "the token's kid is not in the issuer's keys: the keys were rotated, or the token comes from another tenant or environment",
            "microsoft_graph_token" => "this is a Microsoft Graph token, which your own API cannot verify; request a token for your API instead",
            _ => return None,
        }
        .into(),
    )
}

/// Vendor findings read the body or headers of one vendor's answer: specific enough that an
/// error there settles it.
pub fn add_vendor(findings: Vec<Finding>, hits: &mut Vec<Hit>) {
    for finding in findings {
        let likely = by_severity(finding.info.severity);
        hits.push(Hit::of(finding, likely));
    }
}

fn by_severity(s: Severity) -> Likelihood {
    match s {
        Severity::Error => Likelihood::High,
        Severity::Warning => Likelihood::Medium,
        Severity::Info => Likelihood::Low,
    }
}

fn token_likelihood(f: &Facts, finding: &Finding) -> Likelihood {
    let refused = f.is_status(&[401]);
    let base = match finding.code() {
        // Whose clock is right is not known here.
        "token_not_yet_valid" | "iat_in_future" => Likelihood::Medium,
        // Decided from markers (nonce, 5 parts): a 401 corroborates them.
        "id_token_as_access_token" | "jwe_not_readable" if refused => Likelihood::High,
        "id_token_as_access_token" | "jwe_not_readable" => Likelihood::Medium,
        // A line break around a pasted token usually came with the copy, not the request.
        "token_whitespace" if finding.evidence.contains("before or after") => Likelihood::Low,
        _ => by_severity(finding.info.severity),
    };
    // The request sent no credentials at all: this token's flaws did not cause this answer.
    if f.sent_nothing() {
        base.demoted()
    } else {
        base
    }
}

fn token_headline(f: &Facts, finding: &Finding) -> Option<String> {
    let now = f.clock.now;
    let claim = |name: &str| f.claims().and_then(|c| c.get(name)).and_then(time::numeric_date);
    match finding.code() {
        "token_expired" => claim("exp").map(|exp| {
            format!(
                "the token expired {} (exp {}); get a new one or refresh",
                time::relative(exp, now),
                short_utc(exp, now)
            )
        }),
        "token_not_yet_valid" => claim("nbf").map(|nbf| {
            format!(
                "the token is not valid until {} ({}); a clock is off, so sync clocks or allow leeway",
                short_utc(nbf, now),
                time::relative(nbf, now)
            )
        }),
        "id_token_as_access_token" => {
            Some("you sent an ID token; APIs want the access token from the same token response".into())
        }
        "refresh_token_as_access_token" => {
            Some("you sent a refresh token; exchange it at the token endpoint for an access token".into())
        }
        "exp_in_milliseconds" => Some("the token's times are in milliseconds; JWT times are seconds".into()),
        "alg_none" => Some("the token is unsigned (alg none), which every API rejects".into()),
        _ => None,
    }
}
