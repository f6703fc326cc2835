//! `--format junit`: JUnit XML, so that CI test-report widgets list the rules each tenant passes
//! and fails. One test suite per tenant, one test case per rule the tenant was evaluated
//! against (passing ones included) or has a finding of, failing only when a finding of the rule
//! fails the run (the exit code's own test, [`Exit::fails`]); findings that do not fail the run
//! are written to the case's `system-out`. Problems are error cases of a last suite named
//! `obligo`. The XML itself is written by `quick-junit`; see docs/reports.md.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};

use crate::check::CheckedTenant;
use crate::exit::Exit;
use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::render::review;
use crate::render::{Input, Renderer, Settings, problem_code, problem_position, xml_text};
use crate::rules::Rule;
use crate::severity::EvidenceMode;

/// The name of the suite that holds the problems.
pub const PROBLEMS_SUITE: &str = "obligo";

/// Every `time` attribute. Reports are byte-for-byte the same for the same input and `--now`,
/// so obligo does not write measured durations (or timestamps) into them.
const TIME: Duration = Duration::ZERO;

/// The `junit` format.
#[derive(Debug, Clone, Copy)]
pub struct Junit;

impl Renderer for Junit {
    fn render(&self, input: &Input<'_>) -> String {
        let mut junit = quick_junit::Report::new("obligo");
        junit.set_time(TIME);
        for tenant in &input.report.checked {
            let findings = input
                .report
                .findings
                .iter()
                .filter(|f| f.tenant == tenant.id);
            junit.add_test_suite(tenant_suite(tenant, findings, input.settings));
        }
        if !input.report.problems.is_empty() {
            junit.add_test_suite(problems_suite(&input.report.problems));
        }
        junit.to_string().unwrap_or_else(|error| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <!-- cannot write the JUnit report: {} -->\n<testsuites/>\n",
                xml_text(&error.to_string()).replace("--", "- -")
            )
        })
    }
}

/// The suite of one tenant: a case per rule evaluated, and per rule of obligo's own with a
/// finding (accepted risks, baseline entries), sorted by rule id.
fn tenant_suite<'a>(
    tenant: &CheckedTenant,
    findings: impl Iterator<Item = &'a Finding>,
    settings: &Settings,
) -> TestSuite {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = tenant
        .rules
        .iter()
        .map(|id| (id.as_str(), Vec::new()))
        .collect();
    for finding in findings {
        by_rule.entry(&finding.rule.id).or_default().push(finding);
    }
    let mut suite = TestSuite::new(xml_text(&tenant.id));
    suite.set_time(TIME);
    suite
        .extra
        .insert("file".into(), xml_text(&tenant.file).into());
    suite.add_property(Property::new("contracts", tenant.contracts.join(", ")));
    if let Some(name) = &tenant.name {
        suite.add_property(Property::new("name", xml_text(name)));
    }
    suite.add_test_cases(
        by_rule
            .into_iter()
            .map(|(rule, findings)| rule_case(tenant, rule, &findings, settings)),
    );
    suite
}

/// The case of one rule for one tenant: `classname` the tenant id, `name` the rule id, so that
/// the pair is unique in the document.
fn rule_case(
    tenant: &CheckedTenant,
    rule: &str,
    findings: &[&Finding],
    settings: &Settings,
) -> TestCase {
    let (failing, passing): (Vec<&Finding>, Vec<&Finding>) = findings
        .iter()
        .partition(|f| Exit::fails(f, settings.fail_on, tenant.evidence));
    let status = match failing.first() {
        None => TestCaseStatus::success(),
        Some(first) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let message = match failing.len() {
                1 => first.message.clone(),
                n => format!("{} (and {} more)", first.message, n - 1),
            };
            let worst = failing.iter().map(|f| f.severity).max();
            status
                .set_message(xml_text(&message))
                .set_type(worst.unwrap_or(first.severity).as_str())
                .set_description(xml_text(&failure_text(&failing, &first.rule)));
            status
        }
    };
    let mut case = TestCase::new(xml_text(rule), status);
    case.set_classname(xml_text(&tenant.id)).set_time(TIME);
    let at = failing.first().or(passing.first());
    let file = at.map_or(tenant.file.as_str(), |f| f.location.file.name());
    case.extra.insert("file".into(), xml_text(file).into());
    if let Some(finding) = at {
        let (line, _) = finding.location.start();
        case.extra.insert("line".into(), line.to_string().into());
    }
    if !passing.is_empty() {
        let lines: Vec<String> = passing
            .iter()
            .map(|f| not_failing_line(f, settings))
            .collect();
        case.set_system_out(xml_text(&lines.join("\n")));
    }
    case
}

/// The body of a failure: each failing finding with its position, then the rule once.
fn failure_text(findings: &[&Finding], rule: &Rule) -> String {
    let mut text = String::new();
    for finding in findings {
        text.push_str(&position_line(finding, finding.severity.as_str()));
        text.push('\n');
    }
    text.push_str(&format!(
        "rule: {} ({})\nclause: {}\nfix: {}",
        rule.id, rule.title, rule.clause, rule.remediation
    ));
    text
}

/// A finding that does not fail the run, one line in `system-out`, saying why it does not.
fn not_failing_line(finding: &Finding, settings: &Settings) -> String {
    let severity = finding.severity.as_str();
    let why = match (finding.status, finding.kind) {
        (Status::Accepted, _) => format!(
            "{severity}, accepted risk: {}",
            review::acceptance_line(finding)
        ),
        (Status::Baselined, _) => format!("{severity}, baselined"),
        (Status::Open, Kind::Evidence) if settings.evidence != EvidenceMode::Fail => {
            format!("{severity}, evidence gap")
        }
        (Status::Open, _) => format!("{severity}, below --fail-on"),
    };
    position_line(finding, &why)
}

fn position_line(finding: &Finding, what: &str) -> String {
    let (line, column) = finding.location.start();
    format!(
        "{}:{line}:{column}: {what}: {} {}: {}",
        finding.location.file.name(),
        finding.resource_kind,
        finding.resource,
        finding.message
    )
}

/// The problems, one error case each, named by position (or code) and made unique.
fn problems_suite(problems: &[Problem]) -> TestSuite {
    let mut suite = TestSuite::new(PROBLEMS_SUITE);
    suite.set_time(TIME);
    let mut names = HashSet::new();
    for problem in problems {
        let code = problem_code(problem);
        let position = problem_position(problem).unwrap_or_else(|| code.clone());
        let mut name = position.clone();
        let mut n = 1;
        while !names.insert(name.clone()) {
            n += 1;
            name = format!("{position} ({n})");
        }
        let message = problem.to_string();
        let help = miette::Diagnostic::help(problem)
            .map(|h| format!("\nhelp: {h}"))
            .unwrap_or_default();
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status
            .set_message(xml_text(&message))
            .set_type(xml_text(&code))
            .set_description(xml_text(&format!("{position}: {message}{help}")));
        let mut case = TestCase::new(xml_text(&name), status);
        case.set_classname(PROBLEMS_SUITE).set_time(TIME);
        if let Some(location) = problem.location() {
            case.extra
                .insert("file".into(), xml_text(&location.file).into());
            case.extra
                .insert("line".into(), location.line.to_string().into());
        }
        suite.add_test_case(case);
    }
    suite
}
