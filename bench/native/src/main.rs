//! Per-call time of `CreateAccessKey` from Rust: the SDK called natively (aws-sdk-iam) and through
//! polyiam's core (`Client::call`), against one endpoint (the static server or moto).
//!
//! ```text
//! cargo run --release -p polyiam-bench-native -- --endpoint http://127.0.0.1:PORT [--calls N]
//!     [--warmup W] [--client all|native|native-blocking|core|core-blocking] [--moto] [--user NAME]
//!     [--cold] [--json]
//! ```
//!
//! Clients:
//! - `native`: aws-sdk-iam, the whole loop awaited inside one tokio runtime (how Rust code uses it);
//! - `native-blocking`: aws-sdk-iam, one `block_on` per call from the main thread;
//! - `core`: `polyiam_core::Client::call` awaited inside the core's runtime (no per-call `block_on`);
//! - `core-blocking`: `Client::call_blocking` per call from the main thread: exactly what the
//!   Python and R bindings do under the language layer.
//!
//! `--moto`: create the user first and delete every key right after its (timed) creation, since moto
//! allows two keys per user. `--cold`: build the client and make one call (the process's first).
//! `--json`: one JSON object per client on stdout (what bench/run.py reads).

use polyiam_bench_native::native_client;
use polyiam_core::{Map, Value};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const CLIENTS: [&str; 4] = ["native", "native-blocking", "core", "core-blocking"];

struct Args {
    endpoint: String,
    calls: usize,
    warmup: usize,
    clients: Vec<String>,
    moto: bool,
    user: String,
    cold: bool,
    json: bool,
}

fn usage() -> String {
    "usage: polyiam-bench-native --endpoint URL [--calls N] [--warmup W] \
     [--client all|native|native-blocking|core|core-blocking] [--moto] [--user NAME] [--cold] [--json]"
        .to_string()
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        endpoint: String::new(),
        calls: 2000,
        warmup: 200,
        clients: CLIENTS.iter().map(|s| s.to_string()).collect(),
        moto: false,
        user: "bench-native".to_string(),
        cold: false,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{}", usage()));
        match arg.as_str() {
            "--endpoint" => args.endpoint = value("--endpoint")?,
            "--calls" => args.calls = value("--calls")?.parse().map_err(|e| format!("--calls: {e}"))?,
            "--warmup" => args.warmup = value("--warmup")?.parse().map_err(|e| format!("--warmup: {e}"))?,
            "--client" => {
                let c = value("--client")?;
                args.clients = if c == "all" {
                    CLIENTS.iter().map(|s| s.to_string()).collect()
                } else if CLIENTS.contains(&c.as_str()) {
                    vec![c]
                } else {
                    return Err(format!("unknown client {c:?}\n{}", usage()));
                };
            }
            "--user" => args.user = value("--user")?,
            "--moto" => args.moto = true,
            "--cold" => args.cold = true,
            "--json" => args.json = true,
            "-h" | "--help" => return Err(usage()),
            other => return Err(format!("unknown argument {other:?}\n{}", usage())),
        }
    }
    if args.endpoint.is_empty() {
        return Err(usage());
    }
    if args.cold && args.clients.len() != 1 {
        return Err("--cold measures one client per process: pass --client".to_string());
    }
    Ok(args)
}

/// One benchmark subject: build a client, create one key (returning its id), delete a key.
enum Subject {
    Native { rt: tokio::runtime::Runtime, sdk: aws_sdk_iam::Client, blocking: bool },
    Core { core: polyiam_core::Client, blocking: bool },
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn native_runtime() -> Result<tokio::runtime::Runtime, BoxError> {
    // The same shape as polyiam's shared runtime (core/src/runtime.rs), so only the client differs.
    Ok(tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?)
}

fn core_config(endpoint: &str) -> polyiam_core::Config {
    polyiam_core::Config {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.into()),
        credentials: Some(polyiam_core::StaticCredentials {
            access_key_id: "testing".into(),
            secret_access_key: "testing".into(),
            session_token: None,
        }),
        ..Default::default()
    }
}

fn user_input(user: &str) -> Map {
    let mut m = Map::new();
    m.insert("UserName".into(), Value::String(user.into()));
    m
}

impl Subject {
    fn build(name: &str, endpoint: &str) -> Result<Subject, BoxError> {
        Ok(match name {
            "native" | "native-blocking" => {
                let rt = native_runtime()?;
                let sdk = rt.block_on(native_client(endpoint));
                Subject::Native { rt, sdk, blocking: name == "native-blocking" }
            }
            _ => Subject::Core {
                core: polyiam_core::Client::connect_blocking("iam", &core_config(endpoint))?,
                blocking: name == "core-blocking",
            },
        })
    }

    fn sdk(&self) -> Result<aws_sdk_iam::Client, BoxError> {
        match self {
            Subject::Native { sdk, .. } => Ok(sdk.clone()),
            Subject::Core { core, .. } => Ok(polyiam_core::runtime::block_on(core.sdk::<aws_sdk_iam::Client>())??),
        }
    }

    fn block_on<F: std::future::Future>(&self, fut: F) -> Result<F::Output, BoxError> {
        match self {
            Subject::Native { rt, .. } => Ok(rt.block_on(fut)),
            Subject::Core { .. } => Ok(polyiam_core::runtime::block_on(fut)?),
        }
    }

    /// Creates the user (moto); an existing user is fine.
    fn ensure_user(&self, user: &str) -> Result<(), BoxError> {
        let sdk = self.sdk()?;
        let res = self.block_on(async move { sdk.create_user().user_name(user).send().await })?;
        match res {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_entity_already_exists_exception()) => Ok(()),
            Err(e) => Err(format!("create_user: {}", aws_sdk_iam::error::DisplayErrorContext(&e)).into()),
        }
    }

    fn delete_key(&self, user: &str, key_id: &str) -> Result<(), BoxError> {
        let sdk = self.sdk()?;
        self.block_on(async move { sdk.delete_access_key().user_name(user).access_key_id(key_id).send().await })?
            .map_err(|e| format!("delete_access_key: {}", aws_sdk_iam::error::DisplayErrorContext(&e)))?;
        Ok(())
    }

    /// `n` timed calls (each followed, untimed, by a delete when `moto`); per-call durations.
    fn run(&self, user: &str, n: usize, moto: bool) -> Result<Vec<Duration>, BoxError> {
        let mut times = Vec::with_capacity(n);
        match self {
            Subject::Native { rt, sdk, blocking } => {
                if *blocking {
                    for _ in 0..n {
                        let t = Instant::now();
                        let out = rt.block_on(sdk.create_access_key().user_name(user).send());
                        times.push(t.elapsed());
                        let out = out.map_err(|e| format!("create_access_key: {}", aws_sdk_iam::error::DisplayErrorContext(&e)))?;
                        if moto {
                            self.delete_key(user, &native_key_id(&out)?)?;
                        }
                    }
                } else {
                    rt.block_on(async {
                        for _ in 0..n {
                            let t = Instant::now();
                            let out = sdk.create_access_key().user_name(user).send().await;
                            times.push(t.elapsed());
                            let out = out.map_err(|e| format!("create_access_key: {}", aws_sdk_iam::error::DisplayErrorContext(&e)))?;
                            if moto {
                                let id = native_key_id(&out)?;
                                sdk.delete_access_key()
                                    .user_name(user)
                                    .access_key_id(id)
                                    .send()
                                    .await
                                    .map_err(|e| format!("delete_access_key: {}", aws_sdk_iam::error::DisplayErrorContext(&e)))?;
                            }
                        }
                        Ok::<(), BoxError>(())
                    })?;
                }
            }
            Subject::Core { core, blocking } => {
                let input = user_input(user);
                if *blocking {
                    for _ in 0..n {
                        let t = Instant::now();
                        let out = core.call_blocking("CreateAccessKey", &input);
                        times.push(t.elapsed());
                        if moto {
                            self.delete_key(user, &core_key_id(&out?.output)?)?;
                        } else {
                            out?;
                        }
                    }
                } else {
                    polyiam_core::runtime::block_on(async {
                        for _ in 0..n {
                            let t = Instant::now();
                            let out = core.call("CreateAccessKey", &input).await;
                            times.push(t.elapsed());
                            let out = out?;
                            if moto {
                                let id = core_key_id(&out.output)?;
                                core.sdk::<aws_sdk_iam::Client>()
                                    .await?
                                    .delete_access_key()
                                    .user_name(user)
                                    .access_key_id(id)
                                    .send()
                                    .await
                                    .map_err(|e| format!("delete_access_key: {}", aws_sdk_iam::error::DisplayErrorContext(&e)))?;
                            }
                        }
                        Ok::<(), BoxError>(())
                    })??;
                }
            }
        }
        Ok(times)
    }
}

fn native_key_id(out: &aws_sdk_iam::operation::create_access_key::CreateAccessKeyOutput) -> Result<String, BoxError> {
    Ok(out.access_key().map(|k| k.access_key_id().to_string()).ok_or("response without AccessKey")?)
}

fn core_key_id(output: &Value) -> Result<String, BoxError> {
    if let Value::Map(m) = output {
        if let Some(Value::Map(key)) = m.get("AccessKey") {
            if let Some(Value::String(id)) = key.get("AccessKeyId").map(Value::revealed) {
                return Ok(id.clone());
            }
        }
    }
    Err("response without AccessKey.AccessKeyId".into())
}

/// This process's peak RSS in MB (VmHWM; Linux only). Read here rather than by the parent through
/// `ru_maxrss`, which also counts the image before `exec` (the parent's own RSS under vfork).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

struct Stats {
    mean: f64,
    p50: f64,
    p90: f64,
    p99: f64,
    min: f64,
}

fn stats(times: &[Duration]) -> Option<Stats> {
    if times.is_empty() {
        return None;
    }
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let pick = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    Some(Stats { mean: ms.iter().sum::<f64>() / ms.len() as f64, p50: pick(0.5), p90: pick(0.9), p99: pick(0.99), min: ms[0] })
}

fn run_client(name: &str, args: &Args) -> Result<(), BoxError> {
    let t0 = Instant::now();
    let subject = Subject::build(name, &args.endpoint)?;
    let t_client = t0.elapsed();
    if args.moto && !args.cold {
        subject.ensure_user(&args.user)?;
    }
    // The first call, alone: in a fresh process (--cold) this is what a cold start pays.
    let first = subject.run(&args.user, 1, args.moto)?;
    let t_first = first[0];
    let (calls, warmup) = if args.cold { (0, 0) } else { (args.calls, args.warmup) };
    subject.run(&args.user, warmup, args.moto)?;
    let times = subject.run(&args.user, calls, args.moto)?;
    let s = stats(&times);
    if args.json {
        let num = |f: Option<f64>| f.map_or("null".to_string(), |v| format!("{v:.6}"));
        println!(
            "{{\"client\": \"{name}\", \"calls\": {calls}, \"mean_ms\": {}, \"p50_ms\": {}, \"p90_ms\": {}, \"p99_ms\": {}, \
             \"min_ms\": {}, \"t_import_s\": 0.0, \"t_client_s\": {:.6}, \"t_first_s\": {:.6}, \"peak_rss_mb\": {}}}",
            num(s.as_ref().map(|s| s.mean)),
            num(s.as_ref().map(|s| s.p50)),
            num(s.as_ref().map(|s| s.p90)),
            num(s.as_ref().map(|s| s.p99)),
            num(s.as_ref().map(|s| s.min)),
            t_client.as_secs_f64(),
            t_first.as_secs_f64(),
            num(peak_rss_mb()),
        );
    } else if let Some(s) = s {
        println!(
            "{name:<16} {calls:>6} calls  mean {:.3} ms  p50 {:.3} ms  p90 {:.3} ms  p99 {:.3} ms  min {:.3} ms  \
             (client {:.1} ms, first call {:.1} ms)",
            s.mean,
            s.p50,
            s.p90,
            s.p99,
            s.min,
            t_client.as_secs_f64() * 1e3,
            t_first.as_secs_f64() * 1e3
        );
    } else {
        println!("{name:<16} client {:.1} ms, first call {:.1} ms", t_client.as_secs_f64() * 1e3, t_first.as_secs_f64() * 1e3);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    for name in &args.clients {
        if let Err(e) = run_client(name, &args) {
            eprintln!("{name}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
