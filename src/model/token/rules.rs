//! Rules over what the inspector sees: the input as pasted and the decoded token.

use crate::model::findings::codes::*;
use crate::model::findings::{sort, Finding};
use crate::model::keys::certificate;
use crate::model::time::{self, Clock, Secs};
use crate::model::token::claims::{self, Validity};
use crate::model::token::idp::{self, TokenUse};
use crate::model::token::input::{Extracted, Removed};
use crate::model::token::inspect::Inspection;
use crate::model::token::jose::{Jws, Kind, Part, Payload, Token};
use serde_json::{Map, Value};

/// NumericDate values above this are milliseconds: as seconds they would be past year 5138.
const MILLISECONDS_THRESHOLD: f64 = 1.0e11;

pub fn for_token(inspection: &Inspection, clock: Clock) -> Vec<Finding> {
    let mut out = Vec::new();
    if inspection.is_empty() {
        return out;
    }
    input_rules(&inspection.extracted, &mut out);
    if inspection.basic.is_none() {
        structure_rules(&inspection.token, &mut out);
        if let Some(header) = inspection.token.header() {
            certificate_rules(header, clock, &mut out);
        }
        if let Some(claims) = inspection.token.claims() {
            time_rules(claims, clock, &mut out);
            use_rules(inspection.token.header(), claims, &mut out);
        }
    }
    sort(&mut out);
    out
}

fn input_rules(extracted: &Extracted, out: &mut Vec<Finding>) {
    for removed in &extracted.removed {
        match removed {
            Removed::SchemeRepeated { scheme, times } => out.push(Finding::new(
                BEARER_PREFIX_DUPLICATED,
                format!("The value starts with \"{scheme}\" {times} times: the server sees \"{scheme}\" as the token."),
            )),
            Removed::SchemeWithoutSpace(s) => out.push(Finding::new(
                BEARER_MISSING_SPACE,
                format!("\"{s}\" is glued to the token; the server cannot tell the scheme from the token."),
            )),
            Removed::Scheme(s) if s.eq_ignore_ascii_case("bearer") && s != "Bearer" => {
                out.push(Finding::new(BEARER_LOWERCASE, format!("The scheme is written \"{s}\".")))
            }
            Removed::Quotes(q) => out.push(Finding::new(
                TOKEN_QUOTED,
                format!("The token is wrapped in {q}…{q}; the quotes would be sent as part of it."),
            )),
            Removed::PercentEncoding { count, first } => out.push(Finding::new(
                TOKEN_URL_ENCODED,
                format!("{count} percent-escape(s) in the token, the first is {first}; the server would receive them literally."),
            )),
            Removed::InnerWhitespace { count, first_at } => out.push(Finding::new(
                TOKEN_WHITESPACE,
                format!("{count} whitespace character(s) inside the token, the first at character {first_at}."),
            )),
            Removed::SurroundingLineBreaks { count } => out.push(Finding::new(
                TOKEN_WHITESPACE,
                format!("{count} line break(s) before or after the token. Harmless if they only came with your copy; a token read from a file or environment variable keeps them and breaks the header."),
            )),
            Removed::HeaderName(name) if is_typo_of_authorization(name) => out.push(Finding::new(
                HEADER_NAME_TYPO,
                format!("The header is named \"{name}\"."),
            )),
            _ => {}
        }
    }
}

fn is_typo_of_authorization(name: &str) -> bool {
    matches!(name.to_ascii_lowercase().as_str(), "authorisation" | "authentication" | "auth" | "x-authorization")
}

fn structure_rules(token: &Token, out: &mut Vec<Finding>) {
    if let Some(shape) = &token.shape_error {
        out.push(Finding::new(TOKEN_MALFORMED, format!("{}.", capitalise(&shape.to_string()))));
    }
    for problem in &token.problems {
        out.push(Finding::new(TOKEN_MALFORMED, format!("{}.", capitalise(&problem.to_string()))));
    }
    if !token.non_url_safe.is_empty() {
        let where_ = token
            .non_url_safe
            .iter()
            .map(|(part, e)| format!("the {} {e}", part.name()))
            .collect::<Vec<_>>()
            .join("; ");
        out.push(Finding::new(
            BASE64_NOT_URL_SAFE,
            format!("{}. It was decoded anyway so you can read it.", capitalise(&where_)),
        ));
    }
    match &token.kind {
        Kind::Jws(jws) => jws_rules(token, jws, out),
        Kind::Jwe(jwe) => {
            let alg = jwe.header.as_ref().and_then(|h| h.get("alg")).map_or("?".into(), Value::to_string);
            let enc = jwe.header.as_ref().and_then(|h| h.get("enc")).map_or("?".into(), Value::to_string);
            out.push(Finding::new(
                JWE_NOT_READABLE,
                format!("5 parts; header alg = {alg}, enc = {enc}; {} bytes of ciphertext.", jwe.ciphertext_len),
            ));
        }
        Kind::KnownOpaque(kind) if !kind.usable_as_access_token => out.push(
            Finding::new(WRONG_CREDENTIAL_TYPE, format!("This is a {} {} (prefix \"{}\").", kind.vendor, kind.what, kind.prefix))
                .with_fix(kind.note),
        ),
        Kind::KnownOpaque(kind) => out.push(Finding::new(
            OPAQUE_TOKEN,
            format!("This is a {} {} (prefix \"{}\").", kind.vendor, kind.what, kind.prefix),
        )),
        Kind::UnknownOpaque => out.push(Finding::new(
            OPAQUE_TOKEN,
            format!("{} characters, not a JWT (JWTs are 3 or 5 base64url parts starting with \"eyJ\") and no known vendor prefix.", token.text.chars().count()),
        )),
        Kind::Malformed => {}
    }
}

fn jws_rules(token: &Token, jws: &Jws, out: &mut Vec<Finding>) {
    let alg = token.alg();
    let signature_empty = token.range_of(Part::Signature).is_some_and(|r| r.is_empty());
    if alg.is_some_and(|a| a.eq_ignore_ascii_case("none")) {
        let sig = if signature_empty { "and the signature part is empty" } else { "yet a signature is attached" };
        out.push(Finding::new(ALG_NONE, format!("Header alg = \"{}\" {sig}.", alg.unwrap_or_default())));
    } else if signature_empty && jws.header.is_some() {
        out.push(Finding::new(
            SIGNATURE_MISSING,
            format!("Header alg = \"{}\" but nothing follows the last dot.", alg.unwrap_or("?")),
        ));
    }
    let what = match &jws.payload {
        Some(Payload::Text(t)) if t.is_empty() => Some("The payload is empty (detached content?).".to_string()),
        Some(Payload::Text(t)) => Some(format!(
            "The payload is {} characters of plain text: \"{}\".",
            t.chars().count(),
            crate::model::json::truncate_chars(t, 60)
        )),
        Some(Payload::Binary(b)) => Some(format!("The payload is {} bytes of binary data, not UTF-8 text.", b.len())),
        Some(Payload::OtherJson(v)) => Some(format!("The payload is JSON but a {}, not an object.", json_kind(v))),
        _ => None,
    };
    // A payload that was meant to be JSON but is broken, or a token that is broken anyway, is
    // already reported: calling its garbage "not JSON" would only add noise.
    let payload_reported = token.shape_error.is_some()
        || token.problems.iter().any(|p| p.part == Part::Payload)
        || token.non_url_safe.iter().any(|(p, _)| *p == Part::Payload);
    if let (Some(what), false) = (what, payload_reported) {
        out.push(Finding::new(PAYLOAD_NOT_JSON, what));
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "list",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Null => "null",
        Value::Object(_) => "object",
    }
}

/// The validity of each certificate in the header's x5c, against the page's clock.
fn certificate_rules(header: &Map<String, Value>, clock: Clock, out: &mut Vec<Finding>) {
    for (i, cert) in certificate::chain(header).iter().enumerate() {
        let Ok(c) = cert else { continue };
        let evidence = match (c.not_before, c.not_after) {
            (_, Some(after)) if after + clock.leeway < clock.now => format!(
                "x5c[{i}] ({}) expired {} (notAfter {}).",
                c.subject,
                time::relative(after, clock.now),
                time::format_utc(after)
            ),
            (Some(before), _) if before > clock.now + clock.leeway => format!(
                "x5c[{i}] ({}) is valid only from {} (notBefore {}).",
                c.subject,
                time::relative(before, clock.now),
                time::format_utc(before)
            ),
            _ => continue,
        };
        out.push(Finding::new(X5C_CERTIFICATE_EXPIRED, evidence));
    }
}

fn time_rules(claims: &Map<String, Value>, clock: Clock, out: &mut Vec<Finding>) {
    let mut millis = false;
    for name in claims::TIME_CLAIMS {
        let Some(value) = claims.get(name) else { continue };
        match value.as_f64() {
            None => out.push(
                Finding::new(
                    TIME_CLAIM_NOT_NUMERIC,
                    format!("{name} = {value}: a {}, not a number of seconds.", json_kind(value)),
                )
                .on_claim(name),
            ),
            Some(v) if v > MILLISECONDS_THRESHOLD => {
                millis = millis || name == "exp" || name == "nbf";
                let as_ms = time::format_utc((v / 1000.0) as Secs);
                out.push(
                    Finding::new(EXP_IN_MILLISECONDS, format!("{name} = {value}: read as milliseconds that is {as_ms}; read as seconds, as servers do, it is absurdly far in the future."))
                        .on_claim(name),
                );
            }
            Some(_) => {}
        }
    }
    if millis {
        return;
    }
    let leeway_note =
        |clock: Clock| if clock.leeway > 0 { format!(" (with {} s leeway)", clock.leeway) } else { String::new() };
    match claims::validity(claims, clock) {
        Validity::Expired { ago } => {
            let exp = clock.now - ago;
            out.push(
                Finding::new(
                    TOKEN_EXPIRED,
                    format!(
                        "exp = {exp} ({}): expired {}{}.",
                        time::format_utc(exp),
                        time::relative(exp, clock.now),
                        leeway_note(clock)
                    ),
                )
                .on_claim("exp"),
            );
        }
        Validity::NotYetValid { starts_in } => {
            let nbf = clock.now + starts_in;
            out.push(
                Finding::new(
                    TOKEN_NOT_YET_VALID,
                    format!(
                        "nbf = {nbf} ({}): becomes valid {}{}.",
                        time::format_utc(nbf),
                        time::relative(nbf, clock.now),
                        leeway_note(clock)
                    ),
                )
                .on_claim("nbf"),
            );
        }
        Validity::NoExpiry if !claims.contains_key("exp") => {
            out.push(Finding::new(NO_EXPIRY, "The payload has no exp claim."))
        }
        _ => {}
    }
    if let Some(iat) = claims.get("iat").and_then(time::numeric_date) {
        if iat > clock.now + clock.leeway + time::ISSUE_ROUNDING {
            out.push(
                Finding::new(
                    IAT_IN_FUTURE,
                    format!(
                        "iat = {iat} ({}) is {} from now{}.",
                        time::format_utc(iat),
                        time::human_duration((iat - clock.now) as u64),
                        leeway_note(clock)
                    ),
                )
                .on_claim("iat"),
            );
        }
    }
}

fn use_rules(header: Option<&Map<String, Value>>, claims: &Map<String, Value>, out: &mut Vec<Finding>) {
    let (usage, evidence) = idp::token_use(header, claims);
    match usage {
        TokenUse::Id => out.push(Finding::new(ID_TOKEN_AS_ACCESS_TOKEN, format!("It {evidence}."))),
        TokenUse::Refresh => out.push(Finding::new(REFRESH_TOKEN_AS_ACCESS_TOKEN, format!("It has {evidence}."))),
        TokenUse::Access | TokenUse::Unknown => {
            let typ = header.and_then(|h| h.get("typ"));
            let typed = typ
                .and_then(Value::as_str)
                .is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "at+jwt" | "application/at+jwt"));
            if !typed {
                let seen = typ.map_or("no typ".to_string(), |t| format!("typ = {t}"));
                out.push(Finding::new(NOT_RFC9068_ACCESS_TOKEN, format!("The header has {seen}.")));
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
