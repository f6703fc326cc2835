//! `--format junit`: JUnit XML, so that CI test-report widgets list the findings. One test suite
//! per tenant with one failing test case per violation and one skipped test case per evidence
//! gap (the duty could not be confirmed either way; a passing case when the tenant has neither,
//! so no suite is empty); problems are error cases of a suite named `obligo`.

use std::fmt::Write as _;

use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::render::review::{self, Review};
use crate::render::{Input, Renderer, problem_code, problem_position};
use crate::render::{escape_markup as esc, escape_markup_text as esc_text};

/// The name of the suite that holds the problems.
pub const PROBLEMS_SUITE: &str = "obligo";

/// The `junit` format.
#[derive(Debug, Clone, Copy)]
pub struct Junit;

impl Renderer for Junit {
    fn render(&self, input: &Input<'_>) -> String {
        render(input.report)
    }
}

/// Renders the report as a `<testsuites>` document.
fn render(report: &Report) -> String {
    let review = Review::new(report);
    let mut suites = String::new();
    let mut tests = 0;
    let mut failures = 0;
    let mut skipped = 0;
    for tenant in &review.tenants {
        // Accepted and baselined findings are skipped cases, like evidence gaps: known, and
        // deliberately not failing.
        let gaps = tenant.totals.evidence + tenant.accepted.len() + tenant.baselined.len();
        let cases = (tenant.findings.len() + gaps).max(1);
        tests += cases;
        failures += tenant.findings.len();
        skipped += gaps;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{cases}\" failures=\"{}\" errors=\"0\" \
             skipped=\"{gaps}\" file=\"{}\">",
            esc(tenant.id),
            tenant.findings.len(),
            esc(tenant.file)
        );
        if tenant.findings.is_empty() && gaps == 0 {
            let _ = writeln!(
                suites,
                "    <testcase classname=\"{PROBLEMS_SUITE}\" name=\"{}: every rule passes\" \
                 file=\"{}\"/>",
                esc(tenant.id),
                esc(tenant.file)
            );
        }
        for finding in &tenant.findings {
            failure_case(&mut suites, finding);
        }
        for finding in tenant.evidence.iter().flat_map(|(_, findings)| findings) {
            failure_case(&mut suites, finding);
        }
        for finding in tenant.accepted.iter().chain(&tenant.baselined) {
            failure_case(&mut suites, finding);
        }
        suites.push_str("  </testsuite>\n");
    }
    let problems = &report.problems;
    if !problems.is_empty() {
        tests += problems.len();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{PROBLEMS_SUITE}\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" \
             skipped=\"0\">",
            n = problems.len()
        );
        for problem in problems {
            error_case(&mut suites, problem);
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"obligo\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" \
         skipped=\"{skipped}\">\n{suites}</testsuites>\n",
        problems.len()
    )
}

fn failure_case(out: &mut String, finding: &Finding) {
    let (line, column) = finding.location.start();
    let file = finding.location.file.name();
    let _ = writeln!(
        out,
        "    <testcase classname=\"{}\" name=\"{} {}: {}\" file=\"{}\" line=\"{line}\">",
        esc(&finding.rule.id),
        esc(finding.resource_kind),
        esc(&finding.resource),
        esc(&finding.rule.id),
        esc(file),
    );
    let body = format!(
        "{file}:{line}:{column}: {}\nrule: {} ({})\nclause: {}\nfix: {}",
        finding.message,
        finding.rule.id,
        finding.rule.title,
        finding.rule.clause,
        finding.rule.remediation
    );
    let (element, message) = match (finding.status, finding.kind) {
        (Status::Open, Kind::Violation) => ("failure", finding.message.clone()),
        (Status::Open, Kind::Evidence) => ("skipped", finding.message.clone()),
        (Status::Accepted, _) => (
            "skipped",
            format!(
                "accepted risk: {}: {}",
                review::acceptance_line(finding),
                finding.message
            ),
        ),
        (Status::Baselined, _) => ("skipped", format!("baselined: {}", finding.message)),
    };
    let _ = writeln!(
        out,
        "      <{element} message=\"{}\" type=\"{}\">{}</{element}>",
        esc(&message),
        finding.severity,
        esc_text(&body)
    );
    out.push_str("    </testcase>\n");
}

fn error_case(out: &mut String, problem: &Problem) {
    let code = problem_code(problem);
    let location = problem.location();
    let name = problem_position(problem).unwrap_or_else(|| code.clone());
    let file = location
        .as_ref()
        .map(|l| format!(" file=\"{}\" line=\"{}\"", esc(&l.file), l.line))
        .unwrap_or_default();
    let message = problem.to_string();
    let help = miette::Diagnostic::help(problem)
        .map(|h| format!("\nhelp: {h}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "    <testcase classname=\"{PROBLEMS_SUITE}\" name=\"{}\"{file}>",
        esc(&name)
    );
    let _ = writeln!(
        out,
        "      <error message=\"{}\" type=\"{}\">{}</error>",
        esc(&message),
        esc(&code),
        esc_text(&format!("{name}: {message}{help}"))
    );
    out.push_str("    </testcase>\n");
}
