//! One client, several regions: `Client::in_regions` (an automation tool's "AWS Region(s)": a list,
//! or `*` for every region of the client's partition). A call runs once per *endpoint*, not per
//! region: IAM has one endpoint per partition, so `in_regions("*").call("CreateAccessKey", ..)`
//! creates one key, and every region served by that endpoint gets that one result. Which regions
//! share an endpoint is the service's own endpoint resolver's answer (`generated::default_endpoint`),
//! asked without the client's endpoint override, so a local endpoint sees one call per partition.

use crate::config::DEFAULT_REGION;
use crate::error::Error;
use crate::schema::Service;

/// partitions.json (beside this file): the region names of each partition (AWS's partitions.json).
const PARTITIONS: &str = include_str!("partitions.json");

/// Every region name polyiam knows, in partitions.json's order.
fn known_regions() -> Result<Vec<String>, Error> {
    let json: serde_json::Value = serde_json::from_str(PARTITIONS).map_err(|e| Error::internal(format!("partitions.json: {e}")))?;
    let partitions = json.get("partitions").and_then(serde_json::Value::as_object).ok_or_else(|| Error::internal("partitions.json has no partitions"))?;
    Ok(partitions
        .values()
        .filter_map(serde_json::Value::as_array)
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .map(str::to_string)
        .collect())
}

/// The regions asked for, grouped by endpoint, each group in the caller's order; `own` is the
/// client's region (for `*`).
pub(crate) async fn group(service: &Service, regions: &[String], own: Option<&str>) -> Result<Vec<Vec<String>>, Error> {
    let wanted: Vec<String> = if regions.iter().any(|r| r == "*") {
        if regions.len() > 1 {
            return Err(Error::bad_value("regions", "\"*\" (every region) cannot be combined with named regions"));
        }
        let own = own.unwrap_or(DEFAULT_REGION);
        let home = crate::generated::default_endpoint(service, own).await?;
        let mut all = Vec::new();
        for region in known_regions()? {
            if crate::generated::default_endpoint(service, &region).await.is_ok_and(|e| e == home) {
                all.push(region);
            }
        }
        all
    } else {
        if regions.is_empty() {
            return Err(Error::bad_value("regions", "give at least one region, or \"*\" for every region of the client's partition"));
        }
        let known = known_regions()?;
        let mut seen = Vec::new();
        for (i, region) in regions.iter().enumerate() {
            let region = region.trim();
            if !known.iter().any(|k| k == region) {
                return Err(Error::bad_value(&format!("regions[{i}]"), format!("{region:?} is not an AWS region (e.g. us-east-1, eu-west-2, cn-north-1)")));
            }
            if !seen.iter().any(|s: &String| s == region) {
                seen.push(region.to_string());
            }
        }
        seen
    };
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for region in wanted {
        let endpoint = crate::generated::default_endpoint(service, &region).await?;
        match groups.iter_mut().find(|(e, _)| *e == endpoint) {
            Some((_, members)) => members.push(region),
            None => groups.push((endpoint, vec![region])),
        }
    }
    Ok(groups.into_iter().map(|(_, members)| members).collect())
}

/// A comma-separated list ("us-east-1, eu-west-2") or "*", as the automation tool and the CLI take it.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iam() -> &'static Service {
        crate::schema::service("iam").expect("iam")
    }

    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        crate::runtime::block_on(f).expect("runtime")
    }

    #[test]
    fn regions_of_one_partition_share_one_iam_endpoint() {
        let groups = run(group(iam(), &["us-east-1".into(), "eu-west-2".into(), "ap-south-1".into()], None)).expect("groups");
        assert_eq!(groups, vec![vec!["us-east-1".to_string(), "eu-west-2".into(), "ap-south-1".into()]]);
    }

    #[test]
    fn two_partitions_are_two_groups() {
        let groups = run(group(iam(), &["eu-west-2".into(), "cn-north-1".into(), "us-east-1".into()], None)).expect("groups");
        assert_eq!(groups, vec![vec!["eu-west-2".to_string(), "us-east-1".into()], vec!["cn-north-1".to_string()]]);
    }

    #[test]
    fn star_is_every_region_of_the_clients_partition() {
        let groups = run(group(iam(), &["*".into()], Some("eu-west-1"))).expect("groups");
        assert_eq!(groups.len(), 1);
        assert!(groups[0].contains(&"us-west-2".to_string()) && groups[0].contains(&"eu-west-1".to_string()));
        assert!(!groups[0].iter().any(|r| r.starts_with("cn-") || r.starts_with("us-gov-")));
        let china = run(group(iam(), &["*".into()], Some("cn-north-1"))).expect("groups");
        assert_eq!(china, vec![vec!["cn-north-1".to_string(), "cn-northwest-1".into()]]);
    }

    #[test]
    fn sts_is_regional() {
        // The generator's whole-model test builds this crate with IAM alone.
        let Some(sts) = crate::schema::service("sts") else { return };
        let groups = run(group(sts, &["eu-west-2".into(), "eu-west-1".into()], None)).expect("groups");
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn unknown_regions_and_empty_lists_are_refused() {
        let e = run(group(iam(), &["us-east-1".into(), "mars-north-1".into()], None)).unwrap_err();
        assert_eq!(e.issues[0].path, "regions[1]");
        assert!(run(group(iam(), &[], None)).is_err());
        assert!(run(group(iam(), &["*".into(), "us-east-1".into()], None)).is_err());
        assert_eq!(parse_list(" us-east-1, eu-west-2 ,"), vec!["us-east-1".to_string(), "eu-west-2".into()]);
    }
}
