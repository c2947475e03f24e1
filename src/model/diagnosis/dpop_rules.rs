//! Sender-constrained tokens: DPoP (RFC 9449) nonces and proofs, a DPoP-bound token sent as a
//! bearer token, and a certificate-bound token (RFC 8705) a browser cannot present.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use serde_json::Value;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    nonce(f, hits);
    proof(f, hits);
    bound_as_bearer(f, hits);
    mtls(f, hits);
}

/// The error from the challenge, else from a token endpoint's JSON body, with its description.
fn error_named(f: &Facts, error: &str) -> Option<(String, Option<String>)> {
    if let Some(c) = f.challenge_with_error(error) {
        return Some((
            format!("WWW-Authenticate: {} error=\"{error}\"", c.scheme),
            c.error_description().map(str::to_string),
        ));
    }
    let (e, d) = f.body_error()?;
    (e == error).then(|| (format!("the body's {{\"error\": \"{error}\"}}"), d))
}

fn nonce(f: &Facts, hits: &mut Vec<Hit>) {
    let (Some(resp), Some((source, _))) = (f.response, error_named(f, "use_dpop_nonce")) else { return };
    let header = match resp.header("dpop-nonce") {
        Some(n) => format!("DPoP-Nonce: {n} gives the nonce to put in the next proof"),
        None if resp.may_hide_headers() => {
            "the DPoP-Nonce header is not readable here: the server must list it in Access-Control-Expose-Headers"
                .into()
        }
        None => "there is no DPoP-Nonce header, which the server must send with this error".into(),
    };
    hits.push(
        Hit::new(DPOP_NONCE_REQUIRED, format!("{} with {source}; {header}.", resp.status), Likelihood::High).headline(
            "the server wants its nonce in the DPoP proof; retry once with the nonce from the DPoP-Nonce header",
        ),
    );
}

fn proof(f: &Facts, hits: &mut Vec<Hit>) {
    let Some((source, desc)) = error_named(f, "invalid_dpop_proof") else { return };
    let mut evidence = source;
    if let Some(d) = desc {
        evidence.push_str(&format!(", error_description=\"{d}\""));
    }
    if f.sent_known() && f.sent_header("dpop").is_none() {
        evidence.push_str("; the request carried no DPoP header at all");
    }
    evidence.push('.');
    hits.push(
        Hit::new(DPOP_PROOF_INVALID, evidence, Likelihood::High)
            .headline("the server rejected the DPoP proof; check its htm, htu, iat, ath and key"),
    );
}

fn cnf<'a>(f: &'a Facts, member: &str) -> Option<&'a Value> {
    f.claims()?.get("cnf")?.get(member)
}

fn bound_as_bearer(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(jkt) = cnf(f, "jkt") else { return };
    let Some(scheme) = f.scheme().filter(|s| s.eq_ignore_ascii_case("bearer")) else { return };
    let likely = if f.status.is_none() || f.is_status(&[400, 401]) { Likelihood::High } else { Likelihood::Medium };
    hits.push(
        Hit::new(
            DPOP_TOKEN_SENT_AS_BEARER,
            format!("The token has cnf.jkt = {jkt} (bound to a DPoP key) and was sent as Authorization: {scheme}."),
            likely,
        )
        .headline("the token is DPoP-bound but was sent as Bearer; send it as `Authorization: DPoP` with a DPoP proof"),
    );
}

fn mtls(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(thumb) = cnf(f, "x5t#S256") else { return };
    let likely = match f.status {
        Some(401) => Likelihood::High,
        Some(s) if s < 400 => Likelihood::Low,
        _ => Likelihood::Medium,
    };
    hits.push(
        Hit::new(MTLS_BOUND_TOKEN, format!("The token has cnf[\"x5t#S256\"] = {thumb}: only a TLS connection presenting that client certificate may use it."), likely)
            .headline("the token is bound to a client certificate; send it over mTLS with that certificate"),
    );
}
