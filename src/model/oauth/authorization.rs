//! The authorization code grant from the page itself (RFC 6749 §4.1 with PKCE, RFC 7636, as
//! RFC 9700 §2.1.1 and RFC 10017 require of browser apps): the URL the browser is sent to, and
//! what comes back to the page's address (a code, or an error), checked against what was sent.

use super::pkce;
use super::token_request::{ClientAuth, FormError, TokenForm};
use crate::model::request::urlencoded::{self, quote_plus};
use std::fmt;

/// What the page makes up for one sign-in and keeps until the browser comes back: `state`
/// binds the answer to this request (RFC 6749 §10.12), the verifier proves it at the token
/// endpoint (RFC 7636 §4.5). Both from 32 random bytes, base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secrets {
    pub state: String,
    pub verifier: String,
}

impl Secrets {
    pub fn from_random(state: &[u8; 32], verifier: &[u8; 32]) -> Secrets {
        Secrets { state: pkce::verifier(state), verifier: pkce::verifier(verifier) }
    }
}

/// The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3): response_type=code, the client,
/// where to come back, the scope and audience asked for, `state` and the S256 challenge. The
/// endpoint's own query is kept (§3.1); a fragment is not allowed there.
pub fn url(form: &TokenForm, redirect_uri: &str, secrets: &Secrets) -> Result<String, FormError> {
    let endpoint = form.authorization_url.trim();
    if endpoint.is_empty() {
        return Err(FormError::NoAuthorizationUrl);
    }
    if endpoint.contains('#') {
        return Err(FormError::AuthorizationUrlFragment);
    }
    let id = form.client_id.trim();
    if id.is_empty() {
        return Err(FormError::NoClientId);
    }
    if form.auth == ClientAuth::PrivateKeyJwt {
        return Err(FormError::AssertionAfterSignIn);
    }
    let challenge = pkce::challenge_s256(&secrets.verifier);
    let mut pairs = vec![
        ("response_type", "code"),
        ("client_id", id),
        ("redirect_uri", redirect_uri),
        ("scope", form.scope.trim()),
        ("state", &secrets.state),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
        ("audience", form.audience.trim()),
        ("resource", form.resource.trim()),
    ];
    pairs.retain(|(_, v)| !v.is_empty());
    let query = pairs.iter().map(|(n, v)| format!("{n}={}", quote_plus(v))).collect::<Vec<_>>().join("&");
    let joiner = match endpoint.find('?') {
        None => "?",
        Some(_) if endpoint.ends_with(['?', '&']) => "",
        Some(_) => "&",
    };
    Ok(format!("{endpoint}{joiner}{query}"))
}

/// What the authorization server sent back in the page's query (RFC 6749 §4.1.2, §4.1.2.1;
/// `iss` from RFC 9207).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    Code { code: String, state: Option<String>, iss: Option<String> },
    Error { error: String, description: Option<String>, uri: Option<String>, state: Option<String> },
}

impl Callback {
    /// The callback in a query (without its `?`); None when the query is not one (no `code`
    /// and no `error`), so the page's own links are left alone.
    pub fn parse(query: &str) -> Option<Callback> {
        let pieces = urlencoded::split(query.strip_prefix('?').unwrap_or(query));
        let get = |name: &str| pieces.iter().find(|p| p.name() == name).map(|p| p.value());
        let state = get("state");
        if let Some(error) = get("error").filter(|e| !e.is_empty()) {
            return Some(Callback::Error {
                error,
                description: get("error_description").filter(|d| !d.is_empty()),
                uri: get("error_uri").filter(|u| !u.is_empty()),
                state,
            });
        }
        let code = get("code").filter(|c| !c.is_empty())?;
        Some(Callback::Code { code, state, iss: get("iss") })
    }

    fn state(&self) -> Option<&str> {
        match self {
            Callback::Code { state, .. } | Callback::Error { state, .. } => state.as_deref(),
        }
    }

    /// The code to redeem, when the answer is for the sign-in this page started: its `state`
    /// is the one sent, and its `iss`, when the server names itself, the issuer asked
    /// (RFC 9207 §2.4: a mix-up otherwise).
    pub fn accept(&self, sent_state: &str, issuer: &str) -> Result<&str, Refused> {
        match self.state() {
            None => {
                return Err(match self {
                    Callback::Error { error, description, .. } => {
                        Refused::UnverifiedError { error: error.clone(), description: description.clone() }
                    }
                    Callback::Code { .. } => Refused::NoState,
                })
            }
            Some(s) if s != sent_state => return Err(Refused::OtherState),
            Some(_) => {}
        }
        match self {
            Callback::Error { error, description, .. } => {
                Err(Refused::Error { error: error.clone(), description: description.clone() })
            }
            Callback::Code { code, iss, .. } => match iss {
                Some(iss) if !issuer.is_empty() && iss.trim_end_matches('/') != issuer.trim().trim_end_matches('/') => {
                    Err(Refused::OtherIssuer { said: iss.clone() })
                }
                _ => Ok(code),
            },
        }
    }
}

/// Why a callback is not redeemed; `Display` is the sentence the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The authorization server's own error (RFC 6749 §4.1.2.1).
    Error {
        error: String,
        description: Option<String>,
    },
    NoState,
    /// An error without the state sent: shown, but it cannot be tied to this sign-in.
    UnverifiedError {
        error: String,
        description: Option<String>,
    },
    /// Another sign-in's answer (an older tab, a replayed link), or a forged one.
    OtherState,
    OtherIssuer {
        said: String,
    },
    /// The page holds no sign-in in progress: opened anew, or in another tab.
    NothingPending,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Error { error, description } => match description {
                Some(d) => write!(f, "The authorization server sent back error={error}: \"{d}\"."),
                None => write!(f, "The authorization server sent back error={error}."),
            },
            Refused::UnverifiedError { error, description } => write!(
                f,
                "The authorization server sent back error={error}{} without the state this page sent, so it cannot be tied to this sign-in (RFC 6749 §4.1.2.1 requires the state in an error too). Press Get token to sign in again.",
                description.as_ref().map(|d| format!(": \"{d}\"")).unwrap_or_default()
            ),
            Refused::NoState => write!(
                f,
                "The answer carries no state, though the request sent one: it is not redeemed (RFC 6749 §10.12)."
            ),
            Refused::OtherState => write!(
                f,
                "The answer's state is not the one this page sent: it belongs to another sign-in (an older tab, a reused link), so its code is not redeemed (RFC 6749 §10.12). Press Get token to sign in again."
            ),
            Refused::OtherIssuer { said } => write!(
                f,
                "The answer names the issuer \"{said}\", not the one this page asked: its code is not redeemed (RFC 9207 §2.4, a mix-up attack)."
            ),
            Refused::NothingPending => write!(
                f,
                "This address carries an authorization answer, but this tab has no sign-in in progress (it was started in another tab, or this tab's storage was cleared), so there is no code_verifier to redeem it with. Press Get token to sign in again."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::oauth::token_request::Grant;

    fn form() -> TokenForm {
        TokenForm {
            authorization_url: "https://idp.example.com/authorize".into(),
            client_id: "s6BhdRkqt3".into(),
            scope: "openid orders:read".into(),
            grant: Grant::AuthorizationCode,
            ..TokenForm::default()
        }
    }

    fn secrets() -> Secrets {
        Secrets { state: "xyz".into(), verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into() }
    }

    #[test]
    fn the_authorization_request_carries_pkce_s256_and_state() {
        let u = url(&form(), "https://user.github.io/why401/", &secrets()).unwrap();
        assert_eq!(
            u,
            "https://idp.example.com/authorize?response_type=code&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fuser.github.io%2Fwhy401%2F&scope=openid+orders%3Aread&state=xyz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
        // The endpoint's own query stays (RFC 6749 §3.1); audience is added when given.
        let mut f = form();
        f.authorization_url = "https://idp.example.com/authorize?p=B2C_1_signin".into();
        f.audience = "https://api.example.com".into();
        let u = url(&f, "http://localhost:8080/", &secrets()).unwrap();
        assert!(u.starts_with("https://idp.example.com/authorize?p=B2C_1_signin&response_type=code&"), "{u}");
        assert!(u.ends_with("&audience=https%3A%2F%2Fapi.example.com"), "{u}");
        // The signing key would have to be stored for the round trip: refused before leaving.
        f.auth = ClientAuth::PrivateKeyJwt;
        assert_eq!(url(&f, "x", &secrets()), Err(FormError::AssertionAfterSignIn));
        f.auth = ClientAuth::None;
        f.authorization_url = "https://idp.example.com/authorize#x".into();
        assert_eq!(url(&f, "x", &secrets()), Err(FormError::AuthorizationUrlFragment));
        f.authorization_url.clear();
        assert_eq!(url(&f, "x", &secrets()), Err(FormError::NoAuthorizationUrl));
    }

    #[test]
    fn secrets_are_43_base64url_characters() {
        let s = Secrets::from_random(&[0u8; 32], &[255u8; 32]);
        assert_eq!(s.state.len(), 43);
        assert_eq!(s.verifier, "__________________________________________8");
    }

    #[test]
    fn the_callback_is_read_and_checked_against_what_was_sent() {
        assert_eq!(Callback::parse("?tab=1"), None, "the page's own query is not a callback");
        let cb = Callback::parse("?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fidp.example.com").unwrap();
        assert_eq!(cb.accept("xyz", "https://idp.example.com/"), Ok("SplxlOBeZQQYbYS6WxSbIA"));
        assert_eq!(cb.accept("xyz", ""), Ok("SplxlOBeZQQYbYS6WxSbIA"), "no issuer asked: nothing to compare");
        assert_eq!(cb.accept("abc", ""), Err(Refused::OtherState));
        assert_eq!(
            cb.accept("xyz", "https://other.example.com").unwrap_err().to_string(),
            "The answer names the issuer \"https://idp.example.com\", not the one this page asked: its code is not redeemed (RFC 9207 §2.4, a mix-up attack)."
        );
        assert_eq!(Callback::parse("code=c").unwrap().accept("xyz", ""), Err(Refused::NoState));
        let denied = Callback::parse("error=access_denied&error_description=The+user+denied+access&state=xyz").unwrap();
        assert_eq!(
            denied.accept("xyz", "").unwrap_err().to_string(),
            "The authorization server sent back error=access_denied: \"The user denied access\"."
        );
        assert!(Callback::parse("error=server_error")
            .unwrap()
            .accept("xyz", "")
            .unwrap_err()
            .to_string()
            .starts_with("The authorization server sent back error=server_error without the state"));
        // A forged error (another state) is not taken for this sign-in's answer.
        assert_eq!(denied.accept("abc", ""), Err(Refused::OtherState));
    }
}
