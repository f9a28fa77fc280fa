//! `polyiam-codegen [--check] [--model FILE] [--root DIR]`
//!
//! Regenerates every generated file from model/ (default: <repo>/model/iam.json into <repo>).
//! With `--check`, writes nothing and exits 1 if any file would change (CI's drift check).

use polyiam_codegen::emit::{write_or_check, Outcome};
use polyiam_codegen::model::Model;
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

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut check = false;
    let mut model_path = repo.join("model/iam.json");
    let mut root = repo;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--model" => model_path = args.next().ok_or("--model needs a file")?.into(),
            "--root" => root = args.next().ok_or("--root needs a directory")?.into(),
            "-h" | "--help" => {
                println!("usage: polyiam-codegen [--check] [--model FILE] [--root DIR]");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)").into()),
        }
    }
    let model = Model::load(&model_path)?;
    let mut files = polyiam_codegen::generate(&model)?;
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
    if check {
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
    println!("polyiam-codegen: {written} of {} files written", files.len());
    Ok(ExitCode::SUCCESS)
}
