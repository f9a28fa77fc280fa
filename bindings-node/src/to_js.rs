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

/// `{ output, metadata }`: the runtime maps `metadata` (the core's response metadata, by its names)
/// to the v3 SDK's `$metadata` and adds it to the output object.
pub unsafe fn response(env: Env, r: &Response) -> R<Val> {
    let out = raw::object(env)?;
    let output = match &r.output {
        Value::Map(_) => value(env, &r.output)?,
        _ => raw::object(env)?,
    };
    raw::set(env, out, "output", output)?;
    let meta = value(env, &r.meta.to_value())?;
    raw::set(env, out, "metadata", meta)?;
    Ok(out)
}
