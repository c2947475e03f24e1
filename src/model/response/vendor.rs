//! What vendors say when they refuse a request, read out of a response: RFC 6749 token
//! endpoint errors, Microsoft Entra, ASP.NET Core JwtBearer, Google, AWS, GitHub, Stripe, Slack
//! and Keycloak. Only reading happens here; what it means and what to do is in
//! `diagnosis::vendor_rules`. Each reader returns `None` unless the vendor's own shape is there, so a
//! lookalike body from another server is not mistaken for it.

use crate::model::response::challenge;
use crate::model::response::Response;
use serde_json::Value;

/// The body as JSON, when it is a JSON object or array.
pub fn body_json(response: &Response) -> Option<Value> {
    let t = response.body.trim_start_matches('\u{feff}').trim();
    if !t.starts_with(['{', '[']) {
        return None;
    }
    serde_json::from_str(t).ok()
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)?.as_str()
}

/// RFC 6749 §5.2: `{"error": "...", "error_description": "...", "error_uri": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub error: String,
    pub description: Option<String>,
    pub uri: Option<String>,
}

/// A top-level string `error`; Google's `error` is an object and Slack's comes with `ok`, so
/// neither is read as one.
pub fn oauth_error(json: &Value) -> Option<OAuthError> {
    if json.get("ok").is_some() {
        return None;
    }
    Some(OAuthError {
        error: text(json, "error")?.to_string(),
        description: text(json, "error_description").map(str::to_string),
        uri: text(json, "error_uri").map(str::to_string),
    })
}

/// Every challenge in WWW-Authenticate (repeated headers included).
pub fn challenges(response: &Response) -> Vec<challenge::Challenge> {
    let values: Vec<&str> = response.header_values("www-authenticate").collect();
    challenge::parse(&values).challenges
}

/// Every `error_description` the challenges carry.
pub fn challenge_descriptions(response: &Response) -> Vec<String> {
    challenges(response).iter().filter_map(|c| c.error_description().map(str::to_string)).collect()
}

/// Microsoft Entra's token endpoint error: `error_codes` and `AADSTS<n>` in the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntraError {
    /// In order of appearance, without repeats.
    pub codes: Vec<u32>,
    /// The description that carries the codes, if any.
    pub description: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
}

pub fn entra(response: &Response, json: Option<&Value>) -> Option<EntraError> {
    let mut codes: Vec<u32> = json
        .and_then(|j| j.get("error_codes"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|c| c.as_u64().and_then(|n| u32::try_from(n).ok())).collect())
        .unwrap_or_default();
    let mut texts: Vec<String> =
        json.and_then(|j| text(j, "error_description")).map(str::to_string).into_iter().collect();
    texts.extend(challenge_descriptions(response));
    if json.is_none() {
        // An HTML error page or plain text still names the code.
        texts.push(response.body.clone());
    }
    let mut description = None;
    for t in &texts {
        let found = aadsts_codes(t);
        if !found.is_empty() && description.is_none() {
            description = Some(t.clone());
        }
        codes.extend(found);
    }
    let mut seen = Vec::new();
    codes.retain(|c| {
        !seen.contains(c) && {
            seen.push(*c);
            true
        }
    });
    if codes.is_empty() {
        return None;
    }
    let description = description.or_else(|| json.and_then(|j| text(j, "error_description")).map(str::to_string));
    Some(EntraError {
        codes,
        description,
        trace_id: json.and_then(|j| text(j, "trace_id")).map(str::to_string),
        correlation_id: json.and_then(|j| text(j, "correlation_id")).map(str::to_string),
    })
}

/// Every `AADSTS<digits>` in a text.
pub fn aadsts_codes(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("AADSTS") {
        rest = &rest[at + 6..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
    }
    out
}

/// The message without Entra's "Trace ID: … Correlation ID: … Timestamp: …" tail and the
/// `AADSTS<n>: ` prefix, which the evidence shows separately.
pub fn entra_message(description: &str) -> &str {
    let message = description.split("\r\n").next().unwrap_or(description);
    let message = message.split(" Trace ID:").next().unwrap_or(message).trim();
    match message.strip_prefix("AADSTS").and_then(|r| r.split_once(": ")) {
        Some((digits, m)) if digits.bytes().all(|b| b.is_ascii_digit()) => m,
        _ => message,
    }
}

/// The ASP.NET Core JwtBearer `error_description`s (with `IncludeErrorDetails`, the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwtBearerProblem {
    /// The audience as the server printed it: `empty` or `(null)` when the token had none.
    AudienceInvalid(String),
    /// The expiry in the server's culture, e.g. `01/05/2026 09:00:00`.
    Expired(String),
    IssuerInvalid(String),
    SignatureKeyNotFound,
    SignatureInvalid,
    /// Not a plain expiry ("The token expired at …"): a custom LifetimeValidator returned false
    /// (IDX10230) or nbf is after exp (IDX10224). The times as printed, `(null)` when absent.
    LifetimeInvalid {
        not_before: String,
        expires: String,
    },
}

pub fn jwt_bearer(description: &str) -> Option<JwtBearerProblem> {
    // Several failures are joined with "; "; the first one is reported.
    let quoted = |prefix: &str, suffix: &str| -> Option<String> {
        let start = description.find(prefix)? + prefix.len();
        let len = description[start..].find(suffix)?;
        Some(description[start..start + len].to_string())
    };
    if let Some(aud) = quoted("The audience '", "' is invalid") {
        Some(JwtBearerProblem::AudienceInvalid(aud))
    } else if let Some(at) = quoted("The token expired at '", "'") {
        Some(JwtBearerProblem::Expired(at))
    } else if let Some(iss) = quoted("The issuer '", "' is invalid") {
        Some(JwtBearerProblem::IssuerInvalid(iss))
    } else if description.contains("The token lifetime is invalid") {
        let at = |name: &str| quoted(&format!("{name}: '"), "'").unwrap_or_else(|| "(null)".into());
        Some(JwtBearerProblem::LifetimeInvalid { not_before: at("NotBefore"), expires: at("Expires") })
    } else if description.contains("The signature key was not found") {
        Some(JwtBearerProblem::SignatureKeyNotFound)
    } else if description.contains("The signature is invalid") {
        Some(JwtBearerProblem::SignatureInvalid)
    } else {
        None
    }
}

/// Google's error model: `{"error": {"code", "message", "status", "details": [ErrorInfo]}}`,
/// or the older `{"error": {"errors": [{"reason"}], "code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleError {
    pub code: Option<u64>,
    pub status: Option<String>,
    pub message: String,
    /// ErrorInfo reasons (`ACCESS_TOKEN_SCOPE_INSUFFICIENT`) and legacy reasons
    /// (`insufficientPermissions`), in order.
    pub reasons: Vec<String>,
    /// ErrorInfo metadata: the service, e.g. `gmail.googleapis.com`.
    pub service: Option<String>,
}

pub fn google(json: &Value) -> Option<GoogleError> {
    let e = json.get("error").filter(|e| e.is_object())?;
    let message = text(e, "message")?.to_string();
    let status = text(e, "status").map(str::to_string);
    let legacy = e.get("errors").and_then(Value::as_array);
    if status.is_none() && legacy.is_none() {
        return None;
    }
    let details = e.get("details").and_then(Value::as_array);
    let mut reasons: Vec<String> =
        details.into_iter().flatten().filter_map(|d| text(d, "reason")).map(str::to_string).collect();
    reasons.extend(legacy.into_iter().flatten().filter_map(|d| text(d, "reason")).map(str::to_string));
    let service = details
        .into_iter()
        .flatten()
        .find_map(|d| d.get("metadata").and_then(|m| text(m, "service")))
        .map(str::to_string);
    Some(GoogleError { code: e.get("code").and_then(Value::as_u64), status, message, reasons, service })
}

/// AWS: the error type from `x-amzn-ErrorType` (or a JSON `__type`) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsError {
    /// Without the `:http://internal.amazon.com/…` suffix or `com.amazon…#` prefix.
    pub error_type: Option<String>,
    pub message: Option<String>,
}

/// Messages API Gateway writes itself; with them no AWS header is needed to know the source.
const API_GATEWAY_MESSAGES: &[&str] = &["Missing Authentication Token", "The incoming token has expired"];

/// `<tag>…</tag>` in an XML body, trimmed; None when absent or empty.
pub fn xml_element<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].trim()).filter(|s| !s.is_empty())
}

pub fn aws(response: &Response, json: Option<&Value>) -> Option<AwsError> {
    let from_header = response.header("x-amzn-errortype").map(|t| t.split(':').next().unwrap_or(t).trim().to_string());
    let from_body = json.and_then(|j| text(j, "__type")).map(|t| t.rsplit('#').next().unwrap_or(t).to_string());
    // S3 (`<Error><Code>`) and the query APIs such as STS (`<ErrorResponse><Error><Code>`) answer in XML.
    let xml = response.body.trim_start().starts_with('<') && response.body.contains("<Error>");
    let amazon = response.header("x-amzn-requestid").is_some()
        || response.header("x-amz-apigw-id").is_some()
        || response.header("x-amz-request-id").is_some()
        || xml && (response.body.contains("<RequestId>") || response.body.contains("amazonaws.com"));
    // An XML <Code> alone is any server's: only with AWS's request id is it AWS's.
    let aws_xml = xml && amazon;
    let from_xml = aws_xml.then(|| xml_element(&response.body, "Code")).flatten().map(str::to_string);
    let error_type = from_header.or(from_body).or(from_xml).filter(|t| !t.is_empty());
    let message = json
        .and_then(|j| text(j, "message").or_else(|| text(j, "Message")))
        .or_else(|| aws_xml.then(|| xml_element(&response.body, "Message")).flatten())
        .map(str::to_string);
    let known = message.as_deref().is_some_and(|m| API_GATEWAY_MESSAGES.contains(&m));
    (error_type.is_some() || (amazon && message.is_some()) || known).then_some(AwsError { error_type, message })
}

/// `X-GitHub-SSO`: `required; url=…` or `partial-results; organizations=1,2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitHubSso {
    Required { url: Option<String> },
    PartialResults { organizations: Vec<String> },
}

pub fn github_sso(value: &str) -> Option<GitHubSso> {
    let mut parts = value.split(';').map(str::trim);
    let kind = parts.next()?;
    let param = |name: &str| value.split(';').map(str::trim).find_map(|p| p.strip_prefix(name)).map(str::to_string);
    match kind {
        "required" => Some(GitHubSso::Required { url: param("url=") }),
        "partial-results" => Some(GitHubSso::PartialResults {
            organizations: param("organizations=")
                .map(|o| o.split(',').map(|s| s.trim().to_string()).collect())
                .unwrap_or_default(),
        }),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitHub {
    pub message: Option<String>,
    pub sso: Option<GitHubSso>,
    /// `X-OAuth-Scopes`: what the token has (absent for fine-grained tokens and apps).
    pub granted: Option<Vec<String>>,
    /// `X-Accepted-OAuth-Scopes`: any one of them is enough for this endpoint.
    pub accepted: Option<Vec<String>>,
}

/// Only when GitHub's own headers or documentation links are there.
pub fn github(response: &Response, json: Option<&Value>) -> Option<GitHub> {
    let docs = json
        .and_then(|j| text(j, "documentation_url"))
        .is_some_and(|u| u.contains("docs.github.com") || u.contains("developer.github.com"));
    let headers =
        ["x-github-request-id", "x-github-media-type", "x-github-sso", "x-oauth-scopes", "x-accepted-oauth-scopes"]
            .iter()
            .any(|h| response.header(h).is_some());
    if !docs && !headers {
        return None;
    }
    let scopes = |name| response.header(name).map(split_scopes);
    Some(GitHub {
        message: json.and_then(|j| text(j, "message")).map(str::to_string),
        sso: response.header("x-github-sso").and_then(github_sso),
        granted: scopes("x-oauth-scopes"),
        accepted: scopes("x-accepted-oauth-scopes"),
    })
}

pub fn split_scopes(v: &str) -> Vec<String> {
    v.split([',', ' ']).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// GitHub's scope hierarchy: a parent scope includes its children.
const GITHUB_SCOPE_PARENTS: &[(&str, &[&str])] = &[
    ("repo", &["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"]),
    ("admin:repo_hook", &["write:repo_hook", "read:repo_hook"]),
    ("write:repo_hook", &["read:repo_hook"]),
    ("admin:org", &["write:org", "read:org", "manage_runners:org"]),
    ("write:org", &["read:org"]),
    ("admin:public_key", &["write:public_key", "read:public_key"]),
    ("write:public_key", &["read:public_key"]),
    ("admin:gpg_key", &["write:gpg_key", "read:gpg_key"]),
    ("write:gpg_key", &["read:gpg_key"]),
    ("user", &["read:user", "user:email", "user:follow"]),
    ("write:packages", &["read:packages"]),
    ("admin:enterprise", &["manage_runners:enterprise", "manage_billing:enterprise", "read:enterprise"]),
    ("project", &["read:project"]),
    ("write:discussion", &["read:discussion"]),
];

/// Whether a granted scope is, or includes, the needed one.
pub fn github_scope_covers(granted: &str, needed: &str) -> bool {
    granted == needed
        || GITHUB_SCOPE_PARENTS
            .iter()
            .any(|(parent, children)| *parent == granted && children.iter().any(|c| github_scope_covers(c, needed)))
}

/// Stripe's `{"error": {"message", "type", "code"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripeError {
    pub message: String,
    pub kind: String,
    pub code: Option<String>,
}

pub fn stripe(json: &Value) -> Option<StripeError> {
    let e = json.get("error").filter(|e| e.is_object())?;
    let kind = text(e, "type").filter(|t| t.ends_with("_error"))?;
    Some(StripeError {
        message: text(e, "message")?.to_string(),
        kind: kind.to_string(),
        code: text(e, "code").map(str::to_string),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripeMode {
    /// "a similar object exists in test mode, but a live mode key was used"
    TestObjectLiveKey,
    /// "a similar object exists in live mode, but a test mode key was used"
    LiveObjectTestKey,
}

pub fn stripe_mode_mismatch(message: &str) -> Option<StripeMode> {
    if message.contains("exists in test mode, but a live mode key was used") {
        Some(StripeMode::TestObjectLiveKey)
    } else if message.contains("exists in live mode, but a test mode key was used") {
        Some(StripeMode::LiveObjectTestKey)
    } else {
        None
    }
}

/// The `rak_…` permissions a restricted-key error names.
pub fn stripe_permissions(message: &str) -> Vec<String> {
    message
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("rak_") && w.len() > 4)
        .map(str::to_string)
        .collect()
}

/// Slack's `{"ok": false, "error": "...", "needed": "...", "provided": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlackError {
    pub error: String,
    pub needed: Option<String>,
    pub provided: Option<String>,
}

pub fn slack(json: &Value) -> Option<SlackError> {
    if json.get("ok")? != &Value::Bool(false) {
        return None;
    }
    Some(SlackError {
        error: text(json, "error")?.to_string(),
        needed: text(json, "needed").map(str::to_string),
        provided: text(json, "provided").map(str::to_string),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerMismatch {
    pub expected: String,
    pub was: String,
}

/// Keycloak's TokenVerifier: `Invalid token issuer. Expected 'X', but was 'Y'`.
pub fn keycloak_issuer(text: &str) -> Option<IssuerMismatch> {
    const OPEN: &str = "Invalid token issuer. Expected '";
    const MIDDLE: &str = "', but was '";
    let rest = &text[text.find(OPEN)? + OPEN.len()..];
    let (expected, rest) = rest.split_once(MIDDLE)?;
    let was = &rest[..rest.find('\'')?];
    Some(IssuerMismatch { expected: expected.to_string(), was: was.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::response::Source;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response {
        Response {
            status,
            reason: String::new(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: body.into(),
            source: Source::Pasted,
            hops: vec![],
            sent_headers: vec![],
        }
    }

    #[test]
    fn oauth_errors_are_top_level_strings_only() {
        let read = |body: &str| oauth_error(&serde_json::from_str(body).unwrap()).map(|e| e.error);
        assert_eq!(read(r#"{"error":"invalid_grant","error_description":"x"}"#).as_deref(), Some("invalid_grant"));
        // Google's error object and Slack's envelope are other shapes.
        assert_eq!(read(r#"{"error":{"code":401}}"#), None);
        assert_eq!(read(r#"{"ok":false,"error":"invalid_auth"}"#), None);
    }

    #[test]
    fn aadsts_codes_and_messages() {
        let d = "AADSTS700082: The refresh token has expired due to inactivity. Trace ID: 0d1c Correlation ID: 9a Timestamp: 2026-01-05 10:00:00Z";
        assert_eq!(aadsts_codes(d), [700082]);
        assert_eq!(aadsts_codes("AADSTS50173 then AADSTS: and AADSTS65001"), [50173, 65001]);
        assert_eq!(aadsts_codes("AADSTSx"), Vec::<u32>::new());
        assert_eq!(entra_message(d), "The refresh token has expired due to inactivity.");
        assert_eq!(entra_message("AADSTS90002: Tenant 'x' not found.\r\nTrace ID: 1"), "Tenant 'x' not found.");
        assert_eq!(entra_message("no code here"), "no code here");
    }

    #[test]
    fn entra_reads_error_codes_and_challenges_and_dedups() {
        let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215],"trace_id":"t1","correlation_id":"c1"}"#;
        let r = response(401, &[], body);
        let e = entra(&r, body_json(&r).as_ref()).unwrap();
        assert_eq!(
            (e.codes, e.trace_id.as_deref(), e.correlation_id.as_deref()),
            (vec![7000215], Some("t1"), Some("c1"))
        );
        let r = response(
            401,
            &[(
                "WWW-Authenticate",
                r#"Bearer error="invalid_token", error_description="AADSTS500011: The resource principal named api://x was not found""#,
            )],
            "",
        );
        assert_eq!(entra(&r, None).unwrap().codes, [500011]);
        // error_codes alone are enough; "AADSTS" nowhere is not Entra.
        assert_eq!(
            entra(&response(400, &[], "{}"), Some(&serde_json::json!({"error_codes": [90002]}))).unwrap().codes,
            [90002]
        );
        assert_eq!(
            entra(
                &response(400, &[], r#"{"error":"invalid_grant"}"#),
                Some(&serde_json::json!({"error": "invalid_grant"}))
            ),
            None
        );
    }

    #[test]
    fn jwt_bearer_descriptions() {
        use JwtBearerProblem::*;
        let cases = [
            ("The audience 'api://orders' is invalid", Some(AudienceInvalid("api://orders".into()))),
            ("The audience 'empty' is invalid", Some(AudienceInvalid("empty".into()))),
            ("The token expired at '01/05/2026 09:00:00'", Some(Expired("01/05/2026 09:00:00".into()))),
            (
                "The issuer 'https://sts.windows.net/t/' is invalid; The signature key was not found",
                Some(IssuerInvalid("https://sts.windows.net/t/".into())),
            ),
            ("The signature key was not found", Some(SignatureKeyNotFound)),
            ("The signature is invalid", Some(SignatureInvalid)),
            (
                "The token lifetime is invalid; NotBefore: '01/05/2026 08:00:00', Expires: '01/05/2026 09:00:00'",
                Some(LifetimeInvalid {
                    not_before: "01/05/2026 08:00:00".into(),
                    expires: "01/05/2026 09:00:00".into(),
                }),
            ),
            (
                "The token lifetime is invalid; NotBefore: '(null)', Expires: '01/05/2026 09:00:00'",
                Some(LifetimeInvalid { not_before: "(null)".into(), expires: "01/05/2026 09:00:00".into() }),
            ),
            // Older versions said only this.
            (
                "The token lifetime is invalid",
                Some(LifetimeInvalid { not_before: "(null)".into(), expires: "(null)".into() }),
            ),
            // Near misses: other libraries' wording.
            ("Audience validation failed", None),
            ("The audience is invalid", None),
            ("token expired", None),
        ];
        for (d, want) in cases {
            assert_eq!(jwt_bearer(d), want, "{d}");
        }
    }

    #[test]
    fn google_new_and_legacy_shapes() {
        let new = serde_json::json!({"error": {"code": 403, "message": "Request had insufficient authentication scopes.", "status": "PERMISSION_DENIED",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "metadata": {"service": "gmail.googleapis.com"}}]}});
        let g = google(&new).unwrap();
        assert_eq!(
            (g.code, g.status.as_deref(), g.reasons, g.service.as_deref()),
            (
                Some(403),
                Some("PERMISSION_DENIED"),
                vec!["ACCESS_TOKEN_SCOPE_INSUFFICIENT".to_string()],
                Some("gmail.googleapis.com")
            )
        );
        let legacy = serde_json::json!({"error": {"code": 403, "message": "Insufficient Permission", "errors": [{"reason": "insufficientPermissions"}]}});
        assert_eq!(google(&legacy).unwrap().reasons, ["insufficientPermissions"]);
        // Stripe's error object has neither status nor errors.
        assert_eq!(google(&serde_json::json!({"error": {"message": "x", "type": "invalid_request_error"}})), None);
    }

    #[test]
    fn aws_types_from_header_or_body() {
        let r = response(
            403,
            &[(
                "x-amzn-ErrorType",
                "MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/",
            )],
            r#"{"message":"Missing Authentication Token"}"#,
        );
        let e = aws(&r, body_json(&r).as_ref()).unwrap();
        assert_eq!(
            (e.error_type.as_deref(), e.message.as_deref()),
            (Some("MissingAuthenticationTokenException"), Some("Missing Authentication Token"))
        );
        let r = response(400, &[], r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"x"}"#);
        assert_eq!(aws(&r, body_json(&r).as_ref()).unwrap().error_type.as_deref(), Some("InvalidSignatureException"));
        // A bare {"message":"Unauthorized"} without AWS headers is anyone's.
        let r = response(401, &[], r#"{"message":"Unauthorized"}"#);
        assert_eq!(aws(&r, body_json(&r).as_ref()), None);
    }

    #[test]
    fn github_headers() {
        assert_eq!(
            github_sso("required; url=https://github.com/orgs/acme/sso?authorization_request=A1"),
            Some(GitHubSso::Required { url: Some("https://github.com/orgs/acme/sso?authorization_request=A1".into()) })
        );
        assert_eq!(
            github_sso("partial-results; organizations=21955855, 20582480"),
            Some(GitHubSso::PartialResults { organizations: vec!["21955855".into(), "20582480".into()] })
        );
        assert_eq!(github_sso("something-else"), None);
        assert_eq!(split_scopes("repo, user,  read:org"), ["repo", "user", "read:org"]);
        let cases = [
            ("repo", "public_repo", true),
            ("admin:org", "read:org", true),
            ("write:org", "admin:org", false),
            ("user", "user:email", true),
            ("read:org", "read:org", true),
            ("repo", "read:org", false),
        ];
        for (granted, needed, want) in cases {
            assert_eq!(github_scope_covers(granted, needed), want, "{granted} covers {needed}");
        }
    }

    #[test]
    fn stripe_slack_keycloak() {
        assert_eq!(stripe_mode_mismatch("No such customer: 'cus_1'; a similar object exists in test mode, but a live mode key was used to make this request."), Some(StripeMode::TestObjectLiveKey));
        assert_eq!(
            stripe_mode_mismatch("a similar object exists in live mode, but a test mode key was used"),
            Some(StripeMode::LiveObjectTestKey)
        );
        assert_eq!(stripe_mode_mismatch("No such customer: 'cus_1'"), None);
        assert_eq!(
            stripe_permissions("Having the 'rak_charge_write' permission would allow this request to continue."),
            ["rak_charge_write"]
        );
        assert!(stripe_permissions("rak_ alone, or brake_pads").is_empty());
        assert_eq!(
            slack(&serde_json::json!({"ok": false, "error": "missing_scope", "needed": "chat:write"}))
                .unwrap()
                .needed
                .as_deref(),
            Some("chat:write")
        );
        assert_eq!(slack(&serde_json::json!({"ok": true, "error": "x"})), None);
        assert_eq!(slack(&serde_json::json!({"error": "invalid_auth"})), None);
        assert_eq!(
            keycloak_issuer("Invalid token issuer. Expected 'http://keycloak:8080/realms/demo', but was 'http://localhost:8080/realms/demo'"),
            Some(IssuerMismatch { expected: "http://keycloak:8080/realms/demo".into(), was: "http://localhost:8080/realms/demo".into() })
        );
        assert_eq!(keycloak_issuer("Invalid token issuer. Expected 'x'"), None);
    }
}
