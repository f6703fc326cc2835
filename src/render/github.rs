//! `--format github`: GitHub Actions workflow commands, one `::error`, `::warning` or `::notice`
//! line per violation, so that findings annotate the pull request diff; evidence gaps are always
//! `::notice` lines (they are never failures of the code in the diff, even when `--evidence
//! fail` makes them fail the run); problems are `::error` lines too. A plain summary line ends
//! the output. The Markdown job summary that goes with it is
//! [`crate::render::markdown::job_summary`]; the binary appends it to `GITHUB_STEP_SUMMARY`.
//!
//! GitHub shows only the first ten annotations of each level a step prints
//! ([`crate::render::truncate::ANNOTATIONS_PER_LEVEL`]), so the commands come errors first
//! (problems, then error violations), then warnings, then notices, each level in report order,
//! and stop at that cap; one last `::notice` counts what was left out and says where it is.

use std::fmt::Write as _;

use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::render::human::plural;
use crate::render::truncate::Limits;
use crate::render::{Input, Renderer, human, problem_code};
use crate::severity::Severity;

/// The `github` format.
#[derive(Debug, Clone, Copy)]
pub struct Github;

impl Renderer for Github {
    fn render(&self, input: &Input<'_>) -> String {
        render(input.report, &input.settings.limits)
    }
}

/// The annotation levels, in the order they are printed.
const LEVELS: [&str; 3] = ["error", "warning", "notice"];

/// Renders the workflow commands of each level, most severe level first and at most
/// `limits.annotations` of each, then the notice on the rest, then the summary line.
fn render(report: &Report, limits: &Limits) -> String {
    let mut commands: [Vec<String>; 3] = Default::default();
    commands[0].extend(report.problems.iter().map(problem_command));
    // Accepted and baselined findings would annotate the diff as if they were new; the summary
    // line and the job summary count and list them.
    for finding in report.findings.iter().filter(|f| f.status == Status::Open) {
        commands[level(finding)].push(finding_command(finding));
    }
    let mut caps = [limits.annotations; 3];
    let over = |caps: &[usize; 3]| -> Vec<usize> {
        commands
            .iter()
            .zip(caps)
            .map(|(c, cap)| c.len().saturating_sub(*cap))
            .collect()
    };
    if over(&caps).iter().any(|n| *n > 0) {
        // The notice on what was left out is a notice too: it takes the last notice's place.
        caps[2] = caps[2].saturating_sub(1);
    }
    let left_out = over(&caps);
    let mut out = String::new();
    for (level, cap) in commands.iter().zip(caps) {
        for command in level.iter().take(cap) {
            out.push_str(command);
            out.push('\n');
        }
    }
    if left_out.iter().any(|n| *n > 0) {
        out.push_str(&left_out_notice(&left_out, limits));
        out.push('\n');
    }
    out.push_str(&human::summary(report));
    out.push('\n');
    out
}

/// The last annotation when some were left out: how many of each level, and where they are.
fn left_out_notice(left_out: &[usize], limits: &Limits) -> String {
    let counts: Vec<String> = left_out
        .iter()
        .zip(LEVELS)
        .filter(|(n, _)| **n > 0)
        .map(|(n, level)| plural(*n, level))
        .collect();
    let total: usize = left_out.iter().sum();
    let message = format!(
        "{} not shown here ({}): GitHub shows {} annotations of each level per step, and the \
         most severe are above. The job summary and code scanning list more, and the full \
         reports of the run have every finding; {}.",
        plural(total, "more annotation"),
        counts.join(", "),
        limits.annotations,
        limits.full_report_pointer()
    );
    workflow_command(
        "notice",
        &[("title", "obligo: more findings".to_owned())],
        &message,
    )
}

/// The annotation level of a finding, as an index into [`LEVELS`].
fn level(finding: &Finding) -> usize {
    match (finding.kind, finding.severity) {
        (Kind::Violation, Severity::Error) => 0,
        (Kind::Violation, Severity::Warning) => 1,
        (Kind::Evidence, _) | (_, Severity::Info) => 2,
    }
}

fn finding_command(finding: &Finding) -> String {
    let command = LEVELS[level(finding)];
    let title = match finding.kind {
        Kind::Violation => format!("{}: {}", finding.rule.id, finding.rule.title),
        Kind::Evidence => format!("{}: evidence not shown", finding.rule.id),
    };
    let (line, col) = finding.location.start();
    let (end_line, end_column) = finding.location.end();
    let properties = [
        ("file", finding.location.file.name().to_owned()),
        ("line", line.to_string()),
        ("col", col.to_string()),
        ("endLine", end_line.to_string()),
        ("endColumn", end_column.to_string()),
        ("title", title),
    ];
    let message = format!(
        "{}\nclause: {}\nfix: {}",
        finding.message, finding.rule.clause, finding.rule.remediation
    );
    workflow_command(command, &properties, &message)
}

fn problem_command(problem: &Problem) -> String {
    let code = problem_code(problem);
    let mut properties = Vec::new();
    if let Some(location) = problem.location() {
        properties.push(("file", location.file));
        properties.push(("line", location.line.to_string()));
        properties.push(("col", location.column.to_string()));
    }
    properties.push(("title", format!("obligo: {code}")));
    let mut message = problem.to_string();
    if let Some(help) = miette::Diagnostic::help(problem) {
        let _ = write!(message, "\nhelp: {help}");
    }
    workflow_command("error", &properties, &message)
}

/// `::command key=value,…::message`, with properties and message escaped.
pub fn workflow_command(command: &str, properties: &[(&str, String)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let separator = if properties.is_empty() { "" } else { " " };
    format!(
        "::{command}{separator}{}::{}",
        properties.join(","),
        escape_data(message)
    )
}

/// Escapes a workflow command's message: `%`, `\r` and `\n`, and makes other control
/// characters visible, so that a value from a tenant file cannot end the command early or
/// reach the log as a terminal escape.
pub fn escape_data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::render::escape_controls(&text).into_owned()
}

/// Escapes a workflow command's property value: as a message, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(
            escape_data("a\u{1b}[2Jb\u{7}\rc\0"),
            "a\\u{1b}[2Jb\\u{7}%0Dc\\u{0}"
        );
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("nrb/x: a, b 50%\n"),
            "nrb/x%3A a%2C b 50%25%0A"
        );
    }

    #[test]
    fn percent_is_escaped_first_so_escapes_are_not_doubled() {
        assert_eq!(escape_property("%3A:"), "%253A%3A");
    }

    #[test]
    fn commands_without_properties_have_no_space() {
        assert_eq!(
            workflow_command("error", &[], "no tenant file found"),
            "::error::no tenant file found"
        );
        assert_eq!(
            workflow_command("notice", &[("file", "a,b.toml".into())], "x"),
            "::notice file=a%2Cb.toml::x"
        );
    }
}
