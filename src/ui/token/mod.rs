//! The Token box and everything shown about the token in it.

mod claims_table;
mod credential_info;
mod decoded_json;
mod examples_bar;
mod grants_chips;
mod removed_notes;
mod times_table;
mod token_input;
mod token_parts;
mod token_summary;

pub use claims_table::ClaimsTable;
pub use credential_info::CredentialInfo;
pub use decoded_json::DecodedJson;
pub use examples_bar::ExamplesBar;
pub use grants_chips::GrantsChips;
pub use removed_notes::RemovedNotes;
pub use times_table::TimesTable;
pub use token_input::TokenInput;
pub use token_parts::TokenParts;
pub use token_summary::TokenSummary;
