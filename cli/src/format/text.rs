//! `--output text`, as the AWS CLI's `awscli/text.py`: a dict's scalars on one tab-separated row
//! (keys sorted), prefixed by the upper-cased key it stood under; its lists and dicts below, each
//! under its own key; the dicts of a list share one set of columns (every scalar key of any of them).

use super::python_str;
use serde_json::Value as Json;

pub fn render(data: &Json) -> String {
    let mut out = String::new();
    item(data, None, None, &mut out);
    out
}


fn is_scalar(v: &Json) -> bool {
    !matches!(v, Json::Object(_) | Json::Array(_))
}

fn item(v: &Json, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    match v {
        Json::Object(m) => dict(m, identifier, scalar_keys, out),
        Json::Array(items) => list(items, identifier, out),
        other => {
            out.push_str(&python_str(other));
            out.push('\n');
        }
    }
}

fn list(items: &[Json], identifier: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Json::is_object) {
        let mut keys: Vec<String> = items
            .iter()
            .filter_map(Json::as_object)
            .flat_map(|m| m.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k.clone()))
            .collect();
        keys.sort();
        keys.dedup();
        for element in items {
            item(element, identifier, Some(&keys), out);
        }
    } else if items.iter().any(Json::is_array) {
        let scalars: Vec<&Json> = items.iter().filter(|v| is_scalar(v)).collect();
        if !scalars.is_empty() {
            scalar_list(&scalars, identifier, out);
        }
        for nested in items.iter().filter(|v| !is_scalar(v)) {
            item(nested, identifier, None, out);
        }
    } else {
        scalar_list(&items.iter().collect::<Vec<_>>(), identifier, out);
    }
}

fn scalar_list(items: &[&Json], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(id) => {
            for v in items {
                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), python_str(v)));
            }
        }
        None => {
            out.push_str(&items.iter().map(|v| python_str(v)).collect::<Vec<_>>().join("\t"));
            out.push('\n');
        }
    }
}

fn dict(m: &serde_json::Map<String, Json>, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    let mut scalars: Vec<String> = Vec::new();
    let mut nested: Vec<(&String, &Json)> = Vec::new();
    match scalar_keys {
        None => {
            let mut entries: Vec<(&String, &Json)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in entries {
                if is_scalar(v) {
                    scalars.push(python_str(v));
                } else {
                    nested.push((k, v));
                }
            }
        }
        Some(keys) => {
            for k in keys {
                scalars.push(m.get(k).map_or_else(String::new, python_str));
            }
            let mut rest: Vec<(&String, &Json)> = m.iter().filter(|(k, _)| !keys.contains(k)).collect();
            rest.sort_by(|a, b| a.0.cmp(b.0));
            nested = rest;
        }
    }
    if !scalars.is_empty() {
        if let Some(id) = identifier {
            scalars.insert(0, id.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (k, v) in nested {
        item(v, Some(k), None, out);
    }
}

#[cfg(test)]
mod tests {
    use super::render;
    use serde_json::json;

    #[test]
    fn create_access_key_is_one_row_under_its_key() {
        let data = json!({"AccessKey": {"UserName": "Bob", "AccessKeyId": "AKIA1", "Status": "Active", "SecretAccessKey": "s", "CreateDate": "2026-01-01T00:00:00+00:00"}});
        assert_eq!(render(&data), "ACCESSKEY\tAKIA1\t2026-01-01T00:00:00+00:00\ts\tActive\tBob\n");
    }

    #[test]
    fn a_list_of_dicts_is_one_row_each_after_the_scalars() {
        let data = json!({"AccessKeyMetadata": [{"UserName": "Bob", "AccessKeyId": "A1", "Status": "Active"}, {"UserName": "Bob", "AccessKeyId": "A2", "Status": "Inactive"}], "IsTruncated": false});
        assert_eq!(render(&data), "False\nACCESSKEYMETADATA\tA1\tActive\tBob\nACCESSKEYMETADATA\tA2\tInactive\tBob\n");
    }
}
