//! The service worker that keeps the app for offline use (assets/sw.js, written into dist/ with
//! the build's file list by scripts/precache.py): registering it, hearing that a new deployment
//! has installed and waits, and letting it take over when the user asks.

use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

const SCRIPT: &str = "./sw.js";

/// None where the browser offers no service worker: outside a secure context (plain http on a
/// host other than localhost) and in some private modes. The page then simply needs the network.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker. `on_waiting` runs when a new deployment has installed and waits for
/// the page's Reload; never for the first install, which had nothing before it.
pub fn register(on_waiting: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    let on_waiting: Rc<dyn Fn()> = Rc::new(on_waiting);
    let registering = container.register(SCRIPT);
    spawn_local(async move {
        // A refused registration (blocked, or no sw.js in a bare build) leaves the page as it
        // is: online only. Nothing to tell the user.
        let Ok(registration) = JsFuture::from(registering).await else { return };
        // Checked, not assumed: an automation browser that blocks workers resolves with nothing.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
        if registration.waiting().is_some() && container.controller().is_some() {
            on_waiting();
        }
        let watched = registration.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else { return };
            let (seen, on_waiting) = (worker.clone(), on_waiting.clone());
            let changed = Closure::<dyn Fn()>::new(move || {
                // Installed while another worker controls the page: a new deployment waits.
                if seen.state() == ServiceWorkerState::Installed && has_controller() {
                    on_waiting();
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            // The worker object lives as long as the page; so does its listener.
            changed.forget();
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
}

fn has_controller() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Lets the waiting deployment take over, and reloads once it controls the page.
pub fn activate_waiting() {
    let Some(container) = container() else { return reload() };
    spawn_local(async move {
        let waiting = match JsFuture::from(container.get_registration()).await {
            Ok(r) => r.dyn_into::<ServiceWorkerRegistration>().ok().and_then(|r| r.waiting()),
            Err(_) => None,
        };
        let Some(waiting) = waiting else { return reload() };
        let taken_over = Closure::once_into_js(reload);
        container.set_oncontrollerchange(Some(taken_over.unchecked_ref()));
        if waiting.post_message(&JsValue::from_str("skip-waiting")).is_err() {
            reload();
        }
    });
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
