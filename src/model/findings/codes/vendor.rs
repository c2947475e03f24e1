//! Codes for what a vendor's own error says: OAuth token endpoints (RFC 6749 §5.2), Microsoft
//! Entra and ASP.NET Core, Google, AWS API Gateway, GitHub, Stripe, Slack and Keycloak. Each fix
//! is the vendor-specific one; the rules in `diagnosis/vendor_rules.rs` sharpen it with the evidence.

use crate::model::findings::code::codes;

codes! {
    VENDOR_CODES;
    OAUTH_AUTHORIZATION_ERROR = "oauth_authorization_error", Error,
        "The authorization server sent the browser back with an error instead of a code.",
        "The sign-in step failed, so there is no code and no token to send: read `error` and `error_description` in the redirect. access_denied is the user or a policy refusing; invalid_request is a missing, repeated or unsupported parameter (a code_challenge the server requires, say; a redirect_uri that is not registered is shown on the server's own page, never sent back); unauthorized_client or unsupported_response_type means the application may not use this flow; login_required, consent_required and interaction_required answer prompt=none, which needs an interactive sign-in first.",
        "RFC 6749 §4.1.2.1; OpenID Connect Core §3.1.2.6", "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1",
        "302 `Location: https://app.example.com/callback?error=access_denied&error_description=…&state=…`.";
    OAUTH_PKCE_REQUIRED = "oauth_pkce_required", Error,
        "The authorization server requires PKCE, and the request carried none.",
        "Send code_challenge (the S256 hash of a new random code_verifier) with code_challenge_method=S256 in the authorization request, and that code_verifier when the code is redeemed (RFC 7636 §4). A browser app must use PKCE (RFC 9700 §2.1.1, RFC 10017): this page's authorization_code grant always sends it.",
        "RFC 7636 §4.4.1", "https://www.rfc-editor.org/rfc/rfc7636#section-4.4.1",
        "`{\"error\":\"invalid_request\",\"error_description\":\"PKCE code challenge is required when the token endpoint authentication method is 'NONE'.\"}`.";
    OAUTH_REDIRECT_URI_NOT_REGISTERED = "oauth_redirect_uri_not_registered", Error,
        "The redirect_uri is not one registered for this client.",
        "Register the exact redirect_uri the request sent, character for character (scheme, host, port, path, trailing slash): Microsoft Entra under Authentication (as a Single-page application platform for a page), Google in Authorized redirect URIs, Okta in Sign-in redirect URIs, Keycloak in Valid redirect URIs, Auth0 in Allowed Callback URLs. For this page it is the Redirect URI shown under Get a token.",
        "RFC 6749 §3.1.2.2, §4.1.2.1", "https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.2",
        "`AADSTS50011: The redirect URI 'http://localhost:8080/' specified in the request does not match the redirect URIs configured for the application`.";
    AUTH0_SERVICE_NOT_FOUND = "auth0_service_not_found", Error,
        "Auth0 has no API whose identifier is the requested audience (\"Service not found\").",
        "The audience parameter must equal the Identifier of an API registered in this Auth0 tenant (Dashboard → Applications → APIs), character for character: scheme, host, path and trailing slash. Create the API, correct the audience (a placeholder from a tutorial, the API's name instead of its identifier), or sign in at the tenant where the API is defined.",
        "Auth0: Get access tokens (audience)", "https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens",
        "302 `Location: …?error=access_denied&error_description=Service%20not%20found%3A%20https%3A%2F%2Fapi.example.com`.";
    OAUTH_INVALID_REQUEST = "oauth_invalid_request", Error,
        "The token endpoint says the request is malformed (invalid_request).",
        "A parameter is missing, repeated or unreadable. Send grant_type and the grant's parameters once each (code + redirect_uri + code_verifier, refresh_token, or client credentials) as application/x-www-form-urlencoded: `data=` in Python requests, URLSearchParams in JavaScript, not JSON.",
        "RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
        "`{\"error\":\"invalid_request\",\"error_description\":\"Missing parameter: grant_type\"}`.";
    OAUTH_INVALID_CLIENT = "oauth_invalid_client", Error,
        "The token endpoint could not authenticate the client (invalid_client).",
        "Check the client_id and client_secret, and send them where the client is registered to: the Authorization: Basic header (client_secret_basic) or the form body (client_secret_post). In the Basic header, form-encode id and secret before base64 when they contain characters such as + / : %.",
        "RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
        "`{\"error\":\"invalid_client\"}` from a token endpoint.";
    OAUTH_INVALID_GRANT = "oauth_invalid_grant", Error,
        "The authorization code or refresh token was refused (invalid_grant).",
        "The grant is dead: a code that was already used, expired (codes live minutes) or issued for another redirect_uri or client, or a refresh token that expired, was revoked or was rotated (an older copy was sent). Sign in again to get a new code; store the new refresh_token every refresh returns.",
        "RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
        "`{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}`.";
    OAUTH_UNAUTHORIZED_CLIENT = "oauth_unauthorized_client", Error,
        "The client is not allowed to use this grant type (unauthorized_client).",
        "Enable the grant for this client at the authorization server (client credentials / service accounts, refresh tokens, device code…), or use the grant the client is registered for.",
        "RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
        "`{\"error\":\"unauthorized_client\"}` for grant_type=client_credentials.";
    OAUTH_UNSUPPORTED_GRANT_TYPE = "oauth_unsupported_grant_type", Error,
        "The token endpoint did not understand grant_type (unsupported_grant_type).",
        "Most often the body was sent as JSON, so the server found no grant_type at all: token endpoints read application/x-www-form-urlencoded, so use `data=` (not `json=`) in Python requests. Otherwise check the spelling: authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code.",
        "RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
        "`{\"error\":\"unsupported_grant_type\"}` after `requests.post(url, json={\"grant_type\": …})`.";
    OAUTH_INVALID_SCOPE = "oauth_invalid_scope", Error,
        "A requested scope is unknown, malformed or not allowed for this client (invalid_scope).",
        "Check the spelling of each scope, separate them with spaces (not commas), and ask only for scopes the client is granted. With Microsoft Entra client credentials, ask for `<resource>/.default`.",
        "RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
        "`{\"error\":\"invalid_scope\",\"error_description\":\"Invalid scopes: read,write\"}`.";
    ENTRA_REFRESH_TOKEN_EXPIRED = "entra_refresh_token_expired", Error,
        "Microsoft Entra: the refresh token expired from inactivity (AADSTS700082).",
        "A refresh token unused for its inactivity window (90 days by default) is dead. Sign the user in again interactively; then keep the new refresh token that every refresh returns and use it at least that often.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`{\"error\":\"invalid_grant\",\"error_codes\":[700082],\"error_description\":\"AADSTS700082: The refresh token has expired due to inactivity…\"}`.";
    ENTRA_INVALID_CLIENT_SECRET = "entra_invalid_client_secret", Error,
        "Microsoft Entra: the client secret is wrong (AADSTS7000215).",
        "Send the secret's Value, not its Secret ID (a GUID). The Value is shown only once, when the secret is created: under App registrations > Certificates & secrets create a new one, copy the Value column, and form-encode it if it contains + / or ~.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID…`.";
    ENTRA_CLIENT_SECRET_EXPIRED = "entra_client_secret_expired", Error,
        "Microsoft Entra: the client secret has expired (AADSTS7000222).",
        "Create a new secret under App registrations > Certificates & secrets, update every place that holds the old one, and note the new expiry date; a certificate, managed identity or federated credential avoids expiring secrets.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS7000222: The provided client secret keys for app '…' are expired.`";
    ENTRA_APP_NOT_FOUND = "entra_app_not_found", Error,
        "Microsoft Entra: no application with this client_id exists in the tenant (AADSTS700016).",
        "Use the Application (client) ID, not the Object ID, and the tenant the app is registered in. A multi-tenant app must first be consented in the other tenant (an admin signs in once).",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS700016: Application with identifier '…' was not found in the directory '…'.`";
    ENTRA_GRANT_REVOKED = "entra_grant_revoked", Error,
        "Microsoft Entra: the grant was revoked, usually by a password change (AADSTS50173 / AADSTS50133).",
        "Refresh tokens issued before a password change, reset or session revocation stop working. Sign the user in again interactively to get new tokens.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed.`";
    ENTRA_CONSENT_REQUIRED = "entra_consent_required", Error,
        "Microsoft Entra: nobody has consented to these permissions (AADSTS65001).",
        "Have the user consent in an interactive sign-in that requests these scopes, or have an admin grant consent for the tenant (Enterprise applications > Permissions > Grant admin consent). Client credentials, on-behalf-of and password flows cannot show a consent prompt.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS65001: The user or administrator has not consented to use the application…`.";
    ENTRA_RESOURCE_NOT_FOUND = "entra_resource_not_found", Error,
        "Microsoft Entra: the API named in the scope or resource does not exist in this tenant (AADSTS500011).",
        "Use the API's Application ID URI exactly as its Expose an API page shows it (e.g. `api://<api-client-id>/.default`, with no extra or missing slash), and make sure the API is registered in, or consented to, this tenant.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS500011: The resource principal named api://orders was not found in the tenant named Contoso.`";
    ENTRA_TENANT_NOT_FOUND = "entra_tenant_not_found", Error,
        "Microsoft Entra: the tenant in the authority URL does not exist (AADSTS90002).",
        "Check the tenant ID or domain in `https://login.microsoftonline.com/<tenant>/…`, and the cloud: national clouds use other hosts (login.microsoftonline.us, login.partner.microsoftonline.cn).",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`AADSTS90002: Tenant 'contoso.onmicrosoft.co' not found.`";
    ENTRA_ERROR = "entra_error", Error,
        "Microsoft Entra refused the request with an AADSTS error.",
        "Look the code up at `https://login.microsoftonline.com/error?code=<number>`; quote the Trace ID and Correlation ID from the evidence when asking the tenant's admin or Microsoft support.",
        "Microsoft Entra error codes", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "`{\"error_codes\":[50076],\"error_description\":\"AADSTS50076: Due to a configuration change made by your administrator…\"}`.";
    ASPNET_AUDIENCE_INVALID = "aspnet_audience_invalid", Error,
        "The API (ASP.NET Core) does not accept the token's audience.",
        "Request the token for this API (its scopes, or `api://<api-client-id>/.default` with client credentials), or add the audience to ValidAudiences in the API's JwtBearer options. Entra v2.0 tokens carry the API's client ID as aud, v1.0 tokens its Application ID URI.",
        "ASP.NET Core JWT bearer authentication", "https://learn.microsoft.com/en-us/aspnet/core/security/authentication/configure-jwt-bearer-authentication",
        "`WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The audience 'api://orders' is invalid\"`.";
    ASPNET_TOKEN_EXPIRED = "aspnet_token_expired", Error,
        "The API (ASP.NET Core) says the token has expired.",
        "Get a new access token (refresh it, or acquire it again) and renew before expiry. If it expired only moments ago, compare clocks: JwtBearer allows 5 minutes of skew by default.",
        "ASP.NET Core JWT bearer authentication", "https://learn.microsoft.com/en-us/aspnet/core/security/authentication/configure-jwt-bearer-authentication",
        "`WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The token expired at '01/05/2026 09:00:00'\"`.";
    ASPNET_LIFETIME_INVALID = "aspnet_lifetime_invalid", Error,
        "The API (ASP.NET Core) refused the token's lifetime, though not as a plain expiry.",
        "ASP.NET Core says \"The token expired at …\" for an expired token. \"The token lifetime is invalid\" comes from the API's own rule: a custom LifetimeValidator in its TokenValidationParameters returned false (IDX10230), typically a maximum token age, a session limit or a zero clock skew; or the token's nbf is after its exp (IDX10224), which the issuer must fix. Compare the NotBefore and Expires quoted with the token's claims and the clock, then read the API's LifetimeValidator: a fresh token only helps if it passes that rule.",
        "TokenValidationParameters.LifetimeValidator", "https://learn.microsoft.com/en-us/dotnet/api/microsoft.identitymodel.tokens.tokenvalidationparameters.lifetimevalidator",
        "`error_description=\"The token lifetime is invalid; NotBefore: '01/05/2026 08:00:00', Expires: '01/05/2026 09:00:00'\"`.";
    ASPNET_ISSUER_INVALID = "aspnet_issuer_invalid", Error,
        "The API (ASP.NET Core) does not accept the token's issuer.",
        "The token comes from another tenant or token version than the API expects. Entra v1.0 tokens are issued by `https://sts.windows.net/<tenant>/`, v2.0 tokens by `https://login.microsoftonline.com/<tenant>/v2.0`: set `accessTokenAcceptedVersion` to 2 in the API's app manifest, or list both issuers in ValidIssuers.",
        "Microsoft identity platform access tokens", "https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens",
        "`error_description=\"The issuer 'https://sts.windows.net/72f9…/' is invalid\"`.";
    ASPNET_SIGNATURE_INVALID = "aspnet_signature_invalid", Error,
        "The API (ASP.NET Core) cannot verify the token's signature.",
        "The token was signed with a key the API does not trust: it comes from another authority or tenant than the API's Authority, or it is a Microsoft Graph token (its header has a nonce), which only Graph can verify. Request a token for this API from the authority the API is configured with.",
        "Microsoft identity platform access tokens", "https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens",
        "`error_description=\"The signature key was not found\"`.";
    GOOGLE_UNAUTHENTICATED = "google_unauthenticated", Error,
        "Google rejected the credentials (UNAUTHENTICATED).",
        "Send a valid OAuth 2.0 access token (`ya29.…`) as `Authorization: Bearer`. Google access tokens live one hour: refresh them. An ID token, an API key or a token from another project's client does not authenticate API calls.",
        "Google API errors", "https://cloud.google.com/apis/design/errors",
        "`{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials…\",\"status\":\"UNAUTHENTICATED\"}}`.";
    GOOGLE_SCOPE_INSUFFICIENT = "google_scope_insufficient", Error,
        "Google: the access token lacks a scope this API needs.",
        "Request the scope when the token is obtained (the consent screen must list it, and the user must consent again), or pass the scopes when building service-account credentials. Enabling the API in the console does not add scopes to existing tokens.",
        "Google OAuth 2.0 scopes", "https://developers.google.com/identity/protocols/oauth2/scopes",
        "403 `{\"error\":{\"status\":\"PERMISSION_DENIED\",\"details\":[{\"reason\":\"ACCESS_TOKEN_SCOPE_INSUFFICIENT\"}]}}`.";
    GOOGLE_PERMISSION_DENIED = "google_permission_denied", Error,
        "Google: the caller is authenticated but not allowed (PERMISSION_DENIED).",
        "Grant the calling user or service account an IAM role with the needed permission on this resource, check that the resource's project is the one you meant, and that the API is enabled in the project the credentials belong to.",
        "Google API errors", "https://cloud.google.com/apis/design/errors",
        "403 `{\"error\":{\"message\":\"Permission 'storage.objects.get' denied…\",\"status\":\"PERMISSION_DENIED\"}}`.";
    AWS_MISSING_AUTHENTICATION_TOKEN = "aws_missing_authentication_token", Error,
        "AWS API Gateway found no route or no authentication (Missing Authentication Token).",
        "Despite its name this usually means the path or method does not exist in the deployed stage: check the stage in the URL (`…/prod/…`), the resource path, the method, and that the API was redeployed after the change. Only on routes with IAM authorization does it mean the request needs a SigV4 signature.",
        "AWS re:Post: API Gateway Missing Authentication Token", "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors",
        "403 `{\"message\":\"Missing Authentication Token\"}` with `x-amzn-ErrorType: MissingAuthenticationTokenException`.";
    AWS_UNAUTHORIZED = "aws_unauthorized", Error,
        "AWS API Gateway's authorizer rejected the token (UnauthorizedException).",
        "Send the token in the header the authorizer reads (its identity source, Authorization by default). A Cognito user pool authorizer without OAuth scopes wants the ID token; with scopes, the access token. A Lambda authorizer answered \"Unauthorized\"; a JWT authorizer (HTTP API) checks issuer and audience.",
        "API Gateway gateway responses", "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
        "401 `{\"message\":\"Unauthorized\"}` with `x-amzn-ErrorType: UnauthorizedException`.";
    AWS_ACCESS_DENIED = "aws_access_denied", Error,
        "AWS denied the call by policy (AccessDeniedException).",
        "A Lambda authorizer returned Deny (its cached policy may cover only the first method it saw: use a wildcard resource or disable caching), or an IAM or resource policy does not allow execute-api:Invoke for this caller.",
        "API Gateway gateway responses", "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
        "403 `{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}`.";
    AWS_INCOMPLETE_SIGNATURE = "aws_incomplete_signature", Error,
        "AWS expected a SigV4 signature in the Authorization header and found something else (IncompleteSignatureException).",
        "The route uses IAM authorization, or does not exist (API Gateway answers this for unknown routes when an Authorization header is present). Sign the request with SigV4, or fix the path and stage; a Bearer token is not a SigV4 signature.",
        "AWS SigV4 troubleshooting", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
        "`'Bearer eyJ…' not a valid key=value pair (missing equal-sign) in Authorization header`.";
    AWS_INVALID_SIGNATURE = "aws_invalid_signature", Error,
        "AWS computed a different SigV4 signature (InvalidSignatureException).",
        "Check the secret access key, the region and service in the credential scope (execute-api for API Gateway), that path, query and headers are not changed after signing (by a proxy or a client that re-encodes them), and the clock.",
        "AWS SigV4 troubleshooting", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
        "`The request signature we calculated does not match the signature you provided.`";
    AWS_REQUEST_TIME_SKEWED = "aws_request_time_skewed", Error,
        "AWS says the request's time is too far from its own clock.",
        "A SigV4 signature is valid for 5 minutes around the X-Amz-Date it signs (15 for some services): this machine's clock is off, the request was signed long before it was sent (a retry queue, a cached signed request), or a container's clock drifted. Synchronise the clock (NTP, `timedatectl`), sign just before sending, and never reuse a signed request.",
        "AWS SigV4 troubleshooting", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
        "S3 `<Code>RequestTimeTooSkewed</Code>`, or `Signature expired: 20260105T100000Z is now earlier than …`.";
    AWS_INVALID_ACCESS_KEY = "aws_invalid_access_key", Error,
        "AWS does not know the access key the request was signed with.",
        "The access key ID is wrong, deleted or deactivated, or belongs to another partition (China, GovCloud); or temporary credentials were sent without their session token (`X-Amz-Security-Token`), or with another key's. Check which credentials the SDK picked (`aws sts get-caller-identity`; environment variables win over `~/.aws/credentials`), and send the session token with temporary keys.",
        "AWS STS errors; S3 error responses", "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
        "`InvalidClientTokenId: The security token included in the request is invalid.`, S3 `InvalidAccessKeyId`.";
    AWS_TOKEN_EXPIRED = "aws_token_expired", Error,
        "AWS says the token or temporary credentials have expired.",
        "Refresh the Cognito tokens with the refresh token (ID and access tokens last one hour by default), or get new temporary credentials from STS; the SDKs refresh them only when built with a credentials provider.",
        "API Gateway gateway responses", "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
        "401 `{\"message\":\"The incoming token has expired\"}`.";
    GITHUB_SAML_SSO_REQUIRED = "github_saml_sso_required", Error,
        "GitHub: the token is not authorized for this organization's SAML single sign-on.",
        "Open the URL from the X-GitHub-SSO header while signed in to GitHub and authorize the token, or go to Settings > Developer settings > Personal access tokens > Configure SSO > Authorize for the organization.",
        "GitHub: authorizing a token for SAML SSO", "https://docs.github.com/en/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on",
        "403 with `X-GitHub-SSO: required; url=https://github.com/orgs/acme/sso?authorization_request=…`.";
    GITHUB_BAD_CREDENTIALS = "github_bad_credentials", Error,
        "GitHub does not recognise the token (Bad credentials).",
        "The token was revoked, regenerated, expired, or is for another host (a GitHub Enterprise Server token on api.github.com, or the reverse). GitHub also revokes tokens it finds pushed to public repositories. Create a new token and send it as `Authorization: Bearer <token>`.",
        "GitHub REST API troubleshooting", "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api",
        "401 `{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}`.";
    GITHUB_SCOPES_MISSING = "github_scopes_missing", Error,
        "GitHub: the token has none of the OAuth scopes this endpoint accepts.",
        "Add one of the accepted scopes: edit a classic personal access token under Settings > Developer settings, or request the scope in the OAuth app's authorization URL and have the user authorize again.",
        "GitHub scopes for OAuth apps", "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps",
        "`X-Accepted-OAuth-Scopes: admin:org` and `X-OAuth-Scopes: repo, user` on a 403.";
    GITHUB_NOT_FOUND_MAY_BE_FORBIDDEN = "github_not_found_may_be_forbidden", Warning,
        "GitHub answered 404, which is also how it hides resources the token may not see.",
        "Check the owner and repository spelling, then access: that the token was sent, that a fine-grained token includes this repository and was approved by the organization, that a classic token has the repo scope, and SAML SSO authorization.",
        "GitHub REST API troubleshooting", "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api",
        "404 `{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\"}`.";
    STRIPE_INVALID_API_KEY = "stripe_invalid_api_key", Error,
        "Stripe does not accept the API key.",
        "Use a current secret key (`sk_…`) or restricted key (`rk_…`) from the Dashboard's API keys page of the right account: keys that were rolled or deleted stop working, and a publishable key (`pk_…`) cannot call the API from a server. Send it as `Authorization: Bearer <key>`.",
        "Stripe API keys", "https://docs.stripe.com/keys",
        "401 `{\"error\":{\"message\":\"Invalid API Key provided: sk_test_****1234\",\"type\":\"invalid_request_error\"}}`.";
    STRIPE_TEST_LIVE_MISMATCH = "stripe_test_live_mismatch", Error,
        "Stripe: the object exists in the other mode (test vs live) than the key's.",
        "Test-mode objects are visible only to test keys (`sk_test_`), live objects only to live keys (`sk_live_`). Use the key of the mode the object was created in, or recreate the object in this mode.",
        "Stripe API keys: test and live modes", "https://docs.stripe.com/keys#test-live-modes",
        "`No such customer: 'cus_…'; a similar object exists in test mode, but a live mode key was used to make this request.`";
    STRIPE_RESTRICTED_KEY_PERMISSION = "stripe_restricted_key_permission", Error,
        "Stripe: the restricted key lacks a permission this endpoint needs.",
        "Edit the restricted key in the Dashboard (Developers > API keys) and grant the permission the evidence names, or use a key that has it.",
        "Stripe restricted API keys", "https://docs.stripe.com/keys#limit-access",
        "403 `The provided key 'rk_test_…' does not have the required permissions for this endpoint… Having the 'rak_charge_write' permission would allow this request to continue.`";
    SLACK_INVALID_AUTH = "slack_invalid_auth", Error,
        "Slack does not accept the token (invalid_auth), though the HTTP status is 200.",
        "The token is wrong, from another workspace, or used from an IP address the workspace does not allow. Copy the Bot or User OAuth Token again from the app's OAuth & Permissions page and check it with auth.test.",
        "Slack auth.test", "https://api.slack.com/methods/auth.test",
        "HTTP 200 `{\"ok\":false,\"error\":\"invalid_auth\"}`.";
    SLACK_NOT_AUTHED = "slack_not_authed", Error,
        "Slack received no token (not_authed), though the HTTP status is 200.",
        "Send the token as `Authorization: Bearer xoxb-…` (with JSON bodies the header is the only place Slack reads it), or as a `token` form field with form bodies.",
        "Slack auth.test", "https://api.slack.com/methods/auth.test",
        "HTTP 200 `{\"ok\":false,\"error\":\"not_authed\"}`.";
    SLACK_TOKEN_REVOKED = "slack_token_revoked", Error,
        "Slack: the token has been revoked (token_revoked).",
        "The app was uninstalled, the token was revoked, or the user who installed it left. Reinstall the app to the workspace and use the new token.",
        "Slack auth.test", "https://api.slack.com/methods/auth.test",
        "HTTP 200 `{\"ok\":false,\"error\":\"token_revoked\"}`.";
    SLACK_TOKEN_EXPIRED = "slack_token_expired", Error,
        "Slack: the token has expired (token_expired); the app uses token rotation.",
        "With token rotation, access tokens last 12 hours: call oauth.v2.access with grant_type=refresh_token and the refresh token (`xoxe-…`), and store both new tokens.",
        "Slack token rotation", "https://api.slack.com/authentication/rotation",
        "HTTP 200 `{\"ok\":false,\"error\":\"token_expired\"}`.";
    SLACK_ACCOUNT_INACTIVE = "slack_account_inactive", Error,
        "Slack: the token belongs to a deactivated user or workspace (account_inactive).",
        "The user who owns the token was deactivated or the workspace was deleted. Reinstall the app as an active user, or use the bot token.",
        "Slack auth.test", "https://api.slack.com/methods/auth.test",
        "HTTP 200 `{\"ok\":false,\"error\":\"account_inactive\"}`.";
    SLACK_MISSING_SCOPE = "slack_missing_scope", Error,
        "Slack: the token lacks the scope this method needs (missing_scope).",
        "Add the scope named in `needed` under OAuth & Permissions, then reinstall the app to the workspace: existing tokens do not gain new scopes until then.",
        "Slack scopes", "https://api.slack.com/scopes",
        "HTTP 200 `{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\",\"provided\":\"channels:read\"}`.";
    KEYCLOAK_ISSUER_MISMATCH = "keycloak_issuer_mismatch", Error,
        "Keycloak: the token was issued under another URL than the one the server validates against.",
        "The iss claim is the Keycloak URL the token was requested from. Request tokens from the same URL the API uses (not localhost in one place and a Docker service name in the other), or give Keycloak one fixed public hostname (the `hostname` option) so both agree.",
        "Keycloak: configuring the hostname", "https://www.keycloak.org/server/hostname",
        "`Invalid token issuer. Expected 'http://keycloak:8080/realms/demo', but was 'http://localhost:8080/realms/demo'`.";
    AZURE_STORAGE_AUTH_FAILED = "azure_storage_auth_failed", Error,
        "Azure Storage could not authenticate the request (AuthenticationFailed).",
        "Read AuthenticationErrorDetail. \"Signature did not match\" or \"The MAC signature found in the HTTP request … is not the same as any computed signature\": the string-to-sign differs (a header, the canonicalized resource, the x-ms-date or x-ms-version, an account key of another account or a rotated one; for a SAS, a parameter changed or re-encoded after signing). \"Signed expiry time … has to be after signed start time\" or \"Signature not valid in the specified time frame\": the SAS's st/se window does not include now (a clock, a time zone, an expired SAS): create a new SAS with a start a few minutes in the past.",
        "Azure Storage: authorize with Shared Key; create a service SAS", "https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key",
        "403 `<Code>AuthenticationFailed</Code>` with `<AuthenticationErrorDetail>Signature did not match. String to sign used was …`.";
    SALESFORCE_INVALID_SESSION = "salesforce_invalid_session", Error,
        "Salesforce: the session ID or access token is not valid (INVALID_SESSION_ID).",
        "The access token expired (the org's session timeout), was revoked, was issued for another org or My Domain than the instance URL called, or is a session the REST API does not accept (a Lightning session, a connected app without the `api` scope). Get a new token with the refresh token and call the instance_url returned with it.",
        "Salesforce REST API status codes and error responses", "https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm",
        "401 `[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]`.";
    ATLASSIAN_BASIC_AUTH_REFUSED = "atlassian_basic_auth_refused", Error,
        "Jira or Confluence refused the Basic login.",
        "Atlassian Cloud takes Basic auth only as your account e-mail with an API token as the password (id.atlassian.com → Security → API tokens), never the account password; `X-Seraph-LoginReason: AUTHENTICATED_FAILED` means that pair was wrong. On Data Center, `AUTHENTICATION_DENIED` with `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE` means too many failed logins: log in once in the browser to answer the CAPTCHA, or use a personal access token (Bearer).",
        "Atlassian: basic auth for REST APIs", "https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/",
        "`X-Seraph-LoginReason: AUTHENTICATED_FAILED`, or `Basic auth with password is not allowed on this instance`.";
    KONG_JWT_KEY_CLAIM_MISSING = "kong_jwt_key_claim_missing", Error,
        "Kong's jwt plugin found no claim naming the consumer's credential (iss by default).",
        "Kong does not verify a JWT against an issuer's keys: it looks up a consumer's jwt credential by the value of one claim, config.key_claim_name (`iss` unless set otherwise), in the token's payload or header. Mint the token with that claim equal to the credential's `key` (`GET /consumers/{consumer}/jwt` lists it); for tokens from an outside identity provider, create the credential with key = the provider's issuer, or set key_claim_name to a claim its tokens carry (`kid`, say).",
        "Kong JWT plugin", "https://developer.konghq.com/plugins/jwt/",
        "401 `{\"message\":\"No mandatory 'iss' in claims\"}` from `Server: kong/3.5.0`.";
    KONG_JWT_CREDENTIAL_NOT_FOUND = "kong_jwt_credential_not_found", Error,
        "Kong has no jwt credential whose key equals the token's iss (or configured claim).",
        "Kong's jwt plugin finds the consumer by matching the token's key claim (config.key_claim_name, `iss` by default) with the `key` of a jwt credential, exactly: `https://tenant.auth0.com/` is not `https://tenant.auth0.com`. Compare the claim's value below with `GET /consumers/{consumer}/jwt` (in Kubernetes, the credential secret's `key`), and check that the credential was created in the workspace or declarative config Kong is running.",
        "Kong JWT plugin", "https://developer.konghq.com/plugins/jwt/",
        "401 (403 before Kong 2.x) `{\"message\":\"No credentials found for given 'iss'\"}`.";
    AUTH_PROXY_LOGIN_REQUIRED = "auth_proxy_login_required", Error,
        "A login proxy in front of the API refused the request before the API saw it.",
        "An authenticating proxy (Cloudflare Access, oauth2-proxy, nginx auth_request, an AWS load balancer with OIDC) guards this URL and wants its own login: a browser session cookie, or for scripts its own credentials (Cloudflare Access service token headers, a bearer token the proxy is configured to accept). Unless the proxy is set up to check or pass on bearer tokens, the API's token alone does not get through; where it is (auth_request, oauth2-proxy's bearer pass-through), the token itself may have been refused: check it as for any 401. Call the API behind the proxy directly where allowed, or give the script the proxy's credentials.",
        "Cloudflare Access service tokens; oauth2-proxy", "https://developers.cloudflare.com/cloudflare-one/identity/service-tokens/",
        "302 to `https://<team>.cloudflareaccess.com/cdn-cgi/access/login/…`, or nginx's own `401 Authorization Required` page with no WWW-Authenticate.";
    API_KEY_REJECTED = "api_key_rejected", Error,
        "The API refused the API key it was given.",
        "The key reached the API and is not one it accepts: copied wrong (a character short, a space or newline), deleted or rotated, from another project, organization or environment, or sent in a place the API does not read it. The finding names the vendor, where its key goes and what it looks like.",
        "RFC 9110 §15.5.2; each vendor's API reference", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        "OpenAI `{\"error\":{\"code\":\"invalid_api_key\",…}}`, Anthropic `authentication_error` `invalid x-api-key`, Twilio 20003, Azure API Management `invalid subscription key`.";
    API_KEY_NOT_ENTITLED = "api_key_not_entitled", Error,
        "The API key is known, but not allowed for this API, resource or caller.",
        "The key itself is fine; what it is attached to does not cover this call: the gateway app's API products (Apigee: the product must list this environment and a resource path matching the request), the subscription's product (Azure API Management), or the key's own restrictions (Google: API restrictions, HTTP referrers, IP addresses, Android or iOS apps). Add this API, path, environment or caller to what the key allows, or use a key that has it. A new key with the same restrictions fails the same way.",
        "Google Cloud: API key restrictions", "https://cloud.google.com/docs/authentication/api-keys#adding-api-restrictions",
        "401 `{\"fault\":{\"faultstring\":\"Invalid ApiKey for given resource\",\"detail\":{\"errorcode\":\"oauth.v2.InvalidApiKeyForGivenResource\"}}}`, or Google 403 `API_KEY_HTTP_REFERRER_BLOCKED`.";
    API_KEY_MISSING = "api_key_missing", Error,
        "The API wants an API key the request does not carry.",
        "The API (or the gateway in front of it) reads its key from one header or query parameter, and the request has none there, whatever else it sends (a Bearer token is not the key). The finding names where this vendor's key goes.",
        "RFC 9110 §15.5.2; each vendor's API reference", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        "Supabase `{\"message\":\"No API key found in request\"}`, Azure API Management `Access denied due to missing subscription key`.";
}
