//! A response the page itself received, as far as the browser lets it see: what `fetch`
//! returned, timed, and how the diagnosis reads it.

use super::{Hop, Response, Source};

#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub status: u16,
    pub status_text: String,
    /// Only the headers CORS lets the page read.
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub body_bytes: usize,
    pub elapsed_ms: f64,
    /// A cross-origin (CORS-filtered) response: most headers are hidden.
    pub cross_origin: bool,
    pub redirected: bool,
    pub final_url: String,
}

impl Received {
    /// The response as the diagnosis reads it. A followed redirect becomes a hop whose status
    /// the browser does not reveal (0), so the redirect rules can judge where it went.
    pub fn to_response(&self) -> Response {
        let hops = if self.redirected && !self.final_url.is_empty() {
            vec![Hop { status: 0, method: String::new(), url: String::new(), location: self.final_url.clone() }]
        } else {
            Vec::new()
        };
        Response {
            status: self.status,
            reason: self.status_text.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            source: Source::Fetched { cross_origin: self.cross_origin },
            hops,
            sent_headers: Vec::new(),
        }
    }

    /// "401 Unauthorized (23 ms)": the request log's words for it.
    pub fn log_line(&self) -> String {
        format!("{} {} ({:.0} ms)", self.status, self.status_text, self.elapsed_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(redirected: bool, final_url: &str) -> Received {
        Received {
            status: 401,
            status_text: "Unauthorized".into(),
            headers: vec![("WWW-Authenticate".into(), "Bearer".into())],
            body: "{}".into(),
            body_bytes: 2,
            elapsed_ms: 12.4,
            cross_origin: true,
            redirected,
            final_url: final_url.into(),
        }
    }

    #[test]
    fn a_followed_redirect_is_a_hop_with_no_status() {
        let r = received(true, "https://b.example/x").to_response();
        assert_eq!(
            r.hops,
            [Hop { status: 0, method: String::new(), url: String::new(), location: "https://b.example/x".into() }]
        );
        assert_eq!(r.source, Source::Fetched { cross_origin: true });
        assert_eq!(r.header("www-authenticate"), Some("Bearer"));
        assert!(received(false, "https://a.example/x").to_response().hops.is_empty());
        assert!(received(true, "").to_response().hops.is_empty(), "no final URL, nothing to judge");
        assert_eq!(received(false, "").log_line(), "401 Unauthorized (12 ms)");
    }
}
