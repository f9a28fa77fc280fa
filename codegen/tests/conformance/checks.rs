// Included once per service model by model_conformance.rs (`SERVICE_ID`, `MODEL`, `OFFICIAL_FILE` and
// `EXPECTED_OPERATIONS` come from there); every check holds for every model in model/.

/// Official traits we deliberately do not carry over, on any shape or member:
/// - `smithy.api#documentation`: we write our own documentation (checked separately);
/// - `smithy.api#examples`: example request/response payloads are AWS's prose/data, not
///   part of the wire contract;
/// - `smithy.api#suppress`: validator suppressions only make sense for the full official model;
/// - `smithy.test#smokeTests`: live-service smoke tests, not used by us;
/// - `smithy.waiters#waitable`: waiters are out of scope for polyiam.
const ALLOWED_OMITTED_TRAITS: &[&str] = &[
    "smithy.api#documentation",
    "smithy.api#examples",
    "smithy.api#suppress",
    "smithy.test#smokeTests",
    "smithy.waiters#waitable",
];

/// Additional official traits we omit on the service shape only: endpoint resolution
/// rules, the endpoint BDD and endpoint test cases are large generated data that our
/// implementation does not use.
const SERVICE_ALLOWED_OMITTED_TRAITS: &[&str] = &[
    "smithy.rules#endpointRuleSet",
    "smithy.rules#endpointBdd",
    "smithy.rules#endpointTests",
];

/// Smithy 2.0 prelude shapes a target may refer to without defining it.
const PRELUDE_SHAPES: &[&str] = &[
    "Blob",
    "Boolean",
    "String",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
    "Unit",
];

const DOC: &str = "smithy.api#documentation";

/// The one trait our model adds to the official one: `@readonly` on every operation that only
/// reads (Get*, List*). The official IAM model marks none, so without it reads would get the
/// no-duplicate retry rule meant for writes (see core/src/retry.rs); boto3 and the JS SDK retry
/// reads. It is allowed on exactly these operations, and required there.
const READONLY: &str = "smithy.api#readonly";

use polyiam_codegen::import::is_read_operation;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

fn our_model_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(MODEL)
}

fn load(path: &PathBuf) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn ours() -> &'static Value {
    static OURS: OnceLock<Value> = OnceLock::new();
    OURS.get_or_init(|| load(&our_model_path()))
}

/// The official model; `None` only when POLYIAM_SKIP_REFERENCE=1 and it is missing.
fn official(test: &str) -> Option<&'static Value> {
    static OFFICIAL: OnceLock<Option<Value>> = OnceLock::new();
    OFFICIAL
        .get_or_init(|| crate::support::reference_model(OFFICIAL_FILE, test).map(|p| load(&p)))
        .as_ref()
}

fn shapes(model: &Value) -> &Map<String, Value> {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .expect("model has no `shapes` object")
}

fn shape_type(shape: &Value) -> &str {
    shape
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("<missing type>")
}

fn traits(v: &Value) -> Map<String, Value> {
    v.get("traits")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn target(v: &Value) -> &str {
    v.get("target")
        .and_then(Value::as_str)
        .unwrap_or("<missing target>")
}

/// All members of a shape as (member name, member value), in declaration order:
/// `members` for aggregate/enum shapes, `member` for lists/sets, `key`/`value` for maps.
fn members(shape: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    if let Some(m) = shape.get("members").and_then(Value::as_object) {
        out.extend(m.iter().map(|(k, v)| (k.clone(), v)));
    }
    for k in ["member", "key", "value"] {
        if let Some(v) = shape.get(k) {
            out.push((k.to_string(), v));
        }
    }
    out
}

/// Every shape-reference target in a shape (operations, resources, members, I/O, errors, mixins...).
fn referenced_targets(shape: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for k in ["input", "output"] {
        if let Some(v) = shape.get(k) {
            out.push((k.to_string(), target(v).to_string()));
        }
    }
    for k in ["errors", "operations", "resources", "mixins"] {
        if let Some(list) = shape.get(k).and_then(Value::as_array) {
            for (i, v) in list.iter().enumerate() {
                out.push((format!("{k}[{i}]"), target(v).to_string()));
            }
        }
    }
    for (name, m) in members(shape) {
        out.push((format!("${name}"), target(m).to_string()));
    }
    out
}

fn report(what: &str, problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s):\n  - {}",
        problems.len(),
        problems.join("\n  - ")
    );
}

fn member_names(shape: &Value) -> Vec<String> {
    members(shape).into_iter().map(|(n, _)| n).collect()
}

// ---------------------------------------------------------------------------------------------
// Checks against the official model
// ---------------------------------------------------------------------------------------------

#[test]
fn every_shape_exists_in_official_with_same_type() {
    let Some(off) = official("every_shape_exists_in_official_with_same_type") else {
        return;
    };
    let off = shapes(off);
    let mut problems = Vec::new();
    for (id, shape) in shapes(ours()) {
        match off.get(id) {
            None => problems.push(format!("{id}: not in the official model")),
            Some(o) if shape_type(o) != shape_type(shape) => problems.push(format!(
                "{id}: type is `{}`, official is `{}`",
                shape_type(shape),
                shape_type(o)
            )),
            Some(_) => {}
        }
    }
    report(
        "shapes missing from official / with a different type",
        problems,
    );
}

#[test]
fn members_match_official() {
    let Some(off) = official("members_match_official") else {
        return;
    };
    let off = shapes(off);
    let mut problems = Vec::new();
    for (id, shape) in shapes(ours()) {
        let Some(o) = off.get(id) else { continue }; // reported by the shape test
        let ours_names = member_names(shape);
        let off_names = member_names(o);
        if ours_names != off_names {
            problems.push(format!(
                "{id}: members are {ours_names:?} (in this order), official has {off_names:?}"
            ));
            continue;
        }
        for ((name, m), (_, om)) in members(shape).into_iter().zip(members(o)) {
            if target(m) != target(om) {
                problems.push(format!(
                    "{id}${name}: target is `{}`, official is `{}`",
                    target(m),
                    target(om)
                ));
            }
            // Anything besides `target` and `traits` on a member must match too.
            let extra = |v: &Value| {
                let mut v = v.as_object().cloned().unwrap_or_default();
                v.remove("traits");
                v.remove("target");
                v
            };
            if extra(m) != extra(om) {
                problems.push(format!(
                    "{id}${name}: member properties differ from official"
                ));
            }
        }
        // Any other shape property (e.g. mixins, version) must be identical; the service's
        // operations/resources/errors are checked in `operations_match_official`.
        let skip = |k: &str| {
            // `type` is checked in `every_shape_exists_in_official_with_same_type`,
            // input/output/errors in `operations_match_official`.
            matches!(
                k,
                "type"
                    | "traits"
                    | "members"
                    | "member"
                    | "key"
                    | "value"
                    | "input"
                    | "output"
                    | "errors"
            ) || (id == SERVICE_ID && matches!(k, "operations" | "resources"))
        };
        let keys: BTreeSet<&String> = shape
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys())
            .chain(o.as_object().into_iter().flat_map(|m| m.keys()))
            .filter(|k| !skip(k))
            .collect();
        for k in keys {
            if shape.get(k) != o.get(k) {
                problems.push(format!(
                    "{id}: property `{k}` is {}, official is {}",
                    shape.get(k).map_or("absent".into(), Value::to_string),
                    o.get(k).map_or("absent".into(), Value::to_string)
                ));
            }
        }
    }
    report("member lists differing from official", problems);
}

#[test]
fn operations_match_official() {
    let Some(off) = official("operations_match_official") else {
        return;
    };
    let off = shapes(off);
    let mut problems = Vec::new();
    for (id, shape) in shapes(ours()) {
        if shape_type(shape) != "operation" {
            continue;
        }
        let Some(o) = off.get(id) else { continue };
        for k in ["input", "output", "errors"] {
            if shape.get(k) != o.get(k) {
                problems.push(format!(
                    "{id}: `{k}` is {}, official is {}",
                    shape.get(k).map_or("absent".into(), Value::to_string),
                    o.get(k).map_or("absent".into(), Value::to_string)
                ));
            }
        }
    }
    // Our service's operations must be a subset of the official service's operations.
    if let (Some(svc), Some(osvc)) = (shapes(ours()).get(SERVICE_ID), off.get(SERVICE_ID)) {
        let official_ops: BTreeSet<&str> = osvc
            .get("operations")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(target).collect())
            .unwrap_or_default();
        for op in svc
            .get("operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !official_ops.contains(target(op)) {
                problems.push(format!(
                    "{SERVICE_ID}: operation `{}` is not an operation of the official service",
                    target(op)
                ));
            }
        }
    }
    report("operations differing from official", problems);
}

#[test]
fn traits_match_official() {
    let Some(off) = official("traits_match_official") else {
        return;
    };
    let off = shapes(off);
    let mut problems = Vec::new();
    let mut compare = |path: String,
                       ours_t: Map<String, Value>,
                       off_t: Map<String, Value>,
                       svc: bool| {
        for (k, v) in &ours_t {
            if k == DOC {
                continue;
            }
            match off_t.get(k) {
                None if k == READONLY && v == &Value::Object(Map::new()) && is_read_operation(&path) => {}
                None => problems.push(format!("{path}: trait `{k}` is not in the official model")),
                Some(ov) if ov != v => {
                    problems.push(format!("{path}: trait `{k}` is {v}, official is {ov}"))
                }
                Some(_) => {}
            }
        }
        for k in off_t.keys() {
            let allowed = ALLOWED_OMITTED_TRAITS.contains(&k.as_str())
                || (svc && SERVICE_ALLOWED_OMITTED_TRAITS.contains(&k.as_str()));
            if !allowed && !ours_t.contains_key(k) {
                problems.push(format!("{path}: official trait `{k}` is missing"));
            }
        }
    };
    for (id, shape) in shapes(ours()) {
        let Some(o) = off.get(id) else { continue };
        compare(id.clone(), traits(shape), traits(o), id == SERVICE_ID);
        let off_members: BTreeMap<String, &Value> = members(o).into_iter().collect();
        for (name, m) in members(shape) {
            let Some(om) = off_members.get(&name) else {
                continue;
            }; // reported by members test
            compare(format!("{id}${name}"), traits(m), traits(om), false);
        }
    }
    report("traits differing from official", problems);
}

#[test]
fn read_operations_are_readonly_and_only_they() {
    let mut problems = Vec::new();
    for (id, shape) in shapes(ours()) {
        if shape_type(shape) != "operation" {
            continue;
        }
        let marked = traits(shape).contains_key(READONLY);
        match (is_read_operation(id), marked) {
            (true, false) => problems.push(format!("{id}: a read operation without `@readonly`")),
            (false, true) => problems.push(format!("{id}: `@readonly` on an operation that writes")),
            _ => {}
        }
    }
    report("readonly traits", problems);
}

/// Lowercase, tags stripped, whitespace collapsed: catches copies that only differ in markup.
fn normalize_doc(s: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn documentation_is_our_own() {
    let Some(off) = official("documentation_is_our_own") else {
        return;
    };
    let off = shapes(off);
    let mut problems = Vec::new();
    let mut check = |path: String, ours_v: &Value, off_v: &Value| {
        let (Some(a), Some(b)) = (
            traits(ours_v)
                .get(DOC)
                .and_then(Value::as_str)
                .map(str::to_owned),
            traits(off_v)
                .get(DOC)
                .and_then(Value::as_str)
                .map(str::to_owned),
        ) else {
            return;
        };
        if a == b || normalize_doc(&a) == normalize_doc(&b) {
            problems.push(format!(
                "{path}: documentation is copied from the official model"
            ));
        }
    };
    for (id, shape) in shapes(ours()) {
        let Some(o) = off.get(id) else { continue };
        check(id.clone(), shape, o);
        let off_members: BTreeMap<String, &Value> = members(o).into_iter().collect();
        for (name, m) in members(shape) {
            if let Some(om) = off_members.get(&name) {
                check(format!("{id}${name}"), m, om);
            }
        }
    }
    report("documentation copied from the official model", problems);
}

// ---------------------------------------------------------------------------------------------
// Self-contained checks (always run)
// ---------------------------------------------------------------------------------------------

#[test]
fn json_object_order_is_preserved() {
    // The member-order checks rely on serde_json's `preserve_order` feature.
    let v: Value = serde_json::from_str(r#"{"b": 1, "a": 2}"#).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["b", "a"],
        "serde_json must be built with `preserve_order`"
    );
}

#[test]
fn model_header_is_smithy_2() {
    assert_eq!(
        ours().get("smithy").and_then(Value::as_str),
        Some("2.0"),
        "model must declare smithy 2.0"
    );
    let svc = shapes(ours())
        .get(SERVICE_ID)
        .unwrap_or_else(|| panic!("{SERVICE_ID} is missing"));
    assert_eq!(shape_type(svc), "service", "{SERVICE_ID} must be a service");
    assert_eq!(
        svc.get("version").and_then(Value::as_str),
        OFFICIAL_FILE.strip_suffix(".smithy.json").and_then(|f| f.split_once('-')).map(|(_, version)| version),
        "{SERVICE_ID}: wrong version"
    );
}

#[test]
fn service_lists_exactly_the_expected_operations() {
    let svc = shapes(ours())
        .get(SERVICE_ID)
        .unwrap_or_else(|| panic!("{SERVICE_ID} is missing"));
    let ops: Vec<&str> = svc
        .get("operations")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(target).collect())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let listed: BTreeSet<&str> = ops.iter().copied().collect();
    // `["*"]`: every operation of the official model.
    let expected: BTreeSet<&str> = if EXPECTED_OPERATIONS == ["*"] {
        let Some(official) = official("service_lists_exactly_the_expected_operations") else { return };
        shapes(official).iter().filter(|(_, s)| shape_type(s) == "operation").map(|(id, _)| id.as_str()).collect()
    } else {
        EXPECTED_OPERATIONS.iter().copied().collect()
    };
    for op in expected.difference(&listed) {
        problems.push(format!("{SERVICE_ID}: operation `{op}` is not listed"));
    }
    for op in listed.difference(&expected) {
        problems.push(format!("{SERVICE_ID}: unexpected operation `{op}`"));
    }
    if listed.len() != ops.len() {
        problems.push(format!(
            "{SERVICE_ID}: operations contain duplicates: {ops:?}"
        ));
    }
    let mut sorted = ops.clone();
    sorted.sort_unstable();
    if sorted != ops {
        problems.push(format!(
            "{SERVICE_ID}: operations are not sorted by target: {ops:?}"
        ));
    }
    report("service operation list", problems);
}

#[test]
fn operations_are_defined_and_model_is_closed() {
    let ours = shapes(ours());
    let mut problems = Vec::new();
    if let Some(svc) = ours.get(SERVICE_ID) {
        for op in svc
            .get("operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let t = target(op);
            match ours.get(t) {
                None => problems.push(format!("{SERVICE_ID}: operation `{t}` is not defined")),
                Some(s) if shape_type(s) != "operation" => problems.push(format!(
                    "{SERVICE_ID}: `{t}` is listed as an operation but is a `{}`",
                    shape_type(s)
                )),
                Some(_) => {}
            }
        }
    } else {
        problems.push(format!("{SERVICE_ID} is missing"));
    }
    for (id, shape) in ours {
        for (via, t) in referenced_targets(shape) {
            let prelude = t
                .strip_prefix("smithy.api#")
                .is_some_and(|n| PRELUDE_SHAPES.contains(&n));
            if !prelude && !ours.contains_key(&t) {
                problems.push(format!("{id} {via}: target `{t}` is not defined"));
            }
        }
    }
    report("model closure", problems);
}

/// Documentation is optional (`codegen import` copies facts only, and the generator writes the
/// pages from them); where model/ has some, it is short plain text of our own.
#[test]
fn documentation_where_present_is_short_plain_text() {
    let mut problems = Vec::new();
    let mut check = |path: String, v: &Value| match traits(v).get(DOC) {
        None => {}
        Some(Value::String(s)) if s.trim().is_empty() => {
            problems.push(format!("{path}: empty documentation"))
        }
        Some(Value::String(s)) => {
            let has_tag = s.char_indices().any(|(i, c)| {
                c == '<' && s[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/')
            });
            if has_tag {
                problems.push(format!(
                    "{path}: documentation must be plain text, not HTML"
                ));
            }
            if s.chars().count() > 300 {
                problems.push(format!(
                    "{path}: documentation should be short (1-2 sentences)"
                ));
            }
        }
        Some(other) => problems.push(format!("{path}: documentation is not a string: {other}")),
    };
    for (id, shape) in shapes(ours()) {
        check(id.clone(), shape);
        for (name, m) in members(shape) {
            check(format!("{id}${name}"), m);
        }
    }
    report("documentation", problems);
}

#[test]
fn model_file_is_canonically_formatted() {
    let text = std::fs::read_to_string(our_model_path()).expect("read model");
    let ids: Vec<&String> = shapes(ours()).keys().collect();
    let unsorted: Vec<String> = ids
        .windows(2)
        .filter(|w| w[0] >= w[1])
        .map(|w| format!("`{}` comes after `{}`", w[1], w[0]))
        .collect();
    report("shapes must be sorted by id", unsorted);

    // serde_json's pretty printer indents by 2 spaces; JSON strings never contain raw
    // newlines, so doubling each line's leading spaces gives the 4-space form.
    let pretty = serde_json::to_string_pretty(ours()).expect("serialize");
    let mut expected = String::new();
    for line in pretty.lines() {
        let body = line.trim_start_matches(' ');
        expected.push_str(&" ".repeat(2 * (line.len() - body.len())));
        expected.push_str(body);
        expected.push('\n');
    }
    if text != expected {
        let line = text
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or(
                text.lines().count().min(expected.lines().count()) + 1,
                |i| i + 1,
            );
        panic!("model/iam.json is not formatted with 4-space indentation (first difference at line {line})");
    }
}
