//! Value tree → plain JS values, shaped like the v3 SDK's output: structures are plain objects
//! (absent members absent), timestamps `Date`s, blobs `Buffer`s (a `Uint8Array`), numbers numbers.

use napi::bindgen_prelude::{BufferSlice, Null, Object, ToNapiValue};
use napi::{Env, JsValue, Unknown};
use polyiam_core::{Response, Value};

pub fn value<'env>(env: &'env Env, v: &Value) -> napi::Result<Unknown<'env>> {
    match v {
        Value::Null => Null.into_unknown(env),
        Value::Bool(b) => b.into_unknown(env),
        Value::Integer(i) => (*i as f64).into_unknown(env),
        Value::Float(x) => x.into_unknown(env),
        Value::String(s) => s.as_str().into_unknown(env),
        Value::Timestamp(t) => {
            env.create_date(t.secs as f64 * 1000.0 + f64::from(t.nanos) / 1_000_000.0).map(|d| d.to_unknown())
        }
        Value::Blob(b) => BufferSlice::copy_from(env, b).map(|b| b.to_unknown()),
        Value::List(items) => {
            let mut array = env.create_array(items.len() as u32)?;
            for (i, item) in items.iter().enumerate() {
                array.set(i as u32, value(env, item)?)?;
            }
            Ok(array.to_unknown())
        }
        Value::Map(m) => {
            let mut obj = Object::new(env)?;
            for (k, item) in m {
                obj.set(k, value(env, item)?)?;
            }
            Ok(obj.to_unknown())
        }
        Value::Sensitive(inner) => value(env, inner),
    }
}

/// `{ output, metadata }`: the runtime maps `metadata` (the core's response metadata, by its names)
/// to the v3 SDK's `$metadata` and adds it to the output object.
/// For a client from `inRegions`: `{ regions: { region: { output, metadata } } }`.
pub fn response<'env>(env: &'env Env, r: &Response) -> napi::Result<Object<'env>> {
    let mut out = Object::new(env)?;
    if !r.by_region.is_empty() {
        let mut regions = Object::new(env)?;
        for (region, each) in &r.by_region {
            regions.set(region, response(env, each)?)?;
        }
        out.set("regions", regions)?;
        return Ok(out);
    }
    let output = match &r.output {
        Value::Map(_) => value(env, &r.output)?,
        _ => Object::new(env)?.to_unknown(),
    };
    out.set("output", output)?;
    out.set("metadata", value(env, &r.meta.to_value())?)?;
    Ok(out)
}
