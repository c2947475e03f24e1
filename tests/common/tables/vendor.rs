//! The vendor table of `tests/vendor_rules.rs`: each vendor code fires on a response as the
//! vendor sends it and stays silent on a near miss.

use super::Outcome;
use why401::model::diagnosis::vendor_rules::findings;
use why401::model::findings::Finding;
use why401::model::response::raw::parse;
use why401::model::response::Response;

/// A pasted response, as `curl -i` prints it.
pub fn raw(text: &str) -> Response {
    parse(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

pub fn json(status: &str, body: &str) -> Response {
    raw(&format!("HTTP/1.1 {status}\nContent-Type: application/json\n\n{body}"))
}

pub fn challenge(status: &str, www: &str) -> Response {
    raw(&format!("HTTP/1.1 {status}\nWWW-Authenticate: {www}\nContent-Length: 0\n\n"))
}

pub fn entra(code: u32, error: &str, message: &str) -> Response {
    json(
        "400 Bad Request",
        &format!(
            r#"{{"error":"{error}","error_description":"AADSTS{code}: {message} Trace ID: 0d1c4b6e-1f2a Correlation ID: 9a8b7c6d-5e4f Timestamp: 2026-01-05 10:00:00Z","error_codes":[{code}],"timestamp":"2026-01-05 10:00:00Z","trace_id":"0d1c4b6e-1f2a","correlation_id":"9a8b7c6d-5e4f","error_uri":"https://login.microsoftonline.com/error?code={code}"}}"#
        ),
    )
}

pub fn google(status: &str, code: u16, grpc: &str, reason: &str, message: &str) -> Response {
    json(
        status,
        &format!(
            r#"{{"error":{{"code":{code},"message":"{message}","status":"{grpc}","details":[{{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"{reason}","domain":"googleapis.com","metadata":{{"service":"gmail.googleapis.com"}}}}]}}}}"#
        ),
    )
}

pub fn aws(status: &str, error_type: &str, body: &str) -> Response {
    raw(&format!("HTTP/2 {status}\ncontent-type: application/json\nx-amzn-requestid: 7f4e3c2a-1b0d\nx-amzn-errortype: {error_type}\nx-amz-apigw-id: Q1w2E3r4\n\n{body}"))
}

pub fn github(status: &str, extra_headers: &str, body: &str) -> Response {
    raw(&format!("HTTP/2 {status}\ncontent-type: application/json; charset=utf-8\nx-github-media-type: github.v3; format=json\n{extra_headers}x-github-request-id: C0DE:1B2A:3C4D\n\n{body}"))
}

pub fn stripe(status: &str, body: &str) -> Response {
    raw(&format!("HTTP/1.1 {status}\nServer: nginx\nContent-Type: application/json\nRequest-Id: req_8Hq2x\nStripe-Version: 2024-06-20\n\n{body}"))
}

pub fn slack(body: &str) -> Response {
    raw(&format!("HTTP/2 200 \ncontent-type: application/json; charset=utf-8\nx-slack-req-id: 4f9c\n\n{body}"))
}

pub fn codes(r: &Response) -> Vec<&'static str> {
    findings(r).iter().map(Finding::code).collect()
}

/// (code, response that fires it, near miss that must not)
pub fn cases() -> Vec<(&'static str, Response, Response)> {
    let keycloak_issuer = "Invalid token issuer. Expected 'http://keycloak:8080/realms/demo', but was 'http://localhost:8080/realms/demo'";
    vec![
        ("oauth_invalid_request",
            json("400 Bad Request", r#"{"error":"invalid_request","error_description":"Missing form parameter: grant_type"}"#),
            // The resource server's invalid_request (RFC 6750 §3.1) is the challenge rules' business.
            raw("HTTP/1.1 400 Bad Request\nWWW-Authenticate: Bearer error=\"invalid_request\"\nContent-Type: application/json\n\n{\"error\":\"invalid_request\"}"),
        ),
        ("oauth_invalid_client",
            raw("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"token\"\nContent-Type: application/json\n\n{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}"),
            json("400 Bad Request", r#"{"error":"invalid_client_metadata","error_description":"redirect_uris is required"}"#),
        ),
        ("oauth_invalid_grant",
            json("400 Bad Request", r#"{"error":"invalid_grant","error_description":"Token is not active"}"#),
            // Entra's own code explains it better, so the generic finding stays out.
            entra(700082, "invalid_grant", "The refresh token has expired due to inactivity."),
        ),
        ("oauth_unauthorized_client",
            json("400 Bad Request", r#"{"error":"unauthorized_client","error_description":"Client not enabled to retrieve service account"}"#),
            json("401 Unauthorized", r#"{"error":"unauthorized","message":"Full authentication is required"}"#),
        ),
        ("oauth_unsupported_grant_type",
            json("400 Bad Request", r#"{"error":"unsupported_grant_type","error_description":"Unsupported grant_type"}"#),
            json("400 Bad Request", r#"{"error":"unsupported_response_type"}"#),
        ),
        ("oauth_invalid_scope",
            json("400 Bad Request", r#"{"error":"invalid_scope","error_description":"Invalid scopes: read,write"}"#),
            google("403 Forbidden", 403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "Request had insufficient authentication scopes."),
        ),
        ("entra_refresh_token_expired",
            entra(700082, "invalid_grant", "The refresh token has expired due to inactivity. The token was issued on 2025-09-01T10:00:00Z and was inactive for 90.00:00:00."),
            entra(70008, "invalid_grant", "The provided authorization code or refresh token has expired due to inactivity."),
        ),
        ("entra_invalid_client_secret",
            entra(7000215, "invalid_client", "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'b5e1c2d3-0000-4000-8000-000000000001'."),
            entra(7000222, "invalid_client", "The provided client secret keys for app 'b5e1c2d3-0000-4000-8000-000000000001' are expired."),
        ),
        ("entra_client_secret_expired",
            entra(7000222, "invalid_client", "The provided client secret keys for app 'b5e1c2d3-0000-4000-8000-000000000001' are expired."),
            entra(7000215, "invalid_client", "Invalid client secret provided."),
        ),
        ("entra_app_not_found",
            entra(700016, "unauthorized_client", "Application with identifier 'b5e1c2d3-0000-4000-8000-000000000001' was not found in the directory 'Contoso'."),
            entra(70016, "authorization_pending", "OAuth 2.0 device flow error. Authorization is pending."),
        ),
        ("entra_grant_revoked",
            entra(50173, "invalid_grant", "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."),
            entra(50076, "interaction_required", "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication."),
        ),
        ("entra_consent_required",
            entra(65001, "invalid_grant", "The user or administrator has not consented to use the application with ID 'b5e1c2d3' named 'orders-cli'."),
            entra(65004, "access_denied", "User declined to consent to access the app."),
        ),
        ("entra_resource_not_found",
            entra(500011, "invalid_resource", "The resource principal named api://orders was not found in the tenant named Contoso."),
            entra(50011, "invalid_request", "The redirect URI 'http://localhost:3000' specified in the request does not match the redirect URIs configured for the application."),
        ),
        ("entra_tenant_not_found",
            entra(90002, "invalid_request", "Tenant 'contoso.onmicrosoft.co' not found."),
            entra(900023, "invalid_request", "Specified tenant identifier 'contoso' is neither a valid DNS name, nor a valid external domain."),
        ),
        ("entra_error",
            entra(50076, "interaction_required", "Due to a configuration change made by your administrator, you must use multi-factor authentication."),
            json("400 Bad Request", r#"{"error":"invalid_grant","error_description":"Code not valid"}"#),
        ),
        ("aspnet_audience_invalid",
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The audience 'api://orders' is invalid""#),
            challenge("401 Unauthorized", r#"Bearer error="invalid_token""#),
        ),
        ("aspnet_token_expired",
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The token expired at '01/05/2026 09:00:00'""#),
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The token is not valid before '01/05/2026 09:00:00'""#),
        ),
        ("aspnet_lifetime_invalid",
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The token lifetime is invalid; NotBefore: '01/05/2026 08:00:00', Expires: '01/05/2026 09:00:00'""#),
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The token expired at '01/05/2026 09:00:00'""#),
        ),
        ("aspnet_issuer_invalid",
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The issuer 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' is invalid""#),
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="Issuer validation failed""#),
        ),
        ("aspnet_signature_invalid",
            challenge("401 Unauthorized", r#"Bearer error="invalid_token", error_description="The signature key was not found""#),
            challenge("401 Unauthorized", r#"DPoP error="invalid_dpop_proof", error_description="The signature is invalid""#),
        ),
        ("google_unauthenticated",
            google("401 Unauthorized", 401, "UNAUTHENTICATED", "ACCESS_TOKEN_EXPIRED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."),
            google("429 Too Many Requests", 429, "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED", "Quota exceeded for quota metric 'Queries'."),
        ),
        ("google_scope_insufficient",
            google("403 Forbidden", 403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "Request had insufficient authentication scopes."),
            google("403 Forbidden", 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED", "Permission 'storage.objects.get' denied on resource (or it may not exist)."),
        ),
        ("api_key_not_entitled",
            google("403 Forbidden", 403, "PERMISSION_DENIED", "API_KEY_HTTP_REFERRER_BLOCKED", "Requests from referer https://example.github.io/ are blocked."),
            google("403 Forbidden", 403, "PERMISSION_DENIED", "CONSUMER_SUSPENDED", "Permission denied: Consumer 'api_key:AIza0000' has been suspended."),
        ),
        ("oauth_authorization_error",
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/callback?error=invalid_request&error_description=Unsupported%20prompt%20value&state=af0ifjsldkj\n\n"),
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj\n\n"),
        ),
        // Spring Security's form login failure is no OAuth error.
        ("oauth_authorization_error",
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/cb#error=login_required&state=x\n\n"),
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/login?error\n\n"),
        ),
        ("oauth_authorization_error",
            raw("HTTP/1.1 303 See Other\nLocation: https://app.example.com/cb?error=custom_denial&state=af0i\n\n"),
            raw("HTTP/1.1 302 Found\nLocation: https://shop.example.com/cart?error=session_expired\n\n"),
        ),
        ("oauth_pkce_required",
            // Okta, for a public client.
            json("400 Bad Request", r#"{"error":"invalid_request","error_description":"PKCE code challenge is required when the token endpoint authentication method is 'NONE'."}"#),
            // A verifier of the wrong length was sent: not a missing PKCE.
            json("400 Bad Request", r#"{"error":"invalid_request","error_description":"code_verifier must be between 43 and 128 characters"}"#),
        ),
        ("oauth_pkce_required",
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/cb?error=invalid_request&error_description=Missing%20parameter%3A%20code_challenge_method%20is%20required&state=x\n\n"),
            // Okta's refusal of a browser's request that is not PKCE is about where it came from.
            json("401 Unauthorized", r#"{"error":"invalid_client","error_description":"Browser requests to the token endpoint must use Proof Key for Code Exchange."}"#),
        ),
        ("oauth_redirect_uri_not_registered",
            json("400 Bad Request", r#"{"error":"redirect_uri_mismatch","error_description":"Bad Request"}"#),
            json("400 Bad Request", r#"{"error":"invalid_grant","error_description":"redirect_uri does not match the one used in the authorization request"}"#),
        ),
        ("oauth_redirect_uri_not_registered",
            entra(50011, "invalid_request", "The redirect URI 'http://localhost:8080/' specified in the request does not match the redirect URIs configured for the application 'a1b2'."),
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/cb?error=invalid_request&error_description=Missing%20parameter%3A%20nonce&state=x\n\n"),
        ),
        ("oauth_redirect_uri_not_registered",
            raw("HTTP/1.1 302 Found\nLocation: https://app.example.com/cb?error=invalid_request&error_description=The%20%27redirect_uri%27%20parameter%20must%20be%20a%20Login%20redirect%20URI%20in%20the%20client%20app%20settings&state=x\n\n"),
            json("400 Bad Request", r#"{"error":"invalid_request","error_description":"redirect_uri is malformed"}"#),
        ),
        ("auth0_service_not_found",
            raw("HTTP/1.1 302 Found\nLocation: http://localhost:3000/#error=access_denied&error_description=Service%20not%20found%3A%20https%3A%2F%2Fapi.example.com&state=x\n\n"),
            raw("HTTP/1.1 302 Found\nLocation: http://localhost:3000/?error=access_denied&error_description=User%20did%20not%20authorize%20the%20request&state=x\n\n"),
        ),
        ("google_permission_denied",
            google("403 Forbidden", 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED", "Permission 'storage.objects.get' denied on resource (or it may not exist)."),
            // A scope problem is reported as that, not as a second, vaguer finding.
            google("403 Forbidden", 403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "Request had insufficient authentication scopes."),
        ),
        ("aws_missing_authentication_token",
            aws("403", "MissingAuthenticationTokenException", r#"{"message":"Missing Authentication Token"}"#),
            aws("403", "ForbiddenException", r#"{"message":"Forbidden"}"#),
        ),
        ("aws_unauthorized",
            aws("401", "UnauthorizedException", r#"{"message":"Unauthorized"}"#),
            json("401 Unauthorized", r#"{"message":"Unauthorized"}"#),
        ),
        ("aws_access_denied",
            aws("403", "AccessDeniedException", r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#),
            aws("403", "ForbiddenException", r#"{"message":"Forbidden"}"#),
        ),
        ("aws_access_denied",
            aws("403", "AccessDeniedException", r#"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/orders"}"#),
            // The same words from an application that is not AWS.
            json("403 Forbidden", r#"{"message":"User is not authorized to perform: orders.delete"}"#),
        ),
        ("aws_incomplete_signature",
            aws("403", "IncompleteSignatureException", r#"{"message":"'Bearer eyJraWQiOiJ' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer eyJraWQiOiJ'."}"#),
            aws("403", "InvalidSignatureException", r#"{"message":"The request signature we calculated does not match the signature you provided."}"#),
        ),
        ("aws_invalid_signature",
            aws("403", "InvalidSignatureException", r#"{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."}"#),
            aws("403", "IncompleteSignatureException", r#"{"message":"Authorization header requires 'Credential' parameter."}"#),
        ),
        ("aws_request_time_skewed",
            raw("HTTP/1.1 403 Forbidden\nx-amz-request-id: 4442587FB7D0A2F9\nContent-Type: application/xml\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>"),
            raw("HTTP/1.1 403 Forbidden\nx-amz-request-id: 4442587FB7D0A2F9\nContent-Type: application/xml\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>"),
        ),
        ("aws_invalid_access_key",
            raw("HTTP/1.1 403 Forbidden\nx-amzn-RequestId: 1d2f\nContent-Type: text/xml\n\n<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>1d2f</RequestId></ErrorResponse>"),
            raw("HTTP/1.1 403 Forbidden\nContent-Type: text/xml\n\n<Error><Code>InvalidClientTokenId</Code></Error>"),
        ),
        ("aws_token_expired",
            json("401 Unauthorized", r#"{"message":"The incoming token has expired"}"#),
            json("401 Unauthorized", r#"{"message":"The token has expired"}"#),
        ),
        ("github_saml_sso_required",
            github(
                "403",
                "x-github-sso: required; url=https://github.com/orgs/acme/sso?authorization_request=AZSCKtL4U8yX1H3sCQIVnVgmjmon5fWx\n",
                r#"{"message":"Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.","documentation_url":"https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/","status":"403"}"#,
            ),
            github("200", "x-github-sso: partial-results; organizations=21955855,20582480\n", "[]"),
        ),
        ("github_bad_credentials",
            github("401", "", r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#),
            json("401 Unauthorized", r#"{"message":"Bad credentials"}"#),
        ),
        ("github_scopes_missing",
            github("403", "x-oauth-scopes: repo, user\nx-accepted-oauth-scopes: admin:org\n", r#"{"message":"Must have admin rights to organization.","documentation_url":"https://docs.github.com/rest/orgs/orgs#update-an-organization"}"#),
            // admin:org includes read:org.
            github("403", "x-oauth-scopes: admin:org, repo\nx-accepted-oauth-scopes: read:org\n", r#"{"message":"Resource not accessible by integration"}"#),
        ),
        ("github_not_found_may_be_forbidden",
            github("404", "", r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}"#),
            json("404 Not Found", r#"{"message":"Not Found"}"#),
        ),
        ("github_not_found_may_be_forbidden",
            github("404", "", r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#),
            github("403", "", r#"{"message":"Must have admin rights to Repository.","documentation_url":"https://docs.github.com/rest"}"#),
        ),
        ("stripe_invalid_api_key",
            stripe("401 Unauthorized", r#"{"error":{"message":"Invalid API Key provided: sk_test_********************1234","type":"invalid_request_error"}}"#),
            stripe("402 Payment Required", r#"{"error":{"code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","type":"card_error"}}"#),
        ),
        ("stripe_test_live_mismatch",
            stripe("404 Not Found", r#"{"error":{"code":"resource_missing","message":"No such customer: 'cus_Q1w2E3r4'; a similar object exists in test mode, but a live mode key was used to make this request.","param":"id","type":"invalid_request_error"}}"#),
            stripe("404 Not Found", r#"{"error":{"code":"resource_missing","message":"No such customer: 'cus_Q1w2E3r4'","param":"id","type":"invalid_request_error"}}"#),
        ),
        ("stripe_restricted_key_permission",
            stripe("403 Forbidden", r#"{"error":{"message":"The provided key 'rk_test_*********************************************qs8Kgd' does not have the required permissions for this endpoint on account 'acct_1PJBLEBBLEfV'. Having the 'rak_charge_write' permission would allow this request to continue.","type":"invalid_request_error"}}"#),
            stripe("401 Unauthorized", r#"{"error":{"message":"Invalid API Key provided: rk_test_****qs8Kgd","type":"invalid_request_error"}}"#),
        ),
        ("slack_invalid_auth", slack(r#"{"ok":false,"error":"invalid_auth"}"#), slack(r#"{"ok":false,"error":"channel_not_found"}"#)),
        ("slack_not_authed", slack(r#"{"ok":false,"error":"not_authed"}"#), slack(r#"{"ok":true,"url":"https://acme.slack.com/","team":"Acme"}"#)),
        ("slack_token_revoked", slack(r#"{"ok":false,"error":"token_revoked"}"#), slack(r#"{"ok":false,"error":"invalid_auth"}"#)),
        ("slack_token_expired", slack(r#"{"ok":false,"error":"token_expired"}"#), slack(r#"{"ok":false,"error":"token_revoked"}"#)),
        ("slack_account_inactive", slack(r#"{"ok":false,"error":"account_inactive"}"#), slack(r#"{"ok":false,"error":"not_in_channel"}"#)),
        ("slack_missing_scope",
            slack(r#"{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read,users:read"}"#),
            slack(r#"{"ok":true,"warning":"missing_charset","response_metadata":{"warnings":["missing_charset"]}}"#),
        ),
        ("keycloak_issuer_mismatch",
            json("401 Unauthorized", &format!(r#"{{"error":"invalid_token","error_description":"{keycloak_issuer}"}}"#)),
            json("401 Unauthorized", r#"{"error":"invalid_token","error_description":"Token verification failed"}"#),
        ),
        ("keycloak_issuer_mismatch",
            challenge("401 Unauthorized", &format!(r#"Bearer realm="demo", error="invalid_token", error_description="{keycloak_issuer}""#)),
            challenge("401 Unauthorized", r#"Bearer realm="demo", error="invalid_token", error_description="Invalid token issuer.""#),
        ),
    ]
}

/// Runs every row.
pub fn outcomes() -> Vec<Outcome> {
    cases()
        .into_iter()
        .map(|(code, fires, near_miss)| Outcome {
            table: "vendor_rules",
            code,
            fired: codes(&fires),
            quiet: codes(&near_miss),
            case: format!("{} (near miss {} {:?})", fires.body, near_miss.body, near_miss.headers),
        })
        .collect()
}
