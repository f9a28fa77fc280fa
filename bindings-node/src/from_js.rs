//! JS values → value tree. `undefined` members are dropped (as the v3 SDK does), `null` is kept as
//! `Null` for the core to judge; anything without a mapping is a validation error naming its path.

use crate::raw::{self, Env, Val};
use napi::sys::ValueType;
use polyiam_core::{Error, Map, Timestamp, Value};

/// Deeper than any IAM shape; stops a cyclic object before it overflows the stack.
const MAX_DEPTH: usize = 64;

/// 2^53: above this a JS number no longer holds every integer exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;


fn engine(path: &str, e: raw::Fail) -> Error {
    Error::bad_value(path, format!("could not read the value ({})", e.0))
}

/// An operation's input: a plain object, or `undefined`/`null` for no parameters.
pub unsafe fn input(env: Env, v: Val) -> Result<Map, Error> {
    let t = raw::type_of(env, v).map_err(|e| engine("", e))?;
    if t == ValueType::napi_undefined || t == ValueType::napi_null {
        return Ok(Map::new());
    }
    match to_value(env, v, "", 0)? {
        Some(Value::Map(m)) => Ok(m),
        other => Err(Error::bad_value(
            "",
            format!("the input must be an object of parameters, got {}", other.as_ref().map_or("undefined", Value::type_name)),
        )),
    }
}

unsafe fn to_value(env: Env, v: Val, path: &str, depth: usize) -> Result<Option<Value>, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::bad_value(path, "nested too deeply (a cyclic object?)"));
    }
    let fail = |e| engine(path, e);
    let t = raw::type_of(env, v).map_err(fail)?;
    Ok(Some(match t {
        ValueType::napi_undefined => return Ok(None),
        ValueType::napi_null => Value::Null,
        ValueType::napi_boolean => Value::Bool(raw::get_bool(env, v).map_err(fail)?),
        ValueType::napi_number => number(raw::get_f64(env, v).map_err(fail)?),
        ValueType::napi_string => Value::String(raw::get_string(env, v).map_err(fail)?),
        ValueType::napi_bigint => match raw::get_bigint(env, v).map_err(fail)? {
            Some(i) => Value::Integer(i),
            None => return Err(Error::bad_value(path, "bigint is too large for 64 bits")),
        },
        ValueType::napi_object => object(env, v, path, depth)?,
        ValueType::napi_symbol => return Err(Error::bad_value(path, "unsupported type symbol")),
        ValueType::napi_function => return Err(Error::bad_value(path, "unsupported type function")),
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

unsafe fn object(env: Env, v: Val, path: &str, depth: usize) -> Result<Value, Error> {
    let fail = |e| engine(path, e);
    if raw::is_array(env, v).map_err(fail)? {
        let n = raw::array_len(env, v).map_err(fail)?;
        let mut items = Vec::with_capacity(n as usize);
        for i in 0..n {
            let item_path = format!("{path}[{i}]");
            let item = raw::element(env, v, i).map_err(|e| engine(&item_path, e))?;
            match to_value(env, item, &item_path, depth + 1)? {
                Some(value) => items.push(value),
                None => return Err(Error::bad_value(&item_path, "undefined is not allowed in a list")),
            }
        }
        return Ok(Value::List(items));
    }
    if raw::is_date(env, v).map_err(fail)? {
        let ms = raw::get_date_ms(env, v).map_err(fail)?;
        return timestamp(ms).map(Value::Timestamp).ok_or_else(|| Error::bad_value(path, "invalid Date"));
    }
    if raw::is_typedarray(env, v).map_err(fail)? {
        return match raw::uint8_bytes(env, v).map_err(fail)? {
            Some(bytes) => Ok(Value::Blob(bytes)),
            None => Err(Error::bad_value(path, "only Uint8Array/Buffer typed arrays can be sent as bytes")),
        };
    }
    if raw::is_arraybuffer(env, v).map_err(fail)? {
        return raw::arraybuffer_bytes(env, v).map(Value::Blob).map_err(fail);
    }
    let mut map = Map::new();
    for (key, value) in raw::own_keys(env, v).map_err(fail)? {
        let key_path = polyiam_core::value::join_path(path, &key);
        if let Some(value) = to_value(env, value, &key_path, depth + 1)? {
            map.insert(key, value);
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
