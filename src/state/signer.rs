//! The Sign a token panel: header and payload as edited, the signing key, what can be signed
//! (a memo over `model::sign`) and the last token WebCrypto produced.

use crate::model::keys::{classify, KeyInput, SecretEncoding};
use crate::model::sign::{self, SignError, Signing};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Signer {
    pub header: RwSignal<String>,
    pub payload: RwSignal<String>,
    /// What is in the Signing key field, exactly as pasted.
    pub key_text: RwSignal<String>,
    pub encoding: RwSignal<SecretEncoding>,
    pub keys: Memo<KeyInput>,
    pub prepared: Memo<Result<Signing, SignError>>,
    /// The last signing: what was signed, and the token or why the browser could not sign.
    /// Kept with its input so the page can tell when the fields have changed since.
    pub output: RwSignal<Option<(Signing, Result<String, String>)>>,
}

impl Signer {
    pub fn new() -> Self {
        let header = RwSignal::new(String::new());
        let payload = RwSignal::new(String::new());
        let key_text = RwSignal::new(String::new());
        let encoding = RwSignal::new(SecretEncoding::Utf8);
        let keys = Memo::new(move |_| key_text.with(|t| classify(t, encoding.get())));
        let prepared =
            Memo::new(move |_| header.with(|h| payload.with(|p| keys.with(|k| sign::prepare(h, p, &k.keys)))));
        Signer { header, payload, key_text, encoding, keys, prepared, output: RwSignal::new(None) }
    }

    /// Whether the shown token was made from what the fields hold now.
    pub fn output_is_current(&self) -> bool {
        self.output.with(|o| self.prepared.with(|p| matches!((o, p), (Some((made, _)), Ok(now)) if made == now)))
    }
}

impl Default for Signer {
    fn default() -> Self {
        Self::new()
    }
}
