//! The native client and page iterator. Every blocking call releases the GIL while the core works
//! and lets Ctrl-C through (`wait::blocking`); the `start`/`next_async` forms run in the background
//! for asyncio (`wait::spawn`).

use crate::errors::{guard, to_py};
use crate::wait::{self, Pending, SettleQueue};
use crate::{from_py, to_py};
use polyiam_core::{Config, PageOptions, Pages, Response, Value};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

#[pyclass(frozen, module = "polyiam._polyiam")]
pub struct Client {
    core: polyiam_core::Client,
    /// For `repr`: where the client points, never its credentials.
    endpoint: Option<String>,
}

#[pymethods]
impl Client {
    /// A client of `service` (`iam`, `sts`). `options`: the core's option names (model/options.json)
    /// and values; `names`: the option names as the Python caller wrote them, for messages.
    #[new]
    fn new(py: Python<'_>, service: &str, options: &Bound<'_, PyDict>, names: &Bound<'_, PyDict>) -> PyResult<Self> {
        guard(py, || {
            let options = from_py::dict_to_map(options, "").map_err(|e| to_py(py, &e))?;
            let names = from_py::dict_to_map(names, "").map_err(|e| to_py(py, &e))?;
            let shown = |n: &str| names.get(n).and_then(Value::as_str).unwrap_or(n).to_string();
            let config = Config::from_value(&options, &shown).map_err(|e| to_py(py, &e))?;
            let core = wait::blocking(py, |_| polyiam_core::Client::connect(service, &config))?;
            Ok(Client { core, endpoint: config.endpoint_url })
        })
    }

    /// The client's portable description (a dict; see core/src/portable.rs), for pickle. `names`:
    /// the option names as the Python caller writes them, for the refusal's message.
    fn describe<'py>(&self, py: Python<'py>, names: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let names = from_py::dict_to_map(names, "").map_err(|e| to_py(py, &e))?;
            let shown = |n: &str| names.get(n).and_then(Value::as_str).unwrap_or(n).to_string();
            let d = self.core.describe(&shown).map_err(|e| to_py(py, &e))?;
            to_py::value(py, &Value::Map(d))
        })
    }

    /// A client from a description (this process's cached one if it was rebuilt before); no I/O.
    #[staticmethod]
    fn from_description(py: Python<'_>, description: &Bound<'_, PyDict>) -> PyResult<Self> {
        guard(py, || {
            let d = from_py::dict_to_map(description, "").map_err(|e| to_py(py, &e))?;
            let core = polyiam_core::Client::from_description(&d).map_err(|e| to_py(py, &e))?;
            let endpoint = d.get("options").and_then(Value::as_map).and_then(|o| o.get("endpoint_url")).and_then(Value::as_str).map(str::to_string);
            Ok(Client { core, endpoint })
        })
    }

    /// The same client in several regions (a list, or `["*"]`): each call returns `{region: result}`.
    fn in_regions(&self, py: Python<'_>, regions: Vec<String>) -> PyResult<Self> {
        guard(py, || {
            let core = wait::blocking(py, |_| self.core.in_regions(&regions))?;
            Ok(Client { core, endpoint: self.endpoint.clone() })
        })
    }

    /// The core client's identity (the same for copies that share one native client).
    #[getter]
    fn identity(&self) -> usize {
        self.core.identity()
    }

    /// The regions of a client from `in_regions` (empty otherwise).
    #[getter]
    fn regions(&self) -> Vec<String> {
        self.core.regions()
    }

    /// Calls an operation by its model name with a dict of parameters; returns boto3's dict.
    fn call<'py>(&self, py: Python<'py>, operation: &str, params: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let input = from_py::dict_to_map(params, "").map_err(|e| to_py(py, &e.for_operation(operation)))?;
            let mut response = wait::blocking(py, |cancel| self.core.call_until(operation, &input, cancel))?;
            boto3_rules(&self.core, operation, &mut response);
            to_py::response(py, &response)
        })
    }

    /// Starts a call in the background (for asyncio) and returns at once; `(token, ok, value)` is
    /// queued on `queue` once when it settles (see `wait::spawn`).
    fn start(&self, py: Python<'_>, operation: String, params: &Bound<'_, PyDict>, queue: &Bound<'_, SettleQueue>, token: Py<PyAny>) -> PyResult<Pending> {
        guard(py, || {
            let input = from_py::dict_to_map(params, "").map_err(|e| to_py(py, &e.for_operation(&operation)))?;
            let core = self.core.clone();
            wait::spawn(
                |flag| async move {
                    let mut r = core.call_until(&operation, &input, flag.cancelled()).await?;
                    boto3_rules(&core, &operation, &mut r);
                    Ok(r)
                },
                queue.get(),
                token,
                |py, r: Response| to_py::response(py, &r).map(Bound::unbind),
            )
        })
    }

    /// Runs one of the service's waiters for at most `max_wait` seconds; returns nothing (as boto3).
    fn wait(&self, py: Python<'_>, waiter: &str, params: &Bound<'_, PyDict>, max_wait: f64) -> PyResult<()> {
        guard(py, || {
            let input = from_py::dict_to_map(params, "").map_err(|e| to_py(py, &e))?;
            let max_wait = seconds(max_wait).map_err(|e| to_py(py, &e))?;
            wait::blocking(py, |cancel| self.core.wait_until(waiter, &input, max_wait, cancel))?;
            Ok(())
        })
    }

    /// `wait` in the background, for asyncio (see `start`).
    fn start_wait(&self, py: Python<'_>, waiter: String, params: &Bound<'_, PyDict>, max_wait: f64, queue: &Bound<'_, SettleQueue>, token: Py<PyAny>) -> PyResult<Pending> {
        guard(py, || {
            let input = from_py::dict_to_map(params, "").map_err(|e| to_py(py, &e))?;
            let max_wait = seconds(max_wait).map_err(|e| to_py(py, &e))?;
            let core = self.core.clone();
            wait::spawn(
                |flag| async move { core.wait_until(&waiter, &input, max_wait, flag.cancelled()).await },
                queue.get(),
                token,
                |py, _r: Response| Ok(py.None()),
            )
        })
    }

    /// `(region, endpoint URL)`, for boto3's `client.meta` (configuration only; nothing is sent).
    fn endpoint(&self, py: Python<'_>) -> PyResult<(String, String)> {
        guard(py, || wait::blocking(py, |_cancel| async { self.core.endpoint().await }))
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
            Ok(PageIterator { pages: Arc::new(tokio::sync::Mutex::new(pages)), core: self.core.clone(), operation: operation.to_string() })
        })
    }

    fn __repr__(&self) -> String {
        let sdk_id = self.core.service().sdk_id;
        match &self.endpoint {
            Some(url) => format!("<polyiam {sdk_id} client endpoint={url:?}>"),
            None => format!("<polyiam {sdk_id} client>"),
        }
    }
}

#[pyclass(frozen, module = "polyiam._polyiam")]
pub struct PageIterator {
    /// An async lock: the asyncio form holds it across the page's request on an I/O thread.
    pages: Arc<tokio::sync::Mutex<Pages>>,
    core: polyiam_core::Client,
    operation: String,
}

/// A waiter's maximum wait from seconds.
fn seconds(s: f64) -> Result<std::time::Duration, polyiam_core::Error> {
    if s.is_finite() && s > 0.0 && s < 86_400.0 {
        Ok(std::time::Duration::from_secs_f64(s))
    } else {
        Err(polyiam_core::Error::bad_value("WaiterConfig", "Delay x MaxAttempts must be a positive number of seconds (under a day)"))
    }
}

/// What boto3 does to every result besides converting it: IAM's policy documents decoded.
fn boto3_rules(core: &polyiam_core::Client, operation: &str, response: &mut Response) {
    if let Some(op) = core.service().operation(operation) {
        polyiam_core::policy_documents::decode(op, response);
    }
}

#[pymethods]
impl PageIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let next = wait::blocking(py, |cancel| async {
                let mut pages = self.pages.lock().await;
                pages.next_until(cancel).await.transpose()
            })?;
            match next {
                None => Ok(None),
                Some(mut response) => {
                    boto3_rules(&self.core, &self.operation, &mut response);
                    to_py::response(py, &response).map(Some)
                }
            }
        })
    }

    /// boto3's `build_full_result()`: the remaining pages merged (blocking, as iterating them is).
    fn build_full_result<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let full = wait::blocking(py, |cancel| async {
                let mut pages = self.pages.lock().await;
                pages.full_result_until(cancel, |r| boto3_rules(&self.core, &self.operation, r)).await
            })?;
            to_py::value(py, &full)
        })
    }

    /// `build_full_result()` in the background (aiobotocore's `await ....build_full_result()`).
    fn build_full_result_async(&self, py: Python<'_>, queue: &Bound<'_, SettleQueue>, token: Py<PyAny>) -> PyResult<Pending> {
        guard(py, || {
            let (pages, core, operation) = (self.pages.clone(), self.core.clone(), self.operation.clone());
            wait::spawn(
                |flag| async move {
                    let mut pages = pages.lock().await;
                    pages.full_result_until(flag.cancelled(), |r| boto3_rules(&core, &operation, r)).await
                },
                queue.get(),
                token,
                |py, full| to_py::value(py, &full).map(Bound::unbind),
            )
        })
    }

    /// The next page in the background (for `async for`): settles with `None` after the last page.
    fn next_async(&self, py: Python<'_>, queue: &Bound<'_, SettleQueue>, token: Py<PyAny>) -> PyResult<Pending> {
        guard(py, || {
            let (pages, core, operation) = (self.pages.clone(), self.core.clone(), self.operation.clone());
            wait::spawn(
                |flag| async move {
                    let mut pages = pages.lock().await;
                    let mut page = pages.next_until(flag.cancelled()).await.transpose()?;
                    if let Some(r) = &mut page {
                        boto3_rules(&core, &operation, r);
                    }
                    Ok(page)
                },
                queue.get(),
                token,
                |py, page: Option<Response>| match page {
                    None => Ok(py.None()),
                    Some(r) => to_py::response(py, &r).map(Bound::unbind),
                },
            )
        })
    }
}
