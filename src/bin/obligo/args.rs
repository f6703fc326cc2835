//! What the user typed: clap definitions for every subcommand.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use obligo::render::Format;
use obligo::severity::{EvidenceMode, FailOn};

/// Check tenant configuration files against the obligations of their contracts.
#[derive(Debug, Parser)]
#[command(
    name = "obligo",
    version,
    about,
    propagate_version = true,
    // A later `--fail-on` or `--markdown-limit` replaces an earlier one, as in ripgrep: the
    // GitHub Action passes its own before the user's `args`. Repeatable options still add up.
    args_override_self = true
)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check tenant files and report every violated obligation.
    Check(Box<CheckArgs>),
    /// List the rules: id, severity, title and clause.
    Rules(RulesArgs),
    /// Explain a rule: the contract clause, why it matters, how to fix it, and its policy.
    Explain(ExplainArgs),
    /// Check policy packs before use: syntax, annotations, placeholders and strict validation
    /// against the schema, as `check` loads them.
    Validate(ValidateArgs),
    /// Run rule test cases: `<pack>/<rule>/pass*.toml` and `fail*.toml` tenant files whose
    /// `# expect: <rule-id>` comments mark the findings they must produce.
    Test(TestArgs),
    /// Write starter files: a commented tenant file and an `obligo.toml` for the packs named
    /// (`--packs nrb,dpa`), or a custom pack with one rule and its test cases (`--pack NAME`).
    Init(InitArgs),
    /// Merge the JSON reports of the shards of a corpus (`check --shard K/N --format json`)
    /// into the report of one whole run, on stdout.
    Merge(MergeArgs),
    /// Write a tenant or evidence file in another format (TOML, JSON, YAML) without losing
    /// data; comments are kept in TOML and YAML.
    Convert(ConvertArgs),
    /// Print the tenant file format as a JSON Schema, for editors (taplo / Even Better TOML,
    /// the YAML language server), or as the Markdown key reference.
    Schema(SchemaArgs),
    /// Print a shell completion script, e.g. `obligo completions bash > /etc/bash_completion.d/obligo`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `obligo man > /usr/local/share/man/man1/obligo.1`.
    Man,
}

/// `obligo merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The JSON reports to merge: every shard of one split, each once.
    #[arg(required = true, value_name = "REPORTS")]
    pub reports: Vec<PathBuf>,
    /// The largest report read, e.g. `256MiB`.
    #[arg(long, value_name = "SIZE", default_value = "1GiB", value_parser = obligo::limits::parse_size)]
    pub max_file_size: u64,
}

/// `obligo completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `obligo check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tenant files and directories to check; `-` reads one tenant file from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The name of the tenant read from standard input (`-`), used in diagnostics and reports
    /// and to find its `obligo.toml` and included files; default `-`, in the working directory.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Evaluate as on this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub now: Option<Date>,
    /// Exit 1 when a finding of this severity or above is open.
    #[arg(long, value_name = "SEVERITY", default_value = "error", value_parser = parse_fail_on)]
    pub fail_on: FailOn,
    /// What to do with evidence findings (duties the tenant does not show are met): `report`
    /// them apart from violations without failing (default), `fail` on them like violations,
    /// or `hide` them; overrides `evidence` in obligo.toml.
    #[arg(long, value_name = "MODE", value_parser = parse_evidence)]
    pub evidence: Option<EvidenceMode>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write a report to a file, e.g. `sarif=obligo.sarif` (repeatable; parent
    /// directories are created).
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output)]
    pub output: Vec<OutputSpec>,
    /// Hold Markdown reports under this many characters (a pull-request comment holds 65536),
    /// leaving out the least severe findings first, with a note saying how many.
    #[arg(long, value_name = "CHARS", value_parser = clap::value_parser!(u32).range(1024..))]
    pub markdown_limit: Option<u32>,
    /// A directory of extra policy packs (`<pack>/<rule>.cedar`); its rules add to or replace
    /// the built-in ones by id.
    #[arg(long, value_name = "DIR")]
    pub policies: Option<PathBuf>,
    /// Project settings (parameters, severity overrides, disabled rules) for every file;
    /// default: for each file, the nearest `obligo.toml` in its directory or above (up to the
    /// repository root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the effective settings of each file (which config, which overrides, rules,
    /// severities, parameters, evidence mode) and exit without checking.
    #[arg(long)]
    pub show_settings: bool,
    /// When to use colours in human output (`auto` follows `NO_COLOR`, `CLICOLOR_FORCE`,
    /// `FORCE_COLOR` and `TERM=dumb`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The largest tenant or configuration file read, e.g. `64MiB`; a larger file is an error.
    #[arg(long, value_name = "SIZE", default_value = "16MiB", value_parser = obligo::limits::parse_size)]
    pub max_file_size: u64,
    /// The repository root SARIF artifact URIs are relative to (`%SRCROOT%`); default: the git
    /// top-level directory above the working directory, else the working directory.
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<PathBuf>,
    /// The code-scanning category of the SARIF report (its `runAutomationDetails.id`), so that
    /// the uploads of several jobs do not replace each other's results; default with
    /// `--shard K/N`: `obligo/shard-K-of-N`, else none (the uploader's).
    #[arg(long, value_name = "CATEGORY", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub sarif_category: Option<String>,
    /// The address of the rules reference (docs/rules.md) that SARIF's `helpUri` points into.
    #[arg(long, value_name = "URL", default_value = obligo::render::sarif::RULES_URI)]
    pub help_base_uri: String,
    /// Check only these rules: ids or globs such as `nrb/*`, comma-separated or repeated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not check these rules: ids or globs, comma-separated or repeated; applied after
    /// `--select`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Report the findings recorded in this baseline file as `baselined` (they do not count
    /// towards `--fail-on`), and note each entry that no longer occurs.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings (not accepted risks) in this baseline file, then report them
    /// as `baselined`; the file is sorted, so that it reads well in a diff.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Also list every path the walk passed over, with the reason (hidden, `target/`, not a
    /// tenant file, an evidence file and the tenant files including it, reached twice, a link
    /// loop).
    #[arg(long, short)]
    pub verbose: bool,
    /// Print only problems and findings: no summary line and no list of accepted or
    /// baselined findings in human output (the other formats are unchanged), and no progress
    /// bar.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Check only shard K of N: the files whose path hashes to K, for the jobs of a CI matrix
    /// (merge their JSON reports with `obligo merge`; see docs/ci.md).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<obligo::shard::Shard>,
}

/// `obligo rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A directory of extra policy packs.
    #[arg(long, value_name = "DIR")]
    pub policies: Option<PathBuf>,
    /// Only the rules of this pack.
    #[arg(long, value_name = "PACK", help = pack_help())]
    pub pack: Option<String>,
    /// `table` for people, `markdown` for the rules reference (docs/rules.md).
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

/// `obligo validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A directory of extra policy packs to validate with the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub policies: Option<PathBuf>,
}

/// `obligo test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// The directory of cases: `<pack>/<rule-name>/pass*.toml` and `fail*.toml`.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// A directory of extra policy packs, whose rules the cases test.
    #[arg(long, value_name = "DIR")]
    pub policies: Option<PathBuf>,
    /// Also list the rules that no fail case shows firing.
    #[arg(long)]
    pub coverage: bool,
}

/// `obligo init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to write into (created when missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The packs that bind the tenant, comma-separated: `tenant.toml` gets the facts their
    /// rules look at.
    #[arg(
        long,
        value_name = "PACKS",
        value_delimiter = ',',
        required_unless_present = "pack",
        conflicts_with = "pack"
    )]
    pub packs: Vec<String>,
    /// Write a custom pack NAME instead: `policies/NAME/` (manifest, one rule, starter facts)
    /// and its test cases in `tests/rules/NAME/`.
    #[arg(long, value_name = "NAME")]
    pub pack: Option<String>,
    /// A directory of extra policy packs, whose packs `--packs` may name.
    #[arg(long, value_name = "DIR")]
    pub policies: Option<PathBuf>,
    /// Overwrite files that exist (otherwise nothing is written when one does).
    #[arg(long)]
    pub force: bool,
}

/// `obligo convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The file to convert; its format is told by its extension (`.json`, `.yaml`, `.yml`,
    /// else TOML).
    pub file: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub to: ConvertFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The largest file read, e.g. `16MiB`.
    #[arg(long, value_name = "SIZE", default_value = "16MiB", value_parser = obligo::limits::parse_size)]
    pub max_file_size: u64,
}

/// `obligo schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// What to print.
    #[arg(long, value_enum, default_value_t = SchemaFormat::Json)]
    pub format: SchemaFormat,
}

/// Output formats of `obligo schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// A JSON Schema (draft-07) of the tenant file.
    Json,
    /// The key reference of docs/format.md, in Markdown.
    Markdown,
}

/// Formats `obligo convert` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ConvertFormat {
    /// TOML.
    Toml,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// Output formats of `obligo rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns: id, severity, binds, title, clause.
    Table,
    /// The rules reference in Markdown, generated from the policies.
    Markdown,
    /// The rules' metadata as a JSON array, for tools.
    Json,
}

/// `obligo explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `dpa/inactive-credential`.
    pub rule: String,
    /// A directory of extra policy packs.
    #[arg(long, value_name = "DIR")]
    pub policies: Option<PathBuf>,
}

/// `--output FORMAT=PATH`: a report written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    /// The format of the report.
    pub format: Format,
    /// Where to write it.
    pub path: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputSpec, String> {
    let Some((name, path)) = s.split_once('=') else {
        return Err(format!(
            "expected FORMAT=PATH, e.g. `sarif=obligo.sarif`, got `{s}`"
        ));
    };
    let format = Format::from_str(name, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| format!("`{}`", v.get_name())))
            .collect();
        format!(
            "unknown format `{name}`: expected one of {}",
            names.join(", ")
        )
    })?;
    if path.is_empty() {
        return Err(format!("no path after `{name}=`"));
    }
    Ok(OutputSpec {
        format,
        path: PathBuf::from(path),
    })
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// As the environment says (see [`auto_color`]).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour stdout.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => auto_color(std::io::stdout().is_terminal()),
        }
    }
}

/// Whether to colour stderr.
pub fn color_stderr() -> bool {
    auto_color(std::io::stderr().is_terminal())
}

/// The conventions of <https://no-color.org> and <https://bixense.com/clicolors/>, in the
/// order most tools apply them: `NO_COLOR` wins, then `CLICOLOR_FORCE` / `FORCE_COLOR`
/// force colour, then a terminal that is not `TERM=dumb` (or `CLICOLOR=0`) gets it.
fn auto_color(is_terminal: bool) -> bool {
    if anstyle_query::no_color() {
        return false;
    }
    if anstyle_query::clicolor_force() || force_color() {
        return true;
    }
    is_terminal && anstyle_query::term_supports_color() && anstyle_query::clicolor() != Some(false)
}

/// `FORCE_COLOR` set to anything but empty, `0` or `false` (the convention of Node.js tools).
fn force_color() -> bool {
    std::env::var("FORCE_COLOR").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// The width human output is wrapped at when there is no terminal to measure.
pub const DEFAULT_WIDTH: usize = 100;

/// The width to wrap human output at: `COLUMNS`, else the terminal's width when stdout is a
/// terminal, else [`DEFAULT_WIDTH`]; never below 40, so labels still fit.
pub fn output_width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok());
    let from_terminal =
        || terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0));
    from_env
        .or_else(from_terminal)
        .unwrap_or(DEFAULT_WIDTH)
        .max(40)
}

/// A date written as `YYYY-MM-DD` and nothing else: jiff also reads `20261121` and other
/// ISO 8601 forms, but an evaluation date is too important to guess.
fn parse_date(s: &str) -> Result<Date, String> {
    let bytes = s.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return Err(format!("expected a date as YYYY-MM-DD, got `{s}`"));
    }
    s.parse()
        .map_err(|e| format!("`{s}` is not a calendar date: {e}"))
}

fn parse_fail_on(s: &str) -> Result<FailOn, String> {
    s.parse()
}

fn parse_evidence(s: &str) -> Result<EvidenceMode, String> {
    s.parse()
}

/// The help of `--pack`, naming the built-in packs (from their `pack.toml`).
fn pack_help() -> String {
    format!(
        "Only the rules of this pack (built in: {})",
        obligo::rules::embedded::pack_ids().join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_written_in_full() {
        assert_eq!(parse_date("2026-11-21"), Ok(Date::constant(2026, 11, 21)));
        for bad in [
            "20261121",
            "2026-11-21T00:00",
            "2026-02-30",
            "+2026-11-21",
            "2026-1-21",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
