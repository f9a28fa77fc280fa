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

/// Every file generated from `model`, for every backend.
pub fn generate(model: &Model) -> Result<Vec<GeneratedFile>, Box<dyn std::error::Error>> {
    model.check_closed()?;
    let mut files = backends::rust::emit(model)?;
    files.extend(backends::python::emit(model)?);
    files.extend(backends::r::emit(model)?);
    files.extend(backends::node::emit(model)?);
    files.extend(version::emit()?);
    files.extend(boundary::emit()?);
    Ok(files)
}
