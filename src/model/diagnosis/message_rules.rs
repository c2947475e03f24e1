//! What the server's own words name, when no vendor rule already read them: "Jwt expired at …"
//! (Spring), "jwt audience invalid" (jsonwebtoken), "Jwt is expired" (Envoy), "Token has been
//! revoked" (Flask-JWT-Extended), IDX codes in a body. The specific reason ranks above the
//! generic reading of the status (`invalid_token`, `www_authenticate_missing`, `forbidden`).

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::code::CodeInfo;
use crate::model::findings::codes::{
    ALG_KEY_MISMATCH, ASPNET_AUDIENCE_INVALID, ASPNET_ISSUER_INVALID, ASPNET_SIGNATURE_INVALID, ASPNET_TOKEN_EXPIRED,
    AUDIENCE_MISMATCH, CREDENTIALS_MISSING, CREDENTIALS_NOT_RECEIVED, DPOP_PROOF_INVALID, INVALID_TOKEN,
    ISSUER_REJECTED, KID_NOT_IN_JWKS, SIGNATURE_INVALID, TOKEN_EXPIRED, TOKEN_MALFORMED, TOKEN_NOT_YET_VALID,
    TOKEN_REVOKED, VENDOR_CODES,
};
use crate::model::response::message::{is_jwt_library_message, reason, Reason};
use crate::model::response::vendor;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(r) = f.response else { return };
    if !(400..500).contains(&r.status) {
        return;
    }
    // A vendor's reader knows its own words better.
    if hits.iter().any(|h| VENDOR_CODES.iter().any(|v| v.code == h.code())) {
        return;
    }
    let text = &f.server_text;
    let Some(why) = reason(text) else { return };
    // The words are about a token only where one is in play: they name one, the server
    // challenges for one, or the request sent one. "Your password has expired" or a signed
    // request's "Signature … is not valid" are not a token's.
    let lower = text.to_lowercase();
    let bearer = |s: &str| s.eq_ignore_ascii_case("bearer") || s.eq_ignore_ascii_case("dpop");
    let token_in_play = lower.contains("token")
        || lower.contains("jwt")
        // Microsoft.IdentityModel's IDX1xxxx codes are all about token validation.
        || lower.contains("idx1")
        // A library's whole message, unless the request is known to have sent no credential.
        || f.server_words.as_deref().is_some_and(is_jwt_library_message) && !(f.sent_known() && f.authorization().is_none())
        || f.token.as_deref().is_some_and(|t| t.basic.is_none() && !t.is_empty())
        || f.challenges.iter().any(|c| bearer(&c.scheme))
        || f.scheme().is_some_and(bearer);
    let sent_other = f.scheme().is_some_and(|s| !bearer(s));
    if why != Reason::Missing && (!token_in_play || sent_other && !lower.contains("token") && !lower.contains("jwt")) {
        return;
    }
    // An unreadable challenge is quoted as it came.
    let Some(words) = f.server_words.clone().or_else(|| r.header("www-authenticate").map(str::to_string)) else {
        return;
    };
    let sent = f.sent_known() && f.authorization().is_some();
    let (info, said, advice): (&'static CodeInfo, &str, &str) = match why {
        // A DPoP proof the server could not verify or bind is the proof's problem, not the token's.
        Reason::Signature | Reason::KeyNotFound | Reason::Invalid | Reason::Malformed if lower.contains("dpop") => (
            DPOP_PROOF_INVALID,
            "the DPoP proof does not verify or is not bound to the token's key",
            "; sign each proof with the key pair the token was issued for",
        ),
        Reason::Revoked => (TOKEN_REVOKED, "the token was revoked", "; sign in again or refresh"),
        Reason::Missing if sent => {
            (CREDENTIALS_NOT_RECEIVED, "it got no credentials", ", though the request sent them")
        }
        Reason::Missing => (CREDENTIALS_MISSING, "it got no credentials", ""),
        Reason::NotYetValid => (TOKEN_NOT_YET_VALID, "the token is not valid yet", "; a clock is off"),
        Reason::Expired => (TOKEN_EXPIRED, "the token expired", "; get a new one or refresh"),
        Reason::Audience => (AUDIENCE_MISMATCH, "the token is for another audience", ""),
        Reason::Issuer => (ISSUER_REJECTED, "it does not accept the token's issuer", ""),
        Reason::KeyNotFound => (KID_NOT_IN_JWKS, "none of its keys matches the token's kid", ""),
        Reason::Algorithm => (ALG_KEY_MISMATCH, "the token's algorithm is not the one it expects", ""),
        Reason::Signature => (SIGNATURE_INVALID, "the token's signature does not verify with its keys", ""),
        Reason::Malformed => (TOKEN_MALFORMED, "the token is malformed", ""),
        Reason::Invalid => (INVALID_TOKEN, "it rejected the token as invalid", "; get a new one for this API"),
    };
    // The token's own finding of the same kind says it with its figures; the server's words
    // confirm it (the plain code: ASP.NET's twin below is a vendor code, and with a vendor
    // finding present this rule has already stepped back).
    if let Some(h) = hits.iter_mut().find(|h| h.code() == info.code) {
        h.likelihood = Likelihood::High;
        return;
    }
    // ASP.NET's IDX codes have their own findings, with the settings to check.
    let info = match why {
        _ if !words.contains("IDX") => info,
        Reason::Expired => ASPNET_TOKEN_EXPIRED,
        Reason::Audience => ASPNET_AUDIENCE_INVALID,
        Reason::Issuer => ASPNET_ISSUER_INVALID,
        Reason::Signature => ASPNET_SIGNATURE_INVALID,
        _ => info,
    };
    let mut evidence = format!("{} {} answered: \"{words}\".", r.status, r.reason.trim());
    // Flask-JWT-Extended's default for a token it cannot decode or verify; other clients retry
    // or refresh on 401 only, which is why such a token can go unnoticed.
    let flask = r.status == 422 && vendor::body_json(r).is_some_and(|v| v.get("msg").is_some());
    if flask {
        evidence.push_str(" A 422 with {\"msg\": …} is how Flask-JWT-Extended refuses a token it cannot decode or verify (not 401): clients that refresh on 401 only will not.");
    }
    hits.push(Hit::new(info, evidence.replace("  ", " "), Likelihood::High).headline(format!(
        "the server says {said} (\"{words}\"){advice}{}",
        if flask { "; its 422 is Flask-JWT-Extended's way to refuse a token" } else { "" }
    )));
}
