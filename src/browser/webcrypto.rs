//! Signature checks and signing with the browser's own WebCrypto (`crypto.subtle`): no bundled
//! crypto. Thin on purpose: which key, which parameters and which bytes are decided by
//! `model::signature::plan`; this file only turns its `WebCryptoAlg` and `KeyImport` into
//! `importKey` / `verify` / `sign` calls, and every JavaScript exception into a value with the
//! exception's name and message. Nothing here may panic: the release build aborts on a panic,
//! which would kill the page.

use crate::model::keys::KeyMaterial;
use crate::model::signature::alg::WebCryptoAlg;
use crate::model::signature::check::{CheckOutcome, Checked};
use crate::model::signature::plan::{KeyImport, Verification};
use crate::model::signature::sign::{SignImport, Signing};
use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array, JSON};
use std::cell::Cell;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Tries the plan's attempts in order and stops at the first Verified: one `Checked` per
/// attempt tried, so the last one is the Verified one when any verified.
pub async fn verify(v: &Verification, keys: &[KeyMaterial]) -> Vec<Checked> {
    let mut out = Vec::new();
    let subtle = subtle();
    let ed25519_missing = v.algorithm == WebCryptoAlg::Ed25519 && !ed25519_supported().await;
    for (index, attempt) in v.attempts.iter().enumerate() {
        let key = keys.get(attempt.key);
        let outcome = match &subtle {
            Err(why) => CheckOutcome::Unsupported(why.clone()),
            Ok(_) if ed25519_missing => CheckOutcome::Unsupported(ED25519_MISSING.into()),
            Ok(subtle) => check(subtle, v, &attempt.import, key).await,
        };
        let verified = outcome == CheckOutcome::Verified;
        out.push(Checked { attempt: index, key: attempt.key, outcome });
        if verified {
            break;
        }
    }
    out
}

const ED25519_MISSING: &str =
    "this browser's WebCrypto has no Ed25519 (EdDSA); Chrome 137+, Edge 137+, Firefox 129+ and Safari 17+ have it.";

thread_local! {
    static ED25519: Cell<Option<bool>> = const { Cell::new(None) };
}

/// The public key of RFC 8037 A.1, raw (its `x`).
const ED25519_PROBE: [u8; 32] = [
    0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72,
    0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
];

/// Ed25519 support differs between browsers: checked once per page, by importing a known key.
pub async fn ed25519_supported() -> bool {
    if let Some(known) = ED25519.with(Cell::get) {
        return known;
    }
    let supported = match subtle() {
        Ok(subtle) => {
            import(&subtle, "raw", &bytes(&ED25519_PROBE), WebCryptoAlg::Ed25519, "verify", false).await.is_ok()
        }
        Err(_) => false,
    };
    ED25519.with(|c| c.set(Some(supported)));
    supported
}

/// Signs what `model::sign::prepare` made ready. Returns the raw JOSE signature: for ECDSA
/// that is r||s, which is what WebCrypto produces; for `alg: none`, nothing.
pub async fn sign(signing: &Signing) -> Result<Vec<u8>, String> {
    let (Some(algorithm), Some(how)) = (signing.algorithm, &signing.import) else {
        return Ok(Vec::new());
    };
    if algorithm == WebCryptoAlg::Ed25519 && !ed25519_supported().await {
        return Err(ED25519_MISSING.into());
    }
    let subtle = subtle()?;
    let private = match how {
        SignImport::RawSecret(secret) => import(&subtle, "raw", &bytes(secret), algorithm, "sign", false).await,
        SignImport::Pkcs8(der) => import(&subtle, "pkcs8", &bytes(der), algorithm, "sign", false).await,
        SignImport::Jwk(text) => match parse_jwk(text) {
            Ok(jwk) => {
                // The key members only: a pasted alg, use or key_ops that disagrees with this
                // call would make WebCrypto refuse the key with a DataError.
                strip(&jwk, USAGE_MEMBERS);
                import(&subtle, "jwk", &jwk, algorithm, "sign", false).await
            }
            Err(e) => Err(e),
        },
    }
    .map_err(|e| {
        let key = signing.key_label.as_deref().unwrap_or("key");
        match e.unsupported() {
            true => format!("this browser's WebCrypto cannot sign {} ({}): {e}", signing.alg, algorithm.describe()),
            false => format!("the browser could not import the {key} for signing: {e}"),
        }
    })?;
    let data = Uint8Array::from(signing.signing_input.as_bytes());
    let signature = call(subtle.sign_with_object_and_js_u8_array(&operation_params(algorithm), &private, &data))
        .await
        .map_err(|e| format!("the browser could not sign with {}: {e}", algorithm.describe()))?;
    match signature.dyn_into::<ArrayBuffer>() {
        Ok(buffer) => Ok(Uint8Array::new(&buffer).to_vec()),
        Err(_) => Err("the browser's sign() did not return bytes.".into()),
    }
}

/// One attempt: import (unless the key cannot fit), then verify.
async fn check(subtle: &SubtleCrypto, v: &Verification, import: &KeyImport, key: Option<&KeyMaterial>) -> CheckOutcome {
    // Only an error names the key: not formatted on the way to a verdict.
    let label = || key.map_or_else(|| "key".to_string(), KeyMaterial::label);
    // The plan never pairs a key with an algorithm it cannot serve; say so plainly if a caller
    // does, instead of WebCrypto's "Data provided to an operation does not meet requirements".
    if let Some(k) = key.filter(|k| !v.algorithm.fits(&k.kind)) {
        return CheckOutcome::ImportFailed(format!(
            "the {} cannot check a {} signature, which needs {}; the key is {}.",
            label(),
            v.algorithm.describe(),
            v.algorithm.needs(),
            k.kind.with_article()
        ));
    }
    let crypto_key = match public_key(subtle, v.algorithm, import).await {
        Ok(k) => k,
        Err(e) if e.unsupported() => {
            return CheckOutcome::Unsupported(format!(
                "this browser's WebCrypto cannot import a key for {}: {e}",
                v.algorithm.describe()
            ))
        }
        Err(e) => return CheckOutcome::ImportFailed(format!("the browser could not import the {}: {e}", label())),
    };
    let signature = Uint8Array::from(&v.signature[..]);
    let data = Uint8Array::from(&v.signing_input[..]);
    let params = operation_params(v.algorithm);
    match call(subtle.verify_with_object_and_js_u8_array_and_js_u8_array(&params, &crypto_key, &signature, &data)).await
    {
        Ok(answer) if answer.as_bool() == Some(true) => CheckOutcome::Verified,
        Ok(_) => CheckOutcome::Invalid,
        Err(e) if e.unsupported() => {
            CheckOutcome::Unsupported(format!("this browser's WebCrypto cannot run {}: {e}", v.algorithm.describe()))
        }
        Err(e) => CheckOutcome::ImportFailed(format!(
            "the browser could not run {} with the {}: {e}",
            v.algorithm.describe(),
            label()
        )),
    }
}

thread_local! {
    /// The last keys imported for verifying, newest last. Every keystroke in the Token box
    /// verifies again with the same key; importing it each time cost more than the check.
    /// Public keys and secrets the Key field already holds in memory; never stored anywhere.
    static IMPORTED: std::cell::RefCell<Vec<(WebCryptoAlg, KeyImport, CryptoKey)>> = const { std::cell::RefCell::new(Vec::new()) };
}
const IMPORTED_KEPT: usize = 8;

/// The key to verify with, imported the way the plan says (or as it was the last time).
async fn public_key(subtle: &SubtleCrypto, alg: WebCryptoAlg, how: &KeyImport) -> Result<CryptoKey, JsError> {
    let kept =
        IMPORTED.with_borrow(|keys| keys.iter().find(|(a, i, _)| *a == alg && i == how).map(|(_, _, k)| k.clone()));
    if let Some(key) = kept {
        return Ok(key);
    }
    let key = import_public(subtle, alg, how).await?;
    IMPORTED.with_borrow_mut(|keys| {
        if keys.len() == IMPORTED_KEPT {
            keys.remove(0);
        }
        keys.push((alg, how.clone(), key.clone()));
    });
    Ok(key)
}

async fn import_public(subtle: &SubtleCrypto, alg: WebCryptoAlg, how: &KeyImport) -> Result<CryptoKey, JsError> {
    match how {
        KeyImport::Spki(der) => import(subtle, "spki", &bytes(der), alg, "verify", false).await,
        KeyImport::RawSecret(secret) => import(subtle, "raw", &bytes(secret), alg, "verify", false).await,
        KeyImport::Jwk(text) => {
            let jwk = parse_jwk(text)?;
            strip(&jwk, PRIVATE_MEMBERS);
            strip(&jwk, USAGE_MEMBERS);
            import(subtle, "jwk", &jwk, alg, "verify", false).await
        }
        KeyImport::PublicFromPkcs8(der) => {
            // Import the private key as extractable, export it as a JWK (which carries the
            // public members), drop the private ones and import what is left as public.
            let private = import(subtle, "pkcs8", &bytes(der), alg, "sign", true).await?;
            let exported = call(subtle.export_key("jwk", &private)).await?;
            let jwk: Object = exported
                .dyn_into()
                .map_err(|_| JsError::new("TypeError", "exportKey(\"jwk\") did not return an object"))?;
            strip(&jwk, PRIVATE_MEMBERS);
            strip(&jwk, USAGE_MEMBERS);
            import(subtle, "jwk", &jwk, alg, "verify", false).await
        }
    }
}

/// RFC 7518 §6.2.2, §6.3.2 and RFC 8037 §2: what makes a JWK private.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth"];
/// Members that restrict how a JWK may be imported (RFC 7517 §4.2–4.4, WebCrypto's `ext`).
const USAGE_MEMBERS: &[&str] = &["alg", "use", "key_ops", "ext"];

fn strip(jwk: &Object, members: &[&str]) {
    for m in members {
        let _ = Reflect::delete_property(jwk, &JsValue::from_str(m));
    }
}

fn parse_jwk(text: &str) -> Result<Object, JsError> {
    let value = JSON::parse(text).map_err(|e| JsError::from_js(&e))?;
    value.dyn_into::<Object>().map_err(|_| JsError::new("DataError", "the JWK is not a JSON object"))
}

async fn import(
    subtle: &SubtleCrypto,
    format: &str,
    data: &Object,
    alg: WebCryptoAlg,
    usage: &str,
    extractable: bool,
) -> Result<CryptoKey, JsError> {
    let usages = Array::of1(&JsValue::from_str(usage));
    let key = call(subtle.import_key_with_object(format, data, &import_params(alg), extractable, &usages)).await?;
    key.dyn_into::<CryptoKey>().map_err(|_| JsError::new("TypeError", "importKey did not return a CryptoKey"))
}

/// `importKey`'s algorithm: HmacImportParams, RsaHashedImportParams, EcKeyImportParams or
/// just the name.
fn import_params(alg: WebCryptoAlg) -> Object {
    let name = ("name", JsValue::from_str(alg.name()));
    match alg {
        WebCryptoAlg::Hmac { hash } | WebCryptoAlg::RsassaPkcs1v15 { hash } | WebCryptoAlg::RsaPss { hash, .. } => {
            object(&[name, ("hash", JsValue::from_str(hash.name()))])
        }
        WebCryptoAlg::Ecdsa { curve, .. } => object(&[name, ("namedCurve", JsValue::from_str(curve.name()))]),
        WebCryptoAlg::Ed25519 => object(&[name]),
    }
}

/// `verify`'s and `sign`'s algorithm: RsaPssParams {saltLength}, EcdsaParams {hash}, or the name.
fn operation_params(alg: WebCryptoAlg) -> Object {
    let name = ("name", JsValue::from_str(alg.name()));
    match alg {
        WebCryptoAlg::RsaPss { salt_length, .. } => {
            object(&[name, ("saltLength", JsValue::from_f64(salt_length as f64))])
        }
        WebCryptoAlg::Ecdsa { hash, .. } => object(&[name, ("hash", JsValue::from_str(hash.name()))]),
        WebCryptoAlg::Hmac { .. } | WebCryptoAlg::RsassaPkcs1v15 { .. } | WebCryptoAlg::Ed25519 => object(&[name]),
    }
}

fn object(members: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in members {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// A copy in JavaScript's memory, so nothing points into wasm memory across an await.
fn bytes(data: &[u8]) -> Object {
    Uint8Array::from(data).into()
}

/// `crypto.subtle`, which browsers expose only in secure contexts (https, or this machine).
fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).unwrap_or(JsValue::UNDEFINED);
    if !crypto.is_object() {
        return Err("this browser has no WebCrypto (crypto is missing), so signatures cannot be checked here.".into());
    }
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).unwrap_or(JsValue::UNDEFINED);
    if !subtle.is_object() {
        return Err("browsers offer WebCrypto only to pages served over https or from this machine, and this page is not: open it over https to check signatures.".into());
    }
    Ok(subtle.unchecked_into())
}

/// Awaits a WebCrypto call, whether it threw synchronously or its promise rejected.
async fn call(promise: Result<Promise, JsValue>) -> Result<JsValue, JsError> {
    let promise = promise.map_err(|e| JsError::from_js(&e))?;
    JsFuture::from(promise).await.map_err(|e| JsError::from_js(&e))
}

/// A thrown DOMException or Error, as its name and message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct JsError {
    name: String,
    message: String,
}

impl JsError {
    fn new(name: &str, message: &str) -> Self {
        JsError { name: name.into(), message: message.into() }
    }

    fn from_js(value: &JsValue) -> Self {
        let member = |m: &str| -> String {
            if !value.is_object() {
                return String::new();
            }
            Reflect::get(value, &JsValue::from_str(m)).ok().and_then(|v| v.as_string()).unwrap_or_default()
        };
        let (name, message) = (member("name"), member("message"));
        match (name.is_empty(), message.is_empty()) {
            (true, true) => JsError {
                name: "Error".into(),
                message: value.as_string().unwrap_or_else(|| "an exception without a message".into()),
            },
            (true, false) => JsError { name: "Error".into(), message },
            _ => JsError { name, message },
        }
    }

    /// WebCrypto's "this implementation does not do that" (unknown algorithm, curve, format).
    fn unsupported(&self) -> bool {
        self.name == "NotSupportedError"
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.trim();
        if message.is_empty() {
            return write!(f, "{}.", self.name);
        }
        write!(f, "{}: {message}", self.name)?;
        if message.ends_with(['.', '!', '?']) {
            Ok(())
        } else {
            write!(f, ".")
        }
    }
}
