//! Rules over what WWW-Authenticate says (RFC 6750 §3, RFC 9110 §11.6.1): the error codes,
//! the scopes it asks for, a challenge with no error although credentials were sent, and a
//! scheme the server does not offer.

use super::facts::{Carrier, Facts};
use super::report::{Hit, Likelihood};
use super::verdict::short_utc;
use crate::model::findings::codes::*;
use crate::model::response::challenge::Challenge;
use crate::model::time;
use crate::model::token::grants;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    invalid_token(f, hits);
    insufficient_scope(f, hits);
    invalid_request(f, hits);
    not_received(f, hits);
    scheme_mismatch(f, hits);
}

/// `Bearer error="invalid_token", error_description="…"` as evidence, quoted as sent.
fn quote(c: &Challenge) -> String {
    let mut s = format!("{} error=\"{}\"", c.scheme, c.error().unwrap_or_default());
    if let Some(d) = c.error_description() {
        s.push_str(&format!(", error_description=\"{d}\""));
    }
    s
}

fn mentions(text: &str, words: &[&str]) -> bool {
    let t = text.to_ascii_lowercase();
    words.iter().any(|w| t.contains(w))
}

fn invalid_token(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(c) = f.challenge_with_error("invalid_token") else { return };
    let desc = c.error_description().unwrap_or("");
    let mut evidence =
        format!("{} answered {}", f.status.map_or("The server".to_string(), |s| s.to_string()), quote(c));
    let expired_at = f.token_expired();
    let said_expired = mentions(desc, &["expir", "lifetime"]);
    if let Some(exp) = expired_at {
        evidence.push_str(&format!(
            "; the token's exp is {} ({})",
            time::format_utc(exp),
            time::relative(exp, f.clock.now)
        ));
    }
    evidence.push('.');
    let mut hit = Hit::new(INVALID_TOKEN, evidence, Likelihood::High);
    if let Some(exp) = expired_at {
        hit = hit
            .fix("The token expired: refresh it with the refresh token, or sign in again, and renew tokens before their exp.")
            .headline(format!("the token expired {} (exp {}); get a new one or refresh", time::relative(exp, f.clock.now), short_utc(exp, f.clock.now)));
    } else if said_expired {
        hit = hit.fix("The server says the token expired: refresh it or sign in again. If exp still looks valid here, the server's clock is ahead or it limits token age itself.").headline(format!("the server says the token expired (\"{desc}\"); get a new one or refresh"));
    } else if mentions(desc, &["audience", "aud "]) {
        hit = hit
            .fix("The token was issued for another API: request it with this API's audience / resource / scope.")
            .headline(format!("the server says the token is for another audience (\"{desc}\")"));
    } else if mentions(desc, &["issuer", "signature", "kid", "signing key", "key id"]) {
        hit = hit
            .fix("The server does not trust who signed the token: it comes from another issuer, tenant or environment, or the signing key rotated. Use a token from the issuer this API trusts.")
            .headline(format!("the server does not trust the token's issuer or signature (\"{desc}\")"));
    } else if mentions(desc, &["revoked", "inactive"]) {
        hit = hit
            .fix("The token was revoked (sign-out, password change, admin action): sign in again for a new one.")
            .headline(format!("the server says the token was revoked (\"{desc}\"); sign in again"));
    } else if desc.is_empty() {
        hit = hit
            .headline("the server rejected the token (invalid_token) without saying why; get a new token for this API");
    } else {
        hit = hit.headline(format!("the server rejected the token: \"{desc}\""));
    }
    hits.push(hit);
}

fn insufficient_scope(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(c) = f.challenge_with_error("insufficient_scope") else { return };
    let needed = c.scope().unwrap_or_default();
    let mut evidence =
        format!("{} answered {}", f.status.map_or("The server".to_string(), |s| s.to_string()), quote(c));
    let mut headline =
        "the token lacks a scope this resource needs; request a new token with it (refreshing will not help)"
            .to_string();
    if !needed.is_empty() {
        evidence.push_str(&format!(", scope=\"{}\"", needed.join(" ")));
    }
    match f.claims() {
        Some(claims) => {
            let all = grants::gather(claims);
            let have = grants::scope_values(&all);
            let shown = if have.is_empty() { "no scopes".to_string() } else { format!("\"{}\"", have.join(" ")) };
            evidence.push_str(&format!("; the token has {shown}"));
            let missing: Vec<&str> = needed.iter().copied().filter(|n| !have.contains(n)).collect();
            if !needed.is_empty() && missing.is_empty() {
                evidence.push_str("; it has every scope named, so the server wants something else (a role, another audience, or all of them at once on another resource)");
            } else if !missing.is_empty() {
                evidence.push_str(&format!("; missing: {}", missing.join(", ")));
                let case_only: Vec<&str> =
                    missing.iter().copied().filter(|m| have.iter().any(|h| h.eq_ignore_ascii_case(m))).collect();
                if !case_only.is_empty() {
                    let verb = if case_only.len() == 1 { "differs" } else { "differ" };
                    evidence.push_str(&format!(
                        " ({} {verb} only in case; scopes are case-sensitive)",
                        case_only.join(", ")
                    ));
                }
                let s = if missing.len() == 1 { "" } else { "s" };
                headline = format!(
                    "the token lacks the scope{s} {}; request a new token with {} (refreshing will not help)",
                    missing.join(", "),
                    if missing.len() == 1 { "it" } else { "them" }
                );
            }
        }
        None if f.token.is_some() => {
            evidence.push_str("; this token's scopes cannot be read here (it is not a readable JWT)")
        }
        None => {}
    }
    // Without the token's scopes, the challenge still says which would do.
    if f.claims().is_none() && !needed.is_empty() {
        headline = format!(
            "the token lacks a scope this resource needs ({}); request a new token with it (refreshing will not help)",
            needed.join(" ")
        );
    }
    evidence.push('.');
    hits.push(Hit::new(INSUFFICIENT_SCOPE, evidence, Likelihood::High).headline(headline));
}

fn invalid_request(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(c) = f.challenge_with_error("invalid_request") else { return };
    let mut evidence =
        format!("{} answered {}", f.status.map_or("The server".to_string(), |s| s.to_string()), quote(c));
    let twice = f.authorization_count() > 1
        || f.carriers.iter().any(|c| matches!(c, Carrier::Query(n) | Carrier::Form(n) if n == "access_token"));
    if twice {
        evidence.push_str("; the request sends the token more than one way");
    }
    evidence.push('.');
    let headline = match c.error_description() {
        Some(d) => format!("the server says the request is malformed: \"{d}\""),
        None => "the server says the request is malformed (invalid_request)".to_string(),
    };
    hits.push(Hit::new(INVALID_REQUEST, evidence, Likelihood::High).headline(headline));
}

/// RFC 6750 §3.1: a request without authentication information gets a challenge without an
/// error code. Seeing that after sending a token means the token did not arrive.
fn not_received(f: &Facts, hits: &mut Vec<Hit>) {
    if f.status != Some(401) || f.challenges.iter().any(|c| c.error().is_some()) {
        return;
    }
    let Some((Some(scheme), _)) = f.authorization() else { return };
    let Some(c) = f.challenges.iter().find(|c| c.is(scheme) && (c.is("bearer") || c.is("dpop"))) else { return };
    let realm = c.realm().map(|r| format!(" realm=\"{r}\"")).unwrap_or_default();
    let mut evidence = format!("The request sent Authorization: {scheme} …, yet the 401's challenge `{}{realm}` has no error, which a server sends when a request had no credentials at all", c.scheme);
    if let Some(r) = f.response.filter(|r| !r.hops.is_empty()) {
        evidence.push_str(&format!(
            " ({} redirect{} on the way)",
            r.hops.len(),
            if r.hops.len() == 1 { "" } else { "s" }
        ));
    }
    evidence.push('.');
    hits.push(Hit::new(CREDENTIALS_NOT_RECEIVED, evidence, Likelihood::Medium).headline(
        "the token was sent but the server answers as if it got none; a redirect or proxy probably stripped it",
    ));
}

fn scheme_mismatch(f: &Facts, hits: &mut Vec<Hit>) {
    if !matches!(f.status, Some(401)) || f.challenges.is_empty() {
        return;
    }
    let offered = f.challenge_schemes();
    let list = offered.join(", ");
    let (used, likely) = match (f.scheme(), f.sent_known()) {
        (Some(s), _) => (s.to_string(), Likelihood::High),
        // Only the token box says which scheme: the request itself is unknown.
        (None, false) => match f.token.as_deref().and_then(|t| t.extracted.scheme.clone()) {
            Some(s) => (s, Likelihood::Medium),
            None => return,
        },
        (None, true) => {
            let Some(Carrier::KeyHeader(name)) = f.carriers.iter().find(|c| matches!(c, Carrier::KeyHeader(_))) else {
                return;
            };
            hits.push(Hit::new(
                SCHEME_MISMATCH,
                format!(
                    "The request sends an API key in {name}; the server's challenge asks for {list} in Authorization."
                ),
                Likelihood::Low,
            ));
            return;
        }
    };
    if offered.iter().any(|o| o.eq_ignore_ascii_case(&used)) {
        return;
    }
    let is = |a: &str, b: &str| used.eq_ignore_ascii_case(a) && offered.iter().any(|o| o.eq_ignore_ascii_case(b));
    let fix = if is("basic", "digest") {
        "The server wants Digest: answer its challenge (`HTTPDigestAuth(user, password)` in Python, `curl --digest -u user:password`); it never accepts Basic credentials."
    } else if is("digest", "basic") {
        "The server wants Basic: send `Authorization: Basic base64(user:password)` (`auth=(user, password)` in Python, `curl -u`)."
    } else if is("bearer", "dpop") {
        "The server wants DPoP: send `Authorization: DPoP <token>` and a `DPoP:` proof header, with a token issued for DPoP (token_type \"DPoP\")."
    } else if is("bearer", "basic") {
        "This endpoint wants a user name and password (or client id and secret) as Basic credentials, not a token."
    } else {
        SCHEME_MISMATCH.fix
    };
    hits.push(
        Hit::new(SCHEME_MISMATCH, format!("The request uses {used}; the server offers {list}."), likely)
            .fix(fix)
            .headline(format!("the server wants {list} but the request used {used}")),
    );
}
