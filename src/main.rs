//! The page's entry point: mount the app (wasm); the host build exists for `cargo test`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(why401::App);
}

// The host build exists only so `cargo test` can run the pure model.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
