//! Model shapes as Python type hints for the .pyi stubs (TypedDicts named like mypy-boto3's).

use crate::model::{Kind, Model};

pub fn typeddict_name(shape: &str) -> String {
    let mut cs = shape.chars();
    let first: String = cs.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{first}{}TypeDef", cs.as_str())
}

/// The hint for a value of `shape`; `input` widens what callers may pass (sequences, str dates).
pub fn hint(model: &Model, shape: &str, input: bool) -> String {
    let s = model.shape(shape);
    match s.kind {
        Kind::String => "str".into(),
        Kind::Enum => {
            let values: Vec<String> =
                s.enum_values().into_iter().map(|(_, wire)| format!("{wire:?}")).collect();
            format!("Literal[{}]", values.join(", "))
        }
        Kind::Integer | Kind::Long => "int".into(),
        Kind::Boolean => "bool".into(),
        Kind::Timestamp => if input { "Union[datetime, str]" } else { "datetime" }.into(),
        Kind::Blob => if input { "Union[bytes, str]" } else { "bytes" }.into(),
        Kind::List => {
            let item = hint(model, &s.members[0].target, input);
            if input { format!("Sequence[{item}]") } else { format!("List[{item}]") }
        }
        Kind::Map => format!("Dict[str, {}]", hint(model, &s.members[1].target, input)),
        Kind::Structure => typeddict_name(&s.name),
        Kind::Unit => "Dict[str, Any]".into(),
    }
}

/// A one-line description of a shape's kind and constraints, for docstrings.
pub fn describe(model: &Model, shape: &str) -> String {
    let s = model.shape(shape);
    let mut out = match s.kind {
        Kind::String => "string".to_string(),
        Kind::Enum => {
            let values: Vec<&str> = s.enum_values().into_iter().map(|(_, wire)| wire).collect();
            format!("string, one of: {}", values.join(", "))
        }
        Kind::Integer | Kind::Long => "integer".to_string(),
        Kind::Boolean => "boolean".to_string(),
        Kind::Timestamp => "datetime".to_string(),
        Kind::Blob => "bytes".to_string(),
        Kind::List => format!("list of {}", describe(model, &s.members[0].target)),
        Kind::Map => "dict".to_string(),
        Kind::Structure | Kind::Unit => "dict".to_string(),
    };
    for (name, value) in s.traits.constraint_notes() {
        out.push_str(&format!("; {name} {value}"));
    }
    out
}
