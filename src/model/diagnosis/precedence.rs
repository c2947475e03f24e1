//! When a specific cause is known, the generic readings of the same refusal step back: the
//! server's `invalid_token` or a 403 says less than "the token expired", a scheme mismatch less
//! than "this token is bound to a DPoP key", a vendor's "invalid API key" less than a request
//! that sent `Bearer undefined`. As data: each cause, and the findings it outranks.

use super::report::{Hit, Likelihood};

/// The findings of a token refused for one named reason.
const TOKEN_REASONS: &[&str] = &[
    "token_expired",
    "token_not_yet_valid",
    "token_revoked",
    "audience_mismatch",
    "issuer_rejected",
    "kid_not_in_jwks",
    "alg_key_mismatch",
    "signature_invalid",
    "token_malformed",
    "refresh_token_as_access_token",
    "id_token_as_access_token",
];
const GENERIC: &[&str] =
    &["invalid_token", "www_authenticate_missing", "unexplained_401", "forbidden", "challenge_malformed"];

/// (causes, the findings they outrank)
const OUTRANKS: &[(&[&str], &[&str])] = &[
    (TOKEN_REASONS, GENERIC),
    (
        &["dpop_token_sent_as_bearer", "dpop_nonce_required", "dpop_proof_invalid"],
        &["scheme_mismatch", "invalid_token", "signature_invalid"],
    ),
    (&["mtls_bound_token"], &["invalid_token", "oauth_unauthorized_client", "www_authenticate_missing", "forbidden"]),
    (
        &[
            "azure_storage_auth_failed",
            "salesforce_invalid_session",
            "atlassian_basic_auth_refused",
            "kong_jwt_key_claim_missing",
            "kong_jwt_credential_not_found",
        ],
        &[
            "signature_invalid",
            "credentials_missing",
            "forbidden",
            "unexplained_401",
            "www_authenticate_missing",
            "scheme_mismatch",
            "token_expired",
            "invalid_token",
            "basic_credentials_rejected",
        ],
    ),
    // The token's own expiry still comes first: auth_request answers so for an expired token too.
    (&["auth_proxy_login_required"], &["forbidden", "unexplained_401", "www_authenticate_missing", "scheme_mismatch"]),
    (&["basic_credentials_rejected"], &["unexplained_401", "forbidden", "www_authenticate_missing", "scheme_mismatch"]),
    // An API key read as a token says nothing about the key.
    (
        &["api_key_rejected", "api_key_missing", "api_key_not_entitled"],
        &[
            "token_malformed",
            "payload_not_json",
            "opaque_token",
            "not_rfc9068_access_token",
            "invalid_token",
            "www_authenticate_missing",
            "unexplained_401",
            "forbidden",
        ],
    ),
    (
        &["credentials_missing", "authorization_token_empty"],
        &["stripe_invalid_api_key", "google_unauthenticated", "www_authenticate_missing", "unexplained_401"],
    ),
];

pub fn apply(hits: &mut [Hit]) {
    let high = |code: &str, hits: &[Hit]| hits.iter().any(|h| h.code() == code && h.likelihood == Likelihood::High);
    let mut demote: Vec<&str> = Vec::new();
    for (causes, outranked) in OUTRANKS {
        if causes.iter().any(|c| high(c, hits)) {
            demote.extend(outranked.iter().filter(|o| !causes.contains(o)));
        }
    }
    for h in hits.iter_mut().filter(|h| demote.contains(&h.code())) {
        if h.likelihood == Likelihood::High {
            h.likelihood = Likelihood::Medium;
        }
    }
}
