//! Getting a token from the page: the Get a token section.

mod get_token_panel;

pub use get_token_panel::GetTokenPanel;
