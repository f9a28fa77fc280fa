//! A credentials provider written in JS (the v3 SDK's `AwsCredentialIdentityProvider`, e.g. what
//! `@aws-sdk/credential-providers` returns) as the core's host provider. The SDK calls it from the
//! core's runtime when it needs credentials and caches the result until its expiration; the call
//! reaches the JS thread through a threadsafe function, so nothing waits on the event loop, and
//! the function is weak: a client that is never used again does not keep the process alive.

use napi::bindgen_prelude::{Function, Promise};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::Status;
use napi_derive::napi;
use polyiam_core::credentials::{HostCredentials, HostCredentialsFuture, HostProvider};
use std::sync::Arc;

/// What the JS runtime's wrapper (`lib/runtime.js`) resolves with: the provider's identity, its
/// `expiration` in milliseconds since the epoch.
#[napi(object)]
pub struct JsCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub expiration: Option<f64>,
}

type Tsfn = ThreadsafeFunction<(), Promise<JsCredentials>, (), Status, false, true>;

struct JsProvider(Arc<Tsfn>);

impl HostProvider for JsProvider {
    fn fetch(&self) -> HostCredentialsFuture {
        let tsfn = self.0.clone();
        Box::pin(async move {
            let promise = tsfn.call_async_catch(()).await.map_err(|e| e.reason.clone())?;
            let c = promise.await.map_err(|e| e.reason.clone())?;
            Ok(HostCredentials {
                access_key_id: c.access_key_id,
                secret_access_key: c.secret_access_key,
                session_token: c.session_token,
                expiration: c.expiration.map(|ms| ms / 1000.0),
            })
        })
    }
}

/// The core's provider calling `provider` (a JS function returning a Promise of `JsCredentials`).
pub fn from_function(provider: Function<'_, (), Promise<JsCredentials>>) -> napi::Result<Arc<dyn HostProvider>> {
    let tsfn: Tsfn = provider.build_threadsafe_function::<()>().weak::<true>().build()?;
    Ok(Arc::new(JsProvider(Arc::new(tsfn))))
}
