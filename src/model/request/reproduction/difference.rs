//! A difference between the request and what one sender puts on the wire, and the senders.

use crate::model::findings::CodeInfo;
use crate::model::request::export::Target;

/// Who sends the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// The page's own Send, with the browser's fetch.
    Page,
    Export(Target),
}

impl Sender {
    pub const ALL: [Sender; 6] = [
        Sender::Page,
        Sender::Export(Target::Curl),
        Sender::Export(Target::Python),
        Sender::Export(Target::Httpie),
        Sender::Export(Target::Fetch),
        Sender::Export(Target::RawHttp),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Sender::Page => "this page's Send",
            Sender::Export(t) => t.label(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub info: &'static CodeInfo,
    /// What differs, naming the part of the request ("the body", "X-A").
    pub what: String,
    /// The senders that send this part exactly as the request has it.
    pub exact: Vec<Sender>,
}

impl Difference {
    pub fn code(&self) -> &'static str {
        self.info.code
    }

    /// "… curl and HTTPie send it exactly.", for the line under Import and before Send.
    pub fn sentence(&self) -> String {
        let names: Vec<&str> = self.exact.iter().map(|s| s.label()).collect();
        match names.as_slice() {
            [] => self.what.clone(),
            [one] => format!("{} {one} sends it exactly.", self.what),
            [init @ .., last] => format!("{} {} and {last} send it exactly.", self.what, init.join(", ")),
        }
    }
}
