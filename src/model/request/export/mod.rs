//! The composed request as copy-pasteable code: curl, Python `requests`, HTTPie, `fetch` and
//! the raw HTTP/1.1 message, one file per target. Every snippet must send what the page would
//! send, so each target's quoting and defaults (which Content-Type it adds by itself, how it
//! encodes Basic credentials) are handled in its file; what they share is computed once in
//! `plan`. What a target's client cannot send as the request has it is said by
//! `reproduction::sender`, and in a comment in the snippet.

mod curl;
mod fetch;
mod httpie;
mod literal;
mod options;
mod part;
mod plan;
mod python;
mod raw_http;
mod shell_words;
#[cfg(test)]
mod tests;
mod text;

pub use curl::curl;
pub use fetch::fetch;
pub use httpie::httpie;
pub use options::{Options, Target};
pub use part::type_of;
pub use python::python;
pub use raw_http::raw_http;

use crate::model::request::Request;

pub fn export(r: &Request, target: Target, opts: Options) -> String {
    match target {
        Target::Curl => curl(r, opts),
        Target::Python => python(r, opts),
        Target::Httpie => httpie(r, opts),
        Target::Fetch => fetch(r, opts),
        Target::RawHttp => raw_http(r, opts),
    }
}
