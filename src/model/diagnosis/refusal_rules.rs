//! Refusals recognised by the headers and words only one product sends: Azure Storage's
//! AuthenticationFailed, Salesforce's INVALID_SESSION_ID, Atlassian's Seraph login reasons, Kong's
//! jwt plugin looking up its credential by a claim, and
//! a login proxy (Cloudflare Access, oauth2-proxy, nginx auth_request, an AWS load balancer)
//! answering before the API does.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::{
    ATLASSIAN_BASIC_AUTH_REFUSED, AUTH_PROXY_LOGIN_REQUIRED, AZURE_STORAGE_AUTH_FAILED, KONG_JWT_CREDENTIAL_NOT_FOUND,
    KONG_JWT_KEY_CLAIM_MISSING, SALESFORCE_INVALID_SESSION,
};
use crate::model::response::{vendor, Response};

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(r) = f.response else { return };
    let said = f.server_words.as_deref();
    let hit = azure_storage(r)
        .or_else(|| salesforce(r, said))
        .or_else(|| atlassian(r, f.scheme(), said))
        .or_else(|| kong_jwt(f, said))
        .or_else(|| login_proxy(r));
    hits.extend(hit);
}

fn azure_storage(r: &Response) -> Option<Hit> {
    let coded = r.header("x-ms-error-code") == Some("AuthenticationFailed")
        || r.header("x-ms-request-id").is_some() && r.body.contains("<Code>AuthenticationFailed</Code>");
    if !coded {
        return None;
    }
    let detail = vendor::xml_element(&r.body, "AuthenticationErrorDetail").unwrap_or_default();
    let lower = detail.to_lowercase();
    let headline = if lower.contains("after signed start time") {
        "Azure Storage: the SAS expiry (se) is before the start it is checked against (st, or the request's time when the SAS has none): it has expired, or local time was written as UTC"
    } else if lower.contains("expiry") || lower.contains("time frame") || lower.contains("expired") {
        "Azure Storage: the SAS is not valid now: it has expired or its start is in the future (check st and se)"
    } else if lower.contains("signature") {
        "Azure Storage: the signature does not match what it computed (the string-to-sign or the key differs)"
    } else {
        "Azure Storage could not authenticate the request (AuthenticationFailed)"
    };
    let evidence =
        format!("{} AuthenticationFailed: {}.", r.status, if detail.is_empty() { "no detail" } else { detail });
    Some(Hit::new(AZURE_STORAGE_AUTH_FAILED, evidence, Likelihood::High).headline(headline))
}

fn salesforce(r: &Response, said: Option<&str>) -> Option<Hit> {
    if !r.body.contains("\"INVALID_SESSION_ID\"") {
        return None;
    }
    let said = said.unwrap_or_default();
    Some(
        Hit::new(SALESFORCE_INVALID_SESSION, format!("{} INVALID_SESSION_ID: \"{said}\".", r.status), Likelihood::High)
            .headline(format!("Salesforce: the session is not valid (INVALID_SESSION_ID: \"{said}\")")),
    )
}

fn atlassian(r: &Response, scheme: Option<&str>, said: Option<&str>) -> Option<Hit> {
    // Seraph's reasons are about a Basic login; a Bearer PAT refused is another story.
    if scheme.is_some_and(|s| !s.eq_ignore_ascii_case("basic")) {
        return None;
    }
    let reason = r.header("x-seraph-loginreason").unwrap_or_default();
    let denied = r.header("x-authentication-denied-reason").unwrap_or_default();
    let body = r.body.to_lowercase();
    let password = body.contains("basic auth with password is not allowed")
        || body.contains("basic authentication with passwords is deprecated");
    let headline = if denied.contains("CAPTCHA") {
        "Jira/Confluence wants a CAPTCHA answered after failed logins (CAPTCHA_CHALLENGE); log in once in the browser"
            .to_string()
    } else if password {
        "Atlassian Cloud does not take the account password for Basic auth; use an API token as the password"
            .to_string()
    } else if reason.contains("AUTHENTICATED_FAILED") {
        "Atlassian refused the e-mail and API token (AUTHENTICATED_FAILED)".to_string()
    } else if reason.contains("AUTHENTICATION_DENIED") {
        "Atlassian denied the login (AUTHENTICATION_DENIED)".to_string()
    } else {
        return None;
    };
    let mut evidence = format!("{}", r.status);
    if !reason.is_empty() {
        evidence.push_str(&format!(", X-Seraph-LoginReason: {reason}"));
    }
    if !denied.is_empty() {
        evidence.push_str(&format!(", X-Authentication-Denied-Reason: {denied}"));
    }
    if let Some(said) = said.filter(|_| password) {
        evidence.push_str(&format!(": \"{said}\""));
    }
    evidence.push('.');
    Some(Hit::new(ATLASSIAN_BASIC_AUTH_REFUSED, evidence, Likelihood::High).headline(headline))
}

/// Kong's jwt plugin names the claim it looks the credential up by; the token shows its value.
fn kong_jwt(f: &Facts, said: Option<&str>) -> Option<Hit> {
    let said = said?;
    let claim_in = |prefix: &str, suffix: &str| said.strip_prefix(prefix)?.strip_suffix(suffix).map(str::to_string);
    let (info, claim) = match claim_in("No mandatory '", "' in claims").or_else(|| claim_in("Invalid '", "' in claims"))
    {
        Some(claim) => (KONG_JWT_KEY_CLAIM_MISSING, claim),
        None => (KONG_JWT_CREDENTIAL_NOT_FOUND, claim_in("No credentials found for given '", "'")?),
    };
    let token = f.token.as_deref().filter(|t| t.basic.is_none()).map(|t| &t.token);
    let value = token.and_then(|t| t.claims()?.get(&claim).or_else(|| t.header()?.get(&claim)));
    let shown = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), |s| format!("'{s}'"));
    let mut evidence = format!("{} \"{said}\"", f.response.map_or(0, |r| r.status));
    let headline = match (info.code == KONG_JWT_KEY_CLAIM_MISSING.code, value) {
        // Kong reads ?jwt= and its cookie before the Authorization header.
        (true, Some(v)) if !v.as_str().is_some_and(str::is_empty) => {
            evidence.push_str(&format!("; this token's {claim} is {}, so Kong read another token (a jwt query parameter or cookie, which it checks first)", shown(v)));
            format!("Kong's jwt plugin found no usable '{claim}' in the token it read, though this token has one: it read another token first (a ?jwt= parameter or a cookie)")
        }
        (true, _) if token.and_then(|t| t.claims()).is_some() => {
            evidence.push_str(&format!("; the token has no '{claim}' in its payload or header"));
            format!("Kong's jwt plugin looks the consumer's credential up by the token's '{claim}' claim, and the token has none")
        }
        (true, _) => format!("Kong's jwt plugin looks the consumer's credential up by the token's '{claim}' claim, which it did not find"),
        (false, Some(v)) => {
            evidence.push_str(&format!("; the token's {claim} is {}", shown(v)));
            format!("Kong has no jwt credential whose key is the token's {claim} ({})", shown(v))
        }
        (false, None) => format!("Kong has no jwt credential whose key is the token's '{claim}'"),
    };
    evidence.push('.');
    Some(Hit::new(info, evidence, Likelihood::High).headline(headline))
}

fn login_proxy(r: &Response) -> Option<Hit> {
    let location = r.header("location").unwrap_or_default();
    let by_redirect = (300..400).contains(&r.status)
        && ["cloudflareaccess.com/cdn-cgi/access/login", "/oauth2/sign_in", "/oauth2/start"]
            .iter()
            .any(|m| location.contains(m));
    // A server's own 401 page with no challenge: nginx's auth_request (its auth_basic sends a
    // Basic challenge) or an AWS load balancer's OIDC action.
    let server = r.header("server").unwrap_or_default().to_lowercase();
    let bare_page = r.status == 401
        && r.header("www-authenticate").is_none()
        && r.body.contains("<title>401 Authorization Required</title>")
        && (server.starts_with("nginx") || server.starts_with("awselb"));
    // oauth2-proxy's answer to an API request (Accept: application/json, an --api-route, or
    // --force-json-errors) without its session: exactly "{}" as application/json, with no
    // application server's name on it (Flask's `return {}, 401` looks the same from Werkzeug).
    let app_server = ["werkzeug", "uvicorn", "gunicorn", "kestrel", "hypercorn", "daphne", "jetty", "tomcat"]
        .iter()
        .any(|a| server.contains(a))
        || r.header("x-powered-by").is_some();
    let empty_json = r.status == 401
        && r.header("www-authenticate").is_none()
        && r.body.trim() == "{}"
        && !app_server
        && r.header("content-type").is_some_and(|c| c.trim().eq_ignore_ascii_case("application/json"));
    if !(by_redirect || bare_page || empty_json) {
        return None;
    }
    let (evidence, headline) = if empty_json {
        (
            "401 with the body {} as application/json and no WWW-Authenticate: what oauth2-proxy answers to an API request without its session.".to_string(),
            "a login proxy (probably oauth2-proxy: its 401 to an API request is exactly {}) refused the request before the API saw it; it wants its session cookie, or a bearer token it is configured to accept (--skip-jwt-bearer-tokens, with the token's issuer among its --extra-jwt-issuers)".to_string(),
        )
    } else if by_redirect {
        (
            format!("{} to {location}.", r.status),
            format!("a login proxy sent the request to its sign-in page ({location}) before the API saw it"),
        )
    } else {
        (
            format!("401 \"401 Authorization Required\" page from {server} with no WWW-Authenticate."),
            format!("a login proxy in front of the API ({server}) probably refused the request: its own page says \"401 Authorization Required\", with no challenge from the API"),
        )
    };
    // A redirect to a sign-in page is the proxy's own; a bare page is probably it (auth_request
    // also answers so when its auth service refused an expired token).
    let likely = if by_redirect { Likelihood::High } else { Likelihood::Medium };
    Some(Hit::new(AUTH_PROXY_LOGIN_REQUIRED, evidence, likely).headline(headline))
}
