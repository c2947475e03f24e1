//! Checking the token's signature with a key, and signing a token.

mod key_field;
mod secret_encoding_select;
mod sign_panel;
mod signature_panel;
mod token_keys;

pub use key_field::KeyField;
pub use secret_encoding_select::SecretEncodingSelect;
pub use sign_panel::SignPanel;
pub use signature_panel::SignaturePanel;
pub use token_keys::TokenKeys;
