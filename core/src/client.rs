//! The client every binding wraps: validate, call through the generated glue, capture metadata.

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::meta::{self, ResponseMeta};
use crate::schema;
use crate::validate;
use crate::value::{Map, Value};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// One configured IAM client; cheap to clone and safe to share between threads.
#[derive(Clone, Debug)]
pub struct Client {
    sdk: aws_sdk_iam::Client,
    /// Bounds the calls in flight (see `with_max_concurrent_calls`); shared by clones.
    in_flight: Option<Arc<Semaphore>>,
}

/// A successful call's output (a structure value) and its response metadata.
#[derive(Debug, Clone)]
pub struct Response {
    pub output: Value,
    pub meta: ResponseMeta,
}

impl Client {
    pub async fn connect(config: &Config) -> Result<Client, Error> {
        Ok(Client { sdk: config.build_sdk_client().await?, in_flight: None })
    }

    /// At most `n` calls of this client (and its clones) in flight; the others wait their turn.
    /// An event-loop binding can start thousands of calls at once, and as many connections would
    /// overwhelm the endpoint (the JS v3 SDK caps its sockets at 50 for the same reason).
    pub fn with_max_concurrent_calls(mut self, n: usize) -> Self {
        self.in_flight = Some(Arc::new(Semaphore::new(n.max(1))));
        self
    }

    /// Builds a client from the shared runtime; for bindings whose calls block (Python, R).
    pub fn connect_blocking(config: &Config) -> Result<Client, Error> {
        crate::runtime::block_on(Client::connect(config))?
    }

    /// The underlying aws-sdk-iam client, for callers that need an SDK feature polyiam does not bind.
    pub fn sdk(&self) -> &aws_sdk_iam::Client {
        &self.sdk
    }

    /// Calls `operation` (its Smithy name, e.g. `CreateAccessKey`) with `input`.
    pub async fn call(&self, operation: &str, input: &Map) -> Result<Response, Error> {
        let op = schema::operation(operation).ok_or_else(|| unknown_operation(operation))?;
        let issues = validate::input(op, input);
        if !issues.is_empty() {
            return Err(Error { operation: Some(op.name), ..Error::validation(op.name, issues) });
        }
        let _permit = match &self.in_flight {
            Some(limit) => Some(limit.acquire().await.map_err(|_| Error::internal("the client's call limit was closed"))?),
            None => None,
        };
        let (result, meta) = meta::capture(op.retry_safe, crate::generated::ops::dispatch(&self.sdk, op.name, input)).await;
        match result {
            Ok(_) if meta.truncated_body => {
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
            Ok(output) => Ok(Response { output, meta }),
            Err(e) => Err(e.with_call(op.name, meta)),
        }
    }

    pub fn call_blocking(&self, operation: &str, input: &Map) -> Result<Response, Error> {
        crate::runtime::block_on(self.call(operation, input))?
    }
}

fn unknown_operation(name: &str) -> Error {
    let known: Vec<&str> = schema::operations().iter().map(|o| o.name).collect();
    Error::new(
        ErrorKind::Validation,
        "UnknownOperation",
        format!("unknown operation {name:?}; known operations: {}", known.join(", ")),
    )
}
