//! A rule: one `.cedar` file. Its first policy carries the rule's annotations; every policy in
//! the file is a *part* of the rule (one per resource type or per case), which may override the
//! message, label and location. The header comment is the rule's documentation.

use cedar_policy::Policy;

use crate::finding::Kind;
use crate::rules::scope::{AppliesTo, Binds};
use crate::severity::Severity;
use crate::source::SourceFile;

/// Annotations a rule's first policy must carry.
pub const REQUIRED: [&str; 11] = [
    "id",
    "severity",
    "title",
    "binds",
    "applies_to",
    "clause",
    "quote",
    "summary",
    "remediation",
    "location",
    "message",
];

/// Annotations a rule may carry; anything else is a typo and an error.
pub const KNOWN: [&str; 15] = [
    "id",
    "severity",
    "title",
    "binds",
    "applies_to",
    "clause",
    "quote",
    "summary",
    "remediation",
    "location",
    "message",
    "label",
    "kind",
    "tags",
    "acceptable",
];

/// The values `@tags` may list: `security` marks a rule whose duty protects the confidentiality,
/// integrity or availability of systems and data (see docs/writing-rules.md).
pub const TAGS: [&str; 1] = ["security"];

/// Annotations a later policy in the file may set for itself.
pub const PER_PART: [&str; 4] = ["location", "message", "label", "kind"];

/// The metadata and policies of one rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, `<pack>/<kebab-name>`.
    pub id: String,
    /// The pack (contract) the rule belongs to.
    pub pack: String,
    /// Severity before any configured override.
    pub severity: Severity,
    /// One-line title.
    pub title: String,
    /// The party the clause binds.
    pub binds: Binds,
    /// What the clause reaches; the policies scope their resources to it.
    pub applies_to: AppliesTo,
    /// Document and article the obligation comes from.
    pub clause: String,
    /// The contract's words (Dutch), verbatim.
    pub quote: Option<String>,
    /// English summary of the obligation.
    pub summary: Option<String>,
    /// How to fix a violation.
    pub remediation: String,
    /// `@tags`, e.g. `security`, in the order written.
    pub tags: Vec<String>,
    /// Whether an `[[accepted_risk]]` may cover its findings (`@acceptable("false")` when the
    /// clause allows no exception, e.g. a transfer without a safeguard); default true.
    pub acceptable: bool,
    /// The longest an acceptance of its findings may run, in days, from its pack's
    /// `pack.toml`; `None` leaves it to `obligo.toml`.
    pub max_term_days: Option<i64>,
    /// Markdown from the file's header comment (why it matters, examples).
    pub docs: String,
    /// The `.cedar` file.
    pub file: SourceFile,
    /// The parameters (`context.params.<name>`) the rule reads.
    pub params: Vec<String>,
    /// The policies of the rule, in file order.
    pub parts: Vec<RulePart>,
}

/// One policy of a rule.
#[derive(Debug, Clone)]
pub struct RulePart {
    /// The policy, with id `<rule id>#<index>`.
    pub policy: Policy,
    /// The entity type it applies to, e.g. `Obligo::System`.
    pub resource_type: String,
    /// The attribute path the finding points at, e.g. `os` or `destination.country`.
    pub location: String,
    /// Message template: `{resource}`, `{kind}`, `{attr.path}` and `{context.name}` are filled in.
    pub message: String,
    /// Label template for the primary location.
    pub label: Option<String>,
    /// What a match of this policy means. Unlike the message, it is never inherited from the
    /// first policy: each case says for itself whether it fires on missing evidence.
    pub kind: Kind,
}

impl Rule {
    /// Whether the rule protects security (`@tags("security")`): only those are security alerts
    /// in code scanning.
    pub fn is_security(&self) -> bool {
        self.tags.iter().any(|t| t == "security")
    }

    /// A rule of obligo's own, about its input rather than a contract (accepted risks,
    /// baselines): it has no policies, its findings are computed in Rust, and it is never
    /// acceptable. `id` is `<pack>/<name>`.
    pub fn builtin(
        id: &str,
        severity: Severity,
        title: &str,
        clause: &str,
        summary: &str,
        remediation: &str,
    ) -> Rule {
        Rule {
            id: id.to_owned(),
            pack: id.split('/').next().unwrap_or_default().to_owned(),
            severity,
            title: title.to_owned(),
            binds: Binds::Customer,
            applies_to: AppliesTo::CustomerUse,
            clause: clause.to_owned(),
            quote: None,
            summary: Some(summary.to_owned()),
            remediation: remediation.to_owned(),
            acceptable: false,
            max_term_days: None,
            tags: Vec::new(),
            docs: String::new(),
            file: SourceFile::new(format!("<builtin {id}>"), ""),
            params: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// The resource types the rule applies to, without repeats.
    pub fn resource_types(&self) -> Vec<&str> {
        let mut types: Vec<&str> = self
            .parts
            .iter()
            .map(|p| p.resource_type.as_str())
            .collect();
        types.dedup();
        types
    }
}

/// The documentation in a file's leading `//` comment lines, without the comment markers.
pub fn header_docs(text: &str) -> String {
    let mut docs = String::new();
    for line in text.lines() {
        let Some(comment) = line.trim_start().strip_prefix("//") else {
            break;
        };
        docs.push_str(comment.strip_prefix(' ').unwrap_or(comment));
        docs.push('\n');
    }
    docs.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::header_docs;

    #[test]
    fn header_docs_stop_at_the_first_code_line() {
        let text = "// ## Why\n// because\n//\n// more\n@id(\"x\")\n// not docs\n";
        assert_eq!(header_docs(text), "## Why\nbecause\n\nmore");
    }
}
