//! A response as the diagnosis sees it: one the page received, or one the user pasted (from
//! `curl -i` / `curl -v`, DevTools or a Python print).

pub mod challenge;
pub mod message;
pub mod python_repr;
pub mod raw;
pub mod received;
pub mod vendor;

/// Where the response came from, which decides what may be missing from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Received by this page. Cross-origin responses show only CORS-readable headers.
    Fetched { cross_origin: bool },
    /// Pasted by the user: all headers the tool printed, nothing hidden.
    Pasted,
}

/// A redirect seen on the way (from `curl -v -L` output): the status and where it pointed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub status: u16,
    pub method: String,
    pub url: String,
    pub location: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    /// Names as sent; repeated headers stay separate entries.
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub source: Source,
    /// Redirects before this response, oldest first (empty when unknown).
    pub hops: Vec<Hop>,
    /// The request headers a verbose trace showed being sent (curl -v "> " lines), if any.
    pub sent_headers: Vec<(String, String)>,
}

impl Response {
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn header<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.header_values(name).next()
    }

    /// Whether a header could be hidden from us: only for cross-origin fetched responses.
    pub fn may_hide_headers(&self) -> bool {
        matches!(self.source, Source::Fetched { cross_origin: true })
    }
}
