//! The one value tree every binding converts to and from.
//!
//! Structures are ordered maps (model member order on output), timestamps have their own variant so
//! each language can map them to its native date type, and sensitive members are wrapped so that no
//! `Debug` rendering of a tree can show a secret.

use indexmap::IndexMap;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

/// An ordered string-keyed map: a structure or a Smithy map.
pub type Map = IndexMap<String, Value>;

/// The path of member `member` inside the value at `path` (`Tags[0]` + `Key` → `Tags[0].Key`), as
/// every error and issue names it.
pub fn join_path(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_string()
    } else {
        format!("{path}.{member}")
    }
}

#[derive(Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    Timestamp(Timestamp),
    Blob(Vec<u8>),
    List(Vec<Value>),
    Map(Map),
    /// A member whose shape is `@sensitive`: bindings unwrap it, `Debug` never shows it.
    Sensitive(Box<Value>),
}

/// Seconds and nanoseconds since the Unix epoch, UTC.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Timestamp {
    pub secs: i64,
    pub nanos: u32,
}

impl Timestamp {
    /// RFC 3339 / ISO-8601 in UTC, as the wire format uses.
    pub fn to_rfc3339(self) -> String {
        aws_smithy_types::DateTime::from(self)
            .fmt(aws_smithy_types::date_time::Format::DateTime)
            .unwrap_or_else(|_| format!("{}s", self.secs))
    }

    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        aws_smithy_types::DateTime::from_str(s, aws_smithy_types::date_time::Format::DateTime)
            .ok()
            .map(Self::from)
    }
}

impl From<aws_smithy_types::DateTime> for Timestamp {
    fn from(d: aws_smithy_types::DateTime) -> Self {
        Timestamp { secs: d.secs(), nanos: d.subsec_nanos() }
    }
}

impl From<Timestamp> for aws_smithy_types::DateTime {
    fn from(t: Timestamp) -> Self {
        aws_smithy_types::DateTime::from_secs_and_nanos(t.secs, t.nanos)
    }
}

impl Value {
    /// The value with any `Sensitive` wrapper removed.
    pub fn revealed(&self) -> &Value {
        match self {
            Value::Sensitive(inner) => inner.revealed(),
            other => other,
        }
    }

    /// A short, secret-free name of the variant, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::Float(_) => "float",
            Value::String(_) => "string",
            Value::Timestamp(_) => "timestamp",
            Value::Blob(_) => "blob",
            Value::List(_) => "list",
            Value::Map(_) => "structure",
            Value::Sensitive(inner) => inner.type_name(),
        }
    }

    pub fn as_map(&self) -> Option<&Map> {
        match self.revealed() {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self.revealed() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

const REDACTED: &str = "*** Sensitive Data Redacted ***";

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Integer(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Timestamp(t) => write!(f, "Timestamp({})", t.to_rfc3339()),
            Value::Blob(b) => write!(f, "Blob({} bytes)", b.len()),
            Value::List(items) => f.debug_list().entries(items).finish(),
            Value::Map(m) => f.debug_map().entries(m.iter()).finish(),
            Value::Sensitive(_) => f.write_str(REDACTED),
        }
    }
}

/// Serializes to plain JSON-like data (timestamps as RFC 3339 strings, blobs as arrays of bytes).
/// Sensitive values are written out: serializing is how a caller asks for the data itself.
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_none(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Integer(i) => s.serialize_i64(*i),
            Value::Float(x) => s.serialize_f64(*x),
            Value::String(v) => s.serialize_str(v),
            Value::Timestamp(t) => s.serialize_str(&t.to_rfc3339()),
            Value::Blob(b) => {
                let mut seq = s.serialize_seq(Some(b.len()))?;
                for byte in b {
                    seq.serialize_element(byte)?;
                }
                seq.end()
            }
            Value::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Map(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Value::Sensitive(inner) => inner.serialize(s),
        }
    }
}

impl From<serde_json::Value> for Value {
    /// JSON input (shared test corpora, CLI arguments): objects keep their key order.
    fn from(j: serde_json::Value) -> Self {
        match j {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::List(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => Value::Map(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_sensitive_values_at_any_depth() {
        let mut inner = Map::new();
        inner.insert("SecretAccessKey".into(), Value::Sensitive(Box::new(Value::String("s3cr3t".into()))));
        let tree = Value::List(vec![Value::Map(inner)]);
        let shown = format!("{tree:?} {tree:#?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("Redacted"));
    }

    #[test]
    fn serialize_reveals_and_formats_timestamps() {
        let mut m = Map::new();
        m.insert("S".into(), Value::Sensitive(Box::new(Value::String("x".into()))));
        m.insert("T".into(), Value::Timestamp(Timestamp { secs: 0, nanos: 0 }));
        let json = serde_json::to_string(&Value::Map(m)).unwrap();
        assert_eq!(json, r#"{"S":"x","T":"1970-01-01T00:00:00Z"}"#);
    }

    #[test]
    fn timestamp_round_trips_through_rfc3339() {
        let t = Timestamp::parse_rfc3339("2026-11-23T15:19:52.123Z").unwrap();
        assert_eq!(t.nanos, 123_000_000);
        assert_eq!(Timestamp::parse_rfc3339(&t.to_rfc3339()), Some(t));
        assert_eq!(Timestamp::parse_rfc3339("yesterday"), None);
    }
}
