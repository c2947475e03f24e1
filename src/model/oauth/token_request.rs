//! The token request a grant sends (RFC 6749 §4.3, §4.4, §6), built as the composer's own
//! `Request` so it is shown, exported and sent like any other: a form-urlencoded POST, never
//! JSON, with the client authenticated the way the user chose (RFC 6749 §2.3).

use super::client_assertion;
use crate::model::request::urlencoded::{quote_plus, Piece};
use crate::model::request::{Auth, Body, BodyKind, Method, Request, Row};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Grant {
    /// With PKCE S256, through the page's own address: what RFC 9700 §2.1.1 and RFC 10017 ask
    /// of a browser app, so the default.
    #[default]
    AuthorizationCode,
    ClientCredentials,
    /// RFC 8628: the user signs in on another device while the page polls.
    DeviceCode,
    RefreshToken,
    /// Forbidden for browser-based apps (RFC 9700 §2.4, RFC 10017): here only to reproduce what
    /// a script does.
    Password,
}

impl Grant {
    pub const ALL: [Grant; 5] =
        [Grant::AuthorizationCode, Grant::ClientCredentials, Grant::DeviceCode, Grant::RefreshToken, Grant::Password];

    /// The `grant_type` value.
    pub fn value(self) -> &'static str {
        match self {
            Grant::AuthorizationCode => "authorization_code",
            Grant::DeviceCode => "urn:ietf:params:oauth:grant-type:device_code",
            Grant::ClientCredentials => "client_credentials",
            Grant::RefreshToken => "refresh_token",
            Grant::Password => "password",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grant::AuthorizationCode => "authorization_code (PKCE S256, sign in)",
            Grant::DeviceCode => "device_code (sign in on another device)",
            Grant::ClientCredentials => "client_credentials",
            Grant::RefreshToken => "refresh_token",
            Grant::Password => "password (forbidden for browser apps)",
        }
    }

    pub fn from_value(v: &str) -> Option<Grant> {
        Grant::ALL.into_iter().find(|g| g.value() == v)
    }
}

/// How the client proves who it is (RFC 6749 §2.3.1, OpenID Connect Core §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ClientAuth {
    /// `Authorization: Basic` of the form-encoded id and secret: `client_secret_basic`.
    Basic,
    /// `client_id` and `client_secret` in the form: `client_secret_post`.
    Post,
    /// A public client: `client_id` only. The default: a page holds no secret (RFC 10017).
    #[default]
    None,
    /// A JWT the client signs with its own key (RFC 7523 §2.2): the key of Sign a token.
    PrivateKeyJwt,
}

impl ClientAuth {
    pub const ALL: [ClientAuth; 4] = [ClientAuth::None, ClientAuth::Basic, ClientAuth::Post, ClientAuth::PrivateKeyJwt];

    pub fn value(self) -> &'static str {
        match self {
            ClientAuth::Basic => "client_secret_basic",
            ClientAuth::Post => "client_secret_post",
            ClientAuth::None => "none",
            ClientAuth::PrivateKeyJwt => "private_key_jwt",
        }
    }

    pub fn from_value(v: &str) -> Option<ClientAuth> {
        ClientAuth::ALL.into_iter().find(|a| a.value() == v)
    }
}

/// What the Get a token fields hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    /// The authorization endpoint, for the authorization code grant.
    pub authorization_url: String,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub scope: String,
    pub grant: Grant,
    pub auth: ClientAuth,
    pub refresh_token: String,
    pub username: String,
    pub password: String,
    /// RFC 7662 and RFC 7009 endpoints, filled by discovery when the metadata names them.
    pub introspection_url: String,
    pub revocation_url: String,
    /// RFC 8628's device_authorization_endpoint, for the device grant.
    pub device_url: String,
    /// Auth0's `audience` or RFC 8707's `resource`, sent when given.
    pub audience: String,
    pub resource: String,
}

/// Why no request can be built yet; `Display` is the sentence shown under the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    NoAuthorizationUrl,
    AuthorizationUrlFragment,
    /// The authorization code grant starts with a sign-in, not with a token request.
    SignInFirst,
    /// private_key_jwt after a sign-in: the key would have to survive the round trip.
    AssertionAfterSignIn,
    NoTokenUrl,
    NoClientId,
    NoSecret(ClientAuth),
    NoRefreshToken,
    NoUser,
    NoDeviceUrl,
    /// The device grant starts at the device authorization endpoint.
    DeviceCodeFirst,
    NoIntrospectionUrl,
    NoRevocationUrl,
    /// Introspection and revocation need the token they are about.
    NoToken(&'static str),
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::NoAuthorizationUrl => {
                write!(f, "Fill in the Authorization URL (the issuer's authorization_endpoint).")
            }
            FormError::AuthorizationUrlFragment => {
                write!(f, "The Authorization URL must not have a #fragment (RFC 6749 §3.1).")
            }
            FormError::AssertionAfterSignIn => write!(
                f,
                "private_key_jwt cannot redeem a sign-in from this page: the signing key would have to be stored while the tab is away. Choose none (a public client, as a page should be) or a client secret."
            ),
            FormError::SignInFirst => write!(f, "The authorization code grant starts with a sign-in: press Get token."),
            FormError::NoTokenUrl => write!(f, "Fill in the Token URL (the issuer's token_endpoint)."),
            FormError::NoClientId => write!(f, "Fill in the Client ID."),
            FormError::NoSecret(a) => {
                write!(f, "{} needs the Client secret; choose none for a public client.", a.value())
            }
            FormError::NoRefreshToken => write!(f, "The refresh_token grant needs a refresh token."),
            FormError::NoUser => write!(f, "The password grant needs a user name."),
            FormError::NoDeviceUrl => {
                write!(f, "Fill in the Device authorization URL (the issuer's device_authorization_endpoint).")
            }
            FormError::DeviceCodeFirst => {
                write!(f, "The device grant starts at the device authorization endpoint: press Get token.")
            }
            FormError::NoIntrospectionUrl => {
                write!(f, "Fill in the Introspection URL (the issuer's introspection_endpoint).")
            }
            FormError::NoRevocationUrl => write!(f, "Fill in the Revocation URL (the issuer's revocation_endpoint)."),
            FormError::NoToken(which) => write!(f, "There is no {which} to send."),
        }
    }
}

/// The token request of every grant but the authorization code, which starts with a sign-in
/// (`exchange` redeems its code).
pub fn build(form: &TokenForm) -> Result<Request, FormError> {
    match form.grant {
        Grant::AuthorizationCode => return Err(FormError::SignInFirst),
        Grant::DeviceCode => return Err(FormError::DeviceCodeFirst),
        _ => {}
    }
    check(form)?;
    let mut pieces = vec![Piece::new("grant_type", form.grant.value())];
    match form.grant {
        Grant::AuthorizationCode | Grant::DeviceCode | Grant::ClientCredentials => {}
        Grant::RefreshToken if form.refresh_token.trim().is_empty() => return Err(FormError::NoRefreshToken),
        Grant::RefreshToken => pieces.push(Piece::new("refresh_token", form.refresh_token.trim())),
        Grant::Password if form.username.is_empty() => return Err(FormError::NoUser),
        Grant::Password => {
            pieces.push(Piece::new("username", &form.username));
            pieces.push(Piece::new("password", &form.password));
        }
    }
    for (name, value) in [("scope", &form.scope), ("audience", &form.audience), ("resource", &form.resource)] {
        if !value.trim().is_empty() {
            pieces.push(Piece::new(name, value.trim()));
        }
    }
    request(form, pieces)
}

/// How Refresh and retry gets a new token: with the refresh token a sign-in left in the
/// section (RFC 6749 §6), else with the chosen grant again (`SignInFirst`: sign in again).
pub fn renewal(form: &TokenForm) -> Result<Request, FormError> {
    let signs_in = matches!(form.grant, Grant::AuthorizationCode | Grant::DeviceCode);
    if signs_in && !form.refresh_token.trim().is_empty() {
        return build(&TokenForm { grant: Grant::RefreshToken, ..form.clone() });
    }
    build(form)
}

/// Redeems an authorization code (RFC 6749 §4.1.3) with the PKCE verifier (RFC 7636 §4.5) and
/// the same redirect_uri the sign-in was sent with; the scope was asked at the sign-in.
pub fn exchange(form: &TokenForm, code: &str, redirect_uri: &str, verifier: &str) -> Result<Request, FormError> {
    check(form)?;
    let mut pieces = vec![
        Piece::new("grant_type", Grant::AuthorizationCode.value()),
        Piece::new("code", code),
        Piece::new("redirect_uri", redirect_uri),
        Piece::new("code_verifier", verifier),
    ];
    if !form.resource.trim().is_empty() {
        pieces.push(Piece::new("resource", form.resource.trim()));
    }
    request(form, pieces)
}

/// What every token request needs: where to send it and the client, with its secret unless
/// it is public.
pub fn check(form: &TokenForm) -> Result<(), FormError> {
    if form.token_url.trim().is_empty() {
        return Err(FormError::NoTokenUrl);
    }
    check_client(form)
}

/// The client's id, and its secret unless it is public.
pub(super) fn check_client(form: &TokenForm) -> Result<(), FormError> {
    if form.client_id.trim().is_empty() {
        return Err(FormError::NoClientId);
    }
    if matches!(form.auth, ClientAuth::Basic | ClientAuth::Post) && form.client_secret.is_empty() {
        return Err(FormError::NoSecret(form.auth));
    }
    Ok(())
}

/// The POST to the token URL with the grant's `pieces`, the client authenticated as chosen.
fn request(form: &TokenForm, pieces: Vec<Piece>) -> Result<Request, FormError> {
    Ok(post(form, form.token_url.trim(), pieces))
}

/// A form POST to one of the authorization server's endpoints (token, introspection,
/// revocation), the client authenticated as chosen (RFC 7662 §2.1 and RFC 7009 §2.1 use the
/// token endpoint's client authentication).
pub(super) fn post(form: &TokenForm, url: &str, mut pieces: Vec<Piece>) -> Request {
    let id = form.client_id.trim();
    let auth = match form.auth {
        // RFC 6749 §2.3.1 and Appendix B: id and secret form-encoded before base64 (only
        // unreserved characters stay, a space is `+`); servers decode them before comparing, so
        // a secret with `+`, `/`, `:` or `%` sent raw no longer matches.
        ClientAuth::Basic => Auth::Basic { user: quote_plus(id), password: quote_plus(&form.client_secret) },
        ClientAuth::Post => {
            pieces.push(Piece::new("client_id", id));
            pieces.push(Piece::new("client_secret", &form.client_secret));
            Auth::None
        }
        ClientAuth::None => {
            pieces.push(Piece::new("client_id", id));
            Auth::None
        }
        ClientAuth::PrivateKeyJwt => {
            pieces.push(Piece::new("client_id", id));
            pieces.extend(client_assertion::pieces());
            Auth::None
        }
    };
    let mut request = Request {
        method: Method::Post,
        // The form body brings its own Content-Type (application/x-www-form-urlencoded).
        headers: vec![Row::new("Accept", "application/json")],
        body: Body { kind: BodyKind::Form, form: pieces, ..Body::default() },
        auth,
        ..Request::default()
    };
    request.set_url(url);
    if form.auth == ClientAuth::PrivateKeyJwt {
        client_assertion::declare(&mut request);
    }
    request
}

/// Switches a request that carries no credentials at all (no auth helper, no Authorization
/// row) to the Bearer helper, so a token just received is sent; true when it did.
pub fn use_bearer(req: &mut Request) -> bool {
    let has_row = req.headers.iter().any(|h| h.enabled && h.name.trim().eq_ignore_ascii_case("authorization"));
    if req.auth != Auth::None || has_row {
        return false;
    }
    req.auth = Auth::Bearer { token: String::new() };
    true
}

/// Puts `token` where the request carries its Bearer token: the auth helper, or an
/// Authorization row written `Bearer …`. False when it carries none (the retry then says so).
pub fn replace_bearer(req: &mut Request, token: &str) -> bool {
    if let Auth::Bearer { token: t } = &mut req.auth {
        *t = token.to_string();
        return true;
    }
    let row = req.headers.iter_mut().find(|h| {
        h.enabled
            && h.name.trim().eq_ignore_ascii_case("authorization")
            && h.value.trim_start().get(..7).is_some_and(|s| s.eq_ignore_ascii_case("bearer "))
    });
    match row {
        Some(h) => {
            let scheme: String = h.value.trim_start().chars().take(6).collect();
            h.value = format!("{scheme} {token}");
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::urlencoded;

    fn form(grant: Grant, auth: ClientAuth) -> TokenForm {
        TokenForm {
            token_url: "https://idp.example.com/oauth/token".into(),
            client_id: "s6BhdRkqt3".into(),
            client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw".into(),
            scope: "orders:read orders:write".into(),
            grant,
            auth,
            refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA".into(),
            username: "johndoe".into(),
            password: "A3ddj3w".into(),
            ..TokenForm::default()
        }
    }

    fn body(r: &Request) -> String {
        urlencoded::join(&r.body.form)
    }

    #[test]
    fn reserved_characters_in_the_secret_are_form_encoded_before_base64() {
        assert_eq!(quote_plus("s6BhdRkqt3"), "s6BhdRkqt3");
        assert_eq!(quote_plus("a+b/c:d%e f~"), "a%2Bb%2Fc%3Ad%25e+f~");
        assert_eq!(quote_plus("é"), "%C3%A9");
        let mut f = form(Grant::ClientCredentials, ClientAuth::Basic);
        f.client_secret = "p+ss/w:rd%".into();
        let r = build(&f).unwrap();
        assert_eq!(r.auth, Auth::Basic { user: "s6BhdRkqt3".into(), password: "p%2Bss%2Fw%3Ard%25".into() });
    }

    #[test]
    fn each_grant_sends_its_form() {
        let r = build(&form(Grant::ClientCredentials, ClientAuth::Basic)).unwrap();
        assert_eq!((r.method, r.url()), (Method::Post, "https://idp.example.com/oauth/token".to_string()));
        assert_eq!(body(&r), "grant_type=client_credentials&scope=orders:read%20orders:write");
        assert_eq!(r.body.kind, BodyKind::Form);
        let r = build(&form(Grant::RefreshToken, ClientAuth::Post)).unwrap();
        assert_eq!(
            body(&r),
            "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=orders:read%20orders:write&client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw"
        );
        assert_eq!(r.auth, Auth::None);
        let r = build(&form(Grant::Password, ClientAuth::None)).unwrap();
        assert_eq!(
            body(&r),
            "grant_type=password&username=johndoe&password=A3ddj3w&scope=orders:read%20orders:write&client_id=s6BhdRkqt3"
        );
    }

    #[test]
    fn every_grant_is_offered_and_read_back() {
        for g in Grant::ALL {
            // Every variant needs an arm here; a new one must also be added to ALL and to the
            // count below, which this match keeps in view.
            match g {
                Grant::AuthorizationCode
                | Grant::ClientCredentials
                | Grant::DeviceCode
                | Grant::RefreshToken
                | Grant::Password => {}
            }
            assert_eq!(Grant::from_value(g.value()), Some(g));
        }
        assert_eq!(Grant::ALL.len(), 5);
        for a in ClientAuth::ALL {
            assert_eq!(ClientAuth::from_value(a.value()), Some(a));
        }
    }

    #[test]
    fn a_code_is_redeemed_with_its_verifier_and_redirect_uri() {
        let mut f = form(Grant::AuthorizationCode, ClientAuth::None);
        assert_eq!(build(&f), Err(FormError::SignInFirst));
        let r = exchange(&f, "SplxlOBeZQQYbYS6WxSbIA", "https://user.github.io/why401/", "dBjftJeZ4CVP").unwrap();
        assert_eq!(
            body(&r),
            "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https://user.github.io/why401/&code_verifier=dBjftJeZ4CVP&client_id=s6BhdRkqt3"
        );
        // A confidential client (Google's web clients need the secret with PKCE too).
        f.auth = ClientAuth::Basic;
        let r = exchange(&f, "c", "https://app/", "v").unwrap();
        assert!(matches!(r.auth, Auth::Basic { .. }));
        // Refresh and retry after a sign-in uses the refresh token it left, else signs in again.
        f.refresh_token.clear();
        assert_eq!(renewal(&f), Err(FormError::SignInFirst));
        f.refresh_token = "rt".into();
        assert!(body(&renewal(&f).unwrap()).starts_with("grant_type=refresh_token&refresh_token=rt&"));
        f.token_url.clear();
        assert_eq!(exchange(&f, "c", "https://app/", "v"), Err(FormError::NoTokenUrl));
    }

    #[test]
    fn what_is_missing_is_said() {
        let mut f = form(Grant::RefreshToken, ClientAuth::Basic);
        f.refresh_token.clear();
        assert_eq!(build(&f), Err(FormError::NoRefreshToken));
        f.client_secret.clear();
        assert_eq!(
            build(&f).unwrap_err().to_string(),
            "client_secret_basic needs the Client secret; choose none for a public client."
        );
        f.auth = ClientAuth::None;
        f.grant = Grant::ClientCredentials;
        assert!(build(&f).is_ok(), "a public client sends no secret");
        f.token_url = " ".into();
        assert_eq!(build(&f), Err(FormError::NoTokenUrl));
    }

    #[test]
    fn a_request_without_credentials_gets_the_bearer_helper_and_no_other_does() {
        let mut bare = Request::default();
        assert!(use_bearer(&mut bare));
        assert_eq!(bare.auth, Auth::Bearer { token: String::new() });
        let mut basic = Request { auth: Auth::Basic { user: "u".into(), password: "p".into() }, ..Request::default() };
        assert!(!use_bearer(&mut basic));
        let mut row = Request { headers: vec![Row::new("Authorization", "Token abc")], ..Request::default() };
        assert!(!use_bearer(&mut row));
        assert_eq!(row.auth, Auth::None);
    }

    #[test]
    fn the_new_token_goes_where_the_old_one_was() {
        let mut helper = Request { auth: Auth::Bearer { token: "old".into() }, ..Request::default() };
        assert!(replace_bearer(&mut helper, "new"));
        assert_eq!(helper.auth, Auth::Bearer { token: "new".into() });
        let mut row = Request { headers: vec![Row::new("authorization", "bearer old")], ..Request::default() };
        assert!(replace_bearer(&mut row, "new"));
        assert_eq!(row.headers[0].value, "bearer new", "the scheme as written");
        let mut key = Request { headers: vec![Row::new("X-Api-Key", "k")], ..Request::default() };
        assert!(!replace_bearer(&mut key, "new"));
        assert_eq!(key.headers[0].value, "k");
    }
}
