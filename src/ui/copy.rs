//! One copy-to-clipboard action for every Copy button, saying whether it worked.

use crate::browser::clipboard;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Copies `text` to the clipboard and puts what happened into `status`: `done` when it worked,
/// else the browser's reason followed by `otherwise` (what the user can do instead).
pub fn copy_and_report(text: String, status: RwSignal<Option<String>>, done: String, otherwise: &'static str) {
    spawn_local(async move {
        status.set(Some(match clipboard::copy(&text).await {
            Ok(()) => done,
            Err(e) => format!("Could not copy: {e}.{otherwise}"),
        }));
    });
}
