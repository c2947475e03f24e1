//! The page's inputs as typed, in one value: what a sign-in keeps for its round trip and what
//! a share link carries (without its secrets).

use crate::model::oauth::token_request::TokenForm;
use crate::model::request::Request;
use serde::{Deserialize, Serialize};

/// The inputs of the page, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PageState {
    pub token: String,
    pub request: Request,
    pub url_text: String,
    pub response: String,
    pub form: TokenForm,
    pub issuer: String,
}
