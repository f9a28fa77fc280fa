//! Client configuration. Anything left unset falls back to aws-config's standard chain: the AWS_*
//! environment (incl. AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_IAM, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE),
//! shared config/credentials files and profiles (static keys, SSO, credential_process, login
//! sessions, assume-role), web identity, ECS/EKS containers and instance metadata. Proxies and CA
//! bundles are the HTTP client's (http.rs).

use crate::credentials::{self, Source};
use crate::error::Error;
use crate::http::{HttpSettings, Proxies};
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
    /// Proxies for http:// and https:// endpoints (botocore's `proxies`); else the environment's.
    pub proxies: Option<Proxies>,
    /// A PEM file of the CAs to trust instead of the system's (botocore's `verify=PATH`); else
    /// `AWS_CA_BUNDLE`, else the profile's `ca_bundle`.
    pub ca_bundle: Option<String>,
    /// `standard` or `adaptive` (smithy-rs's retry modes); else `AWS_RETRY_MODE` / the profile's.
    pub retry_mode: Option<RetryMode>,
    /// paws's credential order: keys in the environment win over a named profile (boto3 and the
    /// JS SDK let a named profile win; the R binding sets this).
    pub env_credentials_first: bool,
    /// Credentials written in code travel with the client's portable description (portable.rs);
    /// off by default, so a copy never carries a secret silently.
    pub serialize_credentials: bool,
    /// A provider in the host language (Node's `credentials: async () => ...`), used instead of the chain.
    pub credentials_provider: Option<std::sync::Arc<dyn credentials::HostProvider>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryMode {
    Standard,
    Adaptive,
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
            .field("proxies", &self.proxies.as_ref().map(|_| "** set **"))
            .field("ca_bundle", &self.ca_bundle)
            .field("retry_mode", &self.retry_mode)
            .field("env_credentials_first", &self.env_credentials_first)
            .field("serialize_credentials", &self.serialize_credentials)
            .field("credentials_provider", &self.credentials_provider.as_ref().map(|_| "host provider"))
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
    "proxies",
    "ca_bundle",
    "verify",
    "retry_mode",
    "env_credentials_first",
    "serialize_credentials",
    "botocore_config",
];

/// botocore `Config` attributes (and `retries` keys) and the option each one is; `config=` gives
/// them (a `Config`'s user-provided options, or a dict of the same keys).
const BOTOCORE_CONFIG: &[(&str, &str)] = &[
    ("region_name", "region"),
    ("connect_timeout", "connect_timeout"),
    ("read_timeout", "read_timeout"),
    ("max_pool_connections", "max_concurrent_calls"),
    ("proxies", "proxies"),
    ("retries.total_max_attempts", "max_attempts"),
    // botocore's retries.max_attempts counts retries, not the first attempt.
    ("retries.max_attempts", "max_retries"),
    ("retries.mode", "retry_mode"),
];

/// botocore `Config` attributes that change nothing for polyiam's calls, accepted and ignored so
/// code written for boto3 runs unchanged: identification strings, S3/endpoint-discovery switches,
/// connection tuning the SDK does its own way, and validation (polyiam always validates).
const BOTOCORE_IGNORED: &[&str] = &[
    "user_agent",
    "user_agent_extra",
    "user_agent_appid",
    "parameter_validation",
    "tcp_keepalive",
    "s3",
    "inject_host_prefix",
    "endpoint_discovery_enabled",
    "request_min_compression_size_bytes",
    "disable_request_compression",
    "retries.max_backoff",
    "defaults_mode",
    "account_id_endpoint_mode",
    "request_checksum_calculation",
    "response_checksum_validation",
    "sigv4a_signing_region_set",
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
        // botocore's Config first; options given by name win over it (boto3: region_name= beats
        // Config(region_name=...)).
        let mut merged = match options.get("botocore_config") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Map(config)) => from_botocore(config, &shown("botocore_config"))?,
            Some(v) => return Err(Error::config(format!("{} must be a botocore Config or a dict, got {}", shown("botocore_config"), v.type_name()))),
        };
        for (key, value) in options {
            if key != "botocore_config" && !matches!(value, Value::Null) {
                merged.insert(key.clone(), value.clone());
            }
        }
        // A total attempt count (keyword, or botocore's total_max_attempts) wins over botocore's retry count.
        if merged.contains_key("max_attempts") && options.get("max_retries").is_none_or(|v| matches!(v, Value::Null)) {
            merged.shift_remove("max_retries");
        }
        let options = &merged;
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
            proxies: proxies(given("proxies"), &shown("proxies"))?,
            ca_bundle: match (string("ca_bundle")?, given("verify")) {
                (Some(_), Some(_)) => return Err(Error::config(format!("give {} or {}, not both", shown("ca_bundle"), shown("verify")))),
                (path, None) => path,
                (_, Some(Value::String(path))) => Some(path.clone()),
                (_, Some(Value::Bool(true))) => None,
                (_, Some(Value::Bool(false))) => return Err(verify_off_refused(&shown("verify"))),
                (_, Some(v)) => return Err(Error::config(format!("{} must be true or a CA bundle path, got {}", shown("verify"), v.type_name()))),
            },
            retry_mode: match string("retry_mode")?.as_deref() {
                None => None,
                Some("standard") => Some(RetryMode::Standard),
                Some("adaptive") => Some(RetryMode::Adaptive),
                // botocore's "legacy" is its old pre-standard mode; smithy-rs has none.
                Some(other) => return Err(Error::config(format!("{} must be \"standard\" or \"adaptive\", got {other:?}", shown("retry_mode")))),
            },
            env_credentials_first: flag("env_credentials_first")?,
            serialize_credentials: flag("serialize_credentials")?,
            credentials_provider: None,
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
        let env = aws_types::os_shim_internal::Env::real();
        let profiles = credentials::load_profiles(&env, self.profile.as_deref()).await?;
        let http = HttpSettings::new(self.proxies.as_ref(), self.endpoint_is_http(&env), self.ca_bundle_path(&env, &profiles).as_ref().map(|(p, from)| (p.as_str(), from.as_str())))?.client()?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http.clone());
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
        if let (None, Some(provider)) = (&self.credentials, &self.credentials_provider) {
            loader = loader.credentials_provider(credentials::FromHost(provider.clone()));
        }
        let mut shared = loader.load().await;
        // A named profile wins over keys in the environment (boto3, the JS SDK); aws-config's
        // default chain reads the environment first, so the chain is built without it.
        let profile_first = self.credentials.is_none() && self.credentials_provider.is_none() && !self.env_credentials_first && self.profile.is_some();
        if let (true, Some(profile)) = (profile_first, &self.profile) {
            let provider = credentials::profile_first(profile, http, shared.region().cloned());
            shared = shared.into_builder().credentials_provider(provider).build();
        }
        let source = if self.credentials.is_some() || self.credentials_provider.is_some() { Source::default() } else { Source::of(&profiles, &env, !profile_first) };
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs_f64(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT)))
            .read_timeout(Duration::from_secs_f64(self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT)))
            .build();
        Ok((shared.clone(), Settings { timeouts, retry: self.retry_config(&shared), source }))
    }

    /// The retry configuration when an option changes it: the mode and attempts given, the rest
    /// from the environment or profile (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS, retry_mode, max_attempts).
    fn retry_config(&self, shared: &SdkConfig) -> Option<RetryConfig> {
        if self.max_attempts.is_none() && self.retry_mode.is_none() {
            return None;
        }
        let base = shared.retry_config().cloned().unwrap_or_else(RetryConfig::standard);
        let config = match self.retry_mode {
            Some(RetryMode::Standard) => RetryConfig::standard().with_max_attempts(base.max_attempts()),
            Some(RetryMode::Adaptive) => RetryConfig::adaptive().with_max_attempts(base.max_attempts()),
            None => base,
        };
        Some(match self.max_attempts {
            Some(n) => config.with_max_attempts(n),
            None => config,
        })
    }

    /// The CA bundle to trust and where it was configured: the option, `AWS_CA_BUNDLE`, the profile.
    fn ca_bundle_path(&self, env: &aws_types::os_shim_internal::Env, profiles: &aws_config::profile::ProfileSet) -> Option<(String, String)> {
        if let Some(path) = &self.ca_bundle {
            return Some((path.clone(), "the ca_bundle client option".into()));
        }
        if let Some(path) = env.get("AWS_CA_BUNDLE").ok().filter(|p| !p.is_empty()) {
            return Some((path, "AWS_CA_BUNDLE".into()));
        }
        let name = profiles.selected_profile();
        let path = profiles.get_profile(name)?.get("ca_bundle")?;
        Some((path.to_string(), format!("ca_bundle of profile {name}")))
    }

    /// Whether the endpoint is plain http (which of two differing `proxies` applies).
    fn endpoint_is_http(&self, env: &aws_types::os_shim_internal::Env) -> bool {
        let url = self.endpoint_url.clone().or_else(|| env.get("AWS_ENDPOINT_URL").ok());
        url.is_some_and(|u| u.starts_with("http://"))
    }
}

/// The answer to turning certificate checks off (`verify=False`, `--no-verify-ssl`): smithy-rs's
/// HTTP client has no such switch, and a client that trusts any server would hand credentials to
/// whoever intercepts the connection; trusting the server's CA does what users want.
pub fn verify_off_refused(shown: &str) -> Error {
    Error::config(format!(
        "{shown} would turn certificate checks off, which polyiam does not do; trust the server's CA instead \
         (a PEM file of it: the ca_bundle / verify=PATH client option, AWS_CA_BUNDLE, or ca_bundle in the profile)"
    ))
}

/// The `proxies` option: `{"http": url, "https": url}` (either may be absent).
fn proxies(value: Option<&Value>, shown: &str) -> Result<Option<Proxies>, Error> {
    let Some(value) = value else { return Ok(None) };
    let Value::Map(map) = value else {
        return Err(Error::config(format!("{shown} must be a mapping like {{\"https\": \"http://proxy:3128\"}}, got {}", value.type_name())));
    };
    let mut out = Proxies::default();
    for (key, url) in map {
        let url = match url {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            v => return Err(Error::config(format!("{shown}[{key:?}] must be a URL string, got {}", v.type_name()))),
        };
        match key.as_str() {
            "http" => out.http = Some(url),
            "https" => out.https = Some(url),
            other => return Err(Error::config(format!("{shown} takes the keys \"http\" and \"https\", not {other:?}"))),
        }
    }
    Ok(Some(out))
}

/// botocore `Config` attributes as polyiam's options (`BOTOCORE_CONFIG`); attributes that would
/// change what a call does and that polyiam cannot honour are refused by name.
fn from_botocore(config: &Map, shown: &str) -> Result<Map, Error> {
    let mut flat: Vec<(String, &Value)> = Vec::new();
    for (key, value) in config {
        match (key.as_str(), value) {
            (_, Value::Null) => {}
            ("retries", Value::Map(retries)) => flat.extend(retries.iter().filter(|(_, v)| !matches!(v, Value::Null)).map(|(k, v)| (format!("retries.{k}"), v))),
            ("retries", v) => return Err(Error::config(format!("{shown}.retries must be a dict, got {}", v.type_name()))),
            // SigV4 is what IAM and STS take; any other signer would be refused by the service.
            ("signature_version", Value::String(v)) if v == "v4" => {}
            _ => flat.push((key.clone(), value)),
        }
    }
    let mut options = Map::new();
    for (key, value) in flat {
        if let Some((_, option)) = BOTOCORE_CONFIG.iter().find(|(attr, _)| *attr == key) {
            options.insert(option.to_string(), value.clone());
        } else if !BOTOCORE_IGNORED.contains(&key.as_str()) {
            let known: Vec<&str> = BOTOCORE_CONFIG.iter().map(|(attr, _)| *attr).collect();
            return Err(Error::config(format!(
                "{shown}: {key} is not supported by polyiam (supported: {}; ignored as they change nothing here: {})",
                known.join(", "),
                BOTOCORE_IGNORED.join(", ")
            )));
        }
    }
    // Both retries keys: `from_value` keeps total_max_attempts (botocore's rule), as for a keyword max_attempts.
    Ok(options)
}

/// What polyiam adds to the shared SDK configuration of every service's client (applied by the
/// generated builder, with the interceptors of `meta.rs` and `retry.rs` and `DEFAULT_REGION`).
pub(crate) struct Settings {
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) retry: Option<RetryConfig>,
    /// Where the credentials come from, for errors (kept by the client, not used by the builder).
    pub(crate) source: Source,
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
    fn botocore_config_maps_to_options_and_named_options_win() {
        let shown = |n: &str| n.to_string();
        let retries = Value::Map(options(&[("max_attempts", Value::Integer(4)), ("mode", Value::String("adaptive".into()))]));
        let botocore = Value::Map(options(&[
            ("region_name", Value::String("eu-west-1".into())),
            ("read_timeout", Value::Integer(5)),
            ("retries", retries),
            ("user_agent_extra", Value::String("ignored".into())),
            ("proxies", Value::Map(options(&[("https", Value::String("http://proxy:3128".into()))]))),
        ]));
        let c = Config::from_value(&options(&[("botocore_config", botocore.clone()), ("region", Value::String("us-west-2".into()))]), &shown).expect("config");
        assert_eq!(c.region.as_deref(), Some("us-west-2"), "the keyword argument wins");
        assert_eq!((c.max_attempts, c.read_timeout, c.retry_mode), (Some(5), Some(5.0), Some(RetryMode::Adaptive)), "botocore's max_attempts counts retries");
        assert_eq!(c.proxies, Some(Proxies { http: None, https: Some("http://proxy:3128".into()) }));
        let total = Value::Map(options(&[("retries", Value::Map(options(&[("total_max_attempts", Value::Integer(2)), ("max_attempts", Value::Integer(9))])))]));
        assert_eq!(Config::from_value(&options(&[("botocore_config", total)]), &shown).expect("total").max_attempts, Some(2));
        let err = |pairs: &[(&str, Value)]| Config::from_value(&options(pairs), &shown).unwrap_err().message;
        assert!(err(&[("botocore_config", Value::Map(options(&[("client_cert", Value::String("c.pem".into()))])))]).contains("client_cert is not supported"));
        assert!(err(&[("retry_mode", Value::String("legacy".into()))]).contains("\"standard\" or \"adaptive\""));
        assert!(err(&[("verify", Value::Bool(false))]).contains("certificate checks off"));
        assert!(err(&[("proxies", Value::Map(options(&[("ftp", Value::String("x".into()))])))]).contains("\"ftp\""));
        let path = Config::from_value(&options(&[("verify", Value::String("/ca.pem".into()))]), &shown).expect("verify path");
        assert_eq!(path.ca_bundle.as_deref(), Some("/ca.pem"));
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
