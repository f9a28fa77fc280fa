//! `--cli-input-json` / `--cli-input-yaml`: the operation's parameters as one map (inline or
//! `file://path`), under the arguments given explicitly (a shallow merge: an explicit argument
//! replaces the input's key).

use crate::params::Usage;
use polyiam_core::schema::Operation;
use polyiam_core::{Map, Value};

pub fn load(op: &Operation, json: Option<&str>, yaml: Option<&str>) -> Result<Map, Usage> {
    let (flag, text, is_yaml) = match (json, yaml) {
        (Some(_), Some(_)) => return Err(Usage("Only one --cli-input- parameter may be specified.".into())),
        (Some(j), None) => ("--cli-input-json", j, false),
        (None, Some(y)) => ("--cli-input-yaml", y, true),
        (None, None) => return Ok(Map::new()),
    };
    let text = match text.strip_prefix("file://") {
        Some(path) => std::fs::read_to_string(path).map_err(|e| Usage(format!("Error parsing parameter '{flag}': Unable to load paramfile {text}: {e}")))?,
        None => text.to_string(),
    };
    let parsed: serde_json::Value = if is_yaml {
        serde_saphyr::from_str(&text).map_err(|e| Usage(format!("Error parsing parameter 'cli-input-yaml': Invalid YAML received. ({e})")))?
    } else {
        serde_json::from_str(&text).map_err(|e| Usage(format!("Error parsing parameter 'cli-input-json': Invalid JSON received. ({e})")))?
    };
    let received = match &parsed {
        serde_json::Value::Array(_) => "list",
        serde_json::Value::String(_) => "str",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Null => "NoneType",
        serde_json::Value::Object(_) => "dict",
    };
    let Value::Map(input) = Value::from(parsed) else {
        return Err(Usage(format!("Error parsing parameter '{flag}': Invalid type: expecting map, received <class '{received}'>")));
    };
    let known: Vec<&str> = crate::params::input_shape(op).map(|s| s.members().iter().map(|m| m.name).collect()).unwrap_or_default();
    let unknown: Vec<&str> = input.keys().map(String::as_str).filter(|k| !known.contains(k)).collect();
    if !unknown.is_empty() {
        return Err(Usage(format!(
            "Parameter validation failed:\nUnknown parameter in input: \"{}\", must be one of: {}",
            unknown.join("\", \""),
            known.join(", ")
        )));
    }
    Ok(input)
}
