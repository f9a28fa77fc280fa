//! The Smithy JSON AST, read into a small intermediate form every backend emits from.

use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;

const PRELUDE: &str = "smithy.api#";

/// The trait of a service shape whose operations join another service's client.
const EXTENDS: &str = "polyiam#extends";

#[derive(Debug, Clone)]
pub struct Model {
    pub service: Service,
    /// By local name (`AccessKey`); prelude shapes keep their full id (`smithy.api#String`).
    pub shapes: BTreeMap<String, Shape>,
    /// The service's operations, sorted by name.
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub title: String,
    pub sdk_id: String,
    pub version: String,
    pub doc: String,
    /// Set on a model of polyiam's own operations (model/polyiam.json): the shape id of the AWS
    /// service whose client they join (the `polyiam#extends` trait).
    pub extends: Option<String>,
    /// The service shape's id (`com.amazonaws.iam#AWSIdentityManagementV20100508`).
    pub id: String,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub name: String,
    /// `None` when the model targets `smithy.api#Unit`.
    pub input: Option<String>,
    pub output: Option<String>,
    pub errors: Vec<String>,
    pub paginated: Option<Paginated>,
    pub retry_safe: bool,
    pub doc: String,
    /// One of polyiam's own operations: implemented by hand in the core (core/src/ext/), not by
    /// the service's SDK crate.
    pub extension: bool,
    /// The waiters that poll this operation (`smithy.waiters#waitable`).
    pub waiters: Vec<Waiter>,
}

#[derive(Debug, Clone)]
pub struct Waiter {
    /// `UserExists`.
    pub name: String,
    /// Seconds between polls, at least and at most (Smithy's defaults: 2 and 120).
    pub min_delay: u64,
    pub max_delay: u64,
}

#[derive(Debug, Clone)]
pub struct Paginated {
    pub input_token: String,
    pub output_token: String,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    String,
    Enum,
    Integer,
    Long,
    Boolean,
    Timestamp,
    Blob,
    List,
    Map,
    Structure,
    Unit,
}

#[derive(Debug, Clone)]
pub struct Shape {
    pub name: String,
    pub kind: Kind,
    /// Structure members, enum members (target Unit), `member` of a list, `key`/`value` of a map.
    pub members: Vec<Member>,
    pub traits: Traits,
    pub doc: String,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub target: String,
    pub traits: Traits,
    pub doc: String,
}

#[derive(Debug, Clone, Default)]
pub struct Traits {
    pub required: bool,
    pub sensitive: bool,
    pub has_default: bool,
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub range: Option<(Option<i64>, Option<i64>)>,
    pub pattern: Option<String>,
    pub enum_value: Option<String>,
    pub input: bool,
    pub output: bool,
    /// `client` or `server` on error shapes.
    pub error: Option<String>,
    pub http_error: Option<u16>,
    /// awsQuery wire code and HTTP status.
    pub query_error: Option<(String, Option<u16>)>,
}

/// An error shape's resolved facts: the awsQuery wire code (the shape name where the model has
/// none), the HTTP status (awsQuery's, then `@httpError`, then 400) and the fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    pub code: String,
    pub status: u16,
    /// `client` or `server`.
    pub fault: String,
}

impl Shape {
    /// An enum's (member name, wire value) pairs; the wire value is `@enumValue` or the name.
    pub fn enum_values(&self) -> Vec<(&str, &str)> {
        self.members.iter().map(|m| (m.name.as_str(), m.traits.enum_value.as_deref().unwrap_or(&m.name))).collect()
    }

    /// An error shape's code, status and fault; `None` for other shapes.
    pub fn error_info(&self) -> Option<ErrorInfo> {
        let fault = self.traits.error.clone()?;
        let (code, status) = self.traits.query_error.clone().unwrap_or_default();
        Some(ErrorInfo {
            code: if code.is_empty() { self.name.clone() } else { code },
            status: status.or(self.traits.http_error).unwrap_or(400),
            fault,
        })
    }
}

impl Traits {
    /// The constraint traits as (name, value) pairs for docs: `("length", "1..128")`,
    /// `("range", "1..1000")`, `("pattern", "^[\\w+=,.@-]+$")`; each backend words them its own way.
    pub fn constraint_notes(&self) -> Vec<(&'static str, String)> {
        fn bounds<T: ToString>((lo, hi): (Option<T>, Option<T>)) -> String {
            let show = |v: Option<T>| v.map_or(String::new(), |v| v.to_string());
            format!("{}..{}", show(lo), show(hi))
        }
        let mut notes = Vec::new();
        if let Some(l) = self.length {
            notes.push(("length", bounds(l)));
        }
        if let Some(r) = self.range {
            notes.push(("range", bounds(r)));
        }
        if let Some(p) = &self.pattern {
            notes.push(("pattern", p.clone()));
        }
        notes
    }
}

#[derive(Debug)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

type Result<T> = std::result::Result<T, ModelError>;

fn err<T>(msg: impl Into<String>) -> Result<T> {
    Err(ModelError(msg.into()))
}

/// Local name of a shape id: `com.amazonaws.iam#AccessKey` → `AccessKey`; prelude ids stay whole.
pub fn local_name(id: &str) -> String {
    if id.starts_with(PRELUDE) {
        return id.to_string();
    }
    id.rsplit_once('#').map_or(id, |(_, n)| n).to_string()
}

impl Model {
    pub fn load(path: &Path) -> Result<Model> {
        let text = std::fs::read_to_string(path).map_err(|e| ModelError(format!("reading {}: {e}", path.display())))?;
        let json: Json = serde_json::from_str(&text).map_err(|e| ModelError(format!("parsing {}: {e}", path.display())))?;
        Model::from_json(&json).map_err(|e| ModelError(format!("{}: {}", path.display(), e.0)))
    }

    pub fn from_json(json: &Json) -> Result<Model> {
        let Some(shapes_json) = json.get("shapes").and_then(Json::as_object) else {
            return err("no \"shapes\" object");
        };
        let mut shapes = BTreeMap::new();
        let mut service = None;
        let mut op_ids = Vec::new();
        let mut op_json = BTreeMap::new();
        for (id, shape) in shapes_json {
            let ty = shape.get("type").and_then(Json::as_str).unwrap_or("");
            match ty {
                "service" => {
                    let traits = shape.get("traits");
                    let t = |k: &str| traits.and_then(|t| t.get(k));
                    service = Some(Service {
                        title: t("smithy.api#title").and_then(Json::as_str).unwrap_or("").to_string(),
                        sdk_id: t("aws.api#service").and_then(|s| s.get("sdkId")).and_then(Json::as_str).unwrap_or("").to_string(),
                        version: shape.get("version").and_then(Json::as_str).unwrap_or("").to_string(),
                        doc: doc(traits),
                        extends: t(EXTENDS).and_then(|e| e.get("service")).and_then(Json::as_str).map(str::to_string),
                        id: id.clone(),
                    });
                    for op in shape.get("operations").and_then(Json::as_array).into_iter().flatten() {
                        if let Some(t) = op.get("target").and_then(Json::as_str) {
                            op_ids.push(t.to_string());
                        }
                    }
                }
                "operation" => {
                    op_json.insert(id.clone(), shape);
                }
                "resource" => {}
                // Trait definitions (polyiam#extends) are not data shapes.
                _ if shape.get("traits").is_some_and(|t| t.get("smithy.api#trait").is_some()) => {}
                _ => {
                    let parsed = parse_shape(id, ty, shape)?;
                    shapes.insert(parsed.name.clone(), parsed);
                }
            }
        }
        let Some(service) = service else { return err("no service shape") };
        let mut operations = Vec::new();
        for id in &op_ids {
            let Some(op) = op_json.get(id) else { return err(format!("operation {id} is listed by the service but not defined")) };
            let mut op = parse_operation(id, op)?;
            op.extension = service.extends.is_some();
            operations.push(op);
        }
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        let mut model = Model { service, shapes, operations };
        model.add_prelude()?;
        model.document_from_facts();
        Ok(model)
    }

    /// Adds an extension model's operations and shapes (model/polyiam.json) to this service's
    /// model. Shapes are known by local name, so the extension's references to the service's
    /// shapes (`com.amazonaws.iam#userNameType`) resolve here; a name both define is an error
    /// unless it is the same prelude shape.
    pub fn merge_extension(&mut self, ext: Model) -> Result<()> {
        for (name, shape) in ext.shapes {
            if name.starts_with(PRELUDE) {
                self.shapes.entry(name).or_insert(shape);
            } else if self.shapes.contains_key(&name) {
                return err(format!("extension shape {name} is also a shape of {}", self.service.title));
            } else {
                self.shapes.insert(name, shape);
            }
        }
        for op in ext.operations {
            if self.operations.iter().any(|o| o.name == op.name) {
                return err(format!("extension operation {} is also an operation of {}", op.name, self.service.title));
            }
            self.operations.push(op);
        }
        self.operations.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(())
    }

    /// AWS's page for an operation in the service's API reference.
    pub fn reference_url(&self, operation: &str) -> String {
        format!("https://docs.aws.amazon.com/{}/latest/APIReference/API_{operation}.html", self.service.sdk_id)
    }

    /// Documentation for what model/ leaves undocumented (`codegen import` copies facts only, never
    /// AWS's prose): what the item is, and for an operation where AWS documents it. Members need no
    /// sentence: every backend already describes their type and constraints.
    fn document_from_facts(&mut self) {
        if self.service.doc.trim().is_empty() {
            self.service.doc = format!("{}.", self.service.title);
        }
        let urls: Vec<String> = self.operations.iter().map(|op| self.reference_url(&op.name)).collect();
        for (op, url) in self.operations.iter_mut().zip(urls) {
            if op.extension {
                // polyiam's own operations: their model documents them; AWS does not.
                continue;
            }
            if op.doc.trim().is_empty() {
                op.doc = format!("Calls the {} `{}` operation; AWS documents it at {url}.", self.service.sdk_id, op.name);
            } else if !op.doc.contains(&url) {
                // Every AWS operation links its page in the API reference, documented in model/ or not.
                op.doc = format!("{} AWS documents it at {url}.", op.doc.trim_end());
            }
        }
        for shape in self.shapes.values_mut() {
            if shape.doc.trim().is_empty() && shape.traits.error.is_some() {
                shape.doc = format!("The service's `{}` error.", shape.name);
            }
        }
    }

    /// Adds the prelude shapes the model refers to, so every target resolves.
    fn add_prelude(&mut self) -> Result<()> {
        let mut wanted = Vec::new();
        for shape in self.shapes.values() {
            for m in &shape.members {
                if m.target.starts_with(PRELUDE) && !self.shapes.contains_key(&m.target) {
                    wanted.push(m.target.clone());
                }
            }
        }
        for id in wanted {
            let kind = match id.trim_start_matches(PRELUDE) {
                "String" => Kind::String,
                "Integer" | "PrimitiveInteger" | "Short" | "Byte" => Kind::Integer,
                "Long" | "PrimitiveLong" => Kind::Long,
                "Boolean" | "PrimitiveBoolean" => Kind::Boolean,
                "Timestamp" => Kind::Timestamp,
                "Blob" => Kind::Blob,
                "Unit" => Kind::Unit,
                other => return err(format!("unsupported prelude shape {other}")),
            };
            let name = id.clone();
            self.shapes.insert(id, Shape { name, kind, members: vec![], traits: Traits::default(), doc: String::new() });
        }
        Ok(())
    }

    /// Shapes reachable from `roots` through members, list items and map keys and values (the
    /// roots included), in name order.
    pub fn reachable<'a>(&'a self, roots: impl IntoIterator<Item = &'a str>) -> std::collections::BTreeSet<&'a str> {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<&str> = roots.into_iter().collect();
        while let Some(name) = stack.pop() {
            if seen.insert(name) {
                stack.extend(self.shape(name).members.iter().map(|m| m.target.as_str()));
            }
        }
        seen
    }

    /// The error shapes the operations declare, in name order.
    pub fn error_shapes(&self) -> Vec<&Shape> {
        let names: std::collections::BTreeSet<&str> = self.operations.iter().flat_map(|o| o.errors.iter().map(String::as_str)).collect();
        names.into_iter().map(|n| self.shape(n)).collect()
    }

    pub fn shape(&self, name: &str) -> &Shape {
        // Every target was resolved when the model was loaded (see `check_closed`).
        &self.shapes[name]
    }

    /// Every member target names a shape in the model.
    pub fn check_closed(&self) -> Result<()> {
        let mut missing = Vec::new();
        for shape in self.shapes.values() {
            for m in &shape.members {
                if !self.shapes.contains_key(&m.target) {
                    missing.push(format!("{}.{} → {}", shape.name, m.name, m.target));
                }
            }
        }
        for op in &self.operations {
            for t in op.input.iter().chain(op.output.iter()).chain(op.errors.iter()) {
                if !self.shapes.contains_key(t) {
                    missing.push(format!("{} → {t}", op.name));
                }
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            err(format!("unresolved targets: {}", missing.join(", ")))
        }
    }
}

fn doc(traits: Option<&Json>) -> String {
    traits.and_then(|t| t.get("smithy.api#documentation")).and_then(Json::as_str).unwrap_or("").to_string()
}

fn target(j: Option<&Json>) -> Option<String> {
    j.and_then(|t| t.get("target")).and_then(Json::as_str).map(local_name)
}

fn parse_operation(id: &str, op: &Json) -> Result<Operation> {
    let traits = op.get("traits");
    let unit = |t: Option<String>| t.filter(|t| t != "smithy.api#Unit");
    let paginated = traits.and_then(|t| t.get("smithy.api#paginated")).map(|p| {
        let s = |k: &str| p.get(k).and_then(Json::as_str).map(str::to_string);
        Paginated {
            input_token: s("inputToken").unwrap_or_default(),
            output_token: s("outputToken").unwrap_or_default(),
            items: s("items"),
            page_size: s("pageSize"),
        }
    });
    if let Some(p) = &paginated {
        if p.input_token.is_empty() || p.output_token.is_empty() {
            return err(format!("{id}: paginated without inputToken/outputToken"));
        }
    }
    let has = |k: &str| traits.is_some_and(|t| t.get(k).is_some());
    Ok(Operation {
        name: local_name(id),
        input: unit(target(op.get("input"))),
        output: unit(target(op.get("output"))),
        errors: op.get("errors").and_then(Json::as_array).into_iter().flatten().filter_map(|e| target(Some(e))).collect(),
        paginated,
        retry_safe: has("smithy.api#idempotent") || has("smithy.api#readonly"),
        doc: doc(traits),
        extension: false,
        waiters: traits
            .and_then(|t| t.get("smithy.waiters#waitable"))
            .and_then(Json::as_object)
            .map(|w| {
                w.iter()
                    .map(|(name, def)| Waiter {
                        name: name.clone(),
                        min_delay: def.get("minDelay").and_then(Json::as_u64).unwrap_or(2),
                        max_delay: def.get("maxDelay").and_then(Json::as_u64).unwrap_or(120),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn parse_shape(id: &str, ty: &str, shape: &Json) -> Result<Shape> {
    let kind = match ty {
        "string" => Kind::String,
        "enum" => Kind::Enum,
        "integer" | "short" | "byte" | "intEnum" => Kind::Integer,
        "long" => Kind::Long,
        "boolean" => Kind::Boolean,
        "timestamp" => Kind::Timestamp,
        "blob" => Kind::Blob,
        "list" | "set" => Kind::List,
        "map" => Kind::Map,
        "structure" => Kind::Structure,
        other => return err(format!("{id}: unsupported shape type {other:?}")),
    };
    let mut members = Vec::new();
    match kind {
        Kind::List => members.push(parse_member("member", shape.get("member"))?),
        Kind::Map => {
            members.push(parse_member("key", shape.get("key"))?);
            members.push(parse_member("value", shape.get("value"))?);
        }
        _ => {
            if let Some(ms) = shape.get("members").and_then(Json::as_object) {
                for (name, m) in ms {
                    members.push(parse_member(name, Some(m))?);
                }
            }
        }
    }
    let traits = shape.get("traits");
    Ok(Shape { name: local_name(id), kind, members, traits: parse_traits(traits), doc: doc(traits) })
}

fn parse_member(name: &str, m: Option<&Json>) -> Result<Member> {
    let Some(target) = target(m) else { return err(format!("member {name} has no target")) };
    let traits = m.and_then(|m| m.get("traits"));
    Ok(Member { name: name.to_string(), target, traits: parse_traits(traits), doc: doc(traits) })
}

fn bounds<T>(j: &Json, get: impl Fn(&Json) -> Option<T>) -> (Option<T>, Option<T>) {
    (j.get("min").and_then(&get), j.get("max").and_then(&get))
}

fn parse_traits(traits: Option<&Json>) -> Traits {
    let Some(t) = traits.and_then(Json::as_object) else { return Traits::default() };
    Traits {
        required: t.contains_key("smithy.api#required"),
        sensitive: t.contains_key("smithy.api#sensitive"),
        has_default: t.contains_key("smithy.api#default"),
        length: t.get("smithy.api#length").map(|l| bounds(l, Json::as_u64)),
        range: t.get("smithy.api#range").map(|r| bounds(r, Json::as_i64)),
        pattern: t.get("smithy.api#pattern").and_then(Json::as_str).map(str::to_string),
        enum_value: t.get("smithy.api#enumValue").and_then(Json::as_str).map(str::to_string),
        input: t.contains_key("smithy.api#input"),
        output: t.contains_key("smithy.api#output"),
        error: t.get("smithy.api#error").and_then(Json::as_str).map(str::to_string),
        http_error: t.get("smithy.api#httpError").and_then(Json::as_u64).and_then(|s| u16::try_from(s).ok()),
        query_error: t.get("aws.protocols#awsQueryError").map(|q| {
            (
                q.get("code").and_then(Json::as_str).unwrap_or("").to_string(),
                q.get("httpResponseCode").and_then(Json::as_u64).and_then(|s| u16::try_from(s).ok()),
            )
        }),
    }
}
