//! The README's "Adding a service" steps, followed from scratch for STS: `codegen import` into a
//! model file that does not exist yet, then the generator; the results must be the committed
//! model/sts.json and generated files, and the core must depend on the service's smithy-rs crate.

mod support;

use std::process::Command;
use support::repo;

#[test]
fn adding_a_service_is_a_model_file_a_crate_and_a_regenerate() {
    let Some(official) = support::reference_model("sts-2011-06-15.smithy.json", "add_service") else { return };
    let scratch = repo().join("target/add-service");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("mkdir");
    let sts = scratch.join("sts.json");
    let codegen = || Command::new(env!("CARGO_BIN_EXE_polyiam-codegen"));

    // Step 1: import the operations (the committed model's: the whole STS API) into a new model file.
    let committed = std::fs::read_to_string(repo().join("model/sts.json")).expect("model/sts.json");
    let model: serde_json::Value = serde_json::from_str(&committed).expect("model/sts.json is JSON");
    let operations: Vec<String> = model["shapes"]
        .as_object()
        .expect("shapes")
        .iter()
        .filter(|(_, shape)| shape["type"] == "operation")
        .map(|(id, _)| id.rsplit('#').next().unwrap_or(id).to_string())
        .collect();
    assert!(operations.len() > 2, "model/sts.json has the whole STS API");
    support::run(codegen().arg("import").args(&operations).arg("--model").arg(&sts).arg("--official").arg(&official)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(std::fs::read_to_string(&sts).expect("imported"), committed, "the import reproduces model/sts.json");

    // Step 2: the service's smithy-rs crate is a dependency of the core (named after the SDK id).
    let manifest = std::fs::read_to_string(repo().join("core/Cargo.toml")).expect("core manifest");
    for model in polyiam_codegen::service_models(&repo().join("model")).expect("models") {
        let krate = format!("aws-sdk-{}", model.service.sdk_id.to_ascii_lowercase());
        assert!(manifest.contains(&krate), "core/Cargo.toml lacks {krate}");
    }

    // Step 3: regenerate; every file is the committed one.
    let out = scratch.join("root");
    let (iam, ext) = (repo().join("model/iam.json"), repo().join("model/polyiam.json"));
    support::run(codegen().arg("--model").arg(iam).arg("--model").arg(ext).arg("--model").arg(&sts).arg("--root").arg(&out))
        .unwrap_or_else(|e| panic!("{e}"));
    for path in ["core/src/generated/mod.rs", "core/src/generated/sts/ops.rs", "bindings-python/python/polyiam/sts.py", "bindings-node/lib/sts/client.js", "bindings-r/R/sts.R", "bindings-r/NAMESPACE"] {
        let ours = std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let committed = std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(ours, committed, "{path} differs from the committed one");
    }
}
