//! Thin safe-ish wrappers over the N-API calls the value conversion needs. Every function here
//! must be called on the JS thread with the `env` of the current callback.

use napi::sys;
use std::ptr;

pub type Env = sys::napi_env;
pub type Val = sys::napi_value;

/// A failed N-API call (a pending JS exception, an engine out of memory, ...).
#[derive(Debug)]
pub struct Fail(pub &'static str);

pub type R<T> = Result<T, Fail>;

fn ok(status: sys::napi_status, what: &'static str) -> R<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Fail(what))
    }
}

pub unsafe fn type_of(env: Env, v: Val) -> R<i32> {
    let mut t = 0;
    ok(sys::napi_typeof(env, v, &mut t), "typeof")?;
    Ok(t)
}

macro_rules! predicate {
    ($($name:ident => $call:ident),* $(,)?) => {$(
        pub unsafe fn $name(env: Env, v: Val) -> R<bool> {
            let mut b = false;
            ok(sys::$call(env, v, &mut b), stringify!($name))?;
            Ok(b)
        }
    )*};
}

predicate! {
    is_array => napi_is_array,
    is_date => napi_is_date,
    is_typedarray => napi_is_typedarray,
    is_arraybuffer => napi_is_arraybuffer,
}

pub unsafe fn get_bool(env: Env, v: Val) -> R<bool> {
    let mut b = false;
    ok(sys::napi_get_value_bool(env, v, &mut b), "boolean")?;
    Ok(b)
}

pub unsafe fn get_f64(env: Env, v: Val) -> R<f64> {
    let mut x = 0.0;
    ok(sys::napi_get_value_double(env, v, &mut x), "number")?;
    Ok(x)
}

pub unsafe fn get_bigint(env: Env, v: Val) -> R<Option<i64>> {
    let mut x = 0i64;
    let mut lossless = false;
    ok(sys::napi_get_value_bigint_int64(env, v, &mut x, &mut lossless), "bigint")?;
    Ok(lossless.then_some(x))
}

pub unsafe fn get_string(env: Env, v: Val) -> R<String> {
    let mut len = 0usize;
    ok(sys::napi_get_value_string_utf8(env, v, ptr::null_mut(), 0, &mut len), "string length")?;
    let mut buf = vec![0u8; len + 1];
    let mut written = 0usize;
    ok(sys::napi_get_value_string_utf8(env, v, buf.as_mut_ptr().cast(), buf.len(), &mut written), "string")?;
    buf.truncate(written);
    // N-API writes UTF-8 (lone surrogates become U+FFFD), so this cannot fail in practice.
    String::from_utf8(buf).map_err(|_| Fail("string is not UTF-8"))
}

pub unsafe fn get_date_ms(env: Env, v: Val) -> R<f64> {
    let mut x = 0.0;
    ok(sys::napi_get_date_value(env, v, &mut x), "date")?;
    Ok(x)
}

pub unsafe fn array_len(env: Env, v: Val) -> R<u32> {
    let mut n = 0u32;
    ok(sys::napi_get_array_length(env, v, &mut n), "array length")?;
    Ok(n)
}

pub unsafe fn element(env: Env, v: Val, i: u32) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_get_element(env, v, i, &mut out), "array element")?;
    Ok(out)
}

/// Own, enumerable, string-keyed properties, as `Object.keys` lists them.
pub unsafe fn own_keys(env: Env, obj: Val) -> R<Vec<(String, Val)>> {
    let mut names = ptr::null_mut();
    ok(
        sys::napi_get_all_property_names(
            env,
            obj,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut names,
        ),
        "property names",
    )?;
    let n = array_len(env, names)?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let key = element(env, names, i)?;
        let mut value = ptr::null_mut();
        ok(sys::napi_get_property(env, obj, key, &mut value), "property")?;
        out.push((get_string(env, key)?, value));
    }
    Ok(out)
}

/// The bytes of a `Uint8Array`/`Buffer` (`None` for other typed arrays).
pub unsafe fn uint8_bytes(env: Env, v: Val) -> R<Option<Vec<u8>>> {
    let mut kind = 0;
    let mut len = 0usize;
    let mut data: *mut std::ffi::c_void = ptr::null_mut();
    let mut ab = ptr::null_mut();
    let mut offset = 0usize;
    ok(sys::napi_get_typedarray_info(env, v, &mut kind, &mut len, &mut data, &mut ab, &mut offset), "typed array")?;
    if kind != sys::TypedarrayType::uint8_array && kind != sys::TypedarrayType::uint8_clamped_array {
        return Ok(None);
    }
    Ok(Some(copy_bytes(data, len)))
}

pub unsafe fn arraybuffer_bytes(env: Env, v: Val) -> R<Vec<u8>> {
    let mut len = 0usize;
    let mut data: *mut std::ffi::c_void = ptr::null_mut();
    ok(sys::napi_get_arraybuffer_info(env, v, &mut data, &mut len), "array buffer")?;
    Ok(copy_bytes(data, len))
}

unsafe fn copy_bytes(data: *mut std::ffi::c_void, len: usize) -> Vec<u8> {
    if data.is_null() || len == 0 {
        return Vec::new();
    }
    std::slice::from_raw_parts(data.cast::<u8>(), len).to_vec()
}

// ---- building values ----

pub unsafe fn object(env: Env) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_create_object(env, &mut out), "create object")?;
    Ok(out)
}

pub unsafe fn set(env: Env, obj: Val, key: &str, value: Val) -> R<()> {
    let k = string(env, key)?;
    ok(sys::napi_set_property(env, obj, k, value), "set property")
}

pub unsafe fn array(env: Env, len: usize) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_create_array_with_length(env, len, &mut out), "create array")?;
    Ok(out)
}

pub unsafe fn set_element(env: Env, arr: Val, i: u32, value: Val) -> R<()> {
    ok(sys::napi_set_element(env, arr, i, value), "set element")
}

pub unsafe fn string(env: Env, s: &str) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_create_string_utf8(env, s.as_ptr().cast(), s.len() as isize, &mut out), "create string")?;
    Ok(out)
}

pub unsafe fn number(env: Env, x: f64) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_create_double(env, x, &mut out), "create number")?;
    Ok(out)
}

pub unsafe fn boolean(env: Env, b: bool) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_get_boolean(env, b, &mut out), "create boolean")?;
    Ok(out)
}

pub unsafe fn null(env: Env) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_get_null(env, &mut out), "null")?;
    Ok(out)
}

pub unsafe fn date(env: Env, ms: f64) -> R<Val> {
    let mut out = ptr::null_mut();
    ok(sys::napi_create_date(env, ms, &mut out), "create date")?;
    Ok(out)
}

pub unsafe fn buffer(env: Env, bytes: &[u8]) -> R<Val> {
    let mut out = ptr::null_mut();
    let mut data: *mut std::ffi::c_void = ptr::null_mut();
    ok(sys::napi_create_buffer_copy(env, bytes.len(), bytes.as_ptr().cast(), &mut data, &mut out), "create buffer")?;
    Ok(out)
}
