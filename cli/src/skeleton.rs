//! `--generate-cli-skeleton`: what to put in `--cli-input-json` (`input`, the AWS CLI's exact JSON),
//! the same as commented YAML (`yaml-input`), or a sample result of the right shape (`output`).
//! Nothing is sent.

use crate::format::iso8601;
use polyiam_core::schema::{self, Kind, Member, Shape};
use polyiam_core::Timestamp;
use serde_json::{json, Map, Value as Json};

/// Deeper than any input, and a stop for recursive shapes.
const MAX_DEPTH: usize = 16;

/// The AWS CLI's input skeleton (v2's `ArgumentGenerator`): "" for strings, an enum's first value,
/// 0 for numbers, true for booleans, null for blobs, one element per list, `{"KeyName": ..}` per map.
pub fn input(shape: Option<&'static Shape>) -> Json {
    shape.map_or_else(|| Json::Object(Map::new()), |s| sample(s, &mut Vec::new(), None))
}

/// A sample output: like `input`, but every value valid for its shape (strings named after their
/// member and fitted to the length constraints, enums their first value), so the sample is a
/// result the operation could return.
pub fn output(shape: Option<&'static Shape>) -> Json {
    shape.map_or_else(|| Json::Object(Map::new()), |s| sample(s, &mut Vec::new(), Some("")))
}

fn sample(shape: &'static Shape, stack: &mut Vec<&'static str>, named: Option<&str>) -> Json {
    if stack.len() > MAX_DEPTH || stack.iter().filter(|n| **n == shape.name).count() > 1 {
        return Json::Object(Map::new());
    }
    stack.push(shape.name);
    let out = match &shape.kind {
        Kind::Structure { members } => Json::Object(
            members.iter().filter_map(|m| schema::shape(m.target).map(|s| (m.name.to_string(), sample_member(m, s, stack, named.is_some())))).collect(),
        ),
        Kind::List { member } => schema::shape(member).map_or(json!([]), |item| json!([sample(item, stack, named)])),
        Kind::Map { value, .. } => {
            let v = schema::shape(value).map_or(Json::Null, |s| sample(s, stack, named));
            json!({ "KeyName": v })
        }
        Kind::String => match named {
            None => json!(""),
            Some(name) => json!(fit(if name.is_empty() { "string" } else { name }, shape)),
        },
        Kind::Enum(values) => json!(values.first().map_or("", |(_, wire)| *wire)),
        Kind::Integer | Kind::Long => json!(shape.constraints.range.and_then(|(lo, _)| lo).unwrap_or(0).max(0)),
        Kind::Boolean => json!(true),
        Kind::Timestamp => match named {
            None => json!("1970-01-01T00:00:00"),
            Some(_) => json!(iso8601(Timestamp { secs: 0, nanos: 0 })),
        },
        Kind::Blob => Json::Null,
    };
    stack.pop();
    out
}

fn sample_member(m: &Member, shape: &'static Shape, stack: &mut Vec<&'static str>, as_output: bool) -> Json {
    if as_output && matches!(shape.kind, Kind::String) {
        // Member constraints narrow the shape's.
        let (lo, hi) = m.constraints.length.or(shape.constraints.length).unwrap_or((None, None));
        return json!(fit_len(m.name, lo, hi));
    }
    sample(shape, stack, as_output.then_some(m.name))
}

fn fit(text: &str, shape: &Shape) -> String {
    let (lo, hi) = shape.constraints.length.unwrap_or((None, None));
    fit_len(text, lo, hi)
}

/// `text` padded with `x` or cut to the length bounds.
fn fit_len(text: &str, lo: Option<u64>, hi: Option<u64>) -> String {
    let mut s = text.to_string();
    while (s.chars().count() as u64) < lo.unwrap_or(0) {
        s.push('x');
    }
    if let Some(hi) = hi {
        s = s.chars().take(hi as usize).collect();
    }
    s
}

/// The input skeleton as YAML, each member with a comment: `[REQUIRED]`, its type and constraints.
pub fn yaml_input(shape: Option<&'static Shape>) -> String {
    let mut out = String::new();
    if let Some(shape) = shape {
        yaml_members(shape.members(), 0, &mut out, &mut Vec::new());
    }
    out
}

fn yaml_members(members: &'static [Member], indent: usize, out: &mut String, stack: &mut Vec<&'static str>) {
    for (i, m) in members.iter().enumerate() {
        let Some(shape) = schema::shape(m.target) else { continue };
        let pad = " ".repeat(indent);
        // As the AWS CLI's (ruamel's) output: two spaces before the first comment of a mapping, one after.
        let gap = if i == 0 { "  " } else { " " };
        let comment = yaml_comment(m, shape);
        match &shape.kind {
            Kind::Structure { members } if stack.len() < MAX_DEPTH && !stack.contains(&shape.name) => {
                out.push_str(&format!("{pad}{}:{gap}# {comment}\n", m.name));
                stack.push(shape.name);
                yaml_members(members, indent + 2, out, stack);
                stack.pop();
            }
            Kind::List { member } => {
                out.push_str(&format!("{pad}{}:{gap}# {comment}\n", m.name));
                match schema::shape(member) {
                    Some(item) if matches!(item.kind, Kind::Structure { .. }) && !stack.contains(&item.name) => {
                        let mut nested = String::new();
                        stack.push(item.name);
                        yaml_members(item.members(), indent + 2, &mut nested, stack);
                        stack.pop();
                        // The first line of the item starts with "- ".
                        let body = nested.replacen(&format!("{pad}  "), &format!("{pad}- "), 1);
                        out.push_str(&body);
                    }
                    Some(item) => out.push_str(&format!("{pad}- {}\n", yaml_scalar(item))),
                    None => {}
                }
            }
            Kind::Map { value, .. } => {
                out.push_str(&format!("{pad}{}:{gap}# {comment}\n", m.name));
                let v = schema::shape(value).map_or("''".to_string(), yaml_scalar);
                out.push_str(&format!("{pad}  KeyName: {v}\n"));
            }
            _ => out.push_str(&format!("{pad}{}: {}{gap}# {comment}\n", m.name, yaml_scalar(shape))),
        }
    }
}

fn yaml_scalar(shape: &Shape) -> String {
    match &shape.kind {
        Kind::Enum(values) => values.first().map_or("''".to_string(), |(_, wire)| wire.to_string()),
        Kind::Integer | Kind::Long => "0".into(),
        Kind::Boolean => "true".into(),
        Kind::Timestamp => "1970-01-01T00:00:00".into(),
        Kind::Structure { .. } | Kind::Map { .. } | Kind::List { .. } => "{}".into(),
        _ => "''".into(),
    }
}

/// The AWS CLI's comment: `[REQUIRED]`, a sentence about the member (its documentation there; its
/// type and constraints here), and an enum's `Valid values are: A, B.`
fn yaml_comment(m: &Member, shape: &Shape) -> String {
    let mut parts = Vec::new();
    if m.required {
        parts.push("[REQUIRED]".to_string());
    }
    parts.push(format!("{}.", constraints(m, shape)));
    if let Kind::Enum(values) = &shape.kind {
        parts.push(format!("Valid values are: {}.", values.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(", ")));
    }
    parts.join(" ")
}

/// `string, length 1..128, pattern ^[\w+=,.@-]+$` and the like.
fn constraints(m: &Member, shape: &Shape) -> String {
    let mut parts = vec![crate::help::type_name(shape)];
    if let Some((lo, hi)) = m.constraints.length.or(shape.constraints.length) {
        parts.push(format!("length {}..{}", lo.map_or(String::new(), |n| n.to_string()), hi.map_or(String::new(), |n| n.to_string())));
    }
    if let Some((lo, hi)) = m.constraints.range.or(shape.constraints.range) {
        parts.push(format!("range {}..{}", lo.map_or(String::new(), |n| n.to_string()), hi.map_or(String::new(), |n| n.to_string())));
    }
    if let Some(p) = m.constraints.pattern.or(shape.constraints.pattern) {
        parts.push(format!("pattern {p}"));
    }
    parts.join(", ")
}

/// `[REQUIRED] string, length 1..128, pattern ^[\w+=,.@-]+$` and the like (for help).
pub fn describe(m: &Member, shape: &Shape) -> String {
    let mut text = if m.required { format!("[REQUIRED] {}", constraints(m, shape)) } else { constraints(m, shape) };
    if let Kind::Enum(values) = &shape.kind {
        text.push_str(&format!(", valid values: {}", values.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(", ")));
    }
    text
}
