//! Small components, one per file, named after what the user sees. They read the shared
//! `Inspector` from context and hold no logic of their own.

mod auth_helper;
mod body_editor;
mod claims_table;
mod code_export;
mod credential_info;
mod curl_import;
mod decoded_json;
mod examples_bar;
mod finding_card;
mod findings_list;
mod grants_chips;
mod page_header;
mod removed_notes;
mod request_composer;
mod request_log;
mod response_view;
mod rich_text;
mod rows_editor;
mod times_table;
mod token_input;
mod token_parts;
mod token_summary;

pub use auth_helper::AuthHelper;
pub use body_editor::BodyEditor;
pub use claims_table::ClaimsTable;
pub use code_export::CodeExport;
pub use credential_info::CredentialInfo;
pub use curl_import::CurlImport;
pub use decoded_json::DecodedJson;
pub use examples_bar::ExamplesBar;
pub use finding_card::FindingCard;
pub use findings_list::FindingsList;
pub use grants_chips::GrantsChips;
pub use page_header::PageHeader;
pub use removed_notes::RemovedNotes;
pub use request_composer::RequestComposer;
pub use request_log::RequestLog;
pub use response_view::ResponseView;
pub use rich_text::RichText;
pub use rows_editor::{Rows, RowsEditor};
pub use times_table::TimesTable;
pub use token_input::TokenInput;
pub use token_parts::TokenParts;
pub use token_summary::TokenSummary;
