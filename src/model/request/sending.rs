//! What the browser will and will not let the page do with a request, judged before sending
//! and after a failure: the difference between "the server said 401" and "the browser never
//! let us see what the server said".

use crate::model::findings::codes::*;
use crate::model::findings::Finding;
use crate::model::located::describe_char;
use crate::model::request::{BodyKind, Method, Request};
use crate::model::url;

/// Where the page itself is served from; mixed content and CORS depend on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageContext {
    pub origin: String,
    pub secure: bool,
}

/// Header names a page can never set: the browser drops them (Fetch standard, "forbidden
/// request-header"). `Proxy-` and `Sec-` prefixes are forbidden too.
const FORBIDDEN: &[&str] = &[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Response headers every page may read; anything else needs Access-Control-Expose-Headers.
pub const SAFELISTED_RESPONSE: &[&str] =
    &["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"];

pub fn is_forbidden(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    FORBIDDEN.contains(&n.as_str()) || n.starts_with("proxy-") || n.starts_with("sec-")
}

/// Problems that stop the send (errors) or change what is sent (warnings), found before
/// anything leaves the page.
pub fn precheck(req: &Request, page: &PageContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let full = req.url();
    match url::parse(&full) {
        Err(e) => out.push(Finding::new(URL_INVALID, format!("{}: {e}.", quote(&full)))),
        Ok(u) => {
            if let Some(info) = &u.userinfo {
                let user = info.split(':').next().unwrap_or("");
                out.push(Finding::new(
                    CREDENTIALS_IN_URL,
                    format!("The URL starts with \"{user}:…@\"; fetch refuses URLs with credentials."),
                ));
            }
            if page.secure && u.scheme == "http" && !u.is_loopback() {
                out.push(Finding::new(
                    MIXED_CONTENT,
                    format!("This page is https and the request goes to {}.", u.origin()),
                ));
            }
        }
    }
    for (name, value) in req.effective_headers() {
        if let Some((i, c)) = name.char_indices().find(|(_, c)| !is_token_char(*c)) {
            out.push(Finding::new(HEADER_INVALID, format!("The header name \"{name}\" has {} at character {i}; names are tokens (letters, digits, -_ and a few symbols).", describe_char(c))));
        } else if let Some(problem) = header_value_problem(&value) {
            out.push(Finding::new(HEADER_INVALID, format!("The value of {name} {problem}.")));
        }
        if is_forbidden(&name) {
            out.push(Finding::new(
                FORBIDDEN_HEADER,
                format!(
                    "{name} is set, but browsers drop it from page requests; the exported curl or Python sends it."
                ),
            ));
        }
    }
    out
}

/// RFC 9110 §5.6.2 tchar.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// What the Fetch standard and Python requests both refuse in a header value.
fn header_value_problem(value: &str) -> Option<String> {
    if let Some((i, c)) = value.char_indices().find(|(_, c)| matches!(c, '\r' | '\n' | '\0')) {
        let what = match c {
            '\r' => "a carriage return (CR)",
            '\n' => "a line break (LF)",
            _ => "a NUL byte",
        };
        return Some(format!("contains {what} at character {i}"));
    }
    if let Some((i, c)) = value.char_indices().find(|(_, c)| *c as u32 > 0xFF) {
        return Some(format!(
            "contains '{c}' at character {i}, which is not ISO-8859-1: header values cannot carry it unencoded"
        ));
    }
    if value.starts_with([' ', '\t']) {
        return Some("starts with whitespace (Python requests raises InvalidHeader for it)".into());
    }
    None
}

fn quote(s: &str) -> String {
    format!("\"{}\"", crate::model::json::truncate_chars(s, 80))
}

/// Why the browser will send an OPTIONS preflight first (empty when it will not). The
/// preflight never carries credentials: a server that demands them on OPTIONS answers 401.
pub fn preflight_reasons(req: &Request) -> Vec<String> {
    let mut reasons = Vec::new();
    if !matches!(req.method, Method::Get | Method::Head | Method::Post) {
        reasons.push(format!("method {} is not GET, HEAD or POST", req.method));
    }
    for (name, value) in req.effective_headers() {
        let lower = name.to_ascii_lowercase();
        let safelisted = match lower.as_str() {
            "accept" | "accept-language" | "content-language" => true,
            "content-type" => {
                let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                matches!(essence.as_str(), "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain")
            }
            _ => false,
        };
        if !safelisted && !is_forbidden(&name) {
            reasons.push(format!("header {name} is not CORS-safelisted"));
        }
    }
    reasons
}

/// The response headers the server must add for this request to work from `page`.
pub fn cors_requirements(req: &Request, page: &PageContext) -> Vec<String> {
    let mut lines = vec![format!("Access-Control-Allow-Origin: {}", page.origin)];
    let non_simple: Vec<String> = req
        .effective_headers()
        .into_iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| !matches!(n.as_str(), "accept" | "accept-language" | "content-language") && !is_forbidden(n))
        .filter(|n| n != "content-type" || matches!(req.body.kind, BodyKind::Json) || req.has_header("content-type"))
        .collect();
    if !non_simple.is_empty() {
        lines.push(format!("Access-Control-Allow-Headers: {}", non_simple.join(", ")));
    }
    if !matches!(req.method, Method::Get | Method::Head | Method::Post) {
        lines.push(format!("Access-Control-Allow-Methods: {}", req.method));
    }
    lines.push("Access-Control-Expose-Headers: WWW-Authenticate".into());
    lines
}

/// The result of the second, `mode: "no-cors"` probe after a fetch failed without a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// An opaque response came back: the server is reachable and answered.
    Reachable,
    /// The probe failed too: DNS, refused connection, TLS or a blocked port.
    Failed,
}

impl Probe {
    /// The request log's words for the probe: it is a request the page sent too.
    pub fn log_line(self) -> &'static str {
        match self {
            Probe::Reachable => "no-cors probe: the server answered (opaque)",
            Probe::Failed => "no-cors probe: no answer either",
        }
    }
}

/// Explains a fetch that failed without an HTTP status, given the no-cors probe's result.
pub fn explain_failure(req: &Request, page: &PageContext, probe: Probe) -> Finding {
    let target = url::parse(&req.url()).map(|u| u.origin()).unwrap_or_else(|_| req.url());
    match probe {
        Probe::Reachable => {
            let preflight = preflight_reasons(req);
            let mut evidence = format!(
                "{target} answered a no-cors probe, so it is reachable, but the real request was blocked by CORS."
            );
            if !preflight.is_empty() {
                evidence.push_str(&format!(" The browser sends an OPTIONS preflight first ({}); preflights carry no credentials, so the server must answer it with 2xx and these headers, not 401.", preflight.join("; ")));
            }
            let fix = format!(
                "The server must send: {}. `Access-Control-Allow-Headers: *` does not cover Authorization. Until then, run the exported curl to see the real status.",
                cors_requirements(req, page).iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
            );
            Finding::new(CORS_BLOCKED, evidence).with_fix(fix)
        }
        Probe::Failed => Finding::new(
            NETWORK_UNREACHABLE,
            format!("Neither the request nor a no-cors probe reached {target}: no HTTP answer at all."),
        ),
    }
}

/// Findings about a response the page did receive.
pub fn response_findings(status: u16, readable_headers: &[(String, String)], cross_origin: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let has = |name: &str| readable_headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if status == 401 && !has("www-authenticate") && cross_origin {
        out.push(Finding::new(
            WWW_AUTHENTICATE_HIDDEN,
            "401 without a readable WWW-Authenticate: in a cross-origin response only safelisted headers and those in Access-Control-Expose-Headers are visible to the page.",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::{Auth, Body};

    fn page() -> PageContext {
        PageContext { origin: "https://why401.example".into(), secure: true }
    }

    #[test]
    fn preflight_reasons_name_the_trigger() {
        let mut r = Request { method: Method::Get, base_url: "https://api.example.com/x".into(), ..Default::default() };
        assert!(preflight_reasons(&r).is_empty());
        r.auth = Auth::Bearer { token: "t".into() };
        assert_eq!(preflight_reasons(&r), ["header Authorization is not CORS-safelisted"]);
        r.method = Method::Post;
        r.body = Body::form("a=b");
        r.auth = Auth::None;
        assert!(preflight_reasons(&r).is_empty(), "form POST is a simple request");
        r.body.kind = BodyKind::Json;
        assert_eq!(preflight_reasons(&r), ["header Content-Type is not CORS-safelisted"]);
    }

    #[test]
    fn cors_requirements_list_authorization_explicitly() {
        let r = Request {
            method: Method::Put,
            base_url: "https://api.example.com/x".into(),
            auth: Auth::Bearer { token: "t".into() },
            body: Body::json("{}"),
            ..Default::default()
        };
        assert_eq!(
            cors_requirements(&r, &page()),
            [
                "Access-Control-Allow-Origin: https://why401.example",
                "Access-Control-Allow-Headers: authorization, content-type",
                "Access-Control-Allow-Methods: PUT",
                "Access-Control-Expose-Headers: WWW-Authenticate",
            ]
        );
    }

    #[test]
    fn forbidden_names() {
        for n in ["Cookie", "host", "Sec-Fetch-Mode", "Proxy-Authorization", "Origin"] {
            assert!(is_forbidden(n), "{n}");
        }
        for n in ["Authorization", "X-Api-Key", "Content-Type"] {
            assert!(!is_forbidden(n), "{n}");
        }
    }
}
