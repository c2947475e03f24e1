//! Getting a token from the page: the Get a token section, and Refresh and retry.

mod get_token_panel;
mod refresh_retry;

pub use get_token_panel::GetTokenPanel;
pub use refresh_retry::RefreshRetry;
