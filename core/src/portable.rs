//! A client's portable description (issue 20): what a copy of a client in another process (a
//! pickle, an R `serialize()`, a Node worker's message) needs to rebuild it. It holds the options
//! that are not secret, where credentials come from (`chain`, `profile` or `code`) and a format
//! version. It never holds resolved credentials, SSO tokens or session tokens.
//!
//! Rebuilding does no I/O: the SDK client is built on the first call, so the worker resolves
//! credentials from its own environment, files, web identity, container or instance metadata.
//! Rebuilding is cached: one client per description per process. A forked child still builds its
//! own SDK client on first use, as every client does.
//!
//! Credentials written in code travel only when `serialize_credentials` is on. Otherwise
//! `describe` refuses, so a copy never carries a secret silently and never switches to another
//! identity silently.

use crate::client::Client;
use crate::config::{Config, RetryMode};
use crate::error::Error;
use crate::schema::{self, Service};
use crate::value::{Map, Value};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The description's format; a reader refuses a newer one instead of guessing.
pub const FORMAT: i64 = 1;
/// The key that marks a map as a polyiam client's description (its value is the format).
pub const MARK: &str = "polyiam_client";

/// Where a described client gets its credentials.
fn credentials_source(config: &Config) -> &'static str {
    if config.credentials.is_some() || config.credentials_provider.is_some() {
        "code"
    } else if config.profile.is_some() {
        "profile"
    } else {
        "chain"
    }
}

/// A proxy URL with a user name or password in it (`http://user:pass@proxy:3128`) is a secret too.
fn has_userinfo(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().is_some_and(|authority| authority.contains('@'))
}

impl Client {
    /// This client's portable description. `shown` gives an option's name in the caller's
    /// language, so a refusal names the caller's opt-in (`serialize_credentials=True`,
    /// `serializeCredentials: true`).
    pub fn describe(&self, shown: &dyn Fn(&str) -> String) -> Result<Map, Error> {
        describe(self.service(), self.config(), self.max_in_flight(), &self.regions(), shown)
    }

    /// The client a description describes: this process's, if one was rebuilt from the same
    /// description before; else a new one that does no I/O until its first call (a client in
    /// several regions groups its regions here).
    pub fn from_description(description: &Map) -> Result<Client, Error> {
        static CACHE: OnceLock<Mutex<HashMap<String, Client>>> = OnceLock::new();
        let key = key(description)?;
        let cache = CACHE.get_or_init(Default::default);
        if let Some(client) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(client.clone());
        }
        let client = rebuild(description)?;
        cache.lock().unwrap_or_else(|p| p.into_inner()).entry(key).or_insert(client.clone());
        Ok(client)
    }
}

/// The description of a client of `service` with `config` (see [`Client::describe`]); for a
/// binding that holds a configuration before it builds its client (Node connects on first call).
pub fn describe(service: &Service, config: &Config, max_in_flight: Option<usize>, regions: &[String], shown: &dyn Fn(&str) -> String) -> Result<Map, Error> {
    let source = credentials_source(config);
    let proxy_secret = config.proxies.as_ref().is_some_and(|p| [&p.http, &p.https].into_iter().flatten().any(|u| has_userinfo(u)));
    if config.credentials_provider.is_some() {
        return Err(Error::config(format!(
            "this client's credentials come from a provider function, which cannot travel to another process or thread: \
             give the workers a profile ({}) or AWS_* variables in their environment, and make the client there",
            shown("profile")
        )));
    }
    if (source == "code" || proxy_secret) && !config.serialize_credentials {
        let what = if source == "code" { "credentials were written in code" } else { "proxy URL holds a password" };
        return Err(Error::config(format!(
            "this client's {what}, and a copy would carry the secret (or quietly use other credentials). \
             Make the client with a profile ({}), or set AWS_* variables in the workers and leave the \
             credentials out; or opt in with the client option {}, which writes the secret into every copy \
             (pickle, RDS file, worker message)",
            shown("profile"),
            shown("serialize_credentials")
        )));
    }
    let mut options = Map::new();
    let mut put = |name: &str, value: Value| {
        options.insert(name.to_string(), value);
    };
    let text = |s: &Option<String>| s.clone().map(Value::String);
    for (name, value) in [("region", &config.region), ("endpoint_url", &config.endpoint_url), ("profile", &config.profile), ("ca_bundle", &config.ca_bundle)] {
        if let Some(v) = text(value) {
            put(name, v);
        }
    }
    if let Some(creds) = &config.credentials {
        // Only reached with serialize_credentials on (checked above).
        put("access_key_id", Value::String(creds.access_key_id.clone()));
        put("secret_access_key", Value::String(creds.secret_access_key.clone()));
        if let Some(token) = &creds.session_token {
            put("session_token", Value::String(token.clone()));
        }
    }
    if let Some(n) = config.max_attempts {
        put("max_attempts", Value::Integer(n.into()));
    }
    for (name, value) in [("connect_timeout", config.connect_timeout), ("read_timeout", config.read_timeout)] {
        if let Some(x) = value {
            put(name, Value::Float(x));
        }
    }
    if let Some(n) = max_in_flight.or(config.max_concurrent_calls) {
        put("max_concurrent_calls", Value::Integer(n as i64));
    }
    if let Some(p) = &config.proxies {
        let mut m = Map::new();
        for (scheme, url) in [("http", &p.http), ("https", &p.https)] {
            if let Some(u) = url {
                m.insert(scheme.to_string(), Value::String(u.clone()));
            }
        }
        put("proxies", Value::Map(m));
    }
    if let Some(mode) = config.retry_mode {
        put("retry_mode", Value::String(match mode { RetryMode::Standard => "standard", RetryMode::Adaptive => "adaptive" }.into()));
    }
    for (name, on) in [
        ("raw_response", config.raw_response),
        ("env_credentials_first", config.env_credentials_first),
        ("serialize_credentials", config.serialize_credentials),
    ] {
        if on {
            put(name, Value::Bool(true));
        }
    }
    let mut out = Map::new();
    out.insert(MARK.into(), Value::Integer(FORMAT));
    out.insert("service".into(), Value::String(service.name.to_string()));
    out.insert("credentials".into(), Value::String(source.into()));
    out.insert("options".into(), Value::Map(options));
    if !regions.is_empty() {
        out.insert("regions".into(), Value::List(regions.iter().cloned().map(Value::String).collect()));
    }
    Ok(out)
}

/// A description as one string: equal descriptions give equal keys (a binding's registry key).
pub fn key(description: &Map) -> Result<String, Error> {
    serde_json::to_string(description).map_err(|e| Error::config(format!("a client description that is not data: {e}")))
}

fn rebuild(d: &Map) -> Result<Client, Error> {
    let bad = |what: &str| Error::config(format!("not a polyiam client description: {what}"));
    match d.get(MARK) {
        Some(Value::Integer(FORMAT)) => {}
        Some(Value::Integer(n)) if *n > FORMAT => {
            return Err(Error::config(format!(
                "this client was described by a newer polyiam (format {n}); this one reads format {FORMAT}: use the same polyiam version in every process"
            )))
        }
        Some(Value::Float(x)) if *x == FORMAT as f64 => {} // R and JavaScript numbers are doubles
        _ => return Err(bad(&format!("no {MARK} format {FORMAT}"))),
    }
    let service = d.get("service").and_then(Value::as_str).ok_or_else(|| bad("no service"))?;
    let service = schema::service(service).ok_or_else(|| bad(&format!("unknown service {service:?}")))?;
    let options = match d.get("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Map(m)) => m.clone(),
        Some(_) => return Err(bad("options is not a mapping")),
    };
    let config = Config::from_value(&options, &|n: &str| n.to_string())?;
    let in_flight = config.max_concurrent_calls;
    let client = Client::lazy(service, config, in_flight);
    match d.get("regions") {
        None | Some(Value::Null) => Ok(client),
        Some(Value::List(regions)) => {
            let regions: Vec<String> = regions.iter().filter_map(|r| r.as_str().map(str::to_string)).collect();
            client.in_regions_blocking(&regions)
        }
        Some(_) => Err(bad("regions is not a list")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(options: &[(&str, Value)]) -> Client {
        let map: Map = options.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        Client::lazy(schema::service("iam").unwrap(), Config::from_value(&map, &|n: &str| n.to_string()).unwrap(), None)
    }

    #[test]
    fn a_description_round_trips_and_holds_no_secret_unless_asked() {
        let plain = client(&[("region", Value::String("eu-west-1".into())), ("profile", Value::String("dev".into())), ("read_timeout", Value::Float(5.0))]);
        let d = plain.describe(&|n: &str| n.to_string()).unwrap();
        assert_eq!(d.get("credentials").and_then(Value::as_str), Some("profile"));
        let again = Client::from_description(&d).unwrap();
        assert_eq!(again.describe(&|n: &str| n.to_string()).unwrap(), d);

        let keys = [("access_key_id", Value::String("AKIDSENTINEL".into())), ("secret_access_key", Value::String("SECRET-SENTINEL".into()))];
        let err = client(&keys).describe(&|n: &str| format!("<{n}>")).unwrap_err();
        assert!(err.to_string().contains("the client option <serialize_credentials>"), "{err}");
        let mut opted = keys.to_vec();
        opted.push(("serialize_credentials", Value::Bool(true)));
        let d = client(&opted).describe(&|n: &str| n.to_string()).unwrap();
        assert!(serde_json::to_string(&d).unwrap().contains("SECRET-SENTINEL"));
    }

    #[test]
    fn proxy_passwords_are_secrets() {
        assert!(has_userinfo("http://user:pw@proxy:3128"));
        assert!(!has_userinfo("http://proxy:3128/a@b"));
    }

    #[test]
    fn a_newer_format_is_refused() {
        let mut d = client(&[]).describe(&|n: &str| n.to_string()).unwrap();
        d.insert(MARK.into(), Value::Integer(FORMAT + 1));
        assert!(Client::from_description(&d).unwrap_err().to_string().contains("newer polyiam"));
    }
}
