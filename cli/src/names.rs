//! The AWS CLI's names: operations and members in kebab case (botocore's `xform_name` with `-`).

/// `CreateAccessKey` -> `create-access-key`, `PolicyARN` -> `policy-arn`, `SesSmtpPasswordV4` ->
/// `ses-smtp-password-v4`.
pub fn kebab(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_lower) {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::kebab;

    #[test]
    fn names_as_the_aws_cli_writes_them() {
        for (name, cli) in [
            ("CreateAccessKey", "create-access-key"),
            ("UserName", "user-name"),
            ("AccessKeyId", "access-key-id"),
            ("PolicyARN", "policy-arn"),
            ("SesSmtpPasswordV4", "ses-smtp-password-v4"),
            ("GetAccessKeyLastUsed", "get-access-key-last-used"),
            ("MaxItems", "max-items"),
        ] {
            assert_eq!(kebab(name), cli);
        }
    }
}
