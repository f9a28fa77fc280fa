//! `polyiam.<platform>.node`: the native half of the Node binding. It only converts between JS
//! values and the core's value tree and runs calls on the core's tokio runtime, settling a JS
//! Promise when they finish (the event loop never waits). The v3-SDK-shaped API (one method per
//! operation, error classes, paginators) is the generated JS layer in `lib/`.

#![allow(clippy::result_large_err)] // polyiam_core::Error is what every binding passes around.

mod client;
mod errors;
mod from_js;
mod provider;
mod settle;
mod to_js;

pub use client::{connect, NativeAbort, NativeClient, NativePages};

/// Rust's allocations in this module (the value trees, the SDK's requests) use mimalloc: see the
/// workspace Cargo.toml. The host's own objects keep the host's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The addon's version (the workspace's).
#[napi_derive::napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Panics inside the FFI guard, so tests can check that a Rust panic arrives as a rejected Promise
/// (an `InternalError`), never an abort.
#[napi_derive::napi(js_name = "_forcePanicForTests")]
pub fn force_panic_for_tests(env: &napi::Env) -> napi::Result<napi::bindgen_prelude::Object<'_>> {
    client::settle_later(env, async { panic!("forced by _forcePanicForTests") })
}

/// The `polyiam` command line (`argv` with the program name first); returns its exit code. Only the
/// package's `bin/polyiam.js` calls it, in a process of its own, so waiting here blocks no one.
#[napi_derive::napi(js_name = "cliMain")]
pub fn cli_main(argv: Vec<String>) -> i32 {
    polyiam_cli::run(argv)
}
