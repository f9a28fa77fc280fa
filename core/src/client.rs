//! The client every binding wraps: validate, call through the generated glue, capture metadata.

use crate::config::Config;
use crate::credentials::Source;
use crate::error::{Error, ErrorKind};
use crate::generated::SdkClient;
use crate::meta::{self, ResponseMeta};
use crate::process::PerProcess;
use crate::schema::{self, Service};
use crate::validate;
use crate::value::{Map, Value};
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// One configured client of one service; cheap to clone and safe to share between threads and
/// across a fork (a forked child builds its own SDK client, with its own connection pool, on first use).
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
}

struct Shared {
    service: &'static Service,
    config: Config,
    /// See `with_max_concurrent_calls`.
    max_in_flight: Option<usize>,
    connected: PerProcess<Connected>,
    /// Set by `in_regions`: the regions of each endpoint and the client that calls it.
    fan_out: Option<Vec<(Vec<String>, Client)>>,
}

/// What a client holds per process: the SDK client (its connection pool is bound to the process's
/// I/O runtime) and the call limit (a permit held by a call in flight at fork time never returns).
struct Connected {
    sdk: SdkClient,
    /// Where its credentials come from, for credential errors.
    source: Source,
    in_flight: Option<Semaphore>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.shared.service.name)
            .field("config", &self.shared.config)
            .field("max_in_flight", &self.shared.max_in_flight)
            .finish()
    }
}

/// A successful call's output (a structure value) and its response metadata.
#[derive(Debug, Clone)]
pub struct Response {
    pub output: Value,
    pub meta: ResponseMeta,
    /// For a client from `in_regions`: each region and its result (regions sharing an endpoint
    /// share one call's); `output` is then `Null`. Each binding turns it into `{region: result}`.
    pub by_region: Vec<(String, Response)>,
}

impl Response {
    pub fn new(output: Value, meta: ResponseMeta) -> Response {
        Response { output, meta, by_region: Vec::new() }
    }
}

impl Client {
    /// A client of `service` (its name, `iam`, or SDK id, `IAM`): resolves the configuration (the
    /// AWS chain for anything not given) and builds the service's SDK client.
    pub async fn connect(service: &str, config: &Config) -> Result<Client, Error> {
        let service = schema::service(service).ok_or_else(|| unknown_service(service))?;
        let built = Box::pin(build(service, config)).await?;
        Ok(Client::from_parts(service, config.clone(), config.max_concurrent_calls, Some(built)))
    }

    fn from_parts(service: &'static Service, config: Config, max_in_flight: Option<usize>, built: Option<(SdkClient, Source)>) -> Client {
        let shared = Shared { service, config, max_in_flight, connected: PerProcess::new(), fan_out: None };
        if let Some((sdk, source)) = built {
            shared.connected.set(Connected { sdk, source, in_flight: max_in_flight.map(Semaphore::new) });
        }
        Client { shared: Arc::new(shared) }
    }

    /// A client that builds its SDK client on its first call (no I/O now): a rebuilt copy.
    pub(crate) fn lazy(service: &'static Service, config: Config, max_in_flight: Option<usize>) -> Client {
        Client::from_parts(service, config, max_in_flight, None)
    }

    /// Equal for a client and its clones (and every copy rebuilt from one description in one
    /// process): what tests and caches compare.
    pub fn identity(&self) -> usize {
        Arc::as_ptr(&self.shared) as usize
    }

    pub(crate) fn config(&self) -> &Config {
        &self.shared.config
    }

    pub(crate) fn max_in_flight(&self) -> Option<usize> {
        self.shared.max_in_flight
    }

    /// At most `n` calls of this client (and its clones) in flight; the others wait their turn.
    /// An event-loop binding can start thousands of calls at once, and as many connections would
    /// overwhelm the endpoint (the JS v3 SDK caps its sockets at 50 for the same reason).
    pub fn with_max_concurrent_calls(self, n: usize) -> Self {
        let built = self.shared.connected.get().map(|c| (c.sdk.clone(), c.source.clone()));
        Client::from_parts(self.shared.service, self.shared.config.clone(), Some(n.max(1)), built)
    }

    /// A client whose every call runs in each of `regions` (or `["*"]`: every region of this
    /// client's partition) and returns `{region: result}` (`Response::by_region`). Regions that
    /// the service's endpoint resolver sends to the same endpoint share one call: IAM has one
    /// endpoint per partition, so a key created "in every region" is one key. Unknown region
    /// names are a validation error, found before anything is sent. An entry may be a
    /// comma-separated list.
    pub async fn in_regions(&self, regions: &[String]) -> Result<Client, Error> {
        if self.shared.fan_out.is_some() {
            return Err(Error::bad_value("regions", "this client already runs in several regions; call in_regions on the client it came from"));
        }
        let own = match &self.shared.config.region {
            Some(r) => Some(r.clone()),
            None => Box::pin(self.shared.config.resolve()).await?.0.region().map(|r| r.to_string()),
        };
        // Each entry may itself be a comma-separated list ("us-east-1,eu-west-2"), as the automation
        // tool and the CLI take them.
        let regions: Vec<String> = regions.iter().flat_map(|r| crate::regions::parse_list(r)).collect();
        let groups = crate::regions::group(self.shared.service, &regions, own.as_deref()).await?;
        let mut fan_out = Vec::new();
        for members in groups {
            let mut config = self.shared.config.clone();
            config.region = members.first().cloned();
            fan_out.push((members, Client::from_parts(self.shared.service, config, self.shared.max_in_flight, None)));
        }
        let shared = Shared {
            service: self.shared.service,
            config: self.shared.config.clone(),
            max_in_flight: self.shared.max_in_flight,
            connected: PerProcess::new(),
            fan_out: Some(fan_out),
        };
        Ok(Client { shared: Arc::new(shared) })
    }

    pub fn in_regions_blocking(&self, regions: &[String]) -> Result<Client, Error> {
        crate::runtime::block_on(self.in_regions(regions))?
    }

    /// The regions a client from `in_regions` calls, in order; empty for a plain client.
    pub fn regions(&self) -> Vec<String> {
        self.shared.fan_out.iter().flatten().flat_map(|(members, _)| members.iter().cloned()).collect()
    }

    /// Where this client's calls go, as boto3's `client.meta` tells it: the region and the endpoint
    /// URL (the option, `AWS_ENDPOINT_URL`, else the service's own for the region). Resolves the
    /// configuration; sends nothing.
    pub async fn endpoint(&self) -> Result<(String, String), Error> {
        let (shared, _) = Box::pin(self.shared.config.resolve()).await?;
        let config = &self.shared.config;
        let region = config
            .region
            .clone()
            .or_else(|| shared.region().map(|r| r.to_string()))
            .unwrap_or_else(|| crate::config::DEFAULT_REGION.to_string());
        let url = match config.endpoint_url.clone().or_else(|| shared.endpoint_url().map(str::to_string)) {
            Some(url) => url,
            None => crate::generated::default_endpoint(self.shared.service, &region).await?,
        };
        Ok((region, url))
    }

    /// Builds a client from the shared runtime; for bindings whose calls block (Python, R).
    pub fn connect_blocking(service: &str, config: &Config) -> Result<Client, Error> {
        crate::runtime::block_on(Client::connect(service, config))?
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static Service {
        self.shared.service
    }

    /// This process's SDK client and call limit, built here on first use after a fork.
    async fn connected(&self) -> Result<&Connected, Error> {
        if let Some(c) = self.shared.connected.get() {
            return Ok(c);
        }
        // Boxed: resolving the AWS configuration is a very large future, and every call's future
        // would otherwise carry it (a debug build overflowed a 2 MiB stack when calls nest).
        let (sdk, source) = Box::pin(build(self.shared.service, &self.shared.config)).await?;
        let (connected, _lost) = self.shared.connected.set(Connected { sdk, source, in_flight: self.shared.max_in_flight.map(Semaphore::new) });
        Ok(connected)
    }

    /// The typed entry point for Rust: this process's SDK client (e.g. `aws_sdk_iam::Client` for
    /// an `iam` client; asking for another service's is a configuration error), configured as every
    /// polyiam call is (credentials, region and endpoint resolution, timeouts) and with polyiam's
    /// retry rule: reads are retried after transient failures, writes only when the failure came
    /// before IAM could act (throttling, a refused connection), so no write is ever applied twice.
    /// Validation, the value tree and response metadata are `Client::call`'s; typed calls get the
    /// SDK's own types and errors.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let config = polyiam_core::Config { endpoint_url: Some("http://127.0.0.1:5000".into()), ..Default::default() };
    /// let iam: aws_sdk_iam::Client = polyiam_core::Client::connect("iam", &config).await?.sdk().await?;
    /// let key = iam.create_access_key().user_name("Bob").send().await?;
    /// println!("{:?}", key.access_key().map(|k| k.access_key_id()));
    /// # Ok(()) }
    /// ```
    pub async fn sdk<C: TryFrom<SdkClient>>(&self) -> Result<C, Error> {
        let sdk = self.connected().await?.sdk.clone();
        C::try_from(sdk).map_err(|_| {
            Error::config(format!(
                "this is a {} client; its SDK client is {}",
                self.shared.service.name,
                crate::generated::sdk_client_type(self.shared.service)
            ))
        })
    }

    /// Calls `operation` (its Smithy name, e.g. `CreateAccessKey`) with `input`.
    pub async fn call(&self, operation: &str, input: &Map) -> Result<Response, Error> {
        self.call_until(operation, input, std::future::pending()).await
    }

    /// Like [`Client::call`], but gives up as soon as `cancel` completes (an interrupt, an abort
    /// signal, a cancelled task): the request in flight is dropped, never retried, and the call
    /// fails with an [`ErrorKind::Cancelled`] error, whose `outcome_unknown` says whether a request
    /// that changes something had already been sent.
    pub async fn call_until(&self, operation: &str, input: &Map, cancel: impl Future<Output = ()>) -> Result<Response, Error> {
        self.call_inner(operation, input, cancel, self.shared.config.raw_response).await
    }

    /// The parsed result whatever `raw_response` says: what polyiam's own operations build on.
    /// Boxed, so an operation that makes several calls carries pointers, not their futures.
    pub(crate) async fn call_parsed(&self, operation: &str, input: &Map) -> Result<Response, Error> {
        Box::pin(self.call_inner(operation, input, std::future::pending(), false)).await
    }

    /// Whether AWS operations return the raw response body (the `raw_response` option).
    pub fn raw_response(&self) -> bool {
        self.shared.config.raw_response
    }

    async fn call_inner(&self, operation: &str, input: &Map, cancel: impl Future<Output = ()>, raw: bool) -> Result<Response, Error> {
        let op = self.shared.service.operation(operation).ok_or_else(|| unknown_operation(self.shared.service, operation))?;
        if let Some(groups) = &self.shared.fan_out {
            return fan_out(op, groups, input, cancel).await;
        }
        validated(op, input)?;
        if op.extension {
            // polyiam's own operation: its calls of the service's operations record their own metadata.
            return tokio::select! {
                biased;
                () = cancel => Err(Error::cancelled(op, ResponseMeta { requests_sent: 1, ..ResponseMeta::default() })),
                // Boxed: an extension calls back into `call`.
                result = Box::pin(crate::generated::extension(self, op.name, input)) => result.map_err(|e| if e.operation.is_none() { e.for_operation(op.name) } else { e }),
            };
        }
        let recorder = meta::Recorder::new(raw);
        let work = async {
            let connected = self.connected().await?;
            let _permit = match &connected.in_flight {
                Some(limit) => Some(limit.acquire().await.map_err(|_| Error::internal("the client's call limit was closed"))?),
                None => None,
            };
            recorder.scope(crate::generated::dispatch(&connected.sdk, op.name, input)).await
        };
        let (result, meta) = until_cancelled(&recorder, cancel, work).await;
        match result {
            None => Err(Error::cancelled(op, meta)),
            Some(Ok(_)) if meta.truncated_body => {
                let status = meta.http_status;
                let mut meta = meta;
                // The service answered, so it acted; what it said is lost.
                meta.outcome_unknown = !op.retry_safe;
                Err(Error {
                    http_status: status,
                    fault: crate::schema::Fault::Server,
                    ..Error::new(ErrorKind::Response, "TruncatedResponse", "the response body was cut off before its end")
                }
                .with_call(op.name, meta))
            }
            Some(Ok(_)) if raw => {
                // `raw_response`: the body as the service sent it, with the usual metadata.
                let mut meta = meta;
                let body = meta.raw_body.take().unwrap_or_default();
                Ok(Response::new(Value::Map(Map::from_iter([("Body".to_string(), Value::String(body))])), meta))
            }
            Some(Ok(output)) => Ok(Response::new(output, meta)),
            Some(Err(e)) => Err(self.explained(e).with_call(op.name, meta)),
        }
    }

    /// Waits with one of the service's waiters (`UserExists`, or `user_exists`): polls its
    /// operation with `input`, backing off between the model's delays, until the resource is in the
    /// awaited state (the last poll's result) or `max_wait` has passed (a `Waiter` error). Built on
    /// the smithy-rs waiters; `cancel` gives up at once, as in [`Client::call_until`].
    pub async fn wait_until(&self, waiter: &str, input: &Map, max_wait: std::time::Duration, cancel: impl Future<Output = ()>) -> Result<Response, Error> {
        let service = self.shared.service;
        let w = service.waiter(waiter).ok_or_else(|| {
            let known: Vec<&str> = service.waiters.iter().map(|w| w.name).collect();
            Error::bad_value("", format!("{} has no waiter {waiter:?}; its waiters: {}", service.name, if known.is_empty() { "none".to_string() } else { known.join(", ") }))
        })?;
        let op = service.operation(w.operation).ok_or_else(|| Error::internal(format!("waiter {} polls unknown operation {}", w.name, w.operation)))?;
        if self.shared.fan_out.is_some() {
            return Err(Error::bad_value("", "a client from in_regions cannot wait; wait with a client of one region"));
        }
        validated(op, input)?;
        let recorder = meta::Recorder::new(false);
        let work = async {
            let connected = self.connected().await?;
            recorder.scope(Box::pin(crate::generated::wait(&connected.sdk, w.name, input, max_wait))).await
        };
        let (result, meta) = until_cancelled(&recorder, cancel, work).await;
        match result {
            None => Err(Error::cancelled(op, meta)),
            Some(Ok(output)) => Ok(Response::new(output, meta)),
            Some(Err(e)) => Err(self.explained(e).with_call(op.name, meta)),
        }
    }

    /// A credentials error named in the user's terms (the profile, its source, what to do).
    fn explained(&self, err: Error) -> Error {
        match self.shared.connected.get() {
            Some(c) => c.source.explain(err),
            None => err,
        }
    }

    pub fn call_blocking(&self, operation: &str, input: &Map) -> Result<Response, Error> {
        crate::runtime::block_on(self.call(operation, input))?
    }
}

/// `input` checked against `op`'s input shape: every problem at once, before anything is sent.
fn validated(op: &'static schema::Operation, input: &Map) -> Result<(), Error> {
    let issues = validate::input(op, input);
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error { operation: Some(op.name), ..Error::validation(op.name, issues) })
    }
}

/// Runs `work` unless `cancel` completes first (`cancel` is polled first: a call cancelled before
/// it starts sends nothing); its outcome (`None`: cancelled) and the metadata `recorder` saw.
async fn until_cancelled<T>(recorder: &meta::Recorder, cancel: impl Future<Output = ()>, work: impl Future<Output = T>) -> (Option<T>, ResponseMeta) {
    let result = tokio::select! {
        biased;
        () = cancel => None,
        result = work => Some(result),
    };
    (result, recorder.finish())
}

/// One call per endpoint group, in order; each region gets its group's result. A failure stops
/// there, and its error says which regions had already succeeded (their results are not returned).
async fn fan_out(
    op: &'static schema::Operation,
    groups: &[(Vec<String>, Client)],
    input: &Map,
    cancel: impl Future<Output = ()>,
) -> Result<Response, Error> {
    let work = async {
        let mut by_region: Vec<(String, Response)> = Vec::new();
        for (members, client) in groups {
            let response = Box::pin(client.call(op.name, input)).await.map_err(|mut e| {
                // The regions of the groups before this one (calls run one after another).
                let done: Vec<&str> = by_region.iter().map(|(region, _)| region.as_str()).collect();
                if !done.is_empty() {
                    let first = e.outcome_note().map(|n| format!("{n}; ")).unwrap_or_default();
                    e.reconciled = Some(format!("{first}it failed for {}, after succeeding for {}", members.join(", "), done.join(", ")));
                }
                e
            })?;
            for region in members {
                by_region.push((region.clone(), response.clone()));
            }
        }
        Ok(Response { output: Value::Null, meta: ResponseMeta::default(), by_region })
    };
    tokio::select! {
        biased;
        () = cancel => Err(Error::cancelled(op, ResponseMeta { requests_sent: 1, ..ResponseMeta::default() })),
        result = work => result,
    }
}

/// This process's SDK client of `service`.
async fn build(service: &'static Service, config: &Config) -> Result<(SdkClient, Source), Error> {
    let (shared, settings) = config.resolve().await?;
    Ok((crate::generated::build(service, &shared, &settings)?, settings.source))
}

fn unknown_operation(service: &Service, name: &str) -> Error {
    let known: Vec<&str> = service.operations.iter().map(|o| o.name).collect();
    Error::new(
        ErrorKind::Validation,
        "UnknownOperation",
        format!("unknown {} operation {name:?}; known operations: {}", service.name, known.join(", ")),
    )
}

fn unknown_service(name: &str) -> Error {
    let known: Vec<&str> = schema::services().iter().map(|s| s.name).collect();
    Error::config(format!("polyiam has no service {name:?}; it has: {}", known.join(", ")))
}
