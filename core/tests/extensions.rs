//! polyiam's own operations and client features beyond the AWS API (tests/scenarios/extensions.json),
//! through `Client::call` against moto and the fault server in front of it.

mod support;

use polyiam_core::{Client, Config, ErrorKind, StaticCredentials, Value};
use support::*;

fn ext() -> serde_json::Value {
    scenario("extensions")
}

fn text(v: &Value) -> &str {
    v.revealed().as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

fn new_user(iam: &Client, tag: &str) -> String {
    let user = format!("core-{tag}-{}", std::process::id() as u64 * 1000 + rand_suffix());
    iam.call_blocking("CreateUser", &input(&[("UserName", &user)])).expect("create user");
    user
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// The user's keys: id -> status.
fn keys_of(iam: &Client, user: &str) -> Vec<(String, String)> {
    let r = iam.call_blocking("ListAccessKeys", &input(&[("UserName", user)])).expect("list keys");
    let Value::List(items) = field(&r.output, &["AccessKeyMetadata"]) else { panic!("no list") };
    let mut keys: Vec<(String, String)> =
        items.iter().map(|k| (text(field(k, &["AccessKeyId"])).to_string(), text(field(k, &["Status"])).to_string())).collect();
    keys.sort();
    keys
}

fn members(v: &Value) -> Vec<String> {
    let mut names: Vec<String> = v.as_map().expect("map").keys().cloned().collect();
    names.sort();
    names
}

fn strings(j: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = j.as_array().expect("list").iter().map(|s| s.as_str().expect("string").to_string()).collect();
    out.sort();
    out
}

#[test]
fn smtp_password_reproduces_terraforms_vectors() {
    let iam = client(moto());
    for case in ext()["smtp_vectors"]["cases"].as_array().expect("cases") {
        let s = |k: &str| case[k].as_str().expect(k);
        let r = iam.call_blocking("SesSmtpPasswordV4", &input(&[("SecretAccessKey", s("SecretAccessKey")), ("Region", s("Region"))])).expect("smtp");
        assert_eq!(text(field(&r.output, &["SmtpPassword"])), s("SmtpPassword"));
        assert!(!format!("{r:?}").contains(s("SmtpPassword")), "sensitive in Debug");
    }
    let bad = &ext()["smtp_vectors"]["bad_region"];
    let e = iam.call_blocking("SesSmtpPasswordV4", &input(&[("SecretAccessKey", "x"), ("Region", bad["Region"].as_str().unwrap())])).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!((e.issues[0].path.as_str(), e.issues[0].rule), (bad["path"].as_str().unwrap(), bad["rule"].as_str().unwrap()));
}

#[test]
fn issue_inactive_with_smtp_password() {
    let iam = client(moto());
    let user = new_user(&iam, "issue");
    let region = ext()["issue"]["smtp_region"].as_str().unwrap().to_string();
    let r = iam.call_blocking("IssueAccessKey", &input(&[("UserName", &user), ("Status", "Inactive"), ("SesSmtpRegion", &region)])).expect("issue");
    let key = field(&r.output, &["AccessKey"]);
    let mut expected = strings(&ext()["issue"]["plain_members"]);
    expected.push("SesSmtpPasswordV4".into());
    expected.sort();
    assert_eq!(members(key), expected);
    let id = text(field(key, &["AccessKeyId"]));
    assert_eq!(keys_of(&iam, &user), vec![(id.to_string(), "Inactive".to_string())]);
    let smtp = polyiam_core::ext::smtp_password::ses_smtp_password_v4(text(field(key, &["SecretAccessKey"])), &region).expect("derive");
    assert_eq!(text(field(key, &["SesSmtpPasswordV4"])), smtp);
    assert_eq!(r.meta.http_status, Some(200), "CreateAccessKey's metadata");
}

#[test]
fn a_bad_pgp_key_is_refused_before_any_key_exists() {
    let iam = client(moto());
    for bad in ext()["issue"]["bad_pgp_keys"].as_array().expect("list") {
        let user = new_user(&iam, "badpgp");
        let e = iam.call_blocking("IssueAccessKey", &input(&[("UserName", &user), ("PgpKey", bad["PgpKey"].as_str().unwrap())])).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{e}");
        assert!(e.to_string().contains(bad["message"].as_str().unwrap()), "{e}");
        assert_eq!(e.issues[0].path, "PgpKey");
        assert!(keys_of(&iam, &user).is_empty());
    }
}

#[test]
fn sealed_secrets_decrypt_to_keys_that_pass_motos_signature_check() {
    let home = std::env::temp_dir().join(format!("polyiam-core-gpg-{}", std::process::id()));
    let home_s = home.to_string_lossy().to_string();
    let keys: serde_json::Value = serde_json::from_str(&gpg_keys(&["make", &home_s])).expect("keys");
    let count = ext()["issue"]["no_auth_actions"].to_string();
    let auth = Server::start_env("moto_server.py", &[], &[("INITIAL_NO_AUTH_ACTION_COUNT", &count)]);
    let admin = client(&auth.url);
    let user = "core-sealed";
    admin.call_blocking("CreateUser", &input(&[("UserName", user)])).expect("user");
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#;
    admin.call_blocking("PutUserPolicy", &input(&[("UserName", user), ("PolicyName", "all"), ("PolicyDocument", policy)])).expect("policy");
    // The third action: from here on moto checks every signature.
    let signed_by = |id: &str, secret: &str| {
        let config = Config {
            credentials: Some(StaticCredentials { access_key_id: id.into(), secret_access_key: secret.into(), session_token: None }),
            ..config(&auth.url)
        };
        Client::connect_blocking("iam", &config).expect("client")
    };
    let mut caller = admin;
    for (kind, form) in [("rsa", "binary_b64"), ("ecc", "armored")] {
        let r = caller.call_blocking("IssueAccessKey", &input(&[("UserName", user), ("PgpKey", keys[kind][form].as_str().unwrap())])).expect("issue");
        let key = field(&r.output, &["AccessKey"]);
        assert_eq!(members(key), strings(&ext()["issue"]["sealed_members"]));
        assert_eq!(text(field(key, &["KeyFingerprint"])), keys[kind]["fingerprint"].as_str().unwrap());
        let secret = gpg_keys(&["decrypt", &home_s, text(field(key, &["EncryptedSecret"]))]);
        assert!(!format!("{r:?}").contains(&secret));
        let id = text(field(key, &["AccessKeyId"]));
        let signed = signed_by(id, &secret);
        signed.call_blocking("GetUser", &input(&[("UserName", user)])).expect("a call signed with the decrypted secret");
        let forged = signed_by(id, &format!("x{secret}")).call_blocking("GetUser", &input(&[("UserName", user)])).unwrap_err();
        assert_eq!(forged.http_status, Some(403), "{forged}");
        caller = signed;
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn rotation_replaces_deactivates_and_refuses_a_third_key() {
    let iam = client(moto());
    let create = |user: &str| {
        let r = iam.call_blocking("CreateAccessKey", &input(&[("UserName", user)])).expect("key");
        text(field(&r.output, &["AccessKey", "AccessKeyId"])).to_string()
    };
    let user = new_user(&iam, "rot");
    let old = create(&user);
    let r = iam.call_blocking("RotateAccessKey", &input(&[("UserName", &user), ("AccessKeyId", &old)])).expect("rotate");
    let new = text(field(&r.output, &["AccessKey", "AccessKeyId"])).to_string();
    assert_eq!(text(field(&r.output, &["Replaced", "Status"])), "Deleted");
    assert_eq!(keys_of(&iam, &user), vec![(new, "Active".to_string())]);

    let user = new_user(&iam, "rotd");
    let old = create(&user);
    let r = iam.call_blocking("RotateAccessKey", &input(&[("UserName", &user), ("AccessKeyId", &old), ("OldKey", "Deactivate")])).expect("rotate");
    assert_eq!(text(field(&r.output, &["Replaced", "Status"])), "Inactive");
    assert!(keys_of(&iam, &user).contains(&(old, "Inactive".to_string())));

    let user = new_user(&iam, "rot2");
    let (a, b) = (create(&user), create(&user));
    let before = keys_of(&iam, &user);
    let e = iam.call_blocking("RotateAccessKey", &input(&[("UserName", &user), ("AccessKeyId", &a)])).unwrap_err();
    assert_eq!(e.code, ext()["rotate"]["two_keys_code"].as_str().unwrap());
    assert_eq!(e.shape, Some(ext()["rotate"]["two_keys_class"].as_str().unwrap()));
    assert!(e.message.contains(&a) && e.message.contains(&b), "{e}");
    assert_eq!(keys_of(&iam, &user), before);
}

#[test]
fn rotation_reconciles_a_lost_create() {
    let iam = client(moto());
    let user = new_user(&iam, "rotlost");
    let r = iam.call_blocking("CreateAccessKey", &input(&[("UserName", &user)])).expect("key");
    let old = text(field(&r.output, &["AccessKey", "AccessKeyId"])).to_string();
    let fault = ext()["rotate"]["dropped_fault"].as_str().unwrap().to_string();
    let lossy = Client::connect_blocking("iam", &Config { read_timeout: Some(5.0), ..config(&format!("{}/{fault}", faults())) }).expect("client");
    let e = lossy.call_blocking("RotateAccessKey", &input(&[("UserName", &user), ("AccessKeyId", &old)])).unwrap_err();
    let keys = keys_of(&iam, &user);
    assert_eq!(keys.len(), 2, "exactly one new key");
    assert!(keys.contains(&(old.clone(), "Active".to_string())), "the old key is intact");
    let created = &keys.iter().find(|(id, _)| *id != old).expect("the new key").0;
    let shown = e.to_string();
    assert!(shown.contains(ext()["rotate"]["reconciled_words"].as_str().unwrap()) && shown.contains(created.as_str()) && shown.contains(&old), "{shown}");
    assert!(!e.outcome_unknown);
    assert_eq!(requests_of(&fault, "CreateAccessKey", &user), 1);
}

#[test]
fn in_regions_calls_once_per_endpoint() {
    for name in ["one_partition", "star", "two_partitions"] {
        let case = &ext()["regions"][name];
        let regions: Vec<String> = match &case["regions"] {
            serde_json::Value::String(s) => vec![s.clone()],
            list => strings(list),
        };
        let user = format!("core-reg-{name}-{}", std::process::id());
        let regional = client(&format!("{}/proxy", faults())).in_regions_blocking(&regions).expect("in_regions");
        regional.call_blocking("CreateUser", &input(&[("UserName", &user)])).expect("user in each partition");
        let r = regional.call_blocking("CreateAccessKey", &input(&[("UserName", &user)])).expect("create");
        let calls = case["calls"].as_u64().unwrap() as usize;
        assert_eq!(requests_of("proxy", "CreateAccessKey", &user), calls, "{name}");
        let mut ids: Vec<&str> = r.by_region.iter().map(|(_, each)| text(field(&each.output, &["AccessKey", "AccessKeyId"]))).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), calls, "{name}");
        let got: Vec<&str> = r.by_region.iter().map(|(region, _)| region.as_str()).collect();
        for region in case["includes"].as_array().into_iter().flatten() {
            assert!(got.contains(&region.as_str().unwrap()));
        }
        assert_eq!(regional.regions(), got.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    }
    let bad = &ext()["regions"]["unknown"];
    let listed: Vec<String> = bad["regions"].as_array().expect("list").iter().map(|r| r.as_str().unwrap().to_string()).collect();
    let e = client(moto()).in_regions_blocking(&listed).unwrap_err();
    assert_eq!(e.issues[0].path, bad["path"].as_str().unwrap());
}

#[test]
fn raw_response_returns_the_body_untouched() {
    let iam = client(moto());
    let user = new_user(&iam, "raw");
    let raw = Client::connect_blocking("iam", &Config { raw_response: true, ..config(moto()) }).expect("client");
    let r = raw.call_blocking("GetUser", &input(&[("UserName", &user)])).expect("raw");
    let body = text(field(&r.output, &["Body"]));
    assert!(body.starts_with(ext()["raw_response"]["body_starts_with"].as_str().unwrap()));
    assert!(body.contains(&format!("<UserName>{user}</UserName>")));
    assert_eq!(r.meta.http_status, Some(200));
    let e = raw.call_blocking("GetUser", &input(&[("UserName", "core-absent")])).unwrap_err();
    assert_eq!(e.code, "NoSuchEntity");
    let issued = raw.call_blocking("IssueAccessKey", &input(&[("UserName", &user)])).expect("parsed");
    assert_eq!(text(field(&issued.output, &["AccessKey", "UserName"])), user);
}
