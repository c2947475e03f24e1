//! Everything about a signature check except the check itself, which the browser does with
//! WebCrypto: which key to use and why, which WebCrypto algorithm and parameters, the exact
//! bytes that were signed, and the findings that explain a mismatch before or after the check.
//! Also the pure parts of fetching an issuer's keys: discovery URLs, which URLs may be fetched,
//! and comparing the metadata's issuer with the token's.

use crate::model::findings::codes::{
    ALG_KEY_MISMATCH, ALG_NONE, ECDSA_SIGNATURE_DER, HS_SECRET_TOO_SHORT, HS_WITH_PUBLIC_KEY, ISSUER_METADATA_MISMATCH,
    JWKS_FETCH_BLOCKED_BY_CORS, KID_NOT_IN_JWKS, MICROSOFT_GRAPH_TOKEN, NETWORK_UNREACHABLE, SIGNATURE_INVALID,
};
use crate::model::findings::{self, Finding};
use crate::model::keys::asn1::Fields;
use crate::model::keys::classify::{looks_base64, secret_shortfall};
use crate::model::keys::{Curve, KeyKind, KeyMaterial, Origin, Private, SecretEncoding};
use crate::model::request::sending::Probe;
use crate::model::token::jose::{Kind, Part, Token};
use crate::model::url;
use serde_json::{Map, Value};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The WebCrypto name.
    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// What the browser layer passes to `importKey` and `verify`; it translates this enum into
/// WebCrypto's parameter objects and nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebCryptoAlg {
    Hmac {
        hash: Hash,
    },
    RsassaPkcs1v15 {
        hash: Hash,
    },
    /// RFC 7518 §3.5: the salt is as long as the hash.
    RsaPss {
        hash: Hash,
        salt_length: usize,
    },
    /// JOSE signatures are r||s, which is exactly what WebCrypto's ECDSA verify expects.
    Ecdsa {
        curve: Curve,
        hash: Hash,
    },
    Ed25519,
}

impl WebCryptoAlg {
    pub fn name(self) -> &'static str {
        match self {
            WebCryptoAlg::Hmac { .. } => "HMAC",
            WebCryptoAlg::RsassaPkcs1v15 { .. } => "RSASSA-PKCS1-v1_5",
            WebCryptoAlg::RsaPss { .. } => "RSA-PSS",
            WebCryptoAlg::Ecdsa { .. } => "ECDSA",
            WebCryptoAlg::Ed25519 => "Ed25519",
        }
    }

    pub fn describe(self) -> String {
        match self {
            WebCryptoAlg::Hmac { hash } | WebCryptoAlg::RsassaPkcs1v15 { hash } => {
                format!("{} with {}", self.name(), hash.name())
            }
            WebCryptoAlg::RsaPss { hash, salt_length } => {
                format!("RSA-PSS with {}, salt length {salt_length}", hash.name())
            }
            WebCryptoAlg::Ecdsa { curve, hash } => format!("ECDSA on {} with {}", curve.name(), hash.name()),
            WebCryptoAlg::Ed25519 => "Ed25519".into(),
        }
    }

    /// The key a JWS algorithm needs, for the sentences that explain a mismatch.
    pub fn needs(self) -> &'static str {
        match self {
            WebCryptoAlg::Hmac { .. } => "a shared secret",
            WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::RsaPss { .. } => "an RSA key",
            WebCryptoAlg::Ecdsa { curve: Curve::P256, .. } => "an EC key on P-256",
            WebCryptoAlg::Ecdsa { curve: Curve::P384, .. } => "an EC key on P-384",
            WebCryptoAlg::Ecdsa { curve: Curve::P521, .. } => "an EC key on P-521",
            WebCryptoAlg::Ed25519 => "an Ed25519 key",
        }
    }

    /// Whether a key of this kind can serve the algorithm (EC keys only on their own curve).
    pub fn fits(self, kind: &KeyKind) -> bool {
        match (self, kind) {
            (WebCryptoAlg::Hmac { .. }, KeyKind::Secret { .. }) => true,
            (WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::RsaPss { .. }, KeyKind::Rsa { .. }) => true,
            (WebCryptoAlg::Ecdsa { curve, .. }, KeyKind::Ec { curve: c }) => curve == *c,
            (WebCryptoAlg::Ed25519, KeyKind::Ed25519) => true,
            _ => false,
        }
    }

    /// The fixed signature length, when the algorithm has one.
    fn signature_len(self) -> Option<usize> {
        match self {
            WebCryptoAlg::Hmac { hash } => Some(hash.output_len()),
            WebCryptoAlg::Ecdsa { curve, .. } => Some(2 * curve.coordinate_len()),
            WebCryptoAlg::Ed25519 => Some(64),
            WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::RsaPss { .. } => None,
        }
    }
}

/// Why a JWS `alg` cannot be checked here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlgProblem {
    None,
    Unsupported { why: &'static str },
    Unknown,
}

/// The WebCrypto algorithm for a JWS `alg` (RFC 7518 §3.1, RFC 8037 §3.1, RFC 9864).
pub fn webcrypto_alg(alg: &str) -> Result<WebCryptoAlg, AlgProblem> {
    use Hash::*;
    Ok(match alg {
        "HS256" => WebCryptoAlg::Hmac { hash: Sha256 },
        "HS384" => WebCryptoAlg::Hmac { hash: Sha384 },
        "HS512" => WebCryptoAlg::Hmac { hash: Sha512 },
        "RS256" => WebCryptoAlg::RsassaPkcs1v15 { hash: Sha256 },
        "RS384" => WebCryptoAlg::RsassaPkcs1v15 { hash: Sha384 },
        "RS512" => WebCryptoAlg::RsassaPkcs1v15 { hash: Sha512 },
        "PS256" => WebCryptoAlg::RsaPss { hash: Sha256, salt_length: 32 },
        "PS384" => WebCryptoAlg::RsaPss { hash: Sha384, salt_length: 48 },
        "PS512" => WebCryptoAlg::RsaPss { hash: Sha512, salt_length: 64 },
        "ES256" => WebCryptoAlg::Ecdsa { curve: Curve::P256, hash: Sha256 },
        "ES384" => WebCryptoAlg::Ecdsa { curve: Curve::P384, hash: Sha384 },
        "ES512" => WebCryptoAlg::Ecdsa { curve: Curve::P521, hash: Sha512 },
        "EdDSA" | "Ed25519" => WebCryptoAlg::Ed25519,
        "none" => return Err(AlgProblem::None),
        "ES256K" => return Err(AlgProblem::Unsupported { why: "ES256K (secp256k1) is not in WebCrypto" }),
        "Ed448" => return Err(AlgProblem::Unsupported { why: "browsers do not verify Ed448" }),
        _ => return Err(AlgProblem::Unknown),
    })
}

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
            Blocked::UnencodedPayload => write!(f, "Not checked: the header sets \"b64\": false (RFC 7797 unencoded payload), which this page does not verify."),
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
}

impl Plan {
    fn blocked(alg: Option<String>, blocked: Blocked, findings: Vec<Finding>) -> Plan {
        Plan { alg, key: None, why: blocked.to_string(), verification: None, blocked: Some(blocked), findings }
    }
}

/// Microsoft Graph's application id, the `aud` of every Graph v2 access token.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

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
    let Some(header) = &jws.header else { return Plan::blocked(None, Blocked::NoHeader, findings) };
    graph_rule(header, token.claims(), &mut findings);
    let Some(alg) = header.get("alg").and_then(Value::as_str).map(str::to_string) else {
        return Plan::blocked(None, Blocked::NoAlg, findings);
    };
    let algorithm = match webcrypto_alg(&alg) {
        Ok(a) => a,
        Err(AlgProblem::None) => {
            findings.push(Finding::new(ALG_NONE, "The header says alg \"none\": there is no signature to verify."));
            return Plan::blocked(Some(alg), Blocked::Unsigned, findings);
        }
        Err(AlgProblem::Unsupported { why }) => {
            return Plan::blocked(Some(alg.clone()), Blocked::UnsupportedAlg { alg, why: why.into() }, findings)
        }
        Err(AlgProblem::Unknown) => {
            let why = "is not a JWS signature algorithm (RFC 7518 §3.1 lists HS*, RS*, PS*, ES* and EdDSA)".to_string();
            return Plan::blocked(Some(alg.clone()), Blocked::UnsupportedAlg { alg, why }, findings);
        }
    };
    if header.get("b64") == Some(&Value::Bool(false)) {
        return Plan::blocked(Some(alg), Blocked::UnencodedPayload, findings);
    }
    let signature = match &jws.signature {
        Some(s) if !s.is_empty() => s.clone(),
        _ => return Plan::blocked(Some(alg), Blocked::NoSignature, findings),
    };
    if let Some(why) = signature_shape(&alg, algorithm, &signature, &mut findings) {
        return Plan::blocked(Some(alg), Blocked::SignatureShape(why), findings);
    }
    if keys.is_empty() {
        return Plan::blocked(Some(alg), Blocked::NoKeys, findings);
    }
    let kid = header.get("kid").and_then(Value::as_str);
    let choice = choose(&alg, algorithm, kid, keys, is_set, &signature, &mut findings);
    let (attempts, why) = match choice {
        Ok(c) => c,
        Err(why) => return Plan::blocked(Some(alg), Blocked::NoUsableKey(why), findings),
    };
    let signing_input = match (token.range_of(Part::Header), token.range_of(Part::Payload)) {
        (Some(h), Some(p)) => token.text.as_bytes()[h.start..p.end].to_vec(),
        _ => return Plan::blocked(Some(alg), Blocked::NoSignature, findings),
    };
    findings::sort(&mut findings);
    Plan {
        key: attempts.first().map(|a| a.key),
        why,
        verification: Some(Verification { algorithm, signing_input, signature, attempts }),
        blocked: None,
        alg: Some(alg),
        findings,
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

/// Picks keys by kid, then by type, `use`/`key_ops` and `alg`, the way servers do (RFC 7515
/// §4.1.4, RFC 7517 §4.2-4.4), and says why.
fn choose(
    alg: &str,
    algorithm: WebCryptoAlg,
    kid: Option<&str>,
    keys: &[KeyMaterial],
    is_set: bool,
    signature: &[u8],
    out: &mut Vec<Finding>,
) -> Choice {
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
    let signing: Vec<usize> = fitting.iter().copied().filter(|i| for_signatures(&keys[*i])).collect();
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
    secret_rule(alg, &keys[order[0]], out);
    let attempts: Vec<Attempt> =
        order.iter().filter_map(|i| KeyImport::of(&keys[*i]).map(|import| Attempt { key: *i, import })).collect();
    if attempts.len() > 1 {
        why.push_str(&format!("; {} keys fit and are tried in order", attempts.len()));
    }
    let first = attempts.first().map(|a| keys[a.key].label()).unwrap_or_default();
    Ok((attempts, format!("{first} is used: {why}.")))
}

fn for_signatures(key: &KeyMaterial) -> bool {
    key.use_.as_deref().is_none_or(|u| u == "sig")
        && (key.key_ops.is_empty() || key.key_ops.iter().any(|o| o == "verify"))
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

fn secret_rule(alg: &str, key: &KeyMaterial, out: &mut Vec<Finding>) {
    if let Some((len, min)) = secret_shortfall(alg, key.kind) {
        out.push(Finding::new(
            HS_SECRET_TOO_SHORT,
            format!("The secret is {len} bytes; {alg} needs at least {min} (RFC 7518 §3.2)."),
        ));
    }
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

/// The page fetched a JWKS or metadata URL and the browser withheld the answer.
pub fn jwks_fetch_blocked_by_cors(url: &str) -> Finding {
    Finding::new(
        JWKS_FETCH_BLOCKED_BY_CORS,
        format!("The browser did not let this page read {url}: the server does not allow cross-origin reads (no Access-Control-Allow-Origin for this page)."),
    )
    .with_fix(format!("Open {url} in a new tab (or run `curl {url}`) and paste the JSON into the Key field."))
}

/// A fetch of the issuer's keys that failed without a status, told apart by the no-cors probe
/// the browser layer already runs for requests (`sending::Probe`).
pub fn jwks_fetch_failed(url: &str, probe: Probe) -> Finding {
    match probe {
        Probe::Reachable => jwks_fetch_blocked_by_cors(url),
        Probe::Failed => Finding::new(
            NETWORK_UNREACHABLE,
            format!("Neither the request nor a no-cors probe reached {url}: no HTTP answer at all."),
        ),
    }
}

/// Compares the metadata's issuer with the token's `iss` exactly, as OpenID Connect Discovery
/// §4.3 requires, and names the difference.
pub fn check_issuer(token_iss: &str, metadata_issuer: &str) -> Option<Finding> {
    if token_iss == metadata_issuer {
        return None;
    }
    let difference = issuer_difference(token_iss, metadata_issuer);
    Some(
        Finding::new(
            ISSUER_METADATA_MISMATCH,
            format!("The token's iss is \"{token_iss}\"; the metadata says \"{metadata_issuer}\": {difference}."),
        )
        .on_claim("iss"),
    )
}

fn issuer_difference(token: &str, meta: &str) -> String {
    if token.trim() == meta.trim() {
        return "they differ only by surrounding whitespace".into();
    }
    if token.trim_end_matches('/') == meta.trim_end_matches('/') {
        return if token.ends_with('/') {
            "the token's has a trailing slash and the metadata's does not".into()
        } else {
            "the metadata's has a trailing slash and the token's does not".into()
        };
    }
    if meta.contains("{tenantid}") || meta.contains("{tenant}") {
        return "the metadata is Entra's multi-tenant document, whose issuer is a template: substitute the token's tid, or use the tenant's own metadata".into();
    }
    if token.eq_ignore_ascii_case(meta) {
        return "they differ only in letter case, and the comparison is case-sensitive".into();
    }
    let (t, m) = (url::parse(token), url::parse(meta));
    match (t, m) {
        (Ok(t), Ok(m)) if t.scheme != m.scheme && t.host == m.host => format!("one is {} and the other {}", t.scheme, m.scheme),
        (Ok(t), Ok(m)) if t.host == "sts.windows.net" && m.host == "login.microsoftonline.com" => {
            "the token is an Entra v1.0 token (sts.windows.net) and the metadata is v2.0: request v2 tokens (accessTokenAcceptedVersion: 2 in the app manifest) or use the v1.0 metadata".into()
        }
        (Ok(t), Ok(m)) if t.host == m.host => format!("same host, different path (\"{}\" vs \"{}\"): another tenant, realm or version", t.path_and_query, m.path_and_query),
        (Ok(t), Ok(m)) => format!("different hosts ({} vs {}): the token comes from another issuer or environment", t.host, m.host),
        _ => "they are different strings".into(),
    }
}

/// Where an issuer publishes its metadata: OpenID Connect Discovery §4 (appended) first, then
/// RFC 8414 §3.1 (inserted between host and path). Empty when `iss` is not an http(s) URL
/// without query or fragment, which an issuer must be; `allowed_remote` then says whether
/// plain http may be fetched (only on this machine, e.g. a mock issuer in tests).
pub fn discovery_urls(iss: &str) -> Vec<String> {
    let iss = iss.trim();
    let Some(rest) = iss.strip_prefix("https://").or_else(|| iss.strip_prefix("http://")) else { return Vec::new() };
    if iss.contains(['?', '#']) || rest.is_empty() {
        return Vec::new();
    }
    let scheme = &iss[..iss.len() - rest.len()];
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    if host.is_empty() {
        return Vec::new();
    }
    vec![
        format!("{scheme}{host}{path}/.well-known/openid-configuration"),
        format!("{scheme}{host}/.well-known/oauth-authorization-server{path}"),
    ]
}

/// Only https, or http to this machine: a key fetched over plain http from elsewhere could have
/// been swapped on the way, and the page is served over https anyway.
pub fn allowed_remote(target: &str) -> Result<(), String> {
    let u = url::parse(target).map_err(|e| format!("{e}."))?;
    if u.userinfo.is_some() {
        return Err("the URL carries a user name or password; browsers refuse to fetch it.".into());
    }
    match u.scheme.as_str() {
        "https" => Ok(()),
        _ if is_loopback(&u.host) => Ok(()),
        _ => Err(format!("{} is plain http: only https URLs (or http on this machine) are fetched, so the keys cannot be swapped on the way.", u.origin())),
    }
}

/// Stricter than `url::Url::is_loopback`, which also accepts names such as
/// `127.example.com`: only `localhost` names and loopback IP literals.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jws_alg_maps_to_webcrypto() {
        let cases = [
            ("HS256", "HMAC with SHA-256"),
            ("HS512", "HMAC with SHA-512"),
            ("RS256", "RSASSA-PKCS1-v1_5 with SHA-256"),
            ("RS384", "RSASSA-PKCS1-v1_5 with SHA-384"),
            ("PS256", "RSA-PSS with SHA-256, salt length 32"),
            ("PS512", "RSA-PSS with SHA-512, salt length 64"),
            ("ES256", "ECDSA on P-256 with SHA-256"),
            ("ES384", "ECDSA on P-384 with SHA-384"),
            ("ES512", "ECDSA on P-521 with SHA-512"),
            ("EdDSA", "Ed25519"),
            ("Ed25519", "Ed25519"),
        ];
        for (alg, described) in cases {
            assert_eq!(webcrypto_alg(alg).unwrap().describe(), described, "{alg}");
        }
        assert_eq!(webcrypto_alg("none"), Err(AlgProblem::None));
        assert!(matches!(webcrypto_alg("ES256K"), Err(AlgProblem::Unsupported { .. })));
        assert_eq!(webcrypto_alg("hs256"), Err(AlgProblem::Unknown), "alg is case-sensitive");
        assert_eq!(webcrypto_alg("RSA-OAEP"), Err(AlgProblem::Unknown));
    }

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

    #[test]
    fn discovery_urls_follow_both_rules() {
        let cases: &[(&str, &[&str])] = &[
            (
                "https://idp.example.com",
                &[
                    "https://idp.example.com/.well-known/openid-configuration",
                    "https://idp.example.com/.well-known/oauth-authorization-server",
                ],
            ),
            (
                "https://idp.example.com/",
                &[
                    "https://idp.example.com/.well-known/openid-configuration",
                    "https://idp.example.com/.well-known/oauth-authorization-server",
                ],
            ),
            (
                "https://login.example.com/realms/acme/",
                &[
                    "https://login.example.com/realms/acme/.well-known/openid-configuration",
                    "https://login.example.com/.well-known/oauth-authorization-server/realms/acme",
                ],
            ),
            (
                "http://127.0.0.1:8080/default",
                &[
                    "http://127.0.0.1:8080/default/.well-known/openid-configuration",
                    "http://127.0.0.1:8080/.well-known/oauth-authorization-server/default",
                ],
            ),
            ("joe", &[]),
            ("https://idp.example.com/?tenant=1", &[]),
            ("https://", &[]),
        ];
        for (iss, want) in cases {
            assert_eq!(discovery_urls(iss), *want, "{iss}");
        }
    }

    #[test]
    fn only_https_or_loopback_is_fetched() {
        let cases: &[(&str, bool)] = &[
            ("https://idp.example.com/jwks", true),
            ("http://127.0.0.1:9000/jwks", true),
            ("http://localhost/jwks", true),
            ("http://[::1]/jwks", true),
            ("http://idp.example.com/jwks", false),
            ("http://127.example.com/jwks", false),
            ("http://127.0.0.1.nip.io/jwks", false),
            ("ftp://idp.example.com/jwks", false),
            ("https://user:pw@idp.example.com/jwks", false),
            ("idp.example.com/jwks", false),
        ];
        for (u, ok) in cases {
            let r = allowed_remote(u);
            assert_eq!(r.is_ok(), *ok, "{u}: {r:?}");
            if let Err(e) = r {
                assert!(e.ends_with('.'), "{e}");
            }
        }
    }

    #[test]
    fn issuer_differences_are_named() {
        let cases = [
            ("https://idp.example.com/", "https://idp.example.com", "the token's has a trailing slash"),
            ("https://idp.example.com", "https://idp.example.com/", "the metadata's has a trailing slash"),
            ("https://IDP.example.com", "https://idp.example.com", "letter case"),
            ("http://idp.example.com", "https://idp.example.com", "one is http and the other https"),
            ("https://idp.example.com ", "https://idp.example.com", "surrounding whitespace"),
            ("https://sts.windows.net/tid/", "https://login.microsoftonline.com/tid/v2.0", "Entra v1.0 token"),
            (
                "https://login.microsoftonline.com/tid/v2.0",
                "https://login.microsoftonline.com/{tenantid}/v2.0",
                "multi-tenant",
            ),
            ("https://kc.example.com/realms/a", "https://kc.example.com/realms/b", "same host, different path"),
            ("https://staging.example.com", "https://prod.example.com", "different hosts"),
            ("joe", "jim", "different strings"),
        ];
        for (iss, meta, named) in cases {
            let f = check_issuer(iss, meta).unwrap_or_else(|| panic!("{iss} vs {meta}"));
            assert!(f.evidence.contains(named), "{iss} vs {meta}: {}", f.evidence);
            assert_eq!(f.claim.as_deref(), Some("iss"));
        }
        assert_eq!(check_issuer("https://idp.example.com/", "https://idp.example.com/"), None);
    }
}
