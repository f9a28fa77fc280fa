//! Throughput on the static endpoint (bench/throughput.py): a static server in Rust, the raw HTTP
//! floor, and aws-sdk-iam with many calls in flight.
//!
//! ```text
//! throughput serve --response-file F     the static endpoint (bench/static_server.py's answer, written
//!                                        by `static_server.py --write-response F`) on one thread;
//!                                        prints its URL, stops when stdin closes
//! throughput floor --endpoint URL --connections N --calls M
//!                                        raw HTTP/1.1: N connections, each sending a CreateAccessKey-
//!                                        sized POST and reading the answer, one at a time (no signing,
//!                                        no XML): what the loopback, the server and HTTP cost
//! throughput native --endpoint URL --concurrency N --calls M
//!                                        aws-sdk-iam, one client, N calls in flight
//! ```
//!
//! `floor` and `native` print one JSON object: `{"mode", "in_flight", "calls", "calls_per_s"}` (the
//! best of `--rounds`, default 3).

use polyiam_bench_native::native_client;
use std::io::Read as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const BODY: &str = "Action=CreateAccessKey&UserName=Bob&Version=2010-05-08";

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn num(args: &[String], name: &str, default: usize) -> Result<usize, BoxError> {
    match arg(args, name) {
        Some(v) => Ok(v.parse().map_err(|e| format!("{name}: {e}"))?),
        None => Ok(default),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args),
        Some("floor") => measure(&args, "floor"),
        Some("native") => measure(&args, "native"),
        _ => Err("usage: throughput serve|floor|native ... (see the module docs)".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("throughput: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---- the static server ---------------------------------------------------------------------------

fn serve(args: &[String]) -> Result<(), BoxError> {
    let file = arg(args, "--response-file").ok_or("serve needs --response-file")?;
    let post: Arc<[u8]> = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?.into();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let listener = rt.block_on(TcpListener::bind("127.0.0.1:0"))?;
    println!("http://{}", listener.local_addr()?);
    // The harness protocol: stop when stdin closes.
    std::thread::spawn(|| {
        let mut sink = [0u8; 256];
        while matches!(std::io::stdin().read(&mut sink), Ok(n) if n > 0) {}
        std::process::exit(0);
    });
    rt.block_on(async move {
        loop {
            let (stream, _) = listener.accept().await?;
            stream.set_nodelay(true)?;
            tokio::spawn(connection(stream, post.clone()));
        }
    })
}

const GET_RESPONSE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n";

/// Serves one connection: every request (pipelined or not) gets the prebuilt answer.
async fn connection(mut stream: TcpStream, post: Arc<[u8]>) {
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut chunk = [0u8; 16384];
    let mut out: Vec<u8> = Vec::with_capacity(8192);
    loop {
        let n = match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        while let Some((used, is_get)) = one_request(&buf) {
            buf.drain(..used);
            out.extend_from_slice(if is_get { GET_RESPONSE } else { &post });
        }
        if !out.is_empty() {
            if stream.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
    }
}

/// The length of the first complete request in `buf` (head and body) and whether it is a GET.
fn one_request(buf: &[u8]) -> Option<(usize, bool)> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let len = content_length(&buf[..end]);
    (buf.len() >= end + len).then(|| (end + len, buf.starts_with(b"GET ")))
}

fn content_length(head: &[u8]) -> usize {
    let text = String::from_utf8_lossy(head);
    text.lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

// ---- the clients ---------------------------------------------------------------------------------

fn measure(args: &[String], mode: &str) -> Result<(), BoxError> {
    let endpoint = arg(args, "--endpoint").ok_or("--endpoint URL is required")?;
    let in_flight = num(args, if mode == "floor" { "--connections" } else { "--concurrency" }, 1)?.max(1);
    let calls = num(args, "--calls", 20_000)?;
    let rounds = num(args, "--rounds", 3)?.max(1);
    // The shape of polyiam's runtime (core/src/runtime.rs): two workers.
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let best = rt.block_on(async {
        let mut best = f64::INFINITY;
        match mode {
            "floor" => {
                let addr = endpoint.trim_start_matches("http://").trim_end_matches('/').to_string();
                for _ in 0..rounds {
                    best = best.min(floor_round(&addr, in_flight, calls).await?);
                }
            }
            _ => {
                let sdk = native_client(&endpoint).await;
                for _ in 0..rounds {
                    best = best.min(native_round(&sdk, in_flight, calls).await?);
                }
            }
        }
        Ok::<f64, BoxError>(best)
    })?;
    println!(
        "{{\"mode\": \"{mode}\", \"in_flight\": {in_flight}, \"calls\": {calls}, \"calls_per_s\": {:.1}}}",
        calls as f64 / best
    );
    Ok(())
}

/// `calls` split over one worker per state, each running its share one after another; the wall time
/// in s.
async fn split<S, F, Fut>(states: Vec<S>, calls: usize, work: F) -> Result<f64, BoxError>
where
    F: Fn(S, usize) -> Fut,
    Fut: std::future::Future<Output = Result<(), BoxError>> + Send + 'static,
{
    let n = states.len();
    let t = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for (i, state) in states.into_iter().enumerate() {
        set.spawn(work(state, calls / n + usize::from(i < calls % n)));
    }
    while let Some(r) = set.join_next().await {
        r??;
    }
    Ok(t.elapsed().as_secs_f64())
}

async fn floor_round(addr: &str, connections: usize, calls: usize) -> Result<f64, BoxError> {
    let request: Arc<[u8]> = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         X-Amz-Date: 20261123T120000Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=testing/20261123/us-east-1/iam/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date, Signature={}\r\nContent-Length: {}\r\n\r\n{BODY}",
        "0".repeat(64),
        BODY.len()
    )
    .into_bytes()
    .into();
    let mut streams = Vec::with_capacity(connections);
    for _ in 0..connections {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        streams.push(s);
    }
    split(streams, calls, |mut stream, share| {
        let request = request.clone();
        async move {
            let mut buf: Vec<u8> = Vec::with_capacity(4096);
            let mut chunk = [0u8; 8192];
            for _ in 0..share {
                stream.write_all(&request).await?;
                // The answer: its head, then Content-Length bytes (the same framing as a request).
                while one_request(&buf).is_none() {
                    let n = stream.read(&mut chunk).await?;
                    if n == 0 {
                        return Err("the server closed the connection".into());
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let (used, _) = one_request(&buf).ok_or("unreachable")?;
                buf.drain(..used);
            }
            Ok(())
        }
    })
    .await
}

async fn native_round(sdk: &aws_sdk_iam::Client, in_flight: usize, calls: usize) -> Result<f64, BoxError> {
    let one = |sdk: aws_sdk_iam::Client, n: usize| async move {
        for _ in 0..n {
            sdk.create_access_key()
                .user_name("Bob")
                .send()
                .await
                .map_err(|e| format!("create_access_key: {}", aws_sdk_iam::error::DisplayErrorContext(&e)))?;
        }
        Ok::<(), BoxError>(())
    };
    let clients = || vec![sdk.clone(); in_flight];
    // Warm: one call per worker opens the connections.
    split(clients(), in_flight, one).await?;
    split(clients(), calls, one).await
}
