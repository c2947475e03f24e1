//! HTTP Digest (RFC 7616): a stale nonce, and challenges no client at hand can answer.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use crate::model::request::digest::{self, DigestError, DigestInput};
use crate::model::response::challenge::Challenge;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let digests: Vec<&Challenge> = f.challenges.iter().filter(|c| c.is("digest")).collect();
    if digests.is_empty() {
        return;
    }
    if let Some(c) = digests.iter().find(|c| c.stale()) {
        let realm = c.realm().map(|r| format!(" (realm \"{r}\")")).unwrap_or_default();
        hits.push(
            Hit::new(DIGEST_STALE, format!("The Digest challenge{realm} says stale=true: the nonce used was too old; the user name and password were accepted."), Likelihood::High)
                .headline("the Digest nonce expired and the password is fine; answer the new challenge once more"),
        );
    }
    if f.status == Some(401) {
        unsupported(&digests, hits);
    }
}

/// Why this page cannot answer a challenge, when the reason is the algorithm or the qop (a
/// challenge missing its nonce is the server's bug, not an unsupported option).
fn page_cannot(c: &Challenge) -> Option<String> {
    let probe = DigestInput { username: "u", password: "p", method: "GET", uri: "/", cnonce: "c", nc: 1 };
    match digest::authorization(c, &probe) {
        Err(
            e @ (DigestError::UnknownAlgorithm { .. }
            | DigestError::AuthIntOnly
            | DigestError::UnsupportedQop { .. }
            | DigestError::SessWithoutQop { .. }),
        ) => Some(e.to_string()),
        _ => None,
    }
}

/// Python requests' `build_digest_header`: these algorithms (upper-cased), and qop auth or none.
fn requests_cannot(c: &Challenge) -> Option<String> {
    let alg = c.algorithm().unwrap_or("MD5").to_ascii_uppercase();
    if !["MD5", "MD5-SESS", "SHA", "SHA-256", "SHA-512"].contains(&alg.as_str()) {
        return Some(format!("Python requests has no {alg} and sends no Authorization header"));
    }
    match c.qop() {
        Some(q) if !q.is_empty() && !q.iter().any(|x| x.eq_ignore_ascii_case("auth")) => {
            Some(format!("Python requests answers only qop=auth, and the server offers qop=\"{}\"", q.join(", ")))
        }
        _ => None,
    }
}

fn unsupported(digests: &[&Challenge], hits: &mut Vec<Hit>) {
    let page: Vec<String> = digests.iter().map(|c| page_cannot(c)).collect::<Option<_>>().unwrap_or_default();
    let python: Vec<String> = digests.iter().map(|c| requests_cannot(c)).collect::<Option<_>>().unwrap_or_default();
    if page.is_empty() && python.is_empty() {
        return;
    }
    let mut reasons = Vec::new();
    if let Some(p) = page.first() {
        reasons.push(format!("this page cannot answer it, as {p}"));
    }
    // The page's auth-int sentence already speaks for Python requests.
    if let Some(p) = python.first().filter(|_| !reasons.iter().any(|r| r.contains("Python requests"))) {
        reasons.push(p.clone());
    }
    let likely = if !page.is_empty() && !python.is_empty() { Likelihood::High } else { Likelihood::Medium };
    let n = digests.len();
    let offered =
        if n == 1 { "The server's only Digest challenge".to_string() } else { format!("All {n} Digest challenges") };
    hits.push(
        Hit::new(DIGEST_UNSUPPORTED, format!("{offered}: {}.", reasons.join("; ")), likely)
            .headline("the server's Digest challenge asks for an algorithm or qop the client cannot do; have it offer qop=auth with MD5 or SHA-256"),
    );
}
