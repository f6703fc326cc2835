//! The one interface every output format implements, and [`Format`], the list of them. A new
//! format is a file in `src/render/` with a type that implements [`Renderer`], and one variant
//! of [`Format`].

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use crate::check::Report;
use crate::rules::Rule;
use crate::severity::{EvidenceMode, FailOn, Severity};

use super::stream::Stream;
use super::{concise, github, html, human, json, junit, markdown, sarif};

/// Everything a renderer may read: the report, every rule of the run and the settings.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The findings and problems.
    pub report: &'a Report,
    /// Every rule of the run, sorted by id (SARIF lists them all; JUnit has a case per rule).
    pub rules: &'a [Arc<Rule>],
    /// How the run was asked to report.
    pub settings: &'a Settings,
}

/// What a run was asked for besides its report: the evaluation date, the terminal, the
/// project's rule settings and the thresholds of the exit code.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The evaluation date (JSON, Markdown and HTML show it).
    pub now: Date,
    /// Use ANSI colours (human output only).
    pub color: bool,
    /// The width human output is wrapped at.
    pub width: usize,
    /// The project's settings: severity overrides and disabled rules.
    pub config: crate::config::Settings,
    /// The lowest severity that fails the run.
    pub fail_on: FailOn,
    /// What evidence findings do to the exit code.
    pub evidence: EvidenceMode,
    /// What SARIF artifact URIs are relative to; `None` keeps names as shown.
    pub source_root: Option<SourceRoot>,
    /// The address of the rules reference, for SARIF's `helpUri` (`--help-base-uri`).
    pub rules_uri: String,
    /// `--quiet`: human output shows only problems and findings, without its summary line.
    pub quiet: bool,
    /// The sizes reports are held to (GitHub's limits, `--markdown-limit`).
    pub limits: super::truncate::Limits,
    /// The part of the corpus checked (`--shard K/N`), which JSON records.
    pub shard: Option<crate::shard::Shard>,
    /// The code-scanning category SARIF gives its run (`runAutomationDetails.id`).
    pub sarif_category: Option<String>,
}

/// The directory obligo ran in and the repository root, so that file names as shown (relative
/// to the first) can be made relative to the second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRoot {
    /// The working directory, absolute.
    pub cwd: PathBuf,
    /// The repository root, absolute: the git top-level directory or `--sarif-root`.
    pub root: PathBuf,
}

impl SourceRoot {
    /// `name` (relative to the working directory, or absolute) as an absolute path with `.`
    /// and `..` resolved and forward slashes.
    pub fn absolute(&self, name: &str) -> String {
        slashed(&normalize(&self.cwd.join(name)))
    }

    /// `name` relative to the root with forward slashes, or `None` when it lies outside.
    pub fn relative(&self, name: &str) -> Option<String> {
        let path = normalize(&self.cwd.join(name));
        let root = normalize(&self.root);
        path.strip_prefix(&root).ok().map(slashed)
    }
}

/// `.` and `..` resolved without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl Settings {
    /// Settings for `now` with everything else at its default: no colour, 100 columns, no
    /// `obligo.toml`, `--fail-on error`, `--evidence report`, names kept as shown in SARIF,
    /// the published rules reference and GitHub's limits.
    pub fn new(now: Date) -> Self {
        Self {
            now,
            color: false,
            width: 100,
            config: crate::config::Settings::default(),
            fail_on: FailOn::default(),
            evidence: EvidenceMode::default(),
            source_root: None,
            rules_uri: sarif::RULES_URI.to_owned(),
            quiet: false,
            limits: super::truncate::Limits::default(),
            shard: None,
            sarif_category: None,
        }
    }

    /// The severity of `rule` after the project's overrides.
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.config.severity(&rule.id, rule.severity)
    }
}

/// An output format: turns the input into the text of one report. Renderers do no I/O.
pub trait Renderer {
    /// Renders the whole report.
    fn render(&self, input: &Input<'_>) -> String;
}

/// The output formats of `obligo check` (`--format`, `--output FORMAT=PATH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics for people, with the offending line.
    Human,
    /// One line per finding: `path:line:col: severity rule: message`.
    Concise,
    /// The machine-readable report (version 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// JUnit XML, for CI test-report widgets.
    Junit,
    /// GitHub Actions workflow commands (annotations), plus the job summary.
    Github,
    /// The security-review report in Markdown.
    Markdown,
    /// The security-review report as a self-contained HTML page.
    Html,
}

impl Format {
    /// The renderer of the format.
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Human => &human::Human,
            Format::Concise => &concise::Concise,
            Format::Json => &json::Json,
            Format::Sarif => &sarif::Sarif,
            Format::Junit => &junit::Junit,
            Format::Github => &github::Github,
            Format::Markdown => &markdown::Markdown,
            Format::Html => &html::Html,
        }
    }

    /// The name on the command line, e.g. `sarif`.
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }

    /// Renders `input` in this format.
    pub fn render(self, input: &Input<'_>) -> String {
        self.renderer().render(input)
    }

    /// The format written file by file while a check runs, for the formats that can be; the
    /// others need the whole report ([`Format::render`]). Either way the bytes are the same.
    /// A streamed format reads only the evaluation date and the shard: the project's settings
    /// ([`Settings::config`]) are known only once every file is read.
    pub fn stream(self, now: Date, shard: Option<crate::shard::Shard>) -> Option<Box<dyn Stream>> {
        match self {
            Format::Json => Some(Box::new(json::JsonStream::new(now, shard))),
            Format::Concise => Some(Box::new(concise::ConciseStream::default())),
            _ => None,
        }
    }
}
