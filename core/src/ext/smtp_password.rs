//! The SES SMTP password of an access key: AWS's documented SigV4 conversion of a secret access key,
//! the algorithm Terraform's `aws_iam_access_key.ses_smtp_password_v4` applies.
//!
//! An HMAC-SHA256 chain keyed with `"AWS4" + secret` over the fixed date `11111111`, the region, `ses`,
//! `aws4_request` and the message `SendRawEmail`; the version byte `0x04` is prepended to the last MAC
//! and the result is standard (padded) base64. The password is region-specific: it only works
//! against that region's SMTP endpoint.
//!
//! Pure and local: nothing is sent. The secret and every intermediate key are wiped after use; the
//! secret never appears in an error.

use crate::error::Error;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Member path the region is reported under in validation errors.
pub const REGION_PATH: &str = "Region";
/// Member path the secret is reported under in validation errors.
pub const SECRET_PATH: &str = "SecretAccessKey";

const DATE: &[u8] = b"11111111";
const SERVICE: &[u8] = b"ses";
const TERMINAL: &[u8] = b"aws4_request";
const MESSAGE: &[u8] = b"SendRawEmail";
const VERSION: u8 = 0x04;

/// The SES SMTP password (SigV4 form) for `secret` in `region`.
///
/// Errors (validation, nothing is computed): an empty `secret` (path `SecretAccessKey`, rule
/// `length`); a `region` that is not a region name (path `Region`, rule `pattern`).
pub fn ses_smtp_password_v4(secret: &str, region: &str) -> Result<String, Error> {
    if secret.is_empty() {
        return Err(Error::invalid(SECRET_PATH, "length", "length 0 is below the minimum 1"));
    }
    check_region(region)?;

    let mut key = Zeroizing::new(Vec::with_capacity(4 + secret.len()));
    key.extend_from_slice(b"AWS4");
    key.extend_from_slice(secret.as_bytes());
    for part in [DATE, region.as_bytes(), SERVICE, TERMINAL, MESSAGE] {
        key = hmac_sha256(&key, part)?;
    }
    let mut versioned = Zeroizing::new(Vec::with_capacity(1 + key.len()));
    versioned.push(VERSION);
    versioned.extend_from_slice(&key);
    Ok(base64::engine::general_purpose::STANDARD.encode(versioned.as_slice()))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    // HMAC takes a key of any length; the error branch is unreachable, but not a panic.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::internal("polyiam internal error (a bug; please report it): HMAC-SHA256 refused its key"))?;
    mac.update(data);
    Ok(Zeroizing::new(mac.finalize().into_bytes().to_vec()))
}

/// A region name as AWS spells them: `^[a-z]{2,}(-[a-z]+)+-[0-9]+$` (`eu-west-2`, `us-gov-west-1`,
/// `cn-north-1`, `us-isob-east-1`, `eusc-de-east-1`). Any region of that shape is accepted, so new
/// regions need no polyiam release; whether SES offers SMTP there is the caller's concern.
fn check_region(region: &str) -> Result<(), Error> {
    let parts: Vec<&str> = region.split('-').collect();
    let letters = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    let ok = parts.len() >= 3
        && parts[0].len() >= 2
        && letters(parts[0])
        && parts[1..parts.len() - 1].iter().all(|p| letters(p))
        && parts.last().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else if region.is_empty() {
        Err(Error::invalid(REGION_PATH, "length", "length 0 is below the minimum 1"))
    } else {
        Err(Error::invalid(
            REGION_PATH,
            "pattern",
            format!("{region:?} is not an AWS region name (lowercase, like \"eu-west-2\" or \"us-gov-west-1\")"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    // terraform-provider-aws, internal/service/iam/access_key_test.go, TestSESSMTPPasswordFromSecretKeySigV4.
    #[test]
    fn terraform_vectors() {
        let cases = [
            ("eu-central-1", "some+secret+key", "BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2"),
            ("eu-central-1", "another+secret+key", "BBbphbrQmrKMx42d1N6+C7VINYEBGI5v9VsZeTxwskfh"),
            ("us-west-1", "some+secret+key", "BH+jbMzper5WwlwUar9E1ySBqHa9whi0GPo+sJ0mVYJj"),
            ("us-west-1", "another+secret+key", "BKVmjjMDFk/qqw8EROW99bjCS65PF8WKvK5bSr4Y6EqF"),
        ];
        for (region, secret, expected) in cases {
            assert_eq!(ses_smtp_password_v4(secret, region).expect("valid input"), expected, "{region}");
        }
    }

    #[test]
    fn shape_of_the_password() {
        // 1 version byte + 32 bytes of MAC = 33 bytes = 44 base64 characters, no padding needed.
        let got = ses_smtp_password_v4("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1").expect("valid input");
        assert_eq!(got.len(), 44);
        let raw = base64::engine::general_purpose::STANDARD.decode(&got).expect("base64");
        assert_eq!(raw[0], 0x04);
        assert_ne!(got, ses_smtp_password_v4("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-2").expect("valid input"));
    }

    #[test]
    fn real_regions_are_accepted() {
        for region in ["us-east-1", "eu-west-2", "us-gov-west-1", "cn-north-1", "cn-northwest-1", "ap-southeast-1", "il-central-1", "us-isob-east-1", "eusc-de-east-1", "ap-southeast-10"] {
            assert!(ses_smtp_password_v4("secret", region).is_ok(), "{region}");
        }
    }

    #[test]
    fn bad_regions_are_validation_errors_on_region() {
        for region in ["", "us", "us-east", "east-1", "US-EAST-1", "us-east-1 ", " us-east-1", "us--east-1", "us-east-", "-us-east-1", "us-east-1a", "u-east-1", "us_east_1", "us-east1-1", "ünï-east-1", "us-east-1\n"] {
            let err = ses_smtp_password_v4("very+secret+key", region).expect_err(region);
            assert_eq!(err.kind, ErrorKind::Validation, "{region:?}");
            assert_eq!(err.code, "ParamValidation");
            assert_eq!(err.issues.len(), 1);
            assert_eq!(err.issues[0].path, "Region");
            assert!(matches!(err.issues[0].rule, "pattern" | "length"), "{region:?}: {}", err.issues[0].rule);
            assert!(!err.to_string().contains("very+secret+key"));
        }
    }

    #[test]
    fn empty_secret_is_a_validation_error() {
        let err = ses_smtp_password_v4("", "us-east-1").expect_err("empty secret");
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!((err.issues[0].path.as_str(), err.issues[0].rule), ("SecretAccessKey", "length"));
    }
}
