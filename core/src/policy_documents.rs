//! IAM returns policy documents URL-encoded (`%7B%22Version%22...`). boto3 decodes them into dicts
//! (botocore's `json_decode_policies` handler: every output member of the `policyDocumentType`
//! shape, through structures and lists, URL-decoded then parsed as JSON, left as it is when that
//! fails); the JS SDK returns the string as sent. Each binding follows its peer: the Python binding
//! calls this, Node and R do not.

use crate::client::Response;
use crate::schema::{self, Kind, Operation, Shape};
use crate::value::Value;

/// The shape IAM's model gives every policy document.
const POLICY_DOCUMENT: &str = "policyDocumentType";

/// Decodes the policy documents of `op`'s result in place (each region's, for a fan-out).
pub fn decode(op: &Operation, response: &mut Response) {
    for (_, each) in &mut response.by_region {
        decode(op, each);
    }
    if let Some(shape) = op.output.and_then(schema::shape) {
        walk(shape, &mut response.output, 0);
    }
}

fn walk(shape: &'static Shape, value: &mut Value, depth: usize) {
    if depth > 32 {
        return;
    }
    match (&shape.kind, value) {
        (Kind::Structure { members }, Value::Map(m)) => {
            for member in members.iter() {
                let (Some(target), Some(v)) = (schema::shape(member.target), m.get_mut(member.name)) else { continue };
                if target.name == POLICY_DOCUMENT && matches!(target.kind, Kind::String) {
                    if let Some(parsed) = v.as_str().and_then(parse) {
                        *v = parsed;
                    }
                } else {
                    walk(target, v, depth + 1);
                }
            }
        }
        (Kind::List { member }, Value::List(items)) => {
            if let Some(item_shape) = schema::shape(member) {
                for item in items {
                    walk(item_shape, item, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// `json.loads(unquote(text))`, or `None` when it is not URL-encoded JSON.
fn parse(text: &str) -> Option<Value> {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8().ok()?;
    serde_json::from_str::<serde_json::Value>(&decoded).ok().map(Value::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::ResponseMeta;
    use crate::value::Map;

    #[test]
    fn policy_documents_become_trees_wherever_the_output_has_them() {
        let Some(op) = schema::service("iam").and_then(|s| s.operation("GetAccountAuthorizationDetails")) else { return };
        let doc = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        let version = Map::from_iter([
            ("Document".to_string(), Value::String(doc.into())),
            ("VersionId".to_string(), Value::String("v1".into())),
        ]);
        let policy = Map::from_iter([("PolicyVersionList".to_string(), Value::List(vec![Value::Map(version)]))]);
        let output = Map::from_iter([("Policies".to_string(), Value::List(vec![Value::Map(policy)]))]);
        let mut r = Response::new(Value::Map(output), ResponseMeta::default());
        decode(op, &mut r);
        let got = &r.output.as_map().unwrap()["Policies"];
        let Value::List(p) = got else { panic!() };
        let Value::List(v) = &p[0].as_map().unwrap()["PolicyVersionList"] else { panic!() };
        let d = &v[0].as_map().unwrap()["Document"];
        assert_eq!(d.as_map().and_then(|m| m.get("Version")).and_then(Value::as_str), Some("2012-10-17"));
        assert_eq!(v[0].as_map().unwrap()["VersionId"], Value::String("v1".into()), "other strings stay");
    }
}
