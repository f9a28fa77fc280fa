//! R backend: the paws-shaped layer of bindings-r (the `iam()` constructor, one function per
//! operation run through `svc$<name>(...)`, and an Rd help page per operation documenting its
//! arguments, the result's list structure and an example). The output shape tree that fills absent
//! members with typed empties is not emitted here: the R crate reads core's generated schema tables.

pub mod naming;
pub mod types;

use crate::emit::{header, wrap, GeneratedFile};
use crate::model::{Model, Operation};
use askama::Template;

const PKG: &str = "bindings-r";

#[derive(Template)]
#[template(path = "r/service.R", escape = "none")]
struct ServiceTemplate {
    header: String,
    service: String,
    title: String,
    functions: Vec<Function>,
}

struct Function {
    /// `iam_create_access_key`
    name: String,
    /// `create_access_key`
    method: String,
    operation: String,
    /// `UserName`, as written in R code.
    args: Vec<String>,
}

#[derive(Template)]
#[template(path = "r/operation.Rd", escape = "none")]
struct OperationRd {
    header: String,
    service: String,
    function: Function,
    title: String,
    description: Vec<String>,
    usage: String,
    arguments: Vec<(String, String)>,
    value: String,
    request: String,
    example: String,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "r/service.Rd", escape = "none")]
struct ServiceRd {
    header: String,
    service: String,
    title: String,
    description: Vec<String>,
    operations: Vec<(String, String)>,
    errors: Vec<String>,
    /// The waiters' names for `svc$wait_until()` (`user_exists`).
    waiters: Vec<String>,
}

/// Text for Rd: backslashes, percent signs (comments) and braces must survive.
fn rd(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '%' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Model documentation as plain text (the model's docs may carry HTML tags).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(op: &str) -> String {
    let mut out = String::new();
    for (i, part) in naming::method_name(op).split('_').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut cs = part.chars();
        if let Some(first) = cs.next() {
            if i == 0 {
                out.extend(first.to_uppercase());
            } else {
                out.push(first);
            }
            out.push_str(cs.as_str());
        }
    }
    out
}

fn function(model: &Model, service: &str, op: &Operation) -> Function {
    let args = op.input.as_ref().map(|i| model.shape(i).members.iter().map(|m| types::arg_name(&m.name)).collect()).unwrap_or_default();
    Function {
        name: naming::function_name(service, &op.name),
        method: naming::method_name(&op.name),
        operation: op.name.clone(),
        args,
    }
}

fn call(method: &str, args: &[String]) -> String {
    if args.is_empty() {
        format!("svc${method}()")
    } else {
        format!("svc${method}(\n  {}\n)", args.join(",\n  "))
    }
}

/// `name(a = NULL, b = NULL, ...)`, wrapped under the opening parenthesis when longer than the 90
/// characters R CMD check allows an Rd \usage line.
fn usage(name: &str, args: &[String]) -> String {
    const WIDTH: usize = 90;
    let one = format!("{name}({})", args.join(", "));
    if one.len() <= WIDTH {
        return one;
    }
    let indent = " ".repeat(name.len() + 1);
    let mut out = String::new();
    let mut line = format!("{name}(");
    for (i, a) in args.iter().enumerate() {
        let piece = if i + 1 < args.len() { format!("{a},") } else { format!("{a})") };
        let fresh = line.trim().is_empty() || line.ends_with('(');
        if !fresh && line.len() + 1 + piece.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = indent.clone();
        } else if !fresh {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    out.push_str(&line);
    out
}

fn operation_rd(model: &Model, service: &str, op: &Operation) -> OperationRd {
    let f = function(model, service, op);
    let members = op.input.as_ref().map(|i| model.shape(i).members.clone()).unwrap_or_default();
    let mut usage_args: Vec<String> = f.args.iter().map(|a| format!("{a} = NULL")).collect();
    usage_args.push("...".into());
    let mut arguments: Vec<(String, String)> = members
        .iter()
        .map(|m| {
            let req = if m.traits.required { " [required]" } else { "" };
            let doc = plain(&m.doc);
            let text = format!("({}){req} {}", types::describe(model, &m.target), doc);
            (rd(&types::arg_name(&m.name)), rd(text.trim()))
        })
        .collect();
    arguments.push((
        "...".into(),
        "Not used: any other argument is an error of class \\code{polyiam_validation_error}, raised before anything is sent.".into(),
    ));
    let value = match &op.output {
        Some(o) => rd(&types::example(model, o, 0, 0)),
        None => "list()".into(),
    };
    let request_args: Vec<String> =
        members.iter().map(|m| format!("{} = {}", types::arg_name(&m.name), types::example(model, &m.target, 2, 0))).collect();
    let example_args: Vec<String> = members
        .iter()
        .filter(|m| m.traits.required)
        .map(|m| format!("{} = {}", types::arg_name(&m.name), types::example(model, &m.target, 2, 0)))
        .collect();
    OperationRd {
        header: header("%"),
        service: service.to_string(),
        title: rd(&words(&op.name)),
        description: wrap(&rd(&plain(&op.doc)), 90),
        usage: usage(&f.name, &usage_args),
        arguments,
        value,
        request: rd(&call(&f.method, &request_args)),
        example: rd(&call(&f.method, &example_args)),
        errors: op.errors.iter().map(|e| rd(e)).collect(),
        function: f,
    }
}

pub fn emit(model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
    let service = naming::service_name(&model.service.sdk_id);
    let functions: Vec<Function> = model.operations.iter().map(|op| function(model, &service, op)).collect();
    let mut files = vec![GeneratedFile::new(
        format!("{PKG}/R/{service}.R"),
        ServiceTemplate { header: header("#"), service: service.clone(), title: model.service.title.clone(), functions }.render()?,
    )];
    files.push(GeneratedFile::new(
        format!("{PKG}/man/{service}.Rd"),
        ServiceRd {
            header: header("%"),
            service: service.clone(),
            title: rd(&model.service.title),
            description: wrap(&rd(&plain(&model.service.doc)), 90),
            operations: model.operations.iter().map(|o| (naming::method_name(&o.name), rd(&words(&o.name)))).collect(),
            errors: model.error_shapes().iter().map(|e| rd(&e.name)).collect(),
            waiters: {
                let mut w: Vec<String> = model.operations.iter().flat_map(|o| o.waiters.iter()).map(|w| naming::method_name(&w.name)).collect();
                w.sort();
                w
            },
        }
        .render()?,
    ));
    for op in &model.operations {
        let page = operation_rd(model, &service, op);
        files.push(GeneratedFile::new(format!("{PKG}/man/{}.Rd", page.function.name), page.render()?));
    }
    Ok(files)
}

/// The package's NAMESPACE: every service's constructor, `paginate`, and the native library.
pub fn emit_namespace(models: &[Model]) -> Result<Vec<GeneratedFile>, askama::Error> {
    let mut text = header("#");
    text.push_str("\n# Every service's constructor and paws.common-style paging; operations are reached as svc$<name>(...).\n");
    for model in models {
        text.push_str(&format!("export({})\n", naming::service_name(&model.service.sdk_id)));
    }
    text.push_str("export(paginate)\nexport(paginate_lapply)\nexport(paginate_sapply)\nuseDynLib(polyiam, .registration = TRUE)\n");
    Ok(vec![GeneratedFile::new(format!("{PKG}/NAMESPACE"), text)])
}

#[cfg(test)]
mod usage_tests {
    use super::usage;

    #[test]
    fn short_usage_stays_on_one_line() {
        assert_eq!(usage("iam_get_user", &["UserName = NULL".into(), "...".into()]), "iam_get_user(UserName = NULL, ...)");
    }

    #[test]
    fn long_usage_wraps_under_the_parenthesis_within_90_columns() {
        let args: Vec<String> =
            ["Path = NULL", "UserName = NULL", "PermissionsBoundary = NULL", "Tags = NULL", "..."].iter().map(|s| s.to_string()).collect();
        let text = usage("iam_create_user", &args);
        assert_eq!(
            text,
            "iam_create_user(Path = NULL, UserName = NULL, PermissionsBoundary = NULL, Tags = NULL,\n                ...)"
        );
        assert!(text.lines().all(|l| l.len() <= 90));
    }
}
