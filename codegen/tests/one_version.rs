//! One version: the workspace Cargo.toml's `[workspace.package] version` is the only place it is
//! written by hand; every package (Python, Node, R, the Rust crates) must carry that version. Fails
//! when any of them disagrees (fix: `cargo run -p polyiam-codegen`).

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `[workspace.package] version`, read from the file itself (not from this crate's build).
fn workspace_version() -> String {
    workspace_field("version")
}

fn workspace_field(name: &str) -> String {
    let text = read("Cargo.toml");
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[workspace.package]";
        } else if in_section {
            if let Some(v) = line.strip_prefix(name).map(str::trim).and_then(|r| r.strip_prefix('=')) {
                return v.trim().trim_matches('"').to_string();
            }
        }
    }
    panic!("Cargo.toml has no [workspace.package] {name}");
}

fn field<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.lines().find_map(|l| l.strip_prefix(prefix))
}

#[test]
fn every_package_has_the_workspace_version() {
    let v = workspace_version();
    assert_eq!(v, polyiam_codegen::version::VERSION, "the generator was built from another Cargo.toml");

    let pkg: serde_json::Value = serde_json::from_str(&read("bindings-node/package.json")).expect("package.json parses");
    assert_eq!(pkg["version"].as_str(), Some(v.as_str()), "bindings-node/package.json");

    let description = read("bindings-r/DESCRIPTION");
    assert_eq!(field(&description, "Version: "), Some(v.as_str()), "bindings-r/DESCRIPTION");
    let msrv = polyiam_codegen::version::RUST_VERSION;
    assert_eq!(msrv, workspace_field("rust-version"), "the generator was built from another rust-version");
    assert!(description.contains(&format!("rustc >= {msrv},")), "DESCRIPTION's SystemRequirements must ask for rustc >= {msrv}");

    let py = read("bindings-python/python/polyiam/_version.py");
    assert_eq!(field(&py, "__version__ = "), Some(format!("\"{v}\"").as_str()), "polyiam/_version.py");
    let init = read("bindings-python/python/polyiam/__init__.py");
    assert!(init.contains("from ._version import __version__"), "__init__.py must take __version__ from _version.py");
    assert!(!init.contains("__version__ = "), "__init__.py must not set its own __version__");

    // pyproject: no version of its own; maturin takes the crate's (the workspace's).
    let pyproject = read("bindings-python/pyproject.toml");
    assert!(pyproject.contains("dynamic = [\"version\"]"), "pyproject.toml must declare the version dynamic");
    assert!(!pyproject.lines().any(|l| l.trim_start().starts_with("version")), "pyproject.toml must not set a version");

    // Every crate inherits the workspace version and rust-version.
    for krate in ["core", "codegen", "bindings-python", "bindings-node", "bindings-r/src/rust", "workspace-hack", "bench/native"] {
        let toml = read(&format!("{krate}/Cargo.toml"));
        let own: Vec<&str> = toml.lines().filter(|l| l.starts_with("version") || l.starts_with("rust-version")).collect();
        assert_eq!(own, ["version.workspace = true", "rust-version.workspace = true"], "{krate}/Cargo.toml");
    }
}
