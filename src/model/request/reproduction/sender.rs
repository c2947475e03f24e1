//! What each sender's client cannot do with a request, read from the request alone: a body on
//! GET, repeated headers kept in a map. What only the pasted command shows (files, a proxy, a
//! client certificate) is found by the importer.

use super::difference::{Difference, Sender};
use crate::model::findings::codes::{BODY_ON_GET_DROPPED, HEADERS_JOINED};
use crate::model::request::export::Target;
use crate::model::request::{BodyKind, Request};

/// Every difference between `r` and what `sender` puts on the wire.
pub fn differences(r: &Request, sender: Sender) -> Vec<Difference> {
    let mut out = Vec::new();
    let browser = matches!(sender, Sender::Page | Sender::Export(Target::Fetch));
    if browser && !r.method.allows_body() && r.body.kind != BodyKind::None {
        out.push(Difference {
            info: BODY_ON_GET_DROPPED,
            what: format!("The body of this {} is left out: fetch refuses to send one.", r.method),
            exact: vec![Sender::Export(Target::Curl), Sender::Export(Target::Python), Sender::Export(Target::Httpie)],
        });
    }
    let joins = matches!(sender, Sender::Page | Sender::Export(Target::Python) | Sender::Export(Target::Fetch));
    if joins {
        for name in repeated_headers(r) {
            out.push(Difference {
                info: HEADERS_JOINED,
                what: format!("The {name} headers go out as one line, their values joined by \", \"."),
                exact: vec![Sender::Export(Target::Curl), Sender::Export(Target::Httpie)],
            });
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
            "The body of this GET is left out: fetch refuses to send one. curl, Python requests and HTTPie send it exactly."
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
}
