//! The native client and page iterator. Every call releases the GIL while the core works.

use crate::errors::{guard, to_py};
use crate::{from_py, to_py};
use polyiam_core::{Config, PageOptions, Pages, StaticCredentials};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Mutex;

#[pyclass(frozen, module = "polyiam._polyiam")]
pub struct Client {
    core: polyiam_core::Client,
    /// For `repr`: where the client points, never its credentials.
    endpoint: Option<String>,
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (*, region_name=None, endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None, profile_name=None, max_attempts=None, connect_timeout=None, read_timeout=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        region_name: Option<String>,
        endpoint_url: Option<String>,
        aws_access_key_id: Option<String>,
        aws_secret_access_key: Option<String>,
        aws_session_token: Option<String>,
        profile_name: Option<String>,
        max_attempts: Option<u32>,
        connect_timeout: Option<f64>,
        read_timeout: Option<f64>,
    ) -> PyResult<Self> {
        guard(py, || {
            let credentials = match (aws_access_key_id, aws_secret_access_key) {
                (None, None) => None,
                (Some(access_key_id), Some(secret_access_key)) => {
                    Some(StaticCredentials { access_key_id, secret_access_key, session_token: aws_session_token })
                }
                _ => {
                    return Err(to_py(
                        py,
                        &polyiam_core::Error::config("pass both aws_access_key_id and aws_secret_access_key, or neither"),
                    ))
                }
            };
            let config = Config {
                region: region_name,
                profile: profile_name,
                endpoint_url: endpoint_url.clone(),
                credentials,
                max_attempts,
                connect_timeout,
                read_timeout,
            };
            let core = py.detach(|| polyiam_core::Client::connect_blocking(&config)).map_err(|e| to_py(py, &e))?;
            Ok(Client { core, endpoint: endpoint_url })
        })
    }

    /// Calls an operation by its model name with a dict of parameters; returns boto3's dict.
    fn call<'py>(&self, py: Python<'py>, operation: &str, params: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let input = from_py::dict_to_map(params, "").map_err(|e| to_py(py, &e.for_operation(operation)))?;
            let result = py.detach(|| self.core.call_blocking(operation, &input));
            match result {
                Ok(response) => to_py::response(py, &response),
                Err(e) => Err(to_py(py, &e)),
            }
        })
    }

    /// Pages of a paginated operation, fetched lazily.
    #[pyo3(signature = (operation, params, max_items=None, page_size=None, starting_token=None))]
    fn paginate(
        &self,
        py: Python<'_>,
        operation: &str,
        params: &Bound<'_, PyDict>,
        max_items: Option<usize>,
        page_size: Option<i64>,
        starting_token: Option<String>,
    ) -> PyResult<PageIterator> {
        guard(py, || {
            let input = from_py::dict_to_map(params, "").map_err(|e| to_py(py, &e.for_operation(operation)))?;
            let options = PageOptions { max_items, page_size, starting_token };
            let pages = Pages::new(self.core.clone(), operation, input, options).map_err(|e| to_py(py, &e))?;
            Ok(PageIterator { pages: Mutex::new(pages) })
        })
    }

    fn __repr__(&self) -> String {
        match &self.endpoint {
            Some(url) => format!("<polyiam IAM client endpoint={url:?}>"),
            None => "<polyiam IAM client>".to_string(),
        }
    }
}

#[pyclass(frozen, module = "polyiam._polyiam")]
pub struct PageIterator {
    pages: Mutex<Pages>,
}

#[pymethods]
impl PageIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let next = py.detach(|| {
                let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
                polyiam_core::runtime::block_on(pages.next())
            });
            match next {
                Err(e) | Ok(Some(Err(e))) => Err(to_py(py, &e)),
                Ok(None) => Ok(None),
                Ok(Some(Ok(response))) => to_py::response(py, &response).map(Some),
            }
        })
    }
}
