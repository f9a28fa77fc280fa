//! Value tree → Python objects, shaped like boto3's results.

use polyiam_core::{Response, Timestamp, Value};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

pub fn value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Integer(i) => i.into_pyobject(py)?.into_any(),
        Value::Float(x) => x.into_pyobject(py)?.into_any(),
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Timestamp(t) => datetime(py, *t)?,
        Value::Blob(b) => PyBytes::new(py, b).into_any(),
        Value::List(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Map(m) => {
            let d = PyDict::new(py);
            for (k, item) in m {
                d.set_item(k, value(py, item)?)?;
            }
            d.into_any()
        }
        Value::Sensitive(inner) => value(py, inner)?,
    })
}

/// A timezone-aware UTC `datetime`.
fn datetime(py: Python<'_>, t: Timestamp) -> PyResult<Bound<'_, PyAny>> {
    let dt = chrono::DateTime::<chrono::Utc>::from_timestamp(t.secs, t.nanos)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err(format!("timestamp {} is out of range", t.secs)))?;
    Ok(dt.into_pyobject(py)?.into_any())
}

/// The output dict plus boto3's `ResponseMetadata` (boto3's names for the core's response
/// metadata; headers joined by the core, as every binding shows them).
/// A client from `in_regions`: `{region: result}`.
pub fn response<'py>(py: Python<'py>, r: &Response) -> PyResult<Bound<'py, PyAny>> {
    if !r.by_region.is_empty() {
        let d = PyDict::new(py);
        for (region, each) in &r.by_region {
            d.set_item(region, response(py, each)?)?;
        }
        return Ok(d.into_any());
    }
    let out = value(py, &r.output)?;
    let d = out.cast::<PyDict>()?;
    let meta = PyDict::new(py);
    meta.set_item("RequestId", r.meta.request_id.as_deref().unwrap_or(""))?;
    meta.set_item("HTTPStatusCode", r.meta.http_status)?;
    meta.set_item("HTTPHeaders", value(py, &Value::Map(polyiam_core::meta::join_headers(&r.meta.http_headers)))?)?;
    meta.set_item("RetryAttempts", r.meta.retry_attempts)?;
    d.set_item("ResponseMetadata", meta)?;
    Ok(out)
}
