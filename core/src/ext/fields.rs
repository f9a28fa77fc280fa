//! Reading the validated input and the service's outputs (value trees) in the extensions.

use crate::error::{Error, ErrorKind};
use crate::value::{Map, Value};
use crate::Client;

/// A string member, if given (validation has checked its type).
pub(super) fn string<'a>(input: &'a Map, name: &str) -> Option<&'a str> {
    input.get(name).map(Value::revealed).and_then(Value::as_str)
}

/// `output[name]` as a structure, or a response error naming what is missing.
pub(super) fn structure<'a>(output: &'a Value, name: &str, operation: &str) -> Result<&'a Map, Error> {
    output.as_map().and_then(|m| m.get(name)).and_then(Value::as_map).ok_or_else(|| missing(operation, name))
}

/// A string member of a service's output.
pub(super) fn out_string<'a>(m: &'a Map, name: &str, operation: &str) -> Result<&'a str, Error> {
    m.get(name).map(Value::revealed).and_then(Value::as_str).ok_or_else(|| missing(operation, name))
}

fn missing(operation: &str, name: &str) -> Error {
    Error::new(ErrorKind::Response, "InvalidResponse", format!("the {operation} response has no {name}"))
}

/// A service error the extension raises itself, with the service's modelled class for `code`
/// (so `except iam.exceptions.LimitExceededException` catches it in Python, and so on).
pub(super) fn service_error(client: &Client, code: &str, message: String) -> Error {
    let shape = client.service().error_for_code(code);
    Error {
        shape: shape.map(|s| s.name),
        fault: shape.and_then(|s| s.error).map_or(crate::schema::Fault::Client, |e| e.fault),
        ..Error::new(ErrorKind::Service, code, message)
    }
}

/// A map from (name, value) pairs.
pub(super) fn map<const N: usize>(pairs: [(&str, Value); N]) -> Map {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

pub(super) fn s(v: &str) -> Value {
    Value::String(v.to_string())
}
