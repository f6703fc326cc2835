//! `--format concise`: one line per problem and finding, `path:line:col: severity rule: message`,
//! the shape ruff, compilers and editors' problem matchers read. Problems come first (they may
//! hide findings), then findings in report order; an evidence gap says so after its severity
//! (`warning evidence`). Accepted and baselined findings are not listed. Nothing else is
//! printed.

use std::fmt::Write as _;

use crate::check::Report;
use crate::finding::{Kind, Status};
use crate::render::{Input, Renderer, escape_controls, problem_code, problem_position};

/// The `concise` format.
#[derive(Debug, Clone, Copy)]
pub struct Concise;

impl Renderer for Concise {
    fn render(&self, input: &Input<'_>) -> String {
        render(input.report)
    }
}

/// Renders one line per problem and per finding.
fn render(report: &Report) -> String {
    let mut out = String::new();
    for problem in &report.problems {
        let position = problem_position(problem).unwrap_or_else(|| "obligo".to_owned());
        let _ = writeln!(
            out,
            "{}: error {}: {}",
            one_line(&position),
            problem_code(problem),
            one_line(&problem.to_string())
        );
    }
    // Accepted and baselined findings are left out: a problem matcher would read them as open.
    for finding in report.findings.iter().filter(|f| f.status == Status::Open) {
        let (line, column) = finding.location.start();
        let kind = match finding.kind {
            Kind::Violation => "",
            Kind::Evidence => " evidence",
        };
        let _ = writeln!(
            out,
            "{}:{line}:{column}: {}{kind} {}: {}",
            one_line(finding.location.file.name()),
            finding.severity,
            finding.rule.id,
            one_line(&finding.message)
        );
    }
    out
}

/// `text` on one line: line breaks and tabs become spaces and every other control character
/// (bidirectional overrides too) is escaped as the other formats escape it, so that a value
/// from a tenant file can neither start a line of its own nor drive the terminal.
fn one_line(text: &str) -> String {
    escape_controls(&text.replace(['\n', '\t'], " ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn control_characters_cannot_break_the_line_or_reach_the_terminal() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
        assert_eq!(one_line("x\u{1b}[31my\r\u{7}"), "x\\u{1b}[31my\\u{d}\\u{7}");
        assert_eq!(one_line("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(one_line("é ✓"), "é ✓");
    }
}
