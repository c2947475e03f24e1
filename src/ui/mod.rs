//! Small components, one per file, named after what the user sees, in folders like `model/`.
//! They read the shared state from context and hold no logic of their own.

mod copy;
pub mod diagnosis;
pub mod oauth;
mod page_header;
pub mod request;
pub mod response;
mod rich_text;
mod share_panel;
pub mod signature;
pub mod token;
mod update_notice;

pub use page_header::PageHeader;
pub use rich_text::RichText;
pub use share_panel::SharePanel;
pub use update_notice::UpdateNotice;
