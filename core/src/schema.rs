//! The model as static data: what codegen emits into `generated/<service>/schema.rs` from model/,
//! one table of operations and one of shapes per service. Validation, error mapping and pagination
//! read these tables; nothing here is per-operation or per-service code.
//!
//! Shape references (`Member::target`, `Operation::input`, ...) are ids qualified by the service's
//! name, `iam#AccessKey`, so one lookup (`shape`) serves every service.

/// One service: its name in polyiam (`iam`, the smithy-rs crate's suffix), its SDK id (`IAM`), and
/// its tables.
#[derive(Debug)]
pub struct Service {
    pub name: &'static str,
    pub sdk_id: &'static str,
    pub title: &'static str,
    pub operations: &'static [Operation],
    /// Sorted by name: `shape` binary-searches it.
    pub shapes: &'static [Shape],
    /// The model's waiters (`smithy.waiters#waitable`), sorted by name.
    pub waiters: &'static [Waiter],
}

/// A waiter: polls `operation` until it succeeds (the smithy-rs waiter's acceptors).
#[derive(Debug)]
pub struct Waiter {
    /// `UserExists`.
    pub name: &'static str,
    pub operation: &'static str,
    /// Seconds between polls, at least and at most (the model's minDelay / maxDelay).
    pub min_delay: u64,
    pub max_delay: u64,
}

impl Service {
    pub fn operation(&self, name: &str) -> Option<&'static Operation> {
        self.operations.iter().find(|op| op.name == name)
    }

    /// A waiter by its model name (`UserExists`) or snake case (`user_exists`).
    pub fn waiter(&self, name: &str) -> Option<&'static Waiter> {
        let plain: String = name.chars().filter(|c| *c != '_').collect();
        self.waiters.iter().find(|w| w.name == name || w.name.eq_ignore_ascii_case(&plain))
    }

    /// The modelled error shape for a wire code, if any.
    pub fn error_for_code(&self, code: &str) -> Option<&'static Shape> {
        self.shapes.iter().find(|s| s.error.is_some_and(|e| e.code == code))
    }
}

#[derive(Debug)]
pub struct Operation {
    /// The service's name (`Service::name`).
    pub service: &'static str,
    /// Smithy name, e.g. `CreateAccessKey`.
    pub name: &'static str,
    pub input: Option<&'static str>,
    pub output: Option<&'static str>,
    /// Error shape names this operation is modelled to return.
    pub errors: &'static [&'static str],
    pub paginated: Option<Paginated>,
    /// `@idempotent` or `@readonly`: safe to resend after an unknown outcome.
    pub retry_safe: bool,
    /// One of polyiam's own operations (model/polyiam.json), implemented in `crate::ext` on top of
    /// the service's operations rather than by its SDK crate.
    pub extension: bool,
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

/// Every service polyiam binds.
pub fn services() -> &'static [&'static Service] {
    crate::generated::SERVICES
}

/// A service by its name (`iam`) or SDK id (`IAM`), in any case.
pub fn service(name: &str) -> Option<&'static Service> {
    services().iter().copied().find(|s| s.name.eq_ignore_ascii_case(name) || s.sdk_id.eq_ignore_ascii_case(name))
}

/// An operation of any service by its name (the first service that has it); for naming an
/// operation in an error when only its name is at hand.
pub fn any_operation(name: &str) -> Option<&'static Operation> {
    services().iter().find_map(|s| s.operation(name))
}

/// Whether a call of `operation` of `service` (its name or SDK id, as the SDK's operation metadata
/// has it) may be resent after any transient failure: the model's `@idempotent`/`@readonly` for
/// the operations polyiam binds; for others (reached through the typed SDK client) the model's own
/// rule for reads, a name starting with `Get` or `List`.
pub fn retry_safe(service: &str, operation: &str) -> bool {
    match self::service(service).and_then(|s| s.operation(operation)) {
        Some(op) => op.retry_safe,
        None => operation.starts_with("Get") || operation.starts_with("List"),
    }
}

/// A shape by its qualified id (`iam#AccessKey`).
pub fn shape(id: &str) -> Option<&'static Shape> {
    let (service, name) = id.split_once('#')?;
    let shapes = self::service(service)?.shapes;
    shapes.binary_search_by(|s| s.name.cmp(name)).ok().map(|i| &shapes[i])
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
        for svc in services() {
            let names: Vec<_> = svc.shapes.iter().map(|s| s.name).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            assert_eq!(names, sorted, "{}", svc.name);
        }
    }

    #[test]
    fn every_reference_resolves() {
        for svc in services() {
            for op in svc.operations {
                assert_eq!(op.service, svc.name);
                for id in op.input.iter().chain(op.output.iter()).chain(op.errors.iter()) {
                    assert!(shape(id).is_some(), "{}: {id} is missing", op.name);
                }
            }
            for s in svc.shapes {
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
    }

    #[test]
    fn services_are_found_by_name_or_sdk_id() {
        for svc in services() {
            assert!(std::ptr::eq(service(svc.name).expect("by name"), *svc));
            assert!(std::ptr::eq(service(svc.sdk_id).expect("by sdk id"), *svc));
        }
        assert!(service("nope").is_none());
        assert!(shape("nope#AccessKey").is_none());
    }
}
