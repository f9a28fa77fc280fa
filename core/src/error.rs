//! One error type for every way a call can fail, carrying what each language's native error needs.

use crate::schema::{self, Fault};
use crate::validate::Issue;
use crate::value::{Map, Value};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_types::request_id::RequestId;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input, found before anything was sent.
    Validation,
    /// The service answered with an error (modelled or not).
    Service,
    /// The endpoint could not be reached or the connection broke.
    Transport,
    /// No connection within the connect timeout (nothing was sent).
    ConnectTimeout,
    /// No answer within the read timeout after the request was sent.
    ReadTimeout,
    /// The service answered, but the answer could not be understood.
    Response,
    /// The client could not be configured (bad endpoint, missing region, ...).
    Config,
    /// No credentials could be found, or a configured source of them failed (an SSO session to
    /// renew, a credential_process that exits non-zero, an assume-role that was refused).
    Credentials,
    /// A bug in polyiam: a panic or an impossible state, turned into an error at the boundary.
    Internal,
    /// The caller gave up: an interrupt (Ctrl-C), an abort signal or a cancelled task. The request
    /// in flight was dropped and not retried.
    Cancelled,
    /// A waiter gave up: the resource did not reach the awaited state within the maximum wait
    /// (or reached a failure state).
    Waiter,
}

impl ErrorKind {
    /// Every kind, in the order the generator's kind table (codegen/src/boundary.rs) lists them.
    pub const ALL: [ErrorKind; 11] = [
        ErrorKind::Validation,
        ErrorKind::Service,
        ErrorKind::Transport,
        ErrorKind::ConnectTimeout,
        ErrorKind::ReadTimeout,
        ErrorKind::Response,
        ErrorKind::Config,
        ErrorKind::Credentials,
        ErrorKind::Internal,
        ErrorKind::Cancelled,
        ErrorKind::Waiter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Service => "service",
            ErrorKind::Transport => "transport",
            ErrorKind::ConnectTimeout => "connect_timeout",
            ErrorKind::ReadTimeout => "read_timeout",
            ErrorKind::Response => "response",
            ErrorKind::Config => "config",
            ErrorKind::Credentials => "credentials",
            ErrorKind::Internal => "internal",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Waiter => "waiter",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    /// The operation being called, when there was one.
    pub operation: Option<&'static str>,
    /// The wire code (`NoSuchEntity`) for service errors; a polyiam code otherwise.
    pub code: String,
    /// The modelled error shape (`NoSuchEntityException`), when the code is a modelled one.
    pub shape: Option<&'static str>,
    pub message: String,
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
    pub http_headers: Vec<(String, String)>,
    pub fault: Fault,
    /// Retries made before giving up (attempts - 1).
    pub retry_attempts: u32,
    /// Milliseconds spent waiting between those attempts.
    pub total_retry_delay_ms: u64,
    /// For validation errors: every problem found.
    pub issues: Vec<Issue>,
    /// The request may have been applied: a failure after sending was not retried (see retry.rs).
    pub outcome_unknown: bool,
    /// What polyiam found out about the outcome afterwards (e.g. a rotation that listed the
    /// user's keys after a lost response); replaces the generic note.
    pub reconciled: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // IAM's answer (or, for a constraint it checks, the answer it would give) as botocore shows it;
        // a constraint error then lists each problem under the member names the caller wrote.
        match self.operation.filter(|_| self.kind == ErrorKind::Service || self.is_service_validation()) {
            Some(op) => {
                write!(f, "An error occurred ({}) when calling the {op} operation: {}", self.code, self.message)?;
                if self.kind == ErrorKind::Validation {
                    for issue in &self.issues {
                        write!(f, "\n  {issue}")?;
                    }
                }
            }
            None => f.write_str(&self.message)?,
        }
        match self.outcome_note() {
            Some(note) => write!(f, " ({note})"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    pub fn new(kind: ErrorKind, code: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind,
            operation: None,
            code: code.into(),
            shape: None,
            message: message.into(),
            request_id: None,
            http_status: None,
            http_headers: Vec::new(),
            fault: Fault::Client,
            retry_attempts: 0,
            total_retry_delay_ms: 0,
            issues: Vec::new(),
            outcome_unknown: false,
            reconciled: None,
        }
    }

    pub fn validation(operation: &str, issues: Vec<Issue>) -> Self {
        // Only constraints IAM itself checks (no missing, unknown or mistyped member, which botocore
        // refuses first): the error is also IAM's own answer, `ValidationError` (HTTP 400, Sender),
        // in its wording, as a client that sent the request would have received it.
        let sentences: Vec<&str> = issues.iter().filter_map(|i| i.aws.as_deref()).collect();
        if !issues.is_empty() && sentences.len() == issues.len() {
            let n = issues.len();
            let message = format!("{n} validation error{} detected: {}", if n == 1 { "" } else { "s" }, sentences.join("; "));
            return Error { issues, http_status: Some(400), ..Error::new(ErrorKind::Validation, "ValidationError", message) };
        }
        let mut message = format!("Parameter validation failed for {operation}:");
        for issue in &issues {
            message.push_str("\n  ");
            message.push_str(&issue.to_string());
        }
        Error { issues, ..Error::new(ErrorKind::Validation, "ParamValidation", message) }
    }

    /// A value a binding could not turn into the value tree (e.g. a Python object with no mapping).
    pub fn bad_value(path: &str, detail: impl fmt::Display) -> Self {
        Error::invalid(path, "type", detail)
    }

    /// A validation error that is also IAM's own `ValidationError` answer (see `Error::validation`).
    pub fn is_service_validation(&self) -> bool {
        self.kind == ErrorKind::Validation && self.code == "ValidationError"
    }

    /// One validation issue found by hand-written checks (the extension operations in `ext`), under
    /// one of the rules `validate::Issue` lists.
    pub fn invalid(path: &str, rule: &'static str, detail: impl fmt::Display) -> Self {
        let issue = Issue { path: path.to_string(), rule, detail: detail.to_string(), aws: None };
        let message = format!("Parameter validation failed:\n  {issue}");
        Error { issues: vec![issue], ..Error::new(ErrorKind::Validation, "ParamValidation", message) }
    }

    /// For a failure that may have happened after IAM acted: what that means and what to do.
    pub fn outcome_note(&self) -> Option<String> {
        if let Some(found) = &self.reconciled {
            return Some(found.clone());
        }
        let op = self.operation.filter(|_| self.outcome_unknown)?;
        Some(format!(
            "the outcome of {op} is unknown: the request may have reached IAM and been applied; it was not retried, \
             so it cannot have been applied twice; check the current state (for access keys: ListAccessKeys) before trying again"
        ))
    }

    /// A caught Rust panic, for the bindings' FFI guards: a panic must never unwind into a language runtime.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Error::internal(format!("polyiam internal error (a bug; please report it): {what}"))
    }

    /// A call given up by its caller (see `Client::call_until`). A request that changes something
    /// and had already been sent may have been applied: the outcome is unknown, and the message says so.
    pub(crate) fn cancelled(op: &'static schema::Operation, mut meta: crate::meta::ResponseMeta) -> Self {
        let sent = meta.requests_sent > 0;
        meta.outcome_unknown = sent && !op.retry_safe;
        let message = if sent {
            format!("the {} call was cancelled while its request was in flight; the request was dropped", op.name)
        } else {
            format!("the {} call was cancelled before its request was sent", op.name)
        };
        Error::new(ErrorKind::Cancelled, "RequestCancelled", message).with_call(op.name, meta)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error { fault: Fault::Server, ..Error::new(ErrorKind::Internal, "InternalError", message) }
    }

    pub fn config(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config, "InvalidConfiguration", message)
    }

    /// Maps any operation error of `service`'s SDK; the modelled shape is found from the wire code.
    pub fn from_sdk<E>(svc: &schema::Service, err: SdkError<E, HttpResponse>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        if let Some(failed) = crate::credentials::find_error(&err) {
            // Identity resolution failed before anything was sent: the configuration, not the network.
            return crate::credentials::error(failed);
        }
        let detail = chain(&err);
        match &err {
            SdkError::ServiceError(ctx) if ctx.err().code().is_none() => {
                // Not an IAM error document (a proxy's HTML page, an empty body, ...).
                let raw = ctx.raw();
                let content_type = raw.headers().get("content-type").unwrap_or("no content type");
                Error {
                    http_status: Some(raw.status().as_u16()),
                    fault: Fault::Server,
                    ..Error::new(
                        ErrorKind::Response,
                        "InvalidResponse",
                        format!("the endpoint answered HTTP {} ({content_type}) with a body that is not an IAM error", raw.status().as_u16()),
                    )
                }
            }
            SdkError::ServiceError(ctx) => {
                let service = ctx.err();
                let code = service.code().unwrap_or("Unknown").to_string();
                let shape = svc.error_for_code(&code);
                let fault = shape.and_then(|s| s.error).map(|e| e.fault);
                Error {
                    shape: shape.map(|s| s.name),
                    message: service.message().unwrap_or("").to_string(),
                    request_id: service.meta().request_id().map(str::to_string),
                    fault: fault.unwrap_or(Fault::Client),
                    ..Error::new(ErrorKind::Service, code, "")
                }
            }
            SdkError::TimeoutError(_) => Error::new(ErrorKind::ReadTimeout, "ReadTimeout", format!("the request timed out: {detail}")),
            // The HTTP client names the phase that timed out ("HTTP connect timeout occurred ...").
            SdkError::DispatchFailure(failure) if failure.is_timeout() && detail.contains("connect timeout") => {
                Error::new(ErrorKind::ConnectTimeout, "ConnectTimeout", format!("could not connect in time: {detail}"))
            }
            SdkError::DispatchFailure(failure) if failure.is_timeout() => {
                Error::new(ErrorKind::ReadTimeout, "ReadTimeout", format!("the request timed out: {detail}"))
            }
            // botocore's SSLError: the connection was made, but its certificate is not trusted.
            SdkError::DispatchFailure(_) if detail.contains("certificate") => Error::new(
                ErrorKind::Transport,
                "SSLError",
                format!("the endpoint's TLS certificate was refused: {detail} (trust its CA with a CA bundle: AWS_CA_BUNDLE, ca_bundle in the profile, or the client option)"),
            ),
            SdkError::DispatchFailure(_) => {
                Error::new(ErrorKind::Transport, "EndpointConnectionError", format!("could not reach the endpoint: {detail}"))
            }
            SdkError::ResponseError(_) => Error {
                fault: Fault::Server,
                ..Error::new(ErrorKind::Response, "InvalidResponse", format!("the response could not be read: {detail}"))
            },
            SdkError::ConstructionFailure(_) => Error::config(format!("the request could not be built: {detail}")),
            _ => Error::internal(detail),
        }
    }

    /// Maps a smithy-rs waiter's error: the last poll's own error for a failed operation, a
    /// `waiter` error when the wait ran out (or hit a failure state).
    pub fn from_waiter<O, E>(svc: &schema::Service, waiter: &str, err: aws_smithy_runtime_api::client::waiters::error::WaiterError<O, E>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        use aws_smithy_runtime_api::client::waiters::error::WaiterError;
        match err {
            WaiterError::OperationFailed(failed) => Error::from_sdk(svc, failed.into_error()),
            WaiterError::ExceededMaxWait(e) => Error::new(
                ErrorKind::Waiter,
                "WaiterTimeout",
                format!("Waiter {waiter} failed: Max wait time exceeded ({:.0} s, {} polls)", e.elapsed().as_secs_f64(), e.poll_count()),
            ),
            WaiterError::FailureState(_) => Error::new(ErrorKind::Waiter, "WaiterFailure", format!("Waiter {waiter} failed: Waiter encountered a terminal failure state")),
            WaiterError::ConstructionFailure(e) => Error::config(format!("waiter {waiter} could not start: {e:?}")),
            other => Error::internal(format!("waiter {waiter}: {other}")),
        }
    }

    /// Completes an error with what the call's metadata capture saw (status, headers, attempts,
    /// endpoint), so transport errors can name the endpoint they could not reach.
    pub(crate) fn with_call(mut self, op: &'static str, meta: crate::meta::ResponseMeta) -> Self {
        self.operation = Some(op);
        self.retry_attempts = meta.retry_attempts;
        self.total_retry_delay_ms = meta.total_retry_delay_ms;
        if self.http_status.is_none() {
            self.http_status = meta.http_status;
        }
        if self.request_id.is_none() {
            self.request_id = meta.request_id.clone();
        }
        if self.http_headers.is_empty() {
            self.http_headers = meta.http_headers;
        }
        if let (ErrorKind::Transport | ErrorKind::ConnectTimeout | ErrorKind::ReadTimeout, Some(url)) = (self.kind, &meta.endpoint) {
            self.message = format!("{} ({url})", self.message);
        }
        if self.kind == ErrorKind::Service && self.shape.is_none() && self.http_status.is_some_and(|s| s >= 500) {
            self.fault = Fault::Server;
        }
        self.outcome_unknown = meta.outcome_unknown;
        self
    }
}

impl Error {
    /// Names the operation a boundary conversion error belongs to.
    pub fn for_operation(mut self, operation: &str) -> Self {
        self.operation = crate::schema::any_operation(operation).map(|o| o.name);
        if self.kind == ErrorKind::Validation && self.message.starts_with("Parameter validation failed:") {
            self.message = self.message.replacen("Parameter validation failed:", &format!("Parameter validation failed for {operation}:"), 1);
        }
        self
    }
}

/// What crosses the language boundary for an error: every field, under the same snake_case names in
/// every binding (absent ones `Null`), for each binding's one generic value converter. Secrets are
/// never in an error: messages are built from codes, paths and rules, never from sensitive values.
impl Error {
    pub fn to_value(&self) -> Value {
        let opt = |s: Option<&str>| s.map_or(Value::Null, |s| Value::String(s.to_string()));
        let issues = self
            .issues
            .iter()
            .map(|i| {
                let mut m = Map::new();
                m.insert("path".into(), Value::String(i.path.clone()));
                m.insert("rule".into(), Value::String(i.rule.to_string()));
                m.insert("detail".into(), Value::String(i.detail.clone()));
                Value::Map(m)
            })
            .collect();
        let fields: [(&str, Value); 15] = [
            ("kind", Value::String(self.kind.as_str().into())),
            ("code", Value::String(self.code.clone())),
            ("shape", opt(self.shape)),
            ("message", Value::String(self.message.clone())),
            ("display", Value::String(self.to_string())),
            ("operation", opt(self.operation)),
            ("request_id", opt(self.request_id.as_deref())),
            ("http_status", self.http_status.map_or(Value::Null, |s| Value::Integer(i64::from(s)))),
            ("http_headers", Value::Map(crate::meta::join_headers(&self.http_headers))),
            ("fault", Value::String(self.fault.as_str().into())),
            ("retry_attempts", Value::Integer(i64::from(self.retry_attempts))),
            ("total_retry_delay_ms", Value::Integer(i64::try_from(self.total_retry_delay_ms).unwrap_or(i64::MAX))),
            ("outcome_unknown", Value::Bool(self.outcome_unknown)),
            ("outcome_note", opt(self.outcome_note().as_deref())),
            ("issues", Value::List(issues)),
        ];
        Value::Map(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }
}

/// An error and its sources, `Display`ed and joined ("dispatch failure: io error: ...: Connection
/// refused"), without the `Debug` dump the SDK's `DisplayErrorContext` appends.
pub(crate) fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.last().is_some_and(|last| last.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}
