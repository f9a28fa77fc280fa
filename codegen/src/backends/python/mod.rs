//! Python backend: the boto3-shaped layer of bindings-python (client methods with docstrings, the
//! modelled exception classes, and a typed .pyi stub).

pub mod naming;
pub mod types;

use crate::emit::{header, wrap, GeneratedFile};
use crate::model::{Kind, Model};
use askama::Template;

const PKG: &str = "bindings-python/python/polyiam";

#[derive(Template)]
#[template(path = "python/client.py", escape = "none")]
struct ClientTemplate {
    header: String,
    service: String,
    class_name: String,
    class_doc: String,
    methods: Vec<Method>,
    paginators: Vec<(String, String)>,
    /// (boto3's waiter name, the model's, the model's minimum delay in seconds).
    waiters: Vec<(String, String, u64)>,
    errors: Vec<String>,
}

struct Method {
    name: String,
    operation: String,
    /// Docstring lines, already indented for the method body.
    doc: Vec<String>,
    params: Vec<Param>,
}

struct Param {
    name: String,
    hint: String,
    required: bool,
}

#[derive(Template)]
#[template(path = "python/client.pyi", escape = "none")]
struct StubTemplate {
    header: String,
    class_name: String,
    typeddicts: Vec<TypedDictDef>,
    methods: Vec<Method>,
    paginators: Vec<(String, String)>,
    /// (boto3's waiter name, the model's, the model's minimum delay in seconds).
    waiters: Vec<(String, String, u64)>,
    errors: Vec<String>,
}

struct TypedDictDef {
    name: String,
    fields: Vec<Param>,
}

#[derive(Template)]
#[template(path = "python/exceptions.py", escape = "none")]
struct ExceptionsTemplate {
    header: String,
    errors: Vec<ErrorClass>,
    /// Per service: (wire code, class name).
    by_code: Vec<(String, Vec<(String, String)>)>,
    /// `PolyiamError` and the error kinds' classes (`_errors.py`), sorted.
    base_classes: Vec<&'static str>,
}

/// The typed signature of a `client()` factory: `polyiam.client` (no prefix) or
/// `polyiam.aio.client` (prefix `Async`), one overload per service.
#[derive(Template)]
#[template(path = "python/client_factory.pyi", escape = "none")]
struct ClientFactoryStub<'a> {
    header: String,
    /// Before each class name: "" or "Async".
    prefix: &'static str,
    /// (service name, client class name)
    services: Vec<(String, String)>,
    /// (keyword argument, option), from model/options.json.
    options: Vec<(&'a str, &'a crate::boundary::ClientOption)>,
}

#[derive(Template)]
#[template(path = "python/_services.py", escape = "none")]
struct ServicesTemplate {
    header: String,
    /// (service name, client class name)
    services: Vec<(String, String)>,
}

struct ErrorClass {
    name: String,
    code: String,
    status: u16,
    doc: String,
}

/// Text for a docstring: backslashes (regex patterns) and triple quotes must survive.
fn py_doc(text: &str) -> String {
    text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

fn method_doc(model: &Model, op: &crate::model::Operation, method: &str) -> Vec<String> {
    let mut lines = wrap(&py_doc(&op.doc), 88);
    let input = op.input.as_ref().map(|i| model.shape(i));
    let members = input.map(|s| s.members.as_slice()).unwrap_or_default();
    lines.push(String::new());
    let args: Vec<String> = members.iter().map(|m| format!("{}=...", m.name)).collect();
    lines.push(format!("Request syntax: ``client.{method}({})``", args.join(", ")));
    for m in members {
        lines.push(String::new());
        let req = if m.traits.required { " **[REQUIRED]**" } else { "" };
        lines.push(format!(":param {}: ({}){req}", m.name, py_doc(&types::describe(model, &m.target))));
        lines.extend(wrap(&py_doc(&m.doc), 84).into_iter().map(|l| format!("    {l}")));
    }
    lines.push(String::new());
    let out_members: Vec<&str> = op.output.as_ref().map(|o| model.shape(o).members.iter().map(|m| m.name.as_str()).collect()).unwrap_or_default();
    let mut keys: Vec<&str> = out_members;
    keys.push("ResponseMetadata");
    lines.push(format!(":returns: a dict with the keys {}.", keys.join(", ")));
    let errors: Vec<String> = op.errors.iter().map(|e| format!("``{e}``")).collect();
    if !errors.is_empty() {
        lines.push(format!(":raises: {} (in ``client.exceptions``).", errors.join(", ")));
    }
    lines
}

fn methods(model: &Model) -> Vec<Method> {
    model
        .operations
        .iter()
        .map(|op| {
            let name = naming::method_name(&op.name);
            let params = op
                .input
                .as_ref()
                .map(|i| {
                    model.shape(i).members.iter().map(|m| Param { name: m.name.clone(), hint: types::hint(model, &m.target, true), required: m.traits.required }).collect()
                })
                .unwrap_or_default();
            Method { doc: method_doc(model, op, &name), name, operation: op.name.clone(), params }
        })
        .collect()
}

fn waiters(model: &Model) -> Vec<(String, String, u64)> {
    let mut w: Vec<(String, String, u64)> =
        model.operations.iter().flat_map(|o| o.waiters.iter()).map(|w| (naming::method_name(&w.name), w.name.clone(), w.min_delay)).collect();
    w.sort();
    w
}

fn paginators(model: &Model) -> Vec<(String, String)> {
    model.operations.iter().filter(|o| o.paginated.is_some()).map(|o| (naming::method_name(&o.name), o.name.clone())).collect()
}


fn typeddicts(model: &Model) -> Vec<TypedDictDef> {
    let io = model.operations.iter().flat_map(|op| [&op.input, &op.output]).flatten();
    let seen = model.reachable(io.flat_map(|io| model.shape(io).members.iter().map(|m| m.target.as_str())));
    let mut defs: Vec<TypedDictDef> = seen
        .iter()
        .map(|n| model.shape(n))
        .filter(|s| s.kind == Kind::Structure)
        .map(|s| TypedDictDef {
            name: types::typeddict_name(&s.name),
            fields: s.members.iter().map(|m| Param { name: m.name.clone(), hint: types::hint(model, &m.target, false), required: m.traits.required }).collect(),
        })
        .collect();
    for op in &model.operations {
        let mut fields: Vec<Param> = op
            .output
            .as_ref()
            .map(|o| {
                model.shape(o).members.iter().map(|m| Param { name: m.name.clone(), hint: types::hint(model, &m.target, false), required: m.traits.required }).collect()
            })
            .unwrap_or_default();
        fields.push(Param { name: "ResponseMetadata".into(), hint: "ResponseMetadataTypeDef".into(), required: true });
        defs.push(TypedDictDef { name: format!("{}ResponseTypeDef", op.name), fields });
    }
    defs
}

fn error_class(s: &crate::model::Shape) -> Option<ErrorClass> {
    let e = s.error_info()?;
    Some(ErrorClass { name: s.name.clone(), code: e.code, status: e.status, doc: py_doc(&s.doc) })
}

/// One service's client module (`<service>.py`) and its stub.
fn emit_service(model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
    let slug = crate::backends::rust::service_slug(model);
    let class_name = model.service.sdk_id.clone();
    let errors = model.error_shapes();
    let error_names: Vec<String> = errors.iter().map(|e| e.name.clone()).collect();
    let client = ClientTemplate {
        header: header("#"),
        service: slug.clone(),
        class_name: class_name.clone(),
        class_doc: py_doc(&model.service.title),
        methods: methods(model),
        paginators: paginators(model),
        waiters: waiters(model),
        errors: error_names.clone(),
    };
    let stub = StubTemplate {
        header: header("#"),
        class_name,
        typeddicts: typeddicts(model),
        methods: methods(model),
        paginators: paginators(model),
        waiters: waiters(model),
        errors: error_names,
    };
    Ok(vec![
        GeneratedFile::new(format!("{PKG}/{slug}.py"), client.render()?),
        GeneratedFile::new(format!("{PKG}/{slug}.pyi"), stub.render()?),
    ])
}

/// Every service's client module, the exceptions of all of them (`exceptions.py`, one class per
/// error name, with the wire codes of each service) and the registry `client()` reads.
pub fn emit(models: &[Model]) -> Result<Vec<GeneratedFile>, askama::Error> {
    let mut files = Vec::new();
    let mut classes: std::collections::BTreeMap<String, ErrorClass> = std::collections::BTreeMap::new();
    let mut by_code = Vec::new();
    let mut services = Vec::new();
    for model in models {
        files.extend(emit_service(model)?);
        let slug = crate::backends::rust::service_slug(model);
        let errors: Vec<ErrorClass> = model.error_shapes().into_iter().filter_map(error_class).collect();
        by_code.push((slug.clone(), errors.iter().map(|e| (e.code.clone(), e.name.clone())).collect::<Vec<_>>()));
        for e in errors {
            classes.entry(e.name.clone()).or_insert(e);
        }
        services.push((slug, model.service.sdk_id.clone()));
    }
    let mut base_classes: Vec<&'static str> = crate::boundary::python_classes().iter().map(|c| c.name).collect();
    base_classes.push("PolyiamError");
    base_classes.sort_unstable();
    let exceptions = ExceptionsTemplate { header: header("#"), errors: classes.into_values().collect(), by_code, base_classes };
    files.push(GeneratedFile::new(format!("{PKG}/exceptions.py"), exceptions.render()?));
    files.push(GeneratedFile::new(format!("{PKG}/_services.py"), ServicesTemplate { header: header("#"), services: services.clone() }.render()?));
    // The typed signature of `polyiam.client`, one overload per service, its keyword arguments
    // from model/options.json.
    let options = crate::boundary::options().map_err(|e| askama::Error::Custom(e.into()))?;
    let offered: Vec<(&str, &crate::boundary::ClientOption)> = options.iter().filter_map(|o| o.python.as_deref().map(|n| (n, o))).collect();
    for (path, prefix) in [("__init__.pyi", ""), ("aio.pyi", "Async")] {
        let stub = ClientFactoryStub { header: header("#"), prefix, services: services.clone(), options: offered.clone() };
        files.push(GeneratedFile::new(format!("{PKG}/{path}"), stub.render()?));
    }
    Ok(files)
}
