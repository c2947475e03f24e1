//! A Key field's state: the text as pasted, the secret encoding chosen beside it, and what the
//! text was read as (a memo over `model::keys::classify`). The Signature and Sign panels each
//! have one.

use crate::model::keys::{classify, KeyInput, SecretEncoding};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct KeyEntry {
    /// What is in the field, exactly as pasted.
    pub text: RwSignal<String>,
    pub encoding: RwSignal<SecretEncoding>,
    pub keys: Memo<KeyInput>,
    /// The header member (`jwk`, `x5c`, `jku`, `x5u`) of the token the text came from, when a
    /// button put it there; any edit by the user clears it.
    pub from_token: RwSignal<Option<&'static str>>,
}

impl KeyEntry {
    pub fn new() -> Self {
        let text = RwSignal::new(String::new());
        let encoding = RwSignal::new(SecretEncoding::Utf8);
        let keys = Memo::new(move |_| text.with(|t| classify(t, encoding.get())));
        KeyEntry { text, encoding, keys, from_token: RwSignal::new(None) }
    }

    /// Puts text in the field, saying whether it is a key the token named itself.
    pub fn set(&self, text: String, from_token: Option<&'static str>) {
        self.from_token.set(from_token);
        self.text.set(text);
    }
}

impl Default for KeyEntry {
    fn default() -> Self {
        Self::new()
    }
}
