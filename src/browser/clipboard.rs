//! Copying text to the clipboard; needs a user gesture and a secure context (or localhost).

use wasm_bindgen_futures::JsFuture;

pub async fn copy(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| e.as_string().unwrap_or_else(|| "the browser refused to copy".into()))
}
