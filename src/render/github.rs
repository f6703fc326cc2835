//! `--format github`: GitHub Actions workflow commands, one `::error`, `::warning` or `::notice`
//! line per violation, so that findings annotate the pull request diff; evidence gaps are always
//! `::notice` lines (they are never failures of the code in the diff, even when `--evidence
//! fail` makes them fail the run); problems are `::error` lines too. A plain summary line ends the output. The Markdown job summary that goes with it
//! is [`crate::render::markdown::job_summary`]; the binary appends it to
//! `GITHUB_STEP_SUMMARY`.

use std::fmt::Write as _;

use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::render::{Input, Renderer, human, problem_code};
use crate::severity::Severity;

/// The `github` format.
#[derive(Debug, Clone, Copy)]
pub struct Github;

impl Renderer for Github {
    fn render(&self, input: &Input<'_>) -> String {
        render(input.report)
    }
}

/// Renders one workflow command per problem and finding, then the summary line.
fn render(report: &Report) -> String {
    let mut out = String::new();
    for problem in &report.problems {
        out.push_str(&problem_command(problem));
        out.push('\n');
    }
    // Accepted and baselined findings would annotate the diff as if they were new; the summary
    // line and the job summary count and list them.
    for finding in report.findings.iter().filter(|f| f.status == Status::Open) {
        out.push_str(&finding_command(finding));
        out.push('\n');
    }
    out.push_str(&human::summary(report));
    out.push('\n');
    out
}

fn finding_command(finding: &Finding) -> String {
    let command = match (finding.kind, finding.severity) {
        (Kind::Evidence, _) | (_, Severity::Info) => "notice",
        (Kind::Violation, Severity::Error) => "error",
        (Kind::Violation, Severity::Warning) => "warning",
    };
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
