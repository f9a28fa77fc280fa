//! Conversions between the value tree and the smithy-rs SDKs' Rust types.
//!
//! Generic impls cover primitives, options, lists and maps; codegen emits one impl per model
//! structure and enum, so the generated glue never needs to know whether smithy-rs made a field
//! optional (its CLIENT_CAREFUL rules): `Option` and plain fields convert the same way.

use crate::error::Error;
use crate::value::{join_path, Map, Timestamp, Value};
use aws_smithy_types::{Blob, DateTime};
use std::collections::HashMap;
use std::hash::Hash;

/// Output side: `None` means the member is absent, as boto3 leaves absent members out.
pub trait ToValue {
    fn to_value(&self) -> Option<Value>;
}

/// Input side; `path` names the member in errors.
pub trait FromValue: Sized {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error>;
}

impl ToValue for String {
    fn to_value(&self) -> Option<Value> {
        Some(Value::String(self.clone()))
    }
}
impl ToValue for bool {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Bool(*self))
    }
}
impl ToValue for i32 {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Integer(i64::from(*self)))
    }
}
impl ToValue for i64 {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Integer(*self))
    }
}
impl ToValue for f64 {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Float(*self))
    }
}
impl ToValue for DateTime {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Timestamp(Timestamp::from(*self)))
    }
}
impl ToValue for Blob {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Blob(self.as_ref().to_vec()))
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Option<Value> {
        self.as_ref().and_then(ToValue::to_value)
    }
}
impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Option<Value> {
        Some(Value::List(self.iter().filter_map(ToValue::to_value).collect()))
    }
}
/// Map keys are strings or enums (e.g. GetAccountSummary's `SummaryKeyType`); both are `AsRef<str>`.
impl<K: AsRef<str> + Eq + Hash, T: ToValue> ToValue for HashMap<K, T> {
    /// Keys sorted, so output is deterministic.
    fn to_value(&self) -> Option<Value> {
        let mut entries: Vec<(&str, &T)> = self.iter().map(|(k, v)| (k.as_ref(), v)).collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        Some(Value::Map(entries.into_iter().filter_map(|(k, v)| Some((k.to_string(), v.to_value()?))).collect()))
    }
}

/// Adds member `name` to `m` unless it is absent.
pub fn put(m: &mut Map, name: &str, v: &impl ToValue) {
    if let Some(v) = v.to_value() {
        m.insert(name.to_string(), v);
    }
}

/// Like [`put`], for members whose shape is `@sensitive`.
pub fn put_sensitive(m: &mut Map, name: &str, v: &impl ToValue) {
    if let Some(v) = v.to_value() {
        m.insert(name.to_string(), Value::Sensitive(Box::new(v)));
    }
}

/// A structure's value, or an empty structure for `Unit`-like outputs.
pub fn structure(v: &impl ToValue) -> Value {
    v.to_value().unwrap_or_else(|| Value::Map(Map::new()))
}


/// Reads optional member `name` of a structure value.
pub fn member<T: FromValue>(m: &Map, name: &str, path: &str) -> Result<Option<T>, Error> {
    match m.get(name) {
        None => Ok(None),
        Some(v) => T::from_value(v, &join_path(path, name)).map(Some),
    }
}

pub fn expect_map<'a>(v: &'a Value, path: &str) -> Result<&'a Map, Error> {
    v.as_map().ok_or_else(|| Error::bad_value(path, format!("expected structure, got {}", v.type_name())))
}

pub fn expect_str<'a>(v: &'a Value, path: &str) -> Result<&'a str, Error> {
    v.as_str().ok_or_else(|| Error::bad_value(path, format!("expected string, got {}", v.type_name())))
}

impl FromValue for String {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        expect_str(v, path).map(str::to_string)
    }
}
impl FromValue for bool {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        match v.revealed() {
            Value::Bool(b) => Ok(*b),
            other => Err(Error::bad_value(path, format!("expected boolean, got {}", other.type_name()))),
        }
    }
}
impl FromValue for i64 {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        match v.revealed() {
            Value::Integer(i) => Ok(*i),
            other => Err(Error::bad_value(path, format!("expected integer, got {}", other.type_name()))),
        }
    }
}
impl FromValue for i32 {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        let i = i64::from_value(v, path)?;
        i32::try_from(i).map_err(|_| Error::bad_value(path, format!("value {i} does not fit a 32-bit integer")))
    }
}
impl FromValue for DateTime {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        match v.revealed() {
            Value::Timestamp(t) => Ok(DateTime::from(*t)),
            Value::String(s) => Timestamp::parse_rfc3339(s)
                .map(DateTime::from)
                .ok_or_else(|| Error::bad_value(path, "expected an RFC 3339 date-time string")),
            other => Err(Error::bad_value(path, format!("expected timestamp, got {}", other.type_name()))),
        }
    }
}
impl FromValue for Blob {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        match v.revealed() {
            Value::Blob(b) => Ok(Blob::new(b.clone())),
            Value::String(s) => Ok(Blob::new(s.as_bytes().to_vec())),
            other => Err(Error::bad_value(path, format!("expected blob, got {}", other.type_name()))),
        }
    }
}
impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        match v.revealed() {
            Value::List(items) => items.iter().enumerate().map(|(i, item)| T::from_value(item, &format!("{path}[{i}]"))).collect(),
            other => Err(Error::bad_value(path, format!("expected list, got {}", other.type_name()))),
        }
    }
}
impl<K: for<'a> From<&'a str> + Eq + Hash, T: FromValue> FromValue for HashMap<K, T> {
    fn from_value(v: &Value, path: &str) -> Result<Self, Error> {
        expect_map(v, path)?
            .iter()
            .map(|(k, item)| Ok((K::from(k.as_str()), T::from_value(item, &format!("{path}[{k:?}]"))?)))
            .collect()
    }
}

/// For generated enum impls: smithy-rs enums accept any string (unknown ones become `Unknown`).
pub fn enum_from_value<T: for<'a> From<&'a str>>(v: &Value, path: &str) -> Result<T, Error> {
    expect_str(v, path).map(T::from)
}

/// For generated builder calls of nested structures with required members.
pub fn built<T>(r: Result<T, aws_smithy_types::error::operation::BuildError>, path: &str) -> Result<T, Error> {
    r.map_err(|e| Error::bad_value(path, format!("incomplete structure: {e}")))
}
