//! `--format human`: miette diagnostics with the offending value labelled in its file, then a
//! summary line. Evidence gaps are not diagnostics: after a tenant's violations they are listed
//! one line each, grouped by contract, so that what is broken stands out from what is unproven.

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::check::Report;
use crate::render::review::{self, Review, TenantSection};
use crate::render::shown::Shown;
use crate::render::{Input, Renderer, Totals, escape_controls, problem_position};

/// How to draw the diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap text at this width.
    pub width: usize,
}

/// The `human` format.
#[derive(Debug, Clone, Copy)]
pub struct Human;

impl Renderer for Human {
    fn render(&self, input: &Input<'_>) -> String {
        let style = Style {
            color: input.settings.color,
            width: input.settings.width,
        };
        render_with(input.report, style, input.settings.quiet)
    }
}

/// Renders every problem, then each tenant's violations and evidence gaps, then a summary line.
pub fn render(report: &Report, style: Style) -> String {
    render_with(report, style, false)
}

/// As [`render`]; `quiet` leaves out what is not a problem or an open finding: the accepted
/// and baselined findings after each tenant, and the summary line.
fn render_with(report: &Report, style: Style, quiet: bool) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(1);
    let mut out = String::new();
    // Every diagnostic is drawn through `Shown`, which keeps hostile input (a huge line, a
    // flood of labels) from making the drawing itself the problem.
    let draw = |out: &mut String, diagnostic: Shown<'_>| {
        // Rendering into a String cannot fail.
        if handler.render_report(out, &diagnostic).is_err() {
            out.push_str(&diagnostic.to_string());
        }
        out.push('\n');
    };
    for problem in &report.problems {
        draw(&mut out, Shown::new(problem, problem_position(problem)));
    }
    let review = Review::new(report);
    for tenant in &review.tenants {
        for finding in &tenant.findings_in_file_order() {
            let (line, column) = finding.location.start();
            let position = format!("{}:{line}:{column}", finding.location.file.name());
            draw(&mut out, Shown::new(*finding, Some(position)));
        }
        evidence(&mut out, tenant);
        if !quiet {
            set_aside(&mut out, tenant);
        }
    }
    if !quiet {
        out.push_str(&summary(report));
        out.push('\n');
    }
    out
}

/// A tenant's evidence gaps, one line each (rule, what is missing, clause), by contract.
fn evidence(out: &mut String, tenant: &TenantSection) {
    if tenant.evidence.is_empty() {
        return;
    }
    out.push_str(&format!(
        "evidence not shown for tenant `{}` ({}):\n",
        escape_controls(tenant.id),
        escape_controls(tenant.file)
    ));
    for (pack, findings) in &tenant.evidence {
        out.push_str(&format!("  {pack}:\n"));
        for f in findings {
            out.push_str(&format!(
                "    {}  {} — {} ({})\n",
                f.rule.id,
                escape_controls(&f.message),
                f.rule.clause,
                escape_controls(&review::file_line(f))
            ));
        }
    }
    out.push('\n');
}

/// A tenant's accepted risks (with owner, reason and expiry) and baselined findings, one line
/// each: they are not diagnostics, since nothing is to be done about them now.
fn set_aside(out: &mut String, tenant: &TenantSection) {
    let heading = |what: &str| {
        format!(
            "{what} for tenant `{}` ({}):\n",
            escape_controls(tenant.id),
            escape_controls(tenant.file)
        )
    };
    if !tenant.accepted.is_empty() {
        out.push_str(&heading("accepted risks"));
        for f in &tenant.accepted {
            out.push_str(&format!(
                "    {} {} `{}` — {} ({})\n",
                f.rule.id,
                f.resource_kind,
                escape_controls(&f.resource),
                escape_controls(&review::acceptance_line(f)),
                escape_controls(&review::file_line(f))
            ));
        }
        out.push('\n');
    }
    if !tenant.baselined.is_empty() {
        out.push_str(&heading("baselined"));
        for f in &tenant.baselined {
            out.push_str(&format!(
                "    {}  {} ({})\n",
                f.rule.id,
                escape_controls(&f.message),
                escape_controls(&review::file_line(f))
            ));
        }
        out.push('\n');
    }
}

/// `2 errors, 1 warning, 0 infos, 3 evidence gaps in 3 tenants (4 files)`, plus problems when
/// there are any. The severities count violations only.
pub fn summary(report: &Report) -> String {
    let totals = Totals::of(report);
    let mut line = format!(
        "{}, {}, {}, {} in {} ({})",
        plural(totals.errors, "error"),
        plural(totals.warnings, "warning"),
        plural(totals.infos, "info"),
        plural(totals.evidence, "evidence gap"),
        plural(report.tenants, "tenant"),
        plural(report.files, "file"),
    );
    line.push_str(&review::set_aside(&totals));
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
