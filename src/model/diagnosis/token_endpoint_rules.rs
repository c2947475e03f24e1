//! A token endpoint's refusal read with the request that caused it: which client
//! authentication was sent decides what to try next for `invalid_client` (RFC 6749 §2.3.1,
//! §5.2), which the response alone cannot say.

use super::facts::Facts;
use super::report::Hit;

pub fn run(f: &Facts, hits: &mut [Hit]) {
    let Some((error, description)) = f.body_error() else { return };
    // Okta's PKCE refusal is about where the request came from, not how the client signed in.
    if !f.sent_known()
        || error != "invalid_client"
        || description.is_some_and(|d| d.contains("Proof Key for Code Exchange"))
    {
        return;
    }
    let Some(hit) = hits.iter_mut().find(|h| h.code() == "oauth_invalid_client") else { return };
    let in_form = |name: &str| f.form.iter().any(|(n, _)| n == name);
    let basic = f.scheme().is_some_and(|s| s.eq_ignore_ascii_case("basic"));
    let (sent, next) = if basic {
        (
            "client_secret_basic (Authorization: Basic)",
            "If the client is registered for client_secret_post, send client_id and client_secret as form fields instead. If it is registered for Basic, the id and secret must be form-encoded before base64 (RFC 6749 §2.3.1): a secret with +, /, :, % or a space otherwise arrives changed.",
        )
    } else if in_form("client_secret") {
        (
            "client_secret_post (client_secret in the form)",
            "If the client is registered for client_secret_basic (the default of many servers), send the id and secret in Authorization: Basic instead, each form-encoded before base64.",
        )
    } else if in_form("client_assertion") {
        (
            "a client assertion (private_key_jwt)",
            "Check the assertion: iss and sub are the client id, aud is the token endpoint (or the issuer, as the server documents), exp is in the future, jti is new, and it is signed with the key registered for the client (RFC 7523 §3).",
        )
    } else {
        (
            "no client authentication (a public client)",
            "A confidential client must authenticate: send its secret (client_secret_basic or client_secret_post), or register the client as public if it runs in a browser.",
        )
    };
    hit.finding.evidence.push_str(&format!(" The request used {sent}."));
    hit.finding.fix = format!("{next} {}", hit.finding.fix);
}
