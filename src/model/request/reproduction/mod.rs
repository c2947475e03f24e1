//! What a sender cannot send exactly as the request has it: the page's own Send (a browser's
//! fetch) or an export's client. Each difference has a stable code from the catalog's
//! reproduction family, says what differs in plain words, and names the senders that do send
//! that part exactly, so the page can point at the export to use. Nothing is changed silently:
//! what is listed here is what the page says under Import, before Send and in each export.

mod difference;
pub mod sender;
pub mod variables;

pub use difference::{Difference, Sender};

use crate::model::request::Request;

/// Everything `sender` cannot send exactly as `r` has it: its client's limits, and for the
/// page's Send the shell variables it has no value for.
pub fn for_sender(r: &Request, sender: Sender) -> Vec<Difference> {
    let mut out = sender::differences(r, sender);
    if sender == Sender::Page {
        out.extend(variables::unresolved(r));
    }
    out
}
