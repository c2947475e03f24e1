//! The Sign a token panel: header and payload as edited, the signing key, what can be signed
//! (a memo over `model::sign`) and the last token WebCrypto produced.

use super::KeyEntry;
use crate::browser::webcrypto;
use crate::model::signature::sign::{self, SignError, Signing};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Signer {
    pub header: RwSignal<String>,
    pub payload: RwSignal<String>,
    /// The Signing key field.
    pub key: KeyEntry,
    pub prepared: Memo<Result<Signing, SignError>>,
    /// The last signing: what was signed, and the token or why the browser could not sign.
    /// Kept with its input so the page can tell when the fields have changed since.
    pub output: RwSignal<Option<(Signing, Result<String, String>)>>,
}

impl Signer {
    pub fn new() -> Self {
        let header = RwSignal::new(String::new());
        let payload = RwSignal::new(String::new());
        let key = KeyEntry::new();
        let prepared =
            Memo::new(move |_| header.with(|h| payload.with(|p| key.keys.with(|k| sign::prepare(h, p, &k.keys)))));
        Signer { header, payload, key, prepared, output: RwSignal::new(None) }
    }

    /// Signs what the Sign a token panel holds, on the user's press.
    pub fn sign(self) {
        let Ok(signing) = self.prepared.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let token = webcrypto::sign(&signing).await.map(|sig| sign::assemble(&signing.signing_input, &sig));
            self.output.set(Some((signing, token)));
        });
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
