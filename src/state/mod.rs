//! The signals the components share. Everything derived is a `Memo` over `model/`, never a
//! copy kept in sync by hand: each text box is the single source of truth for what it holds.

mod app_update;
mod composer;
mod device_flow;
mod diagnosis;
mod inspector;
mod key_entry;
mod page_inputs;
mod remote_get;
mod sharing;
mod sign_in;
mod signer;
mod token_checks;
mod token_getter;
mod verifier;

pub use app_update::AppUpdate;
pub use composer::{Composer, LogEntry};
pub use device_flow::DeviceWait;
pub use diagnosis::Diagnosis;
pub use inspector::Inspector;
pub use key_entry::KeyEntry;
pub use sharing::Sharing;
pub use signer::Signer;
pub use token_checks::{Check, Checked};
pub use token_getter::{Attempt, Got, Retry, TokenGetter};
pub use verifier::Verifier;
