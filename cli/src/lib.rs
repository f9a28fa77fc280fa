//! The `polyiam` command line: the AWS CLI's conventions (`polyiam iam create-access-key --user-name
//! Bob`) on polyiam's core, a fourth front end beside R, Python and Node. Nothing here is per
//! operation: the operations, their arguments, skeletons and help come from the model (the core's
//! schema tables, generated from model/), and every call goes through `polyiam_core::Client`.
//!
//! `run` is the whole program; the `polyiam` binary, the Python wheel's console script and the npm
//! package's `bin` all call it.

mod args;
mod config_file;
mod format;
mod help;
mod input;
mod names;
mod params;
mod skeleton;

use args::{Output, Skeleton};
use polyiam_core::schema::{self, Operation, Service};
use polyiam_core::{Client, Config, Error, ErrorKind, Map, PageOptions, Pages, Response, Value};
use std::io::Write;

/// Exit codes, as the AWS CLI's.
pub mod exit {
    pub const OK: i32 = 0;
    /// The command line could not be parsed, or the parameters are not valid.
    pub const USAGE: i32 = 252;
    /// The configuration (region, credentials, profile) is not valid.
    pub const CONFIG: i32 = 253;
    /// The service answered with an error.
    pub const SERVICE: i32 = 254;
    /// Anything else (connection, timeouts, a bad response, an internal error).
    pub const OTHER: i32 = 255;
    /// Interrupted.
    pub const INTERRUPTED: i32 = 130;
}

const USAGE: &str = "usage: polyiam [options] <service> <operation> [parameters]\nTo see help text, you can run:\n\n  polyiam help\n  polyiam <service> help\n  polyiam <service> <operation> help\n";

/// Runs the command line `argv` (the program name first); prints to stdout and stderr and returns
/// the exit code.
pub fn run(argv: Vec<String>) -> i32 {
    let out = std::io::stdout();
    let err = std::io::stderr();
    let (code, stdout, stderr) = match std::panic::catch_unwind(|| execute(argv.get(1..).unwrap_or_default())) {
        Ok(r) => r,
        Err(p) => (exit::OTHER, String::new(), format!("\n{}\n", Error::from_panic(p.as_ref()))),
    };
    let _ = out.lock().write_all(stdout.as_bytes());
    let _ = err.lock().write_all(stderr.as_bytes());
    code
}

/// (exit code, stdout, stderr).
fn execute(argv: &[String]) -> (i32, String, String) {
    // As the AWS CLI: a blank line, the usage, then the problem ("Unknown options: ..." as is).
    let usage = |msg: &str| {
        let line = if msg.starts_with("Unknown options:") { msg.to_string() } else { format!("polyiam: error: {msg}") };
        (exit::USAGE, String::new(), format!("\n{USAGE}\n{line}\n"))
    };
    let cmd = match args::split(argv, &[]).and_then(|c| reparse(argv, c)) {
        Ok(c) => c,
        Err(e) => return usage(&e),
    };
    if cmd.globals.version {
        return (exit::OK, format!("polyiam-cli/{}\n", env!("CARGO_PKG_VERSION")), String::new());
    }
    let words: Vec<&str> = cmd.words.iter().map(String::as_str).collect();
    let service = match words.first() {
        None => return usage("the following arguments are required: command"),
        Some(&"help") => return (exit::OK, help::top(), String::new()),
        Some(name) => match schema::service(name) {
            Some(s) => s,
            None => {
                let known: Vec<&str> = schema::services().iter().map(|s| s.name).collect();
                return usage(&format!("argument command: Invalid choice '{name}', valid choices are: {}", known.join(", ")));
            }
        },
    };
    let op = match words.get(1) {
        None => return usage("the following arguments are required: operation"),
        Some(&"help") => return (exit::OK, help::service(service), String::new()),
        Some(name) => match service.operations.iter().find(|o| names::kebab(o.name) == *name) {
            Some(op) => op,
            None => {
                let mut known: Vec<String> = service.operations.iter().map(|o| names::kebab(o.name)).collect();
                known.sort();
                return usage(&format!("argument operation: Invalid choice '{name}', valid choices are: {}", known.join(", ")));
            }
        },
    };
    if words.get(2) == Some(&"help") {
        return (exit::OK, help::operation(service, op), String::new());
    }
    if let Some(extra) = words.get(2) {
        return usage(&format!("Unknown options: {extra}"));
    }
    match call(service, op, &cmd) {
        Ok(stdout) => (exit::OK, stdout, String::new()),
        Err(Failure::Usage(msg)) => usage(&msg),
        Err(Failure::Message(code, msg)) => (code, String::new(), format!("\n{msg}\n")),
        Err(Failure::Call(e, debug)) => (code_of(&e), String::new(), format!("{debug}\n{}\n", message(&e))),
    }
}

/// Splits again when the operation has members named like global options (they are its own).
fn reparse(argv: &[String], first: args::Command) -> Result<args::Command, String> {
    let op = first.words.first().and_then(|s| schema::service(s)).and_then(|s| {
        first.words.get(1).and_then(|name| s.operations.iter().find(|o| names::kebab(o.name) == *name))
    });
    let Some(op) = op else { return Ok(first) };
    let shadowed: Vec<String> =
        params::members(op).into_iter().map(|(n, _)| format!("--{n}")).filter(|f| args::global_names().any(|g| g == f)).collect();
    if shadowed.is_empty() {
        Ok(first)
    } else {
        args::split(argv, &shadowed)
    }
}

enum Failure {
    Usage(String),
    Message(i32, String),
    /// The error, and the `--debug` lines written before it.
    Call(Error, String),
}

impl From<params::Usage> for Failure {
    fn from(u: params::Usage) -> Self {
        // Unknown options come with the usage; parameter problems are reported alone, as the AWS CLI does.
        if u.0.starts_with("Unknown options") || u.0.starts_with("argument ") {
            Failure::Usage(u.0)
        } else {
            Failure::Message(exit::USAGE, u.0)
        }
    }
}

fn code_of(e: &Error) -> i32 {
    match e.kind {
        ErrorKind::Validation => exit::USAGE,
        // The AWS CLI's 253 is for configuration and credentials problems alike.
        ErrorKind::Config | ErrorKind::Credentials => exit::CONFIG,
        ErrorKind::Service => exit::SERVICE,
        ErrorKind::Cancelled => exit::INTERRUPTED,
        _ => exit::OTHER,
    }
}

/// The AWS CLI's wording: "An error occurred (Code) when calling the Op operation: message" for
/// service errors, "Parameter validation failed:" and one line per problem for bad input.
fn message(e: &Error) -> String {
    match e.kind {
        ErrorKind::Validation => {
            let mut m = String::from("Parameter validation failed:");
            for i in &e.issues {
                m.push('\n');
                m.push_str(&if i.path.is_empty() { i.detail.clone() } else { format!("Invalid value for parameter {}: {}", i.path, i.detail) });
            }
            if e.issues.is_empty() {
                m.push('\n');
                m.push_str(&e.message);
            }
            m
        }
        _ => e.to_string(),
    }
}

fn call(service: &'static Service, op: &'static Operation, cmd: &args::Command) -> Result<String, Failure> {
    let g = &cmd.globals;
    let output = g.output.or_else(|| config_file::default_output(g.profile.as_deref())).unwrap_or(Output::Json);
    // Explicit arguments win over the input file's keys.
    let mut input = input::load(op, g.cli_input_json.as_deref(), g.cli_input_yaml.as_deref())?;
    let explicit = params::parse(op, &cmd.op_args)?;
    input.extend(explicit);
    if let (Some(paging), true) = (&op.paginated, g.no_paginate) {
        // One raw request: --max-items is the service's own page size again, as in the AWS CLI.
        if g.starting_token.is_some() {
            return Err(Failure::Message(exit::USAGE, "Cannot specify --no-paginate along with pagination arguments: --starting-token".into()));
        }
        if let (Some(n), Some(member)) = (g.max_items, paging.page_size) {
            input.insert(member.to_string(), Value::Integer(n as i64));
        }
    }

    if let Some(kind) = g.generate_cli_skeleton {
        let shape = params::input_shape(op);
        return Ok(match kind {
            Skeleton::Input => format::render(Output::Json, &skeleton::input(shape), op.name).map(|s| if s.is_empty() { "{}\n".into() } else { s }).map_err(|e| Failure::Message(exit::OTHER, e))?,
            Skeleton::YamlInput => skeleton::yaml_input(shape),
            Skeleton::Output => {
                let sample = skeleton::output(op.output.and_then(schema::shape));
                format::render(output, &sample, op.name).map_err(|e| Failure::Message(exit::OTHER, e))?
            }
        });
    }

    let regions: Vec<String> = g.region.as_deref().map(polyiam_core::regions::parse_list).unwrap_or_default();
    let config = Config {
        region: regions.first().filter(|r| regions.len() == 1 && *r != "*").cloned(),
        endpoint_url: g.endpoint_url.clone(),
        profile: g.profile.clone(),
        read_timeout: g.read_timeout,
        connect_timeout: g.connect_timeout,
        ca_bundle: g.ca_bundle.clone(),
        ..Config::default()
    };
    let debug = g.debug;
    let mut log = String::new();
    let no_verify_ssl = g.no_verify_ssl;
    let result = polyiam_core::runtime::block_on(async {
        if no_verify_ssl {
            return Err(polyiam_core::config::verify_off_refused("--no-verify-ssl"));
        }
        let mut client = Client::connect(service.name, &config).await?;
        if regions.len() > 1 || regions.first().is_some_and(|r| r == "*") {
            client = client.in_regions(&regions).await?;
        }
        if debug {
            log.push_str(&format!(
                "polyiam: {} {} at {} (region {})\n",
                service.sdk_id,
                op.name,
                config.endpoint_url.as_deref().unwrap_or("the default endpoint"),
                if client.regions().is_empty() { config.region.clone().unwrap_or_else(|| "from the environment".into()) } else { client.regions().join(",") }
            ));
        }
        let paginate = op.paginated.is_some() && !g.no_paginate && client.regions().is_empty();
        if paginate {
            let options = PageOptions { max_items: g.max_items, page_size: g.page_size, starting_token: g.starting_token.clone() };
            all_pages(client, op, input, options, debug, &mut log).await
        } else {
            let r = client.call(op.name, &input).await?;
            debug_meta(debug, &r, &mut log);
            Ok(display(&r))
        }
    });
    let data = match result {
        Ok(Ok(data)) => data,
        Ok(Err(e)) | Err(e) => {
            if debug {
                log.push_str(&format!("polyiam: failed: kind {}, code {}, status {:?}, request id {:?}\n", e.kind.as_str(), e.code, e.http_status, e.request_id));
            }
            return Err(Failure::Call(e, log));
        }
    };
    let data = match &g.query {
        Some(q) => format::query(q, &data).map_err(|e| Failure::Message(exit::USAGE, e))?,
        None => data,
    };
    let text = match (output, &data) {
        // Text: the pages' rows, then the token as the AWS CLI's own `NEXTTOKEN` row.
        (Output::Text, serde_json::Value::Object(m)) if g.query.is_none() && m.contains_key("NextToken") => {
            let mut rest = m.clone();
            let token = rest.shift_remove("NextToken").unwrap_or_default();
            let mut t = format::render(output, &serde_json::Value::Object(rest), op.name).map_err(|e| Failure::Message(exit::OTHER, e))?;
            t.push_str(&format::render(output, &serde_json::json!({"NextToken": {"NextToken": token}}), op.name).map_err(|e| Failure::Message(exit::OTHER, e))?);
            t
        }
        _ => format::render(output, &data, op.name).map_err(|e| Failure::Message(exit::OTHER, e))?,
    };
    if debug {
        eprint!("{log}");
    }
    Ok(text)
}

/// What a response shows: its output, or `{region: output}` for a region fan-out.
fn display(r: &Response) -> serde_json::Value {
    if r.by_region.is_empty() {
        format::to_json(&r.output)
    } else {
        serde_json::Value::Object(r.by_region.iter().map(|(region, each)| (region.clone(), format::to_json(&each.output))).collect())
    }
}

/// Metadata only: never a body, so never a secret.
fn debug_meta(debug: bool, r: &Response, log: &mut String) {
    if !debug {
        return;
    }
    let m = &r.meta;
    log.push_str(&format!(
        "polyiam: HTTP {:?}, request id {:?}, {} retries, endpoint {:?}\n",
        m.http_status,
        m.request_id,
        m.retry_attempts,
        m.endpoint
    ));
    for (name, value) in &m.http_headers {
        log.push_str(&format!("polyiam:   {name}: {value}\n"));
    }
}

/// Every page, merged as the AWS CLI does: the items lists joined, the paging members (the output
/// token, `IsTruncated`) dropped, and `NextToken` when `--max-items` stopped early.
async fn all_pages(client: Client, op: &'static Operation, input: Map, options: PageOptions, debug: bool, log: &mut String) -> Result<serde_json::Value, Error> {
    let paging = op.paginated.as_ref().ok_or_else(|| Error::internal("not paginated"))?;
    let mut pages = Pages::new(client, op.name, input, options)?;
    let mut merged = Map::new();
    while let Some(page) = pages.next().await {
        let page = page?;
        debug_meta(debug, &page, log);
        let Value::Map(m) = page.output else { continue };
        for (k, v) in m {
            match (paging.items == Some(k.as_str()), merged.get_mut(&k), v) {
                (true, Some(Value::List(all)), Value::List(items)) => all.extend(items),
                (_, None, v) => {
                    merged.insert(k, v);
                }
                _ => {}
            }
        }
    }
    merged.shift_remove(paging.output_token);
    // awsQuery services say "more pages" with IsTruncated next to the token (botocore's more_results).
    merged.shift_remove("IsTruncated");
    let mut data = format::to_json(&Value::Map(merged));
    if let (Some(token), serde_json::Value::Object(m)) = (pages.resume_token(), &mut data) {
        m.insert("NextToken".into(), serde_json::Value::String(token));
    }
    Ok(data)
}
