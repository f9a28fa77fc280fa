//! The `polyiam` binary against moto (tests/harness), checked against the AWS CLI's documented
//! behaviour: skeletons byte for byte, input files and their precedence, output formats, --query,
//! paging, exit codes and messages, and that --debug never shows a secret.

#[path = "../../core/tests/support/mod.rs"]
mod support;

use std::process::Command;
use support::{moto, repo};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn polyiam(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_polyiam"))
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", repo().join("target/no-such-aws-config"))
        .env_remove("AWS_DEFAULT_OUTPUT")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("running polyiam");
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

/// `polyiam iam <args> --endpoint-url <moto>`.
fn iam(args: &[&str]) -> Run {
    let mut all = vec!["iam"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--endpoint-url", moto()]);
    polyiam(&all)
}

fn ok(r: Run) -> String {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    r.stdout
}

fn json(r: Run) -> serde_json::Value {
    serde_json::from_str(&ok(r)).expect("json output")
}

fn user(tag: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!("cli-{tag}-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    ok(iam(&["create-user", "--user-name", &name]));
    name
}

#[test]
fn input_skeleton_is_the_aws_clis_byte_for_byte() {
    // v2's skeleton: an enum's first value.
    let r = polyiam(&["iam", "update-access-key", "--generate-cli-skeleton"]);
    assert_eq!(ok(r), "{\n    \"UserName\": \"\",\n    \"AccessKeyId\": \"\",\n    \"Status\": \"Active\"\n}\n");
    // No endpoint is contacted: a skeleton makes no call.
    let r = polyiam(&["iam", "create-access-key", "--generate-cli-skeleton", "--endpoint-url", "http://127.0.0.1:9"]);
    assert_eq!(ok(r), "{\n    \"UserName\": \"\"\n}\n");
    let r = polyiam(&["iam", "create-access-key", "--generate-cli-skeleton", "input"]);
    assert_eq!(ok(r), "{\n    \"UserName\": \"\"\n}\n");
}

#[test]
fn yaml_skeleton_marks_required_members_and_types() {
    let text = ok(polyiam(&["iam", "update-access-key", "--generate-cli-skeleton", "yaml-input"]));
    // The AWS CLI's layout: two spaces before the first comment of a mapping, one before the others.
    assert!(text.starts_with("UserName: ''  # string, length 1..128"), "{text}");
    assert!(text.contains("\nAccessKeyId: '' # [REQUIRED] string, length 16..128"), "{text}");
    assert!(text.contains("\nStatus: Active # [REQUIRED] string. Valid values are: Active, Inactive, Expired.\n"), "{text}");
}

#[test]
fn output_skeleton_is_a_valid_sample_result() {
    let sample: serde_json::Value = serde_json::from_str(&ok(polyiam(&["iam", "create-access-key", "--generate-cli-skeleton", "output"]))).expect("json");
    let key = &sample["AccessKey"];
    assert!(key["AccessKeyId"].as_str().unwrap().len() >= 16, "fits the model's length constraint: {key}");
    assert_eq!(key["Status"], "Active");
    assert_eq!(key["CreateDate"], "1970-01-01T00:00:00+00:00");
}

#[test]
fn explicit_arguments_win_over_input_files_and_unknown_keys_are_refused() {
    let (a, b) = (user("in-a"), user("in-b"));
    let input = format!("{{\"UserName\": \"{a}\"}}");
    let out = json(iam(&["create-access-key", "--cli-input-json", &input, "--user-name", &b]));
    assert_eq!(out["AccessKey"]["UserName"], b.as_str());
    let out = json(iam(&["create-access-key", "--cli-input-json", &input]));
    assert_eq!(out["AccessKey"]["UserName"], a.as_str());

    let r = iam(&["create-access-key", "--cli-input-json", "{\"UserNam\": \"x\"}"]);
    assert_eq!(r.code, 252);
    assert!(r.stderr.contains("Unknown parameter in input: \"UserNam\", must be one of: UserName"), "{}", r.stderr);
    let r = iam(&["create-access-key", "--cli-input-json", "[1]"]);
    assert_eq!(r.code, 252);
    assert!(r.stderr.contains("Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>"), "{}", r.stderr);
    let r = iam(&["create-access-key", "--cli-input-json", "{}", "--cli-input-yaml", "{}"]);
    assert_eq!(r.code, 252);
    assert!(r.stderr.contains("Only one --cli-input- parameter may be specified."), "{}", r.stderr);
}

#[test]
fn yaml_input_inline_and_from_a_file() {
    let u = user("yaml");
    let out = json(iam(&["create-access-key", "--cli-input-yaml", &format!("UserName: {u}\n")]));
    assert_eq!(out["AccessKey"]["UserName"], u.as_str());
    let path = std::env::temp_dir().join(format!("polyiam-cli-{}.yaml", std::process::id()));
    std::fs::write(&path, format!("UserName: {u}\n")).expect("write");
    let arg = format!("file://{}", path.display());
    let out = json(iam(&["list-access-keys", "--cli-input-yaml", &arg]));
    assert_eq!(out["AccessKeyMetadata"].as_array().unwrap().len(), 1);
    let _ = std::fs::remove_file(path);
}

#[test]
fn query_applies_before_formatting_on_a_list_result() {
    let u = user("query");
    let ids: Vec<String> = (0..2).map(|_| json(iam(&["create-access-key", "--user-name", &u]))["AccessKey"]["AccessKeyId"].as_str().unwrap().to_string()).collect();
    let out = json(iam(&["list-access-keys", "--user-name", &u, "--query", "AccessKeyMetadata[].AccessKeyId"]));
    let mut got: Vec<String> = out.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    got.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(got, want);
    let text = ok(iam(&["list-access-keys", "--user-name", &u, "--query", "AccessKeyMetadata[].AccessKeyId", "--output", "text"]));
    assert_eq!(text.trim_end().split('\t').count(), 2);
}

#[test]
fn text_output_follows_the_aws_cli_layout() {
    let u = user("text");
    let row = ok(iam(&["create-access-key", "--user-name", &u, "--output", "text"]));
    let cols: Vec<&str> = row.trim_end().split('\t').collect();
    // ACCESSKEY, then the keys sorted: AccessKeyId, CreateDate, SecretAccessKey, Status, UserName.
    assert_eq!(cols.len(), 6, "{row}");
    assert_eq!(cols[0], "ACCESSKEY");
    assert!(cols[1].starts_with("AKIA"));
    assert!(cols[2].ends_with("+00:00"), "ISO 8601 with +00:00: {}", cols[2]);
    assert_eq!((cols[4], cols[5]), ("Active", u.as_str()));
    let listed = ok(iam(&["list-access-keys", "--user-name", &u, "--output", "text"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 1, "{listed}");
    assert!(lines[0].starts_with(&format!("ACCESSKEYMETADATA\t{}\t", cols[1])) && lines[0].ends_with(&format!("\tActive\t{u}")), "{listed}");
}

#[test]
fn table_output_is_titled_by_the_operation_with_nested_sections() {
    let u = user("table");
    let table = ok(iam(&["create-access-key", "--user-name", &u, "--output", "table"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].chars().all(|c| c == '-'), "{table}");
    assert!(lines[1].starts_with('|') && lines[1].contains("CreateAccessKey"), "{table}");
    assert!(table.contains("||") && table.contains("AccessKey") && table.contains(&u), "{table}");
    let widths: std::collections::BTreeSet<usize> = lines.iter().map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 1, "every line as wide: {table}");
    let listed = ok(iam(&["list-access-keys", "--user-name", &u, "--output", "table"]));
    assert!(listed.contains("ListAccessKeys") && listed.contains("AccessKeyMetadata") && listed.contains(&u), "{listed}");
}

#[test]
fn exit_codes_and_messages_are_the_aws_clis() {
    let r = iam(&["get-user", "--user-name", "cli-nobody"]);
    assert_eq!(r.code, 254);
    assert!(r.stderr.contains("An error occurred (NoSuchEntity) when calling the GetUser operation: "), "{}", r.stderr);
    let r = iam(&["create-access-key", "--user-name", ""]);
    assert_eq!(r.code, 252);
    assert!(r.stderr.contains("Parameter validation failed:"), "{}", r.stderr);
    let r = iam(&["create-access-key", "--no-such-option", "x"]);
    assert_eq!(r.code, 252);
    assert!(r.stderr.contains("\nUnknown options: --no-such-option, x\n") && r.stderr.starts_with("\nusage: polyiam"), "{}", r.stderr);
    let r = iam(&["get-user", "--query", "User.["]);
    assert_eq!(r.code, 252);
    assert!(r.stderr.contains("Bad value for --query User.["), "{}", r.stderr);
    let r = polyiam(&["iam", "no-such-operation"]);
    assert_eq!(r.code, 252);
    let r = polyiam(&["iam", "get-user", "--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "1"]);
    assert_eq!(r.code, 255, "{}", r.stderr);
    let r = polyiam(&["iam", "create-access-key", "--output", "xml"]);
    assert_eq!(r.code, 252);
}

#[test]
fn debug_shows_metadata_but_never_the_secret() {
    let u = user("debug");
    let r = iam(&["create-access-key", "--user-name", &u, "--debug"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let secret = out["AccessKey"]["SecretAccessKey"].as_str().unwrap();
    assert!(r.stderr.contains("CreateAccessKey") && r.stderr.contains("HTTP Some(200)"), "{}", r.stderr);
    assert!(!r.stderr.contains(secret), "the secret is never in the debug output");
}

#[test]
fn paging_follows_the_aws_cli() {
    let u = user("pages");
    for _ in 0..2 {
        ok(iam(&["create-access-key", "--user-name", &u]));
    }
    let first = json(iam(&["list-access-keys", "--user-name", &u, "--max-items", "1"]));
    assert_eq!(first["AccessKeyMetadata"].as_array().unwrap().len(), 1);
    let token = first["NextToken"].as_str().expect("NextToken").to_string();
    assert!(first.get("IsTruncated").is_none() && first.get("Marker").is_none());
    let rest = json(iam(&["list-access-keys", "--user-name", &u, "--starting-token", &token]));
    assert_eq!(rest["AccessKeyMetadata"].as_array().unwrap().len(), 1);
    assert_ne!(rest["AccessKeyMetadata"][0]["AccessKeyId"], first["AccessKeyMetadata"][0]["AccessKeyId"]);
    let raw = json(iam(&["list-access-keys", "--user-name", &u, "--no-paginate"]));
    assert_eq!(raw["IsTruncated"], false, "one request, as the service answered");
    // Under --no-paginate, --max-items is the service's own MaxItems.
    // (moto ignores MaxItems, so the request is checked in the fault server's log.)
    let proxy = format!("{}/proxy", support::faults());
    ok(polyiam(&["iam", "list-access-keys", "--user-name", &u, "--no-paginate", "--max-items", "1", "--endpoint-url", &proxy]));
    let sent = support::fault_log().into_iter().rev().find(|r| r["params"]["UserName"] == u.as_str()).expect("the request");
    assert_eq!(sent["params"]["MaxItems"], "1");
    let r = iam(&["list-access-keys", "--user-name", &u, "--no-paginate", "--starting-token", &token]);
    assert_eq!(r.code, 252);
    let text = ok(iam(&["list-access-keys", "--user-name", &u, "--max-items", "1", "--output", "text"]));
    assert!(text.ends_with(&format!("NEXTTOKEN\t{token}\n")), "{text}");
}

#[test]
fn regions_and_extension_operations() {
    let u = user("regions");
    let out = json(iam(&["create-access-key", "--user-name", &u, "--region", "us-east-1,eu-west-2"]));
    assert_eq!(out["us-east-1"]["AccessKey"]["AccessKeyId"], out["eu-west-2"]["AccessKey"]["AccessKeyId"], "one endpoint, one call");
    let smtp = json(polyiam(&["iam", "ses-smtp-password-v4", "--secret-access-key", "some+secret+key", "--region", "eu-central-1", "--endpoint-url", "http://127.0.0.1:9"]));
    // The member Region is the operation's own, not the global --region.
    assert_eq!(smtp["SmtpPassword"], "BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2");
    let out = ok(iam(&["issue-access-key", "--user-name", &u, "--status", "Inactive", "--query", "AccessKey.Status", "--output", "text"]));
    assert_eq!(out, "Inactive\n");
}

#[test]
fn help_comes_from_the_model() {
    let text = ok(polyiam(&["iam", "update-access-key", "help"]));
    assert!(text.contains("--access-key-id <value>") && text.contains("[--user-name <value>]"), "{text}");
    assert!(text.contains("valid values: Active, Inactive, Expired"), "{text}");
    assert!(ok(polyiam(&["iam", "help"])).contains("create-access-key"));
    assert!(ok(polyiam(&["help"])).contains("iam"));
}
