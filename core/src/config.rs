//! Client configuration. Anything left unset falls back to aws-config's standard chain: the AWS_*
//! environment (incl. AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_IAM), shared config/credentials files and
//! profiles, web identity, ECS and instance metadata.

use crate::error::Error;
use crate::meta::CaptureInterceptor;
use aws_config::BehaviorVersion;
use aws_sdk_iam::config::{Credentials, Region};
use std::fmt;
use std::time::Duration;

/// IAM is a global service signed for us-east-1 in the aws partition; boto3 and the JS SDK use that
/// when no region is configured, so do we.
const GLOBAL_REGION: &str = "us-east-1";

/// boto3's defaults; the SDK has no read timeout at all, so a silent server would hang a call forever.
const DEFAULT_CONNECT_TIMEOUT: f64 = 10.0;
const DEFAULT_READ_TIMEOUT: f64 = 60.0;

#[derive(Clone, Default)]
pub struct Config {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub credentials: Option<StaticCredentials>,
    /// Total attempts per call, retries included (the SDK's default is 3).
    pub max_attempts: Option<u32>,
    /// Seconds to establish a connection (default 10, boto3's connect_timeout).
    pub connect_timeout: Option<f64>,
    /// Seconds to wait for a response once the request is sent (default 60, boto3's read_timeout).
    pub read_timeout: Option<f64>,
}

#[derive(Clone)]
pub struct StaticCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl fmt::Debug for StaticCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .finish()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("profile", &self.profile)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("max_attempts", &self.max_attempts)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .finish()
    }
}

impl Config {
    /// Checks what can be checked without I/O, so a bad config fails at construction.
    pub fn check(&self) -> Result<(), Error> {
        if let Some(url) = &self.endpoint_url {
            let ok = (url.starts_with("http://") || url.starts_with("https://")) && url.len() > "http://".len();
            if !ok {
                return Err(Error::config(format!("endpoint_url must be an http:// or https:// URL, got {url:?}")));
            }
        }
        if let Some(c) = &self.credentials {
            if c.access_key_id.is_empty() || c.secret_access_key.is_empty() {
                return Err(Error::config("explicit credentials need both an access key id and a secret access key"));
            }
        }
        if self.max_attempts == Some(0) {
            return Err(Error::config("max_attempts must be at least 1"));
        }
        for (name, t) in [("connect_timeout", self.connect_timeout), ("read_timeout", self.read_timeout)] {
            if t.is_some_and(|t| !(t.is_finite() && t > 0.0 && t < 86_400.0)) {
                return Err(Error::config(format!("{name} must be a number of seconds above 0 and below a day")));
            }
        }
        Ok(())
    }

    /// Resolves the configuration and builds the SDK client (once per polyiam client).
    pub async fn build_sdk_client(&self) -> Result<aws_sdk_iam::Client, Error> {
        self.check()?;
        let https = aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(https);
        if let Some(profile) = &self.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &self.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(url) = &self.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        if let Some(c) = &self.credentials {
            loader = loader.credentials_provider(Credentials::new(
                c.access_key_id.clone(),
                c.secret_access_key.clone(),
                c.session_token.clone(),
                None,
                "polyiam-config",
            ));
        }
        let shared = loader.load().await;
        let timeouts = aws_sdk_iam::config::timeout::TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs_f64(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT)))
            .read_timeout(Duration::from_secs_f64(self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT)))
            .build();
        let mut builder = aws_sdk_iam::config::Builder::from(&shared)
            .interceptor(CaptureInterceptor)
            .interceptor(crate::retry::NoDuplicateSideEffects)
            .timeout_config(timeouts);
        if shared.region().is_none() {
            builder = builder.region(Region::new(GLOBAL_REGION));
        }
        if let Some(n) = self.max_attempts {
            let retry = shared.retry_config().cloned().unwrap_or_else(aws_sdk_iam::config::retry::RetryConfig::standard).with_max_attempts(n);
            builder = builder.retry_config(retry);
        }
        Ok(aws_sdk_iam::Client::from_conf(builder.build()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let cfg = Config {
            credentials: Some(StaticCredentials {
                access_key_id: "AKIDEXAMPLE".into(),
                secret_access_key: "wJalrXUtnFEMI".into(),
                session_token: Some("FwoGZXIvYXdzE".into()),
            }),
            ..Config::default()
        };
        let shown = format!("{cfg:?} {cfg:#?}");
        assert!(shown.contains("AKIDEXAMPLE"));
        assert!(!shown.contains("wJalrXUtnFEMI") && !shown.contains("FwoGZXIvYXdzE"), "{shown}");
    }

    #[test]
    fn rejects_bad_endpoint_and_half_credentials() {
        let bad = Config { endpoint_url: Some("localhost:5000".into()), ..Config::default() };
        assert!(bad.check().unwrap_err().message.contains("endpoint_url"));
        let half = Config {
            credentials: Some(StaticCredentials { access_key_id: "A".into(), secret_access_key: String::new(), session_token: None }),
            ..Config::default()
        };
        assert!(half.check().is_err());
    }
}
