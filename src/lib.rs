//! why401: why did my request get 401?
//!
//! `model` is pure and host-tested; `browser` and `ui` exist only in the wasm build.

pub mod model;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use app::App;

// Timing entry points for `make bench` only.
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
