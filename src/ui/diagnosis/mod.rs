//! The verdict and the ranked Findings.

mod finding_card;
mod findings_list;

pub use finding_card::FindingCard;
pub use findings_list::FindingsList;
