//! Value tree → plain JS values, shaped like the v3 SDK's output: structures are plain objects
//! (absent members absent), timestamps `Date`s, blobs `Buffer`s (a `Uint8Array`), numbers numbers.

use crate::raw::{self, Env, Val, R};
use polyiam_core::{Response, Value};

pub unsafe fn value(env: Env, v: &Value) -> R<Val> {
    match v {
        Value::Null => raw::null(env),
        Value::Bool(b) => raw::boolean(env, *b),
        Value::Integer(i) => raw::number(env, *i as f64),
        Value::Float(x) => raw::number(env, *x),
        Value::String(s) => raw::string(env, s),
        Value::Timestamp(t) => raw::date(env, t.secs as f64 * 1000.0 + f64::from(t.nanos) / 1_000_000.0),
        Value::Blob(b) => raw::buffer(env, b),
        Value::List(items) => {
            let arr = raw::array(env, items.len())?;
            for (i, item) in items.iter().enumerate() {
                raw::set_element(env, arr, i as u32, value(env, item)?)?;
            }
            Ok(arr)
        }
        Value::Map(m) => {
            let obj = raw::object(env)?;
            for (k, item) in m {
                raw::set(env, obj, k, value(env, item)?)?;
            }
            Ok(obj)
        }
        Value::Sensitive(inner) => value(env, inner),
    }
}

/// `{ output, metadata }`: the runtime adds `$metadata` to the output object.
pub unsafe fn response(env: Env, r: &Response) -> R<Val> {
    let out = raw::object(env)?;
    let output = match &r.output {
        Value::Map(_) => value(env, &r.output)?,
        _ => raw::object(env)?,
    };
    raw::set(env, out, "output", output)?;
    let meta = raw::object(env)?;
    if let Some(status) = r.meta.http_status {
        raw::set(env, meta, "httpStatusCode", raw::number(env, f64::from(status))?)?;
    }
    if let Some(id) = &r.meta.request_id {
        raw::set(env, meta, "requestId", raw::string(env, id)?)?;
    }
    raw::set(env, meta, "retryAttempts", raw::number(env, f64::from(r.meta.retry_attempts))?)?;
    raw::set(env, meta, "totalRetryDelay", raw::number(env, r.meta.total_retry_delay_ms as f64)?)?;
    raw::set(env, meta, "headers", headers(env, &r.meta.http_headers)?)?;
    raw::set(env, out, "metadata", meta)?;
    Ok(out)
}

/// Response headers: lower-case names, repeated headers joined with ", ".
pub unsafe fn headers(env: Env, pairs: &[(String, String)]) -> R<Val> {
    let mut joined: Vec<(&str, String)> = Vec::new();
    for (k, v) in pairs {
        match joined.iter_mut().find(|(name, _)| *name == k.as_str()) {
            Some((_, prev)) => {
                prev.push_str(", ");
                prev.push_str(v);
            }
            None => joined.push((k, v.clone())),
        }
    }
    let obj = raw::object(env)?;
    for (k, v) in joined {
        raw::set(env, obj, k, raw::string(env, &v)?)?;
    }
    Ok(obj)
}
