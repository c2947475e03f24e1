//! The vendor findings: each fires on a response as the vendor sends it and stays silent on a
//! near miss (the same vendor saying something else, or a lookalike from another server). The
//! table is `common::tables::vendor`, which `findings_docs` also runs.

mod common;

use common::tables::{self, vendor::*};
use why401::model::diagnosis::vendor_rules::findings;
use why401::model::findings::Finding;
use why401::model::response::Response;

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::vendor::outcomes());
}

#[test]
fn ordinary_responses_have_no_vendor_findings() {
    let quiet = [
        raw("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\":1}"),
        raw("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"\n\n"),
        raw("HTTP/1.1 401 Unauthorized\nContent-Type: text/html\n\n<h1>401 Authorization Required</h1>"),
        json("500 Internal Server Error", r#"{"error":"server_error"}"#),
        json("400 Bad Request", r#"[{"error":"invalid_grant"}]"#),
    ];
    for r in quiet {
        assert_eq!(codes(&r), Vec::<&str>::new(), "{r:?}");
    }
}

fn one(r: &Response, code: &str) -> Finding {
    findings(r).into_iter().find(|f| f.code() == code).unwrap_or_else(|| panic!("{code} in {:?}", codes(r)))
}

#[test]
fn entra_evidence_quotes_the_message_without_the_trace_tail() {
    let r = entra(700082, "invalid_grant", "The refresh token has expired due to inactivity.");
    assert_eq!(codes(&r), ["entra_refresh_token_expired"]);
    let f = one(&r, "entra_refresh_token_expired");
    assert_eq!(
        f.evidence,
        "AADSTS700082 (HTTP 400, error \"invalid_grant\"): \"The refresh token has expired due to inactivity.\". Correlation ID: 9a8b7c6d-5e4f. Trace ID: 0d1c4b6e-1f2a."
    );
    let f = one(
        &entra(
            500011,
            "invalid_resource",
            "The resource principal named api://orders was not found in the tenant named Contoso.",
        ),
        "entra_resource_not_found",
    );
    assert!(f.fix.starts_with("No API in this tenant is known as 'api://orders'."), "{}", f.fix);
    let f = one(&entra(50076, "interaction_required", "MFA."), "entra_error");
    assert!(f.fix.contains("https://login.microsoftonline.com/error?code=50076"), "{}", f.fix);
    // Two revocation codes in one response are one finding.
    let both = json(
        "400 Bad Request",
        r#"{"error":"invalid_grant","error_description":"AADSTS50173: revoked. AADSTS50133: session invalid.","error_codes":[50173,50133]}"#,
    );
    assert_eq!(codes(&both), ["entra_grant_revoked"]);
}

#[test]
fn jwt_bearer_evidence_names_the_value_and_the_fix_fits_it() {
    let f = one(
        &challenge(
            "401 Unauthorized",
            r#"Bearer error="invalid_token", error_description="The audience 'api://orders' is invalid""#,
        ),
        "aspnet_audience_invalid",
    );
    assert!(f.evidence.ends_with("the token's aud is 'api://orders'."), "{}", f.evidence);
    assert_eq!(f.claim.as_deref(), Some("aud"));
    let graph = one(
        &challenge(
            "401 Unauthorized",
            r#"Bearer error="invalid_token", error_description="The audience '00000003-0000-0000-c000-000000000000' is invalid""#,
        ),
        "aspnet_audience_invalid",
    );
    assert!(graph.fix.starts_with("This is a Microsoft Graph token."), "{}", graph.fix);
    let v1 = one(
        &challenge(
            "401 Unauthorized",
            r#"Bearer error="invalid_token", error_description="The issuer 'https://sts.windows.net/72f9/' is invalid""#,
        ),
        "aspnet_issuer_invalid",
    );
    assert!(v1.fix.contains("accessTokenAcceptedVersion"), "{}", v1.fix);
    let expired = one(
        &challenge(
            "401 Unauthorized",
            r#"Bearer error="invalid_token", error_description="The token expired at '01/05/2026 09:00:00'""#,
        ),
        "aspnet_token_expired",
    );
    assert!(expired.evidence.ends_with("it expired at 01/05/2026 09:00:00 (server time)."), "{}", expired.evidence);
}

#[test]
fn token_endpoint_evidence_uses_what_was_sent() {
    // curl -v shows the request: JSON to a token endpoint, and client credentials in the header.
    let trace = "> POST /oauth2/token HTTP/1.1\n> Host: idp.example.com\n> Authorization: Basic Y2xpZW50OnNlY3JldA==\n> Content-Type: application/json\n>\n< HTTP/1.1 400 Bad Request\n< Content-Type: application/json\n<\n{\"error\":\"unsupported_grant_type\"}\n";
    let f = one(&raw(trace), "oauth_unsupported_grant_type");
    assert!(f.evidence.ends_with("The request was sent with Content-Type: application/json."), "{}", f.evidence);
    assert!(f.fix.contains("`data=` instead of `json=`"), "{}", f.fix);
    let trace = trace.replace("unsupported_grant_type", "invalid_client");
    let f = one(&raw(&trace), "oauth_invalid_client");
    assert!(
        f.evidence.contains(
            "RFC 6749 §5.2 requires 401 with WWW-Authenticate; this server answered 400 without WWW-Authenticate."
        ),
        "{}",
        f.evidence
    );
    // Without the request shown, nothing is claimed about it.
    let f = one(&json("400 Bad Request", r#"{"error":"invalid_client"}"#), "oauth_invalid_client");
    assert_eq!(f.evidence, "HTTP 400: error \"invalid_client\".");
    let f = one(
        &json("400 Bad Request", r#"{"error":"invalid_grant","error_description":"Incorrect redirect_uri"}"#),
        "oauth_invalid_grant",
    );
    assert!(f.fix.starts_with("The redirect_uri must be exactly"), "{}", f.fix);
}

#[test]
fn github_names_the_sso_url_and_the_missing_scopes() {
    let sso = github(
        "403",
        "x-github-sso: required; url=https://github.com/orgs/acme/sso?authorization_request=A1\n",
        r#"{"message":"Resource protected by organization SAML enforcement."}"#,
    );
    let f = one(&sso, "github_saml_sso_required");
    assert!(
        f.fix.starts_with("Open https://github.com/orgs/acme/sso?authorization_request=A1 while signed in"),
        "{}",
        f.fix
    );
    let scopes =
        github("404", "x-oauth-scopes: public_repo\nx-accepted-oauth-scopes: repo\n", r#"{"message":"Not Found"}"#);
    let f = one(&scopes, "github_scopes_missing");
    assert_eq!(f.evidence, "HTTP 404: X-Accepted-OAuth-Scopes is repo (any one is enough) and X-OAuth-Scopes, what the token has, is public_repo.");
    assert!(f.fix.starts_with("Add the repo scope"), "{}", f.fix);
    let anonymous = raw("> GET /repos/acme/private HTTP/2\n> Host: api.github.com\n>\n< HTTP/2 404 \n< x-github-request-id: C0DE\n<\n{\"message\":\"Not Found\"}");
    assert!(one(&anonymous, "github_not_found_may_be_forbidden").evidence.contains("carried no Authorization header"));
}

#[test]
fn stripe_slack_and_keycloak_name_what_is_missing() {
    let f = one(
        &stripe(
            "403 Forbidden",
            r#"{"error":{"message":"The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_charge_write' permission would allow this request to continue.","type":"invalid_request_error"}}"#,
        ),
        "stripe_restricted_key_permission",
    );
    assert!(f.fix.starts_with("Grant the restricted key the charge_write permission (rak_charge_write)"), "{}", f.fix);
    let reverse = one(
        &stripe(
            "404 Not Found",
            r#"{"error":{"message":"No such price: 'price_1'; a similar object exists in live mode, but a test mode key was used to make this request.","type":"invalid_request_error"}}"#,
        ),
        "stripe_test_live_mismatch",
    );
    assert!(reverse.fix.starts_with("The object is a live one"), "{}", reverse.fix);
    let f = one(
        &slack(r#"{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read"}"#),
        "slack_missing_scope",
    );
    assert!(f.evidence.ends_with("The method needs chat:write; the token has channels:read."), "{}", f.evidence);
    assert!(f.evidence.contains("a client that checks only the status sees success"));
    let f = one(
        &json(
            "401 Unauthorized",
            r#"{"error_description":"Invalid token issuer. Expected 'http://keycloak:8080/realms/demo', but was 'http://localhost:8080/realms/demo'"}"#,
        ),
        "keycloak_issuer_mismatch",
    );
    assert_eq!(f.evidence, "The server expects the issuer 'http://keycloak:8080/realms/demo', but the token's iss is 'http://localhost:8080/realms/demo'.");
    assert!(
        f.fix.starts_with("Same realm, two host names: the token was requested through http://localhost:8080"),
        "{}",
        f.fix
    );
}

#[test]
fn aws_fixes_follow_the_message() {
    let bearer = one(
        &aws(
            "403",
            "IncompleteSignatureException",
            r#"{"message":"'Bearer abc' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc'."}"#,
        ),
        "aws_incomplete_signature",
    );
    assert!(bearer.fix.starts_with("A Bearer token reached API Gateway"), "{}", bearer.fix);
    let clock = one(
        &aws(
            "403",
            "InvalidSignatureException",
            r#"{"message":"Signature expired: 20260105T100000Z is now earlier than 20260105T101000Z (20260105T102500Z - 15 min.)"}"#,
        ),
        "aws_request_time_skewed",
    );
    assert!(clock.fix.contains("clock"), "{}", clock.fix);
    let f = one(
        &aws("403", "MissingAuthenticationTokenException", r#"{"message":"Missing Authentication Token"}"#),
        "aws_missing_authentication_token",
    );
    assert_eq!(
        f.evidence,
        "HTTP 403, x-amzn-ErrorType MissingAuthenticationTokenException: \"Missing Authentication Token\"."
    );
}

/// Auth0's token endpoint says access_denied for what RFC 6749 §5.2 calls invalid_client and
/// unauthorized_client; another access_denied (a user who said no) is neither.
#[test]
fn auth0_access_denied_at_the_token_endpoint() {
    assert_eq!(
        codes(&json("401 Unauthorized", r#"{"error":"access_denied","error_description":"Unauthorized"}"#)),
        ["oauth_invalid_client"]
    );
    assert_eq!(
        codes(&json(
            "403 Forbidden",
            r#"{"error":"access_denied","error_description":"Client is not authorized to access \"https://example.us.auth0.com/api/v2/\"."}"#
        )),
        ["oauth_unauthorized_client"]
    );
    assert!(codes(&json(
        "403 Forbidden",
        r#"{"error":"access_denied","error_description":"The user denied the request"}"#
    ))
    .is_empty());
}

#[test]
fn aspnet_lifetime_quotes_both_times_and_blames_the_issuer_when_nbf_is_after_exp() {
    let said = |nbf: &str, exp: &str| {
        let d = format!("The token lifetime is invalid; NotBefore: '{nbf}', Expires: '{exp}'");
        one(
            &challenge("401 Unauthorized", &format!(r#"Bearer error="invalid_token", error_description="{d}""#)),
            "aspnet_lifetime_invalid",
        )
    };
    let custom = said("01/05/2026 08:00:00", "01/05/2026 09:00:00");
    assert!(
        custom.evidence.ends_with("NotBefore 01/05/2026 08:00:00, Expires 01/05/2026 09:00:00 (UTC, month/day/year)."),
        "{}",
        custom.evidence
    );
    assert!(custom.fix.contains("LifetimeValidator"), "{}", custom.fix);
    let broken = said("01/05/2026 10:00:00", "01/05/2026 09:00:00");
    assert!(
        broken.fix.starts_with("The token's nbf (2026-01-05 10:00:00 UTC) is after its exp (2026-01-05 09:00:00 UTC)"),
        "{}",
        broken.fix
    );
}

#[test]
fn google_key_restrictions_name_which_one_refused() {
    let cases = [
        ("API_KEY_SERVICE_BLOCKED", "Requests to this API gmail.googleapis.com method x are blocked.", "add gmail.googleapis.com under the key's API restrictions"),
        ("API_KEY_IP_ADDRESS_BLOCKED", "The provided API key has an IP address restriction. The originating IP address of the call (203.0.113.7) violates this restriction.", "public address"),
        ("API_KEY_IOS_APP_BLOCKED", "Requests from this iOS client application <empty> are blocked.", "X-Ios-Bundle-Identifier"),
        ("API_KEY_ANDROID_APP_BLOCKED", "Requests from this Android client application <empty> are blocked.", "X-Android-Cert"),
    ];
    for (reason, message, fix) in cases {
        let f = one(&google("403 Forbidden", 403, "PERMISSION_DENIED", reason, message), "api_key_not_entitled");
        assert!(f.fix.contains(fix), "{reason}: {}", f.fix);
        assert!(f.evidence.contains(reason), "{reason}: {}", f.evidence);
    }
}

#[test]
fn google_key_restrictions_read_from_the_message_alone() {
    // The older error shape: no ErrorInfo, no service in metadata; the message names the API.
    let bare = |message: &str| {
        json(
            "403 Forbidden",
            &format!(
                r#"{{"error":{{"code":403,"message":"{message}","errors":[{{"message":"{message}","domain":"global","reason":"forbidden"}}],"status":"PERMISSION_DENIED"}}}}"#
            ),
        )
    };
    let api = one(&bare("Requests to this API translate.googleapis.com method google.cloud.translation.v2.TranslateService.Translate are blocked."), "api_key_not_entitled");
    assert!(api.fix.contains("add translate.googleapis.com under the key's API restrictions"), "{}", api.fix);
    let ip = one(&bare("The provided API key has an IP address restriction. The originating IP address of the call (203.0.113.7) violates this restriction."), "api_key_not_entitled");
    assert!(ip.fix.contains("public address"), "{}", ip.fix);
}

#[test]
fn token_requests_a_browser_may_not_make_are_named() {
    let okta = one(
        &json(
            "401 Unauthorized",
            r#"{"error":"invalid_client","error_description":"Browser requests to the token endpoint must use Proof Key for Code Exchange."}"#,
        ),
        "oauth_invalid_client",
    );
    assert!(
        okta.headline.as_deref().is_some_and(|h| h.starts_with("Okta refuses token requests from a browser")),
        "{okta:?}"
    );
    assert!(okta.fix.contains("the exported curl sends no Origin"), "{}", okta.fix);
    let plain = one(
        &json("401 Unauthorized", r#"{"error":"invalid_client","error_description":"Client authentication failed."}"#),
        "oauth_invalid_client",
    );
    assert_eq!(plain.headline, None);
    let spa = one(
        &entra(
            9002326,
            "invalid_request",
            "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.",
        ),
        "entra_error",
    );
    assert!(spa.fix.starts_with("The request came from a page"), "{}", spa.fix);
    let generic = one(&entra(50076, "interaction_required", "MFA."), "entra_error");
    assert!(generic.fix.contains("login.microsoftonline.com/error?code=50076"), "{}", generic.fix);
}
