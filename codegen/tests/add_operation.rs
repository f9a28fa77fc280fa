//! The README's "Adding an operation" steps, done from scratch in a temporary copy: `codegen import
//! ListUsers` into a copy of model/iam.json, run the generator binary, and check that every layer has
//! the new operation, documented, and the core glue still compiles.

mod support;

use serde_json::Value as Json;
use std::process::Command;
use support::repo;

const NS: &str = "com.amazonaws.iam#";

#[test]
fn adding_an_operation_is_a_model_entry_and_a_regenerate() {
    let Some(official_path) = support::official_model("add_operation") else { return };
    let scratch = repo().join("target/add-operation");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("mkdir");
    let model_path = scratch.join("iam.json");
    // model/ binds every IAM operation: take ListUsers (and its own shapes) out of a copy first.
    let mut model: Json = serde_json::from_str(&std::fs::read_to_string(repo().join("model/iam.json")).expect("read")).expect("parse");
    let shapes = model["shapes"].as_object_mut().expect("shapes");
    for name in ["ListUsers", "ListUsersRequest", "ListUsersResponse"] {
        shapes.remove(&format!("{NS}{name}"));
    }
    for shape in shapes.values_mut().filter(|s| s["type"] == "service") {
        if let Some(ops) = shape.get_mut("operations").and_then(Json::as_array_mut) {
            ops.retain(|o| o["target"] != format!("{NS}ListUsers"));
        }
    }
    std::fs::write(&model_path, serde_json::to_string_pretty(&model).expect("json")).expect("write");
    let read_model = || -> Json { serde_json::from_str(&std::fs::read_to_string(&model_path).expect("read")).expect("parse") };
    assert!(read_model()["shapes"].get(format!("{NS}ListUsers")).is_none(), "the copy lacks the operation");

    // Step 1: import the operation (facts only) with the real generator binary.
    support::run(
        Command::new(env!("CARGO_BIN_EXE_polyiam-codegen"))
            .args(["import", "ListUsers", "--model"])
            .arg(&model_path)
            .arg("--official")
            .arg(&official_path),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ours = read_model();
    assert!(ours["shapes"].get(format!("{NS}ListUsersResponse")).is_some(), "the output shape was imported");
    assert!(!std::fs::read_to_string(&model_path).expect("read").contains("smithy.api#documentation\": \"<"), "no AWS prose");

    // Step 2: regenerate, with the real generator binary.
    let out = scratch.join("root");
    support::run(Command::new(env!("CARGO_BIN_EXE_polyiam-codegen")).arg("--model").arg(&model_path).arg("--root").arg(&out))
        .unwrap_or_else(|e| panic!("{e}"));

    // Step 3: every layer has the operation.
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert!(read("core/src/generated/iam/ops.rs").contains(".list_users()"));
    assert!(read("core/src/generated/iam/schema.rs").contains("name: \"ListUsers\""));
    let py = read("bindings-python/python/polyiam/iam.py");
    assert!(py.contains("def list_users(self") && py.contains("\"list_users\": \"ListUsers\""), "method and paginator");
    assert!(read("bindings-python/python/polyiam/iam.pyi").contains("class ListUsersResponseTypeDef"));
    // Documented from facts, with a link to AWS's page for the operation.
    assert!(py.contains("API_ListUsers.html"), "the docstring links the API reference");
    assert!(read("bindings-r/man/iam_list_users.Rd").contains("API_ListUsers.html"));

    // Step 4: the core compiles with the new glue.
    let krate = support::scratch_core(&scratch.join("core-added"), &out.join("core/src/generated"), "polyiam-core-added");
    support::cargo_in_scratch(&["build"], &krate).unwrap_or_else(|e| panic!("{e}"));
}
