//! Pure logic: no browser types, no clock, no I/O. Everything here is tested on the host.
//!
//! Folders are what the user works with; a folder imports only the ones below it:
//! `diagnosis` → `signature` → `keys`, `request` → `response`, `token` → `findings` → the
//! shared leaves (`b64`, `json`, `located`, `shell`, `time`, `url`, `variables`).

pub mod b64;
pub mod diagnosis;
pub mod findings;
pub mod json;
pub mod keys;
pub mod located;
pub mod oauth;
pub mod page_state;
pub mod request;
pub mod response;
pub mod round_trip;
pub mod share;
pub mod shell;
pub mod signature;
pub mod time;
pub mod token;
pub mod url;
pub mod variables;
