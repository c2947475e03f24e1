//! A token endpoint's refusal read with the request that caused it: which client
//! authentication was sent decides what to try next for `invalid_client` (RFC 6749 §2.3.1,
//! §5.2), the grant sent says what is dead for `invalid_grant`, and the redirect_uri sent is
//! the one to register; the response alone cannot say.

use super::facts::Facts;
use super::report::Hit;

pub fn run(f: &Facts, hits: &mut [Hit]) {
    let Some((error, description)) = f.body_error() else { return };
    if f.sent_known() {
        grant_sent(f, hits);
        redirect_to_register(f, hits);
    }
    // Okta's PKCE refusal is about where the request came from, not how the client signed in.
    if !f.sent_known()
        || error != "invalid_client"
        || description.is_some_and(|d| d.contains("Proof Key for Code Exchange"))
    {
        return;
    }
    let Some(hit) = hits.iter_mut().find(|h| h.code() == "oauth_invalid_client") else { return };
    let in_form = |name: &str| f.sent_field(name).is_some();
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

/// invalid_grant read with the grant the request sent (RFC 6749 §5.2): what can be dead about a
/// refresh token, and what must match for a code.
fn grant_sent(f: &Facts, hits: &mut [Hit]) {
    let Some(hit) = hits.iter_mut().find(|h| h.code() == "oauth_invalid_grant") else { return };
    let next = match f.sent_field("grant_type") {
        Some("refresh_token") => "The request sent a refresh token. It is dead when it expired (an idle or absolute lifetime), was revoked (sign-out, a password change), or was already used: a server that rotates refresh tokens accepts each only once, so the latest one every refresh returned must be kept and sent (RFC 9700 §4.14.2; reusing an old one may revoke the whole family). Sign in again for a new one.".to_string(),
        Some("authorization_code") => {
            let verifier = if f.sent_field("code_verifier").is_some() {
                "with the code_verifier of this sign-in's code_challenge"
            } else {
                "and this request sent no code_verifier, which a code issued with a code_challenge needs (RFC 7636 §4.5)"
            };
            let redirect = f.sent_field("redirect_uri").map_or(String::new(), |r| format!(" (this request sent {r})"));
            format!("The request redeemed a code. A code is redeemed once, within minutes of the sign-in, by the client it was issued to, with the same redirect_uri as the authorization request{redirect}, {verifier}. Sign in again for a new code.")
        }
        _ => return,
    };
    hit.finding.fix = format!("{next} {}", hit.finding.fix);
}

/// The redirect_uri the request sent is the one to register.
fn redirect_to_register(f: &Facts, hits: &mut [Hit]) {
    let Some(hit) = hits.iter_mut().find(|h| h.code() == "oauth_redirect_uri_not_registered") else { return };
    if let Some(uri) = f.sent_field("redirect_uri") {
        hit.finding.fix = format!("Register exactly {uri}, the redirect_uri this request sent. {}", hit.finding.fix);
    }
}
