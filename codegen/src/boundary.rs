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
    /// R's value when the option is not given (e.g. paws's credential order).
    pub r_default: Option<bool>,
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
///
/// The runtimes (templates python/_errors.py, node/runtime.js) define a kind's class from this
/// table unless its bases / parent are empty, in which case the template writes it by hand
/// (classes with their own constructor); a test checks that every class named here is defined.
/// Order matters: a class comes after the class it extends.
pub struct ErrorKind {
    /// `ErrorKind::as_str` in the core.
    pub kind: &'static str,
    pub python: &'static str,
    /// The Python class's bases; empty: written in the template.
    pub python_bases: &'static str,
    pub node: &'static str,
    /// The Node class's parent; empty: written in the template (or no class of its own).
    pub node_parent: &'static str,
    /// The Node class's `$fault`.
    pub node_fault: &'static str,
    pub r: &'static str,
    pub doc: &'static str,
}

pub const KINDS: &[ErrorKind] = &[
    ErrorKind {
        kind: "validation",
        python: "ParamValidationError",
        python_bases: "",
        node: "ValidationError",
        node_parent: "",
        node_fault: "client",
        r: "polyiam_validation_error",
        doc: "Bad input, found before anything was sent; `issues` lists every problem (path, rule, detail).",
    },
    ErrorKind {
        kind: "service",
        python: "ClientError",
        python_bases: "",
        node: "",
        node_parent: "",
        node_fault: "",
        r: "",
        doc: "The service answered with an error.",
    },
    ErrorKind {
        kind: "transport",
        python: "EndpointConnectionError",
        python_bases: "PolyiamError, ConnectionError",
        node: "EndpointConnectionError",
        node_parent: "ServiceException",
        node_fault: "client",
        r: "polyiam_transport_error",
        doc: "The endpoint could not be reached, or the connection broke; the message names the endpoint.",
    },
    ErrorKind {
        kind: "connect_timeout",
        python: "ConnectTimeoutError",
        python_bases: "EndpointConnectionError, TimeoutError",
        node: "TimeoutError",
        node_parent: "ServiceException",
        node_fault: "client",
        r: "polyiam_connect_timeout_error",
        doc: "No connection within the connect timeout; nothing was sent.",
    },
    ErrorKind {
        kind: "read_timeout",
        python: "ReadTimeoutError",
        python_bases: "PolyiamError, TimeoutError",
        node: "TimeoutError",
        node_parent: "ServiceException",
        node_fault: "client",
        r: "polyiam_read_timeout_error",
        doc: "No answer within the read timeout after the request was sent.",
    },
    ErrorKind {
        kind: "response",
        python: "ResponseParseError",
        python_bases: "PolyiamError",
        node: "ResponseParseError",
        node_parent: "ServiceException",
        node_fault: "server",
        r: "polyiam_response_error",
        doc: "The service answered with something that is not a valid response.",
    },
    ErrorKind {
        kind: "config",
        python: "ConfigurationError",
        python_bases: "ParamValidationError",
        node: "ConfigurationError",
        node_parent: "ValidationError",
        node_fault: "client",
        r: "polyiam_config_error",
        doc: "The client configuration cannot work (bad endpoint URL, half credentials, a wrong type); bad input too.",
    },
    ErrorKind {
        kind: "credentials",
        python: "CredentialsError",
        python_bases: "PolyiamError",
        node: "CredentialsProviderError",
        node_parent: "ServiceException",
        node_fault: "client",
        r: "polyiam_credentials_error",
        doc: "No credentials were found, or a configured source of them failed (an SSO session to renew, a credential_process that exits non-zero, a refused assume-role); nothing was sent. The message names the profile and the source and says what to do.",
    },
    ErrorKind {
        kind: "internal",
        python: "InternalError",
        python_bases: "PolyiamError",
        node: "InternalError",
        node_parent: "ServiceException",
        node_fault: "server",
        r: "polyiam_internal_error",
        doc: "A bug in polyiam (a Rust panic or an impossible state), turned into an error.",
    },
    ErrorKind {
        kind: "cancelled",
        python: "RequestCancelledError",
        python_bases: "PolyiamError",
        node: "AbortError",
        node_parent: "ServiceException",
        node_fault: "client",
        r: "interrupt",
        doc: "The call was given up (Ctrl-C, an abort signal, a cancelled task); the request in flight was dropped, not retried; the error says whether a request that changes something had already been sent (outcome unknown).",
    },
    ErrorKind {
        kind: "waiter",
        python: "WaiterError",
        python_bases: "PolyiamError",
        node: "TimeoutError",
        node_parent: "ServiceException",
        node_fault: "client",
        r: "polyiam_waiter_error",
        doc: "A waiter gave up: the resource was not in the awaited state within the maximum wait.",
    },
];

/// Errors of one kind that boto3 names by what went wrong: a Python subclass of the kind's class
/// per code (`except NoCredentialsError:` works as with botocore); Node and R carry the code.
pub struct CodeClass {
    pub kind: &'static str,
    /// The core's error code, which is also the Python class's name.
    pub code: &'static str,
    /// The Python class's bases; empty: the kind's class.
    pub python_bases: &'static str,
    pub doc: &'static str,
}

pub const CODE_CLASSES: &[CodeClass] = &[
    CodeClass {
        kind: "validation",
        code: "ValidationError",
        python_bases: "ClientError, ParamValidationError",
        doc: "A value breaks a constraint IAM itself checks (pattern, length, range, enum): refused before sending, and also IAM's own answer (a `ClientError` with `Error.Code` `ValidationError`, HTTP 400, in IAM's wording).",
    },
    CodeClass { kind: "config", code: "ProfileNotFound", python_bases: "", doc: "A profile named by the client (or AWS_PROFILE) is in no shared config file." },
    CodeClass { kind: "credentials", code: "NoCredentialsError", python_bases: "", doc: "No source of credentials gave any." },
    CodeClass { kind: "credentials", code: "CredentialRetrievalError", python_bases: "", doc: "A configured source of credentials (credential_process, assume-role, container, ...) failed." },
    CodeClass { kind: "credentials", code: "TokenRetrievalError", python_bases: "", doc: "An SSO or login session cannot give credentials: sign in again (`aws sso login --profile NAME`)." },
    CodeClass { kind: "transport", code: "SSLError", python_bases: "", doc: "The endpoint's TLS certificate was refused; trust its CA with a CA bundle." },
];

/// The Python class of a kind (from `KINDS`).
fn python_class_of(kind: &str) -> &'static str {
    KINDS.iter().find(|k| k.kind == kind).map_or("PolyiamError", |k| k.python)
}

/// A class the runtime template defines from the table: (name, parent(s), `$fault`, doc).
pub struct KindClass {
    pub name: &'static str,
    pub parent: &'static str,
    pub fault: &'static str,
    pub doc: String,
}

impl KindClass {
    /// The doc wrapped for a comment or docstring whose lines start with `prefix`.
    pub fn doc_lines(&self, width: usize, prefix: &str) -> String {
        crate::emit::wrap(&self.doc, width).join(&format!("\n{prefix}"))
    }
}

/// Each language's classes, once each (Node's `TimeoutError` serves two kinds), in table order.
fn classes(name: fn(&ErrorKind) -> &'static str, parent: fn(&ErrorKind) -> &'static str) -> Vec<KindClass> {
    let mut out: Vec<KindClass> = Vec::new();
    for k in KINDS {
        if name(k).is_empty() {
            continue;
        }
        match out.iter_mut().find(|c| c.name == name(k)) {
            // One class for several kinds: its doc says each.
            Some(c) => c.doc = format!("{} Or: {}", c.doc, k.doc),
            None => out.push(KindClass { name: name(k), parent: parent(k), fault: k.node_fault, doc: k.doc.to_string() }),
        }
    }
    out
}

pub fn python_classes() -> Vec<KindClass> {
    let mut out = classes(|k| k.python, |k| k.python_bases);
    for c in CODE_CLASSES {
        let parent = if c.python_bases.is_empty() { python_class_of(c.kind) } else { c.python_bases };
        out.push(KindClass { name: c.code, parent, fault: "client", doc: c.doc.replace('`', "``") });
    }
    for c in &mut out {
        c.doc = c.doc.replace('`', "``");
    }
    out
}

pub fn node_classes() -> Vec<KindClass> {
    classes(|k| k.node, |k| k.node_parent)
}

#[derive(Template)]
#[template(path = "python/_boundary.py", escape = "none")]
struct PythonTemplate<'a> {
    header: String,
    options: Vec<(&'a str, &'a ClientOption)>,
    kinds: &'a [ErrorKind],
    codes: &'a [CodeClass],
}

#[derive(Template)]
#[template(path = "node/boundary.js", escape = "none")]
struct NodeTemplate<'a> {
    header: String,
    options: Vec<(&'a str, &'a ClientOption)>,
}

#[derive(Template)]
#[template(path = "python/_errors.py", escape = "none")]
struct PythonErrors {
    header: String,
    classes: Vec<KindClass>,
}

#[derive(Template)]
#[template(path = "python/_runtime.py", escape = "none")]
struct PythonRuntime {
    header: String,
}

#[derive(Template)]
#[template(path = "python/_aio.py", escape = "none")]
struct PythonAio {
    header: String,
}

#[derive(Template)]
#[template(path = "node/runtime.js", escape = "none")]
struct NodeRuntime {
    header: String,
    classes: Vec<KindClass>,
    /// (kind, class) for every kind with a class of its own.
    kinds: Vec<(&'static str, &'static str)>,
    validation_doc: &'static str,
}

#[derive(Template)]
#[template(path = "r/runtime.R", escape = "none")]
struct RRuntime {
    header: String,
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
            PythonTemplate { header: header("#"), options: offered(&options, |o| o.python.as_ref()), kinds: KINDS, codes: CODE_CLASSES }.render()?,
        ),
        GeneratedFile::new("bindings-python/python/polyiam/_errors.py", PythonErrors { header: header("#"), classes: python_classes() }.render()?),
        GeneratedFile::new("bindings-python/python/polyiam/_runtime.py", PythonRuntime { header: header("#") }.render()?),
        GeneratedFile::new("bindings-python/python/polyiam/_aio.py", PythonAio { header: header("#") }.render()?),
        GeneratedFile::new(
            "bindings-node/lib/boundary.js",
            NodeTemplate { header: header("//"), options: offered(&options, |o| o.node.as_ref()) }.render()?,
        ),
        GeneratedFile::new(
            "bindings-node/lib/runtime.js",
            NodeRuntime {
                header: header("//"),
                classes: node_classes(),
                kinds: with_class(|k| k.node).into_iter().map(|k| (k.kind, k.node)).collect(),
                validation_doc: KINDS[0].doc,
            }
            .render()?,
        ),
        GeneratedFile::new("bindings-r/R/runtime.R", RRuntime { header: header("#") }.render()?),
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
            assert!(["string", "integer", "number", "boolean", "boolean_or_string", "map"].contains(&o.kind.as_str()), "{}: type {}", o.name, o.kind);
            assert!(o.python.is_some() || o.node.is_some() || o.r.is_some(), "{} is offered nowhere", o.name);
            // Docs go into string literals of every language's emitted table.
            assert!(!o.doc.contains('"'), "{}: no double quotes in doc", o.name);
        }
    }

    /// The templates write some classes by hand: each class the table names must be defined in the
    /// rendered runtime, after its parent, and each language's kind map must name only those.
    #[test]
    fn every_kind_class_is_defined_in_its_runtime() {
        let files = emit().expect("emit");
        let text = |suffix: &str| files.iter().find(|f| f.path.ends_with(suffix)).map(|f| f.contents.clone()).expect(suffix);
        let (py, js) = (text("_errors.py"), text("lib/runtime.js"));
        let defined_at = |src: &str, pat: String| src.find(&pat).unwrap_or_else(|| panic!("`{pat}` is not defined"));
        for c in python_classes() {
            let at = defined_at(&py, format!("\nclass {}(", c.name));
            // Bases defined in the module come first; builtins (ConnectionError, ...) are not in it.
            for base in c.parent.split(", ") {
                if py.contains(&format!("\nclass {base}(")) {
                    assert!(defined_at(&py, format!("\nclass {base}(")) < at, "{base} must come before {}", c.name);
                }
            }
        }
        for c in node_classes() {
            let at = defined_at(&js, format!("\nclass {} extends ", c.name));
            if !c.parent.is_empty() {
                assert!(defined_at(&js, format!("\nclass {} extends ", c.parent)) < at, "{} must come before {}", c.parent, c.name);
            }
            assert!(js.contains(&format!("\n  {},\n", c.name)), "{} is not exported", c.name);
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
