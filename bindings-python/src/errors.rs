//! Core errors (and panics) as one native exception carrying every field; the Python layer
//! raises the matching boto3-style class from it.

use polyiam_core::Error;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{catch_unwind, AssertUnwindSafe};

pyo3::create_exception!(_polyiam, NativeError, PyException, "An error from polyiam's core; args[0] is a dict of its fields.");

fn info<'py>(py: Python<'py>, e: &Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("kind", e.kind.as_str())?;
    d.set_item("code", &e.code)?;
    d.set_item("shape", e.shape)?;
    d.set_item("message", &e.message)?;
    d.set_item("display", e.to_string())?;
    d.set_item("operation", e.operation)?;
    d.set_item("request_id", &e.request_id)?;
    d.set_item("http_status", e.http_status)?;
    d.set_item("http_headers", crate::to_py::headers(py, &e.http_headers)?)?;
    d.set_item("fault", e.fault.as_str())?;
    d.set_item("retry_attempts", e.retry_attempts)?;
    d.set_item("outcome_unknown", e.outcome_unknown)?;
    d.set_item("outcome_note", e.outcome_note())?;
    let issues = PyList::empty(py);
    for i in &e.issues {
        let issue = PyDict::new(py);
        issue.set_item("path", &i.path)?;
        issue.set_item("rule", i.rule)?;
        issue.set_item("detail", &i.detail)?;
        issues.append(issue)?;
    }
    d.set_item("issues", issues)?;
    Ok(d)
}

pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    match info(py, e) {
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
