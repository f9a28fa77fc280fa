//! How a Python call waits for the core: blocking with the GIL released but Ctrl-C honoured
//! (`blocking`), or in the background for asyncio (`spawn`), settling an asyncio future.

use crate::errors::to_py;
use polyiam_core::{CancelFlag, Error, ErrorKind};
use pyo3::prelude::*;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often a blocked call on the main thread lets Python run its signal handlers: Ctrl-C then
/// lands well within 200 ms.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// Only the main thread runs Python's signal handlers; other threads have nothing to check.
fn on_main_thread() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain syscalls without arguments that can fail.
        unsafe { libc::syscall(libc::SYS_gettid) == libc::getpid() as libc::c_long }
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Watches for an exception raised by a Python signal handler (KeyboardInterrupt on SIGINT).
struct SignalWatch {
    raised: Mutex<Option<PyErr>>,
    main_thread: bool,
}

impl SignalWatch {
    /// Completes when a signal handler raised; checked every `SIGNAL_CHECK` while the call waits.
    async fn raised(&self) {
        if !self.main_thread {
            return std::future::pending().await;
        }
        loop {
            tokio::time::sleep(SIGNAL_CHECK).await;
            if let Some(Err(e)) = Python::try_attach(|py| py.check_signals()) {
                *self.raised.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                return;
            }
        }
    }

    /// The exception to raise for `e`: the signal handler's own (with a note when the request's
    /// outcome is unknown), or the core error's.
    fn error(&self, py: Python<'_>, e: &Error) -> PyErr {
        let raised = self.raised.lock().unwrap_or_else(|p| p.into_inner()).take();
        match raised {
            Some(interrupt) if e.kind == ErrorKind::Cancelled => {
                let note = e.outcome_note().map_or_else(|| e.message.clone(), |n| format!("{}; {n}", e.message));
                // `add_note` exists from Python 3.11; older versions raise the bare exception.
                let _ = interrupt.value(py).call_method1("add_note", (format!("polyiam: {note}"),));
                interrupt
            }
            _ => to_py(py, e),
        }
    }
}

/// Runs `call` on this process's I/O runtime with the GIL released. On the main thread, Python's
/// signal handlers run while it waits, and one that raises (Ctrl-C) cancels the call: the request
/// is dropped and its exception propagates.
pub fn blocking<T, F, Fut>(py: Python<'_>, call: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(Cancel) -> Fut + Send,
    Fut: Future<Output = Result<T, Error>>,
{
    let watch = Arc::new(SignalWatch { raised: Mutex::new(None), main_thread: on_main_thread() });
    let cancel: Cancel = Box::pin({
        let watch = watch.clone();
        async move { watch.raised().await }
    });
    let result = py.detach(|| polyiam_core::runtime::block_on(call(cancel)).and_then(|r| r));
    result.map_err(|e| watch.error(py, &e))
}

/// The future a blocking call passes to the core as its `cancel`.
pub type Cancel = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

/// A call running in the background for asyncio; `cancel()` drops its request.
#[pyclass(frozen, module = "polyiam._polyiam")]
pub struct Pending {
    flag: Arc<CancelFlag>,
}

#[pymethods]
impl Pending {
    /// Gives up the call: the request in flight is dropped, and `done` is still called once.
    fn cancel(&self) {
        self.flag.cancel();
    }
}

/// Starts `work` on the I/O runtime and returns at once; `done(ok, value)` is called once, from an
/// I/O thread holding the GIL, with the converted result or the native error. The asyncio layer
/// passes `loop.call_soon_threadsafe` bound to its future, so the future settles on its own loop.
pub fn spawn<F, Fut, T>(work: F, done: Py<PyAny>, convert: fn(Python<'_>, T) -> PyResult<Py<PyAny>>) -> PyResult<Pending>
where
    F: FnOnce(Arc<CancelFlag>) -> Fut,
    Fut: Future<Output = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
{
    let rt = polyiam_core::runtime::runtime().map_err(|e| Python::attach(|py| to_py(py, &e)))?;
    let flag = Arc::new(CancelFlag::new());
    let fut = work(flag.clone());
    rt.spawn(async move {
        let result = fut.await;
        // When the interpreter is shutting down there is nobody left to tell.
        Python::try_attach(|py| {
            let (ok, value) = match result.map_err(|e| to_py(py, &e)).and_then(|v| convert(py, v)) {
                Ok(v) => (true, v),
                Err(e) => (false, e.into_value(py).into_any()),
            };
            // The loop may be closed by now (RuntimeError): the result has nowhere to go.
            let _ = done.call1(py, (ok, value));
        });
    });
    Ok(Pending { flag })
}
