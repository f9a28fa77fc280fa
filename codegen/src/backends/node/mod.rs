//! Node backend: the v3-SDK-shaped layer of bindings-node (client methods with JSDoc, the modelled
//! error classes, paginators, the CommonJS/ESM entry points and index.d.ts).

pub mod naming;
pub mod types;

use crate::emit::{header, wrap, GeneratedFile};
use crate::model::{Kind, Model, Operation};
use askama::Template;
use std::collections::BTreeSet;

const PKG: &str = "bindings-node";

/// What the hand-written lib/runtime.js exports besides the error kinds' classes (boundary.rs).
const RUNTIME_EXPORTS: &[&str] = &["ServiceException"];

/// Every class lib/runtime.js exports: the base and one class per error kind (boundary.rs).
fn runtime_exports() -> Vec<String> {
    let mut names: Vec<String> = RUNTIME_EXPORTS.iter().map(|s| s.to_string()).collect();
    for k in crate::boundary::KINDS {
        if !k.node.is_empty() && !names.iter().any(|n| n == k.node) {
            names.push(k.node.to_string());
        }
    }
    names
}

/// `ClientConfig`'s members from model/options.json: top-level keys, and one object type per
/// nested key (`credentials: { accessKeyId; ... }`).
fn config_lines(options: &[crate::boundary::ClientOption]) -> Vec<String> {
    let ts = |kind: &str| match kind {
        "string" => "string",
        "boolean" => "boolean",
        "boolean_or_string" => "boolean | string",
        "map" => "{ http?: string; https?: string }",
        _ => "number",
    };
    let mut lines = Vec::new();
    let mut nested: Vec<(String, Vec<String>)> = Vec::new();
    for o in options {
        let Some(name) = &o.node else { continue };
        match name.split_once('.') {
            None => {
                lines.push(format!("/** {} */", js_doc(&o.doc)));
                lines.push(format!("{name}?: {};", ts(&o.kind)));
            }
            Some((outer, inner)) => {
                let at = match nested.iter().position(|(n, _)| n == outer) {
                    Some(at) => at,
                    None => {
                        nested.push((outer.to_string(), Vec::new()));
                        nested.len() - 1
                    }
                };
                // The first two members of an object (the access key id and secret) are required in it.
                let optional = if nested[at].1.len() < 2 { "" } else { "?" };
                nested[at].1.push(format!("{inner}{optional}: {}", ts(&o.kind)));
            }
        }
    }
    for (outer, members) in nested {
        let object = format!("{{ {} }}", members.join("; "));
        if outer == "credentials" {
            // The v3 SDK's AwsCredentialIdentity, or its provider: called when credentials are
            // needed, its result cached until shortly before `expiration`.
            lines.push(format!("/** Static {outer}, or a provider of them (the v3 SDK's AwsCredentialIdentityProvider, called when needed and cached until `expiration`); without them the standard provider chain is used. */"));
            lines.push(format!("{outer}?: {object} | (() => Promise<{object} & {{ expiration?: Date }}>);"));
        } else {
            lines.push(format!("/** Static {outer}; without them the standard provider chain is used. */"));
            lines.push(format!("{outer}?: {object};"));
        }
    }
    lines
}

struct Method {
    name: String,
    operation: String,
    /// v3's command class for the operation (`CreateAccessKeyCommand`).
    command: String,
    /// Doc comment lines (without the ` * ` prefix).
    doc: Vec<String>,
    input_type: String,
    output_type: String,
    input_required: bool,
}

struct ErrorClass {
    name: String,
    /// The package's export: `name`, or prefixed with the service's class name (`STSMalformedPolicyDocumentException`)
    /// when an earlier service exports that name already; `err.name` is `name` either way.
    export: String,
    code: String,
    status: u16,
    fault: String,
    doc: String,
}

struct PaginatorDef {
    name: String,
    operation: String,
    input_token: String,
    output_token: String,
    page_size: String,
    input_type: String,
    output_type: String,
}

#[derive(Template)]
#[template(path = "node/client.js", escape = "none")]
struct ClientTemplate<'a> {
    header: String,
    title: String,
    class_name: String,
    slug: String,
    methods: &'a [Method],
}

#[derive(Template)]
#[template(path = "node/commands.js", escape = "none")]
struct CommandsTemplate<'a> {
    header: String,
    class_name: String,
    methods: &'a [Method],
}

#[derive(Template)]
#[template(path = "node/errors.js", escape = "none")]
struct ErrorsTemplate<'a> {
    header: String,
    base: String,
    title: String,
    errors: &'a [ErrorClass],
}

#[derive(Template)]
#[template(path = "node/paginators.js", escape = "none")]
struct PaginatorsTemplate<'a> {
    header: String,
    class_name: String,
    paginators: &'a [PaginatorDef],
}

#[derive(Template)]
#[template(path = "node/waiters.js", escape = "none")]
struct WaitersTemplate<'a> {
    header: String,
    class_name: String,
    waiters: &'a [WaiterDef],
}

/// A v3-style `waitUntil<Waiter>` function.
struct WaiterDef {
    /// `waitUntilUserExists`.
    name: String,
    /// The model's waiter name (`UserExists`).
    waiter: String,
    operation: String,
    input_type: String,
    output_type: String,
}

fn waiters(model: &Model) -> Vec<WaiterDef> {
    let mut w: Vec<WaiterDef> = model
        .operations
        .iter()
        .flat_map(|op| {
            op.waiters.iter().map(move |w| WaiterDef {
                name: format!("waitUntil{}", w.name),
                waiter: w.name.clone(),
                operation: op.name.clone(),
                input_type: naming::input_type(&op.name),
                output_type: naming::output_type(&op.name),
            })
        })
        .collect();
    w.sort_by(|a, b| a.name.cmp(&b.name));
    w
}

#[derive(Template)]
#[template(path = "node/index.js", escape = "none")]
struct IndexTemplate<'a> {
    header: String,
    runtime_exports: Vec<String>,
    services: &'a [ServiceExports],
}

#[derive(Template)]
#[template(path = "node/index.mjs", escape = "none")]
struct IndexMjsTemplate<'a> {
    header: String,
    runtime_exports: Vec<String>,
    services: &'a [ServiceExports],
}

/// What one service's files export, for the package's entry points.
struct ServiceExports {
    slug: String,
    class_name: String,
    base: String,
    commands: Vec<String>,
    /// (export name, class name in the service's errors.js).
    errors: Vec<(String, String)>,
    paginators: Vec<String>,
    waiters: Vec<String>,
}

#[derive(Template)]
#[template(path = "node/index.d.ts", escape = "none")]
struct DtsTemplate {
    header: String,
    config_lines: Vec<String>,
    services: Vec<String>,
}

#[derive(Template)]
#[template(path = "node/service.d.ts", escape = "none")]
struct ServiceDtsTemplate<'a> {
    title: String,
    class_name: String,
    base: String,
    declarations: Vec<String>,
    methods: &'a [Method],
    errors: &'a [ErrorClass],
    paginators: &'a [PaginatorDef],
    waiters: &'a [WaiterDef],
}

/// Text for a `/** */` comment: a `*/` in the model's docs must not end it.
fn js_doc(text: &str) -> String {
    text.replace("*/", "*\\/")
}

fn members_of<'m>(model: &'m Model, shape: &Option<String>) -> &'m [crate::model::Member] {
    shape.as_ref().map(|s| model.shape(s).members.as_slice()).unwrap_or_default()
}

fn method_doc(model: &Model, op: &Operation) -> Vec<String> {
    let mut lines = wrap(&js_doc(&op.doc), 96);
    let input = members_of(model, &op.input);
    if !input.is_empty() {
        lines.push(String::new());
        lines.push("Input members:".into());
        for m in input {
            let req = if m.traits.required { " (required)" } else { "" };
            let c = types::constraints(model, &m.target);
            let c = if c.is_empty() { String::new() } else { format!("; {c}") };
            lines.push(format!("- `{}`{req}: `{}`{c}. {}", m.name, types::ts_type(model, &m.target), js_doc(&m.doc)));
        }
    }
    lines.push(String::new());
    let mut keys: Vec<String> = members_of(model, &op.output).iter().map(|m| m.name.clone()).collect();
    keys.push("$metadata".into());
    lines.push(format!("@returns a Promise of `{{ {} }}`.", keys.join(", ")));
    for e in &op.errors {
        lines.push(format!("@throws {{@link {e}}}"));
    }
    lines
}

fn methods(model: &Model) -> Vec<Method> {
    model
        .operations
        .iter()
        .map(|op| Method {
            name: naming::method_name(&op.name),
            operation: op.name.clone(),
            command: naming::command_name(&op.name),
            doc: method_doc(model, op),
            input_type: naming::input_type(&op.name),
            output_type: naming::output_type(&op.name),
            input_required: members_of(model, &op.input).iter().any(|m| m.traits.required),
        })
        .collect()
}

fn error_classes(model: &Model, taken: &BTreeSet<String>) -> Vec<ErrorClass> {
    model
        .error_shapes()
        .into_iter()
        .filter_map(|s| {
            let e = s.error_info()?;
            let export = if taken.contains(&s.name) { format!("{}{}", model.service.sdk_id, s.name) } else { s.name.clone() };
            Some(ErrorClass { name: s.name.clone(), export, code: e.code, status: e.status, fault: e.fault, doc: js_doc(&s.doc) })
        })
        .collect()
}

fn paginators(model: &Model) -> Vec<PaginatorDef> {
    model
        .operations
        .iter()
        .filter_map(|op| {
            let p = op.paginated.as_ref()?;
            Some(PaginatorDef {
                name: naming::paginator_name(&op.name),
                operation: op.name.clone(),
                input_token: p.input_token.clone(),
                output_token: p.output_token.clone(),
                page_size: p.page_size.clone().unwrap_or_else(|| "(none)".into()),
                input_type: naming::input_type(&op.name),
                output_type: naming::output_type(&op.name),
            })
        })
        .collect()
}

/// A doc comment block at `indent`.
fn doc_block(text: &str, indent: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let lines = wrap(&js_doc(text), 96);
    if lines.len() == 1 {
        return format!("{indent}/** {} */\n", lines[0]);
    }
    let mut out = format!("{indent}/**\n");
    for l in lines {
        out.push_str(&format!("{indent} * {l}\n"));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// Type aliases for enums, interfaces for structures, and the per-operation input/output types.
fn declarations(model: &Model) -> Vec<String> {
    let seen = model.reachable(model.operations.iter().flat_map(|op| [&op.input, &op.output]).flatten().map(String::as_str));
    let mut out = Vec::new();
    for name in &seen {
        let s = model.shape(name);
        match s.kind {
            Kind::Enum => {
                let mut d = doc_block(&s.doc, "");
                d.push_str(&format!("export type {} = {};", types::interface_name(&s.name), types::ts_type(model, name)));
                out.push(d);
            }
            Kind::Structure => {
                let mut d = doc_block(&s.doc, "");
                d.push_str(&format!("export interface {} {{\n", types::interface_name(&s.name)));
                for m in &s.members {
                    d.push_str(&doc_block(&m.doc, "  "));
                    let opt = if m.traits.required { "" } else { "?" };
                    let ty = match model.shape(&m.target).kind {
                        Kind::Enum => types::interface_name(&m.target),
                        _ => types::ts_type(model, &m.target),
                    };
                    d.push_str(&format!("  {}{opt}: {ty};\n", m.name));
                }
                d.push('}');
                out.push(d);
            }
            _ => {}
        }
    }
    for op in &model.operations {
        let input = op.input.as_ref().map(|i| types::interface_name(i));
        let output = op.output.as_ref().map(|o| types::interface_name(o));
        out.push(match input {
            Some(i) => format!("export interface {} extends {i} {{}}", naming::input_type(&op.name)),
            None => format!("export interface {} {{}}", naming::input_type(&op.name)),
        });
        out.push(match output {
            Some(o) => format!("export interface {} extends {o}, MetadataBearer {{}}", naming::output_type(&op.name)),
            None => format!("export interface {} extends MetadataBearer {{}}", naming::output_type(&op.name)),
        });
    }
    out
}

/// One service's files in `lib/<service>/`, its part of index.d.ts, and its exports.
fn emit_service(model: &Model, taken: &BTreeSet<String>) -> Result<(Vec<GeneratedFile>, String, ServiceExports), askama::Error> {
    let slug = crate::backends::rust::service_slug(model);
    let class_name = model.service.sdk_id.clone();
    let title = js_doc(&model.service.title);
    let base = format!("{class_name}ServiceException");
    let methods = methods(model);
    let errors = error_classes(model, taken);
    let paginators = paginators(model);
    let waiters = waiters(model);
    let dir = format!("{PKG}/lib/{slug}");
    let client = ClientTemplate { header: header("//"), title: title.clone(), class_name: class_name.clone(), slug: slug.clone(), methods: &methods };
    let commands_js = CommandsTemplate { header: header("//"), class_name: class_name.clone(), methods: &methods };
    let errors_js = ErrorsTemplate { header: header("//"), base: base.clone(), title: title.clone(), errors: &errors };
    let paginators_js = PaginatorsTemplate { header: header("//"), class_name: class_name.clone(), paginators: &paginators };
    let dts = ServiceDtsTemplate {
        title,
        class_name: class_name.clone(),
        base: base.clone(),
        declarations: declarations(model),
        methods: &methods,
        errors: &errors,
        paginators: &paginators,
        waiters: &waiters,
    }
    .render()?;
    let exports = ServiceExports {
        slug,
        class_name,
        base,
        commands: methods.iter().map(|m| m.command.clone()).collect(),
        errors: errors.iter().map(|e| (e.export.clone(), e.name.clone())).collect(),
        paginators: paginators.iter().map(|p| p.name.clone()).collect(),
        waiters: waiters.iter().map(|w| w.name.clone()).collect(),
    };
    let waiters_js = WaitersTemplate { header: header("//"), class_name: exports.class_name.clone(), waiters: &waiters };
    let files = vec![
        GeneratedFile::new(format!("{dir}/client.js"), client.render()?),
        GeneratedFile::new(format!("{dir}/commands.js"), commands_js.render()?),
        GeneratedFile::new(format!("{dir}/errors.js"), errors_js.render()?),
        GeneratedFile::new(format!("{dir}/paginators.js"), paginators_js.render()?),
        GeneratedFile::new(format!("{dir}/waiters.js"), waiters_js.render()?),
    ];
    Ok((files, dts, exports))
}

/// Every service's files and the package's entry points (`index.js`, `index.mjs`, `index.d.ts`),
/// which export every service's names; two services exporting one name is an error.
pub fn emit(models: &[Model]) -> Result<Vec<GeneratedFile>, Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    let mut chunks = Vec::new();
    let mut services = Vec::new();
    let mut seen: BTreeSet<String> = runtime_exports().into_iter().collect();
    for model in models {
        let (service_files, dts, exports) = emit_service(model, &seen)?;
        let names = [exports.class_name.clone(), format!("{}Client", exports.class_name), exports.base.clone()];
        for name in names.iter().chain(&exports.commands).chain(exports.errors.iter().map(|(export, _)| export)).chain(&exports.paginators).chain(&exports.waiters) {
            if !seen.insert(name.clone()) {
                return Err(format!("node: {name} would be exported twice ({} and an earlier service or the runtime)", exports.slug).into());
            }
        }
        files.extend(service_files);
        chunks.push(dts);
        services.push(exports);
    }
    let options = crate::boundary::options()?;
    let index = IndexTemplate { header: header("//"), runtime_exports: runtime_exports(), services: &services };
    let index_mjs = IndexMjsTemplate { header: header("//"), runtime_exports: runtime_exports(), services: &services };
    let dts = DtsTemplate { header: header("//"), config_lines: config_lines(&options), services: chunks };
    files.push(GeneratedFile::new(format!("{PKG}/index.js"), index.render()?));
    files.push(GeneratedFile::new(format!("{PKG}/index.mjs"), index_mjs.render()?));
    files.push(GeneratedFile::new(format!("{PKG}/index.d.ts"), dts.render()?));
    Ok(files)
}
