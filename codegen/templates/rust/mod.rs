{{ header }}

//! Glue generated from model/: one module per service (schema tables, SDK client builder, operation
//! calls, value conversions), the list of services, and the one enum of their SDK clients.
{% for s in services %}
pub(crate) mod {{ s.slug }};
{%- endfor %}

use crate::config::Settings;
use crate::error::Error;
use crate::schema::Service;
use crate::value::{Map, Value};

pub(crate) static SERVICES: &[&Service] = &[{% for s in services %}&{{ s.slug }}::SERVICE{% if !loop.last %}, {% endif %}{% endfor %}];

/// The smithy-rs SDK client of one service; `Client::sdk` hands it out as the typed client
/// (`let iam: aws_sdk_iam::Client = client.sdk().await?`).
#[derive(Clone, Debug)]
pub enum SdkClient {
{%- for s in services %}
    {{ s.variant }}({{ s.sdk }}::Client),
{%- endfor %}
}

/// The SDK client of `service`, built from the resolved shared configuration.
pub(crate) fn build(service: &Service, shared: &aws_config::SdkConfig, settings: &Settings) -> Result<SdkClient, Error> {
    match service.name {
{%- for s in services %}
        "{{ s.slug }}" => Ok(SdkClient::{{ s.variant }}({{ s.slug }}::build(shared, settings))),
{%- endfor %}
        other => Err(Error::internal(format!("service {other} has no generated SDK client"))),
    }
}

/// The Rust type of `service`'s SDK client, for messages.
pub(crate) fn sdk_client_type(service: &Service) -> &'static str {
    match service.name {
{%- for s in services %}
        "{{ s.slug }}" => "{{ s.sdk }}::Client",
{%- endfor %}
        _ => "unknown",
    }
}

/// The endpoint `service`'s resolver gives `region`, without overrides.
pub(crate) async fn default_endpoint(service: &Service, region: &str) -> Result<String, Error> {
    match service.name {
{%- for s in services %}
        "{{ s.slug }}" => {{ s.slug }}::default_endpoint(region).await,
{%- endfor %}
        other => Err(Error::internal(format!("service {other} has no generated endpoint resolver"))),
    }
}

/// Runs `waiter` of the client's service; `input` has been validated.
pub(crate) async fn wait(client: &SdkClient, waiter: &str, input: &Map, max_wait: std::time::Duration) -> Result<Value, Error> {
    match client {
{%- for s in services %}
        SdkClient::{{ s.variant }}(c) => {{ s.slug }}::ops::wait(c, waiter, input, max_wait).await,
{%- endfor %}
    }
}

/// Calls `operation` on the client's service; `input` has been validated.
pub(crate) async fn dispatch(client: &SdkClient, operation: &str, input: &Map) -> Result<Value, Error> {
    match client {
{%- for s in services %}
        SdkClient::{{ s.variant }}(c) => {{ s.slug }}::ops::dispatch(c, operation, input).await,
{%- endfor %}
    }
}

/// Runs one of polyiam's own operations (model/polyiam.json), implemented by hand once in
/// core/src/ext/ on top of the service's operations; `input` has been validated.
#[allow(unused_variables)]
pub(crate) async fn extension(client: &crate::Client, operation: &str, input: &Map) -> Result<crate::Response, Error> {
    match (client.service().name, operation) {
{%- for s in services %}{% for (op, f) in s.extensions %}
        ("{{ s.slug }}", "{{ op }}") => crate::ext::{{ f }}(client, input).await,
{%- endfor %}{% endfor %}
        (service, other) => Err(Error::internal(format!("{service} operation {other} is not one of polyiam's own"))),
    }
}
{% for s in services %}
impl TryFrom<SdkClient> for {{ s.sdk }}::Client {
    type Error = SdkClient;

    #[allow(unreachable_patterns)]
    fn try_from(client: SdkClient) -> Result<Self, SdkClient> {
        match client {
            SdkClient::{{ s.variant }}(c) => Ok(c),
            other => Err(other),
        }
    }
}
{% endfor -%}
