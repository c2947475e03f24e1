//! Getting a token from the page: the token request each grant sends (RFC 6749 §4, RFC 8628),
//! the client authentication it carries (RFC 6749 §2.3), PKCE (RFC 7636) and what the token
//! endpoint answers (RFC 6749 §5). Pure: the browser sends what `token_request` builds.

pub mod pkce;
pub mod token_request;
pub mod token_response;
