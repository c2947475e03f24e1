//! Rules over the body's bytes and the label on them: JSON sent as a form (curl's `-d`
//! default), a form labelled JSON, JSON under a Content-Type that is not JSON, form values
//! whose `&`, `+` or `%` change what the server reads, and a body on GET or HEAD. They read the
//! bytes that go out (`Request::body_text`), never the editor the body is shown in.

use super::facts::Facts;
use super::mask::secret_param;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use crate::model::request::urlencoded::{self, Piece};
use crate::model::request::{BodyKind, Request};
use serde_json::Value;

const FORM: &str = "application/x-www-form-urlencoded";

/// How many characters of the body the evidence quotes.
const START: usize = 40;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(req) = f.request else { return };
    get_with_body(f, req, hits);
    let Some(body) = f.body_text() else { return };
    let json = parse_json(&body);
    let ct = f.content_type();
    match (ct.as_deref(), &json) {
        (Some(FORM), Some(v)) => json_sent_as_form(f, &body, v, hits),
        (Some(FORM), None) => form_values(f, &body, hits),
        (Some(ct), None) if is_json_type(ct) => form_sent_as_json(f, ct, &body, hits),
        (ct, Some(_)) if !ct.is_some_and(|c| is_json_type(c) || c.starts_with("multipart/")) => {
            json_without_json_type(f, ct, &body, hits)
        }
        _ => {}
    }
}

/// A JSON object or array: what a JSON API expects and a form parser cannot read.
fn parse_json(text: &str) -> Option<Value> {
    serde_json::from_str::<Value>(text.trim()).ok().filter(|v| v.is_object() || v.is_array())
}

/// `application/json`, `application/vnd.api+json`, `application/x-ndjson`, `text/json`.
fn is_json_type(essence: &str) -> bool {
    essence.contains("json")
}

/// Likelier when the server refused in the ways a body it cannot read makes it refuse; a
/// request not sent yet can only be at risk.
fn unreadable_likelihood(f: &Facts) -> Likelihood {
    match f.status {
        None | Some(400 | 401 | 403 | 415 | 422) => Likelihood::High,
        Some(s) if s >= 400 => Likelihood::Medium,
        Some(_) => Likelihood::Low,
    }
}

/// The body's first characters for the evidence, cut before the value of the first field named
/// like a secret (`"password":`, `client_secret=`), so a ticket never shows part of one.
pub fn body_start(text: &str) -> String {
    let t = text.trim();
    let mut cut = t.len();
    if let Some(json) = parse_json(t) {
        let mut keys = Vec::new();
        secret_keys(&json, &mut keys);
        for key in keys {
            let quoted = format!("\"{key}\"");
            if let Some(at) = t.find(&quoted) {
                let after = at + quoted.len();
                let colon = t[after..].find(':').map_or(after, |c| after + c + 1);
                cut = cut.min(colon);
            }
        }
    } else {
        let mut offset = 0;
        for piece in t.split('&') {
            if let Some((name, _)) = piece.split_once('=') {
                if secret_param(&urlencoded::decode_component(name), &[]) {
                    cut = cut.min(offset + name.len() + 1);
                    break;
                }
            }
            offset += piece.len() + 1;
        }
    }
    let head = clip(&t[..cut]);
    if cut < t.len() && !head.ends_with('…') {
        format!("{head}…")
    } else {
        head
    }
}

/// The names, at any depth, of JSON fields named like a secret.
fn secret_keys<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if secret_param(k, &[]) {
                    out.push(k);
                }
                secret_keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| secret_keys(i, out)),
        _ => {}
    }
}

/// At most `START` characters, with `…` when some were cut.
fn clip(s: &str) -> String {
    match s.char_indices().nth(START) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The top-level field names of a JSON object, for the evidence: names, never values.
fn json_keys(v: &Value) -> Option<String> {
    let map = v.as_object()?;
    let mut names: Vec<String> = map.keys().take(4).map(|k| format!("\"{k}\"")).collect();
    if map.len() > 4 {
        names.push("…".into());
    }
    (!names.is_empty()).then(|| names.join(", "))
}

fn json_sent_as_form(f: &Facts, body: &str, json: &Value, hits: &mut Vec<Hit>) {
    // A token request in JSON: `token_request_not_form` says it, with the token endpoint's fix.
    if json.get("grant_type").and_then(Value::as_str).is_some() {
        return;
    }
    let start = body_start(body);
    let lost =
        json_keys(json).map(|k| format!(", so none of its fields ({k}) reach the application")).unwrap_or_default();
    hits.push(
        Hit::new(
            JSON_SENT_AS_FORM,
            format!("The body is JSON (`{start}`) but its Content-Type is `{FORM}`, which curl's `-d` sends unless told otherwise: a form parser reads the whole text as one field name with no value{lost}."),
            unreadable_likelihood(f),
        )
        .headline(format!("the JSON body is labelled {FORM} (curl's -d default), so the server reads it as one form field; add `-H 'Content-Type: application/json'` or use `--json`")),
    );
}

fn form_sent_as_json(f: &Facts, ct: &str, body: &str, hits: &mut Vec<Hit>) {
    let t = body.trim();
    if t.starts_with(['{', '[']) || !urlencoded::looks_like_form(t) {
        return;
    }
    let start = body_start(t);
    hits.push(
        Hit::new(
            FORM_SENT_AS_JSON,
            format!("The Content-Type is `{ct}` but the body is a form (`{start}`): a JSON parser fails at its first byte, so the server answers 400 or reads no fields, credentials included."),
            unreadable_likelihood(f),
        )
        .headline(format!("the body is a form labelled {ct}, which a JSON parser refuses; send JSON, or drop the JSON Content-Type")),
    );
}

fn json_without_json_type(f: &Facts, ct: Option<&str>, body: &str, hits: &mut Vec<Hit>) {
    let start = body_start(body);
    let (label, evidence) = match ct {
        None => (
            "no Content-Type".to_string(),
            format!("The body is JSON (`{start}`) and the request sends no Content-Type, as `data=json.dumps(…)` in Python requests does: frameworks that parse a body only under a JSON Content-Type (Express, Flask, ASP.NET) read no fields from it."),
        ),
        Some(ct) => (
            format!("Content-Type {ct}"),
            format!("The body is JSON (`{start}`) but its Content-Type is `{ct}`: frameworks that parse a body only under a JSON Content-Type (Express, Flask, ASP.NET) read no fields from it."),
        ),
    };
    let likely = match f.status {
        Some(415) => Likelihood::High,
        None | Some(400 | 401 | 403 | 422) => Likelihood::Medium,
        _ => Likelihood::Low,
    };
    hits.push(Hit::new(JSON_WITHOUT_JSON_CONTENT_TYPE, evidence, likely).headline(format!(
        "the JSON body goes out with {label}, so the server may not parse it; send `Content-Type: application/json`"
    )));
}

/// What an unencoded byte in one form piece does to it.
enum Slip {
    /// `+` that a form decoder reads as a space, where a space is unlikely to be meant.
    Plus,
    /// `%` not followed by two hex digits.
    Percent(String),
    /// A piece without `=` after a field with one: an `&` that was inside the field's value.
    Split { bare: String },
}

/// Form values whose bytes say something else to a form decoder than they seem to: `+` is a
/// space, `&` ends the field, `%` starts an escape. A value curl's `--data-urlencode` wrote
/// means what it says: curl encoded it.
fn form_values(f: &Facts, body: &str, hits: &mut Vec<Hit>) {
    let mut pieces = urlencoded::split(body.trim());
    if !pieces.iter().any(|p| p.raw_value().is_some()) {
        return;
    }
    // Trimming takes no `&`: the body's enabled form pieces are these, one for one.
    if let Some(req) = f.request.filter(|r| r.body.kind == BodyKind::Form) {
        let sent: Vec<&Piece> = req.body.form.iter().filter(|p| p.enabled).collect();
        if sent.len() == pieces.len() {
            pieces.iter_mut().zip(sent).for_each(|(p, s)| p.encoded = s.encoded);
        }
    }
    let mut found = 0;
    for (i, piece) in pieces.iter().enumerate() {
        let mut slips = Vec::new();
        if let Some(value) = piece.raw_value().filter(|_| !piece.encoded) {
            if plus_misread(&piece.name(), value) {
                slips.push(Slip::Plus);
            }
            if let Some(bad) = bad_escape(value) {
                slips.push(Slip::Percent(bad));
            }
            let next = pieces.get(i + 1).filter(|n| n.raw_value().is_none() && !n.raw.is_empty());
            if let Some(next) = next {
                slips.push(Slip::Split { bare: next.raw.clone() });
            }
        }
        if slips.is_empty() {
            continue;
        }
        hits.push(form_hit(f, piece, &slips));
        found += 1;
        if found == 3 {
            break;
        }
    }
}

/// A `+` that is unlikely to stand for a space: in a secret, at the start (`+4930…`), next to a
/// digit or symbol, joining single letters (`a+b`), or in base64-looking text. A `+` between
/// words (`hello+world`, as browsers encode a space) is left alone.
fn plus_misread(name: &str, value: &str) -> bool {
    if !value.contains('+') {
        return false;
    }
    if secret_param(name, &[]) || value.starts_with('+') || value.contains(['/', '=']) {
        return true;
    }
    // Escapes read as the characters they stand for: `caf%C3%A9+au` joins two words.
    let value = urlencoded::decode_component(&value.replace('+', "%2B"));
    value.match_indices('+').any(|(i, _)| {
        let left = value[..i].chars().rev().take_while(|c| c.is_alphanumeric()).collect::<Vec<_>>();
        let right = value[i + 1..].chars().take_while(|c| c.is_alphanumeric()).collect::<Vec<_>>();
        let word = |run: &[char]| run.len() >= 2 && run.iter().all(|c| c.is_alphabetic());
        !(word(&left) && word(&right))
    })
}

/// The first `%` that does not start a `%XX` escape, with what follows it.
fn bad_escape(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let at = (0..b.len())
        .find(|&i| b[i] == b'%' && !b.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)))?;
    Some(text[at..].chars().take(3).collect())
}

fn form_hit(f: &Facts, piece: &Piece, slips: &[Slip]) -> Hit {
    let name = piece.name();
    let secret = secret_param(&name, &[]);
    // A secret's bytes stay out of the evidence; its position is enough.
    let field = if secret { format!("the value of {name}") } else { format!("`{}`", clip(&piece.raw)) };
    let mut said = Vec::new();
    let mut meant = piece.raw_value().unwrap_or_default().to_string();
    for slip in slips {
        match slip {
            Slip::Plus => {
                let decoded = if secret { String::new() } else { format!(" (`{}`)", piece.value()) };
                said.push(format!("its `+` reaches the server as a space{decoded}"));
            }
            Slip::Percent(bad) => {
                said.push(format!("`{bad}` is not a %XX escape, so servers reject the body (Go, Java) or keep the `%` as typed (PHP, Python)"));
            }
            Slip::Split { bare } => {
                let shown = if secret { "the rest".to_string() } else { format!("`{bare}`") };
                said.push(format!(
                    "the `&` after it ends the field, so {shown} arrives as a separate field with no value"
                ));
                meant = format!("{meant}&{bare}");
            }
        }
    }
    // A `+` between words may well mean the space it reads as; anything else is likelier a slip.
    let plus_only = slips.iter().all(|s| matches!(s, Slip::Plus));
    let strong_plus = secret || meant.starts_with('+') || meant.contains(['/', '=']);
    let likely = if f.status.is_some_and(|s| s < 400) || (plus_only && !strong_plus) {
        Likelihood::Low
    } else {
        Likelihood::Medium
    };
    let what = match slips.first() {
        Some(Slip::Plus) => "an unencoded '+', which the server reads as a space",
        Some(Slip::Percent(_)) => "a '%' that is not an escape",
        _ => "an '&' that splits it in two",
    };
    let fix_value = if secret { "…".to_string() } else { meant };
    Hit::new(
        FORM_VALUE_NOT_ENCODED,
        format!("In the form body, {field}: {}.", said.join("; ")),
        likely,
    )
    .headline(format!("the form field {name} has {what}; send it with `--data-urlencode`"))
    .fix(format!("Let curl encode the field: `--data-urlencode '{name}={fix_value}'` instead of `-d`, which sends the bytes as typed (one `--data-urlencode` per field). By hand, write `&` as `%26`, `+` as `%2B` and `%` as `%25`. In Python pass a dict to `data=`, which encodes it."))
}

fn get_with_body(f: &Facts, req: &Request, hits: &mut Vec<Hit>) {
    if req.method.allows_body() {
        return;
    }
    let (kind, size, start) = match (req.body.kind, f.body_text()) {
        (BodyKind::Multipart, _) if req.body.fields.iter().any(|r| r.enabled) => {
            let n = req.body.fields.iter().filter(|r| r.enabled).count();
            ("multipart", format!("{n} field{}", if n == 1 { "" } else { "s" }), String::new())
        }
        (kind, Some(text)) => {
            let kind = match kind {
                BodyKind::Json => "JSON",
                BodyKind::Form => "form",
                _ => "text",
            };
            (kind, format!("{} bytes", text.len()), format!(", `{}`", body_start(&text)))
        }
        _ => return,
    };
    let token = f.sent_field("grant_type").is_some()
        || f.body_text().is_some_and(|t| t.contains("grant_type"))
        || f.url.as_ref().is_some_and(|u| {
            u.path_and_query.split('?').next().unwrap_or("").trim_end_matches('/').ends_with("/token")
        });
    let method = req.method;
    let mut evidence = format!("The method is {method} and the request carries a {kind} body ({size}{start}): a body on {method} has no defined meaning, so most servers never read it.");
    if token {
        evidence.push_str(" A token endpoint reads its parameters from a POST body only.");
    }
    let likely = match f.status {
        _ if token => Likelihood::High,
        Some(s) if s < 400 => Likelihood::Low,
        _ => Likelihood::Medium,
    };
    hits.push(Hit::new(GET_WITH_BODY, evidence, likely).headline(format!(
        "the {method} request carries a body, which servers ignore; send the data in the query (`-G`) or use POST"
    )));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_a_body_never_shows_a_secret() {
        assert_eq!(body_start(r#"{"a":1}"#), r#"{"a":1}"#);
        assert_eq!(body_start(r#"{"user":"ann","password":"open sesame"}"#), r#"{"user":"ann","password":…"#);
        assert_eq!(body_start("user=ann&client_secret=s3cr3t&x=1"), "user=ann&client_secret=…");
        assert_eq!(body_start(r#"[{"login":{"password":"pw"}}]"#), r#"[{"login":{"password":…"#);
        assert_eq!(body_start(&format!("q={}", "x".repeat(60))).chars().count(), START + 1);
    }

    #[test]
    fn pluses_that_mean_a_space_are_left_alone() {
        assert!(
            !plus_misread("q", "hello+world") && !plus_misread("q", "caf%C3%A9+au+lait") && !plus_misread("q", "a b")
        );
        for (name, value) in [
            ("q", "a+b"),
            ("q", "1+1"),
            ("q", "x+"),
            ("phone", "+4930123"),
            ("sig", "ab+c/d=="),
            ("password", "pass+word"),
        ] {
            assert!(plus_misread(name, value), "{name}={value}");
        }
        assert_eq!(bad_escape("100%"), Some("%".into()));
        assert_eq!(bad_escape("%zz1"), Some("%zz".into()));
        assert_eq!(bad_escape("a%20b%C3%A9"), None);
    }
}
