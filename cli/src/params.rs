//! An operation's arguments from the command line, driven by the model (the core's schema tables):
//! `--member-name value` for every member of the input, in the AWS CLI's forms: scalars as text,
//! lists of scalars as several words, structures, maps and lists of structures as JSON or the
//! shorthand `Key=a,Value=b` (one word per list item); booleans as `--flag` / `--no-flag`; any value
//! may be `file://path` (the file's text) or `fileb://path` (its bytes).

use crate::names::kebab;
use polyiam_core::schema::{self, Kind, Member, Operation, Shape};
use polyiam_core::{Map, Timestamp, Value};

/// A problem with the command line (exit code 252).
#[derive(Debug)]
pub struct Usage(pub String);

/// The input members of `op` by their command-line name. As in the AWS CLI, a paginated
/// operation's paging members (its input token and page size, e.g. Marker and MaxItems) are not
/// arguments: `--starting-token`, `--page-size` and `--max-items` stand for them.
pub fn members(op: &Operation) -> Vec<(String, &'static Member)> {
    let paging: Vec<&str> = op.paginated.as_ref().map(|p| [Some(p.input_token), p.page_size].into_iter().flatten().collect()).unwrap_or_default();
    input_shape(op)
        .map(|s| s.members().iter().filter(|m| !paging.contains(&m.name)).map(|m| (kebab(m.name), m)).collect())
        .unwrap_or_default()
}

pub fn input_shape(op: &Operation) -> Option<&'static Shape> {
    op.input.and_then(schema::shape)
}

/// Parses `args` into the operation's input.
pub fn parse(op: &Operation, args: &[String]) -> Result<Map, Usage> {
    let members = members(op);
    let mut input = Map::new();
    let mut unknown = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let Some(flag) = arg.strip_prefix("--") else {
            unknown.push(arg.clone());
            i += 1;
            continue;
        };
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (flag, None),
        };
        let negated = flag.strip_prefix("no-").and_then(|f| members.iter().find(|(n, m)| n == f && is_bool(m)));
        if let Some((_, m)) = negated {
            input.insert(m.name.to_string(), Value::Bool(false));
            i += 1;
            continue;
        }
        let Some((_, m)) = members.iter().find(|(n, _)| n == flag) else {
            unknown.push(arg.clone());
            i += 1;
            continue;
        };
        let shape = schema::shape(m.target).ok_or_else(|| Usage(format!("--{flag}: the model has no shape {}", m.target)))?;
        if matches!(shape.kind, Kind::Boolean) && inline.is_none() {
            input.insert(m.name.to_string(), Value::Bool(true));
            i += 1;
            continue;
        }
        // The values: the inline one, or the words up to the next option.
        let mut values: Vec<String> = inline.into_iter().collect();
        if values.is_empty() {
            let mut j = i + 1;
            while j < args.len() && !args[j].starts_with("--") {
                values.push(args[j].clone());
                j += 1;
                if !matches!(shape.kind, Kind::List { .. }) {
                    break;
                }
            }
            i = j;
        } else {
            i += 1;
        }
        if values.is_empty() {
            return Err(Usage(format!("argument --{flag}: expected one argument")));
        }
        let value = value_of(flag, shape, &values)?;
        input.insert(m.name.to_string(), value);
    }
    if !unknown.is_empty() {
        return Err(Usage(format!("Unknown options: {}", unknown.join(", "))));
    }
    Ok(input)
}

fn is_bool(m: &Member) -> bool {
    schema::shape(m.target).is_some_and(|s| matches!(s.kind, Kind::Boolean))
}

/// A file's contents for `file://` / `fileb://`, else the text itself.
fn resolve(flag: &str, text: &str) -> Result<Resolved, Usage> {
    let read = |path: &str| std::fs::read(path).map_err(|e| Usage(format!("Error parsing parameter '--{flag}': Unable to load paramfile {text}: {e}")));
    if let Some(path) = text.strip_prefix("fileb://") {
        return Ok(Resolved::Bytes(read(path)?));
    }
    if let Some(path) = text.strip_prefix("file://") {
        let bytes = read(path)?;
        return String::from_utf8(bytes).map(Resolved::Text).map_err(|_| Usage(format!("Error parsing parameter '--{flag}': {text} is not UTF-8 text (use fileb://)")));
    }
    Ok(Resolved::Text(text.to_string()))
}

enum Resolved {
    Text(String),
    Bytes(Vec<u8>),
}

fn value_of(flag: &str, shape: &'static Shape, words: &[String]) -> Result<Value, Usage> {
    let bad = |detail: String| Usage(format!("Error parsing parameter '--{flag}': {detail}"));
    match &shape.kind {
        Kind::List { member } => {
            let item = schema::shape(member).ok_or_else(|| bad(format!("the model has no shape {member}")))?;
            // One JSON array, or one word per item.
            if let [one] = words {
                if let Resolved::Text(t) = resolve(flag, one)? {
                    if t.trim_start().starts_with('[') {
                        return json(&t).map_err(bad);
                    }
                }
            }
            let items = words.iter().map(|w| value_of(flag, item, std::slice::from_ref(w))).collect::<Result<Vec<_>, _>>()?;
            Ok(Value::List(items))
        }
        kind => {
            let text = match resolve(flag, &words[0])? {
                Resolved::Bytes(b) => return Ok(Value::Blob(b)),
                Resolved::Text(t) => t,
            };
            match kind {
                Kind::String | Kind::Enum(_) => Ok(Value::String(text)),
                Kind::Blob => Ok(Value::Blob(text.into_bytes())),
                Kind::Integer | Kind::Long => text.trim().parse::<i64>().map(Value::Integer).map_err(|_| bad(format!("invalid integer value: {text:?}"))),
                Kind::Boolean => match text.to_ascii_lowercase().as_str() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    _ => Err(bad(format!("invalid boolean value: {text:?}"))),
                },
                Kind::Timestamp => timestamp(&text).map(Value::Timestamp).ok_or_else(|| bad(format!("invalid timestamp: {text:?} (ISO 8601 or seconds since the epoch)"))),
                Kind::Structure { .. } | Kind::Map { .. } => {
                    if text.trim_start().starts_with('{') {
                        json(&text).map_err(bad)
                    } else {
                        shorthand(&text).map_err(bad)
                    }
                }
                Kind::List { .. } => unreachable_list(),
            }
        }
    }
}

fn unreachable_list() -> Result<Value, Usage> {
    Err(Usage("internal: nested list".into()))
}

fn json(text: &str) -> Result<Value, String> {
    serde_json::from_str::<serde_json::Value>(text).map(Value::from).map_err(|e| format!("Invalid JSON: {e}\nJSON received: {text}"))
}

/// The shorthand `Key=a,Value=b` for a flat structure or map.
fn shorthand(text: &str) -> Result<Value, String> {
    let mut m = Map::new();
    for pair in text.split(',') {
        let (k, v) = pair.split_once('=').ok_or_else(|| format!("Expected: '=', received: end of input for input: {text}"))?;
        m.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
    }
    Ok(Value::Map(m))
}

/// ISO 8601 (`2026-01-01`, `2026-01-01T10:00:00Z`, with an offset) or seconds since the epoch.
pub fn timestamp(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<f64>() {
        return Some(Timestamp { secs: secs.floor() as i64, nanos: ((secs.fract()) * 1e9) as u32 });
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Some(Timestamp { secs: dt.timestamp(), nanos: dt.timestamp_subsec_nanos() });
    }
    if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S") {
        return Some(Timestamp { secs: dt.and_utc().timestamp(), nanos: 0 });
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|dt| Timestamp { secs: dt.and_utc().timestamp(), nanos: 0 })
}
