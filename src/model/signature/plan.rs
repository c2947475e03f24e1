//! Everything about a signature check except the check itself, which the browser does with
//! WebCrypto: which key to use and why, which WebCrypto algorithm and parameters, the exact
//! bytes that were signed, and the findings that explain a mismatch before or after the check.

use super::alg::{webcrypto_alg, AlgProblem, WebCryptoAlg};
use super::strict;
use crate::model::findings::codes::{
    ALG_KEY_MISMATCH, ALG_NONE, ECDSA_SIGNATURE_DER, HS_WITH_PUBLIC_KEY, KID_NOT_IN_JWKS, MICROSOFT_GRAPH_TOKEN,
    SIGNATURE_INVALID,
};
use crate::model::findings::{self, Finding};
use crate::model::keys::asn1::Fields;
use crate::model::keys::classify::looks_base64;
use crate::model::keys::{KeyKind, KeyMaterial, Origin, Private, SecretEncoding};
use crate::model::token::inspect::Inspection;
use crate::model::token::jose::{Kind, Part, Token};
use serde_json::{Map, Value};
use std::fmt;

/// How the browser should import one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyImport {
    Spki(Vec<u8>),
    Jwk(String),
    RawSecret(Vec<u8>),
    /// Import this private key as extractable, export it as a JWK (which carries the public
    /// members), drop `d`, import that: the only way to get an Ed25519 public key from a
    /// private one without bundling the curve arithmetic.
    PublicFromPkcs8(Vec<u8>),
}

impl KeyImport {
    fn of(key: &KeyMaterial) -> Option<KeyImport> {
        if let Some(s) = &key.secret {
            return Some(KeyImport::RawSecret(s.clone()));
        }
        if let Some(d) = &key.spki_der {
            return Some(KeyImport::Spki(d.clone()));
        }
        if let Some(j) = &key.jwk_json {
            return Some(KeyImport::Jwk(j.clone()));
        }
        match &key.private {
            Some(Private::Pkcs8(p)) => Some(KeyImport::PublicFromPkcs8(p.clone())),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Index into the keys passed to `plan`.
    pub key: usize,
    pub import: KeyImport,
    /// Why a strict server would refuse the token even if this key verifies it.
    pub refusals: Vec<Finding>,
    /// The header member (`jwk`, `x5c`) that names this very key: verifying with it proves
    /// nothing about who made the token.
    pub named_by_token: Option<&'static str>,
}

/// Ready for the browser: try each attempt in order; the first that verifies wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub algorithm: WebCryptoAlg,
    /// ASCII of `header.payload` exactly as in the token (RFC 7515 §5.2 step 8), never re-encoded.
    pub signing_input: Vec<u8>,
    pub signature: Vec<u8>,
    pub attempts: Vec<Attempt>,
}

/// Why no check can run; `Display` is the sentence shown in place of a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    NotJws { what: &'static str },
    NoHeader,
    NoAlg,
    Unsigned,
    UnsupportedAlg { alg: String, why: String },
    UnencodedPayload,
    NoSignature,
    SignatureShape(String),
    NoKeys,
    NoUsableKey(String),
}

impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocked::NotJws { what } => write!(f, "Not checked: {what}"),
            Blocked::NoHeader => write!(f, "Not checked: the header could not be decoded."),
            Blocked::NoAlg => write!(f, "Not checked: the header names no algorithm (\"alg\")."),
            Blocked::Unsigned => write!(f, "Not checked: the token is unsigned (alg \"none\"), so there is nothing to verify and no API should accept it."),
            Blocked::UnsupportedAlg { alg, why } => write!(f, "Not checked: alg \"{alg}\" {why}."),
            Blocked::UnencodedPayload => write!(f, "Not checked: the header sets \"b64\": false (RFC 7797) and the payload is detached: paste the token with its payload in place."),
            Blocked::NoSignature => write!(f, "Not checked: the signature part is empty or not base64url."),
            Blocked::SignatureShape(why) => write!(f, "Not checked: {why}"),
            Blocked::NoKeys => write!(f, "Not checked: paste a key, a JWKS or a secret into the Key field, or fetch the issuer's keys."),
            Blocked::NoUsableKey(why) => write!(f, "Not checked: {why}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub alg: Option<String>,
    /// The key tried first.
    pub key: Option<usize>,
    /// Which key and why, or why none fits.
    pub why: String,
    pub verification: Option<Verification>,
    pub blocked: Option<Blocked>,
    pub findings: Vec<Finding>,
    /// How the token was encoded or pasted, where a strict server refuses it: the token rules
    /// already show these (whitespace, padding, a stray character), so they speak only in the
    /// verdict once the bytes verify.
    pub refusals: Vec<Finding>,
    /// What the page removed from the paste to read it (whitespace, percent-escapes inside the
    /// token): the token rules show it; the verdict says the signature matches only without it.
    pub pasted: Vec<String>,
}

impl Plan {
    fn blocked(alg: Option<String>, blocked: Blocked, findings: Vec<Finding>) -> Plan {
        Plan {
            alg,
            key: None,
            why: blocked.to_string(),
            verification: None,
            blocked: Some(blocked),
            findings,
            refusals: Vec::new(),
            pasted: Vec::new(),
        }
    }
}

/// Microsoft Graph's application id, the `aud` of every Graph v2 access token.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// The plan for the Token box: what the paste needed before it could be read (whitespace,
/// percent-escapes) counts too, since a server gets the token as it was sent. `from_token`
/// names the token's header member the keys came from, when a button took them from there.
pub fn plan_pasted(
    inspection: &Inspection,
    keys: &[KeyMaterial],
    is_set: bool,
    from_token: Option<&'static str>,
) -> Plan {
    let mut p = plan(&inspection.token, keys, is_set);
    if matches!(inspection.token.kind, Kind::Jws(_)) {
        p.pasted = strict::pasted_changes(&inspection.extracted.removed);
    }
    if let Some(v) = p.verification.as_mut() {
        for a in &mut v.attempts {
            a.named_by_token = from_token;
        }
    }
    p
}

/// `keys` is every usable key of the Key field; `is_set` says they came as a JWKS.
pub fn plan(token: &Token, keys: &[KeyMaterial], is_set: bool) -> Plan {
    let mut findings = Vec::new();
    let jws = match &token.kind {
        Kind::Jws(j) => j,
        Kind::Jwe(_) => {
            return Plan::blocked(
                None,
                Blocked::NotJws { what: "an encrypted token (JWE) has no signature to check." },
                findings,
            )
        }
        _ => {
            return Plan::blocked(
                None,
                Blocked::NotJws { what: "only a signed JWT (three dot-separated parts) has a signature." },
                findings,
            )
        }
    };
    // How the parts are encoded matters even when the header cannot be read.
    let refusals: Vec<Finding> =
        strict::encoding_refusal(token, jws.header.as_ref().is_some_and(strict::unencoded_payload))
            .into_iter()
            .collect();
    let blocked = |alg: Option<String>, why: Blocked, findings: Vec<Finding>| Plan {
        refusals: refusals.clone(),
        ..Plan::blocked(alg, why, findings)
    };
    let Some(header) = &jws.header else { return blocked(None, Blocked::NoHeader, findings) };
    graph_rule(header, token.claims(), &mut findings);
    let Some(alg) = header.get("alg").and_then(Value::as_str).map(str::to_string) else {
        return blocked(None, Blocked::NoAlg, findings);
    };
    let algorithm = match webcrypto_alg(&alg) {
        Ok(a) => a,
        Err(AlgProblem::None) => {
            findings.push(Finding::new(ALG_NONE, "The header says alg \"none\": there is no signature to verify."));
            return blocked(Some(alg), Blocked::Unsigned, findings);
        }
        Err(AlgProblem::Unsupported { why }) => {
            return blocked(Some(alg.clone()), Blocked::UnsupportedAlg { alg, why: why.into() }, findings)
        }
        Err(AlgProblem::Unknown) => {
            // "hs256", "Rs256": the names are case-sensitive (RFC 7515 §4.1.1), and a strict
            // server compares them exactly.
            let exact = [
                "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
                "ES512", "EdDSA",
            ]
            .into_iter()
            .find(|a| a.eq_ignore_ascii_case(&alg));
            let why = match exact {
                Some(a) => format!("is not \"{a}\": alg values are case-sensitive (RFC 7515 §4.1.1), so a strict server refuses the token"),
                None => "is not a JWS signature algorithm (RFC 7518 §3.1 lists HS*, RS*, PS*, ES* and EdDSA)".to_string(),
            };
            return blocked(Some(alg.clone()), Blocked::UnsupportedAlg { alg, why }, findings);
        }
    };
    findings.extend(strict::token_refusals(token, header, keys, is_set));
    // An unencoded payload (RFC 7797) is signed as it stands in the token, like any other:
    // only a detached one (empty in the compact form) leaves nothing to check.
    let detached = token.range_of(Part::Payload).is_none_or(|r| r.is_empty());
    if strict::unencoded_payload(header) && detached {
        return blocked(Some(alg), Blocked::UnencodedPayload, findings);
    }
    let signature = match &jws.signature {
        Some(s) if !s.is_empty() => s.clone(),
        _ => return blocked(Some(alg), Blocked::NoSignature, findings),
    };
    if let Some(why) = signature_shape(&alg, algorithm, &signature, &mut findings) {
        return blocked(Some(alg), Blocked::SignatureShape(why), findings);
    }
    if keys.is_empty() {
        return blocked(Some(alg), Blocked::NoKeys, findings);
    }
    let kid = header.get("kid").and_then(Value::as_str);
    let wanted = Wanted { alg: &alg, algorithm, kid, signature: &signature };
    let choice = choose(&wanted, keys, is_set, &mut findings);
    let (attempts, why) = match choice {
        Ok(c) => c,
        Err(why) => return blocked(Some(alg), Blocked::NoUsableKey(why), findings),
    };
    let signing_input = match (token.range_of(Part::Header), token.range_of(Part::Payload)) {
        (Some(h), Some(p)) => token.text.as_bytes()[h.start..p.end].to_vec(),
        _ => return blocked(Some(alg), Blocked::NoSignature, findings),
    };
    findings::sort(&mut findings);
    Plan {
        key: attempts.first().map(|a| a.key),
        why,
        verification: Some(Verification { algorithm, signing_input, signature, attempts }),
        blocked: None,
        alg: Some(alg),
        findings,
        refusals,
        pasted: Vec::new(),
    }
}

fn graph_rule(header: &Map<String, Value>, claims: Option<&Map<String, Value>>, out: &mut Vec<Finding>) {
    let is_graph = |aud: &str| aud == GRAPH_APP_ID || aud.trim_end_matches('/') == "https://graph.microsoft.com";
    let aud = claims.and_then(|c| c.get("aud"));
    let graph_aud = match aud {
        Some(Value::String(a)) => is_graph(a),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).any(is_graph),
        _ => false,
    };
    if graph_aud {
        out.push(
            Finding::new(
                MICROSOFT_GRAPH_TOKEN,
                "aud is Microsoft Graph: this token was issued for Graph, not for your API.",
            )
            .on_claim("aud"),
        );
    } else if header.contains_key("nonce") {
        out.push(Finding::new(
            MICROSOFT_GRAPH_TOKEN,
            "The header has a \"nonce\": Entra puts one only in tokens for Microsoft Graph, whose signature is checked by Graph alone.",
        ));
    }
}

/// Checks the signature's length before any key is involved; returns why the check cannot run.
fn signature_shape(alg: &str, algorithm: WebCryptoAlg, signature: &[u8], out: &mut Vec<Finding>) -> Option<String> {
    let expected = algorithm.signature_len()?;
    if signature.len() == expected {
        return None;
    }
    if matches!(algorithm, WebCryptoAlg::Ecdsa { .. }) && is_der_ecdsa(signature) {
        let why = format!("the {alg} signature is {} bytes of DER (SEQUENCE of two INTEGERs); JOSE needs r||s, exactly {expected} bytes.", signature.len());
        out.push(Finding::new(ECDSA_SIGNATURE_DER, capitalise(&why)));
        return Some(why);
    }
    let why = format!("{alg} signatures are {expected} bytes; this one is {}.", signature.len());
    let hint = match algorithm {
        WebCryptoAlg::Hmac { .. } => match signature.len() {
            32 => " A 32-byte signature is HS256's: the header's alg was changed after signing.",
            48 => " A 48-byte signature is HS384's: the header's alg was changed after signing.",
            64 => " A 64-byte signature is HS512's: the header's alg was changed after signing.",
            _ => " The token was cut or altered.",
        },
        _ => " The token was cut or altered, or signed with another algorithm.",
    };
    out.push(Finding::new(SIGNATURE_INVALID, format!("{}{hint}", capitalise(&why))));
    Some(why)
}

fn is_der_ecdsa(signature: &[u8]) -> bool {
    let Ok(mut seq) = Fields::top(signature, 0, "ECDSA-Sig-Value") else { return false };
    seq.uint("r").is_ok() && seq.uint("s").is_ok() && seq.finish().is_ok()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

type Choice = Result<(Vec<Attempt>, String), String>;

/// What the token asks of a key: its algorithm, kid and signature.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    alg: &'a str,
    algorithm: WebCryptoAlg,
    kid: Option<&'a str>,
    signature: &'a [u8],
}

/// Picks keys by kid, then by type, `use`/`key_ops` and `alg`, the way servers do (RFC 7515
/// §4.1.4, RFC 7517 §4.2-4.4), and says why.
fn choose(token: &Wanted<'_>, keys: &[KeyMaterial], is_set: bool, out: &mut Vec<Finding>) -> Choice {
    let Wanted { alg, algorithm, kid, signature } = *token;
    let all: Vec<usize> = (0..keys.len()).collect();
    let (pool, mut why) = match kid {
        Some(kid) => {
            let matching: Vec<usize> = all.iter().copied().filter(|i| keys[*i].kid.as_deref() == Some(kid)).collect();
            let kids: Vec<&str> = keys.iter().filter_map(|k| k.kid.as_deref()).collect();
            if !matching.is_empty() {
                (matching, format!("its kid \"{kid}\" matches the token's"))
            } else if kids.is_empty() {
                (all, format!("the token's kid is \"{kid}\" but the key(s) have none, so they are tried by type"))
            } else {
                let listed = kids.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ");
                out.push(Finding::new(
                    KID_NOT_IN_JWKS,
                    format!("The token's kid is \"{kid}\"; the key(s) have {listed}."),
                ));
                if is_set {
                    return Err(format!("no key in the set has kid \"{kid}\"; the set has {listed}."));
                }
                (all, format!("it is the only key; its kid is {listed}, not \"{kid}\", so a server that selects by kid would not use it"))
            }
        }
        None if keys.len() == 1 => (all, "it is the only key".to_string()),
        None => (all, "the token has no kid, so the keys are tried by type".to_string()),
    };
    let fitting: Vec<usize> = pool.iter().copied().filter(|i| algorithm.fits(&keys[*i].kind)).collect();
    if fitting.is_empty() {
        return Err(mismatch(alg, algorithm, &pool, keys, out));
    }
    let signing: Vec<usize> = fitting.iter().copied().filter(|i| strict::for_signatures(&keys[*i])).collect();
    if signing.is_empty() {
        return Err(format!(
            "{} is marked for encryption (use \"enc\" or key_ops without \"verify\"), not for checking signatures.",
            keys[fitting[0]].label()
        ));
    }
    let rsa_fitting: Vec<usize> = signing.iter().copied().filter(|i| rsa_length_fits(&keys[*i], signature)).collect();
    if rsa_fitting.is_empty() {
        let bits = signature.len() * 8;
        let evidence = format!(
            "The signature is {} bytes, as a {bits}-bit RSA key makes; {} cannot have made it.",
            signature.len(),
            keys[signing[0]].label()
        );
        out.push(Finding::new(SIGNATURE_INVALID, evidence.clone()));
        return Err(format!("the signature was made by a {bits}-bit RSA key, not by {}.", keys[signing[0]].label()));
    }
    // Keys that declare this alg (or none) first; a key declared for another alg is still
    // tried, but libraries that honour the key's alg reject the token.
    let (agreeing, other): (Vec<usize>, Vec<usize>) =
        rsa_fitting.iter().partition(|i| keys[**i].alg.as_deref().is_none_or(|a| a == alg));
    if agreeing.is_empty() {
        let declared = keys[other[0]].alg.clone().unwrap_or_default();
        out.push(Finding::new(ALG_KEY_MISMATCH, format!("{} declares alg \"{declared}\" but the token says \"{alg}\"; libraries that honour the key's alg reject the token.", keys[other[0]].label())));
    }
    let order: Vec<usize> = agreeing.into_iter().chain(other).collect();
    // In a set, every candidate left out is named with its reason. Sets are a handful of keys:
    // a scan of `order` is cheaper than hashing on every check.
    let skipped: Vec<String> = pool
        .iter()
        .filter(|i| !order.contains(i))
        .map(|i| {
            let k = &keys[*i];
            let reason = if !algorithm.fits(&k.kind) {
                format!("{alg} needs {}", algorithm.needs())
            } else if !strict::for_signatures(k) {
                "it is for encryption (use \"enc\" or key_ops without \"verify\")".to_string()
            } else {
                format!("its modulus is not {} bits, the signature's length", signature.len() * 8)
            };
            format!("{} ({reason})", k.label())
        })
        .collect();

    out.extend(strict::secret_too_short(alg, &keys[order[0]]));
    let attempts: Vec<Attempt> = order
        .iter()
        .filter_map(|i| {
            let refusals = strict::key_refusals(alg, &keys[*i]);
            KeyImport::of(&keys[*i]).map(|import| Attempt { key: *i, import, refusals, named_by_token: None })
        })
        .collect();
    if attempts.len() > 1 {
        why.push_str(&format!("; {} keys fit and are tried in order", attempts.len()));
    }
    if is_set && !skipped.is_empty() {
        why.push_str(&format!("; skipped: {}", skipped.join("; ")));
    }
    let first = attempts.first().map(|a| keys[a.key].label()).unwrap_or_default();
    Ok((attempts, format!("{first} is used: {why}.")))
}

/// RSA signatures are exactly as long as the modulus (RFC 8017 §8.2.2).
fn rsa_length_fits(key: &KeyMaterial, signature: &[u8]) -> bool {
    match key.kind {
        KeyKind::Rsa { bits } => signature.len() == bits.div_ceil(8),
        _ => true,
    }
}

/// Says why no key fits the algorithm, as a finding and as the plan's reason.
fn mismatch(
    alg: &str,
    algorithm: WebCryptoAlg,
    pool: &[usize],
    keys: &[KeyMaterial],
    out: &mut Vec<Finding>,
) -> String {
    let kinds: Vec<String> = pool.iter().map(|i| keys[*i].label()).collect();
    let have = kinds.join("; ");
    let public = pool.iter().any(|i| keys[*i].kind.is_public_key());
    if matches!(algorithm, WebCryptoAlg::Hmac { .. }) && public {
        out.push(Finding::new(
            HS_WITH_PUBLIC_KEY,
            format!("The token says {alg} (a shared secret) and the key is a public key ({have}). Either the token was forged by using that public key as an HMAC secret, or the issuer signs with a secret and this is the wrong key."),
        ));
    } else {
        out.push(Finding::new(ALG_KEY_MISMATCH, format!("{alg} needs {}; the key(s): {have}.", algorithm.needs())));
    }
    format!("{alg} needs {}, and no key is one ({have}).", algorithm.needs())
}

/// Findings once the browser has run the check. `verified` is WebCrypto's answer for the
/// plan's attempts (true when any verified).
pub fn after_verification(plan: &Plan, keys: &[KeyMaterial], verified: bool) -> Vec<Finding> {
    if verified || plan.verification.is_none() {
        return Vec::new();
    }
    vec![signature_invalid(plan, keys)]
}

/// The finding for a signature WebCrypto rejected, with what the plan knows about likely causes.
pub fn signature_invalid(plan: &Plan, keys: &[KeyMaterial]) -> Finding {
    let attempts = plan.verification.as_ref().map_or(&[][..], |v| &v.attempts[..]);
    let mut evidence = match attempts {
        [] => "The signature did not verify.".to_string(),
        [only] => format!("The signature does not verify with the {}.", key_name(keys, only.key)),
        many => format!("The signature verifies with none of the {} keys tried.", many.len()),
    };
    if plan.findings.iter().any(|f| f.info.code == MICROSOFT_GRAPH_TOKEN.code) {
        evidence.push_str(" This is expected for a Microsoft Graph token.");
    }
    let utf8_looks_encoded = attempts.iter().any(|a| {
        let k = &keys[a.key];
        k.origin == Origin::Secret { encoding: SecretEncoding::Utf8 }
            && k.secret.as_deref().and_then(|s| std::str::from_utf8(s).ok()).is_some_and(looks_base64)
    });
    if utf8_looks_encoded {
        evidence.push_str(" The secret was used as UTF-8 text but looks base64-encoded: try base64.");
    }
    Finding::new(SIGNATURE_INVALID, evidence)
}

fn key_name(keys: &[KeyMaterial], i: usize) -> String {
    keys.get(i).map_or_else(|| "key".to_string(), KeyMaterial::label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_ecdsa_is_told_from_raw() {
        let int = |magnitude: &[u8]| der::Encode::to_der(&der::asn1::UintRef::new(magnitude).unwrap()).unwrap();
        let numbers = [int(&[0x80; 32]), int(&[0x7F; 32])].concat();
        let der_sig = [vec![0x30, numbers.len() as u8], numbers].concat();
        assert_eq!(der_sig.len(), 71, "r needs a sign byte, s does not");
        assert!(is_der_ecdsa(&der_sig));
        let mut raw = vec![0x30; 64];
        raw[1] = 0x44; // looks like a SEQUENCE header but the content does not parse
        assert!(!is_der_ecdsa(&raw));
    }
}
