//! The AWS SDK for JavaScript v3's names: `CreateAccessKey` → method `createAccessKey`, paginator
//! `paginateListAccessKeys`, input/output types `CreateAccessKeyCommandInput`/`...Output`.

/// v3 lower-cases only the first character (`ListSAMLProviders` → `listSAMLProviders`).
pub fn method_name(op: &str) -> String {
    let mut cs = op.chars();
    match cs.next() {
        Some(first) => first.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

pub fn paginator_name(op: &str) -> String {
    format!("paginate{op}")
}

/// v3's per-operation command class (`new CreateAccessKeyCommand(input)`, sent with `client.send`).
pub fn command_name(op: &str) -> String {
    format!("{op}Command")
}

pub fn input_type(op: &str) -> String {
    format!("{op}CommandInput")
}

pub fn output_type(op: &str) -> String {
    format!("{op}CommandOutput")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_v3_names() {
        assert_eq!(method_name("CreateAccessKey"), "createAccessKey");
        assert_eq!(method_name("ListSAMLProviders"), "listSAMLProviders");
        assert_eq!(paginator_name("ListAccessKeys"), "paginateListAccessKeys");
        assert_eq!(output_type("GetUser"), "GetUserCommandOutput");
        assert_eq!(command_name("GetUser"), "GetUserCommand");
    }
}
