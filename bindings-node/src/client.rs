//! The native client and page iterator. Every call converts its input on the JS thread, runs on
//! the core's tokio runtime and settles a Promise from there; nothing waits on the event loop.

use crate::errors::{guard, internal};
use crate::{errors, from_js, to_js};
use futures::FutureExt;
use napi::bindgen_prelude::{Function, JavaScriptClassExt, Object, Promise, ToNapiValue, Unknown};
use napi::{sys, Env, JsValue};
use napi_derive::napi;
use polyiam_core::{CancelFlag, Config, Error, Map, PageOptions, Pages, Response, Value};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// What a settled Promise carries to the JS runtime: `{ output, metadata }`, `{ error }` or
/// `{ done: true }` (the end of a paging).
pub enum Outcome {
    Response(Response),
    /// A plain value: `{ value }`.
    Value(Value),
    Error(Error),
    Done,
}

/// napi-rs's trait for what a Promise settles with hands over a raw `napi_env` (hence its `unsafe fn`);
/// the value is built with the typed API from there.
impl ToNapiValue for Outcome {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(env);
        let built = catch_unwind(AssertUnwindSafe(|| match &val {
            Outcome::Response(r) => to_js::response(&env, r),
            Outcome::Value(v) => Object::new(&env).and_then(|mut o| {
                o.set("value", to_js::value(&env, v)?)?;
                Ok(o)
            }),
            Outcome::Error(e) => errors::info(&env, e),
            Outcome::Done => Object::new(&env).and_then(|mut o| {
                o.set("done", true)?;
                Ok(o)
            }),
        }));
        match built {
            Ok(Ok(v)) => Ok(v.raw()),
            Ok(Err(e)) => Err(napi::Error::from_reason(format!("polyiam could not build the result ({e})"))),
            Err(payload) => errors::info(&env, &internal(payload.as_ref())).map(|v| v.raw()),
        }
    }
}

/// A Promise settled with `fut`'s outcome; `fut` runs on the core's runtime and a panic in it
/// becomes an `internal` error. The settlement reaches the JS thread through its queue (settle.rs).
pub fn settle_later<'env>(
    env: &'env Env,
    fut: impl Future<Output = Outcome> + Send + 'static,
) -> napi::Result<Object<'env>> {
    let (promise, sender) = crate::settle::promise(env)?;
    match polyiam_core::runtime::runtime() {
        Ok(rt) => {
            rt.spawn(async move {
                let out = AssertUnwindSafe(fut).catch_unwind().await.unwrap_or_else(|p| Outcome::Error(internal(p.as_ref())));
                sender.send(out);
            });
        }
        Err(e) => sender.send(Outcome::Error(e)),
    }
    Ok(promise)
}

struct State {
    /// The service's name in the core (`iam`).
    service: String,
    config: Config,
    /// Set by `inRegions`: the client runs every call in these regions (`Client::in_regions`).
    regions: Option<Vec<String>>,
    /// Resolved on the first call (the AWS config chain does file and network I/O), then reused.
    client: tokio::sync::OnceCell<polyiam_core::Client>,
}

impl State {
    async fn client(&self) -> Result<polyiam_core::Client, Error> {
        self.client
            .get_or_try_init(|| async {
                let client = polyiam_core::Client::connect(&self.service, &self.config).await?;
                match &self.regions {
                    Some(regions) => client.in_regions(regions).await,
                    None => Ok(client),
                }
            })
            .await
            .cloned()
    }

    async fn call(&self, operation: &str, input: &Map, abort: Option<Arc<CancelFlag>>) -> Result<Response, Error> {
        let client = self.client().await?;
        match abort {
            Some(flag) => client.call_until(operation, input, flag.cancelled()).await,
            None => client.call(operation, input).await,
        }
    }
}

/// The native half of a call's `abortSignal`: the JS layer calls `abort()` from the signal's
/// `abort` event, and the call's request is dropped at once.
#[napi]
pub struct NativeAbort {
    flag: Arc<CancelFlag>,
}

#[napi]
impl NativeAbort {
    #[napi(constructor)]
    pub fn new() -> Self {
        NativeAbort { flag: Arc::new(CancelFlag::new()) }
    }

    #[napi]
    pub fn abort(&self) {
        self.flag.cancel();
    }
}

impl Default for NativeAbort {
    fn default() -> Self {
        Self::new()
    }
}

#[napi]
pub struct NativeClient {
    state: Arc<State>,
}

#[napi]
impl NativeClient {
    /// `{ value: { region, endpoint } }` (or `{ error }`): where calls go, for the v3 SDK's
    /// `client.config.region()` / `endpoint()`. Resolves the configuration; sends nothing.
    #[napi(ts_return_type = "Promise<{ value?: { region: string; endpoint: string }; error?: unknown }>")]
    pub fn endpoint<'env>(&self, env: &'env Env) -> napi::Result<Object<'env>> {
        let state = self.state.clone();
        settle_later(env, async move {
            match async { state.client().await?.endpoint().await }.await {
                Ok((region, endpoint)) => {
                    Outcome::Value(Value::Map(Map::from_iter([("region".to_string(), Value::String(region)), ("endpoint".to_string(), Value::String(endpoint))])))
                }
                Err(e) => Outcome::Error(e),
            }
        })
    }

    /// `{ value: description }` (core/src/portable.rs: the options that are not secret and where
    /// credentials come from), or `{ error }` when the core refuses (credentials in code without
    /// `serializeCredentials`, a provider function). `names`: the option names as JS writes them.
    #[napi(ts_return_type = "{ value?: unknown; error?: unknown }")]
    pub fn describe<'env>(&self, env: &'env Env, names: Unknown<'env>) -> napi::Result<Object<'env>> {
        guard(|| {
            let names = from_js::input(names).unwrap_or_default();
            let shown = |n: &str| names.get(n).and_then(Value::as_str).unwrap_or(n).to_string();
            let service = polyiam_core::schema::service(&self.state.service)
                .ok_or_else(|| Error::config(format!("polyiam has no service {:?}", self.state.service)));
            let regions = self.state.regions.clone().unwrap_or_default();
            let described = service.and_then(|service| {
                polyiam_core::portable::describe(service, &self.state.config, self.state.config.max_concurrent_calls, &regions, &shown)
            });
            match described {
                Err(e) => errors::info(env, &e),
                Ok(d) => {
                    let mut out = Object::new(env)?;
                    out.set("value", crate::to_js::value(env, &Value::Map(d))?)?;
                    Ok(out)
                }
            }
        })
    }

    /// The same client in several regions (a list, or `["*"]`); each call resolves with
    /// `{ regions: { region: { output, metadata } } }`. The regions are checked on the first call
    /// (no I/O here: this must not block the event loop).
    #[napi]
    pub fn in_regions(&self, regions: Vec<String>) -> NativeClient {
        let state = State {
            service: self.state.service.clone(),
            config: self.state.config.clone(),
            regions: Some(regions),
            client: tokio::sync::OnceCell::new(),
        };
        NativeClient { state: Arc::new(state) }
    }

    /// Calls an operation by its model name; the Promise resolves with `{ output, metadata }` or
    /// `{ error }` (it never rejects: the JS runtime throws the right class). With `abort`, the
    /// call ends (as a `cancelled` error) as soon as `abort.abort()` is called.
    #[napi(ts_return_type = "Promise<unknown>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: String,
        input: Unknown<'env>,
        abort: Option<&NativeAbort>,
    ) -> napi::Result<Object<'env>> {
        guard(|| {
            let converted = from_js::input(input);
            let state = self.state.clone();
            let abort = abort.map(|a| a.flag.clone());
            settle_later(env, async move {
                let input = match converted {
                    Ok(map) => map,
                    Err(e) => return Outcome::Error(e.for_operation(&operation)),
                };
                match state.call(&operation, &input, abort).await {
                    Ok(r) => Outcome::Response(r),
                    Err(e) => Outcome::Error(e),
                }
            })
        })
    }

    /// Runs one of the service's waiters for at most `max_wait_secs`; settles like `call` (with
    /// the last poll's result).
    #[napi(ts_return_type = "Promise<unknown>")]
    pub fn wait<'env>(
        &self,
        env: &'env Env,
        waiter: String,
        input: Unknown<'env>,
        max_wait_secs: f64,
        abort: Option<&NativeAbort>,
    ) -> napi::Result<Object<'env>> {
        guard(|| {
            let converted = from_js::input(input);
            let state = self.state.clone();
            let abort = abort.map(|a| a.flag.clone());
            settle_later(env, async move {
                let outcome = async {
                    let input = converted?;
                    if !(max_wait_secs.is_finite() && max_wait_secs > 0.0 && max_wait_secs < 86_400.0) {
                        return Err(Error::bad_value("maxWaitTime", "must be a positive number of seconds (under a day)"));
                    }
                    let max_wait = std::time::Duration::from_secs_f64(max_wait_secs);
                    let client = state.client().await?;
                    match abort {
                        Some(flag) => client.wait_until(&waiter, &input, max_wait, flag.cancelled()).await,
                        None => client.wait_until(&waiter, &input, max_wait, std::future::pending()).await,
                    }
                };
                outcome.await.map_or_else(Outcome::Error, Outcome::Response)
            })
        })
    }

    /// Pages of a paginated operation, fetched one `next()` at a time.
    #[napi]
    pub fn paginate(
        &self,
        operation: String,
        input: Unknown<'_>,
        page_size: Option<i64>,
        starting_token: Option<String>,
        max_items: Option<u32>,
    ) -> napi::Result<NativePages> {
        guard(|| {
            let converted = from_js::input(input);
            let start = match converted {
                Ok(input) => Stage::Start {
                    operation,
                    input,
                    options: PageOptions { max_items: max_items.map(|n| n as usize), page_size, starting_token },
                },
                Err(e) => Stage::Failed(e.for_operation(&operation)),
            };
            Ok(NativePages { state: self.state.clone(), stage: Arc::new(tokio::sync::Mutex::new(start)) })
        })
    }
}

/// `options`: the core's option names (model/options.json) and values; `names`: the option names as
/// the JS caller wrote them (`maxAttempts`), for messages.
fn config_from_js(options: Unknown<'_>, names: Unknown<'_>) -> Result<Config, Error> {
    let options = from_js::input(options)?;
    let names = from_js::input(names)?;
    let shown = |n: &str| names.get(n).and_then(Value::as_str).unwrap_or(n).to_string();
    Config::from_value(&options, &shown)
}

/// A client of `service` from the core's options (model/options.json) and the names the caller
/// wrote them under: `{ client }`, or `{ error }` (the error's fields, as for a failed call) when
/// the configuration cannot work. The options are read once; no I/O (the configuration is
/// resolved on the first call).
#[napi(ts_return_type = "{ client?: NativeClient, error?: unknown }")]
pub fn connect<'env>(
    env: &'env Env,
    service: String,
    options: Unknown<'env>,
    names: Unknown<'env>,
    credentials: Option<Function<'env, (), Promise<crate::provider::JsCredentials>>>,
) -> napi::Result<Object<'env>> {
    guard(|| {
        let provider = credentials.map(crate::provider::from_function).transpose()?;
        let config = polyiam_core::schema::service(&service)
            .ok_or_else(|| Error::config(format!("polyiam has no service {service:?}")))
            .and_then(|_| config_from_js(options, names))
            .map(|config| Config { credentials_provider: provider, ..config });
        match config {
            Err(e) => errors::info(env, &e),
            Ok(config) => {
                let client = NativeClient { state: Arc::new(State { service, config, regions: None, client: tokio::sync::OnceCell::new() }) };
                let mut out = Object::new(env)?;
                out.set("client", client.into_instance(env)?)?;
                Ok(out)
            }
        }
    })
}


enum Stage {
    Start { operation: String, input: Map, options: PageOptions },
    Running(Pages),
    Failed(Error),
    Done,
}

#[napi]
pub struct NativePages {
    state: Arc<State>,
    stage: Arc<tokio::sync::Mutex<Stage>>,
}

#[napi]
impl NativePages {
    /// The next page: `{ output, metadata }`, `{ error }` (after which paging is over) or `{ done: true }`.
    #[napi(ts_return_type = "Promise<unknown>")]
    pub fn next<'env>(&self, env: &'env Env) -> napi::Result<Object<'env>> {
        guard(|| {
            let state = self.state.clone();
            let stage = self.stage.clone();
            settle_later(env, async move {
                let mut stage = stage.lock().await;
                if let Stage::Start { .. } = &*stage {
                    let Stage::Start { operation, input, options } = std::mem::replace(&mut *stage, Stage::Done) else {
                        return Outcome::Done;
                    };
                    *stage = match state.client().await.and_then(|c| Pages::new(c, &operation, input, options)) {
                        Ok(pages) => Stage::Running(pages),
                        Err(e) => Stage::Failed(e),
                    };
                }
                match std::mem::replace(&mut *stage, Stage::Done) {
                    Stage::Running(mut pages) => match pages.next().await {
                        None => Outcome::Done,
                        Some(Ok(r)) => {
                            *stage = Stage::Running(pages);
                            Outcome::Response(r)
                        }
                        Some(Err(e)) => Outcome::Error(e),
                    },
                    Stage::Failed(e) => Outcome::Error(e),
                    Stage::Start { .. } | Stage::Done => Outcome::Done,
                }
            })
        })
    }
}
