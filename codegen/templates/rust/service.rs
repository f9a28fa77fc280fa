{{ header }}

//! The {{ title }} service ({{ sdk }}): its schema tables, operation calls, value conversions and
//! the builder of its SDK client.

pub(crate) mod ops;
pub(crate) mod schema;
mod shapes;

use crate::config::{Settings, DEFAULT_REGION};

pub(crate) static SERVICE: crate::schema::Service = crate::schema::Service {
    name: "{{ slug }}",
    sdk_id: "{{ sdk_id }}",
    title: "{{ title }}",
    operations: schema::OPERATIONS,
    shapes: schema::SHAPES,
    waiters: schema::WAITERS,
};

/// The service's SDK client from the shared configuration, with what polyiam adds to every client:
/// response-metadata capture, the no-duplicate retry rule, timeouts, retries, the default region.
pub(crate) fn build(shared: &aws_config::SdkConfig, settings: &Settings) -> {{ sdk }}::Client {
    let mut builder = {{ sdk }}::config::Builder::from(shared)
        .interceptor(crate::meta::CaptureInterceptor)
        .interceptor(crate::retry::NoDuplicateSideEffects)
        .timeout_config(settings.timeouts.clone());
    if shared.region().is_none() {
        builder = builder.region(aws_config::Region::new(DEFAULT_REGION));
    }
    if let Some(retry) = &settings.retry {
        builder = builder.retry_config(retry.clone());
    }
    {{ sdk }}::Client::from_conf(builder.build())
}

/// The endpoint the service's own resolver gives `region` (ignoring any endpoint override): regions
/// with the same one are served by one call (`Client::in_regions`).
pub(crate) async fn default_endpoint(region: &str) -> Result<String, crate::error::Error> {
    use {{ sdk }}::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
    let bad = |e: &dyn std::fmt::Display| crate::error::Error::bad_value("regions", format!("{region:?} has no {{ sdk_id }} endpoint: {e}"));
    let params = Params::builder().region(region).build().map_err(|e| bad(&e))?;
    let endpoint = DefaultResolver::new().resolve_endpoint(&params).await.map_err(|e| bad(&e))?;
    Ok(endpoint.url().to_string())
}
