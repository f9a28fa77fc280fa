//! One module per target language; each turns the model into that language's files.

pub mod node;
pub mod python;
pub mod r;
pub mod rust;
