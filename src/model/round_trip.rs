//! What the page keeps while the browser is away signing in: the sign-in's `state` and PKCE
//! verifier, and everything the user had typed (Token box, composer, pasted response, Get a
//! token fields, secrets included because the user is in the middle of using them), so that
//! nothing is lost on the way. The browser layer puts it in sessionStorage for the round trip
//! only and removes it the moment the page is back.

use crate::model::page_state;
pub use crate::model::page_state::PageState;
use serde::{Deserialize, Serialize};

/// The sessionStorage key: the one item the page ever stores, and only during a sign-in.
pub const STORAGE_KEY: &str = "why401.sign-in";

/// One attempt of the composer's request as the Findings card showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// "401 Unauthorized", or what happened instead.
    pub status: String,
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub state: String,
    pub verifier: String,
    /// Exactly as sent in the authorization request: the token request must repeat it
    /// (RFC 6749 §4.1.3).
    pub redirect_uri: String,
    pub page: PageState,
    /// Set when Refresh and retry started the sign-in: the first attempt, to show beside the
    /// retry that follows once the token is in.
    pub retry: Option<Attempt>,
}

impl PendingSignIn {
    pub fn to_json(&self) -> String {
        page_state::write(self)
    }

    /// The stored text read back; a located error when it is not what this page wrote (another
    /// version of the page, or edited by hand).
    pub fn from_json(text: &str) -> Result<PendingSignIn, String> {
        page_state::read(text, "not a sign-in this page started")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::oauth::token_request::TokenForm;
    use crate::model::request::{Auth, Body, Method, Request, Row};

    #[test]
    fn every_input_comes_back_as_typed() {
        let mut request = Request {
            method: Method::Post,
            headers: vec![Row::new("X-Trace", "a b"), Row { enabled: false, ..Row::new("X-Off", "1") }],
            body: Body::json("{\"a\": 1}"),
            auth: Auth::Bearer { token: String::new() },
            ..Request::default()
        };
        request.set_url("https://api.example.com/v1/orders?limit=5&&x");
        let pending = PendingSignIn {
            state: "s".into(),
            verifier: "v".into(),
            redirect_uri: "https://user.github.io/why401/".into(),
            page: PageState {
                token: "eyJ.old".into(),
                url_text: "https://api.example.com/v1/orders?limit=5&&x".into(),
                request,
                response: "HTTP/1.1 401 Unauthorized\r\n\r\n".into(),
                form: TokenForm { client_secret: "p+ss".into(), ..TokenForm::default() },
                issuer: "https://idp.example.com".into(),
            },
            retry: Some(Attempt { status: "401 Unauthorized".into(), verdict: "Most likely: …".into() }),
        };
        assert_eq!(PendingSignIn::from_json(&pending.to_json()), Ok(pending));
        assert_eq!(
            PendingSignIn::from_json("{\"state\":").unwrap_err(),
            "JSON error at line 1 col 9: EOF while parsing a value"
        );
        assert!(PendingSignIn::from_json("{\"state\":\"s\"}")
            .unwrap_err()
            .starts_with("not a sign-in this page started: missing field"));
    }
}
