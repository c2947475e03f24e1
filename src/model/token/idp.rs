//! Recognising the identity provider that issued a token, and what kind of token it is.

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idp {
    pub name: &'static str,
    /// What was recognised beyond the name, e.g. "v2.0 endpoint, tenant 72f9…".
    pub detail: String,
    /// Why we think so: the claim that gave it away.
    pub evidence: String,
}

fn s<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    claims.get(name)?.as_str()
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

pub fn recognise(claims: &Map<String, Value>) -> Option<Idp> {
    let iss = s(claims, "iss").unwrap_or("");
    let host = host_of(iss);
    let idp = |name, detail: String| Some(Idp { name, detail, evidence: format!("iss = {iss}") });
    if host == "sts.windows.net" {
        return idp("Microsoft Entra ID", format!("v1.0 token, tenant {}", s(claims, "tid").unwrap_or("?")));
    }
    if host == "login.microsoftonline.com" || host.ends_with(".ciamlogin.com") || host.ends_with(".b2clogin.com") {
        let version = if iss.trim_end_matches('/').ends_with("/v2.0") { "v2.0" } else { "v1.0" };
        return idp("Microsoft Entra ID", format!("{version} token, tenant {}", s(claims, "tid").unwrap_or("?")));
    }
    if host.ends_with(".auth0.com") {
        return idp("Auth0", format!("tenant {}", host.trim_end_matches(".auth0.com")));
    }
    if host.ends_with(".okta.com") || host.ends_with(".oktapreview.com") || host.ends_with(".okta-emea.com") {
        let server = iss
            .split("/oauth2/")
            .nth(1)
            .map_or("org authorization server".to_string(), |id| format!("custom authorization server {id}"));
        return idp("Okta", server);
    }
    if let Some(rest) = host.strip_prefix("cognito-idp.") {
        let region = rest.split('.').next().unwrap_or("?");
        let usage = match s(claims, "token_use") {
            Some("id") => "ID token",
            Some("access") => "access token",
            _ => "token",
        };
        return idp("Amazon Cognito", format!("{usage}, region {region}"));
    }
    if host == "accounts.google.com" || iss == "accounts.google.com" {
        return idp("Google", "OpenID Connect ID token".into());
    }
    if host == "token.actions.githubusercontent.com" {
        return idp("GitHub Actions OIDC", format!("repository {}", s(claims, "repository").unwrap_or("?")));
    }
    if let Some((_, realm)) = iss.split_once("/realms/") {
        return idp("Keycloak", format!("realm {}", realm.trim_end_matches('/')));
    }
    if claims.contains_key("realm_access") || claims.contains_key("resource_access") {
        return Some(Idp {
            name: "Keycloak",
            detail: "realm unknown".into(),
            evidence: "realm_access / resource_access claims".into(),
        });
    }
    None
}

/// What a token is for. The commonest 401: sending an ID token or refresh token to an API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    Access,
    Id,
    Refresh,
    Unknown,
}

/// The token's use and the evidence for it. Payload `typ` is Keycloak's; header `typ`
/// `at+jwt` is RFC 9068's; `nonce`/`at_hash`/`c_hash` appear only in OIDC ID tokens.
pub fn token_use(header: Option<&Map<String, Value>>, claims: &Map<String, Value>) -> (TokenUse, String) {
    if let Some(u) = s(claims, "token_use") {
        match u {
            "id" => return (TokenUse::Id, "token_use = \"id\" (Cognito)".into()),
            "access" => return (TokenUse::Access, "token_use = \"access\" (Cognito)".into()),
            _ => {}
        }
    }
    if let Some(t) = s(claims, "typ") {
        match t.to_ascii_lowercase().as_str() {
            "id" => return (TokenUse::Id, format!("typ = \"{t}\" (Keycloak)")),
            "refresh" | "offline" => return (TokenUse::Refresh, format!("typ = \"{t}\" (Keycloak)")),
            "bearer" => return (TokenUse::Access, format!("typ = \"{t}\" (Keycloak)")),
            _ => {}
        }
    }
    // djangorestframework-simplejwt writes token_type "access", "refresh" or "sliding".
    match s(claims, "token_type") {
        Some("refresh") => return (TokenUse::Refresh, "token_type = \"refresh\" (simplejwt)".into()),
        Some("access") => return (TokenUse::Access, "token_type = \"access\" (simplejwt)".into()),
        _ => {}
    }
    if let Some(t) = header.and_then(|h| s(h, "typ")) {
        if matches!(t.to_ascii_lowercase().as_str(), "at+jwt" | "application/at+jwt") {
            return (TokenUse::Access, format!("header typ = \"{t}\" (RFC 9068)"));
        }
    }
    for marker in ["nonce", "at_hash", "c_hash"] {
        if claims.contains_key(marker) {
            return (TokenUse::Id, format!("has \"{marker}\", which only OIDC ID tokens carry"));
        }
    }
    for marker in ["scope", "scp", "permissions"] {
        if claims.contains_key(marker) {
            return (TokenUse::Access, format!("has \"{marker}\""));
        }
    }
    // An ID token is issued to the client itself, so its aud is the client id (OIDC Core §2);
    // an access token's aud is the API. Only a lone aud equal to the client's own id says so.
    if let Some(aud) = s(claims, "aud") {
        for client in ["azp", "client_id", "cid"] {
            if s(claims, client) == Some(aud) {
                return (
                    TokenUse::Id,
                    format!(
                        "aud equals {client} (\"{aud}\"): the token is for the client itself, as OIDC ID tokens are"
                    ),
                );
            }
        }
    }
    (TokenUse::Unknown, String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn recognises_providers() {
        let cases = [
            (
                json!({"iss": "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", "ver": "1.0", "tid": "72f9"}),
                "Microsoft Entra ID",
                "v1.0 token, tenant 72f9",
            ),
            (
                json!({"iss": "https://login.microsoftonline.com/72f9/v2.0", "tid": "72f9"}),
                "Microsoft Entra ID",
                "v2.0 token, tenant 72f9",
            ),
            (json!({"iss": "https://dev-abc.us.auth0.com/"}), "Auth0", "tenant dev-abc.us"),
            (json!({"iss": "https://acme.okta.com/oauth2/default"}), "Okta", "custom authorization server default"),
            (json!({"iss": "https://acme.okta.com"}), "Okta", "org authorization server"),
            (
                json!({"iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", "token_use": "id"}),
                "Amazon Cognito",
                "ID token, region eu-west-1",
            ),
            (
                json!({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x", "token_use": "access"}),
                "Amazon Cognito",
                "access token, region us-east-1",
            ),
            (json!({"iss": "https://accounts.google.com"}), "Google", "OpenID Connect ID token"),
            (json!({"iss": "https://sso.example.com/realms/acme"}), "Keycloak", "realm acme"),
            (
                json!({"iss": "https://token.actions.githubusercontent.com", "repository": "o/r"}),
                "GitHub Actions OIDC",
                "repository o/r",
            ),
        ];
        for (claims, name, detail) in cases {
            let idp = recognise(&m(claims.clone())).unwrap_or_else(|| panic!("{claims}"));
            assert_eq!((idp.name, idp.detail.as_str()), (name, detail));
        }
    }

    #[test]
    fn near_misses_are_unknown() {
        for claims in [
            json!({"iss": "https://auth0.com.evil.example/"}),
            json!({"iss": "https://example.com/microsoftonline"}),
            json!({"iss": "joe"}),
            json!({}),
        ] {
            assert_eq!(recognise(&m(claims.clone())), None, "{claims}");
        }
    }

    #[test]
    fn token_use_evidence() {
        let h = m(json!({"typ": "at+jwt"}));
        let cases = [
            (None, json!({"token_use": "id"}), TokenUse::Id),
            (None, json!({"token_use": "access", "nonce": "x"}), TokenUse::Access),
            (None, json!({"typ": "ID"}), TokenUse::Id),
            (None, json!({"typ": "Refresh"}), TokenUse::Refresh),
            (None, json!({"token_type": "refresh", "user_id": 1}), TokenUse::Refresh),
            (None, json!({"typ": "Bearer"}), TokenUse::Access),
            (Some(&h), json!({"sub": "x"}), TokenUse::Access),
            (None, json!({"nonce": "n"}), TokenUse::Id),
            (None, json!({"at_hash": "h"}), TokenUse::Id),
            (None, json!({"scp": "User.Read"}), TokenUse::Access),
            (None, json!({"sub": "x"}), TokenUse::Unknown),
            (None, json!({"aud": "0oa1client", "azp": "0oa1client"}), TokenUse::Id),
            (None, json!({"aud": "my-app", "cid": "my-app"}), TokenUse::Id),
            // Near misses: the API as audience, or an array that only includes the client.
            (None, json!({"aud": "https://api.example.com", "azp": "0oa1client"}), TokenUse::Unknown),
            (None, json!({"aud": ["0oa1client", "https://api"], "azp": "0oa1client"}), TokenUse::Unknown),
            (None, json!({"aud": "0oa1client", "azp": "0oa1client", "scp": ["read"]}), TokenUse::Access),
        ];
        for (header, claims, expected) in cases {
            assert_eq!(token_use(header, &m(claims.clone())).0, expected, "{claims}");
        }
    }
}
