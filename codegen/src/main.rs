//! `polyiam-codegen [--check] [--model FILE]... [--root DIR]`
//! `polyiam-codegen import OPERATION... [--model FILE] [--official FILE]`
//!
//! Regenerates every generated file from model/ (default: every service model in <repo>/model/,
//! into <repo>; `--model` picks model files instead, `import` targets model/iam.json unless one is given), and
//! removes generated files that no longer belong (a removed operation's page). With `--check`,
//! writes nothing and exits 1 if any file would change or is stale (CI's drift check).
//!
//! `import` copies operations and the shapes they reach from the official model (default:
//! <repo>/../shared/reference/iam-2010-05-08.smithy.json) into model/, facts only (see import.rs).

use polyiam_codegen::emit::{stale_files, write_or_check, Outcome};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("polyiam-codegen: {e}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: polyiam-codegen [--check] [--model FILE] [--root DIR]\n       polyiam-codegen import OPERATION... [--model FILE] [--official FILE]";

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut check = false;
    let mut model_paths: Vec<PathBuf> = Vec::new();
    let mut model_path = repo.join("model/iam.json");
    let model_dir = repo.join("model");
    let mut official_path = repo.join("../shared/reference/iam-2010-05-08.smithy.json");
    let mut root = repo;
    let mut import = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--model" => {
                model_path = args.next().ok_or("--model needs a file")?.into();
                model_paths.push(model_path.clone());
            }
            "--root" => root = args.next().ok_or("--root needs a directory")?.into(),
            "--official" => official_path = args.next().ok_or("--official needs a file")?.into(),
            "import" if import.is_none() => import = Some(Vec::new()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            op if import.is_some() && !op.starts_with('-') => import.get_or_insert_with(Vec::new).push(op.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
        }
    }
    if let Some(operations) = import {
        return import_operations(&model_path, &official_path, &operations);
    }
    // Every service model in model/, or the ones given with --model.
    let models = if model_paths.is_empty() {
        polyiam_codegen::service_models(&model_dir)?
    } else {
        polyiam_codegen::load_models(&model_paths)?
    };
    let mut files = polyiam_codegen::generate(&models)?;
    // package.json and DESCRIPTION cannot carry the generated-file header: only their version is stamped.
    files.extend(polyiam_codegen::version::stamp(&root)?);
    let mut drift = Vec::new();
    let mut written = 0;
    for file in &files {
        match write_or_check(&root, file, check).map_err(|e| format!("{}: {e}", file.path.display()))? {
            Outcome::Unchanged => {}
            Outcome::Written => written += 1,
            Outcome::Drift => drift.push(file.path.display().to_string()),
        }
    }
    let stale = stale_files(&root, &files)?;
    if check {
        drift.extend(stale.iter().map(|p| format!("{} (stale: generated, but no longer generated from model/)", p.display())));
        if drift.is_empty() {
            println!("polyiam-codegen: {} generated files are up to date", files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("polyiam-codegen: generated files are out of date (run `cargo run -p polyiam-codegen`):");
        for path in drift {
            eprintln!("  {path}");
        }
        return Ok(ExitCode::FAILURE);
    }
    for path in &stale {
        std::fs::remove_file(root.join(path)).map_err(|e| format!("removing stale {}: {e}", path.display()))?;
        println!("polyiam-codegen: removed stale {}", path.display());
    }
    println!("polyiam-codegen: {written} of {} files written", files.len());
    Ok(ExitCode::SUCCESS)
}

fn import_operations(model_path: &PathBuf, official_path: &PathBuf, operations: &[String]) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if operations.is_empty() {
        return Err(format!("import needs at least one operation name\n{USAGE}").into());
    }
    let read = |p: &PathBuf| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        let text = std::fs::read_to_string(p).map_err(|e| format!("reading {}: {e}", p.display()))?;
        Ok(serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", p.display()))?)
    };
    let official = read(official_path)?;
    // A model file that does not exist yet starts as the official service shape (a new service).
    let mut ours = if model_path.exists() { read(model_path)? } else { polyiam_codegen::import::skeleton(&official)? };
    for op in operations {
        let added = polyiam_codegen::import::import(&mut ours, &official, op)?;
        println!("polyiam-codegen: {op}: {} shape(s) added", added.len());
    }
    std::fs::write(model_path, polyiam_codegen::import::to_model_text(&ours)?)?;
    println!("polyiam-codegen: {} updated; now run `cargo run -p polyiam-codegen` to regenerate", model_path.display());
    Ok(ExitCode::SUCCESS)
}
