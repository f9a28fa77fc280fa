//! boto3's names: botocore's `xform_name` turns `CreateAccessKey` into `create_access_key`.

use regex::Regex;
use std::sync::OnceLock;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("constant regex compiles"))
}

/// Port of `botocore.xform_name` (separator `_`).
pub fn method_name(op: &str) -> String {
    static SPECIAL: OnceLock<Regex> = OnceLock::new();
    static FIRST_CAP: OnceLock<Regex> = OnceLock::new();
    static END_CAP: OnceLock<Regex> = OnceLock::new();
    let mut name = op.to_string();
    // `ListAttachedARNs` → `ListAttached_arns`, as botocore's special case for plural acronyms.
    if let Some(m) = re(&SPECIAL, "[A-Z]{2,}s$").find(&name) {
        name = format!("{}_{}", &name[..m.start()], m.as_str().to_lowercase());
    }
    let s1 = re(&FIRST_CAP, "(.)([A-Z][a-z]+)").replace_all(&name, "${1}_${2}");
    re(&END_CAP, "([a-z0-9])([A-Z])").replace_all(&s1, "${1}_${2}").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::method_name;

    #[test]
    fn matches_boto3_method_names() {
        for (op, py) in [
            ("CreateAccessKey", "create_access_key"),
            ("GetAccessKeyLastUsed", "get_access_key_last_used"),
            ("ListSAMLProviders", "list_saml_providers"),
            ("CreateVirtualMFADevice", "create_virtual_mfa_device"),
            ("UploadSSHPublicKey", "upload_ssh_public_key"),
            ("AddClientIDToOpenIDConnectProvider", "add_client_id_to_open_id_connect_provider"),
            ("GetAccountAuthorizationDetails", "get_account_authorization_details"),
        ] {
            assert_eq!(method_name(op), py, "{op}");
        }
    }
}
