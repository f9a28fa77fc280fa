//! What the native benchmarks (src/main.rs, src/bin/throughput.rs) share.

use aws_config::BehaviorVersion;
use aws_sdk_iam::config::{Credentials, Region};

/// aws-sdk-iam with the HTTP client polyiam's core uses (the crate is built without its default
/// client), dummy credentials, us-east-1 and `endpoint`.
pub async fn native_client(endpoint: &str) -> aws_sdk_iam::Client {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let shared = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "bench"))
        .load()
        .await;
    aws_sdk_iam::Client::new(&shared)
}
