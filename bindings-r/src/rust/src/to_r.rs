//! Value tree → R values shaped like paws's results, guided by the model's output shapes (core's
//! generated schema tables): every member of a structure appears, in model order; absent members
//! are the typed empties paws.common's XML unmarshaller fills in (`default_parse_*` in
//! paws.common/R/xmlutil.R): character(0), logical(0), numeric(0), a zero-length POSIXct, list(),
//! and a structure of empties for an absent structure. Lists of scalars become atomic vectors
//! (paws `unlist`s them), lists of structures unnamed lists of named lists.

//!
//! Every conversion is fallible: an R object that cannot be built is an error, never a silently
//! empty list.

use extendr_api::prelude::*;
use polyiam_core::schema::{self, Kind, Operation, Shape};
use polyiam_core::{Error, Timestamp, Value};

type R = Result<Robj, Error>;

/// Nesting limit for filling empties (guards against recursive shapes).
const MAX_DEPTH: usize = 32;

/// An operation's output (`list()` for operations without output, as paws returns).
pub fn output(op: &Operation, v: &Value) -> R {
    match op.output.and_then(schema::shape) {
        Some(shape) => typed(v, shape, 0),
        None => Ok(List::new(0).into()),
    }
}

/// A call's result: the output as paws shapes it; `{region: output}` for a client from
/// `in_regions`; `list(Body = xml)` under `raw_response` (polyiam's own operations stay parsed).
pub fn response(op: &Operation, r: &polyiam_core::Response, raw: bool) -> R {
    if !r.by_region.is_empty() {
        let names: Vec<&str> = r.by_region.iter().map(|(region, _)| region.as_str()).collect();
        let values = r.by_region.iter().map(|(_, each)| response(op, each, raw)).collect::<Result<Vec<_>, _>>()?;
        return named(names, values);
    }
    if raw && !op.extension {
        return value(&r.output);
    }
    output(op, &r.output)
}

fn posixct(secs: Vec<f64>) -> Robj {
    let mut r: Robj = Doubles::from_values(secs).into();
    let _ = r.set_attrib("class", r!(["POSIXct", "POSIXt"]));
    let _ = r.set_attrib("tzone", r!("UTC"));
    r
}

fn secs(t: Timestamp) -> f64 {
    t.secs as f64 + f64::from(t.nanos) / 1e9
}

fn named(names: Vec<&str>, values: Vec<Robj>) -> R {
    List::from_names_and_values(names, values)
        .map(Robj::from)
        .map_err(|e| Error::internal(format!("could not build an R named list: {e}")))
}

/// `v` as an R value of `shape`'s type.
fn typed(v: &Value, shape: &'static Shape, depth: usize) -> R {
    let v = v.revealed();
    if matches!(v, Value::Null) {
        return empty(shape, depth);
    }
    Ok(match (&shape.kind, v) {
        (Kind::String | Kind::Enum(_), Value::String(s)) => {
            // paws turns an empty element into character(0).
            if s.is_empty() {
                Strings::new(0).into()
            } else {
                r!(s.as_str())
            }
        }
        (Kind::Integer | Kind::Long, Value::Integer(i)) => r!(*i as f64),
        (Kind::Boolean, Value::Bool(b)) => r!(*b),
        (Kind::Timestamp, Value::Timestamp(t)) => posixct(vec![secs(*t)]),
        (Kind::Blob, Value::Blob(b)) => r!(Raw::from_bytes(b)),
        (Kind::List { member }, Value::List(items)) => match schema::shape(member) {
            Some(item) => list(items, item, depth)?,
            None => value(v)?,
        },
        (Kind::Map { value: vshape, .. }, Value::Map(m)) => match schema::shape(vshape) {
            Some(vs) => {
                let names: Vec<&str> = m.keys().map(String::as_str).collect();
                let values = m.values().map(|item| typed(item, vs, depth + 1)).collect::<Result<Vec<_>, _>>()?;
                named(names, values)?
            }
            None => value(v)?,
        },
        (Kind::Structure { members }, Value::Map(m)) => {
            let names: Vec<&str> = members.iter().map(|mm| mm.name).collect();
            let values = members
                .iter()
                .map(|mm| match (m.get(mm.name), schema::shape(mm.target)) {
                    (Some(item), Some(s)) => typed(item, s, depth + 1),
                    (None, Some(s)) => empty(s, depth + 1),
                    (Some(item), None) => value(item),
                    (None, None) => Ok(r!(NULL)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            named(names, values)?
        }
        // The service sent something the model does not describe: convert it as it is.
        _ => value(v)?,
    })
}

fn is_scalar(shape: &Shape) -> bool {
    !matches!(shape.kind, Kind::List { .. } | Kind::Map { .. } | Kind::Structure { .. } | Kind::Blob)
}

/// A list member: an atomic vector for scalars, an unnamed list otherwise.
fn list(items: &[Value], item: &'static Shape, depth: usize) -> R {
    if !is_scalar(item) {
        let values = items.iter().map(|i| typed(i, item, depth + 1)).collect::<Result<Vec<_>, _>>()?;
        return Ok(List::from_values(values).into());
    }
    let items: Vec<&Value> = items.iter().map(Value::revealed).filter(|i| !matches!(i, Value::Null)).collect();
    Ok(match item.kind {
        Kind::String | Kind::Enum(_) if items.iter().all(|i| matches!(i, Value::String(_))) => {
            Strings::from_values(items.iter().map(|i| i.as_str().unwrap_or_default())).into()
        }
        Kind::Integer | Kind::Long if items.iter().all(|i| matches!(i, Value::Integer(_))) => {
            Doubles::from_values(items.iter().map(|i| if let Value::Integer(x) = i { *x as f64 } else { 0.0 })).into()
        }
        Kind::Boolean if items.iter().all(|i| matches!(i, Value::Bool(_))) => {
            Logicals::from_values(items.iter().map(|i| matches!(i, Value::Bool(true)))).into()
        }
        Kind::Timestamp if items.iter().all(|i| matches!(i, Value::Timestamp(_))) => {
            posixct(items.iter().map(|i| if let Value::Timestamp(t) = i { secs(*t) } else { 0.0 }).collect())
        }
        _ => List::from_values(items.iter().map(|i| value(i)).collect::<Result<Vec<_>, _>>()?).into(),
    })
}

/// The typed empty paws fills in for an absent member.
fn empty(shape: &'static Shape, depth: usize) -> R {
    Ok(match shape.kind {
        Kind::String | Kind::Enum(_) => Strings::new(0).into(),
        Kind::Integer | Kind::Long => Doubles::new(0).into(),
        Kind::Boolean => Logicals::new(0).into(),
        Kind::Timestamp => posixct(Vec::new()),
        Kind::Blob => Raw::new(0).into(),
        Kind::List { .. } | Kind::Map { .. } => List::new(0).into(),
        Kind::Structure { members } => {
            if depth >= MAX_DEPTH {
                return Ok(List::new(0).into());
            }
            let names: Vec<&str> = members.iter().map(|m| m.name).collect();
            let values = members
                .iter()
                .map(|m| schema::shape(m.target).map_or_else(|| Ok(r!(NULL)), |s| empty(s, depth + 1)))
                .collect::<Result<Vec<_>, _>>()?;
            named(names, values)?
        }
    })
}

/// A value without a model shape to guide it (also what crosses the boundary besides results:
/// `Error::to_value`). Integers that fit R's become integers, others doubles.
pub fn value(v: &Value) -> R {
    Ok(match v {
        Value::Null => r!(NULL),
        Value::Bool(b) => r!(*b),
        Value::Integer(i) => match i32::try_from(*i) {
            Ok(small) if small != i32::MIN => r!(small),
            _ => r!(*i as f64),
        },
        Value::Float(x) => r!(*x),
        Value::String(s) => r!(s.as_str()),
        Value::Timestamp(t) => posixct(vec![secs(*t)]),
        Value::Blob(b) => r!(Raw::from_bytes(b)),
        Value::List(items) => List::from_values(items.iter().map(value).collect::<Result<Vec<_>, _>>()?).into(),
        Value::Map(m) => {
            let names: Vec<&str> = m.keys().map(String::as_str).collect();
            named(names, m.values().map(value).collect::<Result<Vec<_>, _>>()?)?
        }
        Value::Sensitive(inner) => value(inner)?,
    })
}
