//! Retries that cannot apply a request twice.
//!
//! smithy-rs's standard retry treats timeouts, I/O errors and 5xx answers as transient for every
//! operation, idempotent or not: a CreateAccessKey whose response was lost would be sent again and
//! create a second key (or hit the 2-keys quota). For operations the model does not mark
//! `@idempotent` or `@readonly`, this classifier keeps only the retries of failures known to happen
//! before the service acted (throttling, a refused connection) and forbids the rest; the call then
//! fails with an error saying its outcome is unknown (see `Error::with_call`).

use crate::meta;
use aws_sdk_iam::config::retry::{ClassifyRetry, RetryAction};
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{RetryClassifierPriority, RetryReason};
use aws_smithy_types::retry::ErrorKind;

#[derive(Debug)]
pub(crate) struct NoDuplicateSideEffects;

impl ClassifyRetry for NoDuplicateSideEffects {
    fn classify_retry(&self, _ctx: &InterceptorContext) -> RetryAction {
        RetryAction::NoActionIndicated
    }

    fn classify_retry_v2(&self, ctx: &InterceptorContext, previous: &RetryAction) -> RetryAction {
        if !previous.should_retry() || meta::current_call_retry_safe() {
            return RetryAction::NoActionIndicated;
        }
        let throttled = matches!(previous, RetryAction::RetryIndicated(RetryReason::RetryableError { kind: ErrorKind::ThrottlingError, .. }));
        if throttled || connection_refused(ctx) {
            return RetryAction::NoActionIndicated;
        }
        meta::mark_outcome_unknown();
        RetryAction::RetryForbidden
    }

    fn name(&self) -> &'static str {
        "polyiam::NoDuplicateSideEffects"
    }

    fn priority(&self) -> RetryClassifierPriority {
        // After every built-in classifier, so it sees (and can veto) their verdict.
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

/// The request never left: the connection itself was refused.
fn connection_refused(ctx: &InterceptorContext) -> bool {
    let Some(Err(err)) = ctx.output_or_error() else { return false };
    let Some(connector) = err.as_connector_error() else { return false };
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(connector);
    while let Some(e) = source {
        if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused) {
            return true;
        }
        source = e.source();
    }
    false
}
