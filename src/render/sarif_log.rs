//! The part of the SARIF 2.1.0 object model obligo writes, as typed structs: a misspelt or
//! misplaced property is a compile error, not a log code scanning silently ignores. Field order
//! is the order written. Why not the `serde-sarif` crate: see docs/reports.md.

use std::collections::BTreeMap;

use serde::Serialize;

/// `sarifLog`.
#[derive(Debug, Serialize)]
pub struct Log {
    /// `$schema`.
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    /// Always `2.1.0`.
    pub version: &'static str,
    /// One run.
    pub runs: Vec<Run>,
}

/// `run`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// The tool and its rules.
    pub tool: Tool,
    /// `runAutomationDetails`: the run's code-scanning category (`--sarif-category`, or the
    /// shard's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automation_details: Option<AutomationDetails>,
    /// How the run went.
    pub invocations: Vec<Invocation>,
    /// Where `%SRCROOT%` is.
    pub original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    /// `unicodeCodePoints`.
    pub column_kind: &'static str,
    /// One per finding.
    pub results: Vec<SarifResult>,
}

/// `runAutomationDetails`.
#[derive(Debug, Serialize)]
pub struct AutomationDetails {
    /// `category/`; code scanning keeps the results of each category apart.
    pub id: String,
}

/// `tool`.
#[derive(Debug, Serialize)]
pub struct Tool {
    /// `toolComponent` of obligo itself.
    pub driver: Driver,
}

/// `toolComponent` (the driver).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    /// `obligo`.
    pub name: &'static str,
    /// The crate version.
    pub version: &'static str,
    /// The crate version.
    pub semantic_version: &'static str,
    /// The project's address, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information_uri: Option<String>,
    /// Every rule of the run.
    pub rules: Vec<ReportingDescriptor>,
}

/// `reportingDescriptor`: a rule, or a notification's descriptor (only `id`).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    /// The rule id or problem code.
    pub id: String,
    /// PascalCase name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_description: Option<Message>,
    /// The clause and the contract's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_description: Option<Message>,
    /// Summary, fix and clause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Help>,
    /// The rule's section of the rules reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_uri: Option<String>,
    /// The effective level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_configuration: Option<Configuration>,
    /// `security-severity`, `tags`, `precision`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<RuleProperties>,
}

/// A rule's property bag, as GitHub code scanning reads it.
#[derive(Debug, Serialize)]
pub struct RuleProperties {
    /// `0.0`–`10.0`; only on security rules, from the effective severity.
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    pub security_severity: Option<&'static str>,
    /// `security` (only for rules that protect security), `contract`, the pack.
    pub tags: Vec<String>,
    /// `very-high`.
    pub precision: &'static str,
}

/// `multiformatMessageString` for help.
#[derive(Debug, Serialize)]
pub struct Help {
    /// Plain text.
    pub text: String,
    /// GitHub-flavoured Markdown.
    pub markdown: String,
}

/// `reportingConfiguration`.
#[derive(Debug, Serialize)]
pub struct Configuration {
    /// `error`, `warning` or `note`.
    pub level: &'static str,
}

/// `message` (text only).
#[derive(Debug, Serialize)]
pub struct Message {
    /// The text.
    pub text: String,
}

impl Message {
    /// A message with `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

/// `invocation`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    /// False when there is any problem.
    pub execution_successful: bool,
    /// The problems (and results left out to stay within code scanning's limits).
    pub tool_execution_notifications: Vec<Notification>,
}

/// `notification`.
#[derive(Debug, Serialize)]
pub struct Notification {
    /// `error`, `warning` or `note`.
    pub level: &'static str,
    /// What happened.
    pub message: Message,
    /// The problem code.
    pub descriptor: ReportingDescriptor,
    /// Where, when known.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
}

/// `result`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    /// The rule id.
    pub rule_id: String,
    /// `error`, `warning`, `note` or `none`.
    pub level: &'static str,
    /// `fail` or `review`.
    pub kind: &'static str,
    /// The finding's message.
    pub message: Message,
    /// The primary location.
    pub locations: Vec<Location>,
    /// The stable identity.
    pub partial_fingerprints: BTreeMap<&'static str, String>,
    /// Tenant, resource, status, kind and severity.
    pub properties: ResultProperties,
    /// The rule's index in `tool.driver.rules`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    /// Secondary locations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location>,
    /// Why an accepted or baselined finding does not count.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
    /// `unchanged` for a finding recorded in the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<&'static str>,
}

/// `suppression` (§3.35).
#[derive(Debug, Serialize)]
pub struct Suppression {
    /// `external`: the decision is kept outside the tenant's configuration values.
    pub kind: &'static str,
    /// `accepted`.
    pub status: &'static str,
    /// The reason, owner and expiry of the acceptance, or the baseline.
    pub justification: String,
}

/// A result's property bag.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultProperties {
    /// The tenant id.
    pub tenant: String,
    /// The resource kind, e.g. `system`.
    pub resource_kind: &'static str,
    /// The resource id.
    pub resource: String,
    /// `open`, `accepted` or `baselined`.
    pub status: &'static str,
    /// `violation` or `evidence`.
    pub kind: &'static str,
    /// The effective severity.
    pub severity: &'static str,
}

/// `location`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// 1-based id, for related locations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    /// File and region.
    pub physical_location: PhysicalLocation,
    /// The label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
}

/// `physicalLocation`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    /// The file.
    pub artifact_location: ArtifactLocation,
    /// Lines and columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

/// `artifactLocation`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    /// Relative to `uri_base_id`, or absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// `%SRCROOT%` for a relative `uri`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
    /// What a base id stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Message>,
}

/// `region`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// 1-based.
    pub start_line: usize,
    /// 1-based, in characters.
    pub start_column: usize,
    /// 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    /// Exclusive, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
}
