//! Extension operations: local computations on an access key's secret that IAM itself does not
//! offer, with Terraform's `aws_iam_access_key` semantics. Pure and local: nothing is sent, and a
//! secret never appears in an error or in `Debug` output.
//!
//! - [`smtp_password::ses_smtp_password_v4`]: the SES SMTP password of a secret access key.
//! - [`pgp_seal::seal`]: a secret encrypted to an OpenPGP public key (`pgp_key`), with its fingerprint.

// `Error` is the crate's one error type, returned by value everywhere (see error.rs).
#![allow(clippy::result_large_err)]

pub mod pgp_seal;
pub mod smtp_password;

pub use pgp_seal::{seal, Sealed};
pub use smtp_password::ses_smtp_password_v4;
