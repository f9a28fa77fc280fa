//! paws's names: operations are snake_case (`CreateAccessKey` → `create_access_key`, the same
//! transformation as botocore's `xform_name`), and each is also an internal package function
//! prefixed with the service (`iam_create_access_key`), which is what the help pages document.

/// The `svc$...` name paws gives an operation.
pub fn method_name(op: &str) -> String {
    crate::backends::python::naming::method_name(op)
}

/// The service constructor (`iam`), from the model's sdkId.
pub fn service_name(sdk_id: &str) -> String {
    sdk_id.to_lowercase().replace([' ', '-'], "")
}

/// The package-level function behind `svc$<method>` (`iam_create_access_key`).
pub fn function_name(service: &str, op: &str) -> String {
    format!("{service}_{}", method_name(op))
}

/// Is `name` usable bare as an R argument name (`UserName = ...`)?
pub fn is_syntactic(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "in",
    ];
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    first_ok && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') && !RESERVED.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_paws_names() {
        assert_eq!(service_name("IAM"), "iam");
        assert_eq!(function_name("iam", "GetAccessKeyLastUsed"), "iam_get_access_key_last_used");
        assert_eq!(method_name("ListSAMLProviders"), "list_saml_providers");
        assert!(is_syntactic("UserName") && !is_syntactic("function") && !is_syntactic("1x"));
    }
}
