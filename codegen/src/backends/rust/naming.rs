//! smithy-rs's naming rules, so generated glue names exactly what aws-sdk-iam defines.
//! Port of codegen-core `util/Strings.kt` (snake_case), Smithy `CaseUtils` (PascalCase) and the
//! reserved-word handling of `RustReservedWords.kt` / `ClientReservedWords.kt`.

/// Whole words that are cased unusually but must not be split (`IPv4`, `MiB`, `TTL`).
const COMPLETE_WORDS: [&str; 7] = ["ipv4", "ipv6", "sigv4", "mib", "gib", "kib", "ttl"];

const RUST_KEYWORDS: [&str; 52] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Member names that would clash with builder/client methods and get a `_value` suffix.
const CLIENT_RESERVED_MEMBERS: [&str; 8] = ["build", "builder", "default", "send", "customize", "make_operation", "presigned", "meta"];

fn split_words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let all_lower = s.to_lowercase() == s;
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &next) in chars.iter().enumerate() {
        let peek = chars.get(i + 1).copied();
        let double_peek = chars.get(i + 2).copied();
        let rest: String = chars[i..].iter().collect();
        let in_progress = COMPLETE_WORDS.iter().any(|w| format!("{current}{rest}").to_lowercase().starts_with(w))
            && !COMPLETE_WORDS.contains(&current.to_lowercase().as_str());
        let last = current.chars().last();
        let emit = |out: &mut Vec<String>, current: &mut String| {
            if !current.is_empty() {
                out.push(current.to_lowercase());
            }
            *current = if next.is_alphanumeric() { next.to_string() } else { String::new() };
        };
        if !next.is_alphanumeric() {
            emit(&mut out, &mut current);
        } else if current.is_empty() {
            current.push(next);
        } else if !in_progress && next.is_uppercase() && last.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()) {
            emit(&mut out, &mut current);
        } else if !in_progress && all_lower && last.is_some_and(|c| c.is_ascii_digit()) && next.is_lowercase() {
            emit(&mut out, &mut current);
        } else if end_of_acronym(&current, next, peek, double_peek) {
            emit(&mut out, &mut current);
        } else {
            current.push(next);
        }
    }
    if !current.is_empty() {
        out.push(current.to_lowercase());
    }
    out
}

/// `DB[P]roxy` and `IAM[U]ser` end an acronym; `AR[N]s`, `AC[L]s` and `DB[v]2` do not.
fn end_of_acronym(current: &str, next: char, peek: Option<char>, double_peek: Option<char>) -> bool {
    if !current.chars().last().is_some_and(char::is_uppercase) || !next.is_uppercase() {
        return false;
    }
    if !peek.is_some_and(char::is_lowercase) {
        return false;
    }
    if peek == Some('s') && !double_peek.is_some_and(char::is_lowercase) {
        return false;
    }
    if peek == Some('v') && double_peek.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    true
}

/// smithy-rs `toSnakeCase`: operation modules, client methods, struct fields.
pub fn snake_case(s: &str) -> String {
    split_words(s).join("_")
}

/// Smithy `CaseUtils.toSnakeCase`: two regex passes, then lowercase.
fn smithy_snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    // Pass 1: ([A-Z]+)([A-Z][a-z]) → $1_$2
    let mut pass1 = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0
            && c.is_ascii_uppercase()
            && chars[i - 1].is_ascii_uppercase()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())
        {
            pass1.push('_');
        }
        pass1.push(c);
    }
    // Pass 2: ([a-z\d])([A-Z]) → $1_$2
    let chars: Vec<char> = pass1.chars().collect();
    let mut pass2 = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit()) {
            pass2.push('_');
        }
        pass2.push(c);
    }
    pass2.to_lowercase()
}

/// smithy-rs `toPascalCase`: type names and enum variants.
pub fn pascal_case(s: &str) -> String {
    smithy_snake(s)
        .split(|c: char| c == '_' || c == '-' || c == ' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The struct field for a member: keywords become raw identifiers, client-reserved names get `_value`.
pub fn field_name(member: &str) -> String {
    let snake = snake_case(member);
    match snake.as_str() {
        "self" | "crate" | "super" => format!("{snake}_"),
        s if CLIENT_RESERVED_MEMBERS.contains(&s) => format!("{snake}_value"),
        s if RUST_KEYWORDS.contains(&s) => format!("r#{snake}"),
        _ => snake,
    }
}

/// The builder setter for a member: `set_` + the field name without any `r#`.
pub fn setter_name(member: &str) -> String {
    format!("set_{}", field_name(member).trim_start_matches("r#"))
}

/// An operation's module and client method: `CreateSAMLProvider` → `create_saml_provider`.
pub fn operation_fn(op: &str) -> String {
    let snake = snake_case(op);
    if RUST_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// An operation's input/output type: `CreateSAMLProvider` + `Input` → `CreateSamlProviderInput`.
pub fn operation_type(op: &str, suffix: &str) -> String {
    pascal_case(&format!("{op}{suffix}"))
}

/// A structure, enum or error type name. `Unknown` as an enum variant becomes `UnknownValue`.
pub fn type_name(shape: &str) -> String {
    pascal_case(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_matches_the_sdk() {
        for (smithy, rust) in [
            ("CreateAccessKey", "create_access_key"),
            ("CreateSAMLProvider", "create_saml_provider"),
            ("AddClientIDToOpenIDConnectProvider", "add_client_id_to_open_id_connect_provider"),
            ("UploadSSHPublicKey", "upload_ssh_public_key"),
            ("CreateVirtualMFADevice", "create_virtual_mfa_device"),
            ("SAMLProviderUUID", "saml_provider_uuid"),
            ("QRCodePNG", "qr_code_png"),
            ("ClientIDList", "client_id_list"),
            ("AWSServiceName", "aws_service_name"),
            ("PolicyARNs", "policy_arns"),
            ("IPv6Address", "ipv6_address"),
            ("s3key", "s3_key"),
            ("DBv2Thing", "dbv2_thing"),
        ] {
            assert_eq!(snake_case(smithy), rust, "{smithy}");
        }
    }

    #[test]
    fn pascal_case_matches_the_sdk() {
        for (smithy, rust) in [
            ("statusType", "StatusType"),
            ("SSHPublicKey", "SshPublicKey"),
            ("MFADevice", "MfaDevice"),
            ("OpenIDConnectProviderListEntry", "OpenIdConnectProviderListEntry"),
            ("SAMLPrivateKey", "SamlPrivateKey"),
            ("DuplicateSSHPublicKeyException", "DuplicateSshPublicKeyException"),
            ("AWSManagedPolicy", "AwsManagedPolicy"),
            ("MFADevicesInUse", "MfaDevicesInUse"),
            ("SERVICE_LEVEL", "ServiceLevel"),
            ("text_csv", "TextCsv"),
        ] {
            assert_eq!(pascal_case(smithy), rust, "{smithy}");
        }
        assert_eq!(operation_type("CreateSAMLProvider", "Input"), "CreateSamlProviderInput");
        assert_eq!(operation_type("AddClientIDToOpenIDConnectProvider", "Input"), "AddClientIdToOpenIdConnectProviderInput");
    }

    #[test]
    fn reserved_words_are_escaped() {
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(setter_name("Type"), "set_type");
        assert_eq!(field_name("Default"), "default_value");
        assert_eq!(field_name("UserName"), "user_name");
    }
}
