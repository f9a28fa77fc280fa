//! `polyiam help`, `polyiam iam help`, `polyiam iam create-access-key help`: from the model
//! (operations; each operation's members with their types, constraints and whether required).

use crate::names::kebab;
use crate::params;
use polyiam_core::schema::{self, Kind, Operation, Service, Shape};

pub fn type_name(shape: &Shape) -> String {
    match &shape.kind {
        Kind::String => "string".into(),
        Kind::Enum(_) => "string".into(),
        Kind::Integer => "integer".into(),
        Kind::Long => "long".into(),
        Kind::Boolean => "boolean".into(),
        Kind::Timestamp => "timestamp".into(),
        Kind::Blob => "blob".into(),
        Kind::List { member } => format!("list of {}", schema::shape(member).map_or("?".to_string(), type_name)),
        Kind::Map { value, .. } => format!("map of string to {}", schema::shape(value).map_or("?".to_string(), type_name)),
        Kind::Structure { .. } => "structure".into(),
    }
}

pub fn top() -> String {
    let mut out = String::from("polyiam\n\nThe AWS CLI's conventions on polyiam's core.\n\nUsage: polyiam [options] <service> <operation> [parameters]\n\nServices:\n");
    for s in schema::services() {
        out.push_str(&format!("  {:<8} {}\n", s.name, s.title));
    }
    out.push_str(
        "\nGlobal options: --output json|yaml|text|table, --query JMESPATH, --region REGION[,REGION...]|*,\n  --endpoint-url URL, --profile NAME, --debug, --cli-read-timeout SECONDS, --cli-connect-timeout SECONDS,\n  --ca-bundle PATH, --no-paginate, --max-items N, --starting-token TOKEN, --page-size N, --cli-input-json JSON|file://PATH,\n  --cli-input-yaml YAML|file://PATH, --generate-cli-skeleton [input|yaml-input|output]\n",
    );
    out
}

pub fn service(s: &Service) -> String {
    let mut out = format!("{}\n\nUsage: polyiam {} <operation> [parameters]\n\nOperations:\n", s.title, s.name);
    let mut names: Vec<(String, bool)> = s.operations.iter().map(|o| (kebab(o.name), o.extension)).collect();
    names.sort();
    for (name, ext) in names {
        out.push_str(&format!("  {name}{}\n", if ext { "  (polyiam's own)" } else { "" }));
    }
    out
}

pub fn operation(s: &Service, op: &Operation) -> String {
    let mut out = format!("{} {}\n\n", s.name, kebab(op.name));
    if op.extension {
        out.push_str(&format!("{}: one of polyiam's own operations (model/polyiam.json).\n\n", op.name));
    } else {
        out.push_str(&format!("{}: see https://docs.aws.amazon.com/{}/latest/APIReference/API_{}.html\n\n", op.name, s.sdk_id, op.name));
    }
    out.push_str(&format!("Usage: polyiam {} {}", s.name, kebab(op.name)));
    let members = params::members(op);
    for (name, m) in &members {
        let arg = format!("--{name} <value>");
        out.push_str(&if m.required { format!(" {arg}") } else { format!(" [{arg}]") });
    }
    out.push_str("\n\nParameters:\n");
    if members.is_empty() {
        out.push_str("  (none)\n");
    }
    for (name, m) in members {
        if let Some(shape) = schema::shape(m.target) {
            out.push_str(&format!("  --{name}  ({})\n", crate::skeleton::describe(m, shape)));
            if matches!(shape.kind, Kind::Boolean) {
                out.push_str(&format!("      or --no-{name}\n"));
            }
        }
    }
    if let Some(p) = &op.paginated {
        out.push_str(&format!(
            "\nPaginated ({} -> {}): all pages by default; --no-paginate, --max-items, --starting-token, --page-size.\n",
            p.input_token, p.output_token
        ));
    }
    if !op.errors.is_empty() {
        let names: Vec<&str> = op.errors.iter().filter_map(|e| schema::shape(e)).filter_map(|s| s.error.map(|e| e.code)).collect();
        out.push_str(&format!("\nErrors: {}\n", names.join(", ")));
    }
    out
}
