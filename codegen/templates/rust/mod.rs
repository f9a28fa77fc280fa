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

/// Calls `operation` on the client's service; `input` has been validated.
pub(crate) async fn dispatch(client: &SdkClient, operation: &str, input: &Map) -> Result<Value, Error> {
    match client {
{%- for s in services %}
        SdkClient::{{ s.variant }}(c) => {{ s.slug }}::ops::dispatch(c, operation, input).await,
{%- endfor %}
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
