//! Share links: Copy share link puts the page's inputs (secrets left out unless included) in a
//! link's fragment, compressed; a page opened with such a link puts them back and says what
//! its author left out.

use super::page_inputs;
use super::{Composer, Diagnosis, Inspector, TokenGetter};
use crate::browser::{clipboard, compress, navigation};
use crate::model::b64;
use crate::model::share::{self, Shared, FRAGMENT_PREFIX};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Sharing {
    /// "Include the token and secrets", off unless ticked.
    pub include_secrets: RwSignal<bool>,
    /// What the last copy did.
    pub copied: RwSignal<Option<String>>,
    /// Said once when the page was opened from a link: what it holds, what was left out.
    pub opened: RwSignal<Option<Result<String, String>>>,
}

impl Sharing {
    pub fn new() -> Self {
        Sharing { include_secrets: RwSignal::new(false), copied: RwSignal::new(None), opened: RwSignal::new(None) }
    }

    pub fn copy_link(self, inspector: Inspector, composer: Composer, diagnosis: Diagnosis, getter: TokenGetter) {
        let page = page_inputs::capture(inspector, composer, diagnosis, getter);
        let shared = share::prepare(&page, self.include_secrets.get_untracked());
        spawn_local(async move {
            let said = match compress::deflate(shared.to_json().as_bytes()).await {
                Ok(bytes) => {
                    let link = format!("{}{FRAGMENT_PREFIX}{}", navigation::page_address(), b64::encode(&bytes));
                    let what = if shared.left_out.is_empty() {
                        format!("Link copied ({} characters). It holds everything you typed, the token and secrets included: anyone who has it can use them.", link.len())
                    } else {
                        format!("Link copied ({} characters). Left out: {}.", link.len(), shared.left_out.join(", "))
                    };
                    match clipboard::copy(&link).await {
                        Ok(()) => what,
                        Err(e) => format!("Could not copy: {e}."),
                    }
                }
                Err(e) => format!("Could not make the link: {e}."),
            };
            self.copied.set(Some(said));
        });
    }

    /// At start: a page opened with a share link puts its inputs back.
    pub fn open_link(self, inspector: Inspector, composer: Composer, diagnosis: Diagnosis, getter: TokenGetter) {
        let fragment = navigation::fragment();
        let Some(encoded) = fragment.strip_prefix(FRAGMENT_PREFIX).map(str::to_string) else { return };
        navigation::drop_fragment();
        spawn_local(async move {
            let read = async {
                let bytes = b64::decode_segment(&encoded)
                    .bytes
                    .ok_or("the link is not base64url (cut short or altered?)".to_string())?;
                let json = compress::inflate(&bytes).await?;
                Shared::from_json(&String::from_utf8_lossy(&json))
            };
            self.opened.set(Some(match read.await {
                Ok(shared) => {
                    let line = share::restored_line(&shared.left_out);
                    page_inputs::restore(shared.page, inspector, composer, diagnosis, getter);
                    Ok(line)
                }
                Err(e) => Err(format!("This share link cannot be opened: {e}. The page starts empty.")),
            }));
        });
    }
}

impl Default for Sharing {
    fn default() -> Self {
        Self::new()
    }
}
