//! Core errors (and panics) as one native exception carrying every field; the Python layer
//! raises the matching boto3-style class from it.

use polyiam_core::Error;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

pyo3::create_exception!(_polyiam, NativeError, PyException, "An error from polyiam's core; args[0] is a dict of its fields.");

/// The native exception for a core error: `args[0]` is the dict of the error's fields (the same
/// fields, by the same names, every binding gets: `Error::to_value`).
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    match crate::to_py::value(py, &e.to_value()) {
        Ok(d) => NativeError::new_err((d.unbind(),)),
        Err(err) => err,
    }
}

/// Runs `f`, turning a Rust panic into a native `internal` error instead of unwinding into Python.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(to_py(py, &Error::from_panic(payload.as_ref()))),
    }
}
