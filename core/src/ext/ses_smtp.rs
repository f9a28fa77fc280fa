//! SesSmtpPasswordV4: the SES SMTP password of a secret access key, computed locally.

use super::fields::{map, string};
use super::smtp_password;
use crate::error::Error;
use crate::meta::ResponseMeta;
use crate::value::{Map, Value};
use crate::{Client, Response};

pub(crate) async fn ses_smtp_password_v4(_client: &Client, input: &Map) -> Result<Response, Error> {
    let secret = string(input, "SecretAccessKey").unwrap_or_default();
    let region = string(input, "Region").unwrap_or_default();
    let password = smtp_password::ses_smtp_password_v4(secret, region)?;
    let output = map([("SmtpPassword", Value::Sensitive(Box::new(Value::String(password))))]);
    // No request was made: the metadata is empty.
    Ok(Response::new(Value::Map(output), ResponseMeta::default()))
}
