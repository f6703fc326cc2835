//! Output formats. Each format is one file with a type that implements [`Renderer`] over one
//! [`Input`] (the report, the rules and the settings), and one variant of [`Format`]; all of
//! them use the same locations. A format that can be written while the check runs also
//! implements [`stream::Stream`], and renders a whole report through it ([`stream::replay`]).

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
mod renderer;
pub mod review;
pub mod sarif;
mod sarif_log;
mod shown;
pub mod stream;
pub mod truncate;

pub use renderer::{Format, Input, Renderer, Settings, SourceRoot};
pub use shown::Shown;

use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::severity::Severity;

/// Counts of open violations by severity, and of open evidence findings, accepted and
/// baselined findings apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Error violations.
    pub errors: usize,
    /// Warning violations.
    pub warnings: usize,
    /// Info violations.
    pub infos: usize,
    /// Evidence findings, whatever their severity.
    pub evidence: usize,
    /// Findings covered by an accepted risk, whatever their kind and severity.
    pub accepted: usize,
    /// Findings recorded in the baseline, whatever their kind and severity.
    pub baselined: usize,
}

impl Totals {
    /// Counts the findings of a report.
    pub fn of(report: &Report) -> Self {
        let mut totals = Totals::default();
        for finding in &report.findings {
            totals.add(finding);
        }
        totals
    }

    /// Counts one more finding.
    pub fn add(&mut self, finding: &Finding) {
        self.count(finding.status, finding.kind, finding.severity);
    }

    /// Counts one more finding of this status, kind and severity.
    pub fn count(&mut self, status: Status, kind: Kind, severity: Severity) {
        match status {
            Status::Open => {}
            Status::Accepted => {
                self.accepted += 1;
                return;
            }
            Status::Baselined => {
                self.baselined += 1;
                return;
            }
        }
        if kind == Kind::Evidence {
            self.evidence += 1;
            return;
        }
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// The count for one severity.
    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }

    /// All violations counted (evidence findings are not).
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// A problem's code, e.g. `obligo::input::unknown-key` (`problem` for one without a code).
pub fn problem_code(problem: &Problem) -> String {
    miette::Diagnostic::code(problem)
        .map(|c| c.to_string())
        .unwrap_or_else(|| "problem".into())
}

/// `file:line:column` of a problem, when it is about a file.
pub fn problem_position(problem: &Problem) -> Option<String> {
    problem
        .location()
        .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
}

/// Makes control characters visible as `\u{1b}`-style escapes, so that text from a tenant file
/// cannot move the cursor, ring the bell, overwrite a line or reorder text on a terminal or in
/// a log. Line breaks and tabs are kept; bidirectional overrides are escaped too.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Replaces control characters (but line breaks and tabs), bidirectional overrides and
/// characters XML 1.0 does not allow by U+FFFD, for text that a crate then escapes as XML or
/// HTML (quick-junit, minijinja).
pub fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| is_hidden_control(c) || !(is_xml_char(c) || c == '\n' || c == '\t');
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if hidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_made_visible() {
        assert_eq!(
            escape_controls("a\u{1b}[31mb\u{7}\r\0"),
            "a\\u{1b}[31mb\\u{7}\\u{d}\\u{0}"
        );
        assert_eq!(escape_controls("line\n\ttab é"), "line\n\ttab é");
        assert_eq!(escape_controls("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(
            xml_text("a\u{1b}[31mb\r\0\u{202E}\u{FFFF}\n\t"),
            "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\n\t"
        );
    }
}
