//! The user-environment cases (tests/scenarios/environment.json) with the `polyiam` binary:
//! credential sources, proxies, CA bundles, timeouts, retry modes. The protocol is the boto3
//! control's (bindings-python/tests/test_environment_boto3.py, tests/harness/README.md
//! "Environment harness"): tests/harness/environment.py once; per case a control reset, then the
//! binary with our environment minus clear_env plus case.env, then case.expect (or the case's
//! polyiam_expect, a documented deviation of every polyiam front end) and case.observe.
//! One #[test] runs every case (one harness for all) and reports all failing cases at the end.
//!
//! Case options become what an AWS CLI user writes: `--region`, `--endpoint-url`, `--profile`,
//! `--cli-read-timeout`, `--cli-connect-timeout`, `--ca-bundle PATH`, `--no-verify-ssl`; options
//! with no flag go through the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
//! AWS_SESSION_TOKEN, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, HTTP_PROXY / HTTPS_PROXY). Every call adds
//! `--output json --debug` (the --debug failure line names the error's kind) and the parameters as
//! `--cli-input-json`.
//! NOT in src/args.rs yet (assumed, the AWS CLI's names): `--ca-bundle` and `--no-verify-ssl`.

#[path = "../../core/tests/support/mod.rs"]
mod support;

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A case's `"cli": "skip: reason"` skips it here.
const LANG: &str = "cli";

/// Cases the AWS CLI's conventions cannot express, and why. A case that cannot be translated and
/// is not listed here fails, so this list stays explicit.
const SKIPS: &[(&str, &str)] = &[(
    "options-keys-beat-env",
    "the CLI takes access keys only from the environment, so 'option keys beat the environment's' has no CLI form",
)];

/// The exit code of each error kind (src/lib.rs `exit`: 253 = configuration, credentials or
/// profile; 255 = connection and timeouts).
fn exit_code(kind: &str) -> Option<i32> {
    match kind {
        "validation" => Some(252),
        "config" | "credentials" => Some(253),
        "service" => Some(254),
        "transport" | "connect_timeout" | "read_timeout" => Some(255),
        _ => None,
    }
}

struct Harness {
    child: Child,
    info: Value,
}

impl Harness {
    /// environment.py, or why the suite is skipped (no Python with moto).
    fn start() -> Result<Harness, String> {
        let python = support::python();
        let probe = Command::new(&python).args(["-c", "import moto, boto3"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
        if !probe.is_ok_and(|s| s.success()) {
            return Err(format!("no Python with moto at {} (set POLYIAM_PYTHON)", python.display()));
        }
        let mut child = Command::new(&python)
            .arg(support::repo().join("tests/harness/environment.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting environment.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout")).read_line(&mut line).expect("reading environment.py's line");
        let info = serde_json::from_str(&line).unwrap_or_else(|e| panic!("environment.py printed {:?}: {e}", clip(&line, 300)));
        Ok(Harness { child, info })
    }

    fn case(&self, name: &str) -> Option<&Value> {
        self.info["cases"].as_array()?.iter().find(|c| c["name"] == name)
    }

    /// `POST /__harness__/reset` or `GET /__harness__/requests` on the control server, through
    /// Python's urllib (as support::fault_log), without proxy variables.
    fn control(&self, what: &str, method: &str) -> Value {
        let url = format!("{}/__harness__/{what}", self.info["servers"]["control"].as_str().expect("servers.control"));
        let code = "import sys, urllib.request as u\n\
                    r = u.urlopen(u.Request(sys.argv[1], data=b'' if sys.argv[2] == 'POST' else None, method=sys.argv[2]), timeout=30)\n\
                    sys.stdout.write(r.read().decode())";
        let out = Command::new(support::python())
            .args(["-c", code, url.as_str(), method])
            .env_clear()
            .envs(child_env(&self.info["clear_env"], &Map::new()))
            .output()
            .expect("running python");
        assert!(out.status.success(), "{method} {url}: {}", String::from_utf8_lossy(&out.stderr));
        if out.stdout.is_empty() { Value::Null } else { serde_json::from_slice(&out.stdout).expect("control JSON") }
    }
}

impl Drop for Harness {
    /// Closing stdin stops every server and deletes the temp dir.
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// At most `n` characters of `s`, for messages.
fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect()
}

/// Our environment minus clear_env (prefixes and names), plus `overlay` (null = unset).
fn child_env(clear: &Value, overlay: &Map<String, Value>) -> BTreeMap<String, String> {
    let (prefixes, names) = (strings(&clear["prefixes"]), strings(&clear["names"]));
    let mut env: BTreeMap<String, String> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .filter(|(k, _)| !names.contains(k) && !prefixes.iter().any(|p| k.starts_with(p.as_str())))
        .collect();
    for (k, v) in overlay {
        match v {
            Value::Null => env.remove(k),
            Value::String(s) => env.insert(k.clone(), s.clone()),
            other => env.insert(k.clone(), other.to_string()),
        };
    }
    env
}

/// GetCallerIdentity -> get-caller-identity.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('-');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_lowercase());
    }
    out
}

/// The arguments and the added environment that say `case.options` the AWS CLI's way, or why
/// they cannot be said.
fn invocation(case: &Value, env: &BTreeMap<String, String>) -> Result<(Vec<String>, Vec<(String, String)>), String> {
    let service = case["service"].as_str().ok_or("no service")?;
    let operation = case["call"]["operation"].as_str().ok_or("no call.operation")?;
    let mut args = vec![service.to_string(), kebab(operation), "--output".into(), "json".into(), "--debug".into()];
    if case["call"]["params"].as_object().is_some_and(|p| !p.is_empty()) {
        args.extend(["--cli-input-json".to_string(), case["call"]["params"].to_string()]);
    }
    let mut extra: Vec<(String, String)> = Vec::new();
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    for (name, value) in case["options"].as_object().ok_or("no options")? {
        let (flag, var) = match name.as_str() {
            "region" => ("--region", ""),
            "endpoint_url" => ("--endpoint-url", ""),
            "profile" => ("--profile", ""),
            "read_timeout" => ("--cli-read-timeout", ""),
            "connect_timeout" => ("--cli-connect-timeout", ""),
            "ca_bundle" => ("--ca-bundle", ""),
            "verify" if value == &Value::Bool(false) => {
                args.push("--no-verify-ssl".into());
                continue;
            }
            "verify" if value == &Value::Bool(true) => continue, // the default
            "access_key_id" => ("", "AWS_ACCESS_KEY_ID"),
            "secret_access_key" => ("", "AWS_SECRET_ACCESS_KEY"),
            "session_token" => ("", "AWS_SESSION_TOKEN"),
            "max_attempts" => ("", "AWS_MAX_ATTEMPTS"),
            "retry_mode" => ("", "AWS_RETRY_MODE"),
            "proxies" => {
                for (scheme, url) in value.as_object().ok_or("proxies is not an object")? {
                    match scheme.as_str() {
                        "http" => extra.push(("HTTP_PROXY".into(), text(url))),
                        "https" => extra.push(("HTTPS_PROXY".into(), text(url))),
                        other => return Err(format!("no CLI form for a {other} proxy")),
                    }
                }
                continue;
            }
            other => return Err(format!("no CLI form for the option {other}={value}")),
        };
        if var.is_empty() {
            args.extend([flag.to_string(), text(value)]);
        } else {
            extra.push((var.to_string(), text(value)));
        }
    }
    // An option said through the environment must not contradict the case's own variables.
    for (k, v) in &extra {
        if let Some(set) = env.get(k).filter(|set| *set != v) {
            return Err(format!("the option {k}={v} contradicts the case's environment {k}={set}"));
        }
    }
    Ok((args, extra))
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    seconds: f64,
}

fn drain(mut r: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = r.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The binary with exactly `env`; killed after 60 s (code None).
fn run_cli(args: &[String], env: &BTreeMap<String, String>) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_polyiam"))
        .args(args)
        .env_clear()
        .envs(env)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running polyiam");
    let (stdout, stderr) = (drain(child.stdout.take().expect("stdout")), drain(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for polyiam") {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = started.elapsed().as_secs_f64();
    Run { code: status.and_then(|s| s.code()), stdout: stdout.join().unwrap_or_default(), stderr: stderr.join().unwrap_or_default(), seconds }
}

/// Every key of `expected` is in `actual` with a matching value; lists match item by item.
fn subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, v)| {
            let got = a.get(k).ok_or_else(|| format!("{at}: no {k} in {:?}", a.keys().collect::<Vec<_>>()))?;
            subset(v, got, &format!("{at}.{k}"))
        }),
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            e.iter().zip(a).enumerate().try_for_each(|(i, (x, y))| subset(x, y, &format!("{at}[{i}]")))
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at}: expected {expected}, got {actual}")),
    }
}

/// The checks of one case; every problem found.
fn check(case: &Value, run: &Run, logs: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let expect = case.get("polyiam_expect").unwrap_or(&case["expect"]);
    if let Some(result) = expect.get("result") {
        // The AWS CLI prints the output without boto3's ResponseMetadata; the retry cases' attempt
        // count (RetryAttempts) is checked by their observe rules (exactly two requests).
        let mut result = result.clone();
        if let Some(m) = result.as_object_mut() {
            m.remove("ResponseMetadata");
        }
        match (run.code, serde_json::from_str::<Value>(&run.stdout)) {
            (Some(0), Ok(out)) => problems.extend(subset(&result, &out, "result").err()),
            _ => problems.push(format!("expected success, exit {:?}; stdout {:?}; stderr {}", run.code, run.stdout, run.stderr)),
        }
    } else {
        let error = &expect["error"];
        let kind = error["polyiam_kind"].as_str().unwrap_or_default();
        let stderr = run.stderr.to_lowercase();
        match exit_code(kind) {
            None => problems.push(format!("no exit code for the kind {kind}: add it to exit_code()")),
            Some(code) if run.code != Some(code) => problems.push(format!("exit {:?}, expected {code} for {kind}", run.code)),
            Some(_) => {}
        }
        // `kind` is on the --debug failure line; the code is in a service error's message, and for
        // the other kinds must be shown too (the --debug line is the place for it).
        let mut wanted = vec![format!("kind {kind}"), error["code"].as_str().unwrap_or_default().to_string()];
        wanted.extend(strings(&error["message_contains"]));
        for fragment in wanted {
            if !stderr.contains(&fragment.to_lowercase()) {
                problems.push(format!("{fragment:?} not in stderr"));
            }
        }
        for fragment in strings(&error["message_excludes"]) {
            if stderr.contains(&fragment.to_lowercase()) {
                problems.push(format!("{fragment:?} leaked into stderr"));
            }
        }
        if !problems.is_empty() {
            problems.push(format!("stderr was: {}", run.stderr));
        }
    }
    if let Some(max) = expect["max_seconds"].as_f64().filter(|max| run.seconds > *max) {
        problems.push(format!("took {:.1} s (limit {max} s)", run.seconds));
    }
    for rule in case["observe"].as_array().into_iter().flatten() {
        let server = rule["server"].as_str().unwrap_or_default();
        let Some(entries) = logs[server].as_array() else {
            problems.push(format!("no request log for the server {server}"));
            continue;
        };
        let count = entries.iter().filter(|entry| subset(&rule["where"], entry, "").is_ok()).count() as u64;
        let (least, most) = (rule["at_least"].as_u64().unwrap_or(0), rule["at_most"].as_u64());
        if count < least || most.is_some_and(|most| count > most) {
            problems.push(format!("{rule}: {count} matching requests; log: {}", clip(&Value::Array(entries.clone()).to_string(), 2000)));
        }
    }
    problems
}

#[test]
fn environment_cases_with_the_cli() {
    let harness = match Harness::start() {
        Ok(h) => h,
        Err(why) => return println!("skipped: {why}"),
    };
    let names: Vec<String> = support::scenario("environment")["cases"].as_array().expect("cases").iter().map(|c| c["name"].as_str().expect("name").to_string()).collect();
    let mut failures = Vec::new();
    for name in &names {
        let Some(case) = harness.case(name) else {
            failures.push(format!("{name}: environment.py did not print it"));
            continue;
        };
        if let Some(reason) = case[LANG].as_str().and_then(|m| m.strip_prefix("skip:")) {
            println!("{name}: skipped: {}", reason.trim());
            continue;
        }
        let env = child_env(&harness.info["clear_env"], case["env"].as_object().expect("case.env"));
        let listed = SKIPS.iter().find(|(n, _)| *n == name.as_str()).map(|(_, why)| *why);
        let (args, extra) = match (invocation(case, &env), listed) {
            (_, Some(why)) => {
                println!("{name}: skipped: {why}");
                continue;
            }
            (Ok(inv), None) => inv,
            (Err(why), None) => {
                failures.push(format!("{name}: {why} (list it in SKIPS if the CLI cannot say it)"));
                continue;
            }
        };
        let mut env = env;
        env.extend(extra);
        harness.control("reset", "POST");
        let run = run_cli(&args, &env);
        let problems = check(case, &run, &harness.control("requests", "GET"));
        println!("{name}: {}", if problems.is_empty() { "ok" } else { "FAILED" });
        failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}
