//! The `output` setting of the AWS config file (`AWS_DEFAULT_OUTPUT`, then `output` in the
//! profile's section of `AWS_CONFIG_FILE` or ~/.aws/config), the AWS CLI's default for `--output`.

use crate::args::Output;
use clap::ValueEnum;

pub fn default_output(profile: Option<&str>) -> Option<Output> {
    let parse = |s: &str| Output::from_str(s.trim(), true).ok();
    if let Ok(v) = std::env::var("AWS_DEFAULT_OUTPUT") {
        return parse(&v);
    }
    let path = std::env::var("AWS_CONFIG_FILE").ok().or_else(|| std::env::var("HOME").ok().map(|h| format!("{h}/.aws/config")))?;
    let text = std::fs::read_to_string(path).ok()?;
    let profile = profile.map(str::to_string).or_else(|| std::env::var("AWS_PROFILE").ok()).unwrap_or_else(|| "default".into());
    let wanted = if profile == "default" { "default".to_string() } else { format!("profile {profile}") };
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_section = section.trim() == wanted;
        } else if in_section {
            if let Some((k, v)) = line.split_once('=') {
                if k.trim() == "output" {
                    return parse(v);
                }
            }
        }
    }
    None
}
