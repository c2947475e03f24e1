//! The page's inputs as typed, in one value: what a sign-in keeps for its round trip and what
//! a share link carries (without its secrets).

use crate::model::json;
use crate::model::oauth::token_request::TokenForm;
use crate::model::request::Request;
use serde::de::DeserializeOwned;
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

/// What the page writes for a round trip or a link: JSON.
pub fn write<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads back what `write` wrote, through a `Value`: one serde deserializer in the wasm for
/// every reader (reading the text directly builds another: 11.6 KB of brotli measured). Not
/// JSON, or JSON of another shape (`not_what` says whose): both located, in the page's words.
pub fn read<T: DeserializeOwned>(text: &str, not_what: &str) -> Result<T, String> {
    let value = json::parse(text).map_err(|e| e.to_string())?;
    serde_json::from_value(value).map_err(|e| format!("{not_what}: {e}"))
}
