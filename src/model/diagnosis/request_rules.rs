//! Rules over what the request itself sent: how the Authorization header is written, typo'd
//! header names, credentials sent twice, and token requests built the wrong way.

use super::facts::{credential_of, scheme_of, Carrier, Facts, AUTHORIZATION_TYPOS};
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use crate::model::request::basic::{self, Latin1Difference};
use crate::model::request::{Auth, BodyKind};
use crate::model::token::input::Removed;
use crate::model::token::inspect;
use crate::model::token::rules::for_token;
use crate::model::variables;

/// What scripts put in the header when the variable holding the token was never set.
const PLACEHOLDERS: &[&str] =
    &["", "undefined", "null", "none", "nil", "nan", "[object object]", "<token>", "{token}", "your_token", "token"];

/// Token codes that describe how the header value is written.
const SHAPE_CODES: &[&str] =
    &["bearer_prefix_duplicated", "bearer_missing_space", "bearer_lowercase", "token_quoted", "token_whitespace"];

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    typo_header(f, hits);
    if let Some((scheme, value)) = f.authorization() {
        value_shape(f, scheme, value, hits);
    }
    sent_twice(f, hits);
    replaced(f, hits);
    token_request(f, hits);
    basic_charset(f, hits);
}

/// Likelier when the server did refuse; a request not sent yet can only be at risk.
fn refused_or_unsent(f: &Facts) -> Likelihood {
    match f.status {
        None | Some(400 | 401 | 403) => Likelihood::High,
        Some(_) => Likelihood::Medium,
    }
}

fn typo_header(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(headers) = &f.sent_headers else { return };
    if f.authorization().is_some() {
        return;
    }
    if let Some((name, _)) =
        headers.iter().find(|(n, _)| AUTHORIZATION_TYPOS.contains(&n.trim().to_ascii_lowercase().as_str()))
    {
        let name = name.trim();
        hits.push(
            Hit::new(
                HEADER_NAME_TYPO,
                format!("The request sends a header named \"{name}\" and no Authorization header."),
                refused_or_unsent(f),
            )
            .headline(format!(
                "the credentials went in a header named \"{name}\", which servers ignore; name it Authorization"
            )),
        );
    }
}

fn value_shape(f: &Facts, scheme: Option<&str>, value: &str, hits: &mut Vec<Hit>) {
    // `Bearer $API_TOKEN` is a variable, not a token: `variable_rules` says what it sends.
    if variables::is_only_variable(value) || variables::is_only_variable(credential_of(value)) {
        return;
    }
    let likely = refused_or_unsent(f);
    // Once: a token can be a megabyte.
    let inspected = inspect::inspect(value);
    if let Some(Removed::HeaderName(name)) =
        inspected.extracted.removed.iter().find(|r| matches!(r, Removed::HeaderName(_)))
    {
        hits.push(
            Hit::new(
                HEADER_NAME_IN_VALUE,
                format!(
                    "The Authorization value starts with \"{name}:\", so the server reads \"{name}:\" as the scheme."
                ),
                likely,
            )
            .headline("the Authorization value repeats the header name; send only `Bearer <token>` as the value"),
        );
        return;
    }
    match scheme {
        Some(s) if !s.eq_ignore_ascii_case("digest") && !s.eq_ignore_ascii_case("basic") => {
            let cred = credential_of(value);
            let bare = cred.trim_matches(['"', '\'']);
            if PLACEHOLDERS.contains(&bare.to_ascii_lowercase().as_str()) {
                let what = if bare.is_empty() { "nothing".to_string() } else { format!("\"{bare}\"") };
                hits.push(
                    Hit::new(AUTHORIZATION_TOKEN_EMPTY, format!("The header is \"{s}\" followed by {what}."), likely)
                        .headline(format!("the Authorization header is \"{s}\" with {what} after it: the token variable was empty when the header was built")),
                );
                return;
            }
        }
        None if !value.trim().contains([' ', '\t']) && !value.trim().is_empty() => {
            let what = crate::model::token::summary::describe(&inspected).0;
            let wanted = f.challenge_schemes().first().map_or("Bearer".to_string(), |s| s.to_string());
            hits.push(
                Hit::new(AUTHORIZATION_SCHEME_MISSING, format!("The Authorization value is a bare credential ({what}) with no scheme before it."), likely)
                    .fix(format!("Send `Authorization: {wanted} <credential>`: the scheme, one space, then the credential. Servers split the value at the first space; without it the whole value is read as an unknown scheme."))
                    .headline(format!("the Authorization header has no scheme; send `{wanted} <token>`")),
            );
        }
        _ => {}
    }
    let shape_worthy =
        scheme.is_none_or(|s| ["bearer", "dpop", "token", "jwt"].iter().any(|t| s.eq_ignore_ascii_case(t)));
    if shape_worthy {
        for finding in for_token(&inspected, f.clock) {
            if SHAPE_CODES.contains(&finding.code()) {
                let lowercase = finding.code() == "bearer_lowercase";
                let mut finding = finding;
                finding.evidence = format!("In the request's Authorization header: {}", lower_first(&finding.evidence));
                hits.push(Hit::of(finding, if lowercase { Likelihood::Low } else { likely }));
            }
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A trace shows an Authorization with another scheme than the request sets: it was replaced
/// between the code and the wire. Only a change of scheme counts, because people shorten the
/// values in what they paste ("Bearer eyJ...").
fn replaced(f: &Facts, hits: &mut Vec<Hit>) {
    let (Some(req), true) = (f.request, f.from_trace) else { return };
    let meant = req.effective_headers().into_iter().find(|(n, _)| n.eq_ignore_ascii_case("authorization"));
    let (Some((_, meant)), Some(sent)) = (meant, f.sent_header("authorization")) else { return };
    let (Some(meant_scheme), Some(sent_scheme)) = (scheme_of(&meant), scheme_of(sent)) else { return };
    if meant_scheme.eq_ignore_ascii_case(&sent_scheme) {
        return;
    }
    let likely = if f.is_status(&[401, 403]) { Likelihood::High } else { Likelihood::Medium };
    let netrc = if sent_scheme.eq_ignore_ascii_case("basic") {
        " Basic in place of what you set is what ~/.netrc does to Python requests."
    } else {
        ""
    };
    hits.push(
        Hit::new(
            AUTHORIZATION_REPLACED,
            format!("The request sets `Authorization: {meant_scheme} …` but the trace shows `Authorization: {sent_scheme} …` was sent.{netrc}"),
            likely,
        )
        .headline(format!("your {meant_scheme} header was replaced by a {sent_scheme} one before it was sent (~/.netrc in Python requests, a proxy or an interceptor)")),
    );
}

fn sent_twice(f: &Facts, hits: &mut Vec<Hit>) {
    let mut ways = Vec::new();
    let n = f.authorization_count();
    if n > 1 {
        ways.push(format!("{n} Authorization headers"));
    } else if n == 1 {
        ways.push("an Authorization header".to_string());
    }
    for c in &f.carriers {
        match c {
            Carrier::Query(name) | Carrier::Form(name) if name == "access_token" => ways.push(c.describe()),
            _ => {}
        }
    }
    if n > 1 || ways.len() > 1 {
        let likely = if f.is_status(&[400]) || f.challenge_with_error("invalid_request").is_some() {
            Likelihood::High
        } else {
            Likelihood::Medium
        };
        hits.push(
            Hit::new(
                CREDENTIALS_SENT_TWICE,
                format!("The request carries the token as {}.", ways.join(" and ")),
                likely,
            )
            .headline("the token is sent two ways at once; keep only the Authorization header"),
        );
    }
}

fn is_token_request(f: &Facts) -> bool {
    f.sent_field("grant_type").is_some()
        || f.url
            .as_ref()
            .is_some_and(|u| u.path_and_query.split('?').next().unwrap_or("").trim_end_matches('/').ends_with("/token"))
}

fn token_request(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(req) = f.request else { return };
    let json_body = req.method.allows_body()
        && (req.body.kind == BodyKind::Json
            || req.has_header("content-type")
                && req
                    .effective_headers()
                    .iter()
                    .any(|(n, v)| n.eq_ignore_ascii_case("content-type") && v.to_ascii_lowercase().contains("json")));
    if json_body {
        let grant = serde_json::from_str::<serde_json::Value>(&req.body.text)
            .ok()
            .and_then(|v| v.get("grant_type").and_then(|g| g.as_str()).map(str::to_string));
        if let Some(grant) = grant {
            // Labelled a form (curl's `-d` default), the JSON is one field name and no grant_type.
            let labelled_form = f.content_type().as_deref() == Some("application/x-www-form-urlencoded");
            let likely =
                if labelled_form || f.is_status(&[400, 401, 415]) { Likelihood::High } else { Likelihood::Medium };
            let evidence = if labelled_form {
                format!("The body is JSON with grant_type \"{grant}\", sent with `Content-Type: application/x-www-form-urlencoded` (what curl's `-d` sends unless told otherwise): the token endpoint's form parser reads the whole JSON text as one field name, so it finds no grant_type at all.")
            } else {
                format!("The body is JSON with grant_type \"{grant}\"; token endpoints parse application/x-www-form-urlencoded.")
            };
            let hit = Hit::new(TOKEN_REQUEST_NOT_FORM, evidence, likely);
            hits.push(if labelled_form {
                hit.headline(format!("the token request's JSON went out labelled as a form (curl's -d default), so the endpoint finds no grant_type; send form fields: `-d grant_type={grant}`"))
                    .fix(format!("Send the parameters as form fields, not as JSON: `-d grant_type={grant} -d client_id=…` (or `--data-urlencode` for values with `&`, `+` or `%`). Adding `Content-Type: application/json` would not help: RFC 6749 token endpoints read only a form. In Python use `data={{…}}`, not `json=`."))
            } else {
                hit.headline("the token request is sent as JSON; token endpoints want a form (`data=`, not `json=`)")
            });
        }
    }
    if !is_token_request(f) {
        return;
    }
    let (user, password) = match &req.auth {
        Auth::Basic { user, password } => (user.as_str(), password.as_str()),
        _ => return,
    };
    let specials: Vec<char> = user
        .chars()
        .chain(password.chars())
        .filter(|c| !(c.is_ascii_alphanumeric() || "-._~".contains(*c)))
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
    if !specials.is_empty() {
        let list = specials.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ");
        hits.push(Hit::new(
            CLIENT_SECRET_NOT_FORM_ENCODED,
            format!("A token request with Basic client credentials containing {list}, which form-encoding changes; servers that decode them as RFC 6749 says see another secret."),
            Likelihood::Low,
        ));
    }
}

fn basic_charset(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(challenge) =
        f.challenges.iter().find(|c| c.is("basic") && c.charset().is_some_and(|cs| cs.eq_ignore_ascii_case("utf-8")))
    else {
        return;
    };
    let realm = challenge.realm().map(|r| format!(" (realm \"{r}\")")).unwrap_or_default();
    let sent_latin1 =
        f.token.as_deref().and_then(|t| t.basic.as_ref()).is_some_and(|b| b.as_ref().is_ok_and(|b| b.latin1));
    if sent_latin1 {
        hits.push(Hit::new(
            BASIC_CHARSET_MISMATCH,
            format!("The Basic challenge{realm} asks for charset=\"UTF-8\", and the credentials sent are not UTF-8 (they decode as Latin-1)."),
            Likelihood::High,
        ));
        return;
    }
    if let Some(Auth::Basic { user, password }) = f.request.map(|r| &r.auth) {
        let python = match basic::python_requests_difference(user, password) {
            Latin1Difference::Same => return,
            Latin1Difference::Differs { .. } => {
                "Python requests would encode them as Latin-1, so its header differs from this page's UTF-8 one"
                    .to_string()
            }
            Latin1Difference::Unencodable { ch } => {
                format!("Python requests cannot encode '{ch}' as Latin-1 and raises UnicodeEncodeError")
            }
        };
        hits.push(Hit::new(
            BASIC_CHARSET_MISMATCH,
            format!("The Basic challenge{realm} asks for charset=\"UTF-8\" and the user name or password has non-ASCII characters: {python}."),
            Likelihood::Medium,
        ));
    }
}
