//! Vendor rules: a response whose body or headers carry a vendor's own error becomes findings
//! that quote the vendor's words as evidence and give that vendor's fix. The diagnosis engine
//! calls [`findings`]; `vendor.rs` does the reading.
//!
//! A vendor-specific finding replaces the generic one it refines: an Entra AADSTS code is
//! reported instead of the RFC 6749 `invalid_grant` it arrives with, because the code says
//! more and the generic advice would only repeat it less precisely.

use crate::model::findings::codes::*;
use crate::model::findings::{sort, CodeInfo, Finding};
use crate::model::json::truncate_chars;
use crate::model::request::urlencoded;
use crate::model::response::vendor::{self, GitHubSso, JwtBearerProblem, StripeMode};
use crate::model::response::Response;
use crate::model::time;
use serde_json::Value;

pub fn findings(response: &Response) -> Vec<Finding> {
    let json = vendor::body_json(response);
    let mut out = Vec::new();
    if !entra(response, json.as_ref(), &mut out) {
        if let Some(j) = &json {
            oauth(response, j, &mut out);
        }
    }
    jwt_bearer(response, &mut out);
    if let Some(j) = &json {
        google(response, j, &mut out);
        stripe(response, j, &mut out);
        slack(response, j, &mut out);
    }
    aws(response, json.as_ref(), &mut out);
    github(response, json.as_ref(), &mut out);
    authorization_redirect(response, &mut out);
    keycloak(response, &mut out);
    sort(&mut out);
    out
}

fn quote(s: &str) -> String {
    format!("\"{}\"", truncate_chars(s.trim(), 300))
}

fn sent<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.sent_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn sent_json(response: &Response) -> bool {
    sent(response, "content-type").is_some_and(|c| c.to_ascii_lowercase().contains("json"))
}

fn push_once(out: &mut Vec<Finding>, finding: Finding) {
    if !out.iter().any(|f| f.code() == finding.code()) {
        out.push(finding);
    }
}

/// The text between `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

/// An error sent back to the client's redirect URI (RFC 6749 §4.1.2.1; in the fragment for
/// the implicit flow, §4.2.2.1) instead of a code.
fn authorization_redirect(response: &Response, out: &mut Vec<Finding>) {
    if !(300..400).contains(&response.status) {
        return;
    }
    let Some((error, description)) = redirect_error(response) else { return };
    let evidence = format!(
        "{} to the redirect URI with error={error}{}.",
        response.status,
        if description.is_empty() { String::new() } else { format!(", error_description={}", quote(&description)) }
    );
    out.push(authorization_error(&error, &description, evidence));
}

/// An authorization server's error sent back instead of a code (RFC 6749 §4.1.2.1), seen in
/// a redirect's Location or in the page's own address after a sign-in.
pub fn authorization_error(error: &str, description: &str, evidence: String) -> Finding {
    let said = if description.is_empty() { String::new() } else { format!(": \"{description}\"") };
    if let Some(info) = specific_reason(error, description) {
        return Finding::new(info, evidence);
    }
    match description.strip_prefix("Service not found: ") {
        Some(audience) if error == "access_denied" => Finding::new(AUTH0_SERVICE_NOT_FOUND, evidence).with_headline(
            format!("Auth0 has no API whose identifier is the audience '{audience}' (\"Service not found\")"),
        ),
        _ => {
            let what = match error {
                "access_denied" => "the user or a policy refused the sign-in",
                "invalid_request" => {
                    "the authorization request has a missing, repeated or unsupported parameter (a code_challenge the server requires, say)"
                }
                "unauthorized_client" | "unsupported_response_type" => "the application may not use this flow",
                "invalid_scope" => "a requested scope is unknown or not allowed",
                "login_required" | "consent_required" | "interaction_required" | "account_selection_required" => {
                    "a silent sign-in (prompt=none) needs the user to sign in interactively first"
                }
                "server_error" | "temporarily_unavailable" => "the authorization server failed; retry later",
                _ => "the sign-in failed",
            };
            Finding::new(OAUTH_AUTHORIZATION_ERROR, evidence)
                .with_headline(format!("the authorization server sent back error {error}{said}: {what}"))
        }
    }
}

/// `error` and `error_description` of a redirect back to the client (RFC 6749 §4.1.2.1), from
/// the Location's query or, for the implicit flow, its fragment.
/// Only an OAuth error: a code RFC 6749 or OpenID Connect defines, or any code beside the
/// `state` the client sent; `/login?error` (Spring's form login) or `#error=1` is not one.
fn redirect_error(r: &Response) -> Option<(String, String)> {
    const CODES: &[&str] = &[
        "invalid_request",
        "unauthorized_client",
        "access_denied",
        "unsupported_response_type",
        "invalid_scope",
        "server_error",
        "temporarily_unavailable",
        "interaction_required",
        "login_required",
        "account_selection_required",
        "consent_required",
        "invalid_request_uri",
        "invalid_request_object",
        "request_not_supported",
        "request_uri_not_supported",
        "registration_not_supported",
    ];
    let location = r.header("location")?;
    let (before, fragment) = location.split_once('#').unwrap_or((location, ""));
    let query = before.split_once('?').map_or("", |(_, q)| q);
    [query, fragment].into_iter().find_map(|part| {
        let pieces = urlencoded::split(part);
        let get = |name: &str| pieces.iter().find(|p| p.name() == name).map(|p| p.value());
        let error = get("error").filter(|e| !e.is_empty())?;
        let oauth = CODES.contains(&error.as_str()) || get("state").is_some();
        oauth.then(|| (error, get("error_description").unwrap_or_default()))
    })
}

/// An OAuth error whose words name a cause of its own: PKCE the server requires, or a
/// redirect_uri that is not registered. invalid_grant is about the grant (a verifier or a
/// redirect_uri that differs from the sign-in's), not these.
fn specific_reason(error: &str, description: &str) -> Option<&'static CodeInfo> {
    let d = description.to_ascii_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| d.contains(w));
    if error == "invalid_grant" || any(&["browser requests to the token endpoint"]) {
        return None;
    }
    let about_pkce = any(&["pkce", "code_challenge", "code challenge", "code_verifier", "code verifier", "proof key"]);
    // "must be S256" or "must be 43 to 128 characters" is about a PKCE the request did send.
    if about_pkce && any(&["required", "missing"]) {
        return Some(OAUTH_PKCE_REQUIRED);
    }
    let about_redirect = any(&["redirect_uri", "redirect uri", "redirect url", "callback url"]);
    let unregistered = any(&[
        "not registered",
        "does not match the redirect uri",
        "not match the redirect uris configured",
        "must be a login redirect uri",
        "invalid parameter: redirect_uri",
        "not allowed",
        "not whitelisted",
        "unregistered",
    ]);
    if error == "redirect_uri_mismatch" || (about_redirect && unregistered) {
        return Some(OAUTH_REDIRECT_URI_NOT_REGISTERED);
    }
    None
}

fn oauth(response: &Response, json: &Value, out: &mut Vec<Finding>) {
    let Some(e) = vendor::oauth_error(json) else { return };
    let description = e.description.as_deref().unwrap_or_default();
    let mut evidence = format!("HTTP {}: error \"{}\"", response.status, e.error);
    if let Some(d) = &e.description {
        evidence.push_str(&format!(", error_description {}", quote(d)));
    }
    evidence.push('.');
    if let Some(info) = specific_reason(&e.error, description) {
        return out.push(Finding::new(info, evidence));
    }
    let info: &'static CodeInfo = match e.error.as_str() {
        // Auth0's token endpoint says access_denied where RFC 6749 §5.2 has these two: for a
        // client whose id or secret is wrong (401 "Unauthorized"), and for a client with no
        // grant for the requested API ("Client is not authorized to access …").
        "access_denied" if description.starts_with("Client is not authorized to access") => OAUTH_UNAUTHORIZED_CLIENT,
        "access_denied" if response.status == 401 && description == "Unauthorized" => OAUTH_INVALID_CLIENT,
        "invalid_request" => OAUTH_INVALID_REQUEST,
        "invalid_client" => OAUTH_INVALID_CLIENT,
        "invalid_grant" => OAUTH_INVALID_GRANT,
        "unauthorized_client" => OAUTH_UNAUTHORIZED_CLIENT,
        "unsupported_grant_type" => OAUTH_UNSUPPORTED_GRANT_TYPE,
        "invalid_scope" => OAUTH_INVALID_SCOPE,
        _ => return,
    };
    // A resource server's invalid_request comes with a Bearer challenge (RFC 6750 §3.1), which
    // the challenge rules read; only a token endpoint's is ours.
    if info.code == OAUTH_INVALID_REQUEST.code
        && vendor::challenges(response).iter().any(|c| c.is("Bearer") && c.error().is_some())
    {
        return;
    }
    let mut fix = info.fix.to_string();
    let form_problem = [OAUTH_INVALID_REQUEST.code, OAUTH_UNSUPPORTED_GRANT_TYPE.code].contains(&info.code);
    if form_problem && sent_json(response) {
        evidence.push_str(" The request was sent with Content-Type: application/json.");
        fix = "This request's body is JSON, so the server found no grant_type in it: send the same fields as application/x-www-form-urlencoded (`data=` instead of `json=` in Python requests, URLSearchParams in JavaScript, `-d` instead of `--json` in curl).".into();
    }
    if e.error == "access_denied" {
        fix = if info.code == OAUTH_INVALID_CLIENT.code {
            "Auth0 answers access_denied \"Unauthorized\" when the client id or secret is wrong: copy both again from the application's settings (the secret of this application, in this tenant), and send them as the form's client_id and client_secret or as Basic.".into()
        } else {
            "The application has no client grant for this API: authorize it for the API (Applications → APIs → Machine to Machine Applications, or a client grant through the Management API), with the scopes it needs, or request the audience it is authorized for.".into()
        };
    }
    // Okta's answer to a token request that carries an Origin and is not PKCE.
    let okta_origin = e.description.as_deref().is_some_and(|d| d.contains("must use Proof Key for Code Exchange"));
    if okta_origin {
        fix = "Okta refuses a token request with an Origin header (every browser sends one) unless it is the PKCE authorization code flow from a Trusted Origin. From a page, use the authorization code flow with PKCE; for client credentials or a confidential client, call the token endpoint from a server or a terminal (the exported curl sends no Origin).".into();
    }
    if info.code == OAUTH_INVALID_CLIENT.code {
        let challenged = response.header("www-authenticate").is_some();
        if sent(response, "authorization").is_some() && (response.status != 401 || !challenged) {
            evidence.push_str(&format!(
                " The client authenticated with the Authorization header, so RFC 6749 §5.2 requires 401 with WWW-Authenticate; this server answered {}{}.",
                response.status,
                if challenged { "" } else { " without WWW-Authenticate" }
            ));
        }
    }
    let mut finding = Finding::new(info, evidence);
    if e.error == "access_denied" {
        let what = if info.code == OAUTH_INVALID_CLIENT.code {
            "the token endpoint could not authenticate the client (Auth0's access_denied \"Unauthorized\": the client id or secret is wrong)"
        } else {
            "the client is not authorized for this API (Auth0's access_denied: it has no client grant for the audience)"
        };
        finding = finding.with_headline(what);
    }
    if okta_origin {
        finding = finding.with_headline(
            "Okta refuses token requests from a browser unless they are the PKCE authorization code flow",
        );
    }
    if info.code == OAUTH_INVALID_GRANT.code {
        if let Some(why) = e.description.as_deref().and_then(invalid_grant_reason) {
            fix = format!("{why} {fix}");
        }
        // The password grant's invalid_grant is about the user, not a code or refresh token.
        let d = e.description.as_deref().unwrap_or_default();
        if ["user credentials", "username or password", "invalid password"].iter().any(|w| d.to_lowercase().contains(w))
        {
            finding = finding.with_headline(format!(
                "the token endpoint refused the user name or password (invalid_grant: \"{d}\")"
            ));
            fix = "The password grant was refused: the user name or password is wrong, the account is locked, disabled or must finish a required action (verify e-mail, update password, set up OTP) first. The password grant is deprecated and forbidden for browser apps (RFC 9700, RFC 10017): prefer the authorization code flow with PKCE.".into();
        }
    }
    out.push(finding.with_fix(fix));
}

/// The cause an invalid_grant description names, in the user's terms.
fn invalid_grant_reason(description: &str) -> Option<&'static str> {
    let d = description.to_ascii_lowercase();
    if d.contains("redirect_uri") || d.contains("redirect uri") {
        Some("The redirect_uri must be exactly the one sent in the authorization request and registered for the client: scheme, host, port, path and trailing slash.")
    } else if d.contains("code_verifier") || d.contains("pkce") {
        Some("Send the code_verifier whose challenge went with this authorization request (a new verifier per sign-in, kept until the code is exchanged).")
    } else if d.contains("already") || d.contains("redeemed") || d.contains("used") {
        Some("Codes are single-use: exchange each once (a retry or a double submit sends it twice).")
    } else if d.contains("expired") || d.contains("not active") || d.contains("inactive") {
        Some("The code or refresh token has expired or its session ended.")
    } else {
        None
    }
}

/// Returns whether Entra codes were found (then the generic OAuth finding is left out).
fn entra(response: &Response, json: Option<&Value>, out: &mut Vec<Finding>) -> bool {
    let Some(e) = vendor::entra(response, json) else { return false };
    let description = e.description.as_deref().unwrap_or_default();
    let message = vendor::entra_message(description);
    let error = json
        .and_then(|j| j.get("error"))
        .and_then(Value::as_str)
        .map(|s| format!(", error \"{s}\""))
        .unwrap_or_default();
    let ids: String = [("Correlation ID", &e.correlation_id), ("Trace ID", &e.trace_id)]
        .iter()
        .filter_map(|(label, id)| id.as_ref().map(|id| format!(" {label}: {id}.")))
        .collect();
    let evidence = |code: u32| {
        let said = if message.is_empty() { String::new() } else { format!(": {}", quote(message)) };
        format!("AADSTS{code} (HTTP {}{error}){said}.{ids}", response.status)
    };
    let mut specific = false;
    for &code in &e.codes {
        let finding = match code {
            700082 => Finding::new(ENTRA_REFRESH_TOKEN_EXPIRED, evidence(code)),
            7000215 => Finding::new(ENTRA_INVALID_CLIENT_SECRET, evidence(code)),
            7000222 => Finding::new(ENTRA_CLIENT_SECRET_EXPIRED, evidence(code)),
            700016 => {
                let f = Finding::new(ENTRA_APP_NOT_FOUND, evidence(code));
                match (between(description, "identifier '", "'"), between(description, "directory '", "'")) {
                    (Some(app), Some(dir)) => {
                        let fix = format!(
                            "'{app}' is not an application in the directory '{dir}'. {}",
                            ENTRA_APP_NOT_FOUND.fix
                        );
                        f.with_fix(fix)
                    }
                    _ => f,
                }
            }
            50173 | 50133 => Finding::new(ENTRA_GRANT_REVOKED, evidence(code)),
            65001 => Finding::new(ENTRA_CONSENT_REQUIRED, evidence(code)),
            500011 => {
                let f = Finding::new(ENTRA_RESOURCE_NOT_FOUND, evidence(code));
                match between(description, "principal named ", " was not found") {
                    Some(name) => {
                        let fix =
                            format!("No API in this tenant is known as '{name}'. {}", ENTRA_RESOURCE_NOT_FOUND.fix);
                        f.with_fix(fix)
                    }
                    None => f,
                }
            }
            90002 => Finding::new(ENTRA_TENANT_NOT_FOUND, evidence(code)),
            50011 => Finding::new(OAUTH_REDIRECT_URI_NOT_REGISTERED, evidence(code)),
            // A browser's token request: redeemed only for a client whose redirect URI is of
            // type Single-Page Application (and the reverse for 9002327).
            9002326 | 90023 => Finding::new(ENTRA_ERROR, evidence(code))
                .with_headline("Microsoft Entra redeems a token request from a browser only for a client whose redirect URI is of type Single-Page Application")
                .with_fix("The request came from a page (it carried an Origin header). Register the redirect URI under the Single-page application platform (not Web) and use the authorization code flow with PKCE and no secret; client credentials and a confidential client's secret stay on a server. From a terminal, the exported curl sends no Origin."),
            9002327 => Finding::new(ENTRA_ERROR, evidence(code))
                .with_headline("Microsoft Entra redeems tokens issued to a Single-Page Application client only through cross-origin requests from a browser")
                .with_fix("The code or refresh token was issued to a SPA redirect URI, so it must be redeemed by the page itself (with an Origin header), not by a server or script; or register the redirect URI under the Web platform for a server-side flow."),
            _ => continue,
        };
        specific = true;
        push_once(out, finding);
    }
    if !specific {
        let code = e.codes[0];
        let fix = format!(
            "Look AADSTS{code} up at https://login.microsoftonline.com/error?code={code}; quote the Correlation ID and Trace ID when asking the tenant's admin or Microsoft support."
        );
        out.push(Finding::new(ENTRA_ERROR, evidence(code)).with_fix(fix));
    }
    true
}

fn jwt_bearer(response: &Response, out: &mut Vec<Finding>) {
    for c in vendor::challenges(response).iter().filter(|c| c.is("Bearer")) {
        let Some(d) = c.error_description() else { continue };
        let Some(problem) = vendor::jwt_bearer(d) else { continue };
        let said = format!("WWW-Authenticate: Bearer error_description {}", quote(d));
        let finding = match problem {
            JwtBearerProblem::AudienceInvalid(aud) => {
                let f = Finding::new(ASPNET_AUDIENCE_INVALID, format!("{said}: the token's aud is '{aud}'."))
                    .on_claim("aud");
                if aud == "empty" || aud == "(null)" {
                    f.with_fix("The token has no aud claim: it was requested without this API's scope (only openid or profile, say), so it is not meant for any API. Request the API's scope, e.g. `api://<api-client-id>/access_as_user`.")
                } else if aud.contains("00000003-0000-0000-c000-000000000000") || aud.contains("graph.microsoft.com") {
                    f.with_fix("This is a Microsoft Graph token. Request a token for your API's own scope (e.g. `api://<api-client-id>/access_as_user`, or `/.default` with client credentials) instead of Graph scopes such as User.Read.")
                } else {
                    let fix = format!(
                        "The token is for '{aud}', which this API does not accept. {}",
                        ASPNET_AUDIENCE_INVALID.fix
                    );
                    f.with_fix(fix)
                }
            }
            JwtBearerProblem::Expired(at) => {
                Finding::new(ASPNET_TOKEN_EXPIRED, format!("{said}: it expired at {at} (server time).")).on_claim("exp")
            }
            JwtBearerProblem::IssuerInvalid(iss) => {
                let f =
                    Finding::new(ASPNET_ISSUER_INVALID, format!("{said}: the token's iss is '{iss}'.")).on_claim("iss");
                if iss.contains("sts.windows.net") {
                    f.with_fix("The token is an Entra v1.0 token (issuer sts.windows.net) and the API expects v2.0. Set `accessTokenAcceptedVersion` to 2 in the API's app manifest and request a new token, or add the v1.0 issuer to ValidIssuers.")
                } else if iss.contains("/v2.0") {
                    f.with_fix("The token is an Entra v2.0 token and the API expects v1.0 (issuer `https://sts.windows.net/<tenant>/`). Point the API's Authority at `https://login.microsoftonline.com/<tenant>/v2.0`, or add this issuer to ValidIssuers.")
                } else {
                    f
                }
            }
            JwtBearerProblem::SignatureKeyNotFound => Finding::new(
                ASPNET_SIGNATURE_INVALID,
                format!("{said}: the token's kid is not among the API's signing keys."),
            ),
            JwtBearerProblem::SignatureInvalid => Finding::new(ASPNET_SIGNATURE_INVALID, format!("{said}.")),
            JwtBearerProblem::LifetimeInvalid { not_before, expires } => lifetime(&said, &not_before, &expires),
        };
        push_once(out, finding);
    }
}

/// ASP.NET Core prints the times in UTC, month first; nbf after exp is the issuer's fault.
fn lifetime(said: &str, not_before: &str, expires: &str) -> Finding {
    let times = if not_before == "(null)" && expires == "(null)" {
        "it names no times (older ASP.NET Core)".to_string()
    } else {
        format!("NotBefore {not_before}, Expires {expires} (UTC, month/day/year)")
    };
    let f = Finding::new(ASPNET_LIFETIME_INVALID, format!("{said}: {times}.")).on_claim("exp");
    match (time::parse_invariant_culture(not_before), time::parse_invariant_culture(expires)) {
        (Some(nbf), Some(exp)) if nbf > exp => f.with_fix(format!(
            "The token's nbf ({}) is after its exp ({}): no clock can accept it (IDX10224). The issuer mints it wrongly; fix the issuer's lifetime settings and get a new token.",
            time::format_utc(nbf),
            time::format_utc(exp)
        )),
        _ => f,
    }
}

fn google(response: &Response, json: &Value, out: &mut Vec<Finding>) {
    let Some(g) = vendor::google(json) else { return };
    let has = |reason: &str| g.reasons.iter().any(|r| r == reason);
    let mut evidence = format!("HTTP {}", response.status);
    if let Some(s) = &g.status {
        evidence.push_str(&format!(", status {s}"));
    }
    if !g.reasons.is_empty() {
        evidence.push_str(&format!(", reason {}", g.reasons.join(", ")));
    }
    evidence.push_str(&format!(": {}.", quote(&g.message)));
    let status = g.status.as_deref().unwrap_or_default();
    if let Some((headline, fix)) = google_key_restriction(&g) {
        out.push(Finding::new(API_KEY_NOT_ENTITLED, evidence).with_fix(fix).with_headline(headline));
    } else if has("ACCESS_TOKEN_SCOPE_INSUFFICIENT")
        || has("insufficientPermissions")
        || g.message.contains("insufficient authentication scopes")
    {
        let wanted: Vec<String> =
            vendor::challenges(response).iter().filter_map(|c| c.scope()).flatten().map(str::to_string).collect();
        if !wanted.is_empty() {
            evidence.push_str(&format!(" The challenge lists the scopes that would do: {}.", wanted.join(" ")));
        }
        if let Some(service) = &g.service {
            evidence.push_str(&format!(" Service: {service}."));
        }
        out.push(Finding::new(GOOGLE_SCOPE_INSUFFICIENT, evidence));
    } else if status == "UNAUTHENTICATED" || g.code == Some(401) {
        let fix = if has("ACCESS_TOKEN_EXPIRED") {
            "The access token expired (Google's last one hour): refresh it with the refresh token, or let the client library's credentials object refresh it."
        } else if has("CREDENTIALS_MISSING") || g.message.contains("missing required authentication credential") {
            "No credentials reached Google: send `Authorization: Bearer <access token>`. API keys go in `X-Goog-Api-Key` or `?key=` and only work for APIs that accept keys."
        } else if has("ACCESS_TOKEN_TYPE_UNSUPPORTED") {
            "This kind of token is not accepted: send an OAuth 2.0 access token (`ya29.…`), not an ID token or a JWT you signed yourself (a service account exchanges its signed JWT for an access token first)."
        } else {
            GOOGLE_UNAUTHENTICATED.fix
        };
        out.push(Finding::new(GOOGLE_UNAUTHENTICATED, evidence).with_fix(fix));
    } else if status == "PERMISSION_DENIED" || g.code == Some(403) {
        let f = Finding::new(GOOGLE_PERMISSION_DENIED, evidence);
        let f = if has("SERVICE_DISABLED") {
            let api = g.service.as_deref().unwrap_or("the API");
            f.with_fix(format!("The API is not enabled in the project the credentials belong to: enable {api} there (APIs & Services > Library), wait a few minutes and retry."))
                .with_headline(format!("Google: {api} is not enabled in this project (SERVICE_DISABLED)"))
        } else {
            f
        };
        out.push(f);
    }
}

/// A Google API key refused by its own restrictions (ErrorInfo reason, or the message older
/// APIs send alone): which restriction, as (headline, fix).
fn google_key_restriction(g: &vendor::GoogleError) -> Option<(String, String)> {
    let has = |reason: &str| g.reasons.iter().any(|r| r == reason);
    let m = g.message.as_str();
    let blocked = m.trim_end_matches('.').ends_with("are blocked");
    let (what, how) = if has("API_KEY_SERVICE_BLOCKED") || blocked && m.starts_with("Requests to this API") {
        // "Requests to this API translate.googleapis.com method … are blocked."
        let named = m.strip_prefix("Requests to this API ").and_then(|r| r.split_whitespace().next());
        let api = g.service.as_deref().or(named).unwrap_or("this API");
        (
            format!("its API restrictions leave out {api}"),
            format!("add {api} under the key's API restrictions, or use a key of the project that allows it"),
        )
    } else if has("API_KEY_HTTP_REFERRER_BLOCKED") || blocked && m.starts_with("Requests from referer") {
        (
            "it allows only other websites (HTTP referrers)".to_string(),
            "add this page's origin (`https://host/*`) to the key's HTTP referrers. A server or script sends no Referer (\"<empty>\"): give it a key restricted by IP address instead".to_string(),
        )
    } else if has("API_KEY_IP_ADDRESS_BLOCKED")
        || m.contains("IP address restriction")
        || m.contains("IP address is blocked")
    {
        (
            "it allows only other IP addresses".to_string(),
            "add the caller's public address to the key (a server behind NAT or a cloud function calls from another one than you think)".to_string(),
        )
    } else if has("API_KEY_ANDROID_APP_BLOCKED") || blocked && m.contains("Android client application") {
        (
            "it allows only Android apps the request did not name".to_string(),
            "send X-Android-Package and X-Android-Cert (the app's package name and SHA-1 signing certificate, as Google's client libraries do); a debug and a release build have different certificates".to_string(),
        )
    } else if has("API_KEY_IOS_APP_BLOCKED") || blocked && m.to_lowercase().contains("ios client application") {
        (
            "it allows only iOS apps the request did not name".to_string(),
            "send X-Ios-Bundle-Identifier with an allowed bundle ID".to_string(),
        )
    } else {
        return None;
    };
    Some((
        format!("Google knows the API key, but {what}"),
        format!("Google knows this key: {how}. Google Cloud console → APIs & Services → Credentials → the key; changes take up to five minutes."),
    ))
}

fn aws(response: &Response, json: Option<&Value>, out: &mut Vec<Finding>) {
    let Some(e) = vendor::aws(response, json) else { return };
    let t = e.error_type.as_deref().unwrap_or_default();
    let m = e.message.as_deref().unwrap_or_default();
    let info: &'static CodeInfo = if matches!(t, "MissingAuthenticationTokenException" | "MissingAuthenticationToken")
        || m == "Missing Authentication Token"
    {
        AWS_MISSING_AUTHENTICATION_TOKEN
    } else if m == "The incoming token has expired"
        || matches!(t, "ExpiredTokenException" | "ExpiredToken")
        || t == "NotAuthorizedException" && m.contains("has expired")
        || m.contains("security token included in the request is expired")
    {
        AWS_TOKEN_EXPIRED
    } else if matches!(t, "RequestTimeTooSkewed" | "RequestExpired")
        || m.starts_with("Signature expired")
        || m.starts_with("Signature not yet current")
    {
        AWS_REQUEST_TIME_SKEWED
    } else if matches!(t, "InvalidClientTokenId" | "InvalidAccessKeyId" | "UnrecognizedClientException")
        || m.contains("security token included in the request is invalid")
        || m.contains("AWS Access Key Id you provided does not exist")
    {
        AWS_INVALID_ACCESS_KEY
    } else if matches!(t, "IncompleteSignatureException" | "IncompleteSignature") {
        AWS_INCOMPLETE_SIGNATURE
    } else if matches!(t, "InvalidSignatureException" | "SignatureDoesNotMatch")
        || m.starts_with("The request signature we calculated does not match")
    {
        AWS_INVALID_SIGNATURE
    } else if t == "UnauthorizedException" {
        AWS_UNAUTHORIZED
    } else if t == "AccessDenied"
        || t == "AccessDeniedException"
        || m.contains("is not authorized to access this resource")
        || m.contains("is not authorized to perform")
    {
        AWS_ACCESS_DENIED
    } else {
        return;
    };
    let mut evidence = format!("HTTP {}", response.status);
    if !t.is_empty() {
        evidence.push_str(&format!(", x-amzn-ErrorType {t}"));
    }
    if !m.is_empty() {
        evidence.push_str(&format!(": {}", quote(m)));
    }
    evidence.push('.');
    let mut f = Finding::new(info, evidence);
    if info.code == AWS_INCOMPLETE_SIGNATURE.code
        && (m.contains("'Bearer ") || sent(response, "authorization").is_some_and(|a| a.starts_with("Bearer ")))
    {
        f = f.with_fix("A Bearer token reached API Gateway where it wanted a SigV4 signature. Either the route does not exist in this stage (API Gateway answers unknown routes this way when an Authorization header is present: check the path, method and stage), or it uses IAM authorization (sign with SigV4, or give the route a Cognito, JWT or Lambda authorizer).");
    } else if info.code == AWS_ACCESS_DENIED.code && m.contains("explicit deny") {
        f = f.with_fix("The Lambda authorizer returned a Deny policy, or a cached Allow for another method or path does not cover this one: return a policy whose resource covers every route (e.g. `arn:…/*/*`) or turn off authorizer caching, then check the authorizer's logic for this token.");
    } else if info.code == AWS_ACCESS_DENIED.code && m.contains("anonymous is not authorized") {
        f = f.with_fix("The request was not signed, and the API's resource policy (a private API, or one restricted to IAM principals) allows only signed callers: sign it with SigV4, or change the resource policy.");
    }
    out.push(f);
}

fn github(response: &Response, json: Option<&Value>, out: &mut Vec<Finding>) {
    let Some(g) = vendor::github(response, json) else { return };
    let message = g.message.as_deref().unwrap_or_default();
    if let Some(GitHubSso::Required { url }) = &g.sso {
        let (evidence, fix) = match url {
            Some(u) => (
                format!("HTTP {} with X-GitHub-SSO: required; url={u}.", response.status),
                format!("Open {u} while signed in to GitHub and authorize the token for the organization; GitHub then accepts it. {}", "Fine-grained tokens are authorized when they are created, so create a new one if this is one."),
            ),
            None => (format!("HTTP {} with X-GitHub-SSO: required.", response.status), GITHUB_SAML_SSO_REQUIRED.fix.to_string()),
        };
        out.push(Finding::new(GITHUB_SAML_SSO_REQUIRED, evidence).with_fix(fix));
    } else if message.contains("Resource protected by organization SAML enforcement") {
        out.push(Finding::new(GITHUB_SAML_SSO_REQUIRED, format!("HTTP {}: {}.", response.status, quote(message))));
    }
    if response.status == 401 && message == "Bad credentials" {
        out.push(Finding::new(GITHUB_BAD_CREDENTIALS, format!("HTTP 401: {}.", quote(message))));
    }
    if let (Some(granted), Some(accepted)) = (&g.granted, &g.accepted) {
        let covered = accepted.iter().any(|need| granted.iter().any(|have| vendor::github_scope_covers(have, need)));
        if response.status >= 400 && !accepted.is_empty() && !covered {
            let has = if granted.is_empty() { "no scopes".to_string() } else { granted.join(", ") };
            let evidence = format!(
                "HTTP {}: X-Accepted-OAuth-Scopes is {} (any one is enough) and X-OAuth-Scopes, what the token has, is {has}.",
                response.status,
                accepted.join(", ")
            );
            let fix = format!("Add the {} scope to the token: edit a classic personal access token under Settings > Developer settings, or request it in the OAuth app's authorization URL and have the user authorize again.", accepted.join(" or "));
            let headline = format!(
                "the token lacks the scope GitHub wants here ({}; it has {has}); add it to the token",
                accepted.join(" or ")
            );
            out.push(Finding::new(GITHUB_SCOPES_MISSING, evidence).with_fix(fix).with_headline(headline));
        }
    }
    if response.status == 404 {
        let mut evidence = format!(
            "HTTP 404 from GitHub{}.",
            if message.is_empty() { String::new() } else { format!(": {}", quote(message)) }
        );
        if !response.sent_headers.is_empty() {
            evidence.push_str(match sent(response, "authorization") {
                None => " The request carried no Authorization header, and private resources look missing to anonymous callers.",
                Some(_) => " The request was authenticated, so the token may simply not reach this resource.",
            });
        }
        out.push(Finding::new(GITHUB_NOT_FOUND_MAY_BE_FORBIDDEN, evidence));
    }
}

fn stripe(response: &Response, json: &Value, out: &mut Vec<Finding>) {
    let Some(e) = vendor::stripe(json) else { return };
    let m = e.message.as_str();
    let evidence = format!("HTTP {} ({}): {}.", response.status, e.kind, quote(m));
    if m.starts_with("Invalid API Key provided")
        || m.starts_with("You did not provide an API key")
        || m.starts_with("Expired API Key provided")
    {
        let f = Finding::new(STRIPE_INVALID_API_KEY, evidence.clone());
        let f = if m.starts_with("You did not provide") {
            f.with_fix("No key reached Stripe: send `Authorization: Bearer sk_…` (or Basic auth with the key as the user name and an empty password).")
        } else if m.starts_with("Expired") {
            f.with_fix(
                "The key was rolled and its grace period is over: use the new key from the Dashboard's API keys page.",
            )
        } else if m.contains("pk_") {
            f.with_fix("A publishable key (`pk_…`) only works in browsers with Stripe.js; server calls need the secret key (`sk_…`) or a restricted key (`rk_…`).")
        } else {
            f
        };
        out.push(f);
    }
    if let Some(mode) = vendor::stripe_mode_mismatch(m) {
        let fix = match mode {
            StripeMode::TestObjectLiveKey => "The object was made in test mode and this request used a live key. Use the test key (`sk_test_…`) to reach it, or create the object in live mode: test objects never exist in live mode.",
            StripeMode::LiveObjectTestKey => "The object is a live one and this request used a test key. Use the live key (`sk_live_…`) for it, or create a test object to work with in test mode.",
        };
        out.push(Finding::new(STRIPE_TEST_LIVE_MISMATCH, evidence.clone()).with_fix(fix));
    }
    if m.contains("does not have the required permissions") {
        let permissions = vendor::stripe_permissions(m);
        let f = Finding::new(STRIPE_RESTRICTED_KEY_PERMISSION, evidence);
        let f = if !permissions.is_empty() {
            let names: Vec<&str> = permissions.iter().map(|p| p.trim_start_matches("rak_")).collect();
            f.with_fix(format!("Grant the restricted key the {} permission ({}) in the Dashboard (Developers > API keys > edit the key), or use a key that has it.", names.join(", "), permissions.join(", ")))
        } else if m.contains("not available for use by restricted keys") {
            f.with_fix("This endpoint cannot be called with any restricted key: use the secret key (`sk_…`) for it.")
        } else {
            f
        };
        out.push(f);
    }
}

fn slack(response: &Response, json: &Value, out: &mut Vec<Finding>) {
    let Some(e) = vendor::slack(json) else { return };
    let info: &'static CodeInfo = match e.error.as_str() {
        "invalid_auth" => SLACK_INVALID_AUTH,
        "not_authed" => SLACK_NOT_AUTHED,
        "token_revoked" => SLACK_TOKEN_REVOKED,
        "token_expired" => SLACK_TOKEN_EXPIRED,
        "account_inactive" => SLACK_ACCOUNT_INACTIVE,
        "missing_scope" => SLACK_MISSING_SCOPE,
        _ => return,
    };
    let mut evidence = format!("HTTP {} with \"ok\": false, \"error\": \"{}\"", response.status, e.error);
    if response.status == 200 {
        evidence.push_str(": Slack reports failures in the body, so a client that checks only the status sees success");
    }
    evidence.push('.');
    let mut f = Finding::new(info, evidence);
    if info.code == SLACK_MISSING_SCOPE.code {
        let provided = e.provided.as_deref().unwrap_or("(not given)");
        if let Some(needed) = &e.needed {
            f.evidence.push_str(&format!(" The method needs {needed}; the token has {provided}."));
            f = f.with_fix(format!("Add {needed} under OAuth & Permissions (Bot Token Scopes for an xoxb- token, User Token Scopes for xoxp-), then reinstall the app to the workspace and use the new token."));
        }
    }
    out.push(f);
}

fn keycloak(response: &Response, out: &mut Vec<Finding>) {
    let mut texts = vec![response.body.clone()];
    texts.extend(vendor::challenge_descriptions(response));
    let Some(m) = texts.iter().find_map(|t| vendor::keycloak_issuer(t)) else { return };
    let evidence = format!("The server expects the issuer '{}', but the token's iss is '{}'.", m.expected, m.was);
    let f = Finding::new(KEYCLOAK_ISSUER_MISMATCH, evidence).on_claim("iss");
    let (host_a, path_a) = split_origin(&m.expected);
    let (host_b, path_b) = split_origin(&m.was);
    let f = if path_a == path_b && host_a != host_b {
        let fix = format!("Same realm, two host names: the token was requested through {host_b} and the server checks against {host_a}. {}", KEYCLOAK_ISSUER_MISMATCH.fix);
        f.with_fix(fix)
    } else {
        f
    };
    out.push(f);
}

/// `("http://host:port", "/realms/x")`.
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("//").map_or(0, |i| i + 2);
    let cut = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    (&url[..cut], &url[cut..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnosis::Report;

    #[test]
    fn a_sign_in_error_seen_in_the_page_address_is_explained() {
        let seen = "The page came back from the sign-in with error=access_denied.".to_string();
        let report = Report::single(authorization_error("access_denied", "The user denied access", seen));
        assert_eq!(report.ranked[0].finding.code(), "oauth_authorization_error");
        assert_eq!(
            report.verdict,
            "Most likely: the authorization server sent back error access_denied: \"The user denied access\": the user or a policy refused the sign-in."
        );
        assert!(!report.all_good);
    }
}
