//! The one process-wide tokio runtime every binding runs its calls on.

use crate::error::Error;
use std::sync::OnceLock;
use tokio::runtime::Runtime;

/// The shared runtime, started on first use. Two workers: calls are I/O-bound, and the machines we
/// target have few cores; bindings block on it (Python, R) or await it (Node).
pub fn runtime() -> Result<&'static Runtime, Error> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("polyiam-io")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::internal(format!("could not start the I/O runtime: {e}")))
}

/// Runs `fut` to completion on the shared runtime, from a thread that is not a runtime worker.
pub fn block_on<F: std::future::Future>(fut: F) -> Result<F::Output, Error> {
    Ok(runtime()?.block_on(fut))
}
