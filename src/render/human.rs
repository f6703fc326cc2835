//! `--format human`: miette diagnostics with the offending value labelled in its file, then a
//! summary line.

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::check::Report;
use crate::render::shown::Shown;
use crate::render::{Totals, problem_position};

/// How to draw the diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap text at this width.
    pub width: usize,
}

/// Renders every problem, then every finding, then a summary line.
pub fn render(report: &Report, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(1);
    let mut out = String::new();
    let problems = report
        .problems
        .iter()
        .map(|p| Shown::new(p, problem_position(p)));
    let findings = report.findings.iter().map(|f| {
        let (line, column) = f.location.start();
        let position = format!("{}:{line}:{column}", f.location.file.name());
        Shown::new(f, Some(position))
    });
    for diagnostic in problems.chain(findings) {
        // Rendering into a String cannot fail.
        if handler.render_report(&mut out, &diagnostic).is_err() {
            out.push_str(&diagnostic.to_string());
        }
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// `2 errors, 1 warning, 0 infos in 3 tenants (4 files)`, plus problems when there are any.
pub fn summary(report: &Report) -> String {
    let totals = Totals::of(report);
    let mut line = format!(
        "{}, {}, {} in {} ({})",
        plural(totals.errors, "error"),
        plural(totals.warnings, "warning"),
        plural(totals.infos, "info"),
        plural(report.tenants, "tenant"),
        plural(report.files, "file"),
    );
    if !report.skipped.is_empty() {
        line.push_str(&format!(
            ", {} skipped (`-v` lists them)",
            plural(report.skipped.len(), "path")
        ));
    }
    if !report.problems.is_empty() {
        line.push_str(&format!(
            "; {} prevented a complete check",
            plural(report.problems.len(), "problem")
        ));
    }
    line
}

pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
