//! Retries that cannot apply a request twice.
//!
//! smithy-rs's standard retry treats timeouts, I/O errors and 5xx answers as transient for every
//! operation, idempotent or not: a CreateAccessKey whose response was lost would be sent again and
//! create a second key (or hit the 2-keys quota). For operations the model does not mark
//! `@idempotent` or `@readonly`, [`NoDuplicateSideEffects`] keeps only the retries of failures known
//! to happen before the service acted (throttling, a refused connection) and forbids the rest; the
//! call then fails with an error saying its outcome is unknown (see `Error::with_call`).
//!
//! It is an interceptor, not a retry classifier, because it must know the operation (a classifier
//! sees only the attempt): after each attempt, and before the retry strategy decides, it reads the
//! operation from the metadata the SDK keeps for every call, and forbids a retry by capping this
//! call's attempts at those already made. So the rule holds for every call the SDK client makes,
//! through `Client::call` or straight through the typed client `Client::sdk` returns.

use crate::meta;
use aws_smithy_runtime_api::client::interceptors::context::FinalizerInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::retries::classifiers::RetryAction;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_runtime::client::retries::classifiers::run_classifiers_on_ctx;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::classifiers::RetryReason;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_types::retry::ErrorKind;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug)]
pub(crate) struct NoDuplicateSideEffects;

impl Intercept for NoDuplicateSideEffects {
    fn name(&self) -> &'static str {
        "polyiam::NoDuplicateSideEffects"
    }

    fn modify_before_attempt_completion(
        &self,
        ctx: &mut FinalizerInterceptorContextMut<'_>,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = ctx.inner();
        // An operation the SDK did not name is treated as a write: never resent after it may have acted.
        let retry_safe = cfg.load::<Metadata>().is_some_and(|m| crate::schema::retry_safe(m.service(), m.name()));
        if retry_safe || !attempt.is_failed() {
            return Ok(());
        }
        let verdict = run_classifiers_on_ctx(rc.retry_classifiers(), attempt);
        let throttled = matches!(verdict, RetryAction::RetryIndicated(RetryReason::RetryableError { kind: ErrorKind::ThrottlingError, .. }));
        if !verdict.should_retry() || throttled || connection_refused(attempt) {
            return Ok(());
        }
        // Forbid the retry: the strategy reads the retry config before each retry, and stops when
        // the attempts made reach its maximum.
        let made = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
        let capped = cfg.load::<RetryConfig>().cloned().unwrap_or_else(RetryConfig::standard).with_max_attempts(made.max(1));
        cfg.interceptor_state().store_put(capped);
        meta::mark_outcome_unknown();
        Ok(())
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
