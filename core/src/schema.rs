//! The model as static data: what codegen emits into `generated/schema.rs` from model/.
//! Validation, error mapping and pagination read these tables; nothing here is per-operation code.

#[derive(Debug)]
pub struct Operation {
    /// Smithy name, e.g. `CreateAccessKey`.
    pub name: &'static str,
    pub input: Option<&'static str>,
    pub output: Option<&'static str>,
    /// Error shape names this operation is modelled to return.
    pub errors: &'static [&'static str],
    pub paginated: Option<Paginated>,
    /// `@idempotent` or `@readonly`: safe to resend after an unknown outcome.
    pub retry_safe: bool,
}

#[derive(Debug)]
pub struct Paginated {
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub items: Option<&'static str>,
    pub page_size: Option<&'static str>,
}

#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    pub kind: Kind,
    pub constraints: Constraints,
    pub sensitive: bool,
    pub error: Option<ErrorInfo>,
}

#[derive(Debug)]
pub enum Kind {
    String,
    /// `(member name, wire value)` pairs.
    Enum(&'static [(&'static str, &'static str)]),
    Integer,
    Long,
    Boolean,
    Timestamp,
    Blob,
    List { member: &'static str },
    Map { key: &'static str, value: &'static str },
    Structure { members: &'static [Member] },
}

#[derive(Debug)]
pub struct Member {
    pub name: &'static str,
    pub target: &'static str,
    pub required: bool,
    /// Member-level constraint traits, which narrow the target's.
    pub constraints: Constraints,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Constraints {
    /// `@length` (characters for strings, entries for lists and maps, bytes for blobs).
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range` for numbers.
    pub range: Option<(Option<i64>, Option<i64>)>,
    /// `@pattern`, an ECMA-262 regex, searched (not full-matched) as Smithy specifies.
    pub pattern: Option<&'static str>,
}

impl Constraints {
    pub const NONE: Constraints = Constraints { length: None, range: None, pattern: None };
}

#[derive(Debug, Clone, Copy)]
pub struct ErrorInfo {
    /// The awsQuery wire code (`NoSuchEntity`); the shape name where the model has none.
    pub code: &'static str,
    pub http_status: u16,
    pub fault: Fault,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Client,
    Server,
}

impl Fault {
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Client => "client",
            Fault::Server => "server",
        }
    }
}

pub fn operation(name: &str) -> Option<&'static Operation> {
    crate::generated::schema::OPERATIONS.iter().find(|op| op.name == name)
}

/// Whether a call of `operation` may be resent after any transient failure: the model's
/// `@idempotent`/`@readonly` for the operations polyiam binds; for others (reached through the
/// typed SDK client) the model's own rule for reads, a name starting with `Get` or `List`.
pub fn retry_safe(operation: &str) -> bool {
    match self::operation(operation) {
        Some(op) => op.retry_safe,
        None => operation.starts_with("Get") || operation.starts_with("List"),
    }
}

pub fn operations() -> &'static [Operation] {
    crate::generated::schema::OPERATIONS
}

pub fn shape(name: &str) -> Option<&'static Shape> {
    let shapes = crate::generated::schema::SHAPES;
    shapes.binary_search_by(|s| s.name.cmp(name)).ok().map(|i| &shapes[i])
}

/// The modelled error shape for a wire code, if any.
pub fn error_for_code(code: &str) -> Option<&'static Shape> {
    crate::generated::schema::SHAPES
        .iter()
        .find(|s| s.error.is_some_and(|e| e.code == code))
}

impl Shape {
    pub fn members(&self) -> &'static [Member] {
        match self.kind {
            Kind::Structure { members } => members,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_sorted_for_binary_search() {
        let names: Vec<_> = crate::generated::schema::SHAPES.iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }

    #[test]
    fn every_reference_resolves() {
        for op in operations() {
            for name in op.input.iter().chain(op.output.iter()).chain(op.errors.iter()) {
                assert!(shape(name).is_some(), "{}: {name} is missing", op.name);
            }
        }
        for s in crate::generated::schema::SHAPES {
            let targets: Vec<&str> = match s.kind {
                Kind::List { member } => vec![member],
                Kind::Map { key, value } => vec![key, value],
                Kind::Structure { members } => members.iter().map(|m| m.target).collect(),
                _ => vec![],
            };
            for t in targets {
                assert!(shape(t).is_some(), "{}: target {t} is missing", s.name);
            }
        }
    }

    #[test]
    fn error_codes_map_to_shapes() {
        let e = error_for_code("NoSuchEntity").expect("NoSuchEntity is modelled");
        assert_eq!(e.name, "NoSuchEntityException");
        assert_eq!(e.error.map(|i| i.http_status), Some(404));
        assert!(error_for_code("NoSuchThing").is_none());
    }
}
