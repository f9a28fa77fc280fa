//! `polyiam._polyiam`: the native half of the Python binding. It only converts between Python
//! objects and the core's value tree and runs calls with the GIL released; the boto3-shaped API
//! (methods, exceptions, paginators) is the generated Python layer in `python/polyiam/`.

mod client;
mod errors;
mod from_py;
mod to_py;
mod wait;

use pyo3::prelude::*;

/// Rust's allocations in this module (the value trees, the SDK's requests) use mimalloc: see the
/// workspace Cargo.toml. The host's own objects keep the host's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _polyiam(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<client::Client>()?;
    m.add_class::<client::PageIterator>()?;
    m.add_class::<wait::Pending>()?;
    m.add_class::<wait::SettleQueue>()?;
    m.add_function(wrap_pyfunction!(wait::quiesce_wakes, m)?)?;
    m.add("NativeError", m.py().get_type::<errors::NativeError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_force_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    Ok(())
}

/// The `polyiam` command line (`argv` with the program name first); returns its exit code. The
/// GIL is released while it runs.
#[pyfunction]
fn cli_main(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| polyiam_cli::run(argv))
}

/// Panics inside the FFI guard, so tests can check that a Rust panic arrives as a Python exception.
#[pyfunction]
fn _force_panic_for_tests(py: Python<'_>) -> PyResult<()> {
    errors::guard(py, || panic!("forced by _force_panic_for_tests"))
}
