//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! The driver lists every loaded rule, not only those with findings, so that a rule's
//! `ruleIndex` is the same in every run with the same rules and code scanning knows each rule's
//! help. Results carry `partialFingerprints` built from the rule and its case, tenant and resource (never
//! from line numbers), so an alert survives edits that move lines. Problems (invalid files,
//! broken policies) are tool execution notifications, and make `executionSuccessful` false.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::render::problem_code;
use crate::rules::Rule;
use crate::severity::Severity;
use crate::source::Location;

/// The JSON schema the log declares.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base id that relative artifact URIs resolve against: the directory obligo ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of obligo's fingerprint in `partialFingerprints`.
pub const FINGERPRINT: &str = "obligoFingerprint/v2";

/// Renders the report as a SARIF log with one run. `rules` are all the rules of the run; a
/// rule that has findings but is missing from `rules` is added.
pub fn render(report: &Report, rules: &[Arc<Rule>]) -> String {
    let mut all: Vec<&Rule> = rules.iter().map(AsRef::as_ref).collect();
    for finding in &report.findings {
        if !all.iter().any(|r| r.id == finding.rule.id) {
            all.push(&finding.rule);
        }
    }
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all.dedup_by(|a, b| a.id == b.id);

    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(f, all.iter().position(|r| r.id == f.rule.id)))
        .collect();
    let notifications: Vec<Value> = report.problems.iter().map(notification).collect();
    let mut driver = json!({
        "name": "obligo",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": all.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "invocations": [{
                "executionSuccessful": report.problems.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {
                SRCROOT: { "description": { "text": "The directory obligo was run in." } }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise report: {e}\"}}"));
    text.push('\n');
    text
}

/// The project's address from the package metadata, when it has one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn descriptor(rule: &Rule) -> Value {
    let mut full = rule.clause.clone();
    if let Some(quote) = &rule.quote {
        full.push_str(&format!(": “{quote}”"));
    }
    let mut help_text = String::new();
    let mut help_markdown = String::new();
    if let Some(summary) = &rule.summary {
        help_text.push_str(&format!("{summary}\n\n"));
        help_markdown.push_str(&format!("{summary}\n\n"));
    }
    help_text.push_str(&format!(
        "Fix: {}\n\nClause: {}",
        rule.remediation, rule.clause
    ));
    help_markdown.push_str(&format!(
        "**Fix:** {}\n\n**Clause:** {}",
        rule.remediation, rule.clause
    ));
    if let Some(quote) = &rule.quote {
        help_markdown.push_str(&format!("\n\n> {quote}"));
    }
    if !rule.docs.is_empty() {
        help_markdown.push_str(&format!("\n\n{}", rule.docs));
    }
    json!({
        "id": rule.id,
        "name": pascal_case(rule.id.rsplit('/').next().unwrap_or(&rule.id)),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": full },
        "help": { "text": help_text, "markdown": help_markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "security-severity": security_severity(rule.severity),
            "tags": ["security", "contract", rule.pack, rule.clause],
            "precision": "very-high",
        },
    })
}

fn result(finding: &Finding, rule_index: Option<usize>) -> Value {
    let related: Vec<Value> = finding
        .related
        .iter()
        .enumerate()
        .map(|(i, (location, label))| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(location),
                "message": { "text": label },
            })
        })
        .collect();
    // SARIF's `review` is "the tool could not decide; a person must look", which is what an
    // evidence gap is; a result whose kind is not `fail` must have level `none` (§3.27.10), so
    // the rule's severity travels in the properties.
    let (kind, level) = match finding.kind {
        Kind::Violation => ("fail", level(finding.severity)),
        Kind::Evidence => ("review", "none"),
    };
    let mut result = json!({
        "ruleId": finding.rule.id,
        "level": level,
        "kind": kind,
        "message": { "text": finding.message },
        "locations": [{
            "physicalLocation": physical(&finding.location),
            "message": { "text": finding.label },
        }],
        "partialFingerprints": { FINGERPRINT: finding.fingerprint() },
        "properties": {
            "tenant": finding.tenant,
            "resourceKind": finding.resource_kind,
            "resource": finding.resource,
            "status": finding.status.as_str(),
            "kind": finding.kind.as_str(),
            "severity": finding.severity.as_str(),
        },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    // An accepted or baselined finding is a suppressed result (§3.27.23): viewers such as
    // code scanning show it as dismissed, with the reason the suppression carries.
    let justification = match (finding.status, &finding.acceptance) {
        (Status::Open, _) => None,
        (Status::Accepted, Some(acceptance)) => Some(acceptance.justification()),
        (Status::Accepted, None) => Some("accepted risk".to_owned()),
        (Status::Baselined, _) => Some("recorded in the baseline".to_owned()),
    };
    if let Some(justification) = justification {
        result["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": justification,
        }]);
    }
    if finding.status == Status::Baselined {
        result["baselineState"] = json!("unchanged");
    }
    result
}

fn notification(problem: &Problem) -> Value {
    let mut value = json!({
        "level": "error",
        "message": { "text": problem.to_string() },
        "descriptor": { "id": problem_code(problem) },
    });
    if let Some(location) = problem.location() {
        let mut artifact = artifact(&location.file);
        artifact["region"] = json!({
            "startLine": location.line,
            "startColumn": location.column,
        });
        value["locations"] = json!([{ "physicalLocation": artifact }]);
    }
    value
}

fn physical(location: &Location) -> Value {
    let (start_line, start_column) = location.start();
    let (end_line, end_column) = location.end();
    let mut physical = artifact(location.file.name());
    physical["region"] = json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    });
    physical
}

/// A physical location without a region: a relative path resolves against `%SRCROOT%`, an
/// absolute one becomes a `file://` URI.
fn artifact(name: &str) -> Value {
    let absolute_windows = name.as_bytes().get(1) == Some(&b':');
    if name.starts_with('/') {
        json!({ "artifactLocation": { "uri": format!("file://{}", encode_uri_path(name)) } })
    } else if absolute_windows {
        json!({ "artifactLocation": { "uri": format!("file:///{}", encode_uri_path(name)) } })
    } else {
        json!({ "artifactLocation": { "uri": encode_uri_path(name), "uriBaseId": SRCROOT } })
    }
}

/// Percent-encodes a path for a URI, keeping `/` and the characters RFC 3986 leaves unreserved
/// (a drive letter's `:` is kept too).
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (byte == b':' && i == 1);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// SARIF's level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub's `security-severity` score (0.0–10.0, as a string) for a severity: error is high,
/// warning medium, info low.
pub fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

/// `dual-homed-system` → `DualHomedSystem`.
pub fn pascal_case(kebab: &str) -> String {
    kebab
        .split(['-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal_case("dual-homed-system"), "DualHomedSystem");
        assert_eq!(pascal_case("os"), "Os");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            encode_uri_path("tenants/a b#1.toml"),
            "tenants/a%20b%231.toml"
        );
        assert_eq!(encode_uri_path("C:/x/é.toml"), "C:/x/%C3%A9.toml");
    }
}
