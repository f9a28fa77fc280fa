//! Per-call response metadata (status, headers, request id, attempts) for boto3's `ResponseMetadata`
//! and the JS SDK's `$metadata`.
//!
//! One client-level interceptor records into a task-local slot that `Client::call` scopes around
//! each call: cheaper than a per-call interceptor, which would rebuild the runtime plugins.

use aws_sdk_iam::config::interceptors::{BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef};
use aws_sdk_iam::config::{ConfigBag, Intercept, RuntimeComponents};
use std::sync::{Arc, Mutex};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseMeta {
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
    /// Header names in lower case, in the order received.
    pub http_headers: Vec<(String, String)>,
    /// Retries made (attempts - 1), as boto3's `RetryAttempts`.
    pub retry_attempts: u32,
    /// The URL of the last attempt, without query; used to name the endpoint in transport errors.
    pub endpoint: Option<String>,
}

#[derive(Default)]
struct Slot {
    attempts: u32,
    meta: ResponseMeta,
}

tokio::task_local! {
    static CALL: Arc<Mutex<Slot>>;
}

/// Runs `fut` with a fresh metadata slot and returns its output with what was recorded.
pub(crate) async fn capture<F: std::future::Future>(fut: F) -> (F::Output, ResponseMeta) {
    let slot = Arc::new(Mutex::new(Slot::default()));
    let out = CALL.scope(slot.clone(), fut).await;
    let mut slot = std::mem::take(&mut *slot.lock().unwrap_or_else(|p| p.into_inner()));
    slot.meta.retry_attempts = slot.attempts.saturating_sub(1);
    (out, slot.meta)
}

fn with_slot(f: impl FnOnce(&mut Slot)) {
    // Outside `capture` (e.g. a caller using the SDK client directly) there is nothing to record.
    let _ = CALL.try_with(|slot| f(&mut slot.lock().unwrap_or_else(|p| p.into_inner())));
}

#[derive(Debug)]
pub(crate) struct CaptureInterceptor;

impl Intercept for CaptureInterceptor {
    fn name(&self) -> &'static str {
        "polyiam::ResponseMetaCapture"
    }

    fn read_before_transmit(
        &self,
        ctx: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let uri = ctx.request().uri();
        let endpoint = uri.split('?').next().unwrap_or(uri).to_string();
        with_slot(|slot| {
            slot.attempts += 1;
            slot.meta.endpoint = Some(endpoint);
        });
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        ctx: &BeforeDeserializationInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = ctx.response();
        let headers: Vec<(String, String)> =
            response.headers().iter().map(|(k, v)| (k.to_ascii_lowercase(), v.to_string())).collect();
        let request_id = headers
            .iter()
            .find(|(k, _)| k == "x-amzn-requestid" || k == "x-amz-request-id")
            .map(|(_, v)| v.clone());
        with_slot(|slot| {
            slot.meta.http_status = Some(response.status().as_u16());
            slot.meta.http_headers = headers;
            slot.meta.request_id = request_id;
        });
        Ok(())
    }
}
