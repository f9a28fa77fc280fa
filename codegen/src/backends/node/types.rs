//! Model shapes as TypeScript types for index.d.ts (structures as interfaces named like the model's
//! shapes, enums as string-literal unions, timestamps `Date`, blobs `Uint8Array`).

use crate::model::{Kind, Model};

/// The TypeScript type of a value of `shape` (inputs and outputs alike, as in the v3 SDK).
pub fn ts_type(model: &Model, shape: &str) -> String {
    let s = model.shape(shape);
    match s.kind {
        Kind::String => "string".into(),
        Kind::Enum => {
            let values: Vec<String> =
                s.enum_values().into_iter().map(|(_, wire)| format!("{wire:?}")).collect();
            values.join(" | ")
        }
        Kind::Integer | Kind::Long => "number".into(),
        Kind::Boolean => "boolean".into(),
        Kind::Timestamp => "Date".into(),
        Kind::Blob => "Uint8Array".into(),
        Kind::List => {
            let item = ts_type(model, &s.members[0].target);
            if item.contains('|') { format!("({item})[]") } else { format!("{item}[]") }
        }
        Kind::Map => format!("Record<string, {}>", ts_type(model, &s.members[1].target)),
        Kind::Structure => interface_name(&s.name),
        Kind::Unit => "Record<string, never>".into(),
    }
}

/// A type name for a structure or enum shape, capitalized as the v3 SDK does (`statusType` →
/// `StatusType`).
pub fn interface_name(shape: &str) -> String {
    let local = shape.rsplit('#').next().unwrap_or(shape);
    let mut cs = local.chars();
    match cs.next() {
        Some(first) => first.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// A one-line description of a shape's constraints, for doc comments.
pub fn constraints(model: &Model, shape: &str) -> String {
    let notes = model.shape(shape).traits.constraint_notes();
    let words: Vec<String> = notes
        .into_iter()
        .map(|(name, value)| if name == "pattern" { format!("{name} `{value}`") } else { format!("{name} {value}") })
        .collect();
    words.join("; ")
}
