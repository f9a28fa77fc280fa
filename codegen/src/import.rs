//! `polyiam-codegen import OPERATION...`: copies operations from the official Smithy model into
//! model/, with every shape they reach that model/ lacks. Facts only: names, types, members,
//! targets and traits; never AWS's documentation strings or examples (the generator writes the
//! documentation from these facts). Read operations (`Get*`, `List*`) get `@readonly`, the one trait
//! our model adds (see core/src/retry.rs and codegen/tests/model_conformance.rs).

use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;

/// Traits that are prose, examples or validator noise, not facts of the wire contract.
pub const NOT_FACTS: &[&str] = &["smithy.api#documentation", "smithy.api#examples", "smithy.api#suppress", "smithy.test#smokeTests"];

pub const READONLY: &str = "smithy.api#readonly";

/// Whether an operation only reads: our model marks these `@readonly`.
pub fn is_read_operation(name: &str) -> bool {
    let name = name.rsplit_once('#').map_or(name, |(_, n)| n);
    name.starts_with("Get") || name.starts_with("List")
}

fn shapes(model: &Json) -> Result<&Map<String, Json>, String> {
    model.get("shapes").and_then(Json::as_object).ok_or_else(|| "the model has no \"shapes\" object".to_string())
}

/// The service shape's id and its namespace (`com.amazonaws.iam#`).
fn service(model: &Json) -> Result<(String, String), String> {
    let (id, _) = shapes(model)?
        .iter()
        .find(|(_, s)| s.get("type").and_then(Json::as_str) == Some("service"))
        .ok_or_else(|| "the model has no service shape".to_string())?;
    let ns = id.split_once('#').map(|(ns, _)| format!("{ns}#")).ok_or_else(|| format!("service id {id} has no namespace"))?;
    Ok((id.clone(), ns))
}

/// Shape ids a shape refers to (members, list member, map key/value, operation input/output/errors).
fn targets(shape: &Json) -> Vec<String> {
    let target = |j: &Json| j.get("target").and_then(Json::as_str).map(str::to_string);
    let mut out: Vec<String> = ["input", "output", "member", "key", "value"].iter().filter_map(|k| shape.get(*k).and_then(target)).collect();
    out.extend(shape.get("members").and_then(Json::as_object).into_iter().flat_map(|m| m.values()).filter_map(target));
    out.extend(shape.get("errors").and_then(Json::as_array).into_iter().flatten().filter_map(target));
    out
}

fn strip_prose(traits: Option<&mut Json>) {
    if let Some(t) = traits.and_then(Json::as_object_mut) {
        for k in NOT_FACTS {
            t.remove(*k);
        }
    }
}

/// A shape as model/ keeps it: the official one without prose; its traits object dropped when empty.
fn facts_of(shape: &Json, id: &str) -> Json {
    let mut shape = shape.clone();
    strip_prose(shape.get_mut("traits"));
    for m in shape.get_mut("members").and_then(Json::as_object_mut).into_iter().flat_map(|m| m.values_mut()) {
        strip_prose(m.get_mut("traits"));
        if m.get("traits").and_then(Json::as_object).is_some_and(Map::is_empty) {
            m.as_object_mut().map(|m| m.remove("traits"));
        }
    }
    if shape.get("type").and_then(Json::as_str) == Some("operation") && is_read_operation(id) {
        let traits = shape.as_object_mut().map(|s| s.entry("traits").or_insert_with(|| Json::Object(Map::new())));
        if let Some(t) = traits.and_then(Json::as_object_mut) {
            t.insert(READONLY.into(), Json::Object(Map::new()));
        }
    }
    if let Some(traits) = shape.get_mut("traits").and_then(Json::as_object_mut) {
        let sorted: Map<String, Json> = {
            let mut pairs: Vec<(String, Json)> = std::mem::take(traits).into_iter().collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            pairs.into_iter().collect()
        };
        *traits = sorted;
    }
    if shape.get("traits").and_then(Json::as_object).is_some_and(Map::is_empty) {
        shape.as_object_mut().map(|s| s.remove("traits"));
    }
    shape
}

/// Adds `operation` (its local name, e.g. `ListUsers`) to `ours` from `official`: the operation, every
/// shape it reaches that `ours` lacks, and an entry in the service's operation list. Returns the ids
/// added (empty when the operation was there already).
pub fn import(ours: &mut Json, official: &Json, operation: &str) -> Result<BTreeSet<String>, String> {
    let (service_id, ns) = service(ours)?;
    let official_shapes = shapes(official)?;
    let op_id = format!("{ns}{operation}");
    match official_shapes.get(&op_id).and_then(|s| s.get("type")).and_then(Json::as_str) {
        Some("operation") => {}
        _ => return Err(format!("the official model has no operation {op_id}")),
    }
    let mut added = BTreeSet::new();
    let mut stack = vec![op_id.clone()];
    while let Some(id) = stack.pop() {
        if id.starts_with("smithy.api#") || shapes(ours)?.contains_key(&id) || added.contains(&id) {
            continue;
        }
        let shape = official_shapes.get(&id).ok_or_else(|| format!("{id} is referenced but not in the official model"))?;
        stack.extend(targets(shape));
        let facts = facts_of(shape, &id);
        ours["shapes"].as_object_mut().ok_or("model/ has no shapes object")?.insert(id.clone(), facts);
        added.insert(id);
    }
    let ops = ours["shapes"][&service_id]
        .as_object_mut()
        .map(|s| s.entry("operations").or_insert_with(|| Json::Array(vec![])))
        .and_then(Json::as_array_mut)
        .ok_or("the service shape's operations are not a list")?;
    if !ops.iter().any(|o| o.get("target").and_then(Json::as_str) == Some(op_id.as_str())) {
        ops.push(serde_json::json!({ "target": op_id }));
        ops.sort_by(|a, b| a["target"].as_str().cmp(&b["target"].as_str()));
    }
    sort_shapes(ours);
    Ok(added)
}

/// A new service's model: the official service shape with its facts (no operations yet), without
/// prose or the endpoint rules (the SDK crate resolves endpoints).
pub fn skeleton(official: &Json) -> Result<Json, String> {
    let (id, _) = service(official)?;
    let mut svc = facts_of(&shapes(official)?[&id], &id);
    if let Some(t) = svc.get_mut("traits").and_then(Json::as_object_mut) {
        t.retain(|k, _| !k.starts_with("smithy.rules#"));
    }
    svc["operations"] = Json::Array(vec![]);
    let mut shapes = Map::new();
    shapes.insert(id, svc);
    Ok(serde_json::json!({ "smithy": official.get("smithy").cloned().unwrap_or(Json::String("2.0".into())), "shapes": shapes }))
}

/// model/'s order: shapes sorted by id.
fn sort_shapes(model: &mut Json) {
    if let Some(shapes) = model.get_mut("shapes").and_then(Json::as_object_mut) {
        let mut pairs: Vec<(String, Json)> = std::mem::take(shapes).into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        *shapes = pairs.into_iter().collect();
    }
}

/// model/'s text form: serde_json's pretty printing with 4-space indentation and a final newline.
pub fn to_model_text(model: &Json) -> Result<String, String> {
    let pretty = serde_json::to_string_pretty(model).map_err(|e| e.to_string())?;
    let mut text = String::with_capacity(pretty.len() * 2);
    for line in pretty.lines() {
        let body = line.trim_start_matches(' ');
        text.push_str(&" ".repeat(2 * (line.len() - body.len())));
        text.push_str(body);
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn official() -> Json {
        json!({"smithy": "2.0", "shapes": {
            "ns#Svc": {"type": "service", "operations": [{"target": "ns#GetThing"}]},
            "ns#GetThing": {"type": "operation", "input": {"target": "ns#GetThingRequest"}, "output": {"target": "smithy.api#Unit"},
                "traits": {"smithy.api#documentation": "AWS prose", "smithy.api#examples": []}},
            "ns#GetThingRequest": {"type": "structure", "members": {"Name": {"target": "ns#name", "traits": {"smithy.api#required": {}, "smithy.api#documentation": "prose"}}},
                "traits": {"smithy.api#input": {}, "smithy.api#documentation": "prose"}},
            "ns#name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}, "smithy.api#documentation": "prose"}}
        }})
    }

    #[test]
    fn imports_facts_only_and_marks_reads_readonly() {
        let mut ours = json!({"smithy": "2.0", "shapes": {"ns#Svc": {"type": "service", "operations": []}}});
        let added = import(&mut ours, &official(), "GetThing").expect("import");
        assert_eq!(added.len(), 3);
        let text = to_model_text(&ours).expect("text");
        assert!(!text.contains("prose") && !text.contains("examples"), "{text}");
        assert_eq!(ours["shapes"]["ns#GetThing"]["traits"], json!({ "smithy.api#readonly": {} }));
        assert_eq!(ours["shapes"]["ns#name"]["traits"], json!({ "smithy.api#length": {"min": 1} }));
        assert_eq!(ours["shapes"]["ns#GetThingRequest"]["members"]["Name"]["traits"], json!({ "smithy.api#required": {} }));
        assert_eq!(ours["shapes"]["ns#Svc"]["operations"], json!([{ "target": "ns#GetThing" }]));
        assert!(import(&mut ours, &official(), "GetThing").expect("again").is_empty());
        assert!(import(&mut ours, &official(), "Nope").is_err());
    }
}
