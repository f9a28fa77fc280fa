//! Checks an input value tree against the model's traits before anything is sent.
//!
//! Every problem is collected (not just the first), each with the member path, the rule broken and
//! what was wrong. Values of sensitive members are never quoted.

use crate::schema::{self, Constraints, Kind, Shape};
use crate::value::{join_path, Map, Value};
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Member path such as `Tags[0].Key`; empty for the input as a whole.
    pub path: String,
    /// One of: required, unknown, type, length, pattern, enum, range, characters; and `pgp_key` for a
    /// `PgpKey` that cannot be encrypted to (`ext::pgp_seal`).
    pub rule: &'static str,
    pub detail: String,
    /// For a constraint IAM itself checks (length, pattern, enum, range): the sentence IAM's own
    /// `ValidationError` gives for it ("Value '…' at 'versionId' failed to satisfy constraint: …").
    pub aws: Option<String>,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.detail)
        } else {
            write!(f, "{}: {}", self.path, self.detail)
        }
    }
}

/// Validates `input` for operation `op`; an operation without input accepts only an empty map.
pub fn input(op: &schema::Operation, input: &Map) -> Vec<Issue> {
    let mut issues = Vec::new();
    match op.input.and_then(schema::shape) {
        Some(shape) => structure(shape, input, "", false, &mut issues),
        None => {
            for key in input.keys() {
                issues.push(Issue { aws: None,
                    path: key.clone(),
                    rule: "unknown",
                    detail: format!("unknown member \"{key}\"; {} takes no input", op.name),
                });
            }
        }
    }
    issues
}


fn structure(shape: &Shape, map: &Map, path: &str, sensitive: bool, issues: &mut Vec<Issue>) {
    let members = shape.members();
    for key in map.keys() {
        if !members.iter().any(|m| m.name == key) {
            let valid: Vec<&str> = members.iter().map(|m| m.name).collect();
            issues.push(Issue { aws: None,
                path: join_path(path, key),
                rule: "unknown",
                detail: format!(
                    "unknown member \"{key}\"; valid members: {}",
                    if valid.is_empty() { "(none)".to_string() } else { valid.join(", ") }
                ),
            });
        }
    }
    for member in members {
        let member_path = join_path(path, member.name);
        match map.get(member.name) {
            None if member.required => issues.push(Issue { aws: None,
                path: member_path,
                rule: "required",
                detail: format!("missing required member \"{}\"", member.name),
            }),
            None => {}
            Some(v) => {
                let Some(target) = schema::shape(member.target) else { continue };
                value(target, member.constraints, v, &member_path, sensitive, issues);
            }
        }
    }
}

fn type_issue(path: &str, expected: &str, got: &Value) -> Issue {
    Issue { aws: None, path: path.to_string(), rule: "type", detail: format!("expected {expected}, got {}", got.type_name()) }
}

/// Checks one value against its target shape plus the member's own constraint traits.
fn value(shape: &Shape, member: Constraints, v: &Value, path: &str, sensitive: bool, issues: &mut Vec<Issue>) {
    let sensitive = sensitive || shape.sensitive;
    let c = merge(shape.constraints, member);
    let v = v.revealed();
    match (&shape.kind, v) {
        (Kind::String | Kind::Enum(_), Value::String(s)) if s.contains('\0') => issues.push(Issue { aws: None,
            path: path.to_string(),
            rule: "characters",
            detail: "strings must not contain NUL characters".into(),
        }),
        (Kind::String, Value::String(s)) => {
            length(c, s.chars().count(), path, aws_shown(s, sensitive).as_deref(), issues);
            pattern(c, s, path, sensitive, issues);
        }
        (Kind::Enum(values), Value::String(s)) => {
            if !values.iter().any(|(_, wire)| wire == s) {
                let allowed: Vec<&str> = values.iter().map(|(_, wire)| *wire).collect();
                let shown = quoted(s, sensitive);
                let aws = aws_sentence(path, aws_shown(s, sensitive).as_deref(), &format!("Member must satisfy enum value set: [{}]", allowed.join(", ")));
                issues.push(Issue { aws,
                    path: path.to_string(),
                    rule: "enum",
                    detail: format!("{shown} is not one of: {}", allowed.join(", ")),
                });
            }
        }
        (Kind::Integer, Value::Integer(i)) => {
            if i32::try_from(*i).is_err() {
                issues.push(Issue { aws: None,
                    path: path.to_string(),
                    rule: "range",
                    detail: format!("value {i} does not fit a 32-bit integer"),
                });
            } else {
                range(c, *i, path, issues);
            }
        }
        (Kind::Long, Value::Integer(i)) => range(c, *i, path, issues),
        (Kind::Boolean, Value::Bool(_)) => {}
        (Kind::Timestamp, Value::Timestamp(_)) => {}
        (Kind::Timestamp, Value::String(s)) => {
            if crate::value::Timestamp::parse_rfc3339(s).is_none() {
                issues.push(Issue { aws: None,
                    path: path.to_string(),
                    rule: "type",
                    detail: "expected a timestamp or an RFC 3339 date-time string".into(),
                });
            }
        }
        (Kind::Blob, Value::Blob(b)) => length(c, b.len(), path, None, issues),
        (Kind::Blob, Value::String(s)) => length(c, s.len(), path, None, issues),
        (Kind::List { member }, Value::List(items)) => {
            length(c, items.len(), path, None, issues);
            if let Some(item_shape) = schema::shape(member) {
                for (i, item) in items.iter().enumerate() {
                    value(item_shape, Constraints::default(), item, &format!("{path}[{i}]"), sensitive, issues);
                }
            }
        }
        (Kind::Map { key, value: val }, Value::Map(m)) => {
            length(c, m.len(), path, None, issues);
            let (Some(ks), Some(vs)) = (schema::shape(key), schema::shape(val)) else { return };
            for (k, item) in m {
                let item_path = format!("{path}[{k:?}]");
                value(ks, Constraints::default(), &Value::String(k.clone()), &item_path, sensitive, issues);
                value(vs, Constraints::default(), item, &item_path, sensitive, issues);
            }
        }
        (Kind::Structure { .. }, Value::Map(m)) => structure(shape, m, path, sensitive, issues),
        (kind, got) => issues.push(type_issue(path, expected_name(kind), got)),
    }
}

fn expected_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::String | Kind::Enum(_) => "string",
        Kind::Integer | Kind::Long => "integer",
        Kind::Boolean => "boolean",
        Kind::Timestamp => "timestamp",
        Kind::Blob => "blob (bytes)",
        Kind::List { .. } => "list",
        Kind::Map { .. } => "map",
        Kind::Structure { .. } => "structure",
    }
}

fn merge(shape: Constraints, member: Constraints) -> Constraints {
    Constraints {
        length: member.length.or(shape.length),
        range: member.range.or(shape.range),
        pattern: member.pattern.or(shape.pattern),
    }
}

/// `shown`: the value as IAM's message quotes it (`None`: not quoted: sensitive, or a list or map).
fn length(c: Constraints, len: usize, path: &str, shown: Option<&str>, issues: &mut Vec<Issue>) {
    let Some((min, max)) = c.length else { return };
    let len = len as u64;
    if let Some(min) = min.filter(|&m| len < m) {
        let aws = aws_sentence(path, shown, &format!("Member must have length greater than or equal to {min}"));
        issues.push(Issue { aws, path: path.into(), rule: "length", detail: format!("length {len} is below the minimum {min}") });
    }
    if let Some(max) = max.filter(|&m| len > m) {
        let aws = aws_sentence(path, shown, &format!("Member must have length less than or equal to {max}"));
        issues.push(Issue { aws, path: path.into(), rule: "length", detail: format!("length {len} is above the maximum {max}") });
    }
}

fn range(c: Constraints, v: i64, path: &str, issues: &mut Vec<Issue>) {
    let Some((min, max)) = c.range else { return };
    let shown = v.to_string();
    if let Some(min) = min.filter(|&m| v < m) {
        let aws = aws_sentence(path, Some(&shown), &format!("Member must have value greater than or equal to {min}"));
        issues.push(Issue { aws, path: path.into(), rule: "range", detail: format!("value {v} is below the minimum {min}") });
    }
    if let Some(max) = max.filter(|&m| v > m) {
        let aws = aws_sentence(path, Some(&shown), &format!("Member must have value less than or equal to {max}"));
        issues.push(Issue { aws, path: path.into(), rule: "range", detail: format!("value {v} is above the maximum {max}") });
    }
}

/// IAM's wording of one constraint violation: `Value 'x' at 'userName' failed to satisfy
/// constraint: Member must …`, with the member path as IAM names it (`tags.1.member.key`).
fn aws_sentence(path: &str, shown: Option<&str>, constraint: &str) -> Option<String> {
    let at = aws_path(path);
    Some(match shown {
        Some(v) => format!("Value '{v}' at '{at}' failed to satisfy constraint: {constraint}"),
        None => format!("Value at '{at}' failed to satisfy constraint: {constraint}"),
    })
}

/// `Tags[0].Key` -> `tags.1.member.key`: the awsQuery names IAM's messages use (lower camel case,
/// list items numbered from 1, map entries by key).
fn aws_path(path: &str) -> String {
    let lower = |name: &str| {
        let mut chars = name.chars();
        chars.next().map(|c| c.to_lowercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    let mut out: Vec<String> = Vec::new();
    for segment in path.split('.') {
        let (name, rest) = segment.split_once('[').map_or((segment, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(lower(name));
        }
        for index in rest.split('[').map(|i| i.trim_end_matches(']')).filter(|i| !i.is_empty()) {
            match index.parse::<usize>() {
                Ok(i) => out.push(format!("{}.member", i + 1)),
                Err(_) => out.push(index.trim_matches('"').to_string()),
            }
        }
    }
    out.join(".")
}

/// A bad value as messages show it: never a sensitive one, at most 64 characters of another.
fn aws_shown(s: &str, sensitive: bool) -> Option<String> {
    if sensitive {
        return None;
    }
    let mut cut: String = s.chars().take(64).collect();
    if cut.len() < s.len() {
        cut.push('…');
    }
    Some(cut)
}

fn pattern(c: Constraints, s: &str, path: &str, sensitive: bool, issues: &mut Vec<Issue>) {
    let Some(p) = c.pattern else { return };
    let Some(matches) = with_regex(p, |re| re.is_match(s)) else { return };
    if !matches {
        let shown = quoted(s, sensitive);
        let aws = aws_sentence(path, aws_shown(s, sensitive).as_deref(), &format!("Member must satisfy regular expression pattern: {p}"));
        issues.push(Issue { aws,
            path: path.into(),
            rule: "pattern",
            detail: format!("{shown} does not match the pattern {p}"),
        });
    }
}

/// How polyiam's message shows a bad value (`aws_shown`'s cut, quoted).
fn quoted(s: &str, sensitive: bool) -> String {
    match aws_shown(s, sensitive) {
        None => "value".to_string(),
        Some(cut) => format!("value {cut:?}"),
    }
}

/// Runs `f` with the compiled form of a model pattern; `None` if the pattern can't be compiled
/// (then the server, which owns the rule, decides).
fn with_regex<R>(pattern: &'static str, f: impl FnOnce(&Regex) -> R) -> Option<R> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    let re = cache.entry(pattern).or_insert_with(|| Regex::new(&ecma_to_rust(pattern)).ok());
    re.as_ref().map(f)
}

/// Smithy patterns are ECMA-262 regexes, where `\w` and `\d` are ASCII-only; the regex crate's are
/// Unicode-aware, so spell them out.
fn ecma_to_rust(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut in_class = false;
    let mut chars = p.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some('w') => out.push_str(if in_class { "0-9A-Za-z_" } else { "[0-9A-Za-z_]" }),
                Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(ch);
            }
            ']' if in_class => {
                in_class = false;
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn op(name: &str) -> &'static schema::Operation {
        schema::any_operation(name).expect("operation in model")
    }

    fn map(pairs: &[(&str, Value)]) -> Map {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn accepts_valid_input() {
        assert!(input(op("CreateAccessKey"), &map(&[("UserName", s("bob"))])).is_empty());
        assert!(input(op("CreateAccessKey"), &Map::new()).is_empty());
    }

    #[test]
    fn names_unknown_members_and_the_valid_ones() {
        let issues = input(op("CreateAccessKey"), &map(&[("Username", s("bob"))]));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].rule, "unknown");
        assert!(issues[0].detail.contains("valid members: UserName"), "{}", issues[0]);
    }

    #[test]
    fn reports_every_problem() {
        let issues = input(op("UpdateAccessKey"), &map(&[("UserName", s("bad name!")), ("Status", s("Bogus"))]));
        let rules: Vec<_> = issues.iter().map(|i| (i.path.as_str(), i.rule)).collect();
        assert_eq!(rules, vec![("UserName", "pattern"), ("AccessKeyId", "required"), ("Status", "enum")]);
    }

    #[test]
    fn checks_length_in_characters() {
        let long = "é".repeat(129);
        let issues = input(op("CreateAccessKey"), &map(&[("UserName", s(&long))]));
        assert_eq!(issues[0].detail, "length 129 is above the maximum 128");
        assert!(input(op("CreateAccessKey"), &map(&[("UserName", s(&"é".repeat(128)))])).iter().all(|i| i.rule != "length"));
        let empty = input(op("CreateAccessKey"), &map(&[("UserName", s(""))]));
        assert!(empty.iter().any(|i| i.detail == "length 0 is below the minimum 1"));
    }

    #[test]
    fn checks_integer_ranges_and_types() {
        let zero = input(op("ListAccessKeys"), &map(&[("MaxItems", Value::Integer(0))]));
        assert_eq!(zero[0].rule, "range");
        let huge = input(op("ListAccessKeys"), &map(&[("MaxItems", Value::Integer(1 << 40))]));
        assert_eq!(huge[0].rule, "range");
        let wrong = input(op("ListAccessKeys"), &map(&[("MaxItems", s("10"))]));
        assert_eq!(wrong[0].detail, "expected integer, got string");
        assert!(input(op("ListAccessKeys"), &map(&[("MaxItems", Value::Integer(1000))])).is_empty());
    }

    #[test]
    fn validates_nested_lists_of_structures() {
        let tag = |k: &str| Value::Map(map(&[("Key", s(k))]));
        let issues = input(
            op("CreateUser"),
            &map(&[("UserName", s("u")), ("Tags", Value::List(vec![tag("ok"), Value::Null]))]),
        );
        let got: Vec<_> = issues.iter().map(|i| (i.path.as_str(), i.rule)).collect();
        assert_eq!(got, vec![("Tags[0].Value", "required"), ("Tags[1]", "type")]);
    }

    #[test]
    fn constraint_violations_read_as_iams_validation_error() {
        let issues = input(op("UpdateAccessKey"), &map(&[("UserName", s("bad name!")), ("AccessKeyId", s("AKIAIOSFODNN7EXAMPLE")), ("Status", s("Bogus"))]));
        let err = crate::Error { operation: Some("UpdateAccessKey"), ..crate::Error::validation("UpdateAccessKey", issues) };
        assert_eq!((err.code.as_str(), err.http_status), ("ValidationError", Some(400)));
        assert_eq!(
            err.message,
            "2 validation errors detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular \
             expression pattern: ^[\\w+=,.@-]+$; Value 'Bogus' at 'status' failed to satisfy constraint: Member must satisfy enum \
             value set: [Active, Inactive, Expired]"
        );
        assert!(err.to_string().starts_with("An error occurred (ValidationError) when calling the UpdateAccessKey operation: 2 validation errors"));
        // A missing member is botocore's own check: its ParamValidationError only.
        let missing = crate::Error::validation("UpdateAccessKey", input(op("UpdateAccessKey"), &map(&[("UserName", s("bad name!"))])));
        assert_eq!((missing.code.as_str(), missing.http_status), ("ParamValidation", None));
        assert_eq!(aws_path("Tags[1].Key"), "tags.2.member.key");
        assert_eq!(aws_path("MaxItems"), "maxItems");
    }

    #[test]
    fn ecma_word_class_is_ascii_only() {
        assert!(with_regex(r"^[\w+=,.@-]+$", |re| re.is_match("Bob_1+=,.@-")).unwrap());
        assert!(!with_regex(r"^[\w+=,.@-]+$", |re| re.is_match("Bøb")).unwrap());
        assert!(with_regex(r"^(\u002F)|(\u002F[\u0021-\u007E]+\u002F)$", |re| re.is_match("/a/")).unwrap());
    }
}
