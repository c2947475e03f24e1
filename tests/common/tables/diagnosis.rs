//! The diagnosis table of `tests/diagnosis_rules.rs`, and the `In` builder its other tests
//! use: every diagnosis code fires on its case and stays silent on a near miss.

use super::Outcome;
use crate::common::*;
use why401::model::diagnosis::{self, Context, Report};
use why401::model::findings::{CodeInfo, Finding};
use why401::model::request::urlencoded::Piece;
use why401::model::request::{curl, Auth, Body, BodyKind, Method, Request, Row};
use why401::model::response::{Hop, Response, Source};
use why401::model::time::Clock;
use why401::model::token::inspect::{inspect, Inspection};

/// 2026-01-01 12:03:00 UTC: noon, so times a few hours back fall on the same day.
pub const NOW: i64 = 1_767_225_600 + 12 * 3_600 + 180;

/// What a case feeds the engine: any of a request, a response and the token box.
#[derive(Clone, Default)]
pub struct In {
    pub request: Option<Request>,
    pub response: Option<Response>,
    pub token: Option<String>,
    /// What the signature check reported.
    pub signature: Vec<Finding>,
}

impl In {
    pub fn req(method: Method, url: &str) -> In {
        let mut r = Request { method, ..Default::default() };
        r.set_url(url);
        In { request: Some(r), ..Default::default() }
    }

    /// The request a curl command imports to, as the page's Import curl makes it.
    pub fn curl(command: &str) -> In {
        let imported = curl::import(command).unwrap_or_else(|e| panic!("{command}: {e}"));
        In { request: Some(imported.request), ..Default::default() }
    }

    pub fn get(url: &str) -> In {
        In::req(Method::Get, url)
    }

    pub fn api() -> In {
        In::get("https://api.example.com/v1/orders")
    }

    pub fn r(&mut self) -> &mut Request {
        self.request.as_mut().expect("a request")
    }

    pub fn bearer(mut self, token: &str) -> In {
        self.r().auth = Auth::Bearer { token: token.into() };
        self
    }

    pub fn auth(mut self, auth: Auth) -> In {
        self.r().auth = auth;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> In {
        self.r().headers.push(Row::new(name, value));
        self
    }

    pub fn body(mut self, kind: BodyKind, text: &str, fields: &[(&str, &str)]) -> In {
        self.r().body = Body {
            kind,
            text: text.into(),
            form: if kind == BodyKind::Form {
                fields.iter().map(|(n, v)| Piece::new(n, v)).collect()
            } else {
                Vec::new()
            },
            fields: if kind == BodyKind::Multipart {
                fields.iter().map(|(n, v)| Row::new(*n, *v)).collect()
            } else {
                Vec::new()
            },
        };
        self
    }

    /// Gives the request's shell variable `name` a value, as Shell variables does.
    pub fn var(mut self, name: &str, value: &str) -> In {
        let var =
            self.r().variables.iter_mut().find(|v| v.name == name).unwrap_or_else(|| panic!("no variable {name}"));
        var.value = Some(value.into());
        self
    }

    pub fn status(self, status: u16, headers: &[(&str, &str)]) -> In {
        self.answer(status, headers, Source::Pasted)
    }

    pub fn answer(mut self, status: u16, headers: &[(&str, &str)], source: Source) -> In {
        self.response = Some(Response {
            status,
            reason: String::new(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: String::new(),
            source,
            hops: Vec::new(),
            sent_headers: Vec::new(),
        });
        self
    }

    pub fn www(self, status: u16, challenge: &str) -> In {
        self.status(status, &[("WWW-Authenticate", challenge)])
    }

    pub fn resp(&mut self) -> &mut Response {
        self.response.as_mut().expect("a response")
    }

    pub fn hop(mut self, status: u16, method: &str, url: &str, location: &str) -> In {
        self.resp().hops.push(Hop { status, method: method.into(), url: url.into(), location: location.into() });
        self
    }

    pub fn sent(mut self, headers: &[(&str, &str)]) -> In {
        self.resp().sent_headers = headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        self
    }

    pub fn resp_body(mut self, body: &str) -> In {
        self.resp().body = body.into();
        self
    }

    pub fn token(mut self, token: &str) -> In {
        self.token = Some(token.into());
        self
    }

    pub fn signature(mut self, info: &'static CodeInfo, evidence: &str) -> In {
        self.signature.push(Finding::new(info, evidence));
        self
    }

    pub fn report(&self) -> Report {
        let inspection: Option<Inspection> = self.token.as_deref().map(inspect);
        diagnosis::diagnose(&self.context(inspection.as_ref()))
    }

    pub fn context<'a>(&'a self, inspection: Option<&'a Inspection>) -> Context<'a> {
        Context {
            request: self.request.as_ref(),
            response: self.response.as_ref(),
            inspection,
            clock: Clock { now: NOW, leeway: 0 },
            signature: &self.signature,
        }
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.report().ranked.iter().map(|r| r.finding.code()).collect()
    }
}

/// A typed access token for api.example.com, valid for ten more minutes, plus `extra` claims.
pub fn token_with(extra: &str) -> String {
    let comma = if extra.is_empty() { "" } else { "," };
    jwt(&format!(
        r#"{{"iss":"https://login.example.com/","sub":"u1","aud":"https://api.example.com","exp":{},"iat":{},"scope":"orders:read"{comma}{extra}}}"#,
        NOW + 600,
        NOW - 60
    ))
}

pub fn good() -> String {
    token_with("")
}

/// Expired at 10:03 UTC, two hours before NOW.
pub fn expired() -> String {
    jwt(&format!(
        r#"{{"iss":"https://login.example.com/","aud":"https://api.example.com","exp":{},"scope":"orders:read"}}"#,
        NOW - 7_200
    ))
}

pub const RFC6750_NO_AUTH: &str = r#"Bearer realm="example""#;
pub const RFC6750_EXPIRED: &str =
    r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#;
pub const RFC9110_11_6_1: &str = r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;

pub const ORDERS: &str = "https://api.example.com/v1/orders";
pub const LOGIN: &str = "https://api.example.com/v1/login";
pub const SEARCH: &str = "https://api.example.com/v1/search";
pub const TOKEN_URL: &str = "https://login.example.com/oauth/token";

/// `curl -L` with a token to http://, redirected to https:// and refused.
/// A trace of http → https on the same host, after a command with or without `-L` (without it,
/// whatever followed the redirect was not curl, and judged by requests' rule: same host, kept).
pub fn curl_upgrade(follow: bool) -> In {
    curl_upgrade_with(if follow { "-L " } else { "" })
}

/// The same trace after a command with the redirect option `option` (`-L `, `--location-trusted `).
pub fn curl_upgrade_with(option: &str) -> In {
    In::curl(&format!("curl {option}-H 'Authorization: Bearer {}' http://api.example.com/v1/orders", good()))
        .www(401, RFC6750_NO_AUTH)
        .hop(301, "GET", "http://api.example.com/v1/orders", "https://api.example.com/v1/orders")
        .sent(&[("Host", "api.example.com")])
}

/// (code, inputs that fire it, near miss that must not)
pub fn cases() -> Vec<(&'static str, In, In)> {
    let t = good();
    let bearer = In::api().bearer(&t);
    let trace_redirect = |location: &str| {
        In::get("https://example.com/api")
            .bearer(&t)
            .www(401, RFC6750_NO_AUTH)
            .hop(301, "GET", "https://example.com/api", location)
            .sent(&[("Host", "www.example.com")])
    };
    let token_post = |kind: BodyKind, text: &str, fields: &[(&str, &str)]| {
        In::req(Method::Post, "https://login.example.com/oauth/token").body(kind, text, fields)
    };
    let basic = |user: &str, password: &str| Auth::Basic { user: user.into(), password: password.into() };
    vec![
        ("redirect_dropped_authorization", trace_redirect("https://www.example.com/api"), trace_redirect("/api/")),
        ("redirect_dropped_authorization", trace_redirect("https://example.com:8443/api"), trace_redirect("https://example.com:443/api")),
        // The page's own fetch: the browser says only that it was redirected and where it ended.
        ("redirect_dropped_authorization",
            In::get("http://127.0.0.1:8000/redirect").bearer(&t).answer(401, &[], Source::Fetched { cross_origin: true }).hop(0, "", "", "http://localhost:8000/bearer"),
            In::get("http://127.0.0.1:8000/redirect").bearer(&t).answer(401, &[], Source::Fetched { cross_origin: true }).hop(0, "", "", "http://127.0.0.1:8000/bearer"),
        ),
        ("credentials_missing", In::api().www(401, RFC6750_NO_AUTH), bearer.clone().www(401, RFC6750_NO_AUTH)),
        ("credentials_missing", In::api().www(401, RFC9110_11_6_1), In::api().header("X-Api-Key", "k-123456").www(401, RFC9110_11_6_1)),
        ("credentials_missing", In::default().www(401, RFC6750_NO_AUTH).sent(&[("Host", "api.example.com")]), In::default().www(401, RFC6750_NO_AUTH)),
        ("authorization_token_empty", In::api().header("Authorization", "Bearer undefined"), In::api().header("Authorization", &format!("Bearer {t}"))),
        ("authorization_token_empty", In::api().header("Authorization", "Bearer "), In::api().header("Authorization", "Bearer x-real-token-value")),
        ("authorization_scheme_missing", In::api().header("Authorization", &t), In::api().header("Authorization", &format!("Bearer {t}"))),
        ("header_name_in_value", In::api().header("Authorization", &format!("Authorization: Bearer {t}")), In::api().header("Authorization", &format!("Bearer {t}"))),
        ("credentials_sent_twice", In::api().header("Authorization", &format!("Bearer {t}")).header("Authorization", &format!("Bearer {t}")), bearer.clone()),
        // A trace shows what went out: another scheme is a replacement, a shortened value is not.
        ("authorization_replaced", bearer.clone().www(401, RFC6750_NO_AUTH).sent(&[("Authorization", "Basic dXNlcjpwYXNz")]), bearer.clone().www(401, RFC6750_NO_AUTH).sent(&[("Authorization", "Bearer eyJ...")])),
        ("credentials_sent_twice", In::get(&format!("https://api.example.com/v1?access_token={t}")).bearer(&t), In::get("https://api.example.com/v1?page=2").bearer(&t)),
        ("redirect_changed_method",
            token_post(BodyKind::Form, "", &[("grant_type", "client_credentials")]).status(405, &[]).hop(301, "GET", "http://login.example.com/oauth/token", "https://login.example.com/oauth/token"),
            token_post(BodyKind::Form, "", &[("grant_type", "client_credentials")]).status(405, &[]).hop(307, "POST", "http://login.example.com/oauth/token", "https://login.example.com/oauth/token"),
        ),
        ("proxy_auth_required", bearer.clone().status(407, &[("Proxy-Authenticate", r#"Basic realm="corp""#)]), bearer.clone().www(401, r#"Basic realm="corp""#)),
        ("scheme_mismatch", In::api().auth(basic("Mufasa", "Circle of Life")).www(401, r#"Digest realm="api", nonce="n", qop="auth""#), In::api().auth(basic("Mufasa", "Circle of Life")).www(401, r#"Basic realm="api""#)),
        ("scheme_mismatch", bearer.clone().www(401, RFC9110_11_6_1), bearer.clone().www(401, &format!("{RFC9110_11_6_1}, bearer realm=\"apps\""))),
        ("scheme_mismatch", bearer.clone().www(401, r#"DPoP algs="ES256""#), bearer.clone().www(401, r#"DPoP algs="ES256", Bearer"#)),
        ("invalid_token", bearer.clone().www(401, RFC6750_EXPIRED), bearer.clone().www(401, RFC6750_NO_AUTH)),
        // admin:wrongpass, answered with the same Basic challenge; a Bearer challenge says otherwise.
        ("basic_credentials_rejected",
            In::api().header("Authorization", "Basic YWRtaW46d3JvbmdwYXNz").www(401, r#"Basic realm="Restricted""#),
            In::api().header("Authorization", "Basic YWRtaW46d3JvbmdwYXNz").www(401, r#"Bearer realm="api""#)),
        // Refusals only one product writes, recognised by its own headers and words.
        ("azure_storage_auth_failed",
            In::default().status(403, &[("x-ms-error-code", "AuthenticationFailed"), ("x-ms-request-id", "4059")])
                .resp_body("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message><AuthenticationErrorDetail>Signature did not match. String to sign used was r</AuthenticationErrorDetail></Error>"),
            In::default().status(403, &[("x-ms-error-code", "AuthorizationPermissionMismatch"), ("x-ms-request-id", "4059")])
                .resp_body("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>")),
        ("salesforce_invalid_session",
            In::default().status(401, &[("Content-Type", "application/json;charset=UTF-8")]).resp_body(r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#),
            In::default().status(400, &[("Content-Type", "application/json;charset=UTF-8")]).resp_body(r#"[{"message":"No such column","errorCode":"INVALID_FIELD"}]"#)),
        ("atlassian_basic_auth_refused",
            In::default().status(401, &[("X-Seraph-LoginReason", "AUTHENTICATED_FAILED")]).resp_body("Basic Authentication Failure - Reason : AUTHENTICATED_FAILED"),
            In::default().status(401, &[("X-Seraph-LoginReason", "OK")]).resp_body("")),
        // Kong's jwt plugin: the claim that names the credential is missing, or names none.
        ("kong_jwt_key_claim_missing",
            In::api().bearer(&token_with(r#""sub":"alice""#)).status(401, &[("Server", "kong/3.5.0")]).resp_body(r#"{"message":"No mandatory 'iss' in claims"}"#),
            In::api().bearer(&token_with(r#""sub":"alice""#)).status(401, &[("Server", "kong/3.5.0")]).resp_body(r#"{"message":"Unauthorized"}"#)),
        ("kong_jwt_credential_not_found",
            In::api().bearer(&token_with(r#""iss":"https://acme.auth0.com/authorize""#)).status(401, &[("Server", "kong/3.5.0")]).resp_body(r#"{"message":"No credentials found for given 'iss'"}"#),
            In::api().bearer(&token_with(r#""iss":"https://acme.auth0.com/""#)).status(403, &[("Server", "kong/3.5.0")]).resp_body(r#"{"message":"Invalid algorithm"}"#)),
        ("auth_proxy_login_required",
            In::default().status(302, &[("Location", "https://acme.cloudflareaccess.com/cdn-cgi/access/login/api.example.com?redirect_url=%2F")]),
            In::default().status(302, &[("Location", "https://api.example.com/v2/items")])),
        // A vendor's refusal of an API key, the vendor known by the request's host.
        ("api_key_rejected",
            In::get("https://api.openai.com/v1/models").bearer("sk-proj-0000").status(401, &[("Content-Type", "application/json")])
                .resp_body(r#"{"error":{"message":"Incorrect API key provided: sk-proj-****0000.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#),
            In::get("https://api.example.com/v1/models").bearer("sk-proj-0000").status(401, &[("Content-Type", "application/json")])
                .resp_body(r#"{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error"}}"#)),
        ("api_key_missing",
            In::get("https://xyzcompany.supabase.co/rest/v1/posts").status(401, &[("Content-Type", "application/json")])
                .resp_body(r#"{"message":"No API key found in request"}"#),
            In::get("https://api.example.com/rest/v1/posts").status(401, &[("Content-Type", "application/json")])
                .resp_body(r#"{"message":"No API key found in request"}"#)),
        // The server's own words, read for the reason they name (Flask-JWT-Extended, Spring).
        ("token_revoked",
            bearer.clone().status(401, &[("Content-Type", "application/json")]).resp_body(r#"{"msg":"Token has been revoked"}"#),
            bearer.clone().status(401, &[("Content-Type", "application/json")]).resp_body(r#"{"msg":"Token is invalid or revoked"}"#)),
        ("issuer_rejected",
            bearer.clone().www(401, r#"Bearer error="invalid_token", error_description="The iss claim is not valid""#),
            bearer.clone().www(401, r#"Bearer error="invalid_token", error_description="The token is not valid""#)),
        ("insufficient_scope", bearer.clone().www(403, r#"Bearer error="insufficient_scope", scope="orders:write""#), bearer.clone().www(403, r#"Bearer realm="example""#)),
        ("invalid_request", bearer.clone().www(400, r#"Bearer error="invalid_request""#), bearer.clone().status(400, &[])),
        ("credentials_not_received", bearer.clone().www(401, r#"Bearer realm="api""#), bearer.clone().www(401, r#"Bearer realm="api", error="invalid_token""#)),
        ("dpop_token_sent_as_bearer",
            In::api().bearer(&token_with(r#""cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}"#)),
            In::api().header("Authorization", &format!("DPoP {}", token_with(r#""cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}"#))),
        ),
        ("dpop_nonce_required",
            bearer.clone().status(401, &[("WWW-Authenticate", r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#), ("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v")]),
            bearer.clone().www(401, r#"DPoP algs="ES256 PS256""#),
        ),
        ("dpop_nonce_required", token_post(BodyKind::Form, "", &[]).status(400, &[]).resp_body(r#"{"error":"use_dpop_nonce"}"#), token_post(BodyKind::Form, "", &[]).status(400, &[]).resp_body(r#"{"error":"invalid_grant"}"#)),
        ("dpop_proof_invalid", bearer.clone().www(401, r#"DPoP error="invalid_dpop_proof", error_description="Invalid DPoP proof""#), bearer.clone().www(401, r#"DPoP error="use_dpop_nonce""#)),
        ("mtls_bound_token",
            In::api().bearer(&token_with(r#""cnf":{"x5t#S256":"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"}"#)).www(401, RFC6750_NO_AUTH),
            In::api().bearer(&token_with(r#""cnf":{"jkt":"0ZcOCORZNYy"}"#)).www(401, RFC6750_NO_AUTH),
        ),
        ("digest_stale", In::api().www(401, r#"Digest realm="api", nonce="new", qop="auth", stale=true"#), In::api().www(401, r#"Digest realm="api", nonce="new", qop="auth", stale=false"#)),
        ("digest_unsupported", In::api().www(401, r#"Digest realm="api", nonce="n", qop="auth-int""#), In::api().www(401, r#"Digest realm="api", nonce="n", qop="auth, auth-int""#)),
        ("digest_unsupported", In::api().www(401, r#"Digest realm="api", nonce="n", qop="auth", algorithm=SHA-512-256"#), In::api().www(401, r#"Digest realm="api", nonce="n", qop="auth", algorithm=SHA-256"#)),
        ("basic_charset_mismatch",
            In::api().auth(basic("j\u{fc}rgen", "p\u{e4}ssword")).www(401, r#"Basic realm="api", charset="UTF-8""#),
            In::api().auth(basic("jurgen", "passw0rd")).www(401, r#"Basic realm="api", charset="UTF-8""#),
        ),
        ("basic_charset_mismatch", In::api().header("Authorization", "Basic 6TpwYXNzd29yZA==").www(401, r#"Basic realm="api", charset="UTF-8""#), In::api().header("Authorization", "Basic 6TpwYXNzd29yZA==").www(401, r#"Basic realm="api""#)),
        ("token_request_not_form", token_post(BodyKind::Json, r#"{"grant_type":"client_credentials","client_id":"app"}"#, &[]), token_post(BodyKind::Form, "", &[("grant_type", "client_credentials")])),
        // curl's -d labels the JSON a form: the endpoint finds no grant_type at all.
        ("token_request_not_form", In::curl(&format!("curl -d '{{\"grant_type\":\"client_credentials\"}}' {TOKEN_URL}")), In::curl(&format!("curl -d 'grant_type=client_credentials' {TOKEN_URL}"))),
        ("client_secret_not_form_encoded",
            token_post(BodyKind::Form, "", &[("grant_type", "client_credentials")]).auth(basic("app", "s3cr+t/x==")),
            token_post(BodyKind::Form, "", &[("grant_type", "client_credentials")]).auth(basic("app", "s3cr3t-x_y")),
        ),
        // Where the command itself looks wrong (issue 9), on requests as Import curl makes them.
        ("credential_from_variable", In::curl(&format!(r#"curl -H "Authorization: Bearer ${{API_TOKEN}}" {ORDERS}"#)).www(401, RFC6750_NO_AUTH), In::curl(&format!(r#"curl -H "X-Request-Id: $REQ_ID" -H "Authorization: Bearer {t}" {ORDERS}"#)).www(401, RFC6750_NO_AUTH)),
        ("credential_from_variable", In::curl(&format!(r#"curl -u "$CLIENT_ID:$CLIENT_SECRET" {ORDERS}"#)), In::curl(&format!(r#"curl -u 'app:pa$$w0rd$5' {ORDERS}"#))),
        ("credential_from_variable", In::curl(&format!(r#"curl -d "grant_type=client_credentials&client_secret=$CLIENT_SECRET" {TOKEN_URL}"#)), In::curl(&format!(r#"curl -d "grant_type=client_credentials&scope=$SCOPE" {TOKEN_URL}"#))),
        // Single quotes keep `$` as text: a password or key with a `$` in it holds no variable.
        ("credential_from_variable", In::curl(&format!(r#"curl -u "admin:$API_PASSWORD" {ORDERS}"#)).www(401, r#"Basic realm="api""#), In::curl(&format!(r#"curl -u 'admin:pa$w0rd' {ORDERS}"#)).www(401, r#"Basic realm="api""#)),
        ("credential_from_variable", In::curl(&format!(r#"curl -H "X-Api-Key: $API_KEY" {ORDERS}"#)).status(401, &[]), In::curl(&format!(r#"curl -H 'X-Api-Key: k$ecret' {ORDERS}"#)).status(401, &[])),
        // Typed into the composer: no shell; only a credential that is nothing but `$NAME` goes out as that text.
        ("credential_from_variable", In::api().auth(basic("admin", "$API_PASSWORD")).www(401, r#"Basic realm="api""#), In::api().auth(basic("admin", "pa$w0rd")).www(401, r#"Basic realm="api""#)),
        // A trace shows the variable's name went out: nothing filled it in.
        ("credential_from_variable", bearer.clone().www(401, RFC6750_NO_AUTH).sent(&[("Authorization", "Bearer $API_TOKEN")]), bearer.clone().www(401, RFC6750_NO_AUTH).sent(&[("Authorization", "Bearer eyJ...")])),
        ("json_sent_as_form", In::curl(&format!(r#"curl -d '{{"user":"ann","password":"open sesame"}}' {LOGIN}"#)).status(400, &[]), In::curl(&format!(r#"curl --json '{{"user":"ann","password":"open sesame"}}' {LOGIN}"#)).status(400, &[])),
        ("json_sent_as_form", In::curl(&format!(r#"curl -d '[1,2]' {LOGIN}"#)), In::curl(&format!("curl -d 'user=ann&password=x' {LOGIN}"))),
        ("form_sent_as_json", In::curl(&format!("curl -H 'Content-Type: application/json' -d 'user=ann&password=x' {LOGIN}")), In::curl(&format!(r#"curl -H 'Content-Type: application/json' -d '{{"q":"a=1&b=2"}}' {LOGIN}"#))),
        ("json_without_json_content_type", In::curl(&format!(r#"curl -H 'Content-Type: text/plain' -d '{{"a":1}}' {LOGIN}"#)), In::curl(&format!(r#"curl -H 'Content-Type: application/vnd.api+json' -d '{{"a":1}}' {LOGIN}"#))),
        // Python's data=json.dumps(…): JSON text and no Content-Type at all.
        ("json_without_json_content_type", In::req(Method::Post, LOGIN).body(BodyKind::Raw, r#"{"a":1}"#, &[]), In::req(Method::Post, LOGIN).body(BodyKind::Json, r#"{"a":1}"#, &[])),
        ("form_value_not_encoded", In::curl(&format!("curl -d 'user=ann&password=p&ss' {LOGIN}")), In::curl(&format!("curl -d 'user=ann&password=p%26ss' {LOGIN}"))),
        ("form_value_not_encoded", In::curl(&format!("curl -d 'q=a+b' {LOGIN}")), In::curl(&format!("curl -d 'q=hello+world&page=2' {LOGIN}"))),
        ("form_value_not_encoded", In::curl(&format!("curl -d 'discount=100%' {LOGIN}")), In::curl(&format!("curl -d 'q=%20100%25' {LOGIN}"))),
        // Only a form decoder reads `+` as a space.
        ("form_value_not_encoded", In::curl(&format!("curl -d 'phone=+4930123' {LOGIN}")), In::curl(&format!("curl -H 'Content-Type: text/plain' -d 'phone=+4930123' {LOGIN}"))),
        // The `+` and %XX that --data-urlencode writes are curl's own encoding; a -d next to it is still read.
        ("form_value_not_encoded", In::curl(&format!("curl -d 'password=a+b/c' {LOGIN}")), In::curl(&format!("curl --data-urlencode 'password=a b/c' {LOGIN}"))),
        ("form_value_not_encoded", In::curl(&format!("curl --data-urlencode 'password=a b/c' -d 'phone=+4930123' {LOGIN}")), In::curl(&format!("curl --data-urlencode 'password=a b/c' --data-urlencode 'phone=+4930123' {LOGIN}"))),
        ("get_with_body", In::curl(&format!("curl -X GET -d 'q=1' {SEARCH}")), In::curl(&format!("curl -G -d 'q=1' {SEARCH}"))),
        ("get_with_body", In::curl(&format!("curl -X GET -d 'grant_type=client_credentials' {TOKEN_URL}")), In::curl(&format!("curl -d 'grant_type=client_credentials' {TOKEN_URL}"))),
        // The importer reads -L and --location-trusted into Request.follow_redirects.
        ("redirect_leaks_credentials", In::curl(&format!("curl --location-trusted -H 'Authorization: Bearer {t}' {ORDERS}")), In::curl(&format!("curl -L -H 'Authorization: Bearer {t}' {ORDERS}"))),
        ("redirect_leaks_credentials", In::curl(&format!("curl -L -H 'X-Api-Key: k-123456' {ORDERS}")), In::curl(&format!("curl -H 'X-Api-Key: k-123456' {ORDERS}"))),
        // curl -L strips Authorization on http → https too, which requests does not.
        ("redirect_dropped_authorization", curl_upgrade(true), curl_upgrade(false)),
        // --location-trusted keeps Authorization on every hop: nothing was dropped.
        ("redirect_dropped_authorization", curl_upgrade(true), curl_upgrade_with("--location-trusted ")),
        ("forbidden", bearer.clone().status(403, &[]), bearer.clone().www(401, RFC6750_EXPIRED)),
        ("audience_mismatch",
            In::api().bearer(&jwt(&format!(r#"{{"aud":"https://graph.microsoft.com","exp":{}}}"#, NOW + 600))).www(401, RFC6750_NO_AUTH),
            In::api().bearer(&jwt(&format!(r#"{{"aud":["https://api.example.com/","https://graph.microsoft.com"],"exp":{}}}"#, NOW + 600))).www(401, RFC6750_NO_AUTH),
        ),
        ("audience_mismatch", In::api().bearer(&jwt(r#"{"aud":"account"}"#)), In::api().bearer(&jwt(r#"{"aud":["account","orders-api"]}"#))),
        ("issuer_environment_mismatch",
            In::api().bearer(&jwt(r#"{"iss":"https://login.staging.example.com/"}"#)),
            In::api().bearer(&jwt(r#"{"iss":"https://login.example.com/"}"#)),
        ),
        ("issuer_environment_mismatch", In::api().bearer(&jwt(r#"{"iss":"http://localhost:8080/realms/dev"}"#)), In::get("http://localhost:3000/v1").bearer(&jwt(r#"{"iss":"https://login.example.com/"}"#))),
        ("www_authenticate_missing", bearer.clone().status(401, &[("Content-Type", "application/json")]), bearer.clone().answer(401, &[("Content-Type", "application/json")], Source::Fetched { cross_origin: true })),
        ("www_authenticate_missing", bearer.clone().answer(401, &[], Source::Fetched { cross_origin: false }), bearer.clone().www(401, RFC6750_NO_AUTH)),
        ("challenge_malformed", bearer.clone().www(401, r#"Bearer realm="api"#), bearer.clone().www(401, r#"Bearer realm="api""#)),
        ("not_found_with_credentials", bearer.clone().status(404, &[]), In::api().status(404, &[])),
        ("resource_metadata_hint", In::api().www(401, r#"Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#), In::api().www(401, RFC6750_NO_AUTH)),
        ("unexplained_401", In::default().www(401, RFC6750_NO_AUTH), In::default().www(401, RFC6750_EXPIRED)),
        // Basic credentials answered with the Basic challenge again are basic_credentials_rejected now.
        // Existing codes, reached through the request rather than the token box.
        ("header_name_typo", In::api().header("Authorisation", &format!("Bearer {t}")).www(401, RFC6750_NO_AUTH), In::api().header("Authorization", &format!("Bearer {t}")).www(401, RFC6750_NO_AUTH)),
        ("bearer_prefix_duplicated", In::api().header("Authorization", &format!("Bearer Bearer {t}")), In::api().header("Authorization", &format!("Bearer {t}"))),
        ("token_whitespace", In::api().header("Authorization", &format!("Bearer {t}\n")), In::api().header("Authorization", &format!("Bearer {t}"))),
        ("www_authenticate_hidden", bearer.clone().answer(401, &[], Source::Fetched { cross_origin: true }), bearer.clone().answer(401, &[], Source::Fetched { cross_origin: false })),
        ("id_token_as_access_token", In::default().www(401, RFC6750_EXPIRED).token(&jws(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"aud":"client-1","nonce":"n-0S6"}"#)), In::default().www(401, RFC6750_EXPIRED).token(&good())),
    ]
}

/// Runs every row.
pub fn outcomes() -> Vec<Outcome> {
    cases()
        .into_iter()
        .enumerate()
        .map(|(i, (code, fires, near_miss))| Outcome {
            table: "diagnosis_rules",
            code,
            fired: fires.codes(),
            quiet: near_miss.codes(),
            case: format!("row {i} of the diagnosis table"),
        })
        .collect()
}
