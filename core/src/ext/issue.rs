//! IssueAccessKey: CreateAccessKey as Terraform's `aws_iam_access_key` does it: the key may be
//! created Inactive (created, then deactivated with UpdateAccessKey), its secret sealed to an
//! OpenPGP public key (then the plaintext never leaves the core) and its SES SMTP password derived.

use super::fields::{map, out_string, s, string, structure};
use super::{pgp_seal, smtp_password};
use crate::error::Error;
use crate::value::{Map, Value};
use crate::{Client, Response};

/// What to do with a new key's secret, checked before anything is sent.
pub(super) struct Delivery {
    recipient: Option<pgp_seal::Recipient>,
    smtp_region: Option<String>,
}

impl Delivery {
    /// From the `PgpKey` and `SesSmtpRegion` members; a bad key is a validation error here, before
    /// any key is created.
    pub(super) fn from_input(input: &Map) -> Result<Delivery, Error> {
        let recipient = string(input, "PgpKey").map(pgp_seal::Recipient::parse).transpose()?;
        let smtp_region = string(input, "SesSmtpRegion").map(str::to_string);
        Ok(Delivery { recipient, smtp_region })
    }

    /// The result's `AccessKey`: the created key (CreateAccessKey's `AccessKey`) with its secret
    /// in plain text or sealed, `status` as it now is.
    pub(super) fn issued(&self, created: &Map, status: &str) -> Result<Value, Error> {
        let op = "CreateAccessKey";
        let secret = out_string(created, "SecretAccessKey", op)?;
        let mut key = map([
            ("UserName", s(out_string(created, "UserName", op)?)),
            ("AccessKeyId", s(out_string(created, "AccessKeyId", op)?)),
            ("Status", s(status)),
        ]);
        if let Some(date) = created.get("CreateDate") {
            key.insert("CreateDate".into(), date.clone());
        }
        let smtp = self.smtp_region.as_deref().map(|region| smtp_password::ses_smtp_password_v4(secret, region)).transpose()?;
        match &self.recipient {
            None => {
                key.insert("SecretAccessKey".into(), Value::Sensitive(Box::new(s(secret))));
                if let Some(password) = smtp {
                    key.insert("SesSmtpPasswordV4".into(), Value::Sensitive(Box::new(Value::String(password))));
                }
            }
            Some(recipient) => {
                key.insert("EncryptedSecret".into(), Value::String(recipient.seal(secret)?.encrypted_b64));
                key.insert("KeyFingerprint".into(), Value::String(recipient.fingerprint().to_string()));
                if let Some(password) = smtp {
                    key.insert("EncryptedSesSmtpPasswordV4".into(), Value::String(recipient.seal(&password)?.encrypted_b64));
                }
            }
        }
        Ok(Value::Map(key))
    }
}

/// `UserName` for the service's calls, when given (else the caller's own keys).
pub(super) fn user_input(user: Option<&str>) -> Map {
    user.map(|u| map([("UserName", s(u))])).unwrap_or_default()
}

/// Creates the key with CreateAccessKey; the created `AccessKey` and the response.
pub(super) async fn create(client: &Client, user: Option<&str>) -> Result<(Map, Response), Error> {
    let created = client.call_parsed("CreateAccessKey", &user_input(user)).await?;
    let key = structure(&created.output, "AccessKey", "CreateAccessKey")?.clone();
    Ok((key, created))
}

pub(crate) async fn issue_access_key(client: &Client, input: &Map) -> Result<Response, Error> {
    let delivery = Delivery::from_input(input)?;
    let status = string(input, "Status").unwrap_or("Active");
    let user = string(input, "UserName");
    let (key, created) = create(client, user).await?;
    let id = out_string(&key, "AccessKeyId", "CreateAccessKey")?.to_string();
    let owner = out_string(&key, "UserName", "CreateAccessKey")?.to_string();
    if status == "Inactive" {
        let update = map([("UserName", s(&owner)), ("AccessKeyId", s(&id)), ("Status", s("Inactive"))]);
        if let Err(mut e) = client.call_parsed("UpdateAccessKey", &update).await {
            // The key exists and is Active; its secret goes nowhere (the call failed), so say what to clean up.
            e.reconciled = Some(format!(
                "the key {id} of {owner} was created Active and could not be deactivated; its secret was not returned: delete it (DeleteAccessKey)"
            ));
            return Err(e);
        }
    }
    let issued = deliver_or_delete(client, &delivery, &key, status).await?;
    Ok(Response::new(Value::Map(map([("AccessKey", issued)])), created.meta))
}

/// `delivery.issued(...)`, or, when the secret cannot be delivered (sealing failed), the key is
/// deleted again: a key whose secret nobody has only uses up the user's quota of two.
pub(super) async fn deliver_or_delete(client: &Client, delivery: &Delivery, key: &Map, status: &str) -> Result<Value, Error> {
    match delivery.issued(key, status) {
        Ok(v) => Ok(v),
        Err(mut e) => {
            let id = out_string(key, "AccessKeyId", "CreateAccessKey")?;
            let owner = out_string(key, "UserName", "CreateAccessKey")?;
            let delete = map([("UserName", s(owner)), ("AccessKeyId", s(id))]);
            e.reconciled = Some(match client.call_parsed("DeleteAccessKey", &delete).await {
                Ok(_) => format!("the new key {id} was deleted again, as its secret could not be delivered"),
                Err(d) => format!("the new key {id} exists but its secret could not be delivered, and deleting it failed ({d}): delete it"),
            });
            Err(e)
        }
    }
}
