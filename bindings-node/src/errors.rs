//! Core errors (and panics) as plain `{ error: {...} }` objects carrying every field; the JS runtime
//! turns them into the matching v3-style exception class.

use napi::bindgen_prelude::Object;
use napi::Env;
use polyiam_core::Error;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// `{ error }` with the error's fields: the same fields, by the same names, every binding gets
/// (`Error::to_value`). Messages never contain secrets.
pub fn info<'env>(env: &'env Env, e: &Error) -> napi::Result<Object<'env>> {
    let mut wrapper = Object::new(env)?;
    wrapper.set("error", crate::to_js::value(env, &e.to_value())?)?;
    Ok(wrapper)
}

/// The message of a caught panic payload.
pub fn internal(payload: &(dyn std::any::Any + Send)) -> Error {
    Error::from_panic(payload)
}

/// Runs `f` (on the JS thread), turning a Rust panic into a JS exception instead of unwinding into Node.
pub fn guard<T>(f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(napi::Error::from_reason(Error::from_panic(payload.as_ref()).message)),
    }
}
