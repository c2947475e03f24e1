//! Everything the page knows about one failing call, as the rules read it.

use crate::model::findings::Finding;
use crate::model::request::Request;
use crate::model::response::Response;
use crate::model::time::Clock;
use crate::model::token::inspect::Inspection;

/// Everything the page knows about one failing call; any part may be missing.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub request: Option<&'a Request>,
    pub response: Option<&'a Response>,
    /// The token box's inspection; when absent, the token in the request's Authorization is judged.
    pub inspection: Option<&'a Inspection>,
    pub clock: Clock,
    /// What checking the token's signature found (`signature::plan`, after WebCrypto's answer).
    pub signature: &'a [Finding],
}
