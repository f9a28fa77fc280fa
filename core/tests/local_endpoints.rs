//! The core against real local endpoints: moto (stateful IAM) and the harness's two-page server.
//! Needs the Python tools from scripts/setup.sh (POLYIAM_PYTHON overrides the interpreter).

mod support;

use polyiam_core::{Client, Config, ErrorKind, Map, PageOptions, Pages, StaticCredentials, Value};
use support::*;

#[test]
fn creates_a_key_with_typed_fields_and_metadata() {
    let iam = client(moto());
    iam.call_blocking("CreateUser", &input(&[("UserName", "core-alice")])).expect("create user");
    let r = iam.call_blocking("CreateAccessKey", &input(&[("UserName", "core-alice")])).expect("create key");
    let key = field(&r.output, &["AccessKey"]);
    assert_eq!(field(key, &["UserName"]), &Value::String("core-alice".into()));
    assert!(field(key, &["AccessKeyId"]).as_str().is_some_and(|id| id.starts_with("AKIA")));
    assert!(matches!(field(key, &["SecretAccessKey"]), Value::Sensitive(_)));
    assert!(matches!(field(key, &["CreateDate"]), Value::Timestamp(_)));
    assert!(!format!("{r:?}").contains(field(key, &["SecretAccessKey"]).revealed().as_str().unwrap()));
    assert_eq!(r.meta.http_status, Some(200));
    assert!(r.meta.request_id.as_deref().is_some_and(|id| !id.is_empty()));
    assert_eq!(r.meta.retry_attempts, 0);
}

#[test]
fn unknown_user_is_a_modelled_service_error() {
    let iam = client(moto());
    let e = iam.call_blocking("CreateAccessKey", &input(&[("UserName", "core-nobody")])).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Service);
    assert_eq!(e.code, "NoSuchEntity");
    assert_eq!(e.shape, Some("NoSuchEntityException"));
    assert_eq!(e.http_status, Some(404));
    assert!(e.message.contains("core-nobody"), "{}", e.message);
    assert!(e.request_id.as_deref().is_some_and(|id| !id.is_empty()));
    assert_eq!(e.operation, Some("CreateAccessKey"));
}

#[test]
fn third_key_hits_the_quota() {
    let iam = client(moto());
    iam.call_blocking("CreateUser", &input(&[("UserName", "core-quota")])).expect("create user");
    for _ in 0..2 {
        iam.call_blocking("CreateAccessKey", &input(&[("UserName", "core-quota")])).expect("key");
    }
    let e = iam.call_blocking("CreateAccessKey", &input(&[("UserName", "core-quota")])).unwrap_err();
    assert_eq!((e.code.as_str(), e.shape, e.http_status), ("LimitExceeded", Some("LimitExceededException"), Some(409)));
}

#[test]
fn bad_input_fails_before_any_request() {
    // Nothing listens on port 9: a request would be a transport error, not a validation error.
    let iam = client("http://127.0.0.1:9");
    let e = iam.call_blocking("DeleteAccessKey", &input(&[("Username", "x")])).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("AccessKeyId") && e.message.contains("Username"), "{}", e.message);
}

#[test]
fn unreachable_endpoint_names_the_endpoint() {
    let iam = Client::connect_blocking("iam", &Config {
        endpoint_url: Some("http://127.0.0.1:9".into()),
        max_attempts: Some(1),
        credentials: Some(StaticCredentials { access_key_id: "testing".into(), secret_access_key: "testing".into(), session_token: None }),
        ..Config::default()
    })
    .expect("client");
    let e = iam.call_blocking("GetUser", &Map::new()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Transport);
    assert!(e.message.contains("127.0.0.1:9"), "{}", e.message);
}

#[test]
fn pages_follow_the_marker_to_the_end() {
    let pager = Server::start("pager_server.py");
    let iam = client(&pager.url);
    let mut pages = Pages::new(iam, "ListAccessKeys", input(&[("UserName", "pager-user")]), PageOptions::default()).expect("pages");
    let mut ids = Vec::new();
    let mut count = 0;
    while let Some(page) = polyiam_core::runtime::block_on(pages.next()).expect("runtime") {
        let page = page.expect("page");
        count += 1;
        let Value::List(items) = field(&page.output, &["AccessKeyMetadata"]) else { panic!("not a list") };
        ids.extend(items.iter().map(|i| field(i, &["AccessKeyId"]).as_str().unwrap_or_default().to_string()));
    }
    assert_eq!(count, 2);
    assert_eq!(ids.len(), 3, "{ids:?}");
}

/// Expands the corpus's `{"$repeat": s, "count": n}` placeholders.
fn expand(j: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match j {
        J::Object(o) if o.contains_key("$repeat") => {
            let s = o["$repeat"].as_str().unwrap_or_default();
            J::String(s.repeat(o["count"].as_u64().unwrap_or(0) as usize))
        }
        J::Object(o) => J::Object(o.into_iter().map(|(k, v)| (k, expand(v))).collect()),
        J::Array(a) => J::Array(a.into_iter().map(expand).collect()),
        other => other,
    }
}

#[test]
fn bad_input_corpus_is_rejected_before_sending() {
    let text = std::fs::read_to_string(repo().join("tests/scenarios/bad_inputs.json")).expect("corpus");
    let corpus: serde_json::Value = serde_json::from_str(&text).expect("json");
    let cases = corpus["cases"].as_array().expect("cases");
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    // Nothing listens on port 9: any request would surface as a transport error instead.
    let iam = client("http://127.0.0.1:9");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let Value::Map(input) = Value::from(expand(case["input"].clone())) else { panic!("{name}: input is not an object") };
        let expected: Vec<(String, String)> = case["expect"]
            .as_array()
            .expect("expect")
            .iter()
            .map(|p| (p[0].as_str().unwrap_or_default().to_string(), p[1].as_str().unwrap_or_default().to_string()))
            .collect();
        match iam.call_blocking(case["operation"].as_str().unwrap_or_default(), &input) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(e) if e.kind != ErrorKind::Validation => failures.push(format!("{name}: {:?} error: {e}", e.kind)),
            Err(e) => {
                let got: Vec<(String, String)> = e.issues.iter().map(|i| (i.path.clone(), i.rule.to_string())).collect();
                if got != expected {
                    failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
                }
                if e.message.len() > 2_000 {
                    failures.push(format!("{name}: message of {} bytes quotes too much", e.message.len()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reads_are_retried_after_a_5xx_and_writes_are_not() {
    let iam = client(moto());
    iam.call_blocking("CreateUser", &input(&[("UserName", "core-retry")])).expect("create user");
    // fail-once: the first request of each Action gets a 500, later ones reach moto.
    let flaky = client(&format!("{}/fail-once", faults()));
    let r = flaky.call_blocking("GetUser", &input(&[("UserName", "core-retry")])).expect("a read survives one 500");
    assert_eq!(r.meta.retry_attempts, 1);
    let e = flaky.call_blocking("CreateAccessKey", &input(&[("UserName", "core-retry")])).unwrap_err();
    assert_eq!((e.code.as_str(), e.retry_attempts, e.outcome_unknown), ("ServiceFailure", 0, true));
    let keys = iam.call_blocking("ListAccessKeys", &input(&[("UserName", "core-retry")])).expect("list");
    assert_eq!(field(&keys.output, &["AccessKeyMetadata"]), &Value::List(vec![]), "the failed write was not resent");
}

#[test]
fn a_read_that_keeps_failing_is_not_called_applied() {
    let iam = Client::connect_blocking("iam", &Config { max_attempts: Some(2), ..config(&format!("{}/service-failure", faults())) }).expect("client");
    let e = iam.call_blocking("ListAccessKeys", &input(&[("UserName", "core-retry")])).unwrap_err();
    assert_eq!((e.code.as_str(), e.retry_attempts, e.outcome_unknown), ("ServiceFailure", 1, false));
    assert!(!e.to_string().contains("applied"), "{e}");
    assert!(e.total_retry_delay_ms > 0, "the back-off between the attempts is measured");
}

#[test]
fn a_cancelled_call_drops_its_request_and_says_whether_it_was_sent() {
    let iam = Client::connect_blocking("iam", &Config { read_timeout: Some(30.0), ..config(&format!("{}/hang", faults())) }).expect("client");
    let rt = polyiam_core::runtime::runtime().expect("runtime");
    let before = requests_for("hang", "core-cancel");
    let started = std::time::Instant::now();
    let after = |ms| async move { tokio::time::sleep(std::time::Duration::from_millis(ms)).await };
    let cancel = after(300);
    let e = rt.block_on(iam.call_until("CreateAccessKey", &input(&[("UserName", "core-cancel")]), cancel)).unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "cancelled, not timed out: {:?}", started.elapsed());
    assert_eq!(e.kind, ErrorKind::Cancelled);
    assert!(e.outcome_unknown, "a write that was sent has an unknown outcome");
    assert!(e.to_string().contains("outcome of CreateAccessKey is unknown"), "{e}");
    let e = rt.block_on(iam.call_until("GetUser", &input(&[("UserName", "core-cancel")]), after(300))).unwrap_err();
    assert_eq!((e.kind, e.outcome_unknown), (ErrorKind::Cancelled, false));
    assert_eq!(requests_for("hang", "core-cancel") - before, 2, "each cancelled request was sent once and never retried");
    // Cancelled before anything was sent: the outcome is known (nothing happened).
    let e = rt.block_on(iam.call_until("CreateAccessKey", &Map::new(), std::future::ready(()))).unwrap_err();
    assert_eq!((e.kind, e.outcome_unknown), (ErrorKind::Cancelled, false));
    assert!(e.message.contains("before its request was sent"), "{}", e.message);
}

#[test]
fn typed_calls_through_the_sdk_client_follow_the_same_retry_rule() {
    let iam = client(moto());
    iam.call_blocking("CreateUser", &input(&[("UserName", "core-typed")])).expect("create user");
    let flaky = client(&format!("{}/fail-once", faults()));
    let rt = polyiam_core::runtime::runtime().expect("runtime");
    let sdk: aws_sdk_iam::Client = rt.block_on(flaky.sdk()).expect("sdk client");
    let before = requests_for("fail-once", "core-typed");
    // A read is retried after its 500 ...
    let user = rt.block_on(sdk.get_user().user_name("core-typed").send()).expect("retried read");
    assert_eq!(user.user().map(|u| u.user_name()), Some("core-typed"));
    // ... a write is not: one request, one 500, no key.
    let err = rt.block_on(sdk.create_access_key().user_name("core-typed").send()).unwrap_err();
    assert_eq!(err.as_service_error().and_then(|e| aws_sdk_iam::error::ProvideErrorMetadata::code(e)), Some("ServiceFailure"));
    assert_eq!(requests_for("fail-once", "core-typed") - before, 3, "GetUser twice, CreateAccessKey once");
    let keys = iam.call_blocking("ListAccessKeys", &input(&[("UserName", "core-typed")])).expect("list");
    assert_eq!(field(&keys.output, &["AccessKeyMetadata"]), &Value::List(vec![]));
}

/// tests/scenarios/sts.json: STS, the second service, through the same core.
#[test]
fn sts_is_a_second_service_of_the_same_core() {
    let scenario: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/scenarios/sts.json")).expect("scenario")).expect("json");
    let service = scenario["service"].as_str().expect("service");
    let sts = Client::connect_blocking(service, &config(moto())).expect("sts client");
    assert_eq!(sts.service().name, service);
    let spec = &scenario["get_caller_identity"];
    let r = sts.call_blocking(spec["operation"].as_str().expect("op"), &Map::new()).expect("GetCallerIdentity");
    assert_eq!(field(&r.output, &["Account"]).as_str(), spec["values"]["Account"].as_str());
    // The typed client of the service, and a refusal to hand out another service's.
    let rt = polyiam_core::runtime::runtime().expect("runtime");
    let typed: aws_sdk_sts::Client = rt.block_on(sts.sdk()).expect("typed sts client");
    let who = rt.block_on(typed.get_caller_identity().send()).expect("typed call");
    assert_eq!(who.account(), spec["values"]["Account"].as_str());
    let wrong = rt.block_on(sts.sdk::<aws_sdk_iam::Client>()).unwrap_err();
    assert!(wrong.message.contains("aws_sdk_sts::Client"), "{}", wrong.message);
    // Bad input, by the STS model's traits.
    let bad = &scenario["bad_input"];
    let Value::Map(input) = Value::from(bad["input"].clone()) else { panic!("input") };
    let e = sts.call_blocking(bad["operation"].as_str().expect("op"), &input).unwrap_err();
    assert_eq!((e.kind, e.issues[0].path.as_str(), e.issues[0].rule), (ErrorKind::Validation, "DurationSeconds", "range"));
    // An IAM operation is not an STS one.
    assert!(sts.call_blocking("CreateAccessKey", &Map::new()).unwrap_err().message.contains("unknown sts operation"));
    assert!(Client::connect_blocking("s3", &config(moto())).unwrap_err().message.contains("no service"));
}
