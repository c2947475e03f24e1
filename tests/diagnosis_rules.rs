//! The diagnosis engine: every code fires on its case and stays silent on a near miss, combined
//! causes rank sensibly, the verdict reads well, and no secret reaches a ticket. The table and
//! the `In` builder are in `common::tables::diagnosis`, which `findings_docs` also runs.

mod common;

use common::tables::{self, diagnosis::*};
use common::*;
use why401::model::diagnosis::{self, Likelihood, Report};
use why401::model::findings::codes::{KID_NOT_IN_JWKS, SIGNATURE_INVALID};
use why401::model::request::{Auth, BodyKind, KeyLocation, Method};
use why401::model::response::Source;
use why401::model::token::inspect::inspect;

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::diagnosis::outcomes());
}

fn top(input: &In) -> (&'static str, Likelihood) {
    let r = input.report();
    let first = r.ranked.first().expect("a finding");
    (first.finding.code(), first.likelihood)
}

fn position(r: &Report, code: &str) -> usize {
    r.ranked.iter().position(|x| x.finding.code() == code).unwrap_or_else(|| {
        panic!("{code} missing from {:?}", r.ranked.iter().map(|x| x.finding.code()).collect::<Vec<_>>())
    })
}

#[test]
fn combined_causes_rank_sensibly() {
    // (name, inputs, the code that must come first, codes that must come after it)
    let t = good();
    let cases: Vec<(&str, In, &str, Vec<&str>)> = vec![
        (
            "expired token and a missing scope",
            In::api().bearer(&expired()).www(403, r#"Bearer error="insufficient_scope", scope="orders:write""#),
            "token_expired",
            vec!["insufficient_scope"],
        ),
        (
            "RFC 6750 §3 expired example with an expired token",
            In::api().bearer(&expired()).www(401, RFC6750_EXPIRED),
            "token_expired",
            vec!["invalid_token"],
        ),
        (
            "nothing sent, an expired token in the box",
            In::api().www(401, RFC6750_NO_AUTH).token(&expired()),
            "credentials_missing",
            vec!["token_expired"],
        ),
        (
            "typo'd header name",
            In::api().header("Authorisation", &format!("Bearer {t}")).www(401, RFC6750_NO_AUTH),
            "header_name_typo",
            vec!["credentials_missing"],
        ),
        (
            "redirect stripped the header",
            In::get("https://example.com/api")
                .bearer(&t)
                .www(401, RFC6750_NO_AUTH)
                .hop(301, "GET", "https://example.com/api", "https://www.example.com/api")
                .sent(&[("Host", "www.example.com")]),
            "redirect_dropped_authorization",
            vec!["credentials_missing"],
        ),
        (
            "ID token refused as invalid",
            In::api()
                .bearer(&jws(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"aud":"client-1","nonce":"n"}"#))
                .www(401, r#"Bearer error="invalid_token""#),
            "id_token_as_access_token",
            vec!["invalid_token"],
        ),
        (
            "heuristic below a settled cause",
            In::api()
                .bearer(&jwt(&format!(r#"{{"aud":"https://graph.microsoft.com","exp":{}}}"#, NOW - 60)))
                .www(401, RFC6750_EXPIRED),
            "token_expired",
            vec!["audience_mismatch"],
        ),
        (
            "a signature that does not verify explains a bare invalid_token",
            In::api()
                .bearer(&t)
                .www(401, r#"Bearer error="invalid_token""#)
                .signature(SIGNATURE_INVALID, "none of 2 keys"),
            "signature_invalid",
            vec!["invalid_token"],
        ),
        (
            "an expired token still outranks its unknown kid",
            In::api().bearer(&expired()).www(401, RFC6750_EXPIRED).signature(KID_NOT_IN_JWKS, "kid k1"),
            "token_expired",
            vec!["kid_not_in_jwks"],
        ),
    ];
    for (name, input, first, after) in cases {
        let r = input.report();
        assert_eq!(
            r.ranked[0].finding.code(),
            first,
            "{name}: {:?}",
            r.ranked.iter().map(|x| x.finding.code()).collect::<Vec<_>>()
        );
        for code in after {
            assert!(position(&r, code) > 0, "{name}: {code}");
        }
    }
}

#[test]
fn likelihoods_follow_the_evidence() {
    let cases = [
        (
            "settled by the server and the token",
            In::api().bearer(&expired()).www(401, RFC6750_EXPIRED),
            ("token_expired", Likelihood::High),
        ),
        (
            "a strong hint",
            In::api().bearer(&good()).www(401, r#"Bearer realm="api""#),
            ("credentials_not_received", Likelihood::Medium),
        ),
        (
            "a heuristic",
            In::api().bearer(&jwt(r#"{"iss":"https://login.staging.example.com/"}"#)),
            ("issuer_environment_mismatch", Likelihood::Low),
        ),
        (
            "the server accepted the token: the pasted key is just not the server's",
            In::api().bearer(&good()).status(200, &[]).signature(SIGNATURE_INVALID, "the key"),
            ("signature_invalid", Likelihood::Low),
        ),
        (
            "a 401 and a signature that does not verify",
            In::api().bearer(&good()).www(401, r#"Bearer realm="api""#).signature(SIGNATURE_INVALID, "the key"),
            ("signature_invalid", Likelihood::High),
        ),
    ];
    for (name, input, want) in cases {
        assert_eq!(top(&input), want, "{name}");
    }
}

#[test]
fn verdicts_read_as_one_plain_line() {
    let t = good();
    let cases: Vec<(&str, In, &str, bool)> = vec![
        ("expired, RFC 6750 §3", In::api().bearer(&expired()).www(401, RFC6750_EXPIRED), "Most likely: the token expired 2 h ago (exp 10:03 UTC); get a new one or refresh. The server says: \"The access token expired\".", false),
        ("server says expired, opaque token", In::api().bearer("8f14e45fceea167a5a36dedd4bea2543").www(401, RFC6750_EXPIRED), "Most likely: the server says the token expired (\"The access token expired\"); get a new one or refresh.", false),
        (
            "missing scope named",
            In::api().bearer(&t).www(403, r#"Bearer error="insufficient_scope", scope="orders:read orders:write""#),
            "Most likely: the token lacks the scope orders:write; request a new token with it (refreshing will not help).",
            false,
        ),
        ("nothing sent", In::api().www(401, RFC6750_NO_AUTH), "Most likely: the request carried no credentials; send `Authorization: Bearer …`.", false),
        ("RFC 9110 §11.6.1", In::api().bearer(&t).www(401, RFC9110_11_6_1), "Most likely: the server wants Basic, Newauth but the request used Bearer.", false),
        ("unexplained", In::default().www(401, RFC6750_NO_AUTH), "Unexplained 401: nothing here explains the 401; check, in order: paste the request (Import curl) or the token: what was sent tells the causes apart; the key's environment and tenant, and whether it was revoked; the server's log and the clocks.", false),
        ("403", In::api().bearer(&t).status(403, &[]), "Probably: the server knows who you are but does not allow this (403); retrying with the same credentials will not help.", false),
        ("all good", In::api().bearer(&t).status(200, &[]), "All good: the server answered 200 and nothing here points to a problem.", true),
        ("all good with info only", In::api().bearer(&jws(r#"{"alg":"RS256","typ":"JWT"}"#, &format!(r#"{{"exp":{},"scope":"a"}}"#, NOW + 60))).status(204, &[]), "All good: the server answered 204 and nothing here points to a problem.", true),
        ("not sent yet", In::api().bearer(&t), "All good: nothing here would make a server answer 401.", true),
        ("a 500 is not all good", In::api().bearer(&t).status(500, &[]), "No authentication problem found: the 500 answer is about something other than credentials.", false),
        ("empty", In::default(), "Nothing to diagnose yet: paste a token, compose a request or paste a response.", false),
    ];
    for (name, input, verdict, all_good) in cases {
        let r = input.report();
        assert_eq!((r.verdict.as_str(), r.all_good), (verdict, all_good), "{name}");
    }
}

#[test]
fn vendor_findings_are_ranked_with_the_rest() {
    // Slack answers 200 with {"ok":false}: without the vendor rules this would be all good.
    let slack = |body: &str| {
        In::api()
            .bearer("xoxb-1234-5678-abcdefghijklmnop")
            .status(200, &[("content-type", "application/json"), ("x-slack-req-id", "4f9c")])
            .resp_body(body)
    };
    let r = slack(r#"{"ok":false,"error":"invalid_auth"}"#).report();
    assert_eq!(
        (r.ranked[0].finding.code(), r.ranked[0].likelihood, r.all_good),
        ("slack_invalid_auth", Likelihood::High, false),
        "{r:?}"
    );
    assert!(slack(r#"{"ok":true}"#).report().all_good);
}

#[test]
fn a_401_is_never_all_good() {
    for challenge in [RFC6750_NO_AUTH, RFC6750_EXPIRED, ""] {
        let r = In::api().bearer(&good()).www(401, challenge).report();
        assert!(!r.all_good && !r.ranked.is_empty(), "{challenge}: {r:?}");
    }
}

#[test]
fn evidence_names_what_is_missing() {
    // Scopes are case-sensitive (RFC 6749 §3.3): a case-only difference is missing, and said so.
    let token = jwt(&format!(r#"{{"exp":{},"scp":["orders:read","orders:write"]}}"#, NOW + 600));
    let r = In::api()
        .bearer(&token)
        .www(403, r#"Bearer error="insufficient_scope", scope="orders:read Orders:Write admin""#)
        .report();
    let f = &r.ranked[position(&r, "insufficient_scope")].finding;
    assert!(f.evidence.contains("the token has \"orders:read orders:write\"; missing: Orders:Write, admin (Orders:Write differs only in case"), "{}", f.evidence);
    assert!(f.fix.contains("Refreshing will not help"), "{}", f.fix);
    let r = In::api().bearer(&expired()).www(401, RFC6750_EXPIRED).report();
    let f = &r.ranked[position(&r, "invalid_token")].finding;
    assert!(
        f.evidence.contains("error_description=\"The access token expired\"") && f.evidence.contains("2 h ago"),
        "{}",
        f.evidence
    );
}

#[test]
fn script_checks_only_without_evidence() {
    let titles = |i: &In| i.report().script_checks.into_iter().map(|c| c.title).collect::<Vec<_>>();
    let no_trace = In::api().bearer(&good()).www(401, RFC6750_NO_AUTH);
    let all = titles(&no_trace);
    assert!(all.iter().any(|t| t.contains("Redirects")) && all.iter().any(|t| t.contains(".netrc")), "{all:?}");
    // A trace that shows the redirect settles it: a finding, not a check.
    let traced = no_trace
        .clone()
        .hop(301, "GET", "https://api.example.com/v1/orders", "https://www.example.com/v1/orders")
        .sent(&[("Host", "www.example.com")]);
    assert!(!titles(&traced).iter().any(|t| t.contains("Redirects")));
    assert!(traced.codes().contains(&"redirect_dropped_authorization"));
    // A trace that shows Basic going out where Bearer was set: ~/.netrc is the finding now.
    let replaced = no_trace.clone().sent(&[("Authorization", "Basic dXNlcjpwYXNz")]);
    assert!(!titles(&replaced).iter().any(|t| t.contains(".netrc")));
    assert_eq!(replaced.report().ranked[0].finding.code(), "authorization_replaced");
    let json_body = In::req(Method::Post, "https://api.example.com/v1/orders")
        .bearer(&good())
        .body(BodyKind::Json, "{}", &[])
        .status(400, &[]);
    assert!(titles(&json_body).iter().any(|t| t.contains("data=")));
    assert!(titles(&In::api().bearer(&good()).status(200, &[])).is_empty());
    // Non-ASCII Basic credentials: a check without a charset challenge, a finding with one.
    let basic = |password: &str| In::api().auth(Auth::Basic { user: "u".into(), password: password.into() });
    assert!(titles(&basic("p\u{e4}ss").status(401, &[])).iter().any(|t| t.contains("Latin-1")));
    assert!(!titles(&basic("pass").status(401, &[])).iter().any(|t| t.contains("Latin-1")));
    assert!(!titles(&basic("p\u{e4}ss").www(401, r#"Basic realm="api", charset="UTF-8""#))
        .iter()
        .any(|t| t.contains("Latin-1")));
}

#[test]
fn secrets_never_reach_a_ticket() {
    let token = token_with(r#""jti":"9f1e7c2a""#);
    let api_key = "sk_live_51HsecretKEY987654";
    let basic_password = "open sesame";
    let digest_password = "Circle of Life";
    let client_secret = "cs-very-secret-4242";
    let cookie = "session=abcdef0123456789";
    let key_in_query = "AIzaSyD-query-key-123";
    let inputs = [
        In::get(&format!("https://api.example.com/v1?key={key_in_query}&page=1"))
            .bearer(&token)
            .header("X-Api-Key", api_key)
            .header("Cookie", cookie)
            .www(401, &format!(r#"Bearer error="invalid_token", error_description="token {token} is revoked""#)),
        In::req(Method::Post, "https://login.example.com/oauth/token")
            .auth(Auth::Basic { user: "Aladdin".into(), password: basic_password.into() })
            .body(BodyKind::Form, "", &[("grant_type", "client_credentials"), ("client_secret", client_secret)])
            .www(401, r#"Basic realm="api", charset="UTF-8""#),
        In::api()
            .auth(Auth::Digest { user: "Mufasa".into(), password: digest_password.into() })
            .www(401, r#"Digest realm="api", nonce="n", stale=true"#),
        In::api()
            .auth(Auth::ApiKey { name: "X-Custom".into(), value: api_key.into(), location: KeyLocation::Header })
            .status(403, &[]),
        In::api()
            .auth(Auth::ApiKey { name: "token".into(), value: api_key.into(), location: KeyLocation::Query })
            .status(403, &[]),
        In::default()
            .www(401, RFC6750_NO_AUTH)
            .sent(&[("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")])
            .token(&format!("Authorization: Bearer {token}")),
        In::api()
            .header("Authorization", &format!("Bearer Bearer \"{token}\""))
            .header("Authorization", &token)
            .www(400, r#"Bearer error="invalid_request""#),
        In::req(Method::Post, "https://api.example.com/v1")
            .bearer(&token)
            .body(BodyKind::Json, &format!(r#"{{"refresh_token":"{token}","password":"{basic_password}"}}"#), &[])
            .status(401, &[]),
        // The command's own mistakes quote the body; never its secrets.
        In::curl(&format!(r#"curl -d '{{"user":"Aladdin","password":"{basic_password}"}}' {LOGIN}"#)).status(400, &[]),
        In::curl(&format!("curl -d 'user=Aladdin&password=open+sesame&x&client_secret={client_secret}%zz' {LOGIN}"))
            .status(401, &[]),
    ];
    let secrets = [
        token.as_str(),
        api_key,
        basic_password,
        digest_password,
        client_secret,
        cookie,
        "abcdef0123456789",
        key_in_query,
        "QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        "Aladdin:open sesame",
    ];
    let shown = format!("{}…{}", &token[..6], &token[token.len() - 4..]);
    for (i, input) in inputs.iter().enumerate() {
        let inspection = input.token.as_deref().map(inspect);
        let ctx = input.context(inspection.as_ref());
        let report = diagnosis::diagnose(&ctx);
        for (what, text) in [("markdown", diagnosis::markdown(&report, &ctx)), ("json", diagnosis::json(&report, &ctx))]
        {
            for secret in secrets {
                assert!(!text.contains(secret), "case {i} {what} leaks {secret:?}:\n{text}");
            }
            if i == 0 {
                assert!(text.contains(&shown), "case {i} {what} shows the token as {shown}:\n{text}");
            }
        }
    }
}

#[test]
fn json_has_stable_field_names() {
    let input = In::api().bearer(&expired()).www(401, RFC6750_EXPIRED);
    let report = input.report();
    let v: serde_json::Value =
        serde_json::from_str(&diagnosis::json(&report, &input.context(None))).expect("valid JSON");
    assert_eq!(v["tool"], "why401");
    assert_eq!(v["all_good"], false);
    assert_eq!(v["verdict"], report.verdict.as_str());
    let first = &v["findings"][0];
    for field in ["code", "severity", "likelihood", "title", "evidence", "fix", "reference", "url"] {
        assert!(first.get(field).is_some(), "findings[0].{field}");
    }
    assert_eq!((first["code"].as_str(), first["likelihood"].as_str()), (Some("token_expired"), Some("high")));
    assert_eq!(v["request"]["method"], "GET");
    assert_eq!(v["response"]["status"], 401);
    assert_eq!(v["token"]["claims"]["aud"], "https://api.example.com");
    let md = diagnosis::markdown(&report, &input.context(None));
    assert!(md.starts_with(&format!("## why401: {}\n", report.verdict)), "{md}");
    assert!(md.contains("| 1 | high | error | `token_expired` |"), "{md}");
}

/// The codes for a command that itself looks wrong (issue 9).
const COMMAND_CODES: &[&str] = &[
    "credential_from_variable",
    "json_sent_as_form",
    "form_sent_as_json",
    "json_without_json_content_type",
    "form_value_not_encoded",
    "get_with_body",
    "redirect_leaks_credentials",
];

#[test]
fn a_wrong_command_gets_a_verdict_that_names_the_bytes_and_the_fix() {
    let t = good();
    let cases: Vec<(&str, In, &str)> = vec![
        (
            "JSON under curl's -d",
            In::curl(&format!(r#"curl -H 'Authorization: Bearer {t}' -d '{{"name":"ann"}}' {ORDERS}"#)).status(415, &[]),
            "Most likely: the JSON body is labelled application/x-www-form-urlencoded (curl's -d default), so the server reads it as one form field; add `-H 'Content-Type: application/json'` or use `--json`.",
        ),
        (
            "a form labelled JSON",
            In::curl(&format!("curl -H 'Content-Type: application/json' -d 'user=ann&password=x' {LOGIN}")).status(400, &[]),
            "Most likely: the body is a form labelled application/json, which a JSON parser refuses; send JSON, or drop the JSON Content-Type.",
        ),
        (
            "JSON as text/plain",
            In::curl(&format!(r#"curl -H 'Content-Type: text/plain' -d '{{"refresh_token":"r1"}}' {TOKEN_URL}"#)).status(415, &[]),
            "Most likely: the JSON body goes out with Content-Type text/plain, so the server may not parse it; send `Content-Type: application/json`.",
        ),
        (
            "an unset token variable",
            In::curl(&format!(r#"curl -H "Authorization: Bearer $API_TOKEN" {ORDERS}"#)).www(401, RFC6750_NO_AUTH),
            "Most likely: the credential comes from the shell variable API_TOKEN; if it is unset where the command runs, the request carries `Authorization: Bearer ` with an empty token; check it with `echo \"${API_TOKEN:?unset}\"`.",
        ),
        (
            "the page sent the variable's name",
            In::curl(&format!(r#"curl -H "Authorization: Bearer ${{API_TOKEN}}" {ORDERS}"#)).answer(401, &[], Source::Fetched { cross_origin: false }),
            "Most likely: this page sent the text `${API_TOKEN}` instead of a credential: a browser cannot fill in API_TOKEN; paste its value, or run the exported curl in your shell.",
        ),
        (
            "a password split at &",
            In::curl(&format!("curl -d 'user=ann&password=p&ss' {LOGIN}")).status(401, &[]),
            "Probably: the form field password has an '&' that splits it in two; send it with `--data-urlencode`.",
        ),
        (
            "GET with a body",
            In::curl(&format!("curl -X GET -d 'grant_type=client_credentials&client_id=app' {TOKEN_URL}")).status(400, &[]),
            "Most likely: the GET request carries a body, which servers ignore; send the data in the query (`-G`) or use POST.",
        ),
        (
            "--location-trusted",
            In::curl(&format!("curl --location-trusted -u app:s3cret {ORDERS}")).status(200, &[]),
            "Possibly: the command would send the -u credentials to any host a redirect names (--location-trusted); call the final URL directly.",
        ),
    ];
    for (name, input, verdict) in cases {
        let r = input.report();
        assert_eq!(r.verdict, verdict, "{name}: {:?}", r.ranked.iter().map(|x| x.finding.code()).collect::<Vec<_>>());
    }
}

#[test]
fn send_with_a_value_given_did_not_send_the_variables_name() {
    let fetched = Source::Fetched { cross_origin: false };
    let finding = |input: In| {
        let r = input.report();
        let f = &r.ranked[position(&r, "credential_from_variable")];
        (f.likelihood, f.finding.evidence.clone(), r.verdict.clone())
    };
    // Send used the value given under Shell variables (it sends `Request::expanded()`).
    let given = In::curl(&format!(r#"curl -H "Authorization: Bearer $API_TOKEN" {ORDERS}"#))
        .var("API_TOKEN", "t0k")
        .answer(401, &[], fetched.clone());
    let (likely, evidence, verdict) = finding(given);
    assert_eq!(likely, Likelihood::Low, "{evidence}");
    assert!(!evidence.contains("had no value") && !verdict.contains("this page sent the text"), "{verdict}");
    assert!(evidence.contains("If API_TOKEN is unset") && evidence.contains("Send filled in"), "{evidence}");
    // Only the variable without a value went out as text.
    let half = In::curl(&format!(r#"curl -u "$CLIENT_ID:$CLIENT_SECRET" {ORDERS}"#)).var("CLIENT_ID", "app").answer(
        401,
        &[],
        fetched,
    );
    let (likely, evidence, _) = finding(half);
    assert_eq!(likely, Likelihood::High);
    assert!(
        evidence.contains("fill in the value of CLIENT_SECRET,") && evidence.contains("the text `${CLIENT_SECRET}`"),
        "{evidence}"
    );
}

#[test]
fn evidence_names_the_bytes_and_never_a_secret() {
    let evidence = |input: In, code: &str| {
        let r = input.report();
        r.ranked[position(&r, code)].finding.evidence.clone()
    };
    let e = evidence(
        In::curl(&format!(r#"curl -d '{{"user":"ann","password":"open sesame"}}' {LOGIN}"#)),
        "json_sent_as_form",
    );
    assert!(
        e.contains("`{\"user\":\"ann\",\"password\":…`")
            && e.contains("application/x-www-form-urlencoded")
            && !e.contains("open sesame"),
        "{e}"
    );
    let e = evidence(In::curl(&format!("curl -d 'q=1+1&page=2' {SEARCH}")), "form_value_not_encoded");
    assert!(e.contains("`q=1+1`") && e.contains("(`1 1`)"), "{e}");
    let e = evidence(In::curl(&format!("curl -d 'user=ann&password=hunter+2' {LOGIN}")), "form_value_not_encoded");
    assert!(e.contains("the value of password") && !e.contains("hunter"), "{e}");
    let e = evidence(In::curl(&format!(r#"curl -H "X-Api-Key: $KEY" {ORDERS}"#)), "credential_from_variable");
    assert!(e.contains("no X-Api-Key header at all"), "{e}");
    let e = evidence(In::curl(&format!(r#"curl -u "$USER:$API_PASSWORD" {ORDERS}"#)), "credential_from_variable");
    assert!(e.contains("If API_PASSWORD is unset") && e.contains("USER is always set"), "{e}");
    // A JSON body sits in single quotes, where the shell expands nothing.
    let e = evidence(
        In::curl(&format!(r#"curl --json '{{"refresh_token":"$RT"}}' {TOKEN_URL}"#)),
        "credential_from_variable",
    );
    assert!(e.contains("single quotes"), "{e}");
    // A trace that shows curl -L took the token to another host.
    let leaked = In::curl(&format!("curl --location-trusted -H 'Authorization: Bearer {}' {ORDERS}", good()))
        .www(401, RFC6750_NO_AUTH)
        .hop(302, "GET", ORDERS, "https://cdn.example.net/orders")
        .sent(&[("Host", "cdn.example.net"), ("Authorization", "Bearer eyJ...")]);
    let r = leaked.report();
    let f = &r.ranked[position(&r, "redirect_leaks_credentials")];
    assert_eq!(f.likelihood, Likelihood::Medium);
    assert!(f.finding.evidence.contains("https://cdn.example.net"), "{}", f.finding.evidence);
    assert!(!r.ranked.iter().any(|x| x.finding.code() == "redirect_dropped_authorization"), "nothing was dropped");
    // curl -L over http → https: the fix names the final URL.
    let r = curl_upgrade(true).report();
    let f = &r.ranked[position(&r, "redirect_dropped_authorization")].finding;
    assert!(f.evidence.contains("-L") && f.fix.contains("https://api.example.com/v1/orders"), "{f:?}");
}

#[test]
fn commands_that_are_right_fire_none_of_the_command_codes() {
    let t = good();
    let commands = [
        format!("curl -H 'Authorization: Bearer {t}' -H 'Content-Type: application/json' -d '{{\"a\":1}}' {ORDERS}"),
        format!(
            "curl --json '{{\"filter\":{{\"$gt\":1}},\"query\":\"query($id: ID!) {{ node(id: $id) }}\"}}' {ORDERS}"
        ),
        format!("curl -d 'grant_type=client_credentials&scope=orders%3Aread' -u app:s3cret {TOKEN_URL}"),
        format!("curl --data-urlencode 'password=p&ss+w%rd' --data-urlencode 'user=ann' {LOGIN}"),
        // What a browser's form sends, as DevTools copies it: a space is a `+`.
        format!(
            "curl '{SEARCH}' -H 'content-type: application/x-www-form-urlencoded' --data-raw 'q=hello+world&lang=en'"
        ),
        format!("curl -G --data-urlencode 'q=a b' {SEARCH}"),
        format!("curl -L -H 'Authorization: Bearer {t}' {ORDERS}"),
        format!("curl -F 'file=@x.txt' -F 'title=Doc' -H 'Authorization: Bearer {t}' {ORDERS}"),
        format!("curl -H 'X-Price: $5' -H 'Authorization: Bearer {t}' {ORDERS}"),
    ];
    for command in commands {
        let input = In::curl(&command);
        let fired: Vec<&str> = input.codes().into_iter().filter(|c| COMMAND_CODES.contains(c)).collect();
        assert!(fired.is_empty(), "{command}: {fired:?}");
    }
}

#[test]
fn a_command_with_l_gets_curl_s_redirect_check() {
    let titles = |i: In| i.report().script_checks.into_iter().map(|c| c.title).collect::<Vec<_>>();
    let command = |l: &str| {
        In::curl(&format!("curl {l}-H 'Authorization: Bearer {}' {ORDERS}", good())).www(401, RFC6750_NO_AUTH)
    };
    let with_l = titles(command("-L "));
    assert!(
        with_l.iter().any(|t| t.starts_with("curl -L drops")) && !with_l.iter().any(|t| t.starts_with("Redirects")),
        "{with_l:?}"
    );
    let without = titles(command(""));
    assert!(without.iter().any(|t| t.starts_with("Redirects")), "{without:?}");
}

/// An unexplained 401 names the checks that would tell the causes apart for this request.
#[test]
fn unexplained_lists_the_checks_for_this_request() {
    let fix = |i: In| {
        let r = i.report();
        let f = r.ranked.iter().find(|x| x.finding.code() == "unexplained_401").expect("unexplained_401");
        f.finding.fix.clone()
    };
    let jwt = fix(In::api().bearer(&good()).status(401, &[]).resp_body(r#"{"message":"Request failed"}"#));
    assert!(jwt.starts_with("Check, in order: that the API expects this issuer and audience (iss "), "{jwt}");
    // A body that is only the status text, with no challenge: first, did the header get through?
    for bare in ["", "Unauthorized\n"] {
        let proxied = fix(In::api().bearer(&good()).status(401, &[]).resp_body(bare));
        assert!(
            proxied.starts_with("Check, in order: whether the Authorization header reaches the code that checks it"),
            "{proxied}"
        );
        assert!(proxied.contains("; that the API expects this issuer and audience"), "{proxied}");
    }
    let key = fix(In::api().header("X-Api-Key", "k-123").status(401, &[]));
    assert!(key.starts_with("Check, in order: that X-Api-Key is the name this API reads its key from"), "{key}");
    let nothing_known = fix(In::default().status(401, &[]));
    assert!(nothing_known.starts_with("Check, in order: paste the request"), "{nothing_known}");
}

/// Words that look like a token's reason but are not about one, and hosts that refuse more
/// than keys: none of these is read as the token's or the key's problem.
#[test]
fn lookalike_words_are_not_a_tokens_reason() {
    let json = |status: u16, body: &str| (status, body.to_string());
    type Case<'a> = (&'a str, In, (u16, String), &'a [&'a str]);
    let cases: Vec<Case> = vec![
        (
            "a password expired",
            In::api().auth(Auth::Basic { user: "alice".into(), password: "pw".into() }),
            json(403, r#"{"message":"Your password has expired"}"#),
            &["token_expired"],
        ),
        (
            "a signed request's signature",
            In::api().header("X-MBX-APIKEY", "k-1234567890"),
            json(400, r#"{"code":-1022,"msg":"Signature for this request is not valid."}"#),
            &["signature_invalid"],
        ),
        (
            "a body that does not parse",
            In::api(),
            json(400, r#"{"message":"Unable to parse request body"}"#),
            &["token_malformed"],
        ),
        ("a CSRF token", In::api(), (403, "<pre>ForbiddenError: invalid csrf token</pre>".into()), &["invalid_token"]),
        (
            "an API key not found",
            In::api().header("api-key", "xkeysib-123"),
            json(401, r#"{"message":"Key not found","code":"unauthorized"}"#),
            &["kid_not_in_jwks"],
        ),
        (
            "Okta validating a JWT",
            In::get("https://dev-1.okta.com/oauth2/default/v1/userinfo").bearer(&good()),
            json(401, r#"{"errorCode":"invalid_token","errorSummary":"The access token is invalid."}"#),
            &["api_key_rejected"],
        ),
        (
            "Supabase's JWT expired",
            In::get("https://xyz.supabase.co/rest/v1/posts").bearer(&good()),
            json(401, r#"{"code":"PGRST301","message":"JWT expired"}"#),
            &["api_key_rejected"],
        ),
    ];
    for (name, input, (status, body), never) in cases {
        let codes = input.status(status, &[]).resp_body(&body).codes();
        for code in never {
            assert!(!codes.contains(code), "{name}: {code} in {codes:?}");
        }
    }
}

/// A Basic user name that is itself a secret (Stripe's `-u sk_live_…:`) is masked.
#[test]
fn a_secret_user_name_is_masked() {
    let r = In::api()
        .auth(Auth::Basic { user: "sk_live_51H8abcdefghijklmnopqrstu".into(), password: String::new() })
        .www(401, r#"Basic realm="Stripe""#)
        .report();
    assert!(!r.verdict.contains("abcdefghijklmnop"), "{}", r.verdict);
    assert!(r.ranked.iter().all(|x| !x.finding.evidence.contains("abcdefghijklmnop")));
}

/// Lookalikes of the gateway and proxy shapes the gallery reads: an application's own answer,
/// a header renamed on purpose, a signed webhook, a token read from elsewhere.
#[test]
fn proxy_and_gateway_shapes_have_near_misses_that_stay_quiet() {
    let json = &[("Content-Type", "application/json")];
    // oauth2-proxy's "{}" versus Flask's `return {}, 401`.
    let proxy = In::api().bearer(&good()).status(401, json).resp_body("{}");
    assert_eq!(proxy.codes().first(), Some(&"auth_proxy_login_required"), "{:?}", proxy.codes());
    let flask = In::api()
        .status(401, &[("Content-Type", "application/json"), ("Server", "Werkzeug/3.0.1 Python/3.12.2")])
        .resp_body("{}");
    assert!(!flask.codes().contains(&"auth_proxy_login_required"), "{:?}", flask.codes());
    // API Gateway keeps the backend's challenge under another name: said as that, not a typo.
    let remapped = In::api().bearer(&good()).status(
        401,
        &[(
            "x-amzn-Remapped-WWW-Authenticate",
            r#"Bearer error="invalid_token", error_description="The token expired""#,
        )],
    );
    let r = remapped.report();
    assert!(r.verdict.contains("API Gateway renamed the backend's challenge"), "{}", r.verdict);
    assert!(!remapped.codes().contains(&"unexplained_401"), "{:?}", remapped.codes());
    let typo = In::api().bearer(&good()).status(401, &[("www-authentication", r#"Bearer realm="api""#)]).report();
    assert!(typo.verdict.contains("misspells its challenge header"), "{}", typo.verdict);
    // A JWT library's whole message, to a request that sent no credential at all (a webhook
    // with its own signature header), is not about a token.
    let webhook = In::curl("curl -X POST -H 'X-Hub-Signature-256: sha256=ab12' https://api.example.com/hook")
        .status(401, &[("Content-Type", "text/plain")])
        .resp_body("Invalid signature");
    assert!(!webhook.codes().contains(&"signature_invalid"), "{:?}", webhook.codes());
    let bearer =
        In::api().bearer(&good()).status(401, &[("Content-Type", "text/plain")]).resp_body("Invalid signature");
    assert_eq!(bearer.codes().first(), Some(&"signature_invalid"), "{:?}", bearer.codes());
}

#[test]
fn kong_names_the_token_it_did_not_read() {
    let kong = |token: &str, words: &str| {
        In::api()
            .bearer(token)
            .status(401, &[("Server", "kong/3.5.0")])
            .resp_body(&format!(r#"{{"message":"{words}"}}"#))
            .report()
    };
    let with_iss = kong(&token_with(r#""iss":"https://idp.example.com/""#), "No mandatory 'iss' in claims");
    assert!(
        with_iss.verdict.contains("though this token has one: it read another token first"),
        "{}",
        with_iss.verdict
    );
    let without = kong(&jws(r#"{"alg":"HS256"}"#, r#"{"sub":"alice"}"#), "No mandatory 'iss' in claims");
    assert!(without.verdict.contains("and the token has none"), "{}", without.verdict);
    let empty = kong(&token_with(r#""iss":"""#), "Invalid 'iss' in claims");
    assert_eq!(empty.ranked[0].finding.code(), "kong_jwt_key_claim_missing", "{}", empty.verdict);
}

/// A token endpoint's invalid_client says what to try next from the client authentication the
/// request used: the other method, the form-encoding of Basic, or a secret at all.
#[test]
fn invalid_client_names_the_client_authentication_sent() {
    let refused = |command: &str| {
        let r = In::curl(command)
            .status(401, &[("Content-Type", "application/json")])
            .resp_body(r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#)
            .report();
        let f = r
            .ranked
            .iter()
            .find(|x| x.finding.code() == "oauth_invalid_client")
            .expect("oauth_invalid_client")
            .finding
            .clone();
        (f.evidence, f.fix)
    };
    let (evidence, fix) =
        refused("curl -u 'app:p+ss' -d grant_type=client_credentials https://idp.example.com/oauth/token");
    assert!(evidence.ends_with("The request used client_secret_basic (Authorization: Basic)."), "{evidence}");
    assert!(fix.starts_with("If the client is registered for client_secret_post"), "{fix}");
    let (evidence, fix) = refused(
        "curl -d grant_type=client_credentials -d client_id=app -d client_secret=s https://idp.example.com/oauth/token",
    );
    assert!(evidence.ends_with("The request used client_secret_post (client_secret in the form)."), "{evidence}");
    assert!(fix.starts_with("If the client is registered for client_secret_basic"), "{fix}");
    let (evidence, _) =
        refused("curl -d grant_type=client_credentials -d client_id=app https://idp.example.com/oauth/token");
    assert!(evidence.ends_with("The request used no client authentication (a public client)."), "{evidence}");
}

/// invalid_grant read with the grant sent, and the redirect_uri to register read from the
/// request: what the response alone cannot say.
#[test]
fn token_endpoint_refusals_read_with_the_grant_sent() {
    let fix_of = |command: &str, body: &str, code: &str| {
        let r = In::curl(command).status(400, &[("Content-Type", "application/json")]).resp_body(body).report();
        let hit = r.ranked.iter().find(|x| x.finding.code() == code);
        hit.unwrap_or_else(|| panic!("{code} in {:?}", r.ranked)).finding.fix.clone()
    };
    let dead = r#"{"error":"invalid_grant","error_description":"Token is not active"}"#;
    let fix = fix_of(
        "curl -d grant_type=refresh_token -d refresh_token=old -d client_id=app https://idp.example.com/token",
        dead,
        "oauth_invalid_grant",
    );
    assert!(fix.starts_with("The request sent a refresh token.") && fix.contains("rotates refresh tokens"), "{fix}");
    let fix = fix_of(
        "curl -d grant_type=authorization_code -d code=c -d redirect_uri=https://app.example.com/cb -d client_id=app https://idp.example.com/token",
        dead,
        "oauth_invalid_grant",
    );
    assert!(fix.contains("(this request sent https://app.example.com/cb)"), "{fix}");
    assert!(fix.contains("this request sent no code_verifier"), "{fix}");
    let fix =
        fix_of("curl -d grant_type=client_credentials https://idp.example.com/token", dead, "oauth_invalid_grant");
    assert!(
        !fix.contains("The request sent a refresh token") && !fix.contains("The request redeemed a code"),
        "no grant-specific words for another grant: {fix}"
    );
    let fix = fix_of(
        "curl -d grant_type=authorization_code -d code=c -d redirect_uri=http://localhost:5173/ -d code_verifier=v https://oauth2.googleapis.com/token",
        r#"{"error":"redirect_uri_mismatch","error_description":"Bad Request"}"#,
        "oauth_redirect_uri_not_registered",
    );
    assert!(fix.starts_with("Register exactly http://localhost:5173/, the redirect_uri this request sent."), "{fix}");
}
