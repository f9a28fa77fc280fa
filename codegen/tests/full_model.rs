//! The generator on the whole official IAM model (176 operations), not just model/: every file is
//! generated, the Rust glue is compiled against aws-sdk-iam inside a scratch copy of the core, and
//! the generated files of every other language are syntax-checked with that language's own tool.
//!
//! Skipped (with a note) when ../shared/reference is absent. Uses the workspace's target dir and
//! Cargo.lock, so the AWS stack compiled for the workspace is reused and only the glue compiles.

use polyiam_codegen::emit::{write_or_check, GeneratedFile};
use polyiam_codegen::model::Model;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::repo;

fn official() -> Option<PathBuf> {
    support::official_model("full_model")
}

fn generate_full(out: &Path) -> (Model, Vec<GeneratedFile>) {
    let model = Model::load(&official().expect("checked by caller")).expect("official model loads");
    let files = polyiam_codegen::generate(std::slice::from_ref(&model)).expect("generation succeeds");
    for f in &files {
        write_or_check(out, f, false).expect("write generated file");
    }
    (model, files)
}

#[test]
fn full_model_generates_for_every_operation() {
    if official().is_none() {
        return;
    }
    let out = repo().join("target/full-model/generated");
    let _ = std::fs::remove_dir_all(&out);
    let (model, files) = generate_full(&out);
    assert_eq!(model.operations.len(), 176);
    let ops = std::fs::read_to_string(out.join("core/src/generated/iam/ops.rs")).expect("ops.rs");
    let calls = ops.matches(".send()").count();
    assert_eq!(calls, 176, "one fluent-builder call per operation");
    assert!(files.iter().any(|f| f.path.ends_with("iam.py")));
}

#[test]
fn full_model_rust_glue_compiles_and_round_trips() {
    if official().is_none() {
        return;
    }
    let root = repo();
    let scratch = root.join("target/full-model");
    let gen = scratch.join("rust-gen");
    let _ = std::fs::remove_dir_all(&gen);
    generate_full(&gen);

    let krate = support::scratch_core(&scratch.join("core-full"), &gen.join("core/src/generated"), "polyiam-core-full");
    // The round-trip tests of every shape kind run inside the scratch crate.
    let tests = krate.join("tests");
    std::fs::create_dir_all(&tests).expect("mkdir tests");
    std::fs::copy(root.join("codegen/tests/fixtures/full_model_roundtrip.rs"), tests.join("roundtrip.rs")).expect("copy fixture");

    let result = support::cargo_in_scratch(&["test", "--lib"], &krate);
    if let Err(e) = result {
        panic!("the full model's glue does not compile or its round trips fail:\n{}", e.chars().take(20_000).collect::<String>());
    }
}

#[test]
fn full_model_language_layers_parse() {
    if official().is_none() {
        return;
    }
    let out = repo().join("target/full-model/lang-gen");
    let _ = std::fs::remove_dir_all(&out);
    let (_, files) = generate_full(&out);
    let python = std::env::var("POLYIAM_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut failures = Vec::new();
    let mut checked = 0;
    for f in &files {
        let path = out.join(&f.path);
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let check = match ext {
            "py" | "pyi" => Some(Command::new(&python).args(["-c", "import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])"]).arg(&path).output()),
            "js" | "mjs" | "cjs" => Some(Command::new("node").arg("--check").arg(&path).output()),
            "R" => Some(Command::new("Rscript").args(["-e", "invisible(parse(file = commandArgs(TRUE)[1]))"]).arg(&path).output()),
            _ => None,
        };
        let Some(result) = check else { continue };
        checked += 1;
        match result {
            Ok(o) if o.status.success() => {}
            Ok(o) => failures.push(format!("{}: {}", f.path.display(), String::from_utf8_lossy(&o.stderr))),
            Err(e) => failures.push(format!("{}: could not run the checker for .{ext}: {e}", f.path.display())),
        }
    }
    assert!(checked >= 2, "expected generated files to check, found {checked}");
    assert!(failures.is_empty(), "generated files that do not parse:\n{}", failures.join("\n"));
}

#[test]
fn full_model_python_method_names_match_botocore() {
    if official().is_none() {
        return;
    }
    let out = repo().join("target/full-model/names-gen");
    let _ = std::fs::remove_dir_all(&out);
    generate_full(&out);
    let python = std::env::var("POLYIAM_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = r#"
import ast, sys
try:
    import botocore.session
except ImportError:
    print("skipped: botocore is not installed"); sys.exit(0)
from botocore import xform_name
tree = ast.parse(open(sys.argv[1]).read())
cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "IAM")
ours = {f.name for f in cls.body if isinstance(f, ast.FunctionDef)}
model = botocore.session.get_session().get_service_model("iam")
theirs = {xform_name(op) for op in model.operation_names}
# botocore may be newer than the saved model (more operations); every one of ours must be boto3's.
if not ours <= theirs or len(ours) != 176:
    print("not in boto3:", sorted(ours - theirs), "count:", len(ours)); sys.exit(1)
print(f"{len(ours)} method names match botocore")
"#;
    let path = out.join("bindings-python/python/polyiam/iam.py");
    if let Err(e) = support::run(Command::new(python).args(["-c", script]).arg(path)) {
        panic!("{e}");
    }
}
