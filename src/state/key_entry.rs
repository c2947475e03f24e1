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
}

impl KeyEntry {
    pub fn new() -> Self {
        let text = RwSignal::new(String::new());
        let encoding = RwSignal::new(SecretEncoding::Utf8);
        let keys = Memo::new(move |_| text.with(|t| classify(t, encoding.get())));
        KeyEntry { text, encoding, keys }
    }
}

impl Default for KeyEntry {
    fn default() -> Self {
        Self::new()
    }
}
