//! The harness the core's integration tests share: the servers of tests/harness/ as child
//! processes, clients of them, and value-tree helpers. Needs the Python tools from scripts/setup.sh
//! (POLYIAM_PYTHON overrides the interpreter).
#![allow(dead_code)]

use polyiam_core::{Client, Config, Map, StaticCredentials, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

pub fn python() -> PathBuf {
    std::env::var("POLYIAM_PYTHON").map(PathBuf::from).unwrap_or_else(|_| repo().join(".venv/bin/python"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A harness server child; dropping it closes its stdin, which stops it.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub fn start(script: &str) -> Server {
        Server::start_with(script, &[])
    }

    pub fn start_with(script: &str, args: &[&str]) -> Server {
        Server::start_env(script, args, &[])
    }

    /// With `env` added to the child's environment (e.g. an auth-checking moto).
    pub fn start_env(script: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let python = python();
        let mut child = Command::new(&python)
            .arg(repo().join("tests/harness").join(script))
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {script} with {} (run scripts/setup.sh first): {e}", python.display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout")).read_line(&mut line).expect("reading the server URL");
        assert!(line.starts_with("http://127.0.0.1:"), "{script} printed {line:?}");
        Server { child, url: line.trim().to_string() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

pub fn moto() -> &'static str {
    static MOTO: OnceLock<Server> = OnceLock::new();
    // Leaked for the test binary's lifetime; the server exits when our stdin pipe closes at exit.
    &MOTO.get_or_init(|| Server::start("moto_server.py")).url
}

pub fn config(url: &str) -> Config {
    Config {
        endpoint_url: Some(url.to_string()),
        region: Some("us-east-1".into()),
        credentials: Some(StaticCredentials { access_key_id: "testing".into(), secret_access_key: "testing".into(), session_token: None }),
        ..Config::default()
    }
}

pub fn client(url: &str) -> Client {
    Client::connect_blocking("iam", &config(url)).expect("client")
}

/// The fault server (tests/harness/fault_server.py) in front of moto; one per test binary.
pub fn faults() -> &'static str {
    static FAULTS: OnceLock<Server> = OnceLock::new();
    &FAULTS.get_or_init(|| Server::start_with("fault_server.py", &["--upstream", moto()])).url
}

/// How many requests for `user` the fault server received under `fault` (its log is shared by the
/// tests, which run in parallel, each with its own user names).
pub fn requests_for(fault: &str, user: &str) -> usize {
    fault_log().iter().filter(|r| r["fault"] == fault && r["params"]["UserName"] == user).count()
}

/// The fault server's request log (`{"fault", "params"}`, oldest first).
pub fn fault_log() -> Vec<serde_json::Value> {
    let url = format!("{}/__harness__/requests", faults());
    let out = Command::new(python())
        .args(["-c", "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())", &url])
        .output()
        .expect("reading the fault server's log");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json log");
    log.as_array().expect("list").clone()
}

pub fn input(pairs: &[(&str, &str)]) -> Map {
    pairs.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect()
}

pub fn field<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |v, k| v.as_map().and_then(|m| m.get(*k)).unwrap_or_else(|| panic!("no {k} in {v:?}")))
}


/// How many requests of `action` for `user` the fault server received under `fault`.
pub fn requests_of(fault: &str, action: &str, user: &str) -> usize {
    fault_log().iter().filter(|r| r["fault"] == fault && r["params"]["Action"] == action && r["params"]["UserName"] == user).count()
}

/// tests/scenarios/<name>.json.
pub fn scenario(name: &str) -> serde_json::Value {
    let path = repo().join("tests/scenarios").join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("scenario")).expect("scenario json")
}

/// Runs tests/harness/gpg_keys.py with `args`; its standard output.
pub fn gpg_keys(args: &[&str]) -> String {
    let out = Command::new(python()).arg(repo().join("tests/harness/gpg_keys.py")).args(args).output().expect("gpg_keys.py");
    assert!(out.status.success(), "gpg_keys.py {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}
