//! `--format json`: the machine-readable report, version 1 (see docs/outputs.md). Fields may be
//! added; none is removed or renamed without bumping `version`. The same types read reports
//! back for `obligo merge` ([`merge`]).

pub mod merge;

use std::borrow::Cow;

use jiff::civil::Date;

use serde::{Deserialize, Serialize};

use std::io::{self, Write};

use crate::check::Report;
use crate::finding::Finding;
use crate::problem::Problem;
use crate::render::stream::{self, Results, Stream};
use crate::render::{Input, Renderer, Totals};
use crate::shard::Shard;

/// The version of the JSON format.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Document<'a> {
    version: u32,
    /// The evaluation date: results depend on it as much as on the input.
    now: String,
    tool: Tool<'a>,
    /// The part of the corpus checked (`--shard K/N`); absent in a whole run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shard: Option<JsonShard>,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError>,
    summary: Summary,
}

/// `--shard K/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct JsonShard {
    index: u32,
    count: u32,
}

/// The program that wrote the report, since results depend on its rules and reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Tool<'a> {
    name: Cow<'a, str>,
    version: Cow<'a, str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct JsonFinding<'a> {
    rule: Cow<'a, str>,
    kind: Cow<'a, str>,
    severity: Cow<'a, str>,
    tenant: Cow<'a, str>,
    resource: Cow<'a, str>,
    resource_kind: Cow<'a, str>,
    file: Cow<'a, str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    status: Cow<'a, str>,
    title: Cow<'a, str>,
    message: Cow<'a, str>,
    clause: Cow<'a, str>,
    remediation: Cow<'a, str>,
    /// The identity SARIF uses too: stable when lines move.
    fingerprint: String,
    related: Vec<Related<'a>>,
    /// The accepted risk covering the finding, when `status` is `accepted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    acceptance: Option<JsonAcceptance<'a>>,
}

/// An accepted risk, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct JsonAcceptance<'a> {
    reason: Cow<'a, str>,
    accepted_by: Cow<'a, str>,
    accepted_on: String,
    expires: String,
    reference: Option<Cow<'a, str>>,
    file: Cow<'a, str>,
    line: usize,
    column: usize,
}

/// A secondary location of a finding, e.g. the other members of a set of countries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Related<'a> {
    file: Cow<'a, str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: Cow<'a, str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct JsonError {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    code: Option<String>,
    message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        stream::replay(
            &mut JsonStream::new(input.settings.now, input.settings.shard),
            input.report,
        )
    }
}

/// The JSON report written file by file: the same bytes as the whole document pretty-printed
/// with a trailing newline, holding only the totals of the summary.
#[derive(Debug)]
pub struct JsonStream {
    now: Date,
    shard: Option<Shard>,
    totals: Totals,
    written: usize,
}

impl JsonStream {
    /// A report of a run evaluated as on `now`, of `shard` when one.
    pub fn new(now: Date, shard: Option<Shard>) -> Self {
        Self {
            now,
            shard,
            totals: Totals::default(),
            written: 0,
        }
    }
}

/// Writes `"key": value` as a field of the top-level object, without a separator.
fn field(out: &mut dyn Write, key: &str, value: &impl Serialize) -> io::Result<()> {
    write!(out, "  \"{key}\": ")?;
    stream::indented(out, &pretty(value)?, 2)
}

fn pretty(value: &impl Serialize) -> io::Result<String> {
    serde_json::to_string_pretty(value).map_err(io::Error::other)
}

impl Stream for JsonStream {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n")?;
        field(out, "version", &VERSION)?;
        out.write_all(b",\n")?;
        field(out, "now", &self.now.to_string())?;
        out.write_all(b",\n")?;
        let tool = Tool {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        };
        field(out, "tool", &tool)?;
        out.write_all(b",\n")?;
        if let Some(shard) = self.shard {
            let shard = JsonShard {
                index: shard.index(),
                count: shard.count(),
            };
            field(out, "shard", &shard)?;
            out.write_all(b",\n")?;
        }
        out.write_all(b"  \"findings\": [")
    }

    fn file(&mut self, out: &mut dyn Write, results: Results<'_>) -> io::Result<()> {
        for finding in results.findings {
            self.totals.add(finding);
            out.write_all(if self.written == 0 {
                b"\n    "
            } else {
                b",\n    "
            })?;
            stream::indented(out, &pretty(&json_finding(finding))?, 4)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, rest: &Report) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"],\n"
        } else {
            b"\n  ],\n"
        })?;
        let errors: Vec<JsonError> = rest.problems.iter().map(json_error).collect();
        field(out, "errors", &errors)?;
        out.write_all(b",\n")?;
        let totals = self.totals;
        let summary = Summary {
            files: rest.files,
            tenants: rest.tenants,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
            evidence: totals.evidence,
            accepted: totals.accepted,
            baselined: totals.baselined,
            problems: rest.problems.len(),
            skipped: rest.skipped.len(),
        };
        field(out, "summary", &summary)?;
        out.write_all(b"\n}\n")
    }
}

/// A finding as the report shows it.
fn json_finding(f: &Finding) -> JsonFinding<'_> {
    let (line, column) = f.location.start();
    let (end_line, end_column) = f.location.end();
    JsonFinding {
        rule: Cow::Borrowed(&f.rule.id),
        kind: f.kind.as_str().into(),
        severity: f.severity.as_str().into(),
        tenant: Cow::Borrowed(&f.tenant),
        resource: Cow::Borrowed(&f.resource),
        resource_kind: f.resource_kind.into(),
        file: f.location.file.name().into(),
        line,
        column,
        end_line,
        end_column,
        status: f.status.as_str().into(),
        title: Cow::Borrowed(&f.rule.title),
        message: Cow::Borrowed(&f.message),
        clause: Cow::Borrowed(&f.rule.clause),
        remediation: Cow::Borrowed(&f.rule.remediation),
        fingerprint: f.fingerprint(),
        related: f
            .related
            .iter()
            .map(|(location, label)| {
                let (line, column) = location.start();
                let (end_line, end_column) = location.end();
                Related {
                    file: location.file.name().into(),
                    line,
                    column,
                    end_line,
                    end_column,
                    message: Cow::Borrowed(label),
                }
            })
            .collect(),
        acceptance: f.acceptance.as_deref().map(|a| {
            let (line, column) = a.location.start();
            JsonAcceptance {
                reason: Cow::Borrowed(&a.reason),
                accepted_by: Cow::Borrowed(&a.accepted_by),
                accepted_on: a.accepted_on.to_string(),
                expires: a.expires.to_string(),
                reference: a.reference.as_deref().map(Cow::Borrowed),
                file: a.location.file.name().into(),
                line,
                column,
            }
        }),
    }
}

/// A problem as the report shows it.
fn json_error(p: &Problem) -> JsonError {
    let location = p.location();
    JsonError {
        file: location.as_ref().map(|l| l.file.clone()),
        line: location.as_ref().map(|l| l.line),
        column: location.as_ref().map(|l| l.column),
        code: miette::Diagnostic::code(p).map(|c| c.to_string()),
        message: p.to_string(),
    }
}

/// The document as pretty-printed JSON with a trailing newline.
fn write(document: &Document<'_>) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_else(|e| {
        format!("{{\"version\": {VERSION}, \"error\": \"cannot serialise report: {e}\"}}")
    });
    text.push('\n');
    text
}
