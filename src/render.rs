//! Output formats. Each format is one file that receives the report (findings and problems)
//! and the rule metadata, and nothing else; all of them use the same locations.

pub mod human;
pub mod json;

use crate::check::Report;
use crate::severity::Severity;

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Totals {
    /// Counts the findings of a report.
    pub fn of(report: &Report) -> Self {
        let mut totals = Totals::default();
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => totals.errors += 1,
                Severity::Warning => totals.warnings += 1,
                Severity::Info => totals.infos += 1,
            }
        }
        totals
    }
}
