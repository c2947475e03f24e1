//! The server's own words about why it refused: the challenge's `error_description`, the
//! message field of a JSON error body in the shapes frameworks, gateways and vendors use, an
//! XML `<Message>`, or a short text or HTML page's title. The verdict quotes them, and the
//! message rules read them for the reason they name.

use super::{vendor, Response};
use serde_json::Value;

/// Longest quote kept: a message past this is cut at a word boundary.
const MAX: usize = 160;

/// The words the server gave for refusing, once, without trace ids or markup.
pub fn server_words(r: &Response) -> Option<String> {
    let from_challenge = vendor::challenges(r).iter().find_map(|c| c.error_description().map(str::to_string));
    let words = from_challenge
        .or_else(|| vendor::body_json(r).and_then(|v| json_message(&v)))
        .or_else(|| xml_message(&r.body))
        .or_else(|| text_message(r))?;
    let words = words.split_whitespace().map(masked).collect::<Vec<_>>().join(" ");
    (!words.is_empty()).then(|| shorten(&words))
}

/// A word that looks like a token or key (32 or more base64url characters or dots, letters and
/// digits mixed) keeps its first 6 and last 4 characters: servers echo what they refused.
fn masked(word: &str) -> String {
    let core = word.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'));
    let secret_like = core.chars().count() >= 32
        && core.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && core.chars().any(|c| c.is_ascii_digit())
        && core.chars().any(|c| c.is_ascii_alphabetic());
    if !secret_like {
        return word.to_string();
    }
    let chars: Vec<char> = core.chars().collect();
    let shown =
        format!("{}…{}", chars[..6].iter().collect::<String>(), chars[chars.len() - 4..].iter().collect::<String>());
    word.replacen(core, &shown, 1)
}

/// The first message field found in the shapes seen in practice, most specific first.
pub fn json_message(v: &Value) -> Option<String> {
    let text =
        |v: Option<&Value>| v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let v = match v {
        // Salesforce and others answer with an array of errors.
        Value::Array(items) => items.first()?,
        v => v,
    };
    let nested = v.get("error").filter(|e| e.is_object());
    text(v.get("error_description"))
        .or_else(|| text(nested.and_then(|e| e.get("message"))))
        // simplejwt: "Given token not valid…" in detail, the reason in messages[].message.
        .or_else(|| text(v.pointer("/messages/0/message")))
        .or_else(|| text(v.pointer("/errorInfo/message")))
        .or_else(|| text(v.pointer("/fault/faultstring")))
        .or_else(|| text(v.get("message")))
        .or_else(|| text(v.get("Message")))
        .or_else(|| text(v.get("msg")))
        .or_else(|| text(v.get("detail")))
        .or_else(|| text(v.get("errorSummary")))
        .or_else(|| text(v.pointer("/errorMessages/0")))
        .or_else(|| text(v.pointer("/errors/0/message")))
        .or_else(|| text(v.get("errors")))
        .or_else(|| text(v.get("title")))
        .or_else(|| text(v.get("error")))
        .or_else(|| only_text(v))
}

/// The one string member of a small object (Kong's jwt plugin answers `{"exp":"token expired"}`).
fn only_text(v: &Value) -> Option<String> {
    let map = v.as_object()?;
    let texts: Vec<&str> = map.values().filter_map(Value::as_str).collect();
    match (map.len(), texts.as_slice()) {
        (1, [one]) => Some(one.trim().to_string()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// Whole messages that only JWT libraries write, so a token is in play though nothing else
/// says so: jsonwebtoken (Node) "invalid signature" and "invalid algorithm"; PyJWT "Signature
/// verification failed", "Signature has expired", "Invalid audience", "Invalid issuer" and "Not
/// enough segments"; golang-jwt v4 "signature is invalid".
pub fn is_jwt_library_message(words: &str) -> bool {
    const PHRASES: &[&str] = &[
        "invalid signature",
        "invalid algorithm",
        "signature verification failed",
        "signature has expired",
        "invalid audience",
        "invalid issuer",
        "not enough segments",
        "signature is invalid",
    ];
    let w = words.trim().trim_end_matches('.').to_lowercase();
    PHRASES.contains(&w.as_str())
}

/// The reason a server's words name, in the phrasings frameworks and gateways use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Revoked,
    Missing,
    NotYetValid,
    Expired,
    Audience,
    Issuer,
    KeyNotFound,
    Algorithm,
    Signature,
    Malformed,
    /// The token was refused, for no one reason the words name.
    Invalid,
}

/// What the words say is wrong with the token, or None when they name no one reason (a
/// message like "invalid or expired" names two, and guessing would mislead).
pub fn reason(words: &str) -> Option<Reason> {
    let w = words.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| w.contains(n));
    // A CSRF, page or CAPTCHA token is no credential.
    let other_token = has(&["csrf", "xsrf", "pagination", "page token", "next token", "captcha", "continuation token"]);
    let invalid = has(&["invalid", "not valid", "token_not_valid"]) && has(&["token", "jwt"]) && !other_token;
    if other_token {
        return None;
    }
    if has(&[" or expired", "expired or ", "expired, or", "invalid or "]) {
        return invalid.then_some(Reason::Invalid);
    }
    let table: [(Reason, &[&str]); 10] = [
        (Reason::Revoked, &["revoked", "blacklisted", "blocklisted"]),
        (
            Reason::Missing,
            &[
                "no authorization token",
                "missing authorization",
                "authorization header is missing",
                "authorization header missing",
                "not authenticated",
                "were not provided",
                "jwt is missing",
                "no api key",
                "missing subscription key",
                "didn't provide an api key",
                "no credentials provided",
                "no token provided",
                "header is required",
                "api key is required",
                "authentication required",
                "token is missing",
                "missing token",
                "no bearer token",
            ],
        ),
        (
            Reason::NotYetValid,
            &[
                "not yet valid",
                "idx10222",
                "jwt not active",
                "used before",
                "not valid yet",
                "before the nbf",
                "not valid before",
            ],
        ),
        (Reason::Expired, &["expired", "idx10223", "exp claim", "expiry utc time"]),
        (Reason::Audience, &["audience", "idx10214", "aud claim", "invalid aud", "'aud'", "\"aud\""]),
        (Reason::Issuer, &["issuer", "idx10205", "iss claim"]),
        (Reason::Algorithm, &["algorithm", "signing method", "invalid alg"]),
        (
            Reason::KeyNotFound,
            &[
                "idx10501",
                "no matching key",
                "to match kid",
                "signing key was not found",
                "unable to find a signing key",
                "kid not found",
                "unknown kid",
                "signing key not found",
            ],
        ),
        (Reason::Signature, &["signature", "idx10500", "idx10503", "idx10511", "jwt verification fails"]),
        (
            Reason::Malformed,
            &[
                "malformed",
                "segments",
                "serialization",
                "decoding",
                "could not be decoded",
                "not a valid jwt",
                "unable to parse",
                "idx12741",
            ],
        ),
    ];
    table.iter().find(|(_, needles)| has(needles)).map(|(r, _)| *r).or(invalid.then_some(Reason::Invalid))
}

/// Every word the response has about the refusal, for `reason`: the quoted words (`said`, what
/// `server_words` found), every
/// string of a JSON body (`messages[].message`, `errorInfo.message`, error codes such as
/// ExpiredAuthenticationToken), the raw WWW-Authenticate (also when it does not parse) and
/// the status line's reason phrase.
pub fn all_text(r: &Response, said: Option<&str>) -> String {
    fn strings(v: &Value, out: &mut Vec<String>, depth: usize) {
        match v {
            Value::String(s) if s.len() <= 500 => out.push(s.clone()),
            Value::Array(items) if depth < 4 => items.iter().for_each(|i| strings(i, out, depth + 1)),
            Value::Object(map) if depth < 4 => map.values().for_each(|i| strings(i, out, depth + 1)),
            _ => {}
        }
    }
    let mut out: Vec<String> = said.map(str::to_string).into_iter().collect();
    if let Some(v) = vendor::body_json(r) {
        strings(&v, &mut out, 0);
    }
    // A challenge that parses was read above (its error_description); one that does not is
    // read as text (Apigee writes error='invalid_token" with mismatched quotes).
    let challenges = vendor::challenges(r);
    // The error code beside the description is the server's word too (`invalid_token`).
    out.extend(challenges.iter().filter_map(|c| c.error().map(str::to_string)));
    let described = challenges.iter().any(|c| c.error_description().is_some());
    if !described {
        out.extend(r.header_values("www-authenticate").filter(|v| v.contains("error")).map(str::to_string));
    }
    out.push(r.reason.clone());
    out.join(" ")
}

/// `<Message>…</Message>` of an AWS or Azure XML error.
fn xml_message(body: &str) -> Option<String> {
    vendor::xml_element(body, "Message").map(str::to_string)
}

/// A short plain-text body, or an HTML page's `<title>`/`<h1>`.
fn text_message(r: &Response) -> Option<String> {
    let body = r.body.trim();
    if body.is_empty() || body.starts_with(['{', '[']) {
        return None;
    }
    if body.starts_with('<') {
        // express's error page puts the message in <pre> under the title "Error".
        return ["<pre>", "<h1>", "<title>"].iter().find_map(|tag| {
            let start = body.find(tag)? + tag.len();
            let close = format!("</{}", &tag[1..]);
            let end = body[start..].find(&close)? + start;
            // A development error page goes on with a stack trace after the first <br>.
            let text = &body[start..end];
            let text = text.find("<br").map_or(text, |cut| &text[..cut]);
            Some(entities(text.trim())).filter(|s| !s.is_empty())
        });
    }
    (body.len() <= 300).then(|| body.to_string())
}

/// The HTML entities error pages use.
fn entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn shorten(words: &str) -> String {
    if words.len() <= MAX {
        return words.to_string();
    }
    let mut cut = MAX;
    while !words.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &words[..cut];
    let at = head.rfind(' ').unwrap_or(cut);
    format!("{}…", &words[..at])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::response::raw::parse;

    fn words(text: &str) -> Option<String> {
        server_words(&parse(text).unwrap())
    }

    #[test]
    fn the_servers_own_words_in_each_shape() {
        let cases = [
            ("HTTP/1.1 401 x\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"Jwt expired at 2025\"\n\n{\"message\":\"other\"}", "Jwt expired at 2025"),
            ("HTTP/1.1 401 x\n\n{\"detail\":\"Given token not valid for any token type\",\"code\":\"token_not_valid\"}", "Given token not valid for any token type"),
            ("HTTP/1.1 401 x\n\n{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}", "Incorrect API key provided"),
            ("HTTP/1.1 401 x\n\n{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}", "invalid x-api-key"),
            ("HTTP/1.1 401 x\n\n[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]", "Session expired or invalid"),
            ("HTTP/1.1 401 x\n\n{\"fault\":{\"faultstring\":\"Invalid ApiKey\"}}", "Invalid ApiKey"),
            ("HTTP/1.1 401 x\n\n{\"msg\":\"Token has been revoked\"}", "Token has been revoked"),
            ("HTTP/1.1 401 x\n\n{\"exp\":\"token expired\"}", "token expired"),
            ("HTTP/1.1 403 x\n\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "Access Denied"),
            ("HTTP/1.1 401 x\n\nJwt is expired", "Jwt is expired"),
            ("HTTP/1.1 401 x\n\n<pre>UnauthorizedError: jwt expired<br> &nbsp;&nbsp;at /app/node_modules/x.js</pre>", "UnauthorizedError: jwt expired"),
            ("HTTP/1.1 401 x\n\n{\"message\":\"Bad token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl\"}", "Bad token eyJhbG…dXJl"),
            ("HTTP/1.1 401 x\n\n<html><head><title>401 Authorization Required</title></head></html>", "401 Authorization Required"),
            ("HTTP/1.1 401 x\n\n{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}", "Token is not active"),
        ];
        for (text, want) in cases {
            assert_eq!(words(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(words("HTTP/1.1 401 x\n\n"), None);
        let reasons = [
            ("Token has been revoked", Some(Reason::Revoked)),
            ("No authorization token was found", Some(Reason::Missing)),
            ("jwt not active", Some(Reason::NotYetValid)),
            ("Jwt expired at 2025-01-01T00:00:00Z", Some(Reason::Expired)),
            ("jwt audience invalid. expected: api", Some(Reason::Audience)),
            ("The iss claim is not valid", Some(Reason::Issuer)),
            ("Jwks doesn't have key to match kid or alg from Jwt", Some(Reason::KeyNotFound)),
            ("invalid algorithm", Some(Reason::Algorithm)),
            ("invalid signature", Some(Reason::Signature)),
            ("token contains an invalid number of segments", Some(Reason::Malformed)),
            ("Token is invalid or expired", Some(Reason::Invalid)),
            ("invalid csrf token", None),
            ("Key not found", None),
            ("x-api-key header is required", Some(Reason::Missing)),
            ("The token is not valid before '01/05/2026 10:10:00'", Some(Reason::NotYetValid)),
            ("Token is not active", None),
            ("Unauthorized", None),
        ];
        for (text, want) in reasons {
            assert_eq!(reason(text), want, "{text}");
        }
        assert_eq!(words("HTTP/1.1 401 x\n\n{\"id\":1}"), None);
        let long = format!("HTTP/1.1 401 x\n\n{{\"message\":\"{}\"}}", "word ".repeat(60));
        let got = words(&long).unwrap();
        assert!(got.len() <= MAX + 3 && got.ends_with("word…"), "{got}");
    }

    #[test]
    fn jwt_library_messages_are_whole_messages() {
        for yes in
            ["invalid signature", "Signature verification failed", "Signature has expired.", " Not enough segments "]
        {
            assert!(is_jwt_library_message(yes), "{yes}");
        }
        // The same words inside a longer message can be anyone's (a webhook, a signed URL).
        for no in ["Webhook invalid signature", "The request signature we calculated does not match", "expired", ""] {
            assert!(!is_jwt_library_message(no), "{no}");
        }
    }
}
