//! Value tree → R values shaped like paws's results, guided by the model's output shapes (core's
//! generated schema tables): every member of a structure appears, in model order; absent members
//! are the typed empties paws.common's XML unmarshaller fills in (`default_parse_*` in
//! paws.common/R/xmlutil.R): character(0), logical(0), numeric(0), a zero-length POSIXct, list(),
//! and a structure of empties for an absent structure. Lists of scalars become atomic vectors
//! (paws `unlist`s them), lists of structures unnamed lists of named lists.
//!
//! Built on R's C API, not on extendr's `Robj`: every `Robj` is registered in extendr's global
//! ownership table (a locked hash map of every live object) when made and again when dropped, and
//! for a result of a few dozen R objects that bookkeeping was most of an R call's CPU time (issue 21,
//! measured with perf). Here each object is protected on R's own stack only while it is being
//! filled and is stored into its parent before anything else is allocated; the finished result is
//! handed to extendr once. Strings with an embedded NUL (R cannot hold them) have it replaced.

use extendr_api::prelude::*;
use extendr_ffi::{
    cetype_t, R_ClassSymbol, R_NamesSymbol, R_NilValue, R_xlen_t, Rf_allocVector, Rf_mkCharLenCE, Rf_protect, Rf_setAttrib,
    Rf_unprotect, INTEGER, LOGICAL, RAW, REAL, SET_STRING_ELT, SET_VECTOR_ELT, SEXP, SEXPTYPE,
};
use polyiam_core::schema::{self, Kind, Operation, Shape};
use polyiam_core::{Error, Timestamp, Value};
use std::borrow::Cow;

type R = Result<Robj, Error>;

/// Nesting limit for filling empties (guards against recursive shapes).
const MAX_DEPTH: usize = 32;

/// An operation's output (`list()` for operations without output, as paws returns).
pub fn output(op: &Operation, v: &Value) -> R {
    // SAFETY: on R's main thread (every caller is an `#[extendr]` function); the object is
    // unprotected only between its creation and `Robj::from_sexp`, which allocates nothing in R first.
    Ok(unsafe { Robj::from_sexp(output_sexp(op, v)) })
}

/// A call's result: the output as paws shapes it; `{region: output}` for a client from
/// `in_regions`; `list(Body = xml)` under `raw_response` (polyiam's own operations stay parsed).
pub fn response(op: &Operation, r: &polyiam_core::Response, raw: bool) -> R {
    // SAFETY: as in `output`.
    Ok(unsafe { Robj::from_sexp(response_sexp(op, r, raw)) })
}

/// A value without a model shape to guide it (also what crosses the boundary besides results:
/// `Error::to_value`). Integers that fit R's become integers, others doubles.
pub fn value(v: &Value) -> R {
    // SAFETY: as in `output`.
    Ok(unsafe { Robj::from_sexp(untyped(v)) })
}

unsafe fn output_sexp(op: &Operation, v: &Value) -> SEXP {
    match op.output.and_then(schema::shape) {
        Some(shape) => typed(v, shape, 0),
        None => Rf_allocVector(SEXPTYPE::VECSXP, 0),
    }
}

unsafe fn response_sexp(op: &Operation, r: &polyiam_core::Response, raw: bool) -> SEXP {
    if !r.by_region.is_empty() {
        return named(r.by_region.iter().map(|(region, _)| region.as_str()), r.by_region.len(), |i| {
            response_sexp(op, &r.by_region[i].1, raw)
        });
    }
    if raw && !op.extension {
        return untyped(&r.output);
    }
    output_sexp(op, &r.output)
}

// ---- R objects from the C API -------------------------------------------------------------

/// A CHARSXP of `s` (UTF-8).
unsafe fn chars(s: &str) -> SEXP {
    let s: Cow<'_, str> = if s.contains('\0') { Cow::Owned(s.replace('\0', "\u{FFFD}")) } else { Cow::Borrowed(s) };
    let len = i32::try_from(s.len()).unwrap_or(i32::MAX);
    Rf_mkCharLenCE(s.as_ptr().cast(), len, cetype_t::CE_UTF8)
}

unsafe fn string(s: &str) -> SEXP {
    strings(std::iter::once(s), 1)
}

unsafe fn strings<'a>(items: impl Iterator<Item = &'a str>, n: usize) -> SEXP {
    let out = Rf_protect(Rf_allocVector(SEXPTYPE::STRSXP, n as R_xlen_t));
    for (i, s) in items.enumerate().take(n) {
        SET_STRING_ELT(out, i as R_xlen_t, chars(s));
    }
    Rf_unprotect(1);
    out
}

unsafe fn doubles(items: impl Iterator<Item = f64>, n: usize) -> SEXP {
    let out = Rf_allocVector(SEXPTYPE::REALSXP, n as R_xlen_t);
    let data = REAL(out);
    for (i, x) in items.enumerate().take(n) {
        *data.add(i) = x;
    }
    out
}

unsafe fn logicals(items: impl Iterator<Item = bool>, n: usize) -> SEXP {
    let out = Rf_allocVector(SEXPTYPE::LGLSXP, n as R_xlen_t);
    let data = LOGICAL(out);
    for (i, b) in items.enumerate().take(n) {
        *data.add(i) = i32::from(b);
    }
    out
}

unsafe fn integer(x: i32) -> SEXP {
    let out = Rf_allocVector(SEXPTYPE::INTSXP, 1);
    *INTEGER(out) = x;
    out
}

unsafe fn raw(bytes: &[u8]) -> SEXP {
    let out = Rf_allocVector(SEXPTYPE::RAWSXP, bytes.len() as R_xlen_t);
    if !bytes.is_empty() {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), RAW(out), bytes.len());
    }
    out
}

unsafe fn posixct(secs: impl Iterator<Item = f64>, n: usize) -> SEXP {
    let out = Rf_protect(doubles(secs, n));
    let class = Rf_protect(strings(["POSIXct", "POSIXt"].into_iter(), 2));
    Rf_setAttrib(out, R_ClassSymbol, class);
    let tzone = Rf_protect(string("UTC"));
    Rf_setAttrib(out, extendr_ffi::Rf_install(c"tzone".as_ptr()), tzone);
    Rf_unprotect(3);
    out
}

/// An unnamed list of `n` elements, element `i` made by `item(i)`.
unsafe fn unnamed(n: usize, mut item: impl FnMut(usize) -> SEXP) -> SEXP {
    let out = Rf_protect(Rf_allocVector(SEXPTYPE::VECSXP, n as R_xlen_t));
    for i in 0..n {
        SET_VECTOR_ELT(out, i as R_xlen_t, item(i));
    }
    Rf_unprotect(1);
    out
}

/// A named list: `names` (exactly `n`), element `i` made by `item(i)`.
unsafe fn named<'a>(names: impl Iterator<Item = &'a str>, n: usize, item: impl FnMut(usize) -> SEXP) -> SEXP {
    let out = Rf_protect(unnamed(n, item));
    let names = Rf_protect(strings(names, n));
    Rf_setAttrib(out, R_NamesSymbol, names);
    Rf_unprotect(2);
    out
}

fn secs(t: Timestamp) -> f64 {
    t.secs as f64 + f64::from(t.nanos) / 1e9
}

// ---- the conversion -------------------------------------------------------------------------

/// `v` as an R value of `shape`'s type.
unsafe fn typed(v: &Value, shape: &'static Shape, depth: usize) -> SEXP {
    let v = v.revealed();
    if matches!(v, Value::Null) {
        return empty(shape, depth);
    }
    match (&shape.kind, v) {
        // paws turns an empty element into character(0).
        (Kind::String | Kind::Enum(_), Value::String(s)) => {
            if s.is_empty() {
                Rf_allocVector(SEXPTYPE::STRSXP, 0)
            } else {
                string(s)
            }
        }
        (Kind::Integer | Kind::Long, Value::Integer(i)) => doubles(std::iter::once(*i as f64), 1),
        (Kind::Boolean, Value::Bool(b)) => logicals(std::iter::once(*b), 1),
        (Kind::Timestamp, Value::Timestamp(t)) => posixct(std::iter::once(secs(*t)), 1),
        (Kind::Blob, Value::Blob(b)) => raw(b),
        (Kind::List { member }, Value::List(items)) => match schema::shape(member) {
            Some(item) => list(items, item, depth),
            None => untyped(v),
        },
        (Kind::Map { value: vshape, .. }, Value::Map(m)) => match schema::shape(vshape) {
            Some(vs) => {
                let values: Vec<&Value> = m.values().collect();
                named(m.keys().map(String::as_str), m.len(), |i| typed(values[i], vs, depth + 1))
            }
            None => untyped(v),
        },
        (Kind::Structure { members }, Value::Map(m)) => named(members.iter().map(|mm| mm.name), members.len(), |i| {
            let mm = &members[i];
            match (m.get(mm.name), schema::shape(mm.target)) {
                (Some(item), Some(s)) => typed(item, s, depth + 1),
                (None, Some(s)) => empty(s, depth + 1),
                (Some(item), None) => untyped(item),
                (None, None) => R_NilValue,
            }
        }),
        // The service sent something the model does not describe: convert it as it is.
        _ => untyped(v),
    }
}

fn is_scalar(shape: &Shape) -> bool {
    !matches!(shape.kind, Kind::List { .. } | Kind::Map { .. } | Kind::Structure { .. } | Kind::Blob)
}

/// A list member: an atomic vector for scalars, an unnamed list otherwise.
unsafe fn list(items: &[Value], item: &'static Shape, depth: usize) -> SEXP {
    if !is_scalar(item) {
        return unnamed(items.len(), |i| typed(&items[i], item, depth + 1));
    }
    let items: Vec<&Value> = items.iter().map(Value::revealed).filter(|i| !matches!(i, Value::Null)).collect();
    let n = items.len();
    match item.kind {
        Kind::String | Kind::Enum(_) if items.iter().all(|i| matches!(i, Value::String(_))) => {
            strings(items.iter().map(|i| i.as_str().unwrap_or_default()), n)
        }
        Kind::Integer | Kind::Long if items.iter().all(|i| matches!(i, Value::Integer(_))) => {
            doubles(items.iter().map(|i| if let Value::Integer(x) = i { *x as f64 } else { 0.0 }), n)
        }
        Kind::Boolean if items.iter().all(|i| matches!(i, Value::Bool(_))) => logicals(items.iter().map(|i| matches!(i, Value::Bool(true))), n),
        Kind::Timestamp if items.iter().all(|i| matches!(i, Value::Timestamp(_))) => {
            posixct(items.iter().map(|i| if let Value::Timestamp(t) = i { secs(*t) } else { 0.0 }), n)
        }
        _ => unnamed(n, |i| untyped(items[i])),
    }
}

/// The typed empty paws fills in for an absent member.
unsafe fn empty(shape: &'static Shape, depth: usize) -> SEXP {
    match shape.kind {
        Kind::String | Kind::Enum(_) => Rf_allocVector(SEXPTYPE::STRSXP, 0),
        Kind::Integer | Kind::Long => Rf_allocVector(SEXPTYPE::REALSXP, 0),
        Kind::Boolean => Rf_allocVector(SEXPTYPE::LGLSXP, 0),
        Kind::Timestamp => posixct(std::iter::empty(), 0),
        Kind::Blob => Rf_allocVector(SEXPTYPE::RAWSXP, 0),
        Kind::List { .. } | Kind::Map { .. } => Rf_allocVector(SEXPTYPE::VECSXP, 0),
        Kind::Structure { members } => {
            if depth >= MAX_DEPTH {
                return Rf_allocVector(SEXPTYPE::VECSXP, 0);
            }
            named(members.iter().map(|m| m.name), members.len(), |i| {
                schema::shape(members[i].target).map_or(R_NilValue, |s| empty(s, depth + 1))
            })
        }
    }
}

/// A value without a model shape.
unsafe fn untyped(v: &Value) -> SEXP {
    match v {
        Value::Null => R_NilValue,
        Value::Bool(b) => logicals(std::iter::once(*b), 1),
        Value::Integer(i) => match i32::try_from(*i) {
            Ok(small) if small != i32::MIN => integer(small),
            _ => doubles(std::iter::once(*i as f64), 1),
        },
        Value::Float(x) => doubles(std::iter::once(*x), 1),
        Value::String(s) => string(s),
        Value::Timestamp(t) => posixct(std::iter::once(secs(*t)), 1),
        Value::Blob(b) => raw(b),
        Value::List(items) => unnamed(items.len(), |i| untyped(&items[i])),
        Value::Map(m) => {
            let values: Vec<&Value> = m.values().collect();
            named(m.keys().map(String::as_str), m.len(), |i| untyped(values[i]))
        }
        Value::Sensitive(inner) => untyped(inner),
    }
}

/// `list(ok = TRUE, value = value)`, the envelope of every successful answer to the R layer.
pub fn ok(value: Robj) -> Robj {
    // SAFETY: on R's main thread; `value` stays owned (protected) by its `Robj` while the envelope
    // is allocated, and the envelope is stored nowhere before `Robj::from_sexp`.
    unsafe {
        let inner = value.get();
        let envelope = named(["ok", "value"].into_iter(), 2, |i| if i == 0 { logicals(std::iter::once(true), 1) } else { inner });
        Robj::from_sexp(envelope)
    }
}
