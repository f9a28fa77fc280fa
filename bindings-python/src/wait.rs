//! How a Python call waits for the core: blocking with the GIL released but Ctrl-C honoured
//! (`blocking`), or in the background for asyncio (`spawn`), settling an asyncio future.

use crate::errors::to_py;
use polyiam_core::{CancelFlag, Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::{PyTraverseError, PyVisit};
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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

/// Holds the exception a Python signal handler raised (KeyboardInterrupt on SIGINT) while a call
/// waited.
struct SignalWatch {
    raised: Option<PyErr>,
}

impl SignalWatch {
    /// Runs Python's signal handlers (with the GIL, on the main thread); true once one raised.
    fn check(&mut self) -> bool {
        if let Some(Err(e)) = Python::try_attach(|py| py.check_signals()) {
            self.raised = Some(e);
            return true;
        }
        false
    }

    /// The exception to raise for `e`: the signal handler's own (with a note when the request's
    /// outcome is unknown), or the core error's.
    fn error(self, py: Python<'_>, e: &Error) -> PyErr {
        match self.raised {
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
/// signal handlers run while it waits, and one that raises (Ctrl-C) completes the call's `cancel`:
/// the request is dropped and the handler's exception propagates.
pub fn blocking<T, F, Fut>(py: Python<'_>, call: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(Cancel) -> Fut + Send,
    Fut: Future<Output = Result<T, Error>>,
{
    let mut watch = SignalWatch { raised: None };
    let result = if on_main_thread() {
        py.detach(|| polyiam_core::runtime::block_on_interruptible(SIGNAL_CHECK, || watch.check(), call))
    } else {
        // Only the main thread runs signal handlers: nothing to ask.
        py.detach(|| polyiam_core::runtime::block_on(call(Cancel::never())))
    };
    result.and_then(|r| r).map_err(|e| watch.error(py, &e))
}

/// What a blocking call passes to the core as its `cancel`.
pub type Cancel = polyiam_core::runtime::Interrupt;

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

/// One event loop's queue of finished background calls (asyncio; `_aio.py`'s `_Settler` owns one).
///
/// The runtime's threads never take the GIL: a finished call is pushed here as it is, and only the
/// first push of a batch asks for a wake-up. The wake-up (`wake()`, which schedules the settler's
/// drain with `loop.call_soon_threadsafe`) runs on one of the runtime's blocking threads, so
/// waiting for the GIL never stalls the threads doing the I/O. The loop then calls `take()`, which
/// converts every result queued by then to Python objects, on the loop's own thread.
#[pyclass(frozen, module = "polyiam._polyiam")]
pub struct SettleQueue {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<QueueState>,
    /// Called (with the GIL, no arguments) once per batch; it must not hold the settler strongly
    /// (the settler holds this queue), see `_aio.py`.
    wake: Py<PyAny>,
}

#[derive(Default)]
struct QueueState {
    ready: Vec<Finished>,
    /// A wake-up was asked for and `take()` has not run since.
    scheduled: bool,
}

/// One finished call: the caller's token back, and its outcome still as Rust values.
struct Finished {
    token: Py<PyAny>,
    outcome: Box<dyn FnOnce(Python<'_>) -> (bool, Py<PyAny>) + Send>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// On a runtime thread, without the GIL.
    fn push(self: &Arc<Self>, rt: &tokio::runtime::Runtime, finished: Finished) {
        let first = {
            let mut state = self.lock();
            state.ready.push(finished);
            !std::mem::replace(&mut state.scheduled, true)
        };
        if first {
            let shared = self.clone();
            // A blocking thread waits for the GIL, not a worker.
            rt.spawn_blocking(move || shared.wake());
        }
    }

    fn wake(&self) {
        // When the interpreter is exiting there is nobody left to tell (see `quiesce_wakes`).
        let Some(_pass) = WakePass::enter() else { return };
        Python::try_attach(|py| {
            if self.wake.call0(py).is_err() {
                // The loop is closed or gone (RuntimeError): these results have nowhere to go.
                // `scheduled` stays set, so later results do not ask again. The batch is dropped
                // after the lock is released: dropping Python objects can run finalizers.
                let dropped = std::mem::take(&mut self.lock().ready);
                drop(dropped);
            }
        });
    }
}

/// Runtime threads attached to Python, or waiting to, for a wake-up; and whether Python is exiting.
static WAKES_ACTIVE: AtomicUsize = AtomicUsize::new(0);
static WAKES_CLOSED: AtomicBool = AtomicBool::new(false);

/// A wake-up's permission to attach to Python (released on drop).
struct WakePass;

impl WakePass {
    fn enter() -> Option<WakePass> {
        // Counted first, checked second (both sequentially consistent): either `quiesce_wakes`
        // sees this pass and waits for it, or this sees the interpreter closing and backs off.
        WAKES_ACTIVE.fetch_add(1, Ordering::SeqCst);
        if WAKES_CLOSED.load(Ordering::SeqCst) {
            WAKES_ACTIVE.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(WakePass)
    }
}

impl Drop for WakePass {
    fn drop(&mut self) {
        WAKES_ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Run by `atexit` (registered by `_aio.py`): from now on no runtime thread attaches to Python,
/// and this returns once none is attached or waiting to be (at most a few seconds). CPython ends a
/// thread that is in Python, or takes the GIL, once finalizing has begun with a forced unwind,
/// which tokio's guard around the task catches: the process aborts ("FATAL: exception not
/// rethrown"). atexit handlers run before finalizing begins. (A child forked in the microseconds a
/// wake-up runs inherits its count and waits out the deadline at exit.)
#[pyfunction]
pub fn quiesce_wakes(py: Python<'_>) {
    WAKES_CLOSED.store(true, Ordering::SeqCst);
    py.detach(|| {
        // A wake-up waiting for the GIL gets it now, schedules its drain (or finds the loop closed)
        // and lets go within microseconds; the deadline only bounds a pathological case.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while WAKES_ACTIVE.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}

#[pymethods]
impl SettleQueue {
    /// For Python's cycle collector: the queue holds the wake-up and the tokens (futures, and
    /// through them their loop) of calls not yet taken. A loop closed before its drain ran leaves
    /// results here; the collector can then free the loop, its tasks and this queue together.
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.shared.wake)?;
        // A runtime thread holds the lock only to push; never wait for it inside the collector
        // (an object skipped now is visited on a later collection).
        if let Ok(state) = self.shared.state.try_lock() {
            for finished in &state.ready {
                visit.call(&finished.token)?;
            }
        }
        Ok(())
    }

    fn __clear__(&self) {
        let dropped = std::mem::take(&mut self.shared.lock().ready);
        drop(dropped); // outside the lock, as in `wake`
    }

    #[new]
    fn new(wake: Py<PyAny>) -> Self {
        SettleQueue { shared: Arc::new(Shared { state: Mutex::new(QueueState::default()), wake }) }
    }

    /// On the loop: every call finished so far, as `(token, ok, value)`, and the next finished call
    /// asks for a new wake-up.
    fn take(&self, py: Python<'_>) -> Vec<(Py<PyAny>, bool, Py<PyAny>)> {
        let ready = {
            let mut state = self.shared.lock();
            state.scheduled = false;
            std::mem::take(&mut state.ready)
        };
        ready
            .into_iter()
            .map(|f| {
                let (ok, value) = (f.outcome)(py);
                (f.token, ok, value)
            })
            .collect()
    }
}

/// Starts `work` on the I/O runtime and returns at once. When it finishes, `(token, ok, value)`
/// is queued on `queue`: `value` is the converted result (`ok`) or the native error, converted
/// on the event loop's thread when it takes the queue.
pub fn spawn<F, Fut, T>(
    work: F,
    queue: &SettleQueue,
    token: Py<PyAny>,
    convert: fn(Python<'_>, T) -> PyResult<Py<PyAny>>,
) -> PyResult<Pending>
where
    F: FnOnce(Arc<CancelFlag>) -> Fut,
    Fut: Future<Output = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
{
    let rt = polyiam_core::runtime::runtime().map_err(|e| Python::attach(|py| to_py(py, &e)))?;
    let flag = Arc::new(CancelFlag::new());
    let fut = work(flag.clone());
    let shared = queue.shared.clone();
    rt.spawn(async move {
        let result = fut.await;
        let outcome = Box::new(move |py: Python<'_>| match result.map_err(|e| to_py(py, &e)).and_then(|v| convert(py, v)) {
            Ok(v) => (true, v),
            Err(e) => (false, e.into_value(py).into_any()),
        });
        shared.push(rt, Finished { token, outcome });
    });
    Ok(Pending { flag })
}
