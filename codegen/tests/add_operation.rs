//! The README's "Adding an operation" steps, done in a temporary copy: add one operation (ListUsers)
//! and the shapes it needs to a copy of model/iam.json, run the generator binary, and check that
//! every layer has the new operation and the core glue still compiles.

mod support;

use serde_json::{json, Value as Json};
use std::collections::BTreeSet;
use std::process::Command;
use support::repo;

const NS: &str = "com.amazonaws.iam#";

/// Targets referenced by a shape (members, list member, map key/value, operation input/output/errors).
fn targets(shape: &Json) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["input", "output", "member", "key", "value"] {
        if let Some(t) = shape.get(key).and_then(|m| m.get("target")).and_then(Json::as_str) {
            out.push(t.to_string());
        }
    }
    for m in shape.get("members").and_then(Json::as_object).into_iter().flat_map(|m| m.values()) {
        if let Some(t) = m.get("target").and_then(Json::as_str) {
            out.push(t.to_string());
        }
    }
    for e in shape.get("errors").and_then(Json::as_array).into_iter().flatten() {
        if let Some(t) = e.get("target").and_then(Json::as_str) {
            out.push(t.to_string());
        }
    }
    out
}

/// Step 1 of the README: copy the operation and every shape it reaches that model/ lacks, with
/// documentation in our own words (here a placeholder) and the examples trait left out.
fn add_operation(ours: &mut Json, official: &Json, op: &str) -> BTreeSet<String> {
    let official_shapes = official["shapes"].as_object().expect("official shapes");
    let mut added = BTreeSet::new();
    let mut stack = vec![format!("{NS}{op}")];
    while let Some(id) = stack.pop() {
        if id.starts_with("smithy.api#") || ours["shapes"].get(&id).is_some() {
            continue;
        }
        let mut shape = official_shapes[&id].clone();
        stack.extend(targets(&shape));
        let doc = format!("Test-added {}.", id.trim_start_matches(NS));
        if let Some(traits) = shape.get_mut("traits").and_then(Json::as_object_mut) {
            traits.remove("smithy.api#examples");
            traits.insert("smithy.api#documentation".into(), json!(doc));
        }
        for m in shape.get_mut("members").and_then(Json::as_object_mut).into_iter().flat_map(|m| m.values_mut()) {
            if let Some(traits) = m.get_mut("traits").and_then(Json::as_object_mut) {
                traits.insert("smithy.api#documentation".into(), json!("Test-added member."));
            }
        }
        ours["shapes"][&id] = shape;
        added.insert(id);
    }
    let service = ours["shapes"]
        .as_object_mut()
        .and_then(|s| s.values_mut().find(|s| s["type"] == "service"))
        .expect("service shape");
    let ops = service["operations"].as_array_mut().expect("operations");
    ops.push(json!({ "target": format!("{NS}{op}") }));
    ops.sort_by(|a, b| a["target"].as_str().cmp(&b["target"].as_str()));
    added
}

#[test]
fn adding_an_operation_is_a_model_entry_and_a_regenerate() {
    let official_path = repo().join("../shared/reference/iam-2010-05-08.smithy.json");
    if !official_path.exists() {
        eprintln!("skipped: official model not found at {}", official_path.display());
        return;
    }
    let official: Json = serde_json::from_str(&std::fs::read_to_string(&official_path).expect("read")).expect("parse");
    let mut ours: Json = serde_json::from_str(&std::fs::read_to_string(repo().join("model/iam.json")).expect("read")).expect("parse");
    assert!(ours["shapes"].get(format!("{NS}ListUsers")).is_none(), "pick an operation model/ does not have yet");
    let added = add_operation(&mut ours, &official, "ListUsers");
    assert!(added.contains(&format!("{NS}ListUsersResponse")), "{added:?}");

    let scratch = repo().join("target/add-operation");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("mkdir");
    let model_path = scratch.join("iam.json");
    std::fs::write(&model_path, serde_json::to_string_pretty(&ours).expect("json")).expect("write model");

    // Step 2: regenerate, with the real generator binary.
    let out = scratch.join("root");
    support::run(Command::new(env!("CARGO_BIN_EXE_polyiam-codegen")).arg("--model").arg(&model_path).arg("--root").arg(&out))
        .unwrap_or_else(|e| panic!("{e}"));

    // Step 3: every layer has the operation.
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert!(read("core/src/generated/ops.rs").contains(".list_users()"));
    assert!(read("core/src/generated/schema.rs").contains("name: \"ListUsers\""));
    let py = read("bindings-python/python/polyiam/iam.py");
    assert!(py.contains("def list_users(self") && py.contains("\"list_users\": \"ListUsers\""), "method and paginator");
    assert!(read("bindings-python/python/polyiam/iam.pyi").contains("class ListUsersResponseTypeDef"));

    // Step 4: the core compiles with the new glue.
    let krate = support::scratch_core(&scratch.join("core-added"), &out.join("core/src/generated"), "polyiam-core-added");
    support::cargo_in_scratch("build", &krate).unwrap_or_else(|e| panic!("{e}"));
}
