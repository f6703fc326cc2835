//! GitHub's limits on what a step may show, and what a report leaves out to stay within them.
//! A report that must fit a limit keeps the most important findings and leaves out the least
//! important first, in one order shared by every format: open findings before accepted and
//! baselined ones; then errors, warnings and infos; among findings of one severity,
//! violations before evidence gaps; among equals, the report's own order. Totals always count
//! every finding, and a note says how many were left out and where the full report is.

use std::cmp::Reverse;

use crate::finding::{Finding, Kind, Status};
use crate::render::Totals;
use crate::render::human::plural;

/// Annotations of one level (error, warning, notice) GitHub shows per step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// The largest job summary GitHub accepts from one step, in bytes (1 MiB).
pub const STEP_SUMMARY_BYTES: usize = 1024 * 1024;

/// The longest pull-request comment GitHub accepts, in characters.
pub const COMMENT_CHARS: usize = 65_536;

/// The most results code scanning accepts in one SARIF run.
pub const SARIF_RESULTS: usize = 25_000;

/// The largest SARIF file code scanning accepts, in bytes (10 MB). GitHub applies it to the
/// compressed upload; obligo keeps the file itself under it, so that any upload path works.
pub const SARIF_BYTES: usize = 10_000_000;

/// The most locations one SARIF result may carry in code scanning (its related locations
/// included).
pub const SARIF_LOCATIONS: usize = 1_000;

/// The limits reports are held to, and where the full report is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The longest Markdown report, in characters (`--markdown-limit`); `None`: no limit.
    pub markdown_chars: Option<usize>,
    /// The largest GitHub job summary, in bytes.
    pub summary_bytes: usize,
    /// The most annotations of one level in `--format github`.
    pub annotations: usize,
    /// The most SARIF results.
    pub sarif_results: usize,
    /// The largest SARIF file, in bytes.
    pub sarif_bytes: usize,
    /// The address of the full reports (on GitHub, the run's page with its artifacts); `None`
    /// when unknown.
    pub full_report: Option<String>,
}

impl Default for Limits {
    /// GitHub's limits; Markdown unlimited; no address for the full report.
    fn default() -> Self {
        Self {
            markdown_chars: None,
            summary_bytes: STEP_SUMMARY_BYTES,
            annotations: ANNOTATIONS_PER_LEVEL,
            sarif_results: SARIF_RESULTS,
            sarif_bytes: SARIF_BYTES,
            full_report: None,
        }
    }
}

impl Limits {
    /// The run's page on GitHub, from the variables GitHub Actions sets
    /// (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_RUN_ID`), when all are set.
    pub fn run_url(var: impl Fn(&str) -> Option<String>) -> Option<String> {
        let get = |name: &str| var(name).filter(|v| !v.is_empty());
        let server = get("GITHUB_SERVER_URL")?;
        let repository = get("GITHUB_REPOSITORY")?;
        let run = get("GITHUB_RUN_ID")?;
        Some(format!(
            "{}/{repository}/actions/runs/{run}",
            server.trim_end_matches('/')
        ))
    }

    /// Where every finding can be read, as a sentence ending: a link to the run when known.
    pub fn full_report_pointer(&self) -> String {
        match &self.full_report {
            Some(url) => format!("see the full reports of the run: {url}"),
            None => "see the full report".to_owned(),
        }
    }
}

/// How important a finding is to keep: the larger, the later it is left out.
fn priority(finding: &Finding) -> impl Ord + use<> {
    (
        finding.status == Status::Open,
        finding.severity,
        finding.kind == Kind::Violation,
    )
}

/// The indices of `findings`, the most important first (stable: report order among equals).
fn by_priority(findings: &[Finding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| Reverse(priority(&findings[i])));
    order
}

/// Which findings to keep when only `keep` fit: `shown[i]` for `findings[i]`.
pub fn keep_most_important(findings: &[Finding], keep: usize) -> Vec<bool> {
    let mut shown = vec![false; findings.len()];
    for i in by_priority(findings).into_iter().take(keep) {
        shown[i] = true;
    }
    shown
}

/// The counts of the findings left out (`shown[i]` false).
pub fn left_out(findings: &[Finding], shown: &[bool]) -> Totals {
    let mut totals = Totals::default();
    for (finding, _) in findings.iter().zip(shown).filter(|(_, s)| !**s) {
        totals.add(finding);
    }
    totals
}

/// Every finding counted in `totals`, whatever its kind and status.
pub fn count(totals: &Totals) -> usize {
    totals.total() + totals.evidence + totals.accepted + totals.baselined
}

/// `2 errors, 1 warning, 300 evidence gaps`: the non-zero counts of `totals`.
pub fn breakdown(totals: &Totals) -> String {
    let parts = [
        (totals.errors, "error"),
        (totals.warnings, "warning"),
        (totals.infos, "info"),
        (totals.evidence, "evidence gap"),
        (totals.accepted, "accepted finding"),
        (totals.baselined, "baselined finding"),
    ];
    let parts: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| plural(*n, noun))
        .collect();
    parts.join(", ")
}

/// How a limit is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes (GitHub's job summary).
    Bytes,
    /// Characters (a pull-request comment).
    Chars,
}

impl Unit {
    /// The size of `text`.
    pub fn measure(self, text: &str) -> usize {
        match self {
            Unit::Bytes => text.len(),
            Unit::Chars => text.chars().count(),
        }
    }

    /// `65,536 characters`, `1,048,576 bytes`.
    pub fn describe(self, size: usize) -> String {
        let name = match self {
            Unit::Bytes => "byte",
            Unit::Chars => "character",
        };
        let mut text = plural(size, name);
        text.replace_range(..size.to_string().len(), &grouped(size));
        text
    }
}

/// A number with thousands separators, e.g. `25,000`: limits read better so.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A limit on a rendered text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// The largest size allowed.
    pub max: usize,
    /// What it counts.
    pub unit: Unit,
}

impl Budget {
    fn fits(&self, text: &str) -> bool {
        self.unit.measure(text) <= self.max
    }
}

/// Renders `findings` within `budget`: `render(None)` is the whole report; when it does not fit,
/// `render(Some(shown))` renders only the findings marked shown, and the most findings that fit
/// are kept, the least important left out first. Should even a report without findings not fit
/// (thousands of problems, a tiny limit), its text is cut at a line break with a last line
/// saying so.
pub fn fit(
    findings: &[Finding],
    budget: Budget,
    full_report: &str,
    render: impl Fn(Option<&[bool]>) -> String,
) -> String {
    let whole = render(None);
    if budget.fits(&whole) {
        return whole;
    }
    let order = by_priority(findings);
    let with = |keep: usize| {
        let mut shown = vec![false; findings.len()];
        for &i in &order[..keep] {
            shown[i] = true;
        }
        render(Some(&shown))
    };
    let none = with(0);
    if !budget.fits(&none) {
        return cut(&none, budget, full_report);
    }
    // The size grows with the findings kept: the largest count that fits, by bisection.
    let (mut fitting, mut too_many) = (0, findings.len());
    let mut best = none;
    while too_many - fitting > 1 {
        let middle = fitting + (too_many - fitting) / 2;
        let text = with(middle);
        if budget.fits(&text) {
            fitting = middle;
            best = text;
        } else {
            too_many = middle;
        }
    }
    best
}

/// `text` cut at the last line break that leaves room for a closing line.
fn cut(text: &str, budget: Budget, full_report: &str) -> String {
    let tail = format!("\n… cut here to fit the limit; {full_report}.\n");
    let room = budget.max.saturating_sub(budget.unit.measure(&tail));
    let mut end = 0;
    let mut size = 0;
    for (i, c) in text.char_indices() {
        size += match budget.unit {
            Unit::Bytes => c.len_utf8(),
            Unit::Chars => 1,
        };
        if size > room {
            break;
        }
        if c == '\n' {
            end = i + 1;
        }
    }
    let mut out = text[..end].to_owned();
    out.push_str(&tail);
    if budget.fits(&out) {
        out
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_written_with_thousands_separators() {
        assert_eq!(Unit::Chars.describe(65_536), "65,536 characters");
        assert_eq!(Unit::Bytes.describe(1_048_576), "1,048,576 bytes");
        assert_eq!(Unit::Bytes.describe(100), "100 bytes");
    }

    #[test]
    fn the_run_url_needs_all_three_variables() {
        let env = |name: &str| match name {
            "GITHUB_SERVER_URL" => Some("https://github.com/".to_owned()),
            "GITHUB_REPOSITORY" => Some("acme/tenants".to_owned()),
            "GITHUB_RUN_ID" => Some("42".to_owned()),
            _ => None,
        };
        assert_eq!(
            Limits::run_url(env).as_deref(),
            Some("https://github.com/acme/tenants/actions/runs/42")
        );
        assert_eq!(
            Limits::run_url(|n| env(n).filter(|_| n != "GITHUB_RUN_ID")),
            None
        );
    }

    #[test]
    fn a_text_that_cannot_fit_is_cut_at_a_line_break() {
        let budget = Budget {
            max: 60,
            unit: Unit::Chars,
        };
        let text = "line one\nline two\nline three\nline four\n".repeat(4);
        let out = cut(&text, budget, "see the full report");
        assert!(out.chars().count() <= 60, "{out}");
        assert!(out.starts_with("line one\n"), "{out}");
        assert!(out.ends_with("see the full report.\n"), "{out}");
    }
}
