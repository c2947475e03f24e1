//! What fetch does to a request's headers by itself, as Node 20's fetch (undici) was seen to do
//! and the Fetch standard says: the headers it refuses or replaces, and those it adds. The
//! fetch export leaves out what would make it throw and says so; `reproduction` lists the rest.

use crate::model::request::Request;

/// Why fetch in Node will not send this header line as it is, if it will not: undici throws
/// for these names (the export leaves them out), sets Host from the URL and Sec-Fetch-Mode to
/// `cors`. None when what it sends is the same (`Connection: close`, a Content-Length equal
/// to the body's). `host` is the URL's `host[:port]`.
pub fn node_refuses(name: &str, value: &str, body_len: Option<usize>, host: Option<&str>) -> Option<&'static str> {
    let value = value.trim();
    match name.trim().to_ascii_lowercase().as_str() {
        "connection" if !value.eq_ignore_ascii_case("keep-alive") && !value.eq_ignore_ascii_case("close") => {
            Some("Node's fetch refuses it")
        }
        "content-length" if body_len.map(|n| n.to_string()).as_deref() != Some(value) => {
            Some("Node's fetch refuses it and counts the body itself")
        }
        "transfer-encoding" | "expect" | "keep-alive" | "upgrade" => Some("Node's fetch refuses it"),
        "host" if host != Some(value) => Some("fetch sets Host from the URL"),
        "sec-fetch-mode" if value != "cors" => Some("fetch sends Sec-Fetch-Mode: cors"),
        _ => None,
    }
}

/// Whether the fetch export must leave the header out: undici throws for it.
pub fn node_throws(name: &str, value: &str) -> bool {
    match name.trim().to_ascii_lowercase().as_str() {
        "connection" => {
            let v = value.trim();
            !v.eq_ignore_ascii_case("keep-alive") && !v.eq_ignore_ascii_case("close")
        }
        // Even a right one: fetch counts the body itself.
        "content-length" | "transfer-encoding" | "expect" | "keep-alive" | "upgrade" => true,
        _ => false,
    }
}

const CONDITIONAL: [&str; 5] = ["If-Modified-Since", "If-None-Match", "If-Unmodified-Since", "If-Match", "If-Range"];

/// The headers fetch adds by the Fetch standard's HTTP-network-or-cache fetch, each with the
/// header that makes it: `Cache-Control` and `Pragma: no-cache` for a conditional request,
/// `Accept-Encoding: identity` for a range; none the request already has.
pub fn added(r: &Request) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut out = Vec::new();
    if let Some(cond) = CONDITIONAL.iter().find(|h| r.has_header(h)) {
        for name in ["Cache-Control", "Pragma"] {
            if !r.has_header(name) {
                out.push((name, "no-cache", *cond));
            }
        }
    }
    if r.has_header("range") && !r.has_header("accept-encoding") {
        out.push(("Accept-Encoding", "identity", "Range"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::Row;

    #[test]
    fn what_node_refuses_and_adds() {
        assert_eq!(node_refuses("Connection", "close", None, None), None);
        assert_eq!(node_refuses("connection", "Upgrade", None, None), Some("Node's fetch refuses it"));
        assert_eq!(node_refuses("Content-Length", "3", Some(3), None), None);
        assert!(node_refuses("Content-Length", "4", Some(3), None).is_some());
        assert_eq!(node_refuses("Host", "h:1", None, Some("h:1")), None);
        assert!(node_refuses("Host", "api.example.com", None, Some("h:1")).is_some());
        assert!(node_throws("Content-Length", "3") && !node_throws("Connection", "Keep-Alive"));
        let mut r = Request {
            headers: vec![Row::new("If-None-Match", "\"x\""), Row::new("Pragma", "a")],
            ..Default::default()
        };
        assert_eq!(added(&r), [("Cache-Control", "no-cache", "If-None-Match")]);
        r.headers = vec![Row::new("Range", "bytes=0-1")];
        assert_eq!(added(&r), [("Accept-Encoding", "identity", "Range")]);
    }
}
