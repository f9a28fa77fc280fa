//! Fork safety: state that belongs to one process.
//!
//! Python's `multiprocessing` and R's `mclapply` fork the host process. The child gets a copy of
//! memory but only the forking thread: the I/O runtime's workers are gone, and its epoll instance
//! and the connection pool's sockets are *shared* with the parent (the same kernel objects). A child
//! that used them would hang (nothing drives the reactor), and one that registered or dropped a
//! socket would change the parent's epoll set (the parent then aborts in tokio's reactor).
//!
//! [`PerProcess`] holds a value together with the pid that made it. In another process the value
//! is invisible, a new one is made on first use, and the parent's is leaked: never used, never
//! dropped, so the child never touches the parent's threads, epoll instance or sockets.

use std::sync::atomic::{AtomicPtr, Ordering};

struct Owned<T> {
    pid: u32,
    value: T,
}

/// A value of the current process, made lazily in each process that uses it.
pub(crate) struct PerProcess<T> {
    slot: AtomicPtr<Owned<T>>,
}

// The value is shared by reference between threads, like in a `OnceLock`.
unsafe impl<T: Send + Sync> Sync for PerProcess<T> {}
unsafe impl<T: Send> Send for PerProcess<T> {}

fn current_pid() -> u32 {
    std::process::id()
}

impl<T> PerProcess<T> {
    pub(crate) const fn new() -> Self {
        PerProcess { slot: AtomicPtr::new(std::ptr::null_mut()) }
    }

    /// This process's value, if one was made here.
    pub(crate) fn get(&self) -> Option<&T> {
        let p = self.slot.load(Ordering::Acquire);
        // SAFETY: a published pointer is never freed while `self` lives (see `set`).
        let owned = unsafe { p.as_ref() }?;
        (owned.pid == current_pid()).then_some(&owned.value)
    }

    /// Publishes `value` as this process's, unless another thread of this process did first: then
    /// `value` is given back to the caller to dispose of and the published one is returned.
    pub(crate) fn set(&self, value: T) -> (&T, Option<T>) {
        let pid = current_pid();
        let mine = Box::into_raw(Box::new(Owned { pid, value }));
        loop {
            let current = self.slot.load(Ordering::Acquire);
            // SAFETY: as in `get`.
            if let Some(owned) = unsafe { current.as_ref() } {
                if owned.pid == pid {
                    // SAFETY: `mine` was never published.
                    let lost = unsafe { Box::from_raw(mine) };
                    return (&owned.value, Some(lost.value));
                }
            }
            if self.slot.compare_exchange(current, mine, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                // `current` (if any) was made by another process, the parent: leaked on purpose.
                // SAFETY: `mine` is now published and lives as long as `self`.
                return (unsafe { &(*mine).value }, None);
            }
        }
    }
}

impl<T> Drop for PerProcess<T> {
    fn drop(&mut self) {
        let p = *self.slot.get_mut();
        // SAFETY: the pointer came from `Box::into_raw` and nothing else frees it.
        if let Some(owned) = unsafe { p.as_ref() } {
            if owned.pid == current_pid() {
                drop(unsafe { Box::from_raw(p) });
            }
            // Another process's value: dropping it would close or deregister that process's
            // sockets in the shared epoll instance, so it is leaked.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_once_per_process_and_give_back_the_loser() {
        let p: PerProcess<String> = PerProcess::new();
        assert!(p.get().is_none());
        let (first, lost) = p.set("a".into());
        assert_eq!(first, "a");
        assert!(lost.is_none());
        let (again, lost) = p.set("b".into());
        assert_eq!(again, "a");
        assert_eq!(lost.as_deref(), Some("b"));
        assert_eq!(p.get().map(String::as_str), Some("a"));
    }

    #[test]
    fn a_value_made_by_another_process_is_invisible_and_replaced() {
        let p: PerProcess<String> = PerProcess::new();
        // What a forked child sees: a value whose pid is not its own.
        let foreign = Box::into_raw(Box::new(Owned { pid: current_pid().wrapping_add(1), value: "parent".to_string() }));
        p.slot.store(foreign, Ordering::Release);
        assert!(p.get().is_none());
        let (mine, lost) = p.set("child".into());
        assert_eq!(mine, "child");
        assert!(lost.is_none());
        // The parent's value was leaked, not freed; free it here so the test itself does not leak.
        drop(unsafe { Box::from_raw(foreign) });
    }
}
