//! The wall clock, as a signal that changes once a second, and the local time-zone offset.

use leptos::prelude::*;
use std::time::Duration;

pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// A signal holding the current Unix time in whole seconds, for as long as the app lives.
pub fn ticking_now() -> ReadSignal<i64> {
    let (now, set_now) = signal(now_secs());
    // Polled four times a second but changed only when the second changes: a one-second
    // interval started at load would lag the real second by up to a second, which shows as
    // "expired 59 min 59 s ago" for a token that expired an hour ago this very moment.
    let tick = move || {
        let secs = now_secs();
        if now.get_untracked() != secs {
            set_now.set(secs);
        }
    };
    // An interval failing to start leaves a frozen clock, which is still correct at load time.
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(250)) {
        on_cleanup(move || handle.clear());
    }
    now
}

/// The local offset from UTC in minutes, east positive, for that instant (DST included).
pub fn local_offset_minutes(at: i64) -> i64 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0));
    // getTimezoneOffset is UTC minus local time, so west of Greenwich is positive.
    -(date.get_timezone_offset() as i64)
}

/// Resolves after `ms` milliseconds (the device grant's polling interval).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
