// Empty: it exists so that cargo reads this package's [build-dependencies] (see Cargo.toml).
fn main() {}
