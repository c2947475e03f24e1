//! Small components, one per file, named after what the user sees. They read the shared
//! `Inspector` from context and hold no logic of their own.

mod claims_table;
mod credential_info;
mod decoded_json;
mod examples_bar;
mod findings_list;
mod grants_chips;
mod page_header;
mod removed_notes;
mod rich_text;
mod times_table;
mod token_input;
mod token_parts;
mod token_summary;

pub use claims_table::ClaimsTable;
pub use credential_info::CredentialInfo;
pub use decoded_json::DecodedJson;
pub use examples_bar::ExamplesBar;
pub use findings_list::FindingsList;
pub use grants_chips::GrantsChips;
pub use page_header::PageHeader;
pub use removed_notes::RemovedNotes;
pub use rich_text::RichText;
pub use times_table::TimesTable;
pub use token_input::TokenInput;
pub use token_parts::TokenParts;
pub use token_summary::TokenSummary;
