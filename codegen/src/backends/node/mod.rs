//! Node backend: the v3-SDK-shaped layer of bindings-node (client methods with JSDoc, the modelled
//! error classes, paginators, the CommonJS/ESM entry points and index.d.ts).

pub mod naming;
pub mod types;

use crate::emit::{header, wrap, GeneratedFile};
use crate::model::{Kind, Model, Operation};
use askama::Template;
use std::collections::BTreeSet;

const PKG: &str = "bindings-node";

/// What the hand-written lib/runtime.js exports besides the generated classes.
const RUNTIME_EXPORTS: &[&str] = &[
    "ServiceException",
    "IAMServiceException",
    "ValidationError",
    "ConfigurationError",
    "EndpointConnectionError",
    "TimeoutError",
    "ResponseParseError",
    "InternalError",
    "AbortError",
];

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
#[template(path = "node/index.js", escape = "none")]
struct IndexTemplate {
    header: String,
    class_name: String,
    runtime_exports: Vec<String>,
    commands: Vec<String>,
    errors: Vec<String>,
    paginators: Vec<String>,
}

#[derive(Template)]
#[template(path = "node/index.mjs", escape = "none")]
struct IndexMjsTemplate {
    header: String,
    class_name: String,
    runtime_exports: Vec<String>,
    commands: Vec<String>,
    errors: Vec<String>,
    paginators: Vec<String>,
}

#[derive(Template)]
#[template(path = "node/index.d.ts", escape = "none")]
struct DtsTemplate<'a> {
    header: String,
    title: String,
    class_name: String,
    base: String,
    declarations: Vec<String>,
    methods: &'a [Method],
    errors: &'a [ErrorClass],
    paginators: &'a [PaginatorDef],
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

fn error_classes(model: &Model) -> Vec<ErrorClass> {
    let names: BTreeSet<&str> = model.operations.iter().flat_map(|o| o.errors.iter().map(String::as_str)).collect();
    names
        .into_iter()
        .map(|n| {
            let s = model.shape(n);
            let (code, status) = s.traits.query_error.clone().unwrap_or_default();
            ErrorClass {
                name: s.name.clone(),
                code: if code.is_empty() { s.name.clone() } else { code },
                status: status.or(s.traits.http_error).unwrap_or(400),
                fault: s.traits.error.clone().unwrap_or_else(|| "client".into()),
                doc: js_doc(&s.doc),
            }
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
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = Vec::new();
    for op in &model.operations {
        stack.extend([&op.input, &op.output].into_iter().flatten().cloned());
    }
    while let Some(n) = stack.pop() {
        if seen.insert(n.clone()) {
            stack.extend(model.shape(&n).members.iter().map(|m| m.target.clone()));
        }
    }
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

pub fn emit(model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
    let class_name = model.service.sdk_id.clone();
    let title = js_doc(&model.service.title);
    let base = format!("{class_name}ServiceException");
    let methods = methods(model);
    let errors = error_classes(model);
    let paginators = paginators(model);
    let runtime_exports: Vec<String> = RUNTIME_EXPORTS.iter().map(|s| s.to_string()).collect();
    let error_names: Vec<String> = errors.iter().map(|e| e.name.clone()).collect();
    let paginator_names: Vec<String> = paginators.iter().map(|p| p.name.clone()).collect();
    let command_names: Vec<String> = methods.iter().map(|m| m.command.clone()).collect();
    let commands_js = CommandsTemplate { header: header("//"), class_name: class_name.clone(), methods: &methods };

    let client = ClientTemplate { header: header("//"), title: title.clone(), class_name: class_name.clone(), methods: &methods };
    let errors_js = ErrorsTemplate { header: header("//"), base: base.clone(), errors: &errors };
    let paginators_js = PaginatorsTemplate { header: header("//"), class_name: class_name.clone(), paginators: &paginators };
    let index = IndexTemplate {
        header: header("//"),
        class_name: class_name.clone(),
        runtime_exports: runtime_exports.clone(),
        commands: command_names.clone(),
        errors: error_names.clone(),
        paginators: paginator_names.clone(),
    };
    let index_mjs = IndexMjsTemplate {
        header: header("//"),
        class_name: class_name.clone(),
        runtime_exports,
        commands: command_names,
        errors: error_names,
        paginators: paginator_names,
    };
    let dts = DtsTemplate {
        header: header("//"),
        title,
        class_name,
        base,
        declarations: declarations(model),
        methods: &methods,
        errors: &errors,
        paginators: &paginators,
    };
    Ok(vec![
        GeneratedFile::new(format!("{PKG}/lib/client.js"), client.render()?),
        GeneratedFile::new(format!("{PKG}/lib/commands.js"), commands_js.render()?),
        GeneratedFile::new(format!("{PKG}/lib/errors.js"), errors_js.render()?),
        GeneratedFile::new(format!("{PKG}/lib/paginators.js"), paginators_js.render()?),
        GeneratedFile::new(format!("{PKG}/index.js"), index.render()?),
        GeneratedFile::new(format!("{PKG}/index.mjs"), index_mjs.render()?),
        GeneratedFile::new(format!("{PKG}/index.d.ts"), dts.render()?),
    ])
}
