//! Token endpoints that refuse a browser, or hide their answer from it, for reasons no script
//! meets: said before the request is sent, where the issuer is recognised by its URL, with the
//! exported curl as the way to make the same call from a terminal.

use super::token_request::{Grant, TokenForm};
use crate::model::url;

/// One recognised limit: whose, and what it means for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserLimit {
    pub vendor: &'static str,
    pub says: String,
}

pub fn predict(form: &TokenForm) -> Option<BrowserLimit> {
    let u = url::parse(form.token_url.trim()).ok()?;
    let host = u.host.to_ascii_lowercase();
    let path = u.path_and_query.split('?').next().unwrap_or("/");
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    let (vendor, says) = if host == "github.com" && path.starts_with("/login/oauth/access_token") {
        ("GitHub", "GitHub's token endpoint sends no CORS headers, so a browser can never read its answer, whatever the request. Get the token with the exported curl, or from a server.".to_string())
    } else if under("login.microsoftonline.com") || under("ciamlogin.com") {
        let why = match form.grant {
            Grant::AuthorizationCode => "Microsoft Entra redeems a code from a browser only when this page's address is registered as a redirect URI of type Single-Page Application; a Web-type redirect URI gets AADSTS9002327, or AADSTS9002326 without an Origin match.",
            Grant::ClientCredentials | Grant::DeviceCode | Grant::Password => "Microsoft Entra redeems tokens for a browser only in the authorization code flow of a client whose redirect URI is of type Single-Page Application (AADSTS9002326, AADSTS9002327): this grant is refused from a page.",
            Grant::RefreshToken => "Microsoft Entra redeems a refresh token from a browser only for a client whose redirect URI is of type Single-Page Application (AADSTS9002326), and such refresh tokens expire after 24 hours.",
        };
        ("Microsoft Entra", format!("{why} Look up an AADSTS code at https://login.microsoftonline.com/error."))
    } else if (under("okta.com") || under("oktapreview.com") || under("okta-emea.com"))
        && form.grant == Grant::AuthorizationCode
    {
        ("Okta", "Okta redeems a PKCE authorization code from a browser only when this page's origin is a Trusted Origin with CORS enabled (Security → API → Trusted Origins) and the application is a Single-Page App.".to_string())
    } else if under("okta.com") || under("oktapreview.com") || under("okta-emea.com") {
        ("Okta", "Okta refuses token requests that carry an Origin header (every browser request does) unless they are PKCE authorization code requests from a Trusted Origin: \"Browser requests to the token endpoint must use Proof Key for Code Exchange.\" This grant is refused from a page; the exported curl sends no Origin.".to_string())
    } else if under("auth0.com") {
        ("Auth0", "Auth0 answers a browser's token request only from an origin in the application's Allowed Web Origins; a single-page application's token endpoint authentication method is None (no secret), and a client secret must never be in a page.".to_string())
    } else if host == "oauth2.googleapis.com" || (host == "accounts.google.com" && path.starts_with("/o/oauth2/token"))
    {
        ("Google", "Google's Web application clients must send the client secret at the token endpoint even with PKCE, so a secret ends up in the page; its token endpoint answers browsers (CORS), but a client of type Web application is meant for a server.".to_string())
    } else if path.contains("/realms/") && path.ends_with("/protocol/openid-connect/token") {
        ("Keycloak", "Keycloak sends CORS headers only to the origins in the client's Web Origins; a client used only for client credentials (a service account) usually has none, so a browser cannot read its answer.".to_string())
    } else {
        return None;
    };
    Some(BrowserLimit { vendor, says })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(url: &str, grant: Grant) -> Option<&'static str> {
        predict(&TokenForm { token_url: url.into(), grant, ..TokenForm::default() }).map(|l| l.vendor)
    }

    #[test]
    fn recognised_by_the_token_url() {
        assert_eq!(at("https://github.com/login/oauth/access_token", Grant::RefreshToken), Some("GitHub"));
        assert_eq!(
            at("https://login.microsoftonline.com/contoso/oauth2/v2.0/token", Grant::ClientCredentials),
            Some("Microsoft Entra")
        );
        assert_eq!(at("https://dev-123.okta.com/oauth2/default/v1/token", Grant::Password), Some("Okta"));
        assert_eq!(at("https://acme.eu.auth0.com/oauth/token", Grant::ClientCredentials), Some("Auth0"));
        assert_eq!(
            at("https://sso.example.com/realms/demo/protocol/openid-connect/token", Grant::ClientCredentials),
            Some("Keycloak")
        );
        assert_eq!(at("https://oauth2.googleapis.com/token", Grant::AuthorizationCode), Some("Google"));
        let okta_code = predict(&TokenForm {
            token_url: "https://dev-123.okta.com/oauth2/default/v1/token".into(),
            ..TokenForm::default()
        })
        .unwrap();
        assert!(okta_code.says.contains("Trusted Origin"), "{}", okta_code.says);
        // Lookalikes stay quiet.
        assert_eq!(at("https://api.github.com/login/oauth/access_token", Grant::RefreshToken), None);
        assert_eq!(at("https://okta.com.evil.example/oauth2/v1/token", Grant::Password), None);
        assert_eq!(at("https://idp.example.com/oauth/token", Grant::ClientCredentials), None);
        assert_eq!(at("not a url", Grant::ClientCredentials), None);
        let entra_refresh = predict(&TokenForm {
            token_url: "https://login.microsoftonline.com/common/oauth2/v2.0/token".into(),
            grant: Grant::RefreshToken,
            ..TokenForm::default()
        })
        .unwrap();
        assert!(entra_refresh.says.contains("expire after 24 hours"), "{}", entra_refresh.says);
    }
}
