//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, written
//! through the typed model of [`crate::render::sarif_log`].
//!
//! The driver lists every loaded rule, not only those with findings, so that a rule's
//! `ruleIndex` is the same in every run with the same rules and code scanning knows each rule's
//! help. A rule's level and `security-severity` are its effective severity (after
//! `obligo.toml`), and only rules tagged `security` carry a `security-severity`, so that code
//! scanning's Security tab holds security findings only. Results carry `partialFingerprints`
//! built from the rule and its case, tenant and resource (never from line numbers), so an alert
//! survives edits that move lines. Artifact URIs are relative to the repository root
//! (`%SRCROOT%`). Problems (invalid files, broken policies) are tool execution notifications,
//! and make `executionSuccessful` false.
//!
//! The log stays within code scanning's limits ([`crate::render::truncate`]): at most 25,000
//! results and 10 MB, the least severe findings left out first, which a `warning` notification
//! (`obligo::output::truncated`) counts; at most 1,000 locations per result.

use std::collections::BTreeMap;

use crate::finding::{Finding, Kind, Status};
use crate::problem::Problem;
use crate::render::sarif_log::{
    ArtifactLocation, AutomationDetails, Configuration, Driver, Help, Invocation, Location, Log,
    Message, Notification, PhysicalLocation, Region, ReportingDescriptor, ResultProperties,
    RuleProperties, Run, SarifResult, Suppression, Tool,
};
use crate::render::truncate::{self, SARIF_LOCATIONS};
use crate::render::{Input, Renderer, SourceRoot, problem_code};
use crate::rules::Rule;
use crate::severity::Severity;

/// The JSON schema the log declares.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base id that relative artifact URIs resolve against: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of obligo's fingerprint in `partialFingerprints`.
pub const FINGERPRINT: &str = "obligoFingerprint/v2";

/// Where the rules reference (docs/rules.md) is published: a rule's `helpUri` is this address
/// and the rule's anchor. `--help-base-uri` replaces it, e.g. for a fork or a pinned tag.
pub const RULES_URI: &str = "https://github.com/obligo/obligo/blob/main/docs/rules.md";

/// The tag that marks a rule protecting security (`@tags("security")`).
pub const SECURITY_TAG: &str = "security";

/// The `sarif` format.
#[derive(Debug, Clone, Copy)]
pub struct Sarif;

impl Renderer for Sarif {
    fn render(&self, input: &Input<'_>) -> String {
        render(input)
    }
}

/// Renders the report as a SARIF log with one run, within the results and size limits of
/// `input.settings.limits`: when the log would pass either, the most important findings that
/// fit are kept.
fn render(input: &Input<'_>) -> String {
    let findings = &input.report.findings;
    let limits = &input.settings.limits;
    let mut keep = findings.len().min(limits.sarif_results);
    loop {
        let shown = truncate::keep_most_important(findings, keep);
        let text = log(input, &shown);
        if text.len() <= limits.sarif_bytes || keep == 0 {
            return text;
        }
        // Results make up most of the log: scale down by the excess, with a margin.
        let scaled = keep as u128 * limits.sarif_bytes as u128 * 95 / (text.len() as u128 * 100);
        keep = usize::try_from(scaled).unwrap_or(0).min(keep - 1);
    }
}

/// The SARIF log of the findings marked `shown`. A rule that has findings but is missing from
/// `input.rules` is added.
fn log(input: &Input<'_>, shown: &[bool]) -> String {
    let report = input.report;
    let settings = input.settings;
    let mut all: Vec<&Rule> = input.rules.iter().map(AsRef::as_ref).collect();
    for finding in &report.findings {
        if !all.iter().any(|r| r.id == finding.rule.id) {
            all.push(&finding.rule);
        }
    }
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all.dedup_by(|a, b| a.id == b.id);

    let root = settings.source_root.as_ref();
    let results = report
        .findings
        .iter()
        .zip(shown)
        .filter(|(_, shown)| **shown)
        .map(|(f, _)| result(f, all.iter().position(|r| r.id == f.rule.id), root))
        .collect();
    let mut notifications: Vec<Notification> = report
        .problems
        .iter()
        .map(|p| notification(p, root))
        .collect();
    let left_out = truncate::left_out(&report.findings, shown);
    if truncate::count(&left_out) > 0 {
        notifications.push(truncated(
            &left_out,
            report.findings.len(),
            &settings.limits,
        ));
    }
    let rules = all
        .iter()
        .map(|r| descriptor(r, settings.severity(r), &settings.rules_uri))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "obligo",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri().map(str::to_owned),
                    rules,
                },
            },
            // A trailing `/` makes the whole id the category (no run id after it).
            automation_details: settings.sarif_category.as_ref().map(|category| {
                AutomationDetails {
                    id: format!("{}/", category.trim_end_matches('/')),
                }
            }),
            invocations: vec![Invocation {
                execution_successful: report.problems.is_empty(),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    description: Some(Message::new(
                        "The repository root: the git top-level directory above the directory \
                         obligo ran in, or `--sarif-root`.",
                    )),
                    ..ArtifactLocation::default()
                },
            )]),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
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

/// A rule as code scanning shows it, at its effective `severity`.
fn descriptor(rule: &Rule, severity: Severity, rules_uri: &str) -> ReportingDescriptor {
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
    let security = rule.is_security();
    let mut tags: Vec<String> = Vec::new();
    if security {
        tags.push(SECURITY_TAG.to_owned());
    }
    tags.push("contract".to_owned());
    tags.push(rule.pack.clone());
    ReportingDescriptor {
        id: rule.id.clone(),
        name: Some(pascal_case(rule.id.rsplit('/').next().unwrap_or(&rule.id))),
        short_description: Some(Message::new(&rule.title)),
        full_description: Some(Message::new(full)),
        help: Some(Help {
            text: help_text,
            markdown: help_markdown,
        }),
        help_uri: Some(help_uri(rules_uri, &rule.id)),
        default_configuration: Some(Configuration {
            level: level(severity),
        }),
        properties: Some(RuleProperties {
            security_severity: security.then(|| security_severity(severity)),
            tags,
            precision: "very-high",
        }),
    }
}

/// The rule's section of the rules reference at `rules_uri`.
pub fn help_uri(rules_uri: &str, rule_id: &str) -> String {
    format!("{rules_uri}#{}", crate::rules::reference::anchor(rule_id))
}

fn result(finding: &Finding, rule_index: Option<usize>, root: Option<&SourceRoot>) -> SarifResult {
    // Code scanning takes at most SARIF_LOCATIONS locations per result, the primary one included.
    let related = finding
        .related
        .iter()
        .take(SARIF_LOCATIONS - 1)
        .enumerate()
        .map(|(i, (location, label))| Location {
            id: Some(i + 1),
            physical_location: physical(location, root),
            message: Some(Message::new(label)),
        })
        .collect();
    // SARIF's `review` is "the tool could not decide; a person must look", which is what an
    // evidence gap is; a result whose kind is not `fail` must have level `none` (§3.27.10), so
    // the rule's severity travels in the properties.
    let (kind, level) = match finding.kind {
        Kind::Violation => ("fail", level(finding.severity)),
        Kind::Evidence => ("review", "none"),
    };
    // An accepted or baselined finding is a suppressed result (§3.27.23): viewers such as
    // code scanning show it as dismissed, with the reason the suppression carries.
    let justification = match (finding.status, &finding.acceptance) {
        (Status::Open, _) => None,
        (Status::Accepted, Some(acceptance)) => Some(acceptance.justification()),
        (Status::Accepted, None) => Some("accepted risk".to_owned()),
        (Status::Baselined, _) => Some("recorded in the baseline".to_owned()),
    };
    let suppressions = justification
        .map(|justification| Suppression {
            kind: "external",
            status: "accepted",
            justification,
        })
        .into_iter()
        .collect();
    let baseline_state = (finding.status == Status::Baselined).then_some("unchanged");
    SarifResult {
        rule_id: finding.rule.id.clone(),
        level,
        kind,
        message: Message::new(&finding.message),
        locations: vec![Location {
            id: None,
            physical_location: physical(&finding.location, root),
            message: Some(Message::new(&finding.label)),
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, finding.fingerprint())]),
        properties: ResultProperties {
            tenant: finding.tenant.clone(),
            resource_kind: finding.resource_kind,
            resource: finding.resource.clone(),
            status: finding.status.as_str(),
            kind: finding.kind.as_str(),
            severity: finding.severity.as_str(),
        },
        rule_index,
        related_locations: related,
        suppressions,
        baseline_state,
    }
}

/// The notification that counts the findings left out to stay within code scanning's limits.
fn truncated(
    left_out: &crate::render::Totals,
    all: usize,
    limits: &truncate::Limits,
) -> Notification {
    let count = truncate::count(left_out);
    Notification {
        level: "warning",
        message: Message::new(format!(
            "{count} of {all} findings are left out of this log, the least severe first ({}), to \
             stay within code scanning's limits ({} results per run, {} per file); {}.",
            truncate::breakdown(left_out),
            truncate::grouped(limits.sarif_results),
            truncate::Unit::Bytes.describe(limits.sarif_bytes),
            limits.full_report_pointer()
        )),
        descriptor: ReportingDescriptor {
            id: crate::problem::codes::OUTPUT_TRUNCATED.id.to_owned(),
            ..ReportingDescriptor::default()
        },
        locations: Vec::new(),
    }
}

fn notification(problem: &Problem, root: Option<&SourceRoot>) -> Notification {
    let locations = problem
        .location()
        .map(|location| Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact(&location.file, root),
                region: Some(Region {
                    start_line: location.line,
                    start_column: location.column,
                    end_line: None,
                    end_column: None,
                }),
            },
            message: None,
        })
        .into_iter()
        .collect();
    Notification {
        level: "error",
        message: Message::new(problem.to_string()),
        descriptor: ReportingDescriptor {
            id: problem_code(problem),
            ..ReportingDescriptor::default()
        },
        locations,
    }
}

fn physical(location: &crate::source::Location, root: Option<&SourceRoot>) -> PhysicalLocation {
    let (start_line, start_column) = location.start();
    let (end_line, end_column) = location.end();
    PhysicalLocation {
        artifact_location: artifact(location.file.name(), root),
        region: Some(Region {
            start_line,
            start_column,
            end_line: Some(end_line),
            end_column: Some(end_column),
        }),
    }
}

/// A file as shown by obligo (relative to the working directory, or absolute): relative to
/// the repository root under `%SRCROOT%` when it lies inside it, else an absolute `file://`
/// URI. Without a root, a relative name is kept relative.
fn artifact(name: &str, root: Option<&SourceRoot>) -> ArtifactLocation {
    let relative = match root {
        Some(root) => root.relative(name),
        None if is_absolute(name) => None,
        None => Some(name.replace('\\', "/")),
    };
    match relative {
        Some(relative) => ArtifactLocation {
            uri: Some(encode_uri_path(&relative)),
            uri_base_id: Some(SRCROOT),
            description: None,
        },
        None => {
            let absolute = root
                .map(|r| r.absolute(name))
                .unwrap_or_else(|| name.replace('\\', "/"));
            let slash = if absolute.starts_with('/') { "" } else { "/" };
            ArtifactLocation {
                uri: Some(format!("file://{slash}{}", encode_uri_path(&absolute))),
                ..ArtifactLocation::default()
            }
        }
    }
}

fn is_absolute(name: &str) -> bool {
    name.starts_with('/') || name.as_bytes().get(1) == Some(&b':')
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

    #[test]
    fn artifacts_are_relative_to_the_root() {
        let root = SourceRoot {
            cwd: "/repo/sub".into(),
            root: "/repo".into(),
        };
        let uri = |name: &str| artifact(name, Some(&root));
        assert_eq!(uri("t/a.toml").uri.as_deref(), Some("sub/t/a.toml"));
        assert_eq!(uri("t/a.toml").uri_base_id, Some(SRCROOT));
        assert_eq!(uri("../x.toml").uri.as_deref(), Some("x.toml"));
        assert_eq!(uri("/repo/y.toml").uri.as_deref(), Some("y.toml"));
        let outside = uri("../../etc/z.toml");
        assert_eq!(outside.uri.as_deref(), Some("file:///etc/z.toml"));
        assert_eq!(outside.uri_base_id, None);
        assert_eq!(artifact("t/a.toml", None).uri.as_deref(), Some("t/a.toml"));
    }

    #[test]
    fn help_uris_point_at_the_rule_anchor() {
        assert_eq!(
            help_uri("https://x/docs/rules.md", "nrb/unsupported-os"),
            "https://x/docs/rules.md#nrbunsupported-os"
        );
    }
}
