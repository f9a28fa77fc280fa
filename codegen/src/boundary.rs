//! What crosses the language boundary besides the value tree, described once: the client options
//! (model/options.json) and the error kinds (the core's `ErrorKind`s), each mapped here to every
//! language's names. The backends emit these tables (`_boundary.py`, `lib/boundary.js`,
//! `R/boundary.R`); the hand-written runtimes only walk them.

use crate::emit::{header, GeneratedFile};
use askama::Template;
use serde::Deserialize;

/// model/options.json, built into the generator.
const OPTIONS_JSON: &str = include_str!("../../model/options.json");

#[derive(Debug, Clone, Deserialize)]
pub struct ClientOption {
    /// The core's name (`Config::from_value`).
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub doc: String,
    #[serde(default)]
    pub sensitive: bool,
    /// Each language's name; dotted for a nested key. Absent: not offered in that language.
    pub python: Option<String>,
    pub node: Option<String>,
    pub r: Option<String>,
    pub node_default: Option<i64>,
}

#[derive(Deserialize)]
struct OptionsFile {
    options: Vec<ClientOption>,
}

pub fn options() -> Result<Vec<ClientOption>, String> {
    let file: OptionsFile = serde_json::from_str(OPTIONS_JSON).map_err(|e| format!("model/options.json: {e}"))?;
    Ok(file.options)
}

/// One error kind and its class in each language. Service errors are the modelled class, or the
/// service's base class (Python `ClientError`) for codes the model does not declare.
pub struct ErrorKind {
    /// `ErrorKind::as_str` in the core.
    pub kind: &'static str,
    pub python: &'static str,
    pub node: &'static str,
    pub r: &'static str,
    pub doc: &'static str,
}

pub const KINDS: &[ErrorKind] = &[
    ErrorKind {
        kind: "validation",
        python: "ParamValidationError",
        node: "ValidationError",
        r: "polyiam_validation_error",
        doc: "Bad input, found before anything was sent; `issues` lists every problem.",
    },
    ErrorKind { kind: "service", python: "ClientError", node: "", r: "", doc: "The service answered with an error." },
    ErrorKind {
        kind: "transport",
        python: "EndpointConnectionError",
        node: "EndpointConnectionError",
        r: "polyiam_transport_error",
        doc: "The endpoint could not be reached, or the connection broke; the message names the endpoint.",
    },
    ErrorKind {
        kind: "connect_timeout",
        python: "ConnectTimeoutError",
        node: "TimeoutError",
        r: "polyiam_connect_timeout_error",
        doc: "No connection within the connect timeout; nothing was sent.",
    },
    ErrorKind {
        kind: "read_timeout",
        python: "ReadTimeoutError",
        node: "TimeoutError",
        r: "polyiam_read_timeout_error",
        doc: "No answer within the read timeout after the request was sent.",
    },
    ErrorKind {
        kind: "response",
        python: "ResponseParseError",
        node: "ResponseParseError",
        r: "polyiam_response_error",
        doc: "The service answered with something that is not a valid response.",
    },
    ErrorKind {
        kind: "config",
        python: "ConfigurationError",
        node: "ConfigurationError",
        r: "polyiam_config_error",
        doc: "The client configuration cannot work (bad endpoint URL, half credentials, ...).",
    },
    ErrorKind {
        kind: "internal",
        python: "InternalError",
        node: "InternalError",
        r: "polyiam_internal_error",
        doc: "A bug in polyiam (a Rust panic or an impossible state), turned into an error.",
    },
    ErrorKind {
        kind: "cancelled",
        python: "RequestCancelledError",
        node: "AbortError",
        r: "interrupt",
        doc: "The call was given up (Ctrl-C, an abort signal, a cancelled task); the request was dropped.",
    },
];

#[derive(Template)]
#[template(path = "python/_boundary.py", escape = "none")]
struct PythonTemplate<'a> {
    header: String,
    options: Vec<(&'a str, &'a ClientOption)>,
    kinds: &'a [ErrorKind],
}

#[derive(Template)]
#[template(path = "node/boundary.js", escape = "none")]
struct NodeTemplate<'a> {
    header: String,
    options: Vec<(&'a str, &'a ClientOption)>,
    kinds: Vec<&'a ErrorKind>,
}

#[derive(Template)]
#[template(path = "r/boundary.R", escape = "none")]
struct RTemplate<'a> {
    header: String,
    options: Vec<(&'a str, &'a ClientOption)>,
    kinds: Vec<&'a ErrorKind>,
}

/// The options a language offers, with their name in that language.
fn offered<'a>(options: &'a [ClientOption], name: impl Fn(&'a ClientOption) -> Option<&'a String>) -> Vec<(&'a str, &'a ClientOption)> {
    options.iter().filter_map(|o| name(o).map(|n| (n.as_str(), o))).collect()
}

pub fn emit() -> Result<Vec<GeneratedFile>, Box<dyn std::error::Error>> {
    let options = options()?;
    let with_class = |f: fn(&ErrorKind) -> &str| KINDS.iter().filter(|k| !f(k).is_empty()).collect::<Vec<_>>();
    Ok(vec![
        GeneratedFile::new(
            "bindings-python/python/polyiam/_boundary.py",
            PythonTemplate { header: header("#"), options: offered(&options, |o| o.python.as_ref()), kinds: KINDS }.render()?,
        ),
        GeneratedFile::new(
            "bindings-node/lib/boundary.js",
            NodeTemplate { header: header("//"), options: offered(&options, |o| o.node.as_ref()), kinds: with_class(|k| k.node) }.render()?,
        ),
        GeneratedFile::new(
            "bindings-r/R/boundary.R",
            RTemplate { header: header("#"), options: offered(&options, |o| o.r.as_ref()), kinds: with_class(|k| k.r) }.render()?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_has_a_known_type_and_a_language() {
        for o in options().expect("options") {
            assert!(["string", "integer", "number"].contains(&o.kind.as_str()), "{}: type {}", o.name, o.kind);
            assert!(o.python.is_some() || o.node.is_some() || o.r.is_some(), "{} is offered nowhere", o.name);
        }
    }

    #[test]
    fn kinds_are_unique() {
        let mut names: Vec<&str> = KINDS.iter().map(|k| k.kind).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
    }
}
