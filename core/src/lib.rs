//! polyiam's core: everything the R, Python and Node bindings share.
//!
//! A binding converts its native values to a [`Value`] tree, calls [`Client::call`] and converts the
//! [`Response`] (or [`Error`]) back. Validation, the calls into aws-sdk-iam, error mapping,
//! response metadata and pagination all happen here.

pub mod cancel;
pub mod client;
pub mod config;
pub mod credentials;
pub mod convert;
pub mod error;
pub mod ext;
mod generated;
pub mod http;
pub mod meta;
pub mod paginate;
pub mod policy_documents;
pub mod portable;
mod process;
pub mod regions;
mod retry;
pub mod runtime;
pub mod schema;
pub mod validate;
pub mod value;

pub use cancel::CancelFlag;
pub use client::{Client, Response};
pub use generated::SdkClient;
pub use config::{Config, StaticCredentials};
pub use error::{Error, ErrorKind};
pub use meta::ResponseMeta;
pub use paginate::{PageOptions, Pages};
pub use value::{Map, Timestamp, Value};
