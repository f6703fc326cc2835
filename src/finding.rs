//! The one finding type every output format consumes. A finding is data, not an error: the
//! violation of a rule by one resource, located at the value that causes it.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use miette::{Diagnostic, LabeledSpan, SourceCode};
use sha2::{Digest, Sha256};

use crate::rules::Rule;
use crate::severity::Severity;
use crate::source::Location;

/// Whether a finding still needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Not accepted or baselined: it counts towards `--fail-on`.
    Open,
    /// Covered by a live `[[accepted_risk]]` (see [`Finding::acceptance`]).
    Accepted,
    /// Recorded in the `--baseline` file.
    Baselined,
}

impl Status {
    /// The name used in machine-readable outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Accepted => "accepted",
            Status::Baselined => "baselined",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Status::Open, Status::Accepted, Status::Baselined]
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!("unknown status `{s}`: expected `open`, `accepted` or `baselined`")
            })
    }
}

/// The accepted risk that covers a finding, as outputs show it.
#[derive(Debug, Clone)]
pub struct Acceptance {
    /// Why the risk is accepted.
    pub reason: String,
    /// Who accepted it.
    pub accepted_by: String,
    /// When it was accepted.
    pub accepted_on: Date,
    /// The last day it covers.
    pub expires: Date,
    /// A ticket or letter, when given.
    pub reference: Option<String>,
    /// The acceptance's `rule` value: where it is written.
    pub location: Location,
}

impl Acceptance {
    /// One line for a suppression's justification or a table cell: reason, owner, dates and
    /// reference.
    pub fn justification(&self) -> String {
        let mut text = format!(
            "{} (accepted by {} on {}, expires {}",
            self.reason, self.accepted_by, self.accepted_on, self.expires
        );
        if let Some(reference) = &self.reference {
            text.push_str(&format!(", {reference}"));
        }
        text.push(')');
        text
    }
}

/// What a finding says about the duty. A rule's cases each have a kind (`@kind` on the case's
/// policy; `violation` when absent), because "the declared facts break the duty" and "the tenant
/// does not show the duty is met" call for different responses from a deployment gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Kind {
    /// Declared facts break the duty.
    #[default]
    Violation,
    /// A fact, attestation or record that would show the duty is met is not declared.
    Evidence,
}

impl Kind {
    /// The name used in annotations and machine-readable outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Violation => "violation",
            Kind::Evidence => "evidence",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "violation" => Ok(Kind::Violation),
            "evidence" => Ok(Kind::Evidence),
            _ => Err(format!(
                "unknown kind `{s}`: expected `violation` or `evidence`"
            )),
        }
    }
}

/// A rule violated by one resource of one tenant, or a duty the tenant does not show is met.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule, with its metadata.
    pub rule: Arc<Rule>,
    /// The effective severity (the rule's, after any configured override).
    pub severity: Severity,
    /// Open, or why not.
    pub status: Status,
    /// The accepted risk covering the finding, when its status is [`Status::Accepted`].
    pub acceptance: Option<Arc<Acceptance>>,
    /// The tenant's id.
    pub tenant: String,
    /// The kind of the resource, e.g. `system`.
    pub resource_kind: &'static str,
    /// The resource's id.
    pub resource: String,
    /// The primary location: the value that causes the violation.
    pub location: Location,
    /// Secondary locations with their labels.
    pub related: Vec<(Location, String)>,
    /// What is wrong, with the facts filled in.
    pub message: String,
    /// The label on the primary location.
    pub label: String,
    /// Which policy of the rule matched (its index in the `.cedar` file): a rule's cases, such
    /// as "broken" and "not declared", are distinct findings.
    pub case: usize,
    /// Whether the case judges declared facts or missing evidence.
    pub kind: Kind,
    /// The name of the tenant's own file (the location may be in a file it includes).
    pub tenant_file: String,
}

impl Finding {
    /// The stable identity of a finding: a digest of the rule, the rule's case, the tenant, the
    /// resource kind and the resource id, so that it does not change when lines move. SARIF and
    /// JSON carry the same value. 32 hex digits.
    pub fn fingerprint(&self) -> String {
        let case = self.case.to_string();
        digest(&[
            &self.rule.id,
            &case,
            &self.tenant,
            self.resource_kind,
            &self.resource,
        ])
    }

    /// The order findings are reported in: by file, position, rule and resource.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str, usize) {
        (
            self.location.file.name(),
            self.location.span.start,
            self.location.span.end,
            &self.rule.id,
            &self.resource,
            self.case,
        )
    }
}

/// The first 128 bits of the SHA-256 of the fields, each followed by a NUL byte so that field
/// boundaries count, in hex. A standard digest, not std's hasher, which is seeded per process.
fn digest(fields: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update(field.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding {}

impl Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{} ({})", self.rule.id, self.rule.title)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}\nclause: {}",
            self.rule.remediation, self.rule.clause
        )))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.location.file.text_as_source())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            Some(self.label.clone()),
            self.location.span.clone(),
        );
        let related = self.related.iter().map(|(location, label)| {
            LabeledSpan::new_with_span(Some(label.clone()), location.span.clone())
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

#[cfg(test)]
mod tests {
    use super::digest;

    #[test]
    fn digest_is_stable_and_respects_field_boundaries() {
        // `printf 'a\0' | sha256sum`, first 16 bytes.
        assert_eq!(digest(&["a"]), "ffe9aaeaa2a2d5048174df0b80599ef0");
        assert_eq!(digest(&["x", "y"]), digest(&["x", "y"]));
        assert_ne!(digest(&["ab", "c"]), digest(&["a", "bc"]));
        assert_eq!(digest(&[]).len(), 32);
    }
}
