//! `polyiam`: see the crate's `run`.

fn main() {
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    std::process::exit(polyiam_cli::run(argv));
}
