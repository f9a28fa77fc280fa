//! Model shapes as R values, for the help pages: the example literal paws's docs show for a request
//! or a result (`list(UserName = "string", CreateDate = as.POSIXct("2015-01-01"))`), and a short
//! description of each argument's type.

use crate::model::{Kind, Model};

/// Nesting limit for examples (recursive shapes would never end).
const MAX_DEPTH: usize = 8;

/// An R literal for a value of `shape`, indented by `indent` spaces after the first line.
pub fn example(model: &Model, shape: &str, indent: usize, depth: usize) -> String {
    let s = model.shape(shape);
    let pad = " ".repeat(indent + 2);
    let close = " ".repeat(indent);
    match s.kind {
        Kind::String => "\"string\"".into(),
        Kind::Enum => {
            let values: Vec<String> =
                s.enum_values().into_iter().map(|(_, wire)| format!("{wire:?}")).collect();
            values.join("|")
        }
        Kind::Integer | Kind::Long => "123".into(),
        Kind::Boolean => "TRUE|FALSE".into(),
        Kind::Timestamp => "as.POSIXct(\"2015-01-01\", tz = \"UTC\")".into(),
        Kind::Blob => "raw".into(),
        Kind::Unit => "list()".into(),
        _ if depth >= MAX_DEPTH => "list(...)".into(),
        Kind::List => format!("list(\n{pad}{}\n{close})", example(model, &s.members[0].target, indent + 2, depth + 1)),
        Kind::Map => format!("list(\n{pad}\"string\" = {}\n{close})", example(model, &s.members[1].target, indent + 2, depth + 1)),
        Kind::Structure => {
            if s.members.is_empty() {
                return "list()".into();
            }
            let fields: Vec<String> = s
                .members
                .iter()
                .map(|m| format!("{pad}{} = {}", arg_name(&m.name), example(model, &m.target, indent + 2, depth + 1)))
                .collect();
            format!("list(\n{}\n{close})", fields.join(",\n"))
        }
    }
}

/// A member name as written in an R call.
pub fn arg_name(name: &str) -> String {
    if super::naming::is_syntactic(name) {
        name.to_string()
    } else {
        format!("`{name}`")
    }
}

/// A one-line description of a shape's R type and constraints, for `\arguments`.
pub fn describe(model: &Model, shape: &str) -> String {
    let s = model.shape(shape);
    let mut out = match s.kind {
        Kind::String => "character(1)".to_string(),
        Kind::Enum => {
            let values: Vec<&str> = s.enum_values().into_iter().map(|(_, wire)| wire).collect();
            format!("character(1), one of: {}", values.join(", "))
        }
        Kind::Integer | Kind::Long => "a whole number (integer or numeric of length 1)".to_string(),
        Kind::Boolean => "logical(1)".to_string(),
        Kind::Timestamp => "POSIXct of length 1 (or an RFC 3339 string)".to_string(),
        Kind::Blob => "raw vector".to_string(),
        Kind::List => format!("a vector or unnamed list of {}", describe(model, &s.members[0].target)),
        Kind::Map => "a named list".to_string(),
        Kind::Structure | Kind::Unit => "a named list".to_string(),
    };
    for (name, value) in s.traits.constraint_notes() {
        out.push_str(&format!("; {name} {value}"));
    }
    out
}
