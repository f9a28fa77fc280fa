//! Rust backend: the core glue (`core/src/generated/`): per service (`generated/<service>/`) the
//! schema tables, the builder of its SDK client, the per-operation calls into its fluent builders and
//! the value-tree conversions of every structure and enum; and `generated/mod.rs`, the list of
//! services with the one enum of their SDK clients.

pub mod naming;

use crate::emit::{header, GeneratedFile};
use crate::model::{Kind, Member, Model, Shape};
use askama::Template;
use std::collections::BTreeSet;

/// A service's name in polyiam (`iam`): its SDK id in lower case, as smithy-rs names the crate.
pub fn service_slug(model: &Model) -> String {
    model.service.sdk_id.to_ascii_lowercase().replace([' ', '-'], "")
}

/// The smithy-rs crate of a service (`aws_sdk_iam`).
fn sdk_crate(model: &Model) -> String {
    format!("aws_sdk_{}", service_slug(model))
}

#[derive(Template)]
#[template(path = "rust/schema.rs", escape = "none")]
struct SchemaTemplate {
    header: String,
    service: String,
    operations: Vec<OperationRow>,
    shapes: Vec<ShapeRow>,
    waiters: Vec<WaiterRow>,
}

struct WaiterRow {
    name: String,
    operation: String,
    min_delay: u64,
    max_delay: u64,
    /// The SDK client's `wait_until_*` method.
    method: String,
    setters: Vec<Setter>,
}

/// Every waiter of the model, sorted by name, with the setters of its operation's input.
fn waiters(model: &Model) -> Vec<WaiterRow> {
    let mut rows: Vec<WaiterRow> = sdk_operations(model)
        .flat_map(|op| {
            op.waiters.iter().map(move |w| WaiterRow {
                name: w.name.clone(),
                operation: op.name.clone(),
                min_delay: w.min_delay,
                max_delay: w.max_delay,
                method: format!("wait_until_{}", naming::operation_fn(&w.name)),
                setters: setters(model, op),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

fn setters(model: &Model, op: &crate::model::Operation) -> Vec<Setter> {
    op.input
        .as_ref()
        .map(|i| model.shape(i).members.iter().map(|m| Setter { setter: naming::setter_name(&m.name), member: lit(&m.name) }).collect())
        .unwrap_or_default()
}

struct OperationRow {
    name: String,
    input: String,
    output: String,
    errors: Vec<String>,
    paginated: String,
    retry_safe: bool,
    extension: bool,
}

struct ShapeRow {
    name: String,
    /// `Kind::…` expression, except for structures, whose members the template lays out.
    kind: String,
    members: Option<Vec<MemberRow>>,
    constraints: String,
    sensitive: bool,
    error: String,
}

struct MemberRow {
    name: String,
    target: String,
    required: bool,
    constraints: String,
}

#[derive(Template)]
#[template(path = "rust/ops.rs", escape = "none")]
struct OpsTemplate {
    header: String,
    sdk: String,
    operations: Vec<OpCall>,
    waiters: Vec<WaiterRow>,
}

struct OpCall {
    name: String,
    method: String,
    setters: Vec<Setter>,
    has_output: bool,
}

struct Setter {
    setter: String,
    member: String,
}

#[derive(Template)]
#[template(path = "rust/shapes.rs", escape = "none")]
struct ShapesTemplate {
    header: String,
    to_value: Vec<StructConv>,
    from_value: Vec<StructConv>,
    enums: Vec<String>,
}

struct StructConv {
    rust_type: String,
    fields: Vec<FieldConv>,
    /// `build()` returns `Result` (the type has required members smithy-rs makes non-optional).
    fallible: bool,
}

struct FieldConv {
    member: String,
    field: String,
    setter: String,
    sensitive: bool,
}

#[derive(Template)]
#[template(path = "rust/service.rs", escape = "none")]
struct ServiceTemplate {
    header: String,
    slug: String,
    sdk: String,
    sdk_id: String,
    title: String,
}

struct ServiceRow {
    slug: String,
    sdk: String,
    variant: String,
    /// polyiam's own operations on this service: (operation, the core/src/ext/ function).
    extensions: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "rust/mod.rs", escape = "none")]
struct ModTemplate {
    header: String,
    services: Vec<ServiceRow>,
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A shape reference as the core's tables hold it: qualified by the service (`iam#AccessKey`).
fn qualified(slug: &str, shape: &str) -> String {
    lit(&format!("{slug}#{shape}"))
}

fn opt_lit(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), |s| format!("Some({s:?})"))
}

fn constraints(t: &crate::model::Traits) -> String {
    let pair = |p: Option<(Option<String>, Option<String>)>| match p {
        None => "None".to_string(),
        Some((lo, hi)) => format!(
            "Some(({}, {}))",
            lo.map_or("None".into(), |v| format!("Some({v})")),
            hi.map_or("None".into(), |v| format!("Some({v})"))
        ),
    };
    if t.length.is_none() && t.range.is_none() && t.pattern.is_none() {
        return "Constraints::NONE".to_string();
    }
    format!(
        "Constraints {{ length: {}, range: {}, pattern: {} }}",
        pair(t.length.map(|(a, b)| (a.map(|v| v.to_string()), b.map(|v| v.to_string())))),
        pair(t.range.map(|(a, b)| (a.map(|v| v.to_string()), b.map(|v| v.to_string())))),
        opt_lit(t.pattern.as_deref())
    )
}

fn kind_expr(model: &Model, slug: &str, s: &Shape) -> String {
    match s.kind {
        Kind::String => "Kind::String".into(),
        Kind::Enum => {
            let pairs: Vec<String> = s.enum_values().into_iter().map(|(name, wire)| format!("({}, {})", lit(name), lit(wire))).collect();
            format!("Kind::Enum(&[{}])", pairs.join(", "))
        }
        Kind::Integer => "Kind::Integer".into(),
        Kind::Long => "Kind::Long".into(),
        Kind::Boolean => "Kind::Boolean".into(),
        Kind::Timestamp => "Kind::Timestamp".into(),
        Kind::Blob => "Kind::Blob".into(),
        Kind::List => format!("Kind::List {{ member: {} }}", qualified(slug, &model.shape(&s.members[0].target).name)),
        Kind::Map => format!("Kind::Map {{ key: {}, value: {} }}", qualified(slug, &s.members[0].target), qualified(slug, &s.members[1].target)),
        // Unit: a structure without members.
        Kind::Structure | Kind::Unit => String::new(),
    }
}

fn schema(model: &Model) -> SchemaTemplate {
    let slug = service_slug(model);
    let opt_qualified = |s: Option<&str>| s.map_or_else(|| "None".to_string(), |s| format!("Some({})", qualified(&slug, s)));
    let operations = model
        .operations
        .iter()
        .map(|op| OperationRow {
            name: lit(&op.name),
            input: opt_qualified(op.input.as_deref()),
            output: opt_qualified(op.output.as_deref()),
            errors: op.errors.iter().map(|e| qualified(&slug, e)).collect(),
            paginated: op.paginated.as_ref().map_or("None".into(), |p| {
                format!(
                    "Some(Paginated {{ input_token: {}, output_token: {}, items: {}, page_size: {} }})",
                    lit(&p.input_token),
                    lit(&p.output_token),
                    opt_lit(p.items.as_deref()),
                    opt_lit(p.page_size.as_deref())
                )
            }),
            retry_safe: op.retry_safe,
            extension: op.extension,
        })
        .collect();
    let shapes = model
        .shapes
        .values()
        .map(|s| {
            let members = matches!(s.kind, Kind::Structure | Kind::Unit).then(|| {
                s.members
                    .iter()
                    .map(|m| MemberRow {
                        name: lit(&m.name),
                        target: qualified(&slug, &m.target),
                        required: m.traits.required,
                        constraints: constraints(&m.traits),
                    })
                    .collect()
            });
            let error = match s.error_info() {
                None => "None".to_string(),
                Some(e) => {
                    let fault = if e.fault == "server" { "Fault::Server" } else { "Fault::Client" };
                    format!("Some(ErrorInfo {{ code: {}, http_status: {}, fault: {fault} }})", lit(&e.code), e.status)
                }
            };
            ShapeRow {
                name: lit(&s.name),
                kind: kind_expr(model, &slug, s),
                members,
                constraints: constraints(&s.traits),
                sensitive: s.traits.sensitive,
                error,
            }
        })
        .collect();
    SchemaTemplate { header: header("//"), service: lit(&slug), operations, shapes, waiters: waiters(model) }
}

fn ops(model: &Model) -> OpsTemplate {
    let operations = sdk_operations(model)
        .map(|op| OpCall {
            name: lit(&op.name),
            method: naming::operation_fn(&op.name),
            setters: setters(model, op),
            has_output: op.output.as_ref().is_some_and(|o| !model.shape(o).members.is_empty()),
        })
        .collect();
    OpsTemplate { header: header("//"), sdk: sdk_crate(model), operations, waiters: waiters(model) }
}


/// The operations the service's SDK crate implements (not polyiam's own, see core/src/ext/).
fn sdk_operations(model: &Model) -> impl Iterator<Item = &crate::model::Operation> {
    model.operations.iter().filter(|o| !o.extension)
}

fn is_sensitive(model: &Model, m: &Member) -> bool {
    m.traits.sensitive || model.shape(&m.target).traits.sensitive
}

/// smithy-rs makes `build()` fallible when a member is required, has no default and does not
/// target a structure (required structures stay `Option` under CLIENT_CAREFUL).
fn builder_fallible(model: &Model, s: &Shape) -> bool {
    s.members.iter().any(|m| {
        m.traits.required && !m.traits.has_default && !matches!(model.shape(&m.target).kind, Kind::Structure | Kind::Unit)
    })
}

fn struct_conv(model: &Model, s: &Shape, rust_type: String) -> StructConv {
    StructConv {
        rust_type,
        fields: s
            .members
            .iter()
            .map(|m| FieldConv {
                member: lit(&m.name),
                field: naming::field_name(&m.name),
                setter: naming::setter_name(&m.name),
                sensitive: is_sensitive(model, m),
            })
            .collect(),
        fallible: builder_fallible(model, s),
    }
}

fn shapes(model: &Model) -> ShapesTemplate {
    let sdk = sdk_crate(model);
    let outputs: Vec<&str> = sdk_operations(model).filter_map(|o| o.output.as_deref()).collect();
    let inputs: Vec<&str> = sdk_operations(model).filter_map(|o| o.input.as_deref()).collect();
    let out_side = model.reachable(outputs.iter().copied());
    let in_side = model.reachable(inputs.iter().flat_map(|i| model.shape(i).members.iter().map(|m| m.target.as_str())));

    let mut to_value = Vec::new();
    for op in sdk_operations(model) {
        if let Some(out) = op.output.as_deref() {
            let s = model.shape(out);
            if !s.members.is_empty() {
                let ty = format!("{sdk}::operation::{}::{}", naming::operation_fn(&op.name), naming::operation_type(&op.name, "Output"));
                to_value.push(struct_conv(model, s, ty));
            }
        }
    }
    // Operation inputs/outputs become per-operation types (`{Op}Input`/`{Op}Output`) even when
    // several operations share one shape without @input/@output, so they are never `types::`.
    let io: BTreeSet<&str> = inputs.iter().chain(outputs.iter()).copied().collect();
    let nested = |side: &BTreeSet<&str>| -> Vec<StructConv> {
        side.iter()
            .filter(|n| !io.contains(*n))
            .map(|n| model.shape(n))
            .filter(|s| s.kind == Kind::Structure && s.traits.error.is_none())
            .map(|s| struct_conv(model, s, format!("{sdk}::types::{}", naming::type_name(&s.name))))
            .collect()
    };
    to_value.extend(nested(&out_side));
    let from_value = nested(&in_side);
    let enums = model
        .shapes
        .values()
        .filter(|s| s.kind == Kind::Enum && (out_side.contains(s.name.as_str()) || in_side.contains(s.name.as_str())))
        .map(|s| format!("{sdk}::types::{}", naming::type_name(&s.name)))
        .collect();
    ShapesTemplate { header: header("//"), to_value, from_value, enums }
}

/// One service's glue, in `core/src/generated/<service>/`.
pub fn emit(model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
    let slug = service_slug(model);
    let dir = format!("core/src/generated/{slug}");
    let service = ServiceTemplate {
        header: header("//"),
        slug: slug.clone(),
        sdk: sdk_crate(model),
        sdk_id: model.service.sdk_id.clone(),
        title: model.service.title.clone(),
    };
    Ok(vec![
        GeneratedFile::new(format!("{dir}/mod.rs"), service.render()?),
        GeneratedFile::new(format!("{dir}/schema.rs"), schema(model).render()?),
        GeneratedFile::new(format!("{dir}/ops.rs"), ops(model).render()?),
        GeneratedFile::new(format!("{dir}/shapes.rs"), shapes(model).render()?),
    ])
}

/// `core/src/generated/mod.rs`: every service, and the one enum of their SDK clients.
pub fn emit_services(models: &[Model]) -> Result<Vec<GeneratedFile>, askama::Error> {
    let services = models
        .iter()
        .map(|m| {
            let slug = service_slug(m);
            let extensions =
                m.operations.iter().filter(|o| o.extension).map(|o| (o.name.clone(), naming::operation_fn(&o.name))).collect();
            ServiceRow { variant: naming::type_name(&slug), sdk: sdk_crate(m), slug, extensions }
        })
        .collect();
    Ok(vec![GeneratedFile::new("core/src/generated/mod.rs", ModTemplate { header: header("//"), services }.render()?)])
}
