//! Settling Promises from the core's runtime through one threadsafe function per JS thread.
//!
//! napi-rs's `Env::create_deferred` makes a threadsafe function (a libuv async handle, cleanup hooks,
//! locks) for every Promise; at thousands of calls a second that set-up and tear-down was a large
//! part of a call's cost (issue 21). Here each JS thread (the main thread, each worker thread) has
//! one queue: a call creates a plain Promise (`napi_create_promise`), its task pushes
//! `(deferred, outcome)` onto the queue when done, and Node drains the queue on the JS thread,
//! many settlements per wake-up. The queue is unreferenced while no Promise is pending, so an idle
//! client never keeps the process alive, and referenced while one is.
//!
//! Teardown: when the environment goes away Node finalizes the threadsafe function; the finalizer
//! clears the shared handle under its lock, so a task finishing later drops its outcome instead of
//! touching freed memory.

use crate::client::Outcome;
use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{sys, Env};
use std::cell::RefCell;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::{Arc, RwLock};

/// The raw threadsafe function, usable from any thread while the environment lives.
struct Handle(RwLock<Option<RawTsfn>>);

#[derive(Clone, Copy)]
struct RawTsfn(sys::napi_threadsafe_function);
// SAFETY: Node-API documents `napi_call_threadsafe_function` as callable from any thread; the
// pointer is only used while the lock says the function is alive.
unsafe impl Send for RawTsfn {}
unsafe impl Sync for RawTsfn {}

/// A Promise's resolver, as raw as Node-API hands it over; only ever used on its JS thread.
struct Deferred(sys::napi_deferred);
// SAFETY: moved to a runtime thread and back inside the queue item; dereferenced only by Node-API on
// the JS thread that created it (in `call_js`).
unsafe impl Send for Deferred {}

/// One queued settlement.
struct Item {
    deferred: Deferred,
    outcome: Outcome,
}

/// The JS thread's side: its queue and how many of its Promises are still pending.
struct Local {
    handle: Arc<Handle>,
    raw: RawTsfn,
    pending: usize,
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
}

/// Where a task sends its outcome (any thread). Dropped unsent (a task that never ran, e.g. when the
/// runtime shut down), it settles the Promise with an internal error, so nothing waits forever and
/// the queue's reference on the event loop is released.
pub struct Sender {
    handle: Arc<Handle>,
    deferred: Option<Deferred>,
}

impl Sender {
    /// Queues the settlement; if the environment is gone, the outcome is dropped (nobody awaits it).
    pub fn send(mut self, outcome: Outcome) {
        if let Some(deferred) = self.deferred.take() {
            self.queue(deferred, outcome);
        }
    }

    fn queue(&self, deferred: Deferred, outcome: Outcome) {
        let guard = self.handle.0.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(raw) = *guard else { return };
        let item = Box::into_raw(Box::new(Item { deferred, outcome }));
        // SAFETY: `raw` is alive (checked under the lock, which the finalizer takes to clear it).
        let status = unsafe { sys::napi_call_threadsafe_function(raw.0, item.cast(), sys::ThreadsafeFunctionCallMode::nonblocking) };
        if status != sys::Status::napi_ok {
            // Not queued: Node did not take the item, so it is still ours to free.
            // SAFETY: `item` came from `Box::into_raw` above and was not handed over.
            drop(unsafe { Box::from_raw(item) });
        }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        if let Some(deferred) = self.deferred.take() {
            self.queue(deferred, Outcome::Error(polyiam_core::Error::internal("the call was dropped before it finished")));
        }
    }
}

/// A new Promise on this JS thread and the sender that will settle it.
pub fn promise<'env>(env: &'env Env) -> napi::Result<(Object<'env>, Sender)> {
    let raw_env = env.raw();
    LOCAL.with(|cell| {
        let mut local = cell.borrow_mut();
        if local.is_none() {
            *local = Some(create(raw_env)?);
        }
        let Some(local) = local.as_mut() else { unreachable!("set above") };
        let mut deferred = ptr::null_mut();
        let mut value = ptr::null_mut();
        // SAFETY: on the JS thread, with this thread's env.
        check(unsafe { sys::napi_create_promise(raw_env, &mut deferred, &mut value) }, "create a Promise")?;
        if local.pending == 0 {
            // SAFETY: the function is alive: its finalizer would have cleared LOCAL on this thread.
            check(unsafe { sys::napi_ref_threadsafe_function(raw_env, local.raw.0) }, "reference the settle queue")?;
        }
        local.pending += 1;
        let promise = Object::from_raw(raw_env, value);
        Ok((promise, Sender { handle: local.handle.clone(), deferred: Some(Deferred(deferred)) }))
    })
}

fn check(status: sys::napi_status, what: &str) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::from_reason(format!("polyiam could not {what} (napi status {status})")))
    }
}

fn create(env: sys::napi_env) -> napi::Result<Local> {
    let handle = Arc::new(Handle(RwLock::new(None)));
    let mut name = ptr::null_mut();
    let label = "polyiam.settle";
    // SAFETY: on the JS thread; `label` outlives the call.
    check(unsafe { sys::napi_create_string_utf8(env, label.as_ptr().cast(), label.len() as isize, &mut name) }, "name the settle queue")?;
    let finalize_data = Arc::into_raw(handle.clone()) as *mut c_void;
    let mut raw = ptr::null_mut();
    // SAFETY: no JS function (`call_js` does the work); the finalizer takes back `finalize_data`.
    let status = unsafe {
        sys::napi_create_threadsafe_function(
            env,
            ptr::null_mut(),
            ptr::null_mut(),
            name,
            0,
            1,
            finalize_data,
            Some(finalize),
            ptr::null_mut(),
            Some(call_js),
            &mut raw,
        )
    };
    if status != sys::Status::napi_ok {
        // SAFETY: not handed over: the function was not created.
        drop(unsafe { Arc::from_raw(finalize_data as *const Handle) });
        return Err(napi::Error::from_reason(format!("polyiam could not create its settle queue (napi status {status})")));
    }
    // Idle: it must not keep the event loop alive until a Promise is pending.
    // SAFETY: just created on this thread.
    check(unsafe { sys::napi_unref_threadsafe_function(env, raw) }, "unreference the settle queue")?;
    *handle.0.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(RawTsfn(raw));
    Ok(Local { handle, raw: RawTsfn(raw), pending: 0 })
}

/// Node tears the environment down: no more queueing into this function.
unsafe extern "C" fn finalize(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `data` is the `Arc::into_raw` of `create`, given back exactly once, here.
        let handle = unsafe { Arc::from_raw(data as *const Handle) };
        *handle.0.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        let _ = LOCAL.try_with(|cell| cell.try_borrow_mut().map(|mut local| *local = None));
    }));
}

/// On the JS thread: settles one queued Promise (`env` is null when Node is tearing down).
unsafe extern "C" fn call_js(env: sys::napi_env, _js_callback: sys::napi_value, _context: *mut c_void, data: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: every item was made by `Sender::send` with `Box::into_raw` and is handed back once.
        let item = unsafe { Box::from_raw(data as *mut Item) };
        if env.is_null() {
            return;
        }
        settle(env, item.deferred.0, item.outcome);
        LOCAL.with(|cell| {
            if let Ok(mut local) = cell.try_borrow_mut() {
                if let Some(local) = local.as_mut() {
                    local.pending = local.pending.saturating_sub(1);
                    if local.pending == 0 {
                        // SAFETY: alive (we are inside its own callback), on its JS thread.
                        unsafe { sys::napi_unref_threadsafe_function(env, local.raw.0) };
                    }
                }
            }
        });
    }));
}

fn settle(env: sys::napi_env, deferred: sys::napi_deferred, outcome: Outcome) {
    // SAFETY: on the JS thread, inside the handle scope Node opens around `call_js`.
    unsafe {
        match Outcome::to_napi_value(env, outcome) {
            Ok(value) => {
                sys::napi_resolve_deferred(env, deferred, value);
            }
            Err(e) => {
                let mut message = ptr::null_mut();
                let mut error = ptr::null_mut();
                let text = e.reason;
                sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len() as isize, &mut message);
                sys::napi_create_error(env, ptr::null_mut(), message, &mut error);
                sys::napi_reject_deferred(env, deferred, error);
            }
        }
    }
}
