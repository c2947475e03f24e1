//! Pure logic: no browser types, no clock, no I/O. Everything here is tested on the host.

pub mod b64;
pub mod basic;
pub mod challenge;
pub mod claims;
pub mod curl;
pub mod digest;
pub mod digest_flow;
pub mod examples;
pub mod export;
pub mod findings;
pub mod grants;
pub mod idp;
pub mod input;
pub mod inspect;
pub mod json;
pub mod opaque;
pub mod request;
pub mod response;
pub mod sending;
pub mod shell;
pub mod summary;
pub mod time;
pub mod token;
pub mod url;
