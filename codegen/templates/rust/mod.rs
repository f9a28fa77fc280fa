{{ header }}

//! Glue generated from model/: schema tables, operation calls and value conversions.

pub(crate) mod ops;
pub(crate) mod schema;
mod shapes;
