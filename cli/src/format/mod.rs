//! Printing a result as the AWS CLI does: `--query` (JMESPath) first, then json, yaml, text or table.

mod table;
mod text;

use crate::args::Output;
use polyiam_core::{Timestamp, Value};
use serde_json::Value as Json;

/// The value tree as the AWS CLI shows it: secrets revealed (the caller asked for them), timestamps
/// as ISO 8601 with `+00:00` (Python's `isoformat()`), blobs as base64.
pub fn to_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::from(*i),
        Value::Float(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Timestamp(t) => Json::String(iso8601(*t)),
        Value::Blob(b) => {
            use base64::Engine;
            Json::String(base64::engine::general_purpose::STANDARD.encode(b))
        }
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
        Value::Sensitive(inner) => to_json(inner),
    }
}

/// `2026-01-01T10:00:00+00:00`, with microseconds when there are any (as `datetime.isoformat()`).
pub fn iso8601(t: Timestamp) -> String {
    match chrono::DateTime::<chrono::Utc>::from_timestamp(t.secs, t.nanos) {
        Some(dt) if dt.timestamp_subsec_micros() != 0 => dt.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(),
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        None => t.secs.to_string(),
    }
}

/// Python's `str()` of a JSON value, as the AWS CLI's text and table cells show it.
pub(crate) fn python_str(v: &Json) -> String {
    match v {
        Json::Null => "None".into(),
        Json::Bool(true) => "True".into(),
        Json::Bool(false) => "False".into(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Applies `--query`.
pub fn query(expression: &str, data: &Json) -> Result<Json, String> {
    let expr = jmespath::compile(expression).map_err(|e| format!("Bad value for --query {expression}: {e}"))?;
    let variable = jmespath::Variable::from_json(&data.to_string()).map_err(|e| e.to_string())?;
    let result = expr.search(variable).map_err(|e| format!("--query {expression}: {e}"))?;
    serde_json::to_value(&*result).map_err(|e| e.to_string())
}

/// The text to print (ends with a newline, or is empty).
pub fn render(output: Output, data: &Json, operation: &str) -> Result<String, String> {
    Ok(match output {
        Output::Json => {
            // As the AWS CLI: four-space indent; nothing at all for an empty result.
            if data.as_object().is_some_and(|m| m.is_empty()) {
                return Ok(String::new());
            }
            let mut buf = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(b"    "));
            serde::Serialize::serialize(data, &mut ser).map_err(|e| e.to_string())?;
            let mut s = String::from_utf8(buf).map_err(|e| e.to_string())?;
            s.push('\n');
            s
        }
        Output::Yaml => {
            if data.as_object().is_some_and(|m| m.is_empty()) {
                return Ok(String::new());
            }
            serde_saphyr::to_string(data).map_err(|e| e.to_string())?
        }
        Output::Text => text::render(data),
        Output::Table => table::render(data, operation),
    })
}
