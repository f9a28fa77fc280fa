//! polyiam's binding generator: reads the Smithy JSON AST in model/ and emits, per backend, the
//! files the bindings are built from. Each backend (one folder per language) has the same inner
//! shape: naming rules, type mapping, emission through askama templates in `templates/<lang>/`.

pub mod backends;
pub mod boundary;
pub mod emit;
pub mod import;
pub mod model;
pub mod version;

use emit::GeneratedFile;
use model::Model;

/// Every file generated from the service models, for every backend. A service is its model file
/// (and its smithy-rs crate, `aws-sdk-<service>`, a dependency of the core).
pub fn generate(models: &[Model]) -> Result<Vec<GeneratedFile>, Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    for model in models {
        model.check_closed()?;
        files.extend(backends::rust::emit(model)?);
        files.extend(backends::r::emit(model)?);
    }
    files.extend(backends::rust::emit_services(models)?);
    files.extend(backends::python::emit(models)?);
    files.extend(backends::node::emit(models)?);
    files.extend(backends::r::emit_namespace(models)?);
    files.extend(version::emit()?);
    files.extend(boundary::emit()?);
    Ok(files)
}

/// The service models in `dir`: every `*.json` with a service shape (options.json is not one).
pub fn service_models(dir: &std::path::Path) -> Result<Vec<Model>, Box<dyn std::error::Error>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "options.json"))
        .collect();
    paths.sort();
    load_models(&paths)
}

/// The models in `paths`, extension models (polyiam's own operations, model/polyiam.json) merged
/// into the service each extends.
pub fn load_models(paths: &[std::path::PathBuf]) -> Result<Vec<Model>, Box<dyn std::error::Error>> {
    let loaded = paths.iter().map(|p| Model::load(p)).collect::<Result<Vec<_>, _>>()?;
    let (extensions, mut services): (Vec<Model>, Vec<Model>) = loaded.into_iter().partition(|m| m.service.extends.is_some());
    for ext in extensions {
        let target = ext.service.extends.clone().unwrap_or_default();
        let Some(base) = services.iter_mut().find(|m| m.service.id == target) else {
            return Err(format!("{} extends {target}, which is not one of the models given", ext.service.title).into());
        };
        base.merge_extension(ext)?;
    }
    Ok(services)
}
