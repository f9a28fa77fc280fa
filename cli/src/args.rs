//! The command line split the AWS CLI's way: global options (anywhere, parsed by clap), then
//! `<service> <operation>` and the operation's own `--member-name value` arguments (parsed from the
//! model by `params`).

use clap::{Parser, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    Json,
    Yaml,
    Text,
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Skeleton {
    Input,
    #[value(name = "yaml-input")]
    YamlInput,
    Output,
}

/// The global options (the AWS CLI's names).
#[derive(Debug, Default, Parser)]
#[command(name = "polyiam", disable_help_flag = true, disable_version_flag = true)]
pub struct Globals {
    /// json (default), yaml, text or table.
    #[arg(long, value_enum)]
    pub output: Option<Output>,
    /// A JMESPath expression applied to the result before formatting.
    #[arg(long)]
    pub query: Option<String>,
    /// The region; also a comma-separated list, or `*` for every region of the partition.
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long = "endpoint-url")]
    pub endpoint_url: Option<String>,
    #[arg(long)]
    pub profile: Option<String>,
    /// Request and response metadata on stderr (never a secret).
    #[arg(long)]
    pub debug: bool,
    /// Seconds to wait for a response (0: no limit is not supported; default 60).
    #[arg(long = "cli-read-timeout")]
    pub read_timeout: Option<f64>,
    #[arg(long = "cli-connect-timeout")]
    pub connect_timeout: Option<f64>,
    /// A PEM file of the CAs to trust instead of the system's (else AWS_CA_BUNDLE or the profile's).
    #[arg(long = "ca-bundle")]
    pub ca_bundle: Option<String>,
    /// The AWS CLI's switch to skip certificate checks: refused, with what to do instead.
    #[arg(long = "no-verify-ssl")]
    pub no_verify_ssl: bool,
    /// One request: no automatic pagination.
    #[arg(long = "no-paginate")]
    pub no_paginate: bool,
    #[arg(long = "max-items")]
    pub max_items: Option<usize>,
    #[arg(long = "starting-token")]
    pub starting_token: Option<String>,
    #[arg(long = "page-size")]
    pub page_size: Option<i64>,
    #[arg(long = "cli-input-json")]
    pub cli_input_json: Option<String>,
    #[arg(long = "cli-input-yaml")]
    pub cli_input_yaml: Option<String>,
    #[arg(long = "generate-cli-skeleton", num_args = 0..=1, default_missing_value = "input", value_enum)]
    pub generate_cli_skeleton: Option<Skeleton>,
    #[arg(long)]
    pub version: bool,
}

/// Global options that take a value; `--generate-cli-skeleton`'s is optional.
const WITH_VALUE: &[&str] = &[
    "--output",
    "--query",
    "--region",
    "--endpoint-url",
    "--profile",
    "--cli-read-timeout",
    "--cli-connect-timeout",
    "--ca-bundle",
    "--max-items",
    "--starting-token",
    "--page-size",
    "--cli-input-json",
    "--cli-input-yaml",
];
const FLAGS: &[&str] = &["--debug", "--no-paginate", "--no-verify-ssl", "--version"];
const SKELETON: &str = "--generate-cli-skeleton";

/// Every global option name (`--output`, ...).
pub fn global_names() -> impl Iterator<Item = &'static str> {
    WITH_VALUE.iter().chain(FLAGS).copied().chain(std::iter::once(SKELETON))
}

/// The command line in its parts.
#[derive(Debug, Default)]
pub struct Command {
    pub globals: Globals,
    /// `<service> <operation>` and any further words (`help`).
    pub words: Vec<String>,
    /// The operation's arguments, in order.
    pub op_args: Vec<String>,
}

/// Splits `argv` (without the program name) and parses the global options. `shadowed`: global
/// option names the operation has a member of its own for (`--region` of ses-smtp-password-v4),
/// which then go to the operation.
pub fn split(argv: &[String], shadowed: &[String]) -> Result<Command, String> {
    let mut global = vec!["polyiam".to_string()];
    let mut words = Vec::new();
    let mut op_args = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        let name = arg.split_once('=').map_or(arg.as_str(), |(n, _)| n);
        if shadowed.iter().any(|s| s == name) {
            op_args.push(arg.clone());
        } else if WITH_VALUE.contains(&name) {
            global.push(arg.clone());
            if !arg.contains('=') {
                let value = argv.get(i + 1).ok_or_else(|| format!("argument {name}: expected one argument"))?;
                global.push(value.clone());
                i += 1;
            }
        } else if FLAGS.contains(&name) {
            global.push(arg.clone());
        } else if name == SKELETON {
            global.push(arg.clone());
            if let Some(next) = argv.get(i + 1).filter(|n| !arg.contains('=') && ["input", "yaml-input", "output"].contains(&n.as_str())) {
                global.push(next.clone());
                i += 1;
            }
        } else if arg.starts_with("--") || !op_args.is_empty() || words.len() >= 2 && !is_help(arg) {
            op_args.push(arg.clone());
        } else {
            words.push(arg.clone());
        }
        i += 1;
    }
    let globals = Globals::try_parse_from(&global).map_err(|e| e.to_string().lines().next().unwrap_or("bad arguments").trim_start_matches("error: ").to_string())?;
    Ok(Command { globals, words, op_args })
}

fn is_help(word: &str) -> bool {
    word == "help"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_(argv: &[String]) -> Result<Command, String> {
        split(argv, &[])
    }

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn global_options_are_taken_wherever_they_stand() {
        let c = split_(&argv("--output table iam create-access-key --user-name Bob --query AccessKey --debug")).unwrap();
        assert_eq!(c.words, ["iam", "create-access-key"]);
        assert_eq!(c.op_args, ["--user-name", "Bob"]);
        assert_eq!(c.globals.output, Some(Output::Table));
        assert_eq!(c.globals.query.as_deref(), Some("AccessKey"));
        assert!(c.globals.debug);
    }

    #[test]
    fn the_skeleton_option_has_an_optional_value() {
        assert_eq!(split_(&argv("iam list-access-keys --generate-cli-skeleton")).unwrap().globals.generate_cli_skeleton, Some(Skeleton::Input));
        let c = split_(&argv("iam list-access-keys --generate-cli-skeleton yaml-input --user-name x")).unwrap();
        assert_eq!(c.globals.generate_cli_skeleton, Some(Skeleton::YamlInput));
        assert_eq!(c.op_args, ["--user-name", "x"]);
        assert!(split_(&argv("iam x --output xml")).is_err());
    }
}
