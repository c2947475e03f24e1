//! The only place that touches browser APIs. Everything here is thin: it reads the world and
//! hands plain values to `model/`.

pub mod clipboard;
pub mod clock;
pub mod compress;
pub mod fetch;
pub mod navigation;
pub mod service_worker;
pub mod webcrypto;
