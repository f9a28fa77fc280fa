//! polyiam's own operations (model/polyiam.json), implemented by hand once, here, on top of the
//! service's operations; the generator routes them (`generated::extension`) and emits them in every
//! language like AWS operations. One module per feature:
//!
//! - `issue`: IssueAccessKey (Terraform's aws_iam_access_key: status at creation, PGP, SMTP password)
//! - `rotate`: RotateAccessKey (CloudFormation's replacement order, reconciliation after a lost response)
//! - `ses_smtp`: SesSmtpPasswordV4; `smtp_password`: the derivation (Terraform's), used by all three
//! - `pgp_seal`: sealing a secret to an OpenPGP public key (rPGP)

// `Error` is the crate's one error type, returned by value everywhere (see error.rs).
#![allow(clippy::result_large_err)]

mod fields;
mod issue;
pub mod pgp_seal;
mod rotate;
mod ses_smtp;
pub mod smtp_password;

pub(crate) use issue::issue_access_key;
pub(crate) use rotate::rotate_access_key;
pub(crate) use ses_smtp::ses_smtp_password_v4;
pub use pgp_seal::{seal, Sealed};
