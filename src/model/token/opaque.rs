//! Recognising opaque (non-JWT) credentials by their vendor prefix.

/// What a prefix tells about a credential. Prefixes are public, documented formats.
#[derive(Debug, PartialEq, Eq)]
pub struct OpaqueKind {
    pub prefix: &'static str,
    pub vendor: &'static str,
    pub what: &'static str,
    /// How the vendor expects it to be sent, and the trap people fall into with it.
    pub note: &'static str,
    /// False when this kind of credential is never accepted as `Authorization: Bearer` on an API.
    pub usable_as_access_token: bool,
}

const fn kind(
    prefix: &'static str,
    vendor: &'static str,
    what: &'static str,
    note: &'static str,
    usable_as_access_token: bool,
) -> OpaqueKind {
    OpaqueKind { prefix, vendor, what, note, usable_as_access_token }
}

/// Longest prefixes first where one is a prefix of another (`sk_live_` before `sk-`).
pub const KNOWN: &[OpaqueKind] = &[
    kind("github_pat_", "GitHub", "fine-grained personal access token",
        "Send as `Authorization: Bearer`. Its repository and permission selection is fixed at creation; a 404 often means the token was not granted that repository, and a 403 with `X-GitHub-SSO` means the organisation requires SAML SSO authorisation for it.", true),
    kind("ghp_", "GitHub", "classic personal access token",
        "Send as `Authorization: Bearer` (or `token`). GitHub lists its scopes in the `X-OAuth-Scopes` response header and the scopes an endpoint needs in `X-Accepted-OAuth-Scopes`.", true),
    kind("gho_", "GitHub", "OAuth app user access token",
        "Send as `Authorization: Bearer`. Scopes come back in `X-OAuth-Scopes`; the user can revoke the app at any time.", true),
    kind("ghu_", "GitHub", "GitHub App user access token",
        "Expires after 8 hours when token expiration is enabled; renew it with the matching `ghr_` refresh token.", true),
    kind("ghs_", "GitHub", "GitHub App installation access token",
        "Expires 1 hour after it was created; request a new one with the app's JWT.", true),
    kind("ghr_", "GitHub", "GitHub App refresh token",
        "A refresh token is not accepted by the API: exchange it at https://github.com/login/oauth/access_token for a new `ghu_` token.", false),
    kind("glpat-", "GitLab", "personal access token",
        "Send as `PRIVATE-TOKEN: <token>` or `Authorization: Bearer`. Personal access tokens expire (at most one year) and carry fixed scopes such as `api` or `read_api`.", true),
    kind("sk_live_", "Stripe", "live-mode secret key",
        "Live keys see only live-mode objects: an id created in test mode gives 'a similar object exists in test mode, but a live mode key was used'.", true),
    kind("sk_test_", "Stripe", "test-mode secret key",
        "Test keys see only test-mode objects: an id created in live mode is 'not found' with a test key.", true),
    kind("rk_live_", "Stripe", "live-mode restricted key",
        "Restricted keys carry per-resource permissions: a 403 or 401 may mean this key lacks the resource, not that it is invalid.", true),
    kind("rk_test_", "Stripe", "test-mode restricted key",
        "Restricted keys carry per-resource permissions: a 403 or 401 may mean this key lacks the resource, not that it is invalid.", true),
    kind("pk_live_", "Stripe", "live-mode publishable key",
        "A publishable key is for Stripe.js in the browser only; the API rejects it for server calls. Use the `sk_` secret key on your server.", false),
    kind("pk_test_", "Stripe", "test-mode publishable key",
        "A publishable key is for Stripe.js in the browser only; the API rejects it for server calls. Use the `sk_` secret key on your server.", false),
    kind("xoxb-", "Slack", "bot token",
        "Slack reports auth failures as HTTP 200 with `{\"ok\":false,\"error\":\"invalid_auth\"}` or `not_authed`, never as 401.", true),
    kind("xoxp-", "Slack", "user token",
        "Slack reports auth failures as HTTP 200 with `{\"ok\":false,\"error\":\"invalid_auth\"}`; a missing scope is `missing_scope` with the `needed` scope named.", true),
    kind("xoxe.", "Slack", "rotating (expiring) token",
        "With token rotation on, access tokens expire after 12 hours; refresh them with the `xoxe-` refresh token.", true),
    kind("xoxe-", "Slack", "refresh token for token rotation",
        "A refresh token is not accepted by the Web API: exchange it with `oauth.v2.access` (grant_type=refresh_token).", false),
    kind("xoxa-", "Slack", "app-level or workspace token",
        "Slack reports auth failures as HTTP 200 with `{\"ok\":false,\"error\":\"invalid_auth\"}`.", true),
    kind("xapp-", "Slack", "app-level token",
        "App-level tokens work only for Socket Mode and a few app-level methods, not for the Web API in general.", true),
    kind("ya29.", "Google", "OAuth 2.0 access token",
        "Usually valid for 1 hour. Google answers an expired or revoked one with 401 `\"status\": \"UNAUTHENTICATED\"`, and a missing scope with 403 `ACCESS_TOKEN_SCOPE_INSUFFICIENT`.", true),
    kind("AKIA", "AWS", "long-term access key ID",
        "An access key ID is not a bearer token: AWS APIs authenticate with Signature Version 4, computed from this id and its secret key. An `Authorization: Bearer` header with it is always rejected.", false),
    kind("ASIA", "AWS", "temporary (STS) access key ID",
        "An access key ID is not a bearer token: sign requests with Signature Version 4 using it, its secret and the session token.", false),
    kind("npm_", "npm", "access token",
        "Used as `_authToken` in .npmrc or `Authorization: Bearer` against the registry; granular tokens expire and are limited to chosen packages.", true),
    kind("sk-ant-", "Anthropic", "API key",
        "Send as the `x-api-key` header, not `Authorization: Bearer`.", true),
    kind("sk-", "OpenAI-style", "API key",
        "Send as `Authorization: Bearer`. Project keys (`sk-proj-`) work only for their project.", true),
];

pub fn recognise(token: &str) -> Option<&'static OpaqueKind> {
    KNOWN.iter().find(|k| token.starts_with(k.prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_vendor_prefix() {
        let cases = [
            ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub", "classic personal access token"),
            ("github_pat_11ABCDEFG0abcdefghijkl", "GitHub", "fine-grained personal access token"),
            ("gho_x", "GitHub", "OAuth app user access token"),
            ("ghu_x", "GitHub", "GitHub App user access token"),
            ("ghs_x", "GitHub", "GitHub App installation access token"),
            ("ghr_x", "GitHub", "GitHub App refresh token"),
            ("glpat-xxxxxxxxxxxxxxxxxxxx", "GitLab", "personal access token"),
            ("sk_live_abc", "Stripe", "live-mode secret key"),
            ("sk_test_abc", "Stripe", "test-mode secret key"),
            ("rk_live_abc", "Stripe", "live-mode restricted key"),
            ("pk_test_abc", "Stripe", "test-mode publishable key"),
            ("xoxb-123-456-abc", "Slack", "bot token"),
            ("xoxp-123-456-abc", "Slack", "user token"),
            ("ya29.a0AfH6SMBx", "Google", "OAuth 2.0 access token"),
            ("AKIAIOSFODNN7EXAMPLE", "AWS", "long-term access key ID"),
            ("npm_abcdef", "npm", "access token"),
            ("sk-proj-abc", "OpenAI-style", "API key"),
            ("sk-ant-api03-abc", "Anthropic", "API key"),
        ];
        for (token, vendor, what) in cases {
            let k = recognise(token).unwrap_or_else(|| panic!("{token} not recognised"));
            assert_eq!((k.vendor, k.what), (vendor, what), "{token}");
        }
    }

    #[test]
    fn near_misses_are_not_recognised() {
        for token in ["ghx_abc", "gh_abc", "sk_abc", "pk_abc", "xoxz", "eyJhbGciOiJIUzI1NiJ9", "akia1234", "ya29"] {
            assert_eq!(recognise(token), None, "{token}");
        }
    }

    #[test]
    fn refresh_and_publishable_keys_are_not_access_tokens() {
        for token in ["ghr_x", "pk_live_x", "AKIAIOSFODNN7EXAMPLE", "xoxe-1-abc"] {
            assert!(!recognise(token).unwrap().usable_as_access_token, "{token}");
        }
    }
}
