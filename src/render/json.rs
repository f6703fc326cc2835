//! `--format json`: the machine-readable report, version 1 (see docs/outputs.md). Fields may be
//! added; none is removed or renamed without bumping `version`.

use jiff::civil::Date;
use serde::Serialize;

use crate::check::Report;
use crate::render::{Input, Renderer, Totals};

/// The version of the JSON format.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    /// The evaluation date: results depend on it as much as on the input.
    now: String,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError>,
    summary: Summary,
}

/// The program that wrote the report, since results depend on its rules and reference data.
#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    kind: &'static str,
    severity: &'static str,
    tenant: &'a str,
    resource: &'a str,
    resource_kind: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    status: &'static str,
    title: &'a str,
    message: &'a str,
    clause: &'a str,
    remediation: &'a str,
    /// The identity SARIF uses too: stable when lines move.
    fingerprint: String,
    related: Vec<Related<'a>>,
    /// The accepted risk covering the finding, when `status` is `accepted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    acceptance: Option<JsonAcceptance<'a>>,
}

/// An accepted risk, and where it is written.
#[derive(Serialize)]
struct JsonAcceptance<'a> {
    reason: &'a str,
    accepted_by: &'a str,
    accepted_on: String,
    expires: String,
    reference: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
}

/// A secondary location of a finding, e.g. the other members of a set of countries.
#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    code: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    tenants: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    evidence: usize,
    accepted: usize,
    baselined: usize,
    problems: usize,
    skipped: usize,
}

/// The `json` format.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl Renderer for Json {
    fn render(&self, input: &Input<'_>) -> String {
        render(input.report, input.settings.now)
    }
}

/// Renders the report, evaluated as on `now`, as pretty-printed JSON with a trailing newline.
fn render(report: &Report, now: Date) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let (line, column) = f.location.start();
            let (end_line, end_column) = f.location.end();
            JsonFinding {
                rule: &f.rule.id,
                kind: f.kind.as_str(),
                severity: f.severity.as_str(),
                tenant: &f.tenant,
                resource: &f.resource,
                resource_kind: f.resource_kind,
                file: f.location.file.name(),
                line,
                column,
                end_line,
                end_column,
                status: f.status.as_str(),
                title: &f.rule.title,
                message: &f.message,
                clause: &f.rule.clause,
                remediation: &f.rule.remediation,
                fingerprint: f.fingerprint(),
                related: f
                    .related
                    .iter()
                    .map(|(location, label)| {
                        let (line, column) = location.start();
                        let (end_line, end_column) = location.end();
                        Related {
                            file: location.file.name(),
                            line,
                            column,
                            end_line,
                            end_column,
                            message: label,
                        }
                    })
                    .collect(),
                acceptance: f.acceptance.as_deref().map(|a| {
                    let (line, column) = a.location.start();
                    JsonAcceptance {
                        reason: &a.reason,
                        accepted_by: &a.accepted_by,
                        accepted_on: a.accepted_on.to_string(),
                        expires: a.expires.to_string(),
                        reference: a.reference.as_deref(),
                        file: a.location.file.name(),
                        line,
                        column,
                    }
                }),
            }
        })
        .collect();
    let errors = report
        .problems
        .iter()
        .map(|p| {
            let location = p.location();
            JsonError {
                file: location.as_ref().map(|l| l.file.clone()),
                line: location.as_ref().map(|l| l.line),
                column: location.as_ref().map(|l| l.column),
                code: miette::Diagnostic::code(p).map(|c| c.to_string()),
                message: p.to_string(),
            }
        })
        .collect();
    let totals = Totals::of(report);
    let document = Document {
        version: VERSION,
        now: now.to_string(),
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        findings,
        errors,
        summary: Summary {
            files: report.files,
            tenants: report.tenants,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
            evidence: totals.evidence,
            accepted: totals.accepted,
            baselined: totals.baselined,
            problems: report.problems.len(),
            skipped: report.skipped.len(),
        },
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|e| {
        format!("{{\"version\": {VERSION}, \"error\": \"cannot serialise report: {e}\"}}")
    });
    text.push('\n');
    text
}
