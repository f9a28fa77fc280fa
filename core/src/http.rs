//! The one HTTP client of a polyiam client: every SDK client and every credential provider (SSO,
//! STS for assume-role, container, IMDS) sends through it, so proxies and trusted CAs apply to
//! credential fetches too. rustls with ring, like the rest of the tree.
//!
//! - Proxies: the `proxies` option (botocore's `Config(proxies=...)`), else the environment
//!   (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, lower-case forms too) as boto3 and the
//!   JS SDK read it. `NO_PROXY` applies to the option's proxies as well.
//! - Trusted CAs: a CA bundle (the `ca_bundle`/`verify` option, else `AWS_CA_BUNDLE`, else the
//!   profile's `ca_bundle`) *replaces* the system roots, as botocore's `verify=PATH` does; without
//!   one, the system's roots are trusted.

use crate::error::Error;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::Connector;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use std::path::Path;

/// botocore's `proxies` keys: the proxy for requests to http:// and to https:// endpoints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proxies {
    pub http: Option<String>,
    pub https: Option<String>,
}

/// What the HTTP client is built from, resolved (see `Config::resolve`).
pub(crate) struct HttpSettings {
    pub(crate) proxy: ProxyConfig,
    pub(crate) trust: TrustStore,
}

impl HttpSettings {
    /// `proxies` (the option, when given); `ca_bundle` (a path and where it was configured, when
    /// any) read and checked now, so a bad file is a configuration error at construction and never
    /// a panic inside the TLS stack.
    pub(crate) fn new(proxies: Option<&Proxies>, endpoint_is_http: bool, ca_bundle: Option<(&str, &str)>) -> Result<Self, Error> {
        let proxy = match proxies {
            None => ProxyConfig::from_env(),
            Some(p) => explicit_proxy(p, endpoint_is_http)?,
        };
        let trust = match ca_bundle {
            None => TrustStore::default(),
            Some((path, from)) => TrustStore::empty().with_pem_certificate(read_ca_bundle(Path::new(path), from)?),
        };
        Ok(HttpSettings { proxy, trust })
    }

    pub(crate) fn client(self) -> Result<SharedHttpClient, Error> {
        let tls = TlsContext::builder()
            .with_trust_store(self.trust)
            .build()
            .map_err(|e| Error::config(format!("the TLS settings cannot be used: {e}")))?;
        let proxy = self.proxy;
        // The builder's own `build_https` takes no proxy configuration; this is the same connector
        // with one (the SDK's timeouts and sleep come in through `settings` and `components`).
        Ok(aws_smithy_http_client::Builder::new().build_with_connector_fn(move |settings, components| {
            let mut builder = Connector::builder().tls_provider(tls::Provider::Rustls(CryptoMode::Ring));
            builder.set_connector_settings(settings.cloned());
            if let Some(components) = components {
                builder.set_sleep_impl(components.sleep_impl());
            }
            builder.proxy_config(proxy.clone()).tls_context(tls.clone()).build()
        }))
    }
}

/// The `proxies` option as one proxy configuration. The client's connector takes one proxy per
/// client, so where `http` and `https` differ the one for the endpoint's scheme is used (credential
/// fetches, always https, then go the same way).
fn explicit_proxy(p: &Proxies, endpoint_is_http: bool) -> Result<ProxyConfig, Error> {
    let bad = |key: &str, e: &dyn std::fmt::Display| Error::config(format!("proxies[{key:?}] is not a usable proxy URL: {e}"));
    let config = match (&p.http, &p.https) {
        (None, None) => return Ok(ProxyConfig::disabled()),
        (Some(h), Some(s)) if h == s => ProxyConfig::all(h.as_str()).map_err(|e| bad("https", &e))?,
        (Some(h), Some(_)) if endpoint_is_http => ProxyConfig::http(h.as_str()).map_err(|e| bad("http", &e))?,
        (_, Some(s)) => ProxyConfig::https(s.as_str()).map_err(|e| bad("https", &e))?,
        (Some(h), None) => ProxyConfig::http(h.as_str()).map_err(|e| bad("http", &e))?,
    };
    Ok(match no_proxy_from_env() {
        Some(rules) => config.no_proxy(rules),
        None => config,
    })
}

fn no_proxy_from_env() -> Option<String> {
    ["NO_PROXY", "no_proxy"].iter().find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
}

/// A CA bundle's bytes, checked the way the TLS stack will use them: at least one PEM certificate,
/// each one usable as a trust anchor. `shown` names where the path came from, for the message.
fn read_ca_bundle(path: &Path, shown: &str) -> Result<Vec<u8>, Error> {
    let at = || format!("the CA bundle {} ({shown})", path.display());
    let bytes = std::fs::read(path).map_err(|e| Error::config(format!("{} cannot be read: {e}", at())))?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::config(format!("{} is not a PEM file of certificates: {e}", at())))?;
    if certs.is_empty() {
        return Err(Error::config(format!("{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", at())));
    }
    for (i, cert) in certs.iter().enumerate() {
        webpki::anchor_from_trusted_cert(cert)
            .map_err(|e| Error::config(format!("{}: certificate {} cannot be a trusted CA: {e}", at(), i + 1)))?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("polyiam-http-{}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn a_bundle_without_certificates_is_a_config_error_naming_the_file() {
        for (name, text) in [("empty.pem", ""), ("junk.pem", "not a certificate\n"), ("broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")] {
            let path = write(name, text);
            let err = read_ca_bundle(&path, "AWS_CA_BUNDLE").unwrap_err();
            assert_eq!(err.kind, crate::ErrorKind::Config, "{name}: {err}");
            assert!(err.message.contains(name) && err.message.contains("AWS_CA_BUNDLE"), "{}", err.message);
            let _ = std::fs::remove_file(path);
        }
        let missing = read_ca_bundle(Path::new("/nonexistent/ca.pem"), "ca_bundle").unwrap_err();
        assert!(missing.message.contains("/nonexistent/ca.pem") && missing.message.contains("cannot be read"), "{}", missing.message);
    }

    #[test]
    fn proxies_pick_one_configuration() {
        let p = |http: Option<&str>, https: Option<&str>| Proxies { http: http.map(Into::into), https: https.map(Into::into) };
        assert!(explicit_proxy(&p(None, None), false).expect("none").is_disabled());
        assert!(!explicit_proxy(&p(Some("http://proxy:3128"), Some("http://proxy:3128")), false).expect("same").is_disabled());
        assert!(!explicit_proxy(&p(Some("http://a:1"), Some("http://b:2")), true).expect("differ").is_disabled());
        let err = explicit_proxy(&p(None, Some("::not a url::")), false).unwrap_err();
        assert!(err.message.contains("proxies[\"https\"]"), "{}", err.message);
    }
}
