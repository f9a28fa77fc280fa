//! The native half of polyiam's R package. It only converts between R values and the core's value
//! tree and runs calls; the paws-shaped API (service object, operation functions, conditions,
//! paginate) is the R layer in `R/` (generated per operation + a small hand-written runtime).
//!
//! No entry point lets an R error or a Rust panic unwind through Rust frames: every function
//! returns `list(ok = TRUE, value = ...)` or `list(ok = FALSE, error = <fields>)`, and the R runtime
//! raises the condition. Panics are caught in [`guard`] and reported as internal errors.

#![allow(clippy::result_large_err)] // polyiam_core::Error is what every binding passes around.

mod from_r;
mod to_r;

use extendr_api::prelude::*;
use polyiam_core::{Config, Error, PageOptions, Pages, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::Duration;

/// Rust's allocations in this module (the value trees, the SDK's requests) use mimalloc: see the
/// workspace Cargo.toml. The host's own objects keep the host's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// In src/entrypoint.c: whether the user interrupted R; must run on R's main thread.
    fn polyiam_interrupt_pending() -> std::os::raw::c_int;
}

/// How often a waiting call looks for an interrupt: Ctrl-C/Esc then lands well within 200 ms.
const INTERRUPT_CHECK: Duration = Duration::from_millis(50);

/// Runs `call` on the I/O runtime from R's main thread, asking R every `INTERRUPT_CHECK` whether
/// the user interrupted it (the call's `interrupt` then completes and the request is dropped).
fn block_on_r<F, Fut>(call: F) -> Result<Fut::Output, Error>
where
    F: FnOnce(polyiam_core::runtime::Interrupt) -> Fut,
    Fut: std::future::Future,
{
    // SAFETY: every caller is an `#[extendr]` function, on R's main thread, the only one that may
    // ask R; the function never jumps.
    polyiam_core::runtime::block_on_interruptible(INTERRUPT_CHECK, || unsafe { polyiam_interrupt_pending() } != 0, call)
}

/// The client behind `polyiam::iam()`, owned by an R external pointer.
struct RClient {
    core: polyiam_core::Client,
}

/// A lazy page iterator behind `polyiam::paginate()`.
struct RPages {
    op: &'static polyiam_core::schema::Operation,
    pages: Mutex<Pages>,
}

fn ok(value: Robj) -> Robj {
    to_r::ok(value)
}

/// `list(ok = FALSE, error = <the error's fields>)`: the same fields, by the same names, every
/// binding gets (`Error::to_value`).
fn fail(e: &Error) -> Robj {
    match to_r::value(&e.to_value()) {
        Ok(info) => list!(ok = false, error = info).into(),
        // Only a bug can get here; the bare message still arrives as an internal error.
        Err(_) => list!(ok = false, error = list!(kind = "internal", code = "InternalError", message = e.message.as_str(), display = e.to_string(), fault = "server")).into(),
    }
}

/// Runs `f`, turning a Rust panic into an internal error instead of unwinding into R.
fn guard(f: impl FnOnce() -> Result<Robj, Error>) -> Robj {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => ok(v),
        Ok(Err(e)) => fail(&e),
        Err(payload) => fail(&Error::from_panic(payload.as_ref())),
    }
}

/// The core client behind an external pointer (a cheap handle clone).
fn client_of(client: &Robj) -> Result<polyiam_core::Client, Error> {
    let ptr: ExternalPtr<RClient> = ExternalPtr::try_from(client.clone())
        .map_err(|_| Error::config("not a polyiam client; create one with polyiam::iam()"))?;
    let c: &RClient = ptr.try_addr().map_err(|_| Error::config("this polyiam client is no longer valid"))?;
    Ok(c.core.clone())
}

/// Creates a client. `options`: a named list of the core's option names (model/options.json) and
/// values; `names`: how the R caller wrote each option (`config$timeout`), for messages.
#[extendr]
fn polyiam_connect(service: Robj, options: Robj, names: Robj) -> Robj {
    guard(|| {
        let names = match from_r::value(&names, None, "config")? {
            Value::Map(m) => m,
            _ => polyiam_core::Map::new(),
        };
        let shown = |n: &str| names.get(n).and_then(Value::as_str).unwrap_or(n).to_string();
        // Each value converted on its own, so a problem names the setting as the caller wrote it.
        let list = options.as_list().ok_or_else(|| Error::bad_value("config", "must be a named list"))?;
        let mut converted = polyiam_core::Map::new();
        for (name, item) in list.iter() {
            converted.insert(name.to_string(), from_r::value(&item, None, &shown(name))?);
        }
        let options = converted;
        let config = Config::from_value(&options, &shown)?;
        let service = from_r::opt_string(&service, "service")?.unwrap_or_default();
        let core = polyiam_core::Client::connect_blocking(&service, &config)?;
        Ok(ExternalPtr::new(RClient { core }).into())
    })
}

/// The client's portable description (core/src/portable.rs), for the R object to carry:
/// `list(key =, description =, refused =)`. `key` names the native client in the package's
/// registry; `description` is the plain list a copy in another process rebuilds from (NULL when the
/// core refuses, e.g. credentials written in code), and `refused` says why.
#[extendr]
fn polyiam_describe(client: Robj, names: Robj) -> Robj {
    guard(|| {
        let client = client_of(&client)?;
        let names = match from_r::value(&names, None, "config")? {
            Value::Map(m) => m,
            _ => polyiam_core::Map::new(),
        };
        let shown = |n: &str| names.get(n).and_then(Value::as_str).unwrap_or(n).to_string();
        Ok(match client.describe(&shown) {
            Ok(d) => {
                let key = polyiam_core::portable::key(&d)?;
                list!(key = key, description = to_r::value(&Value::Map(d))?, refused = NULL).into()
            }
            Err(e) => {
                // What a copy in another process raises on its first call (R cannot refuse at serialize()).
                let refused = Error::config(format!("this polyiam client was copied from another R process (serialize(), saveRDS(), a PSOCK or future worker) and cannot call from here: {}", e.message));
                list!(key = format!("local:{}:{}", std::process::id(), client.identity()), description = NULL, refused = to_r::value(&refused.to_value())?).into()
            }
        })
    })
}

/// The client a description describes (this process's, if it was rebuilt before); no I/O.
#[extendr]
fn polyiam_from_description(description: Robj) -> Robj {
    guard(|| {
        let Value::Map(d) = from_r::value(&description, None, "description")? else {
            return Err(Error::config("not a polyiam client description"));
        };
        let core = polyiam_core::Client::from_description(&d)?;
        Ok(ExternalPtr::new(RClient { core }).into())
    })
}

/// The same client in several regions (a character vector, or "*"): each call returns a list
/// named by region. A single string may be comma-separated ("us-east-1,eu-west-2").
#[extendr]
fn polyiam_in_regions(client: Robj, regions: Robj) -> Robj {
    guard(|| {
        let client = client_of(&client)?;
        let list: Vec<String> = match from_r::value(&regions, None, "regions")? {
            Value::String(one) => vec![one],
            Value::List(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::bad_value("regions", "must be a character vector of region names"))?,
            _ => return Err(Error::bad_value("regions", "must be a character vector of region names, or \"*\"")),
        };
        let core = client.in_regions_blocking(&list)?;
        Ok(ExternalPtr::new(RClient { core }).into())
    })
}

/// Runs one of the service's waiters (`user_exists` or `UserExists`) with a named list of the
/// polled operation's parameters, for at most `max_wait` seconds; returns the last poll's result.
#[extendr]
fn polyiam_wait(client: Robj, waiter: Robj, params: Robj, max_wait: Robj) -> Robj {
    guard(|| {
        let client = client_of(&client)?;
        let name = from_r::opt_string(&waiter, "waiter")?.unwrap_or_default();
        let service = client.service();
        let w = service.waiter(&name).ok_or_else(|| {
            let known: Vec<String> = service.waiters.iter().map(|w| to_snake(w.name)).collect();
            Error::bad_value("waiter", format!("{} has no waiter {name:?}; its waiters: {}", service.name, known.join(", ")))
        })?;
        let op = service.operation(w.operation).ok_or_else(|| Error::internal("waiter without operation"))?;
        let input = from_r::params(&params, op).map_err(|e| e.for_operation(op.name))?;
        let secs = from_r::opt_number(&max_wait, "max_wait")?.unwrap_or(20.0);
        if !(secs.is_finite() && secs > 0.0 && secs < 86_400.0) {
            return Err(Error::bad_value("max_wait", "must be a positive number of seconds (under a day)"));
        }
        let response = block_on_r(|interrupt| client.wait_until(w.name, &input, std::time::Duration::from_secs_f64(secs), interrupt))??;
        to_r::output(op, &response.output)
    })
}

/// `UserExists` -> `user_exists`.
fn to_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Calls an operation by its model name with a named list of parameters; returns paws's list.
#[extendr]
fn polyiam_call(client: Robj, operation: Robj, params: Robj) -> Robj {
    guard(|| {
        let client = client_of(&client)?;
        let op = from_r::operation(client.service(), &operation)?;
        let input = from_r::params(&params, op).map_err(|e| e.for_operation(op.name))?;
        let response = block_on_r(|interrupt| client.call_until(op.name, &input, interrupt))??;
        to_r::response(op, &response, client.raw_response())
    })
}

/// Checks and converts the parameters without calling (for `paginate()` before its first page).
#[extendr]
fn polyiam_pages(client: Robj, operation: Robj, params: Robj, max_items: Robj, page_size: Robj, starting_token: Robj) -> Robj {
    guard(|| {
        let client = client_of(&client)?;
        let op = from_r::operation(client.service(), &operation)?;
        let input = from_r::params(&params, op).map_err(|e| e.for_operation(op.name))?;
        let max_items = from_r::opt_number(&max_items, "MaxItems")?
            .map(|n| if n.fract() == 0.0 && n >= 1.0 { Ok(n as usize) } else { Err(Error::bad_value("MaxItems", "must be a whole number of at least 1")) })
            .transpose()?;
        let page_size = from_r::opt_number(&page_size, "PageSize")?
            .map(|n| if n.fract() == 0.0 && (1.0..1e9).contains(&n) { Ok(n as i64) } else { Err(Error::bad_value("PageSize", "must be a whole number of at least 1")) })
            .transpose()?;
        let starting_token = from_r::opt_string(&starting_token, "StartingToken").map_err(|e| Error::bad_value("StartingToken", e.message))?;
        let options = PageOptions { max_items, page_size, starting_token };
        let pages = Pages::new(client, op.name, input, options)?;
        Ok(ExternalPtr::new(RPages { op, pages: Mutex::new(pages) }).into())
    })
}

/// The next page: `value` is the page's list, or NULL after the last page.
#[extendr]
fn polyiam_next_page(pages: Robj) -> Robj {
    guard(|| {
        let ptr: ExternalPtr<RPages> =
            ExternalPtr::try_from(pages).map_err(|_| Error::internal("not a polyiam page iterator"))?;
        let p: &RPages = ptr.try_addr().map_err(|_| Error::internal("this page iterator is no longer valid"))?;
        let mut pages = p.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let op = p.op;
        match block_on_r(|interrupt| pages.next_until(interrupt))? {
            None => Ok(r!(NULL)),
            Some(Err(e)) => Err(e),
            Some(Ok(response)) => to_r::output(op, &response.output),
        }
    })
}

/// Panics inside the guard, so tests can check that a Rust panic arrives as an R condition.
#[extendr]
fn polyiam_force_panic_for_tests() -> Robj {
    guard(|| panic!("forced by polyiam_force_panic_for_tests"))
}

extendr_module! {
    mod polyiam;
    fn polyiam_connect;
    fn polyiam_call;
    fn polyiam_in_regions;
    fn polyiam_describe;
    fn polyiam_from_description;
    fn polyiam_wait;
    fn polyiam_pages;
    fn polyiam_next_page;
    fn polyiam_force_panic_for_tests;
}
