//! Share links: the page's inputs in the URL's fragment (never the query: a fragment is not
//! sent to any server), with the token and every secret left out unless the user includes
//! them, and the list of what was left out carried along so the page that opens the link
//! can say so. The browser layer compresses the JSON and base64url-encodes it.

use crate::model::diagnosis::mask::{mask_header, secret_param, Scrubber};
use crate::model::json;
use crate::model::page_state::{self, PageState};
use crate::model::request::{Auth, BodyKind, Request};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `#share=<base64url of deflate-raw JSON>`.
pub const FRAGMENT_PREFIX: &str = "#share=";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub page: PageState,
    /// What was taken out, in words ("the token", "the value of header X-Api-Key").
    pub left_out: Vec<String>,
}

impl Shared {
    pub fn to_json(&self) -> String {
        page_state::write(self)
    }

    pub fn from_json(text: &str) -> Result<Shared, String> {
        page_state::read(text, "not a why401 share link")
    }
}

/// The page's inputs for a link: everything, or everything but its secrets.
pub fn prepare(page: &PageState, include_secrets: bool) -> Shared {
    let mut page = page.clone();
    if include_secrets {
        return Shared { page, left_out: Vec::new() };
    }
    let mut out = Strip::default();
    out.take(&mut page.token, "the token");
    strip_request(&mut page.request, &mut out);
    // The URL box as the stripped request writes it: the typed text held the same secrets.
    page.url_text = page.request.typed_url();
    out.take(&mut page.form.client_secret, "the client secret");
    out.take(&mut page.form.refresh_token, "the refresh token");
    out.take(&mut page.form.password, "the password grant's password");
    page.response = strip_response(&page.response, &out.values);
    Shared { page, left_out: out.said }
}

/// What was removed: the words for the note, and the values, to scrub them from free text.
#[derive(Default)]
struct Strip {
    said: Vec<String>,
    values: Vec<String>,
}

impl Strip {
    fn take(&mut self, field: &mut String, what: &str) {
        if !field.trim().is_empty() {
            self.values.push(std::mem::take(field));
            self.said.push(what.to_string());
        }
    }
}

fn strip_request(req: &mut Request, out: &mut Strip) {
    match &mut req.auth {
        Auth::Bearer { token } => out.take(token, "the Bearer token"),
        Auth::Basic { password, .. } => out.take(password, "the Basic password"),
        Auth::Digest { password, .. } => out.take(password, "the Digest password"),
        Auth::ApiKey { value, .. } => out.take(value, "the API key"),
        Auth::None => {}
    }
    for row in req.headers.iter_mut() {
        if mask_header(&row.name, &row.value, &[]) != row.value {
            let what = format!("the value of header {}", row.name.trim());
            out.take(&mut row.value, &what);
        }
    }
    let pieces =
        req.query.iter_mut().map(|p| ("query parameter", p)).chain(req.body.form.iter_mut().map(|p| ("form field", p)));
    for (kind, piece) in pieces {
        let name = piece.name();
        if secret_param(&name, &[]) && !piece.value().is_empty() {
            out.values.push(piece.value());
            out.said.push(format!("the value of {kind} {name}"));
            piece.set_value("");
        }
    }
    for field in req.body.fields.iter_mut() {
        if secret_param(&field.name, &[]) {
            let what = format!("the value of form field {}", field.name.trim());
            out.take(&mut field.value, &what);
        }
    }
    if req.body.kind == BodyKind::Json {
        if let Ok(mut doc) = json::parse(&req.body.text) {
            let before = out.said.len();
            strip_json(&mut doc, out);
            if out.said.len() > before {
                req.body.text = json::pretty(&doc);
            }
        }
    }
    for v in req.variables.iter_mut() {
        if let Some(value) = v.value.take() {
            out.values.push(value);
            out.said.push(format!("the value of shell variable {}", v.name));
        }
    }
    req.base_url = without_password(&req.base_url);
}

/// Secret members of a JSON body (`"password"`, `"client_secret"`, `"refresh_token"`…).
fn strip_json(value: &mut Value, out: &mut Strip) {
    match value {
        Value::Object(map) => {
            for (name, v) in map.iter_mut() {
                match v {
                    Value::String(s) if secret_param(name, &[]) && !s.is_empty() => {
                        out.values.push(std::mem::take(s));
                        out.said.push(format!("the value of JSON member {name}"));
                    }
                    _ => strip_json(v, out),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip_json(v, out)),
        _ => {}
    }
}

/// `https://user:pass@host/…` without the password.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rsplit_once('@') {
        Some((info, host)) if info.contains(':') => {
            let user = info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}{}", &rest[end..])
        }
        _ => url.to_string(),
    }
}

/// A pasted response without credentials in its header lines (Set-Cookie, an echoed
/// Authorization) and without any secret just removed elsewhere, wherever it appears.
fn strip_response(text: &str, removed: &[String]) -> String {
    let mut in_headers = true;
    let mut lines = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            in_headers = false;
        }
        let masked = match line.split_once(':') {
            Some((name, value)) if in_headers && !name.contains(' ') && !name.is_empty() => {
                let v = value.trim_end_matches('\r').trim_start();
                let m = mask_header(name, v, &[]);
                if m == v {
                    line.to_string()
                } else {
                    format!("{name}: {m}")
                }
            }
            _ => line.to_string(),
        };
        lines.push(masked);
    }
    Scrubber::of_secrets(removed).apply(&lines.join("\n"))
}

/// The note shown when a link is opened.
pub fn restored_line(left_out: &[String]) -> String {
    if left_out.is_empty() {
        "Opened from a share link, with everything its author had typed, secrets included.".into()
    } else {
        format!(
            "Opened from a share link. Left out by its author: {}. Paste them again to send the request.",
            left_out.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::{Body, Row, Variable};

    fn page() -> PageState {
        let mut request = Request {
            auth: Auth::Basic { user: "alice".into(), password: "hunter2!".into() },
            headers: vec![Row::new("X-Api-Key", "k-123456"), Row::new("Accept", "application/json")],
            body: Body::json(r#"{"user":"alice","password":"s3cr3t-pw","nested":{"client_secret":"cs-999"}}"#),
            variables: vec![Variable { name: "TOKEN".into(), value: Some("tok-abcdef".into()) }],
            ..Request::default()
        };
        request.set_url("https://bob:pw123@api.example.com/v1/orders?api_key=q-7777&limit=5");
        let mut page = PageState {
            token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig-sig-sig".into(),
            url_text: request.typed_url(),
            request,
            response:
                "HTTP/1.1 401 Unauthorized\nSet-Cookie: session=abc12345\nContent-Type: text/plain\n\nbad key k-123456"
                    .into(),
            issuer: "https://idp.example.com".into(),
            ..PageState::default()
        };
        page.form.client_secret = "client-secret-1".into();
        page.form.refresh_token = "rt-1234".into();
        page
    }

    #[test]
    fn no_secret_reaches_the_link_unless_included() {
        let p = page();
        let shared = prepare(&p, false);
        let json = shared.to_json();
        for secret in [
            "eyJhbGci",
            "hunter2!",
            "k-123456",
            "s3cr3t-pw",
            "cs-999",
            "tok-abcdef",
            "pw123",
            "q-7777",
            "abc12345",
            "client-secret-1",
            "rt-1234",
        ] {
            assert!(!json.contains(secret), "{secret} leaked: {json}");
        }
        // What is not secret stays, as typed.
        assert!(json.contains("limit=5") && json.contains("https://idp.example.com") && json.contains("alice"));
        assert_eq!(
            shared.page.response,
            "HTTP/1.1 401 Unauthorized\nSet-Cookie: ***\nContent-Type: text/plain\n\nbad key ***"
        );
        assert_eq!(
            shared.left_out,
            [
                "the token",
                "the Basic password",
                "the value of header X-Api-Key",
                "the value of query parameter api_key",
                "the value of JSON member password",
                "the value of JSON member client_secret",
                "the value of shell variable TOKEN",
                "the client secret",
                "the refresh token"
            ]
        );
        assert_eq!(shared.page.request.url(), "https://bob@api.example.com/v1/orders?api_key=&limit=5");
        assert!(restored_line(&shared.left_out)
            .starts_with("Opened from a share link. Left out by its author: the token, the Basic password,"));
        // Included on purpose: everything, and the link says nothing was left out.
        let all = prepare(&p, true);
        assert_eq!(all.page, p);
        assert!(all.left_out.is_empty());
        assert_eq!(Shared::from_json(&all.to_json()), Ok(all));
        assert!(Shared::from_json("{\"page\":1}").unwrap_err().starts_with("not a why401 share link"));
    }
}
