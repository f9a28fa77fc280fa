//! Shared by the generator's integration tests: a scratch copy of the core built with other glue.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("repo root")
}

/// The official IAM model beside the repository (`../shared/reference`). Its absence fails the
/// test: CI always has it. A local run without it may set POLYIAM_SKIP_REFERENCE=1 to skip the
/// tests that need it, which says so on stderr.
pub fn official_model(test: &str) -> Option<PathBuf> {
    reference_model("iam-2010-05-08.smithy.json", test)
}

/// An official model beside the repository, by file name (see `official_model`).
pub fn reference_model(file: &str, test: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/reference").join(file);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("POLYIAM_SKIP_REFERENCE").is_ok_and(|v| v == "1") {
        eprintln!("*** {test}: SKIPPED (POLYIAM_SKIP_REFERENCE=1): the official model is not at {} ***", p.display());
        return None;
    }
    panic!(
        "{test}: the official model is not at {}; CI always has ../shared/reference. \
         Set POLYIAM_SKIP_REFERENCE=1 to skip the tests that need it locally.",
        p.display()
    )
}

/// Writes a standalone crate `name` at `krate`: the core's sources with `generated` taken from
/// `glue`, the core's dependencies, and the workspace's Cargo.lock (so the AWS stack already
/// compiled in the workspace target dir is reused). Each scratch crate needs its own name: cargo
/// does not hash a local package's path, so two of one name would overwrite each other's artifacts.
pub fn scratch_core(krate: &Path, glue: &Path, name: &str) -> PathBuf {
    let root = repo();
    let _ = std::fs::remove_dir_all(krate.join("src"));
    copy_dir(&root.join("core/src"), &krate.join("src"), "generated");
    copy_dir(glue, &krate.join("src/generated"), "");
    let core_manifest = std::fs::read_to_string(root.join("core/Cargo.toml")).expect("core manifest");
    let workspace = std::fs::read_to_string(root.join("Cargo.toml")).expect("workspace manifest");
    std::fs::write(krate.join("Cargo.toml"), scratch_manifest(name, &core_manifest, &workspace, &root)).expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).expect("lockfile");
    krate.to_path_buf()
}

/// `cargo <subcommand>` on the scratch crate, in the workspace's target dir.
/// `args` start with the subcommand (`["test", "--lib"]`). The scratch crate has its own name, so
/// the core's doc tests (which name `polyiam_core`) cannot run there: test with `--lib`.
pub fn cargo_in_scratch(args: &[&str], krate: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo)
        .args(args)
        .args(["--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(repo().join("target")))
}

pub fn copy_dir(from: &Path, to: &Path, skip: &str) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        if entry.file_name() == skip {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()), skip);
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

pub fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

/// The core's manifest, standalone: workspace-inherited fields and dependencies spelled out.
fn scratch_manifest(name: &str, core: &str, workspace: &str, root: &Path) -> String {
    let deps: std::collections::BTreeMap<String, String> = section(workspace, "[workspace.dependencies]")
        .into_iter()
        .filter_map(|line| line.split_once(" = ").map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect();
    let mut out = format!("[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n");
    for line in section(core, "[dependencies]") {
        let Some((name, _)) = line.split_once(" = ") else { continue };
        let name = name.trim();
        let spec = match deps.get(name) {
            Some(spec) if spec.contains("path = \"") => {
                let rel = spec.split("path = \"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
                format!("{{ path = {:?} }}", root.join(rel).display().to_string())
            }
            Some(spec) => spec.clone(),
            None => line.split_once(" = ").map(|(_, v)| v.to_string()).unwrap_or_default(),
        };
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out
}

fn section<'a>(toml: &'a str, header: &str) -> Vec<&'a str> {
    toml.lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect()
}

