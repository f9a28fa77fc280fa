//! Per-call response metadata (status, headers, request id, attempts) for boto3's `ResponseMetadata`
//! and the JS SDK's `$metadata`.
//!
//! One client-level interceptor records into a task-local slot that `Client::call` scopes around
//! each call: cheaper than a per-call interceptor, which would rebuild the runtime plugins.

use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use crate::value::{Map, Value};
use std::sync::{Arc, Mutex};
use std::time::Instant;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseMeta {
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
    /// Header names in lower case, in the order received.
    pub http_headers: Vec<(String, String)>,
    /// Retries made (attempts - 1), as boto3's `RetryAttempts`.
    pub retry_attempts: u32,
    /// Milliseconds spent waiting between attempts (the JS SDK's `totalRetryDelay`).
    pub total_retry_delay_ms: u64,
    /// The URL of the last attempt, without query; used to name the endpoint in transport errors.
    pub endpoint: Option<String>,
    /// A failure that may have happened after the service acted was not retried (see retry.rs).
    pub outcome_unknown: bool,
    /// A 2xx XML body that ends before its root element closes (the SDK's parser tolerates that).
    pub truncated_body: bool,
    /// Attempts that reached the point of sending (0: nothing left this process).
    pub requests_sent: u32,
    /// The last response's body as received, kept only for a client with `raw_response`.
    pub raw_body: Option<String>,
}

struct Slot {
    /// Keep the response body (`raw_response`).
    keep_body: bool,
    attempts: u32,
    /// When the previous attempt ended, to measure the back-off before the next one.
    last_attempt_end: Option<Instant>,
    meta: ResponseMeta,
}

tokio::task_local! {
    static CALL: Arc<Mutex<Slot>>;
}

/// Response headers as the peers show them: names as received (lower case), a repeated header's
/// values joined with ", " in order.
pub fn join_headers(pairs: &[(String, String)]) -> Map {
    let mut joined = Map::new();
    for (name, value) in pairs {
        match joined.get_mut(name) {
            Some(Value::String(prev)) => {
                prev.push_str(", ");
                prev.push_str(value);
            }
            _ => {
                joined.insert(name.clone(), Value::String(value.clone()));
            }
        }
    }
    joined
}

impl ResponseMeta {
    /// What crosses the language boundary for a response's metadata, under the same snake_case names
    /// in every binding; each maps them to its peer's names (boto3's `ResponseMetadata`, the JS
    /// SDK's `$metadata`).
    pub fn to_value(&self) -> Value {
        let fields: [(&str, Value); 5] = [
            ("request_id", self.request_id.clone().map_or(Value::Null, Value::String)),
            ("http_status", self.http_status.map_or(Value::Null, |s| Value::Integer(i64::from(s)))),
            ("http_headers", Value::Map(join_headers(&self.http_headers))),
            ("retry_attempts", Value::Integer(i64::from(self.retry_attempts))),
            ("total_retry_delay_ms", Value::Integer(i64::try_from(self.total_retry_delay_ms).unwrap_or(i64::MAX))),
        ];
        Value::Map(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }
}

/// Records one operation call's metadata: [`Recorder::scope`] runs the call with the recorder as
/// the current slot, [`Recorder::finish`] returns what was recorded (also after a cancelled call).
pub(crate) struct Recorder(Arc<Mutex<Slot>>);

impl Recorder {
    pub(crate) fn new(keep_body: bool) -> Self {
        Recorder(Arc::new(Mutex::new(Slot { keep_body, attempts: 0, last_attempt_end: None, meta: ResponseMeta::default() })))
    }

    pub(crate) async fn scope<F: std::future::Future>(&self, fut: F) -> F::Output {
        CALL.scope(self.0.clone(), fut).await
    }

    pub(crate) fn finish(&self) -> ResponseMeta {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let mut meta = std::mem::take(&mut slot.meta);
        meta.retry_attempts = slot.attempts.saturating_sub(1);
        meta.requests_sent = slot.attempts;
        meta
    }
}

fn with_slot<R>(f: impl FnOnce(&mut Slot) -> R) -> Option<R> {
    // Outside `capture` (e.g. a caller using the SDK client directly) there is nothing to record.
    CALL.try_with(|slot| f(&mut slot.lock().unwrap_or_else(|p| p.into_inner()))).ok()
}

pub(crate) fn mark_outcome_unknown() {
    with_slot(|slot| slot.meta.outcome_unknown = true);
}

#[derive(Debug)]
pub(crate) struct CaptureInterceptor;

impl Intercept for CaptureInterceptor {
    fn name(&self) -> &'static str {
        "polyiam::ResponseMetaCapture"
    }

    fn read_before_attempt(
        &self,
        _ctx: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        with_slot(|slot| {
            if let Some(end) = slot.last_attempt_end.take() {
                let waited = u64::try_from(end.elapsed().as_millis()).unwrap_or(u64::MAX);
                slot.meta.total_retry_delay_ms = slot.meta.total_retry_delay_ms.saturating_add(waited);
            }
        });
        Ok(())
    }

    fn read_after_attempt(
        &self,
        _ctx: &FinalizerInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        with_slot(|slot| slot.last_attempt_end = Some(Instant::now()));
        Ok(())
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

    fn read_after_deserialization(
        &self,
        ctx: &AfterDeserializationInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = ctx.response();
        if response.status().is_success() && response.body().bytes().is_some_and(|b| !xml_complete(b)) {
            with_slot(|slot| slot.meta.truncated_body = true);
        }
        with_slot(|slot| {
            if slot.keep_body {
                slot.meta.raw_body = response.body().bytes().map(|b| String::from_utf8_lossy(b).into_owned());
            }
        });
        Ok(())
    }
}

/// Whether an XML document's root element is closed at its end: `<A ...>...</A>` or `<A/>`.
/// Only a completeness check; parsing stays the SDK's.
fn xml_complete(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    let mut rest = text.trim();
    // Skip the XML declaration, comments and processing instructions before the root.
    while rest.starts_with("<?") || rest.starts_with("<!") {
        match rest.find('>') {
            Some(end) => rest = rest[end + 1..].trim_start(),
            None => return false,
        }
    }
    let Some(after_lt) = rest.strip_prefix('<') else { return rest.is_empty() };
    let name: String = after_lt.chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
    if name.is_empty() {
        return false;
    }
    rest.ends_with(&format!("</{name}>")) || (rest.ends_with("/>") && !rest[1..].contains('<'))
}

#[cfg(test)]
mod tests {
    use super::{join_headers, xml_complete};
    use crate::value::Value;

    #[test]
    fn repeated_headers_are_joined_in_order() {
        let pairs = [("a".to_string(), "1".to_string()), ("b".into(), "2".into()), ("a".into(), "3".into())];
        let joined = join_headers(&pairs);
        assert_eq!(joined.get("a"), Some(&Value::String("1, 3".into())));
        assert_eq!(joined.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn detects_cut_off_documents() {
        assert!(xml_complete(b"<?xml version=\"1.0\"?>\n<A xmlns=\"x\"><B>1</B></A>\n"));
        assert!(xml_complete(b"<A/>"));
        assert!(xml_complete(b""));
        assert!(!xml_complete(b"<A><B>1</B>"));
        assert!(!xml_complete(b"<A><B>Act"));
        assert!(!xml_complete(b"<A xmlns=\"x\"><B>1</B></A"));
    }
}
