//! A new deployment of the page, installed by the service worker and waiting for the user's
//! Reload: the page is never swapped under someone who is typing.

use crate::browser::service_worker;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppUpdate {
    /// A new version has installed and waits.
    pub waiting: RwSignal<bool>,
}

impl AppUpdate {
    /// Registers the service worker (offline use) and listens for the next deployment.
    pub fn register() -> Self {
        let waiting = RwSignal::new(false);
        service_worker::register(move || waiting.set(true));
        Self { waiting }
    }

    /// The new version takes over and the page reloads with it.
    pub fn reload(self) {
        service_worker::activate_waiting();
    }

    /// Not now: the notice goes; the new version is used from the next visit.
    pub fn later(self) {
        self.waiting.set(false);
    }
}
