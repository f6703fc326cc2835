//! The one interface every output format implements, and [`Format`], the list of them. A new
//! format is a file in `src/render/` with a type that implements [`Renderer`], and one variant
//! of [`Format`].

use std::sync::Arc;

use jiff::civil::Date;

use crate::check::Report;
use crate::rules::Rule;
use crate::severity::{EvidenceMode, FailOn, Severity};

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
}

impl Settings {
    /// Settings for `now` with everything else at its default: no colour, 100 columns, no
    /// `obligo.toml`, `--fail-on error`, `--evidence report`.
    pub fn new(now: Date) -> Self {
        Self {
            now,
            color: false,
            width: 100,
            config: crate::config::Settings::default(),
            fail_on: FailOn::default(),
            evidence: EvidenceMode::default(),
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
}
