//! The exit code, decided in one place: problems beat findings, and findings count only when
//! they are open, at or above the `--fail-on` threshold, and violations (evidence findings
//! count only when their tenant's evidence mode is `fail`: `--evidence fail`, or `evidence`
//! in the settings of its file).

use crate::check::Report;
use crate::finding::{Kind, Status};
use crate::severity::{EvidenceMode, FailOn};

/// How a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// No open finding at or above the threshold.
    Clean = 0,
    /// At least one open finding at or above the threshold.
    Violations = 1,
    /// The input could not be fully evaluated, or the command was used wrongly.
    Error = 2,
}

impl Exit {
    /// The exit for a finished check.
    pub fn of(report: &Report, fail_on: FailOn) -> Exit {
        let failing = report.tenants_with_evidence(EvidenceMode::Fail);
        let counts = |finding: &crate::finding::Finding| match finding.kind {
            Kind::Violation => true,
            Kind::Evidence => {
                failing.contains(&(finding.tenant_file.as_str(), finding.tenant.as_str()))
            }
        };
        if !report.problems.is_empty() {
            Exit::Error
        } else if report
            .findings
            .iter()
            .any(|f| f.status == Status::Open && counts(f) && fail_on.fails(f.severity))
        {
            Exit::Violations
        } else {
            Exit::Clean
        }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}
