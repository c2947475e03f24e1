//! Leaving the page for a sign-in and coming back: the page's own address (the redirect URI),
//! the query it comes back with, taking that query out of the address bar, sessionStorage for
//! the round trip, and the random bytes of `state` and the PKCE verifier.

use wasm_bindgen::JsValue;

/// The page's address without query or fragment: what the authorization server sends the
/// browser back to, sub-path included (`https://user.github.io/why401/`).
pub fn page_address() -> String {
    let Some(w) = web_sys::window() else { return String::new() };
    let l = w.location();
    format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
}

/// The query the page was opened with, without its `?`.
pub fn query() -> String {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search.strip_prefix('?').unwrap_or(&search).to_string()
}

/// Takes the query out of the address bar, without a reload, so a code or an error never
/// stays in the history or in a copied link (RFC 9700 §4.2.4).
pub fn drop_query() {
    replace_address(|l| format!("{}{}", l.pathname().unwrap_or_default(), l.hash().unwrap_or_default()));
}

/// The fragment the page was opened with, `#` included (empty when none).
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Takes the fragment out of the address bar once read, so a reload does not bring a shared
/// state back over the user's edits.
pub fn drop_fragment() {
    replace_address(|l| format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default()));
}

/// The address bar set to what `keep` builds from it, in place (no reload, no history entry).
fn replace_address(keep: impl Fn(&web_sys::Location) -> String) {
    let Some(w) = web_sys::window() else { return };
    let clean = keep(&w.location());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
}

/// Leaves for `url` in this tab.
pub fn go(url: &str) -> Result<(), String> {
    let w = web_sys::window().ok_or("no window")?;
    w.location().assign(url).map_err(|e| format!("the browser refused to open the URL: {e:?}"))
}

/// 32 bytes from the browser's CSPRNG.
pub fn random32() -> Result<[u8; 32], String> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or("this browser has no Web Crypto")?;
    let mut bytes = [0u8; 32];
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| "crypto.getRandomValues failed".to_string())?;
    Ok(bytes)
}

fn session() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .ok_or_else(|| "this browser keeps no sessionStorage for the page (private mode or blocked storage)".into())
}

pub fn stash(key: &str, value: &str) -> Result<(), String> {
    session()?.set_item(key, value).map_err(|_| "sessionStorage refused the item (full or blocked)".into())
}

/// Reads and removes the item in one go: it is never left behind.
pub fn take(key: &str) -> Option<String> {
    let s = session().ok()?;
    let value = s.get_item(key).ok().flatten();
    let _ = s.remove_item(key);
    value
}
