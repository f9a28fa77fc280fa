//! One version: the workspace's (`[workspace.package] version` in Cargo.toml, which this crate
//! inherits) is stamped into every language package. Files that can carry the generated-file header
//! are generated whole (`polyiam/_version.py`); files that cannot (`package.json`, R's `DESCRIPTION`)
//! get only their version field rewritten, and `--check` reports them when they disagree. The Python
//! distribution's own version comes from Cargo.toml through maturin (`dynamic = ["version"]`).

use crate::emit::{header, GeneratedFile};
use std::path::Path;

/// The workspace version this generator was built with.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The workspace's rust-version (the minimum rustc), stamped into R's `SystemRequirements`.
pub const RUST_VERSION: &str = env!("CARGO_PKG_RUST_VERSION");

/// In DESCRIPTION's SystemRequirements: the text before the minimum rustc version.
const RUSTC_MIN_PREFIX: &str = "rustc >= ";

/// Package files whose version field is stamped in place: (path, field prefix at the start of a line).
pub const STAMPED: &[(&str, &str)] = &[("bindings-node/package.json", "  \"version\": "), ("bindings-r/DESCRIPTION", "Version: ")];

/// `MAJOR.MINOR.PATCH` only: PEP 440, npm and R spell pre-releases differently, so one string cannot
/// serve all three.
pub fn check(version: &str) -> Result<(), String> {
    let parts: Vec<&str> = version.split('.').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        Ok(())
    } else {
        Err(format!("workspace version {version:?} is not MAJOR.MINOR.PATCH (the one form PyPI, npm and R all accept)"))
    }
}

/// The generated files that carry the version.
pub fn emit() -> Result<Vec<GeneratedFile>, String> {
    check(VERSION)?;
    let py = format!("{}\n\"\"\"polyiam's version: the workspace's, from Cargo.toml.\"\"\"\n\n__version__ = \"{VERSION}\"\n", header("#"));
    Ok(vec![GeneratedFile::new("bindings-python/python/polyiam/_version.py", py)])
}

/// `text` with the version line (the first line starting with `prefix`) set to `version`.
pub fn stamp_text(text: &str, prefix: &str, version: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    for line in text.split_inclusive('\n') {
        if !found && line.starts_with(prefix) {
            found = true;
            let value = if prefix.trim_start().starts_with('"') { format!("\"{version}\",") } else { version.to_string() };
            out.push_str(prefix);
            out.push_str(&value);
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    if found {
        Ok(out)
    } else {
        Err(format!("no line starting with {prefix:?}"))
    }
}

/// `text` with the version after the first `rustc >= ` set to `rust_version`.
pub fn stamp_min_rustc(text: &str, rust_version: &str) -> Result<String, String> {
    let start = text.find(RUSTC_MIN_PREFIX).ok_or_else(|| format!("no {RUSTC_MIN_PREFIX:?}"))? + RUSTC_MIN_PREFIX.len();
    let len = text[start..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len() - start);
    let old = text[start..start + len].trim_end_matches('.');
    Ok(format!("{}{rust_version}{}", &text[..start], &text[start + old.len()..]))
}

/// The stamped package files under `root` (those that exist there: a scratch root has none).
pub fn stamp(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    check(VERSION)?;
    let mut files = Vec::new();
    for (path, prefix) in STAMPED {
        let Ok(text) = std::fs::read_to_string(root.join(path)) else { continue };
        let mut stamped = stamp_text(&text, prefix, VERSION).map_err(|e| format!("{path}: {e}"))?;
        if path.ends_with("DESCRIPTION") {
            stamped = stamp_min_rustc(&stamped, RUST_VERSION).map_err(|e| format!("{path}: {e}"))?;
        }
        files.push(GeneratedFile::new(*path, stamped));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_the_first_version_line_only() {
        let json = "{\n  \"name\": \"x\",\n  \"version\": \"0.0.1\",\n  \"dependencies\": {\n    \"version\": \"1\"\n  }\n}\n";
        let out = stamp_text(json, "  \"version\": ", "1.2.3").unwrap();
        assert_eq!(out, json.replace("\"0.0.1\"", "\"1.2.3\""));
        let dcf = "Package: polyiam\nVersion: 0.1.0\nTitle: t\n";
        assert_eq!(stamp_text(dcf, "Version: ", "2.0.0").unwrap(), "Package: polyiam\nVersion: 2.0.0\nTitle: t\n");
        assert!(stamp_text("Package: x\n", "Version: ", "1.0.0").is_err());
    }

    #[test]
    fn stamps_the_minimum_rustc() {
        let dcf = "SystemRequirements: Cargo and rustc >= 1.85, with access\nVersion: 1.0.0\n";
        assert_eq!(stamp_min_rustc(dcf, "1.94.1").unwrap(), "SystemRequirements: Cargo and rustc >= 1.94.1, with access\nVersion: 1.0.0\n");
        assert!(stamp_min_rustc("no such text", "1.0").is_err());
    }

    #[test]
    fn only_plain_versions() {
        assert!(check("0.1.0").is_ok());
        for bad in ["0.1", "0.1.0-beta.1", "1.0.0.1", "a.b.c", ""] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
