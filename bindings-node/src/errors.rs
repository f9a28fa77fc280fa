//! Core errors (and panics) as plain `{ error: {...} }` objects carrying every field; the JS runtime
//! turns them into the matching v3-style exception class.

use crate::raw::{self, Env, Val, R};
use polyiam_core::Error;
use std::panic::{catch_unwind, AssertUnwindSafe};

unsafe fn opt_str(env: Env, s: Option<&str>) -> R<Val> {
    match s {
        Some(s) => raw::string(env, s),
        None => raw::null(env),
    }
}

/// The error's fields. Messages never contain secrets: the core builds them from codes, paths and
/// rules, never from sensitive values.
pub unsafe fn info(env: Env, e: &Error) -> R<Val> {
    let d = raw::object(env)?;
    raw::set(env, d, "kind", raw::string(env, e.kind.as_str())?)?;
    raw::set(env, d, "code", raw::string(env, &e.code)?)?;
    raw::set(env, d, "shape", opt_str(env, e.shape)?)?;
    raw::set(env, d, "message", raw::string(env, &e.message)?)?;
    raw::set(env, d, "display", raw::string(env, &e.to_string())?)?;
    raw::set(env, d, "operation", opt_str(env, e.operation)?)?;
    raw::set(env, d, "requestId", opt_str(env, e.request_id.as_deref())?)?;
    let status = match e.http_status {
        Some(s) => raw::number(env, f64::from(s))?,
        None => raw::null(env)?,
    };
    raw::set(env, d, "httpStatus", status)?;
    raw::set(env, d, "headers", crate::to_js::headers(env, &e.http_headers)?)?;
    raw::set(env, d, "fault", raw::string(env, e.fault.as_str())?)?;
    raw::set(env, d, "retryAttempts", raw::number(env, f64::from(e.retry_attempts))?)?;
    raw::set(env, d, "totalRetryDelay", raw::number(env, e.total_retry_delay_ms as f64)?)?;
    raw::set(env, d, "outcomeUnknown", raw::boolean(env, e.outcome_unknown)?)?;
    raw::set(env, d, "outcomeNote", opt_str(env, e.outcome_note().as_deref())?)?;
    let issues = raw::array(env, e.issues.len())?;
    for (n, i) in e.issues.iter().enumerate() {
        let issue = raw::object(env)?;
        raw::set(env, issue, "path", raw::string(env, &i.path)?)?;
        raw::set(env, issue, "rule", raw::string(env, i.rule)?)?;
        raw::set(env, issue, "detail", raw::string(env, &i.detail)?)?;
        raw::set_element(env, issues, n as u32, issue)?;
    }
    raw::set(env, d, "issues", issues)?;
    let wrapper = raw::object(env)?;
    raw::set(env, wrapper, "error", d)?;
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
