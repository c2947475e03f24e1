//! Rules read from the status line and the presence of headers: nothing sent, the proxy's 407,
//! 403 versus 401, 404 hiding a 403, a 401 without a challenge, and the 401 nothing explains.

use super::facts::{Carrier, Facts, AUTHORIZATION_TYPOS};
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use crate::model::findings::Severity;
use crate::model::response::Source;
use crate::model::time;
use crate::model::token::claims::{self, Validity};
use crate::model::token::grants;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    credentials_missing(f, hits);
    proxy(f, hits);
    forbidden(f, hits);
    not_found(f, hits);
    challenge_missing(f, hits);
    challenge_notes(f, hits);
}

fn schemes_wanted(f: &Facts) -> String {
    f.challenge_schemes().join(", ")
}

fn credentials_missing(f: &Facts, hits: &mut Vec<Hit>) {
    let likely = match f.status {
        Some(401) => Likelihood::High,
        Some(403) => Likelihood::Medium,
        _ => return,
    };
    if !f.sent_nothing() {
        return;
    }
    let source = if f.from_trace { "The traced request" } else { "The request" };
    let mut evidence = format!("{source} sent no Authorization header, API key or cookie");
    let typo = f
        .sent_headers
        .iter()
        .flatten()
        .find(|(n, _)| AUTHORIZATION_TYPOS.contains(&n.trim().to_ascii_lowercase().as_str()));
    if let Some((name, _)) = typo {
        evidence.push_str(&format!(" (only \"{}\", which servers ignore)", name.trim()));
    }
    if let Some((_, from, to, _)) = super::redirect_rules::stripping_hop(f) {
        evidence.push_str(&format!(" after the redirect from {} to {}", from.origin(), to.origin()));
    }
    let wanted = schemes_wanted(f);
    if !wanted.is_empty() {
        evidence.push_str(&format!("; the server asks for {wanted}"));
    }
    evidence.push('.');
    let scheme = f.challenge_schemes().first().map_or("Bearer".to_string(), |s| s.to_string());
    hits.push(
        Hit::new(CREDENTIALS_MISSING, evidence, likely)
            .headline(format!("the request carried no credentials; send `Authorization: {scheme} …`")),
    );
}

fn proxy(f: &Facts, hits: &mut Vec<Hit>) {
    if f.status != Some(407) {
        return;
    }
    let offered: Vec<&str> = f.proxy_challenges.iter().map(|c| c.scheme.as_str()).collect();
    let what = if offered.is_empty() {
        "no Proxy-Authenticate header".to_string()
    } else {
        format!("Proxy-Authenticate: {}", offered.join(", "))
    };
    let realm =
        f.proxy_challenges.iter().find_map(|c| c.realm()).map(|r| format!(" (realm \"{r}\")")).unwrap_or_default();
    hits.push(
        Hit::new(PROXY_AUTH_REQUIRED, format!("407 with {what}{realm}: a proxy between you and the API refused the request before it reached the API."), Likelihood::High)
            .headline("a proxy, not the API, wants credentials (407); give the proxy its own credentials or bypass it"),
    );
}

fn forbidden(f: &Facts, hits: &mut Vec<Hit>) {
    if f.status != Some(403) || f.challenge_with_error("insufficient_scope").is_some() {
        return;
    }
    let mut evidence = "403 Forbidden".to_string();
    let likely = if f.sent_nothing() {
        evidence.push_str(" to a request without credentials: this server may use 403 for a missing login too");
        Likelihood::Low
    } else {
        let how: Vec<String> = f.carriers.iter().map(|c| c.describe()).collect();
        if !how.is_empty() {
            evidence.push_str(&format!(" to a request authenticated with {}", how.join(" and ")));
        }
        Likelihood::Medium
    };
    if let Some(claims) = f.claims() {
        let grants = grants::gather(claims);
        if grants.is_empty() {
            evidence.push_str("; the token carries no scopes, roles or groups");
        } else {
            let list: Vec<String> = grants.iter().take(12).map(|g| format!("{} {}", g.kind.label(), g.value)).collect();
            evidence.push_str(&format!("; the token grants {}", list.join(", ")));
        }
    }
    evidence.push('.');
    hits.push(Hit::new(FORBIDDEN_STATUS, evidence, likely).headline(
        "the server knows who you are but does not allow this (403); retrying with the same credentials will not help",
    ));
}

fn not_found(f: &Facts, hits: &mut Vec<Hit>) {
    if f.status == Some(404) && !f.carriers.is_empty() {
        hits.push(Hit::new(NOT_FOUND_WITH_CREDENTIALS, "404 to a request that carried credentials.", Likelihood::Low));
    }
}

fn challenge_missing(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(r) = f.response else { return };
    let visible = matches!(r.source, Source::Pasted | Source::Fetched { cross_origin: false });
    if r.status == 401 && visible && r.header("www-authenticate").is_none() {
        // A challenge under another name is there for people, and invisible to clients.
        if let Some((name, value)) = r.headers.iter().find(|(n, _)| is_renamed_challenge(n)) {
            let lower = name.to_ascii_lowercase();
            let (why, fix) = if lower.starts_with("x-amzn-remapped-") {
                (
                    format!("API Gateway renamed the backend's challenge to {name}, so clients see a 401 without WWW-Authenticate; the backend says: {value}"),
                    "AWS API Gateway remaps a backend's WWW-Authenticate (a proxy integration keeps it only under x-amzn-Remapped-…). Read its error and error_description as the reason; to pass the header on, map it explicitly in the integration response or return it from a Lambda proxy integration.",
                )
            } else if lower.starts_with("x-") {
                (
                    format!("the server sends its challenge as \"{name}\" (often renamed on purpose, so that browsers show no login dialog), so clients see a 401 without WWW-Authenticate; it says: {value}"),
                    "The header is named so on purpose by some APIs; read its error and error_description as the reason for the 401.",
                )
            } else {
                (
                    format!("the server misspells its challenge header (\"{name}\"), so clients see a 401 without WWW-Authenticate; it says: {value}"),
                    "The server must send the header as WWW-Authenticate (RFC 9110 §11.6.1): fix the name in its code or middleware. Meanwhile read the misspelled header's error and error_description as the reason.",
                )
            };
            hits.push(
                Hit::new(
                    WWW_AUTHENTICATE_MISSING,
                    format!("The 401 sends its challenge as \"{name}: {value}\", a header no client reads as WWW-Authenticate."),
                    Likelihood::High,
                )
                .headline(why)
                .fix(fix),
            );
            return;
        }
        let how = if r.source == Source::Pasted { "The pasted 401" } else { "The same-origin 401" };
        hits.push(Hit::new(
            WWW_AUTHENTICATE_MISSING,
            format!(
                "{how} has no WWW-Authenticate header, so it does not say which scheme it wants or why it refused."
            ),
            Likelihood::Medium,
        ));
    }
}

/// "www-authentication", "WWW_Authenticate", "X-WWW-Authenticate", API Gateway's
/// "x-amzn-Remapped-WWW-Authenticate": a challenge header clients never see.
fn is_renamed_challenge(name: &str) -> bool {
    let squeezed: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    !name.eq_ignore_ascii_case("www-authenticate") && squeezed.contains("wwwauthenticat")
}

fn challenge_notes(f: &Facts, hits: &mut Vec<Hit>) {
    if !f.challenge_problems.is_empty() {
        let list: Vec<String> = f.challenge_problems.iter().take(3).map(|p| p.to_string()).collect();
        hits.push(Hit::new(CHALLENGE_MALFORMED, format!("WWW-Authenticate {}.", list.join("; ")), Likelihood::Low));
    }
    if let Some(c) = f.challenges.iter().find(|c| c.resource_metadata().is_some()) {
        let url = c.resource_metadata().unwrap_or_default();
        // With no error= the challenge says only "a token, from the servers listed there" (RFC
        // 9728 §5.1): that is the lead to follow. Beside an error it is background.
        let (likely, evidence) = if c.error().is_none() {
            (Likelihood::Medium, format!("{} resource_metadata=\"{url}\", with no error: the API wants a token from an authorization server that document lists.", c.scheme))
        } else {
            (Likelihood::Low, format!("resource_metadata=\"{url}\"."))
        };
        hits.push(Hit::new(RESOURCE_METADATA_HINT, evidence, likely).headline(format!(
            "the API wants a {} token from one of the authorization servers its resource_metadata lists ({url}, RFC 9728); fetch it for their issuer and the scopes to ask for",
            c.scheme
        )));
    }
}

/// Warnings about the command itself that explain a 401 when they are likely.
const COMMAND_CAUSES: &[&str] =
    &["credential_from_variable", "json_without_json_content_type", "form_value_not_encoded", "get_with_body"];

/// Last, over everything else: a 401 that no error explains gets what to check next, never silence.
pub fn unexplained(f: &Facts, hits: &mut Vec<Hit>) {
    if f.status != Some(401) || hits.iter().any(|h| h.finding.info.severity == Severity::Error) {
        return;
    }
    // A renamed challenge explains it.
    if hits.iter().any(|h| h.code() == "www_authenticate_missing" && h.likelihood == Likelihood::High) {
        return;
    }
    if hits.iter().any(|h| COMMAND_CAUSES.contains(&h.code()) && h.likelihood <= Likelihood::Medium) {
        return;
    }
    let mut evidence = "401 and nothing in the request, the response or the token explains it".to_string();
    if let Some(claims) = f.claims() {
        match claims::validity(claims, f.clock) {
            Validity::Valid { expires_in } => evidence
                .push_str(&format!("; the token is valid for {} more", time::human_duration(expires_in.max(0) as u64))),
            Validity::NoExpiry => {
                evidence.push_str("; the token has no expiry, so only its issuer knows whether it was revoked")
            }
            _ => {}
        }
    } else if f.token.is_some() {
        evidence.push_str("; the credential cannot be read here, so its expiry and tenant are unknown");
    }
    if let Some(c) = f.challenges.first() {
        evidence.push_str(&format!("; the challenge is {}", c.scheme));
        if let Some(realm) = c.realm() {
            evidence.push_str(&format!(" realm \"{realm}\""));
        }
    }
    evidence.push('.');
    // Without a challenge this is the explanation to read first; the missing header follows it.
    for h in hits.iter_mut().filter(|h| h.code() == "www_authenticate_missing" && h.likelihood == Likelihood::Medium) {
        h.likelihood = Likelihood::Low;
    }
    let checks = checks_that_tell_apart(f).join("; ");
    hits.push(
        Hit::new(UNEXPLAINED_401, evidence, Likelihood::Low)
            .fix(format!("Check, in order: {checks}."))
            .headline(format!("nothing here explains the 401; check, in order: {checks}")),
    );
}

/// The two or three checks that tell the remaining causes apart for this request, first the
/// one most likely to settle it.
fn checks_that_tell_apart(f: &Facts) -> Vec<String> {
    let mut checks = by_token(f).unwrap_or_else(|| by_carrier(f, f.carriers.first()));
    // An auth service behind a proxy answers with a bare status and no challenge; the API
    // itself usually says more. Whether it got the header at all is then the first question.
    let authorization = matches!(f.carriers.first(), Some(Carrier::Authorization { .. }));
    if authorization && f.sent_known() && f.challenges.is_empty() && bare_status_body(f) {
        checks.insert(0, "whether the Authorization header reaches the code that checks it: the body is only the status text, as an auth service behind a proxy answers (oauth2-proxy's /oauth2/auth behind Traefik forwardAuth, say), and the proxy must pass the header on (forwardAuth sends only the headers listed in authRequestHeaders when that is set)".into());
        checks.truncate(3);
    }
    checks
}

fn by_token(f: &Facts) -> Option<Vec<String>> {
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_string)
            .or_else(|| v.as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")))
    };
    let claims = f.claims()?;
    let iss = claims.get("iss").and_then(text).unwrap_or_else(|| "none".into());
    let aud = claims.get("aud").and_then(text).unwrap_or_else(|| "none".into());
    Some(vec![
        format!("that the API expects this issuer and audience (iss {iss}, aud {aud}), byte for byte"),
        "whether the token was revoked or the user lost access (sign in again and retry)".into(),
        "the API's own log, which names the check that failed".into(),
    ])
}

/// A body that says no more than the status line: "Unauthorized" (Go's http.Error adds a
/// newline and X-Content-Type-Options: nosniff), "401 Unauthorized", or nothing.
fn bare_status_body(f: &Facts) -> bool {
    let Some(r) = f.response else { return false };
    let body = r.body.trim().to_ascii_lowercase();
    body.is_empty()
        || body == "unauthorized"
        || body == "401 unauthorized"
        || body == r.reason.trim().to_ascii_lowercase()
}

fn by_carrier(f: &Facts, carrier: Option<&Carrier>) -> Vec<String> {
    match carrier {
        Some(Carrier::KeyHeader(name)) | Some(Carrier::Query(name)) => vec![
            format!("that {name} is the name this API reads its key from"),
            "that the key belongs to this environment or project (staging keys fail in production)".into(),
            "whether the key was revoked or rotated (create a new one and retry)".into(),
        ],
        Some(Carrier::Authorization { scheme: Some(s), .. }) if s.eq_ignore_ascii_case("basic") => vec![
            "the user name and password, by logging in elsewhere with them".into(),
            "whether the account is locked or needs an API token instead of its password".into(),
            "the server's log".into(),
        ],
        Some(_) => vec![
            "that the token was issued for this API and environment (introspect it at the issuer, or decode it if it is a JWT)".into(),
            "whether it expired or was revoked at the issuer (get a new one and retry)".into(),
            "the API's own log, which names the check that failed".into(),
        ],
        None if f.sent_known() => vec![
            "which credentials this API wants (its WWW-Authenticate or its documentation)".into(),
            "that your client really sends them (curl -v shows the request headers)".into(),
        ],
        None => vec![
            "paste the request (Import curl) or the token: what was sent tells the causes apart".into(),
            "the key's environment and tenant, and whether it was revoked".into(),
            "the server's log and the clocks".into(),
        ],
    }
}
