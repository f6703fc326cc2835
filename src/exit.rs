//! The exit code, decided in one place: problems beat findings, and findings count only when
//! they are open, at or above the `--fail-on` threshold, and violations (evidence findings
//! count only when their tenant's evidence mode is `fail`: `--evidence fail`, or `evidence`
//! in the settings of its file).

use crate::check::{CheckedTenant, Report};
use crate::finding::{Finding, Kind, Status};
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
        let mut verdict = Verdict::new(fail_on);
        verdict.add(&report.findings, &report.checked);
        verdict.exit(!report.problems.is_empty())
    }

    /// Whether `finding` alone fails the run: open, at or above the threshold, and a violation
    /// (or evidence, when its tenant's evidence mode is `fail`). Reports that mark failures
    /// (JUnit) ask this too.
    pub fn fails(finding: &Finding, fail_on: FailOn, evidence: EvidenceMode) -> bool {
        let counts = match finding.kind {
            Kind::Violation => true,
            Kind::Evidence => evidence == EvidenceMode::Fail,
        };
        finding.status == Status::Open && counts && fail_on.fails(finding.severity)
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// The exit code built up file by file, for a check whose findings are not kept
/// ([`crate::check::Checker::run`]): only whether a finding failed the run is remembered.
#[derive(Debug, Clone, Copy)]
pub struct Verdict {
    fail_on: FailOn,
    failed: bool,
}

impl Verdict {
    /// No finding seen yet.
    pub fn new(fail_on: FailOn) -> Self {
        Self {
            fail_on,
            failed: false,
        }
    }

    /// Takes in findings and the tenants they belong to (for their evidence mode).
    pub fn add(&mut self, findings: &[Finding], checked: &[CheckedTenant]) {
        if self.failed {
            return;
        }
        let failing = crate::check::tenants_with(checked, EvidenceMode::Fail);
        let evidence = |finding: &Finding| {
            if failing.contains(&(finding.tenant_file.as_str(), finding.tenant.as_str())) {
                EvidenceMode::Fail
            } else {
                EvidenceMode::Report
            }
        };
        self.failed = findings
            .iter()
            .any(|f| Exit::fails(f, self.fail_on, evidence(f)));
    }

    /// The exit: problems beat findings.
    pub fn exit(&self, problems: bool) -> Exit {
        if problems {
            Exit::Error
        } else if self.failed {
            Exit::Violations
        } else {
            Exit::Clean
        }
    }
}
