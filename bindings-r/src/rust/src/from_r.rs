//! R values → value tree, guided by the model's input shapes so an atomic vector can fill a list
//! member. Anything without a mapping (NA, factors, length ≠ 1, functions, ...) is a validation
//! error naming its path; nothing here can panic or call back into R.

use extendr_api::prelude::*;
use polyiam_core::schema::{self, Kind, Operation, Shape};
use polyiam_core::{Error, Map, Timestamp, Value};
use std::os::raw::{c_char, c_int, c_void};

// R's C API for a CHARSXP's bytes and declared encoding (these never raise an R error on a
// CHARSXP). The SEXP is passed as an untyped pointer (extendr's SEXPREC is opaque).
extern "C" {
    fn R_CHAR(x: *mut c_void) -> *const c_char;
    fn Rf_xlength(x: *mut c_void) -> isize;
    fn Rf_getCharCE(x: *mut c_void) -> c_int;
}

const CE_LATIN1: c_int = 2;
const CE_BYTES: c_int = 3;

/// The text of one (non-NA) R string as UTF-8. extendr's `&str` views of a CHARSXP assume UTF-8,
/// so read the bytes and the encoding mark here: latin1-marked strings are converted, UTF-8 and
/// native ones (R's native encoding is UTF-8 on every platform R >= 4.2 supports) must be valid
/// UTF-8, and "bytes"-marked strings are not text.
pub fn text(r: &Rstr) -> Result<String, &'static str> {
    // SAFETY: `r` is a live CHARSXP (not NA: callers check) protected by its owner for this call;
    // R_CHAR points at exactly Rf_xlength(r) bytes.
    let (bytes, ce) = unsafe {
        let sexp = r.get().cast::<c_void>();
        let len = usize::try_from(Rf_xlength(sexp)).unwrap_or(0);
        let ptr = R_CHAR(sexp).cast::<u8>();
        let bytes: &[u8] = if len == 0 || ptr.is_null() { &[] } else { std::slice::from_raw_parts(ptr, len) };
        (bytes, Rf_getCharCE(sexp))
    };
    match ce {
        CE_LATIN1 => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
        CE_BYTES => Err("strings marked as \"bytes\" are not text; convert with iconv(x, from, \"UTF-8\")"),
        _ => std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| "the string is not valid UTF-8; convert it with iconv(x, from, \"UTF-8\") or enc2utf8()"),
    }
}

/// The names of a list as UTF-8 (NA names come back as "NA").
fn names_of(v: &Robj, path: &str) -> Result<Option<Vec<String>>, Error> {
    let attr = v.get_attrib(names_symbol());
    let Some(attr) = attr.filter(|a| !a.is_null()) else { return Ok(None) };
    let names = Strings::try_from(attr).map_err(|_| Error::bad_value(path, "unreadable names"))?;
    let mut out = Vec::with_capacity(names.len());
    for i in 0..names.len() {
        let r = names.elt(i);
        if r.is_na() {
            out.push("NA".to_string());
        } else {
            out.push(text(&r).map_err(|d| Error::bad_value(path, format!("a name: {d}")))?);
        }
    }
    Ok(Some(out))
}


/// The operation named by a character(1), from the model tables.
pub fn operation(service: &'static schema::Service, op: &Robj) -> Result<&'static Operation, Error> {
    let name = op.as_str().ok_or_else(|| Error::internal("operation name must be a string"))?;
    service.operation(name).ok_or_else(|| Error::bad_value("", format!("unknown {} operation {name:?}", service.name)))
}

/// A NULL or a single non-NA string (config fields, tokens).
pub fn opt_string(v: &Robj, name: &str) -> Result<Option<String>, Error> {
    if v.is_null() {
        return Ok(None);
    }
    match (v.rtype(), v.len()) {
        (Rtype::Strings, 1) if !v.inherits("factor") => {
            let strings = Strings::try_from(v.clone()).map_err(|_| Error::config(format!("{name}: unreadable string")))?;
            let r = strings.elt(0);
            if r.is_na() {
                return Err(Error::config(format!("{name} must be a single string, not NA")));
            }
            text(&r).map(Some).map_err(|d| Error::config(format!("{name}: {d}")))
        }
        _ => Err(Error::config(format!("{name} must be a single string (character of length 1) or NULL"))),
    }
}

/// A NULL or a single non-NA number.
pub fn opt_number(v: &Robj, name: &str) -> Result<Option<f64>, Error> {
    if v.is_null() {
        return Ok(None);
    }
    let bad = || Error::config(format!("{name} must be a single number or NULL"));
    if v.len() != 1 || v.is_na() {
        return Err(bad());
    }
    match v.rtype() {
        Rtype::Integers if !v.inherits("factor") => v.as_integer().map(f64::from).map(Some).ok_or_else(bad),
        Rtype::Doubles => v.as_real().filter(|x| x.is_finite()).map(Some).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// The operation's arguments: a named list (NULL members are left out).
pub fn params(v: &Robj, op: &'static Operation) -> Result<Map, Error> {
    let shape = op.input.and_then(schema::shape);
    if v.is_null() {
        return Ok(Map::new());
    }
    match value(v, shape, "")? {
        Value::Map(m) => Ok(m),
        Value::List(items) if items.is_empty() => Ok(Map::new()),
        _ => Err(Error::bad_value("", "arguments must be a named list")),
    }
}

fn describe(v: &Robj) -> String {
    if v.inherits("factor") {
        return "a factor".into();
    }
    let t = match v.rtype() {
        Rtype::Null => "NULL",
        Rtype::Logicals => "logical",
        Rtype::Integers => "integer",
        Rtype::Doubles => "numeric",
        Rtype::Complexes => "complex",
        Rtype::Strings => "character",
        Rtype::Raw => "raw",
        Rtype::List => "list",
        Rtype::Function | Rtype::Builtin | Rtype::Special => "a function",
        Rtype::Environment => "an environment",
        Rtype::Symbol => "a symbol",
        Rtype::Language => "a call",
        _ => "an unsupported R object",
    };
    format!("{t} of length {}", v.len())
}

fn target_of(shape: Option<&'static Shape>, key: &str) -> Option<&'static Shape> {
    let s = shape?;
    match s.kind {
        Kind::Structure { members } => members.iter().find(|m| m.name == key).and_then(|m| schema::shape(m.target)),
        Kind::Map { value, .. } => schema::shape(value),
        _ => None,
    }
}

fn list_item(shape: Option<&'static Shape>) -> Option<&'static Shape> {
    match shape?.kind {
        Kind::List { member } => schema::shape(member),
        _ => None,
    }
}

/// One R value at `path`; `shape` is the model shape expected there, when known.
pub fn value(v: &Robj, shape: Option<&'static Shape>, path: &str) -> Result<Value, Error> {
    let shown = if path.is_empty() { "arguments" } else { path };
    if v.is_null() {
        return Ok(Value::Null);
    }
    if v.inherits("factor") {
        return Err(Error::bad_value(shown, "factors are not accepted; convert with as.character()"));
    }
    let wants_list = matches!(shape.map(|s| &s.kind), Some(Kind::List { .. }));
    // An atomic vector fills a list of scalars (R has no length-1 vector vs scalar distinction);
    // for a list of structures or maps it is the wrong type as a whole, reported at `path`.
    let atomic_fills_list = wants_list
        && !matches!(list_item(shape).map(|s| &s.kind), Some(Kind::Structure { .. } | Kind::Map { .. } | Kind::List { .. }));
    match v.rtype() {
        Rtype::List => {
            let list = List::try_from(v.clone()).map_err(|_| Error::bad_value(shown, "unreadable list"))?;
            let names = names_of(v, shown)?;
            match names {
                Some(names) if !wants_list && !list.is_empty() => {
                    let mut map = Map::with_capacity(list.len());
                    for (key, item) in names.iter().zip(list.values()) {
                        if key.is_empty() || key == "NA" {
                            return Err(Error::bad_value(shown, "every element of a named list needs a name"));
                        }
                        if map.contains_key(key) {
                            return Err(Error::bad_value(shown, format!("the name {key:?} is given twice")));
                        }
                        let item_path = polyiam_core::value::join_path(path, key);
                        let value = value(&item, target_of(shape, key), &item_path)?;
                        if !matches!(value, Value::Null) {
                            map.insert(key.clone(), value);
                        }
                    }
                    Ok(Value::Map(map))
                }
                _ if list.is_empty() && matches!(shape.map(|s| &s.kind), Some(Kind::Structure { .. } | Kind::Map { .. })) => {
                    Ok(Value::Map(Map::new()))
                }
                _ => {
                    let item_shape = list_item(shape);
                    let mut items = Vec::with_capacity(list.len());
                    for (i, item) in list.values().enumerate() {
                        items.push(value(&item, item_shape, &format!("{path}[{i}]"))?);
                    }
                    Ok(Value::List(items))
                }
            }
        }
        Rtype::Strings | Rtype::Integers | Rtype::Doubles | Rtype::Logicals => {
            if atomic_fills_list {
                let item_shape = list_item(shape);
                let mut items = Vec::with_capacity(v.len());
                for i in 0..v.len() {
                    items.push(scalar(v, i, item_shape, &format!("{path}[{i}]"))?);
                }
                return Ok(Value::List(items));
            }
            if v.len() != 1 {
                return Err(Error::bad_value(
                    shown,
                    format!("expected a single value (length 1), got {}", describe(v)),
                ));
            }
            scalar(v, 0, shape, shown)
        }
        Rtype::Raw => Ok(Value::Blob(v.as_raw_slice().map(<[u8]>::to_vec).unwrap_or_default())),
        _ => Err(Error::bad_value(shown, format!("unsupported value: {}", describe(v)))),
    }
}

/// Element `i` of an atomic vector.
fn scalar(v: &Robj, i: usize, shape: Option<&'static Shape>, path: &str) -> Result<Value, Error> {
    let na = || Error::bad_value(path, "NA is not a value; leave the argument out (NULL) instead");
    let timestamp = v.inherits("POSIXct") || v.inherits("Date");
    match v.rtype() {
        Rtype::Strings => {
            let strings = Strings::try_from(v.clone()).map_err(|_| Error::bad_value(path, "unreadable string"))?;
            if i >= strings.len() {
                return Err(Error::bad_value(path, "unreadable string"));
            }
            let r = strings.elt(i);
            if r.is_na() {
                return Err(na());
            }
            text(&r).map(Value::String).map_err(|d| Error::bad_value(path, d))
        }
        Rtype::Logicals => match v.as_logical_slice().and_then(|s| s.get(i)) {
            Some(b) if b.is_na() => Err(na()),
            Some(b) => Ok(Value::Bool(b.is_true())),
            None => Err(Error::bad_value(path, "unreadable logical")),
        },
        Rtype::Integers => match v.as_integer_slice().and_then(|s| s.get(i)) {
            Some(&x) if x == i32::MIN => Err(na()),
            Some(&x) => Ok(Value::Integer(i64::from(x))),
            None => Err(Error::bad_value(path, "unreadable integer")),
        },
        Rtype::Doubles => {
            let x = *v.as_real_slice().and_then(|s| s.get(i)).ok_or_else(|| Error::bad_value(path, "unreadable number"))?;
            if x.is_nan() {
                return Err(na());
            }
            if !x.is_finite() {
                return Err(Error::bad_value(path, "infinite numbers are not accepted"));
            }
            if timestamp {
                let secs_f = if v.inherits("Date") { x * 86_400.0 } else { x };
                let secs = secs_f.floor();
                let nanos = ((secs_f - secs) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
                return Ok(Value::Timestamp(Timestamp { secs: secs as i64, nanos }));
            }
            let wants_int = matches!(shape.map(|s| &s.kind), Some(Kind::Integer | Kind::Long));
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Ok(Value::Integer(x as i64))
            } else if wants_int {
                Err(Error::bad_value(path, format!("expected a whole number, got {x}")))
            } else {
                Ok(Value::Float(x))
            }
        }
        _ => Err(Error::bad_value(path, format!("unsupported value: {}", describe(v)))),
    }
}
