//! `--format concise`: one line per problem and finding, `path:line:col: severity rule: message`,
//! the shape ruff, compilers and editors' problem matchers read. Problems come first (they may
//! hide findings), then findings in report order; an evidence gap says so after its severity
//! (`warning evidence`). Accepted and baselined findings are not listed. Nothing else is
//! printed.

use std::io::{self, Write};

use crate::check::Report;
use crate::finding::{Kind, Status};
use crate::render::stream::{self, Results, Spool, Stream};
use crate::render::{Input, Renderer, escape_controls, problem_code, problem_position};

/// The `concise` format.
#[derive(Debug, Clone, Copy)]
pub struct Concise;

impl Renderer for Concise {
    fn render(&self, input: &Input<'_>) -> String {
        stream::replay(&mut ConciseStream::default(), input.report)
    }
}

/// The concise report written file by file: finding lines are spooled until the problems,
/// which come first, are known at the end of the run.
#[derive(Debug, Default)]
pub struct ConciseStream {
    findings: Spool,
}

impl Stream for ConciseStream {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, _out: &mut dyn Write, results: Results<'_>) -> io::Result<()> {
        // Accepted and baselined findings are left out: a problem matcher would read them as
        // open.
        let open = results.findings.iter().filter(|f| f.status == Status::Open);
        for finding in open {
            let (line, column) = finding.location.start();
            let kind = match finding.kind {
                Kind::Violation => "",
                Kind::Evidence => " evidence",
            };
            writeln!(
                self.findings.writer()?,
                "{}:{line}:{column}: {}{kind} {}: {}",
                one_line(finding.location.file.name()),
                finding.severity,
                finding.rule.id,
                one_line(&finding.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, rest: &Report) -> io::Result<()> {
        for problem in &rest.problems {
            let position = problem_position(problem).unwrap_or_else(|| "obligo".to_owned());
            writeln!(
                out,
                "{}: error {}: {}",
                one_line(&position),
                problem_code(problem),
                one_line(&problem.to_string())
            )?;
        }
        self.findings.copy_to(out)
    }
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
