//! The I/O runtime every binding runs its calls on: one per process (see `process.rs`: a forked
//! child starts its own on first use and never touches its parent's).

use crate::error::Error;
use crate::process::PerProcess;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};
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

/// Runs `call(interrupt)` to completion on this thread, as `block_on` does, and while it waits asks
/// `interrupted()` every `every` whether the host wants it stopped (Ctrl-C in R or Python); once it
/// says yes, `interrupt` completes and the call gives up as its `cancel` contract says.
///
/// The clock is this thread's own park timeout, not a runtime timer: a timer registered from outside
/// the runtime wakes the runtime's driver thread on every call, a few percent of a call's time
/// (measured: issue 21). `interrupted` runs on this thread, and only once the call has polled
/// `interrupt` (a call that ignores it is never interrupted, so no host signal is consumed for it).
/// Not for a runtime worker thread (it would block the worker), like `block_on`.
pub fn block_on_interruptible<F, Fut>(every: Duration, mut interrupted: impl FnMut() -> bool, call: F) -> Result<Fut::Output, Error>
where
    F: FnOnce(Interrupt) -> Fut,
    Fut: Future,
{
    let rt = runtime()?;
    // Spawning, timers and I/O inside the call find this runtime.
    let _context = rt.enter();
    let state = Arc::new(InterruptState::default());
    let mut fut = std::pin::pin!(call(Interrupt(state.clone())));
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut next_check = Instant::now() + every;
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return Ok(out);
        }
        if !state.armed.load(Ordering::Acquire) {
            // Woken by the call's progress; an unpark that came first makes this return at once.
            std::thread::park();
            continue;
        }
        let now = Instant::now();
        if now < next_check {
            std::thread::park_timeout(next_check - now);
            if Instant::now() < next_check {
                continue; // woken by the call: poll it
            }
        }
        next_check = Instant::now() + every;
        if !state.fired.load(Ordering::Acquire) && interrupted() {
            state.fired.store(true, Ordering::Release);
        }
    }
}

/// Completes once the host was interrupted (see `block_on_interruptible`); polled only by the
/// thread that runs that loop, which polls the call again after setting it (hence no waker).
pub struct Interrupt(Arc<InterruptState>);

#[derive(Default)]
struct InterruptState {
    /// The call has polled its `Interrupt`: from now on the host is asked.
    armed: AtomicBool,
    fired: AtomicBool,
}

impl Interrupt {
    /// One that never completes (a thread that cannot be interrupted, e.g. not Python's main thread).
    pub fn never() -> Self {
        Interrupt(Arc::new(InterruptState::default()))
    }
}

impl Future for Interrupt {
    type Output = ();

    fn poll(self: std::pin::Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        self.0.armed.store(true, Ordering::Release);
        if self.0.fired.load(Ordering::Acquire) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// Wakes the thread waiting in `block_on_interruptible`.
struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interruptible_call_runs_on_the_runtime_and_returns_its_output() {
        let out = block_on_interruptible(Duration::from_millis(10), || -> bool { panic!("never asked: the call ignores its interrupt") }, |_| async {
            tokio::time::sleep(Duration::from_millis(30)).await;
            tokio::spawn(async { 7 }).await.unwrap_or(0)
        });
        assert_eq!(out.ok(), Some(7));
    }

    #[test]
    fn the_host_is_asked_while_the_call_waits_and_its_yes_completes_the_interrupt() {
        let mut asked = 0;
        let started = Instant::now();
        let out = block_on_interruptible(
            Duration::from_millis(20),
            || {
                asked += 1;
                asked == 3
            },
            |interrupt| async move {
                tokio::select! {
                    _ = interrupt => "interrupted",
                    _ = tokio::time::sleep(Duration::from_secs(30)) => "finished",
                }
            },
        );
        assert_eq!(out.ok(), Some("interrupted"));
        assert_eq!(asked, 3);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
