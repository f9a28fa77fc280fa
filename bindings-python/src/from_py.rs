//! Python objects → value tree. Anything without a mapping is a validation error naming its path.

use polyiam_core::{Error, Map, Timestamp, Value};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};


pub fn dict_to_map(d: &Bound<'_, PyDict>, path: &str) -> Result<Map, Error> {
    let mut map = Map::with_capacity(d.len());
    for (k, v) in d.iter() {
        let key = k
            .cast::<PyString>()
            .map_err(|_| Error::bad_value(path, format!("keys must be strings, got {}", type_name(&k))))?
            .to_cow()
            .map_err(|_| Error::bad_value(path, "a key is not valid UTF-8"))?
            .to_string();
        let value = to_value(&v, &polyiam_core::value::join_path(path, &key))?;
        map.insert(key, value);
    }
    Ok(map)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

pub fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, Error> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: Python's bool is an int subclass.
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.is_truthy().unwrap_or(false)));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|_| Error::bad_value(path, "string is not valid UTF-8 (lone surrogates?)"));
    }
    if obj.is_instance_of::<PyInt>() {
        return obj
            .extract::<i64>()
            .map(Value::Integer)
            .map_err(|_| Error::bad_value(path, "integer is too large for 64 bits"));
    }
    if obj.is_instance_of::<PyFloat>() {
        return obj.extract::<f64>().map(Value::Float).map_err(|_| Error::bad_value(path, "invalid float"));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_to_map(d, path).map(Value::Map);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter().map_err(|_| Error::bad_value(path, "not iterable"))?.enumerate() {
            let item = item.map_err(|_| Error::bad_value(path, "iteration failed"))?;
            items.push(to_value(&item, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::List(items));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Value::Blob(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Value::Blob(b.to_vec()));
    }
    if let Some(t) = datetime(obj) {
        return Ok(Value::Timestamp(t));
    }
    Err(Error::bad_value(path, format!("unsupported type {}", type_name(obj))))
}

/// A `datetime`; naive ones are taken as UTC, as botocore does.
fn datetime(obj: &Bound<'_, PyAny>) -> Option<Timestamp> {
    if let Ok(dt) = obj.extract::<chrono::DateTime<chrono::FixedOffset>>() {
        return Some(Timestamp { secs: dt.timestamp(), nanos: dt.timestamp_subsec_nanos() });
    }
    let naive = obj.extract::<chrono::NaiveDateTime>().ok()?;
    let utc = naive.and_utc();
    Some(Timestamp { secs: utc.timestamp(), nanos: utc.timestamp_subsec_nanos() })
}
