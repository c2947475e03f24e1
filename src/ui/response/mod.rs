//! What came back: the response the page received, and the Raw response box for one pasted.

mod raw_response_input;
mod response_view;

pub use raw_response_input::RawResponseInput;
pub use response_view::ResponseView;
