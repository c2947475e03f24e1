//! What each sender's client cannot do with a request, read from the request alone: a body on
//! GET, repeated headers kept in a map, a URL the client rewrites, headers it refuses or adds.
//! Each is checked against what the client was seen to send (`tests/fidelity.rs` runs every
//! export against a recording server). What only the pasted command shows (files, a proxy, a
//! client certificate) is found by the importer.

use super::difference::{Difference, Sender};
use crate::model::findings::codes::{
    BODY_ON_GET_DROPPED, FILE_NOT_ATTACHED, FORM_PART_CHANGED, HEADERS_ADDED, HEADERS_JOINED, HEADER_NOT_SETTABLE,
    METHOD_NOT_REPRODUCED, REDIRECT_NOT_REPRODUCED, URL_NORMALISED,
};
use crate::model::request::export::Target;
use crate::model::request::{fetch_rules, sending, target, BodyKind, PartSource, Redirects, Request, Row, Variable};

/// Headers fetch sends whatever the request says (Node's and a browser's alike).
const FETCH_OWN: [&str; 4] = ["Accept", "User-Agent", "Accept-Encoding", "Accept-Language"];

const CURL: Sender = Sender::Export(Target::Curl);
const PYTHON: Sender = Sender::Export(Target::Python);
const HTTPIE: Sender = Sender::Export(Target::Httpie);
const FETCH: Sender = Sender::Export(Target::Fetch);
const RAW: Sender = Sender::Export(Target::RawHttp);

/// Every difference between `r` and what `sender` puts on the wire.
pub fn differences(r: &Request, sender: Sender) -> Vec<Difference> {
    let mut out = Vec::new();
    let browser = matches!(sender, Sender::Page | FETCH);
    if browser && !r.method.allows_body() && r.body.kind != BodyKind::None {
        // The fetch export leaves out the Content-Type the body kind implies with the body; the
        // page's Send still sends it.
        let implied = r.body.kind.content_type().filter(|_| sender == FETCH && !r.has_header("content-type"));
        let and_type = implied.map_or(String::new(), |ct| format!(" So is the Content-Type it implies ({ct})."));
        out.push(Difference {
            info: BODY_ON_GET_DROPPED,
            what: format!("The body of this {} is left out: fetch refuses to send one.{and_type}", r.method),
            exact: vec![CURL, PYTHON, HTTPIE, RAW],
        });
    }
    if let Some(m) = &r.method_as_typed {
        if let Some(why) = method_changed(r, m, sender) {
            let exact = Sender::ALL.into_iter().filter(|s| method_changed(r, m, *s).is_none()).collect();
            out.push(Difference { info: METHOD_NOT_REPRODUCED, what: format!("The method {m} {why}."), exact });
        }
    }
    let joins = matches!(sender, Sender::Page | PYTHON | FETCH);
    if joins {
        for name in repeated_headers(r) {
            out.push(Difference {
                info: HEADERS_JOINED,
                what: format!("The {name} headers go out as one line, their values joined by \", \"."),
                exact: vec![CURL, HTTPIE, RAW],
            });
        }
    }
    out.extend(url_normalised(r, sender));
    for (name, why) in refused_headers(r, sender) {
        let sends = |s: &Sender| !refused_headers(r, *s).iter().any(|(n, _)| n.eq_ignore_ascii_case(&name));
        out.push(Difference {
            info: HEADER_NOT_SETTABLE,
            what: format!("{name} is not sent as the request has it: {why}."),
            exact: Sender::ALL.into_iter().filter(sends).collect(),
        });
    }
    if matches!(sender, Sender::Page | RAW) && r.body.kind == BodyKind::Multipart {
        for f in r.body.fields.iter().filter(|f| f.enabled) {
            let what = match &f.part.source {
                PartSource::Text => continue,
                PartSource::File => {
                    format!("The file {} of field {}", f.value.strip_prefix('@').unwrap_or(&f.value), f.name)
                }
                PartSource::FileText { path } => format!("The text of the file {path} (field {})", f.name),
            };
            let how = if sender == RAW { "the message shows where its bytes go" } else { "the page cannot read files" };
            out.push(Difference {
                info: FILE_NOT_ATTACHED,
                what: format!("{what} is not sent: {how}."),
                exact: vec![CURL, PYTHON, HTTPIE, FETCH],
            });
        }
    }
    if r.body.kind == BodyKind::Multipart {
        for f in r.body.fields.iter().filter(|f| f.enabled) {
            let lost = part_lost(f, sender);
            if !lost.is_empty() {
                let exact = Sender::ALL.into_iter().filter(|s| part_lost(f, *s).is_empty()).collect();
                out.push(Difference {
                    info: FORM_PART_CHANGED,
                    what: format!("The part \"{}\" goes out without {}.", f.name, and_list(&lost)),
                    exact,
                });
            }
        }
    }
    // (The page always follows a redirect; when one happens, the diagnosis says so from the
    // response, so a request without -L is not listed here every time.)
    if r.follow_redirects == Some(Redirects::Trusted) && sender != CURL && sender != RAW {
        out.push(Difference {
            info: REDIRECT_NOT_REPRODUCED,
            what: "After a redirect to another host, Authorization is left out: --location-trusted sends it on.".into(),
            exact: vec![CURL, RAW],
        });
    }
    if browser {
        // What the command removes from curl's own headers, fetch sends by itself anyway.
        for name in r.removed_headers.iter().filter(|n| !r.has_header(n)) {
            if FETCH_OWN.iter().any(|o| o.eq_ignore_ascii_case(name)) {
                out.push(Difference {
                    info: HEADERS_ADDED,
                    what: format!(
                        "fetch sends its own {name}, which the command removes (-H '{name}:'); it cannot be left out."
                    ),
                    exact: vec![CURL, PYTHON, HTTPIE, RAW],
                });
            }
        }
        for (name, value, why) in fetch_rules::added(r) {
            out.push(Difference {
                info: HEADERS_ADDED,
                what: format!("fetch adds {name}: {value}, because the request has {why}."),
                exact: vec![CURL, PYTHON, HTTPIE, RAW],
            });
        }
    }
    out
}

/// What `sender` does with a method given exactly as `m`, when it does not send it so.
fn method_changed(r: &Request, m: &str, sender: Sender) -> Option<String> {
    let upper = m.to_ascii_uppercase();
    match sender {
        // HTTPie reads a first word of letters only as the method; it picks one otherwise.
        HTTPIE if !m.bytes().all(|b| b.is_ascii_alphabetic()) => {
            let picked = if r.body.kind == BodyKind::None { "GET" } else { "POST" };
            Some(format!("goes out as {picked}: HTTPie takes only letters for a method"))
        }
        // The Fetch standard: CONNECT, TRACE and TRACK are forbidden; the six common names are
        // normalised to capitals whatever their case (PATCH is not one of them).
        Sender::Page | FETCH if ["CONNECT", "TRACE", "TRACK"].contains(&upper.as_str()) => {
            Some("is refused: fetch forbids it".to_string())
        }
        Sender::Page | FETCH
            if ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"].contains(&upper.as_str()) && upper != m =>
        {
            Some(format!("goes out as {upper}: fetch writes it in capitals"))
        }
        PYTHON | HTTPIE if upper != m => Some(format!("goes out as {upper}: {} writes it in capitals", sender.label())),
        _ => None,
    }
}

/// What of a multipart part's own type, file name and header lines `sender` cannot send, as
/// the exports write it (a part the page leaves out is file_not_attached's, not this).
fn part_lost(f: &Row, sender: Sender) -> Vec<String> {
    let mut lost = Vec::new();
    let text = f.part.source == PartSource::Text;
    let file = f.is_file();
    let typed = f.part.content_type.as_deref();
    match sender {
        Sender::Page if text => {
            lost.extend(typed.map(|t| format!("its type {t}")));
            lost.extend(f.part.filename.as_ref().map(|n| format!("its file name {n}")));
        }
        HTTPIE if !file => {
            lost.extend(typed.map(|t| format!("its type {t}")));
            lost.extend(f.part.filename.as_ref().map(|n| format!("its file name {n}")));
        }
        HTTPIE => lost.extend(f.part.filename.as_ref().map(|n| format!("its file name {n}"))),
        // A text part is a Blob (with both) only when curl sends a file name and a type.
        FETCH if !file && (f.part.filename.is_none() || typed.is_none() && !has_known_extension(f)) => {
            lost.extend(typed.map(|t| format!("its type {t}")));
            lost.extend(f.part.filename.as_ref().map(|n| format!("its file name {n}")));
        }
        _ => {}
    }
    // FormData writes every line break of a text value as CRLF (HTML's multipart/form-data
    // encoding); the file's own text is unknown, so a `<file` part is named whatever it holds.
    let breaks = match &f.part.source {
        PartSource::Text => f.value.replace("\r\n", "").contains(['\r', '\n']),
        PartSource::FileText { .. } => true,
        PartSource::File => false,
    };
    if matches!(sender, Sender::Page | FETCH) && breaks {
        lost.push("its line breaks as they are (FormData sends each as CRLF)".to_string());
    }
    if matches!(sender, Sender::Page | HTTPIE | FETCH)
        && !f.part.headers.is_empty()
        && !(sender == Sender::Page && file)
    {
        lost.push(format!("its header lines ({})", f.part.headers.join(", ")));
    }
    lost
}

/// Whether curl gives a text part with this file name a type of its own (from the extension).
fn has_known_extension(f: &Row) -> bool {
    f.part.filename.as_deref().and_then(crate::model::request::export::type_of).is_some()
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The request target `sender` writes for the request's URL, and how its client gets there;
/// None for a sender that writes it as curl does.
fn sent_target(url: &str, sender: Sender) -> Option<(String, &'static str)> {
    match sender {
        Sender::Page | FETCH => Some((target::whatwg(url), "fetch parses it by the WHATWG URL standard")),
        PYTHON => Some((target::python_requests(url), "requests re-quotes it")),
        HTTPIE => Some((target::python_requests(url), "HTTPie re-quotes it, as requests does")),
        _ => None,
    }
}

fn url_normalised(r: &Request, sender: Sender) -> Option<Difference> {
    // A shell variable is filled in before the client sees the URL: with a value the page does
    // not know, what the client rewrites is not known either (the exports say nothing then).
    let r = r.expanded();
    let url = r.url();
    if r.variables.iter().any(|v| url.contains(&Variable::placeholder(&v.name))) {
        return None;
    }
    let typed = target::curl(&url);
    let (sent, how) = sent_target(&url, sender).filter(|(sent, _)| *sent != typed)?;
    let exact = Sender::ALL.into_iter().filter(|s| sent_target(&url, *s).is_none_or(|(t, _)| t == typed)).collect();
    Some(Difference {
        info: URL_NORMALISED,
        what: format!("The URL goes out as {sent} instead of {typed}: {how}."),
        exact,
    })
}

/// Headers the sender's client leaves out or replaces, with why.
fn refused_headers(r: &Request, sender: Sender) -> Vec<(String, &'static str)> {
    let body_len = r.body_text().map(|t| t.len());
    let host = crate::model::url::parse(&r.url()).ok().map(|u| match u.port {
        Some(p) => format!("{}:{p}", u.host),
        None => u.host,
    });
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (name, value) in r.effective_headers() {
        let why = match sender {
            FETCH => fetch_rules::node_refuses(&name, &value, body_len, host.as_deref()),
            Sender::Page if sending::is_forbidden(&name) => Some("the browser does not let a page set it"),
            // Chrome still drops a page's User-Agent, though the Fetch standard allows it now.
            Sender::Page if name.eq_ignore_ascii_case("user-agent") => Some("the browser sends its own instead"),
            // HTTPie's items: `\` before a separator is an escape, and nothing escapes it.
            HTTPIE if value.as_bytes().windows(2).any(|w| w[0] == b'\\' && b":;@=".contains(&w[1])) => {
                Some("HTTPie reads a backslash before :, ;, @ or = as an escape and drops it")
            }
            _ => None,
        };
        if let Some(why) = why {
            if !out.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                out.push((name, why));
            }
        }
    }
    out
}

/// Header names sent more than once, as first written.
fn repeated_headers(r: &Request) -> Vec<String> {
    let headers = r.effective_headers();
    let mut out: Vec<String> = Vec::new();
    for (i, (name, _)) in headers.iter().enumerate() {
        let again = headers[i + 1..].iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        if again && !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::{Body, Method, Row};

    fn codes(r: &Request, s: Sender) -> Vec<&'static str> {
        differences(r, s).iter().map(Difference::code).collect()
    }

    #[test]
    fn each_sender_says_what_it_cannot_send() {
        let mut r = Request { method: Method::Get, body: Body::form("q=1"), ..Default::default() };
        r.set_url("https://h/x");
        assert_eq!(codes(&r, Sender::Page), ["body_on_get_dropped"]);
        assert_eq!(codes(&r, Sender::Export(Target::Fetch)), ["body_on_get_dropped"]);
        assert!(codes(&r, Sender::Export(Target::Curl)).is_empty());
        assert_eq!(
            differences(&r, Sender::Page)[0].sentence(),
            "The body of this GET is left out: fetch refuses to send one. curl, Python requests, HTTPie and Raw HTTP send it exactly."
        );
        r.method = Method::Post;
        assert!(codes(&r, Sender::Page).is_empty(), "a POST carries its body");

        r.headers = vec![Row::new("X-A", "1"), Row::new("x-a", "2"), Row::new("X-B", "3")];
        assert_eq!(codes(&r, Sender::Export(Target::Python)), ["headers_joined"]);
        assert!(differences(&r, Sender::Export(Target::Python))[0].what.starts_with("The X-A headers"));
        assert!(codes(&r, Sender::Export(Target::Httpie)).is_empty());
        r.headers.pop();
        r.headers[1].enabled = false;
        assert!(codes(&r, Sender::Page).is_empty(), "a switched-off row is not sent");
    }

    #[test]
    fn a_rewritten_url_is_named_with_what_goes_out() {
        let mut r = Request::default();
        r.set_url("https://h/s?ids[]=1&q='x'");
        let python = differences(&r, Sender::Export(Target::Python));
        assert_eq!(python.len(), 1);
        assert_eq!(
            python[0].sentence(),
            "The URL goes out as /s?ids%5B%5D=1&q='x' instead of /s?ids[]=1&q='x': requests re-quotes it. curl and Raw HTTP send it exactly."
        );
        let fetch = differences(&r, Sender::Export(Target::Fetch));
        assert!(fetch[0].what.starts_with("The URL goes out as /s?ids[]=1&q=%27x%27 "), "{}", fetch[0].what);
        r.set_url("https://h/s?ids=1");
        for s in Sender::ALL {
            assert!(codes(&r, s).is_empty(), "{}", s.label());
        }
    }

    #[test]
    fn a_url_with_a_shell_variable_is_judged_once_filled_in() {
        let mut r = Request::default();
        r.set_url("https://h/users/${USER_ID}?v=1");
        r.variables = vec![Variable { name: "USER_ID".into(), value: None }];
        for s in Sender::ALL {
            assert!(codes(&r, s).is_empty(), "the shell fills it in: {}", s.label());
        }
        r.variables[0].value = Some("a b".into());
        let python = differences(&r, Sender::Export(Target::Python));
        assert!(python[0].what.starts_with("The URL goes out as /users/a%20b?v=1 "), "{}", python[0].what);
    }

    #[test]
    fn fetch_refuses_some_headers_and_adds_others() {
        let mut r = Request::default();
        r.set_url("http://127.0.0.1:8080/x");
        r.headers = vec![
            Row::new("Host", "127.0.0.1:8080"),
            Row::new("Connection", "close"),
            Row::new("Keep-Alive", "timeout=5"),
            Row::new("If-None-Match", "\"a\""),
        ];
        let fetch = differences(&r, Sender::Export(Target::Fetch));
        let whats: Vec<&str> = fetch.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "Keep-Alive is not sent as the request has it: Node's fetch refuses it.",
                "fetch adds Cache-Control: no-cache, because the request has If-None-Match.",
                "fetch adds Pragma: no-cache, because the request has If-None-Match.",
            ],
            "Host as the URL has it and Connection: close go out as they are"
        );
        assert!(codes(&r, Sender::Export(Target::Python)).is_empty());
        assert_eq!(
            codes(&r, Sender::Page),
            ["header_not_settable", "header_not_settable", "header_not_settable", "headers_added", "headers_added"],
            "a browser refuses Host, Connection and Keep-Alive from a page"
        );
    }
}
