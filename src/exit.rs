//! The exit code, decided in one place: problems beat findings, and findings count only when
//! they are open and at or above the `--fail-on` threshold.

use crate::check::Report;
use crate::finding::Status;
use crate::severity::FailOn;

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
        if !report.problems.is_empty() {
            Exit::Error
        } else if report
            .findings
            .iter()
            .any(|f| f.status == Status::Open && fail_on.fails(f.severity))
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
