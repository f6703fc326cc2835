//! Baselines: the findings an estate already had when it adopted obligo, recorded so that a
//! gate fails only on new ones. A finding is identified by its [`Finding::fingerprint`] (rule,
//! case, tenant, resource; no line numbers) and its offending value (the text it points at), so
//! edits elsewhere in a file keep it, and changing the value makes it new. The file is TOML,
//! one `[[finding]]` table per finding, sorted, so that it reads well in a diff.
//!
//! obligo's own findings about accepted risks (pack `obligo`) are never baselined: they are
//! the accountability of acceptances, which a baseline must not switch off.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::accept::PACK;
use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::rules::Rule;
use crate::severity::Severity;
use crate::source::SourceFile;
use crate::tenant::reader::{Cx, Table};
use crate::tenant::{InputError, InputErrorKind};

/// The version of the baseline format.
pub const VERSION: i64 = 1;

/// The longest offending value recorded, in characters; longer ones are cut (the fingerprint
/// still tells findings apart).
const MAX_VALUE_CHARS: usize = 200;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Entry {
    /// The rule id.
    pub rule: String,
    /// The tenant id.
    pub tenant: String,
    /// The kind of the resource, e.g. `system`.
    pub kind: String,
    /// The resource id.
    pub resource: String,
    /// The offending value, whitespace collapsed.
    pub value: String,
    /// [`Finding::fingerprint`].
    pub fingerprint: String,
}

impl Entry {
    /// The entry a finding is recorded as.
    pub fn of(finding: &Finding) -> Self {
        Self {
            rule: finding.rule.id.clone(),
            tenant: finding.tenant.clone(),
            kind: finding.resource_kind.to_owned(),
            resource: finding.resource.clone(),
            value: offending_value(finding),
            fingerprint: finding.fingerprint(),
        }
    }

    fn key(&self) -> (&str, &str) {
        (&self.fingerprint, &self.value)
    }
}

/// The text a finding points at, on one line and at most [`MAX_VALUE_CHARS`] characters.
pub fn offending_value(finding: &Finding) -> String {
    let text = finding
        .location
        .file
        .text()
        .get(finding.location.span.clone())
        .unwrap_or_default();
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.chars().take(MAX_VALUE_CHARS).collect()
}

/// A baseline file, read.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The file.
    pub file: SourceFile,
    /// The entries, each with the span of its table.
    pub entries: Vec<(Entry, Range<usize>)>,
}

impl Baseline {
    /// Reads a baseline file strictly: unknown keys and missing fields are errors.
    pub fn load(path: &std::path::Path, max_file_size: u64) -> Result<Baseline, Vec<InputError>> {
        match crate::limits::read_text(path, max_file_size) {
            Ok(text) => Baseline::parse(&SourceFile::new(path, text)),
            Err(error) => Err(vec![InputError::whole_file(
                &SourceFile::new(path, ""),
                InputErrorKind::Unreadable(error.to_string()),
            )]),
        }
    }

    /// Reads the text of a baseline file.
    pub fn parse(file: &SourceFile) -> Result<Baseline, Vec<InputError>> {
        let root = crate::tenant::reader::document(file)?;
        let cx = Cx::new(file);
        let mut top = Table::root(&cx, &root, "the baseline");
        match top.count("version") {
            Some(v) if v.value == VERSION => {}
            Some(v) => cx.report(
                v.span,
                InputErrorKind::Inconsistent(format!(
                    "baseline version {} is not supported: this obligo reads version {VERSION}",
                    v.value
                )),
            ),
            None => {
                top.required_string("version");
            }
        }
        let mut entries = Vec::new();
        for mut t in top.tables("finding", "[[finding]]") {
            let mut field = |key| t.required_string(key).map(|s| s.value);
            let entry = (|| {
                Some(Entry {
                    rule: field("rule")?,
                    tenant: field("tenant")?,
                    kind: field("kind")?,
                    resource: field("resource")?,
                    value: field("value")?,
                    fingerprint: field("fingerprint")?,
                })
            })();
            let span = t.span();
            t.finish();
            entries.extend(entry.map(|e| (e, span)));
        }
        top.finish();
        let errors = cx.into_errors();
        if errors.is_empty() {
            Ok(Baseline {
                file: file.clone(),
                entries,
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether a finding may be recorded in a baseline.
fn recordable(finding: &Finding) -> bool {
    finding.status != Status::Accepted && finding.rule.pack != PACK
}

/// The baseline of a report, as the text of a file: every open or baselined finding that may be
/// recorded, sorted and without duplicates.
pub fn write(report: &Report) -> String {
    #[derive(Serialize)]
    struct Document {
        version: i64,
        finding: Vec<Entry>,
    }
    let entries: BTreeSet<Entry> = report
        .findings
        .iter()
        .filter(|f| recordable(f))
        .map(Entry::of)
        .collect();
    let document = Document {
        version: VERSION,
        finding: entries.into_iter().collect(),
    };
    let body = toml::to_string(&document)
        .unwrap_or_else(|e| format!("# cannot serialise the baseline: {e}\n"));
    format!(
        "# obligo baseline: findings that `obligo check --baseline` reports as baselined and does\n\
         # not fail on. Written by `obligo check --write-baseline`; an entry is matched by its\n\
         # fingerprint (rule, case, tenant, resource) and its offending value, not by line.\n\
         # Delete the entries obligo reports as no longer occurring.\n\n{body}"
    )
}

/// Marks the findings of `report` that `baseline` records as baselined, and adds an info
/// finding at each entry for a checked tenant that no longer occurs, so the file can be
/// pruned. Entries for tenants not checked in this run are left alone.
pub fn apply(report: &mut Report, baseline: &Baseline, gone: &Arc<Rule>) {
    let recorded: HashSet<(&str, &str)> = baseline.entries.iter().map(|(e, _)| e.key()).collect();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for finding in report.findings.iter_mut().filter(|f| recordable(f)) {
        let entry = Entry::of(finding);
        if recorded.contains(&entry.key()) {
            if finding.status == Status::Open {
                finding.status = Status::Baselined;
            }
            seen.insert((entry.fingerprint, entry.value));
        }
    }
    let mut notes = Vec::new();
    for (entry, span) in &baseline.entries {
        if seen.contains(&(entry.fingerprint.clone(), entry.value.clone())) {
            continue;
        }
        let Some(tenant) = report.checked.iter().find(|t| t.id == entry.tenant) else {
            continue;
        };
        notes.push(Finding {
            rule: Arc::clone(gone),
            severity: gone.severity,
            status: Status::Open,
            acceptance: None,
            tenant: entry.tenant.clone(),
            resource_kind: "baseline entry",
            resource: format!("{} {} {}", entry.rule, entry.kind, entry.resource),
            location: baseline.file.location(span.clone()),
            related: Vec::new(),
            message: format!(
                "`{}` for {} `{}` of tenant `{}` no longer occurs: delete this entry from the \
                 baseline",
                entry.rule, entry.kind, entry.resource, entry.tenant
            ),
            label: "no longer occurs".to_owned(),
            case: 0,
            kind: Kind::Violation,
            tenant_file: tenant.file.clone(),
        });
    }
    report.findings.extend(notes);
    report
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The built-in rule of the notes about entries that no longer occur (info).
pub fn gone_rule() -> Arc<Rule> {
    Arc::new(Rule::builtin(
        &format!("{PACK}/baseline-entry-gone"),
        Severity::Info,
        "Baseline entry no longer occurs",
        "obligo: baselines (docs/outputs.md#baselines)",
        "A baseline records known findings; an entry whose finding is gone can be deleted.",
        "Delete the entry, or write the baseline again with `--write-baseline`.",
    ))
}
