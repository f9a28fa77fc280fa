//! RotateAccessKey: CloudFormation's replacement of an `AWS::IAM::AccessKey` when its Serial changes:
//! the new key is created first, the old one deleted (or deactivated) afterwards, so the user never
//! has no working key. A user with two keys already is refused before anything changes. When the
//! outcome of creating the new key is unknown (a timeout, a dropped response), the user's keys are
//! listed and what exists is reported: nothing is guessed and no second key is created.

use super::fields::{map, out_string, s, service_error, string};
use super::issue::{self, Delivery};
use crate::error::{Error, ErrorKind};
use crate::value::{Map, Value};
use crate::{Client, Response};

/// The user's keys: (AccessKeyId, Status), as ListAccessKeys returns them.
async fn list_keys(client: &Client, user: Option<&str>) -> Result<Vec<(String, String)>, Error> {
    let listed = client.call_parsed("ListAccessKeys", &issue::user_input(user)).await?;
    let items = listed.output.as_map().and_then(|m| m.get("AccessKeyMetadata"));
    let Some(Value::List(items)) = items else { return Ok(Vec::new()) };
    Ok(items
        .iter()
        .filter_map(Value::as_map)
        .filter_map(|k| {
            let id = k.get("AccessKeyId").and_then(Value::as_str)?;
            let status = k.get("Status").and_then(Value::as_str).unwrap_or("");
            Some((id.to_string(), status.to_string()))
        })
        .collect())
}

fn describe(keys: &[(String, String)]) -> String {
    keys.iter().map(|(id, status)| format!("{id} ({status})")).collect::<Vec<_>>().join(" and ")
}

/// Whether a failed CreateAccessKey may have created the key after all.
fn maybe_applied(e: &Error) -> bool {
    e.outcome_unknown || matches!(e.kind, ErrorKind::ReadTimeout | ErrorKind::Response | ErrorKind::Cancelled)
}

pub(crate) async fn rotate_access_key(client: &Client, input: &Map) -> Result<Response, Error> {
    let delivery = Delivery::from_input(input)?;
    let old = string(input, "AccessKeyId").unwrap_or_default().to_string();
    let user = string(input, "UserName");
    let deactivate = string(input, "OldKey") == Some("Deactivate");
    let whose = user.map_or_else(|| "the caller".to_string(), |u| format!("user {u}"));

    let before = list_keys(client, user).await?;
    if !before.iter().any(|(id, _)| *id == old) {
        return Err(service_error(client, "NoSuchEntity", format!("the access key {old} does not belong to {whose}; nothing was changed")));
    }
    if before.len() >= 2 {
        return Err(service_error(
            client,
            "LimitExceeded",
            format!(
                "{whose} already has two access keys, {}, the most IAM allows, so no new key can be created before one is deleted; nothing was changed",
                describe(&before)
            ),
        ));
    }

    let (key, created) = match issue::create(client, user).await {
        Ok(done) => done,
        Err(mut e) if maybe_applied(&e) => {
            e.reconciled = Some(reconcile(client, user, &before, &old).await);
            e.outcome_unknown = false;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let owner = out_string(&key, "UserName", "CreateAccessKey")?.to_string();
    let issued = issue::deliver_or_delete(client, &delivery, &key, "Active").await?;

    // Only now, with the new key in hand, the old one goes.
    let old_key = map([("UserName", s(&owner)), ("AccessKeyId", s(&old))]);
    let retired = if deactivate {
        let mut update = old_key.clone();
        update.insert("Status".into(), s("Inactive"));
        client.call_parsed("UpdateAccessKey", &update).await.map(|_| "Inactive")
    } else {
        client.call_parsed("DeleteAccessKey", &old_key).await.map(|_| "Deleted")
    };
    // The new key's secret is only in this result, so a failure here is reported in it, not raised.
    let replaced = match retired {
        Ok(status) => map([("AccessKeyId", s(&old)), ("Status", s(status))]),
        Err(e) => map([
            ("AccessKeyId", s(&old)),
            ("Status", s("Active")),
            ("Problem", Value::String(format!("the old key is still Active: {e}"))),
        ]),
    };
    Ok(Response::new(Value::Map(map([("AccessKey", issued), ("Replaced", Value::Map(replaced))])), created.meta))
}

/// After a CreateAccessKey whose outcome is unknown: what the user's keys now are, in words.
async fn reconcile(client: &Client, user: Option<&str>, before: &[(String, String)], old: &str) -> String {
    match list_keys(client, user).await {
        Err(e) => format!(
            "CreateAccessKey may have created a key; listing the keys to find out failed too ({e}); the old key {old} was not touched: check ListAccessKeys"
        ),
        Ok(after) => {
            let new: Vec<&str> = after.iter().map(|(id, _)| id.as_str()).filter(|id| !before.iter().any(|(b, _)| b == id)).collect();
            if new.is_empty() {
                format!("reconciled: no key was created; the old key {old} is unchanged; the rotation can be retried")
            } else {
                let new = new.join(", ");
                format!(
                    "reconciled: CreateAccessKey did create {new} but its answer was lost, so its secret is unknown; the old key {old} is unchanged and still works; delete {new} (DeleteAccessKey) and rotate again"
                )
            }
        }
    }
}
