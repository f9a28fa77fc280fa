//! Where a client's credentials come from, as far as polyiam needs to know: the shared profiles
//! (checked at construction: a named profile must exist), the profile-first chain boto3 and the JS
//! SDK use when a profile is named, and what a credential failure means for the user (boto3's
//! error names, the profile and source named, what to do). The providers themselves are
//! aws-config's.

use crate::error::{Error, ErrorKind};
use aws_config::profile::ProfileSet;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_types::os_shim_internal::{Env, Fs};
use aws_types::region::Region;
use std::borrow::Cow;

/// The shared config/credentials files, parsed, with `profile` (the option) or `AWS_PROFILE`
/// selected. A profile named either way that no file defines is `ProfileNotFound`, before any
/// request, as boto3 raises it when the session is made.
pub(crate) async fn load_profiles(env: &Env, profile: Option<&str>) -> Result<ProfileSet, Error> {
    let named = profile.map(str::to_string).or_else(|| env.get("AWS_PROFILE").ok().filter(|p| !p.is_empty()));
    // The default files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws), as aws-config reads
    // them; its alias is deprecated in favour of a crate we do not depend on directly.
    #[allow(deprecated)]
    let files = aws_config::profile::profile_file::ProfileFiles::default();
    let profiles = aws_config::profile::load(&Fs::real(), env, &files, named.clone().map(Cow::Owned))
        .await
        .map_err(|e| Error::config(format!("the shared config files cannot be used: {e}")))?;
    if let Some(name) = named {
        if profiles.get_profile(&name).is_none() {
            return Err(Error::new(ErrorKind::Config, "ProfileNotFound", format!("The config profile ({name}) could not be found")));
        }
    }
    Ok(profiles)
}

/// What the credentials of a client come from, for its error messages.
#[derive(Clone, Debug, Default)]
pub(crate) struct Source {
    /// The profile whose settings give the credentials, when one does.
    profile: Option<String>,
    /// What that profile uses: `sso`, `credential_process`, `login`, `assume_role`, ...
    via: Option<&'static str>,
}

impl Source {
    /// `env_keys_win`: keys in the environment are used before any profile (no profile named, or
    /// paws's order).
    pub(crate) fn of(profiles: &ProfileSet, env: &Env, env_keys_win: bool) -> Source {
        if env_keys_win && env.get("AWS_ACCESS_KEY_ID").is_ok_and(|k| !k.is_empty()) {
            return Source::default();
        }
        let name = profiles.selected_profile();
        let Some(profile) = profiles.get_profile(name) else { return Source::default() };
        let has = |key: &str| profile.get(key).is_some();
        let via = if has("sso_session") || has("sso_start_url") {
            "sso"
        } else if has("credential_process") {
            "credential_process"
        } else if has("login_session") {
            "login"
        } else if has("role_arn") {
            "assume_role"
        } else if has("web_identity_token_file") {
            "web_identity"
        } else if has("aws_access_key_id") {
            "keys"
        } else {
            return Source::default();
        };
        Source { profile: Some(name.to_string()), via: Some(via) }
    }

    /// A credentials error told in the user's terms: boto3's error code for the source and what to do.
    pub(crate) fn explain(&self, mut err: Error) -> Error {
        if err.kind != ErrorKind::Credentials {
            return err;
        }
        let detail = err.message.clone();
        let (code, message) = match (self.profile.as_deref(), self.via) {
            (Some(p), Some("sso")) => (
                "TokenRetrievalError",
                format!("the SSO session of profile {p} cannot give credentials ({detail}); sign in again with `aws sso login --profile {p}`"),
            ),
            (Some(p), Some("login")) => (
                "TokenRetrievalError",
                format!("the login session of profile {p} cannot give credentials ({detail}); sign in again with `aws login --profile {p}`"),
            ),
            (Some(p), Some("credential_process")) => {
                ("CredentialRetrievalError", format!("the credential_process of profile {p} failed: {detail}"))
            }
            (Some(p), Some(via)) if err.code != "NoCredentialsError" => {
                ("CredentialRetrievalError", format!("the credentials of profile {p} ({via}) could not be obtained: {detail}"))
            }
            _ if err.code == "NoCredentialsError" => (
                "NoCredentialsError",
                format!(
                    "Unable to locate credentials: none of the environment, the shared config files, web identity, the \
                     container or instance metadata gave any ({detail}); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
                     name a profile, or give the keys as client options"
                ),
            ),
            _ => return err,
        };
        err.code = code.to_string();
        err.message = message;
        err
    }
}

/// The chain boto3 and the JS SDK use when a profile is named: the profile, then web identity,
/// the container and instance metadata; the environment's keys are not looked at.
pub(crate) fn profile_first(profile: &str, http: SharedHttpClient, region: Option<Region>) -> SharedCredentialsProvider {
    use aws_config::meta::credentials::CredentialsProviderChain;
    let conf = ProviderConfig::without_region().with_http_client(http).with_region(region);
    let chain = CredentialsProviderChain::first_try(
        "Profile",
        aws_config::profile::ProfileFileCredentialsProvider::builder().configure(&conf).profile_name(profile).build(),
    )
    .or_else("WebIdentityToken", aws_config::web_identity_token::WebIdentityTokenCredentialsProvider::builder().configure(&conf).build())
    .or_else("EcsContainer", aws_config::ecs::EcsCredentialsProvider::builder().configure(&conf).build())
    .or_else("Ec2InstanceMetadata", aws_config::imds::credentials::ImdsCredentialsProvider::builder().configure(&conf).build());
    SharedCredentialsProvider::new(chain)
}

/// The credential provider's error in an SDK error's sources, if identity resolution is what failed.
pub(crate) fn find_error<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a CredentialsError> {
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(found) = e.downcast_ref::<CredentialsError>() {
            return Some(found);
        }
        next = e.source();
    }
    None
}

/// A credential provider's failure as a polyiam error (told in the user's terms by `Source::explain`).
pub(crate) fn error(err: &CredentialsError) -> Error {
    let code = match err {
        CredentialsError::CredentialsNotLoaded(_) => "NoCredentialsError",
        _ => "CredentialRetrievalError",
    };
    Error::new(ErrorKind::Credentials, code, crate::error::chain(err))
}

/// Credentials a host language's own provider gives (the JS SDK's `AwsCredentialIdentityProvider`):
/// `expiration` in seconds since the epoch, `None` for credentials that do not expire.
#[derive(Clone)]
pub struct HostCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub expiration: Option<f64>,
}

pub type HostCredentialsFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Result<HostCredentials, String>> + Send>>;

/// A provider written in the host language, called by the SDK when it needs credentials; the SDK's
/// identity cache keeps what it returns until shortly before `expiration`.
pub trait HostProvider: Send + Sync {
    fn fetch(&self) -> HostCredentialsFuture;
}

/// A host provider as an SDK credentials provider.
#[derive(Clone)]
pub(crate) struct FromHost(pub(crate) std::sync::Arc<dyn HostProvider>);

impl std::fmt::Debug for FromHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FromHost")
    }
}

impl aws_credential_types::provider::ProvideCredentials for FromHost {
    fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let pending = self.0.fetch();
        aws_credential_types::provider::future::ProvideCredentials::new(async move {
            let c = pending.await.map_err(|e| CredentialsError::provider_error(format!("the credentials provider failed: {e}")))?;
            if c.access_key_id.is_empty() || c.secret_access_key.is_empty() {
                return Err(CredentialsError::invalid_configuration("the credentials provider returned no accessKeyId or secretAccessKey"));
            }
            let expiration = match c.expiration {
                None => None,
                Some(secs) if secs.is_finite() && secs > 0.0 => Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(secs)),
                Some(_) => return Err(CredentialsError::invalid_configuration("the credentials provider returned an invalid expiration")),
            };
            Ok(aws_credential_types::Credentials::new(c.access_key_id, c.secret_access_key, c.session_token, expiration, "polyiam-host-provider"))
        })
    }
}
