//! Getting a token from the page: the Get a token section (with Introspect and Revoke), and
//! Refresh and retry.

mod device_sign_in;
mod field;
mod get_token_panel;
mod refresh_retry;
mod token_checks;

pub use get_token_panel::GetTokenPanel;
pub use refresh_retry::RefreshRetry;
