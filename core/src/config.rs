//! Client configuration. Anything left unset falls back to aws-config's standard chain: the AWS_*
//! environment (incl. AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_IAM), shared config/credentials files and
//! profiles, web identity, ECS and instance metadata.

use crate::error::Error;
use crate::value::{Map, Value};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use std::fmt;
use std::time::Duration;

/// The region when none is configured: global services (IAM, STS's global endpoint) are signed for
/// us-east-1 in the aws partition; boto3 and the JS SDK use it then, so do we.
pub(crate) const DEFAULT_REGION: &str = "us-east-1";

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
    /// Calls of one client in flight at once (see `Client::with_max_concurrent_calls`); no cap by default.
    pub max_concurrent_calls: Option<usize>,
    /// AWS operations return the response body untouched (`{"Body": xml}`) instead of the parsed
    /// result, as an automation tool's "disable XML to JSON" switch does; errors are unchanged.
    pub raw_response: bool,
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
            .field("max_concurrent_calls", &self.max_concurrent_calls)
            .field("raw_response", &self.raw_response)
            .finish()
    }
}

/// The option names `Config::from_value` reads: model/options.json's `name`s.
pub const OPTION_NAMES: &[&str] = &[
    "region",
    "endpoint_url",
    "profile",
    "access_key_id",
    "secret_access_key",
    "session_token",
    "max_attempts",
    "max_retries",
    "connect_timeout",
    "read_timeout",
    "max_concurrent_calls",
    "raw_response",
];

impl Config {
    /// A configuration from the options a binding collected (model/options.json's names; `Null`
    /// means not given), checked. `shown` gives an option's name in the caller's language for
    /// messages (`maxAttempts` in Node), so errors speak the user's terms.
    pub fn from_value(options: &Map, shown: &dyn Fn(&str) -> String) -> Result<Config, Error> {
        for key in options.keys() {
            if !OPTION_NAMES.contains(&key.as_str()) {
                return Err(Error::config(format!("unknown client option {}", shown(key))));
            }
        }
        let given = |name: &str| options.get(name).filter(|v| !matches!(v, Value::Null));
        let string = |name: &str| -> Result<Option<String>, Error> {
            match given(name) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(v) => Err(Error::config(format!("{} must be a string, got {}", shown(name), v.type_name()))),
            }
        };
        let number = |name: &str| -> Result<Option<f64>, Error> {
            match given(name) {
                None => Ok(None),
                Some(Value::Integer(i)) => Ok(Some(*i as f64)),
                Some(Value::Float(x)) => Ok(Some(*x)),
                Some(v) => Err(Error::config(format!("{} must be a number, got {}", shown(name), v.type_name()))),
            }
        };
        let flag = |name: &str| -> Result<bool, Error> {
            match given(name) {
                None => Ok(false),
                Some(Value::Bool(b)) => Ok(*b),
                Some(v) => Err(Error::config(format!("{} must be true or false, got {}", shown(name), v.type_name()))),
            }
        };
        let whole = |name: &str, min: i64, max: i64| -> Result<Option<i64>, Error> {
            let Some(x) = number(name)? else { return Ok(None) };
            if x.fract() != 0.0 || x < min as f64 || x > max as f64 {
                return Err(Error::config(format!("{} must be a whole number from {min} to {max}", shown(name))));
            }
            Ok(Some(x as i64))
        };
        let credentials = match (string("access_key_id")?, string("secret_access_key")?) {
            (None, None) if given("session_token").is_none() => None,
            (Some(access_key_id), Some(secret_access_key)) => {
                Some(StaticCredentials { access_key_id, secret_access_key, session_token: string("session_token")? })
            }
            _ => {
                return Err(Error::config(format!(
                    "explicit credentials need both {} and {} (or neither)",
                    shown("access_key_id"),
                    shown("secret_access_key")
                )))
            }
        };
        let max_attempts = match (whole("max_attempts", 1, 100)?, whole("max_retries", 0, 99)?) {
            (Some(_), Some(_)) => {
                return Err(Error::config(format!("give {} or {}, not both", shown("max_attempts"), shown("max_retries"))))
            }
            (attempts, retries) => attempts.or(retries.map(|r| r + 1)).map(|n| n as u32),
        };
        let config = Config {
            region: string("region")?,
            profile: string("profile")?,
            endpoint_url: string("endpoint_url")?,
            credentials,
            max_attempts,
            connect_timeout: number("connect_timeout")?,
            read_timeout: number("read_timeout")?,
            max_concurrent_calls: whole("max_concurrent_calls", 1, 1 << 20)?.map(|n| n as usize),
            raw_response: flag("raw_response")?,
        };
        config.check_named(shown)?;
        Ok(config)
    }

    /// Checks what can be checked without I/O, so a bad config fails at construction.
    pub fn check(&self) -> Result<(), Error> {
        self.check_named(&|name: &str| name.to_string())
    }

    fn check_named(&self, shown: &dyn Fn(&str) -> String) -> Result<(), Error> {
        if let Some(url) = &self.endpoint_url {
            let ok = (url.starts_with("http://") || url.starts_with("https://")) && url.len() > "http://".len();
            if !ok {
                return Err(Error::config(format!("{} must be an http:// or https:// URL, got {url:?}", shown("endpoint_url"))));
            }
        }
        if let Some(c) = &self.credentials {
            if c.access_key_id.is_empty() || c.secret_access_key.is_empty() {
                return Err(Error::config(format!(
                    "explicit credentials need both {} and {} (or neither)",
                    shown("access_key_id"),
                    shown("secret_access_key")
                )));
            }
        }
        if self.max_attempts == Some(0) {
            return Err(Error::config(format!("{} must be at least 1", shown("max_attempts"))));
        }
        if self.max_concurrent_calls == Some(0) {
            return Err(Error::config(format!("{} must be at least 1", shown("max_concurrent_calls"))));
        }
        for (name, t) in [("connect_timeout", self.connect_timeout), ("read_timeout", self.read_timeout)] {
            if t.is_some_and(|t| !(t.is_finite() && t > 0.0 && t < 86_400.0)) {
                return Err(Error::config(format!("{} must be a number of seconds above 0 and below a day", shown(name))));
            }
        }
        Ok(())
    }

    /// Resolves the configuration (the AWS chain for anything not given): what every service's
    /// generated builder (`generated/<service>/mod.rs`) makes its SDK client from.
    pub(crate) async fn resolve(&self) -> Result<(SdkConfig, Settings), Error> {
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
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs_f64(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT)))
            .read_timeout(Duration::from_secs_f64(self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT)))
            .build();
        let retry = self.max_attempts.map(|n| shared.retry_config().cloned().unwrap_or_else(RetryConfig::standard).with_max_attempts(n));
        Ok((shared, Settings { timeouts, retry }))
    }
}

/// What polyiam adds to the shared SDK configuration of every service's client (applied by the
/// generated builder, with the interceptors of `meta.rs` and `retry.rs` and `DEFAULT_REGION`).
pub(crate) struct Settings {
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) retry: Option<RetryConfig>,
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

    fn options(pairs: &[(&str, Value)]) -> Map {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn from_value_reads_every_option_and_names_them_the_callers_way() {
        let shown = |n: &str| format!("<{n}>");
        let c = Config::from_value(
            &options(&[
                ("region", Value::String("eu-west-1".into())),
                ("access_key_id", Value::String("AKID".into())),
                ("secret_access_key", Value::String("s3cr3t".into())),
                ("max_retries", Value::Float(1.0)),
                ("read_timeout", Value::Integer(5)),
                ("max_concurrent_calls", Value::Integer(7)),
                ("profile", Value::Null),
            ]),
            &shown,
        )
        .expect("config");
        assert_eq!(c.region.as_deref(), Some("eu-west-1"));
        assert_eq!((c.max_attempts, c.read_timeout, c.max_concurrent_calls), (Some(2), Some(5.0), Some(7)));
        assert!(c.profile.is_none());
        let err = |pairs: &[(&str, Value)]| Config::from_value(&options(pairs), &shown).unwrap_err().message;
        assert!(err(&[("access_key_id", Value::String("A".into()))]).contains("<secret_access_key>"));
        assert!(err(&[("max_attempts", Value::Float(1.5))]).contains("<max_attempts> must be a whole number"));
        assert!(err(&[("region", Value::Integer(1))]).contains("<region> must be a string"));
        assert!(err(&[("bogus", Value::Null)]).contains("unknown client option <bogus>"));
        assert!(err(&[("max_attempts", Value::Integer(2)), ("max_retries", Value::Integer(1))]).contains("not both"));
        assert!(!err(&[("secret_access_key", Value::String("s3cr3t".into()))]).contains("s3cr3t"));
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
