//! Getting a token from the page: the token request each grant sends (RFC 6749 §4, RFC 8628),
//! the client authentication it carries (RFC 6749 §2.3), PKCE (RFC 7636) and what the token
//! endpoint answers (RFC 6749 §5). Pure: the browser sends what `token_request` builds.

pub mod authorization;
pub mod browser_limits;
pub mod client_assertion;
pub mod device;
pub mod introspection;
pub mod metadata;
pub mod pkce;
pub mod token_request;
pub mod token_response;

/// Top findings that a new token can fix: the token expired, is not valid yet, or was refused
/// or revoked. Refresh and retry is offered only for these.
pub const REFRESHABLE: &[&str] = &[
    "token_expired",
    "token_not_yet_valid",
    "invalid_token",
    "token_revoked",
    "aspnet_token_expired",
    "aspnet_lifetime_invalid",
    "aws_token_expired",
    "google_unauthenticated",
];
