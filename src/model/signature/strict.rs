//! What a strict verifier refuses although the signature bytes match: a token that is not
//! strict base64url, a header with a member twice or a `crit` it cannot honour, a key set that
//! is ambiguous, and a key that says it is for another algorithm or must not be used at all.
//! The page decodes leniently to show content; these say where a server would stop.

use super::alg::webcrypto_alg;
use crate::model::b64;
use crate::model::findings::codes::{
    ALG_KEY_MISMATCH, HS_SECRET_TOO_SHORT, JWKS_DUPLICATE_KID, JWKS_MIXED_KEY_TYPES, JWS_CRIT_INVALID,
    JWS_ENCODING_NOT_STRICT, JWS_HEADER_DUPLICATE_MEMBER, KID_NOT_IN_JWKS, RSA_KEY_WEAK, TOKEN_CARRIES_KEY,
};
use crate::model::findings::Finding;
use crate::model::keys::classify::secret_shortfall;
use crate::model::keys::{KeyKind, KeyMaterial};
use crate::model::located::describe_char;
use crate::model::token::input::Removed;
use crate::model::token::jose::{Part, Token};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fmt;

/// Plan findings after which a strict server refuses the token whatever key verifies it.
pub const TOKEN_REFUSALS: &[&str] = &[
    // A lone key whose kid is not the token's: a server that selects by kid never tries it.
    KID_NOT_IN_JWKS.code,
    JWS_ENCODING_NOT_STRICT.code,
    JWS_HEADER_DUPLICATE_MEMBER.code,
    JWS_CRIT_INVALID.code,
    JWKS_MIXED_KEY_TYPES.code,
    JWKS_DUPLICATE_KID.code,
];

/// The extensions this page understands and applies when they are critical (RFC 7797).
const UNDERSTOOD: &[&str] = &["b64"];

/// Header parameters RFC 7515 §4.1 and RFC 7516 §4.1 define: `crit` must not list them.
const REGISTERED: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip", "epk", "apu",
    "apv", "iv", "tag", "p2s", "p2c",
];

/// Whether the payload is carried as is (RFC 7797 `"b64": false`) rather than base64url.
pub fn unencoded_payload(header: &Map<String, Value>) -> bool {
    header.get("b64") == Some(&Value::Bool(false))
}

/// Refusals that hold whichever key is used: the token's header and the key set.
pub fn token_refusals(token: &Token, header: &Map<String, Value>, keys: &[KeyMaterial], is_set: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let json = token
        .range_of(Part::Header)
        .and_then(|range| b64::decode_segment(&token.text[range]).bytes.and_then(|b| String::from_utf8(b).ok()));
    out.extend(header_refusals(json.as_deref().unwrap_or_default(), header));
    let carried: Vec<&str> = ["jwk", "x5c", "jku", "x5u"].into_iter().filter(|m| header.contains_key(*m)).collect();
    // A DPoP proof carries its public key by design and is verified with it (RFC 9449 §4.3).
    let dpop_proof = header.get("typ").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("dpop+jwt"));
    if !carried.is_empty() && !dpop_proof {
        out.push(Finding::new(
            TOKEN_CARRIES_KEY,
            format!("The header carries {}: a key chosen by whoever made the token.", carried.join(" and ")),
        ));
    }
    if is_set {
        set_rules(header.get("alg").and_then(Value::as_str), header.get("kid").and_then(Value::as_str), keys, &mut out);
    }
    out
}

/// A header member written twice (read from the header's JSON text) or a `crit` a verifier
/// cannot honour: what the Signature card and the Sign a token panel both say.
pub fn header_refusals(json: &str, header: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    let dupes = duplicate_members(json);
    if !dupes.is_empty() {
        let names = dupes.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(", ");
        out.push(Finding::new(
            JWS_HEADER_DUPLICATE_MEMBER,
            format!("The header has {names} more than once; this page, like most JSON parsers, used the last value."),
        ));
    }
    if let Some(why) = crit_problem(header) {
        out.push(Finding::new(JWS_CRIT_INVALID, why));
    }
    out
}

/// What the paste needed before it could be read that a server would refuse (whitespace or
/// percent-escapes inside the token), as the page names it.
pub fn pasted_changes(removed: &[Removed]) -> Vec<String> {
    removed
        .iter()
        .filter(|r| matches!(r, Removed::InnerWhitespace { .. } | Removed::PercentEncoding { .. }))
        .map(ToString::to_string)
        .collect()
}

/// Whether a key may check signatures: `use` is absent or `sig`, `key_ops` absent or holding
/// `verify` (RFC 7517 §4.2-4.3).
pub fn for_signatures(key: &KeyMaterial) -> bool {
    key.use_.as_deref().is_none_or(|u| u == "sig")
        && (key.key_ops.is_empty() || key.key_ops.iter().any(|o| o == "verify"))
}

/// A secret shorter than the hash output (RFC 7518 §3.2).
pub fn secret_too_short(alg: &str, key: &KeyMaterial) -> Option<Finding> {
    let (len, min) = secret_shortfall(alg, key.kind)?;
    Some(Finding::new(
        HS_SECRET_TOO_SHORT,
        format!("The secret is {len} bytes; {alg} needs at least {min} (RFC 7518 §3.2)."),
    ))
}

/// Refusals of one key for this token's `alg`.
pub fn key_refusals(alg: &str, key: &KeyMaterial) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(declared) = key.alg.as_deref().filter(|a| *a != alg) {
        out.push(
            Finding::new(
                ALG_KEY_MISMATCH,
                format!("{} declares alg \"{declared}\" and the token says \"{alg}\".", key.label()),
            )
            .with_fix(format!("A server that takes the algorithm from its key (RFC 8725 §3.1; jose, Nimbus and most JWKS middleware do) verifies with {declared} only and rejects a {alg} token, even one signed with this key. Sign with {declared}, or publish the key for {alg}.")),
        );
    }
    out.extend(secret_too_short(alg, key));
    if let Some(why) = &key.weakness {
        out.push(Finding::new(RSA_KEY_WEAK, format!("{}: {why}.", key.label())));
    }
    out
}

/// The first part a strict base64url decoder refuses (an unencoded payload is not base64url).
pub fn encoding_refusal(token: &Token, unencoded: bool) -> Option<Finding> {
    token.segments.iter().filter(|s| !(unencoded && s.part == Part::Payload)).find_map(|segment| {
        let why = strict_problem(&token.text[segment.range.clone()])?;
        Some(Finding::new(JWS_ENCODING_NOT_STRICT, format!("The {} {why}.", segment.part.name())))
    })
}

/// The first thing a strict base64url decoder refuses in a segment (RFC 7515 §2, RFC 4648 §5),
/// including bits left over in the last character (RFC 4648 §3.5).
fn strict_problem(segment: &str) -> Option<String> {
    // Bytes: the alphabet is ASCII, and the first other byte starts a char (all before it were
    // ASCII). Every signature check walks every segment.
    let bad = segment.bytes().position(|b| !b64::is_url_safe(b));
    if let Some(i) = bad {
        return Some(match segment[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER) {
            '=' => format!("has '=' padding at byte {i}"),
            c @ ('+' | '/') => format!("has '{c}' at byte {i}, standard base64 rather than base64url"),
            c => format!("has {} at byte {i}", describe_char(c)),
        });
    }
    let last = segment.bytes().last().map(sextet)?;
    match segment.len() % 4 {
        1 => Some(format!("is {} characters long, which cannot encode whole bytes", segment.len())),
        2 if last & 0x0F != 0 => Some(leftover(segment)),
        3 if last & 0x03 != 0 => Some(leftover(segment)),
        _ => None,
    }
}

fn leftover(segment: &str) -> String {
    format!(
        "ends in '{}', whose unused low bits are not zero: a strict decoder refuses it, a lenient one reads the same bytes as another encoding",
        segment.chars().last().unwrap_or_default()
    )
}

/// A base64url character's value; only called on checked characters.
fn sextet(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        _ => 63,
    }
}

/// Top-level member names that occur more than once, each named once, in order.
fn duplicate_members(json: &str) -> Vec<String> {
    struct Names(Vec<String>);
    impl<'de> Visitor<'de> for Names {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Vec<String>, A::Error> {
            while let Some(name) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                self.0.push(name);
            }
            Ok(self.0)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let names = de.deserialize_map(Names(Vec::new())).unwrap_or_default();
    // Linear: a header can be a megabyte of members, and this runs on every keystroke.
    let (mut seen, mut named) = (HashSet::new(), HashSet::new());
    let mut dupes: Vec<String> = Vec::new();
    for n in names {
        if !seen.insert(n.clone()) && named.insert(n.clone()) {
            dupes.push(n);
        }
    }
    dupes
}

/// Why `crit` (RFC 7515 §4.1.11) or an unencoded payload (RFC 7797 §6) makes a verifier refuse.
fn crit_problem(header: &Map<String, Value>) -> Option<String> {
    let unencoded = unencoded_payload(header);
    let Some(crit) = header.get("crit") else {
        return unencoded.then(|| {
            "The header sets \"b64\": false but does not list \"b64\" in crit (RFC 7797 §6): a verifier that does not know b64 would read the payload as base64url.".to_string()
        });
    };
    let names: Vec<&str> = match crit.as_array() {
        Some(list) if !list.is_empty() => match list.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
            Some(names) => names,
            None => return Some("crit must be an array of header member names; this one holds other values.".into()),
        },
        _ => return Some(format!("crit must be a non-empty array of names; it is {crit}.")),
    };
    if let Some((_, twice)) = names.iter().enumerate().find(|(i, n)| names[..*i].contains(n)) {
        return Some(format!("crit lists \"{twice}\" twice, which RFC 7515 §4.1.11 forbids."));
    }
    if let Some(b64) = header.get("b64").filter(|v| !v.is_boolean()) {
        return Some(format!("b64 must be true or false (RFC 7797 §3); it is {b64}."));
    }
    if let Some(std) = names.iter().find(|n| REGISTERED.contains(n)) {
        return Some(format!("crit lists \"{std}\", a standard header parameter, which RFC 7515 §4.1.11 forbids."));
    }
    if let Some(absent) = names.iter().find(|n| !header.contains_key(**n)) {
        return Some(format!("crit lists \"{absent}\", which the header does not carry."));
    }
    if let Some(unknown) = names.iter().find(|n| !UNDERSTOOD.contains(n)) {
        return Some(format!("crit requires the extension \"{unknown}\", which this page does not implement; a server that does not either must reject the token."));
    }
    None
}

/// Only keys for signatures count (a key marked `use: enc` is never picked to verify), and two
/// keys under one kid are ambiguous only when both could check this alg: RFC 7517 §4.5 allows
/// one kid for keys of different types.
fn set_rules(alg: Option<&str>, kid: Option<&str>, keys: &[KeyMaterial], out: &mut Vec<Finding>) {
    let signing: Vec<&KeyMaterial> = keys.iter().filter(|k| for_signatures(k)).collect();
    let secrets = signing.iter().filter(|k| matches!(k.kind, KeyKind::Secret { .. })).count();
    let public = signing.iter().filter(|k| k.kind.is_public_key()).count();
    if secrets > 0 && public > 0 {
        out.push(Finding::new(
            JWKS_MIXED_KEY_TYPES,
            format!("The set holds {secrets} shared secret(s) and {public} public key(s)."),
        ));
    }
    if let Some(kid) = kid {
        let fits = |k: &&&KeyMaterial| alg.and_then(|a| webcrypto_alg(a).ok()).is_none_or(|w| w.fits(&k.kind));
        let same = signing.iter().filter(|k| k.kid.as_deref() == Some(kid)).filter(fits).count();
        if same > 1 {
            out.push(Finding::new(JWKS_DUPLICATE_KID, format!("{same} keys in the set have kid \"{kid}\".")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_base64url_refuses_what_lenient_decoding_forgives() {
        assert_eq!(strict_problem("eyJhbGciOiJIUzI1NiJ9"), None);
        assert_eq!(strict_problem("VGVzdA"), None);
        assert_eq!(strict_problem(""), None);
        let cases = [
            ("VGVzdA==", "has '=' padding at byte 6"),
            ("VGV zdA", "has a space at byte 3"),
            ("####VGVzdA", "has '#' at byte 0"),
            ("ab+c", "has '+' at byte 2, standard base64 rather than base64url"),
            ("VGVzd", "is 5 characters long, which cannot encode whole bytes"),
        ];
        for (segment, want) in cases {
            assert_eq!(strict_problem(segment).as_deref(), Some(want), "{segment}");
        }
        // "AB" and "AA" both decode to one zero byte; only "AA" is canonical (RFC 4648 §3.5).
        assert_eq!(strict_problem("AA"), None);
        assert!(strict_problem("AB").unwrap().starts_with("ends in 'B', whose unused low bits are not zero"));
        assert_eq!(strict_problem("AAA"), None);
        assert!(strict_problem("AAB").is_some());
    }

    #[test]
    fn duplicate_header_members_are_named_once() {
        assert_eq!(duplicate_members(r#"{"alg":"HS256","kid":"a","alg":"none","alg":"x"}"#), ["alg"]);
        assert!(duplicate_members(r#"{"alg":"HS256","nested":{"alg":1,"alg":2}}"#).is_empty());
        assert!(duplicate_members("not json").is_empty());
    }

    #[test]
    fn crit_is_honoured_only_for_understood_extensions() {
        let header = |json: &str| serde_json::from_str::<Map<String, Value>>(json).unwrap();
        assert_eq!(crit_problem(&header(r#"{"alg":"HS256"}"#)), None);
        assert_eq!(crit_problem(&header(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#)), None);
        let refused = [
            (r#"{"alg":"ES256","crit":["exp"],"exp":1363284000}"#, "\"exp\", which this page does not implement"),
            (r#"{"alg":"ES256","crit":[]}"#, "non-empty array"),
            (r#"{"alg":"ES256","crit":"b64","b64":false}"#, "non-empty array"),
            (r#"{"alg":"ES256","crit":["alg"]}"#, "a standard header parameter"),
            (r#"{"alg":"ES256","crit":["b64"]}"#, "which the header does not carry"),
            (r#"{"alg":"ES256","crit":[1]}"#, "holds other values"),
            (r#"{"alg":"HS256","b64":false}"#, "does not list \"b64\" in crit"),
        ];
        for (json, want) in refused {
            let why = crit_problem(&header(json)).unwrap_or_default();
            assert!(why.contains(want), "{json}: {why}");
        }
    }
}
