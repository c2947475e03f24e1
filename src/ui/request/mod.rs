//! The request composer: curl import, method and URL, rows, auth helpers, body, Send, export and the request log.

mod auth_helper;
mod body_editor;
mod code_export;
mod curl_import;
mod differences_list;
mod request_composer;
mod request_log;
mod rows_editor;
mod variables_editor;

pub use auth_helper::AuthHelper;
pub use body_editor::BodyEditor;
pub use code_export::CodeExport;
pub use curl_import::CurlImport;
pub use differences_list::DifferencesList;
pub use request_composer::RequestComposer;
pub use request_log::RequestLog;
pub use rows_editor::{Rows, RowsEditor};
pub use variables_editor::VariablesEditor;
