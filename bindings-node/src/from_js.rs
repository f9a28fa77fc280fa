//! JS values → value tree. `undefined` members are dropped (as the v3 SDK does), `null` is kept as
//! `Null` for the core to judge; anything without a mapping is a validation error naming its path.
//!
//! Everything goes through napi-rs's typed API (`Unknown::get_type`, `FromNapiValue::from_unknown`,
//! `JsObjectValue`); every conversion is chosen from the value's checked JS type, so none fails but
//! for an engine error (e.g. a getter that throws), which becomes a validation error as well.

use napi::bindgen_prelude::{
    Array, ArrayBuffer, BigInt, FromNapiValue, JsObjectValue, KeyCollectionMode, KeyConversion, KeyFilter, Object,
    TypedArray, TypedArrayType,
};
use napi::{JsDate, JsValue, Status, Unknown, ValueType};
use polyiam_core::{Error, Map, Timestamp, Value};

/// Deeper than any IAM shape; stops a cyclic object before it overflows the stack.
const MAX_DEPTH: usize = 64;

/// 2^53: above this a JS number no longer holds every integer exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

/// An N-API call that failed (a pending JS exception, an engine out of memory, ...).
fn engine(path: &str, e: napi::Error) -> Error {
    Error::bad_value(path, format!("could not read the value ({e})"))
}

/// An operation's input: a plain object, or `undefined`/`null` for no parameters.
pub fn input(v: Unknown<'_>) -> Result<Map, Error> {
    let t = v.get_type().map_err(|e| engine("", e))?;
    if t == ValueType::Undefined || t == ValueType::Null {
        return Ok(Map::new());
    }
    match typed(v, t, "", 0)? {
        Some(Value::Map(m)) => Ok(m),
        other => Err(Error::bad_value(
            "",
            format!("the input must be an object of parameters, got {}", other.as_ref().map_or("undefined", Value::type_name)),
        )),
    }
}

fn to_value(v: Unknown<'_>, path: &str, depth: usize) -> Result<Option<Value>, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::bad_value(path, "nested too deeply (a cyclic object?)"));
    }
    let t = v.get_type().map_err(|e| engine(path, e))?;
    typed(v, t, path, depth)
}

/// `v`, whose JS type is `t`.
fn typed(v: Unknown<'_>, t: ValueType, path: &str, depth: usize) -> Result<Option<Value>, Error> {
    let fail = |e| engine(path, e);
    Ok(Some(match t {
        ValueType::Undefined => return Ok(None),
        ValueType::Null => Value::Null,
        ValueType::Boolean => Value::Bool(bool::from_unknown(v).map_err(fail)?),
        ValueType::Number => number(f64::from_unknown(v).map_err(fail)?),
        ValueType::String => Value::String(String::from_unknown(v).map_err(fail)?),
        ValueType::BigInt => match BigInt::from_unknown(v).map_err(fail)?.get_i64() {
            (i, true) => Value::Integer(i),
            (_, false) => return Err(Error::bad_value(path, "bigint is too large for 64 bits")),
        },
        ValueType::Object => object(v, path, depth)?,
        ValueType::Symbol => return Err(Error::bad_value(path, "unsupported type symbol")),
        ValueType::Function => return Err(Error::bad_value(path, "unsupported type function")),
        _ => return Err(Error::bad_value(path, "unsupported type")),
    }))
}

/// Integral numbers become integers (the model's integer members), others floats.
fn number(x: f64) -> Value {
    if x.is_finite() && x.fract() == 0.0 && x.abs() <= MAX_SAFE {
        Value::Integer(x as i64)
    } else {
        Value::Float(x)
    }
}

/// `v`, a JS object: an array, a `Date`, bytes (`Uint8Array`/`Buffer`, `ArrayBuffer`) or a plain
/// object (its own enumerable string-keyed members, as `Object.keys` lists them).
fn object(v: Unknown<'_>, path: &str, depth: usize) -> Result<Value, Error> {
    let fail = |e| engine(path, e);
    if v.is_array().map_err(fail)? {
        let array = Array::from_unknown(v).map_err(fail)?;
        let mut items = Vec::with_capacity(array.len() as usize);
        for i in 0..array.len() {
            let item_path = format!("{path}[{i}]");
            let item: Unknown<'_> = array.get_element(i).map_err(|e| engine(&item_path, e))?;
            match to_value(item, &item_path, depth + 1)? {
                Some(value) => items.push(value),
                None => return Err(Error::bad_value(&item_path, "undefined is not allowed in a list")),
            }
        }
        return Ok(Value::List(items));
    }
    if v.is_date().map_err(fail)? {
        let ms = JsDate::from_unknown(v).and_then(|d| d.value_of()).map_err(fail)?;
        return timestamp(ms).map(Value::Timestamp).ok_or_else(|| Error::bad_value(path, "invalid Date"));
    }
    if v.is_typedarray().map_err(fail)? {
        let view = TypedArray::from_unknown(v).map_err(fail)?;
        return match view.typed_array_type {
            TypedArrayType::Uint8 | TypedArrayType::Uint8Clamped => Ok(Value::Blob(view.arraybuffer.to_vec())),
            _ => Err(Error::bad_value(path, "only Uint8Array/Buffer typed arrays can be sent as bytes")),
        };
    }
    if v.is_arraybuffer().map_err(fail)? {
        return ArrayBuffer::from_unknown(v).map(|b| Value::Blob(b.to_vec())).map_err(fail);
    }
    let obj = Object::from_unknown(v).map_err(fail)?;
    // Own enumerable keys, numbers as strings. napi-rs's `KeyFilter` takes one flag, so symbol keys
    // (listed last) are skipped below, before their value is read.
    let names = obj
        .get_all_property_names(KeyCollectionMode::OwnOnly, KeyFilter::Enumerable, KeyConversion::NumbersToStrings)
        .and_then(|names| Array::from_unknown(names.to_unknown()))
        .map_err(fail)?;
    let mut map = Map::new();
    for i in 0..names.len() {
        let key: Unknown<'_> = names.get_element(i).map_err(fail)?;
        let name = match String::from_unknown(key) {
            Ok(name) => name,
            Err(e) if e.status == Status::StringExpected => continue, // a symbol
            Err(e) => return Err(fail(e)),
        };
        let key_path = polyiam_core::value::join_path(path, &name);
        let member: Unknown<'_> = obj.get_property_unchecked(key).map_err(|e| engine(&key_path, e))?;
        if let Some(value) = to_value(member, &key_path, depth + 1)? {
            map.insert(name, value);
        }
    }
    Ok(Value::Map(map))
}

/// Milliseconds since the epoch (a JS `Date`) as seconds and nanoseconds.
fn timestamp(ms: f64) -> Option<Timestamp> {
    if !ms.is_finite() {
        return None;
    }
    let secs = (ms / 1000.0).floor();
    let nanos = ((ms - secs * 1000.0) * 1_000_000.0).round().clamp(0.0, 999_999_999.0);
    Some(Timestamp { secs: secs as i64, nanos: nanos as u32 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        assert_eq!(number(3.0), Value::Integer(3));
        assert_eq!(number(-0.5), Value::Float(-0.5));
        assert_eq!(timestamp(-1.0), Some(Timestamp { secs: -1, nanos: 999_000_000 }));
        assert_eq!(timestamp(1_500.0), Some(Timestamp { secs: 1, nanos: 500_000_000 }));
        assert_eq!(timestamp(f64::NAN), None);
    }
}
