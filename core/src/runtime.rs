//! The I/O runtime every binding runs its calls on: one per process (see `process.rs`: a forked
//! child starts its own on first use and never touches its parent's).

use crate::error::Error;
use crate::process::PerProcess;
use tokio::runtime::Runtime;

static RUNTIME: PerProcess<Runtime> = PerProcess::new();

/// Stack of each runtime worker thread.
const WORKER_STACK: usize = 16 << 20;

/// This process's runtime, started on first use. Two workers: calls are I/O-bound, and the machines
/// we target have few cores; bindings block on it (Python, R) or await it (Node).
pub fn runtime() -> Result<&'static Runtime, Error> {
    if let Some(rt) = RUNTIME.get() {
        return Ok(rt);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("polyiam-io")
        // Polling a call nests the SDK's orchestrator several futures deep (and polyiam's own
        // operations nest calls): an unoptimised build needs more than tokio's 2 MiB. Address
        // space only; pages are touched as used.
        .thread_stack_size(WORKER_STACK)
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("could not start the I/O runtime: {e}")))?;
    let (rt, lost) = RUNTIME.set(rt);
    if let Some(lost) = lost {
        // Another thread started this process's runtime first; ours never ran anything.
        lost.shutdown_background();
    }
    Ok(rt)
}

/// Runs `fut` to completion on this process's runtime, from a thread that is not a runtime worker.
pub fn block_on<F: std::future::Future>(fut: F) -> Result<F::Output, Error> {
    Ok(runtime()?.block_on(fut))
}
