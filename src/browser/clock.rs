//! The wall clock, as a signal that ticks once a second, and the local time-zone offset.

use leptos::prelude::*;
use std::time::Duration;

pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// A signal holding the current Unix time, updated every second for as long as the app lives.
pub fn ticking_now() -> ReadSignal<i64> {
    let (now, set_now) = signal(now_secs());
    // An interval failing to start leaves a frozen clock, which is still correct at load time.
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(now_secs()), Duration::from_secs(1)) {
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
