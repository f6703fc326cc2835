//! Severities, the `--fail-on` threshold and what evidence findings do to it.

use std::fmt;
use std::str::FromStr;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A reminder.
    Info,
    /// An effort duty or a shift of responsibility.
    Warning,
    /// A hard duty that is broken.
    Error,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The lowercase name used in annotations, configuration and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.as_str() == s)
            .ok_or_else(|| format!("unknown severity `{s}`: expected `error`, `warning` or `info`"))
    }
}

/// The lowest severity that makes `obligo check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Fail on findings of this severity or above.
    Severity(Severity),
    /// Never fail because of findings (input and policy errors still exit 2).
    Never,
    /// The default: fail on errors.
    #[default]
    Default,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Severity(threshold) => severity >= threshold,
            FailOn::Default => severity >= Severity::Error,
            FailOn::Never => false,
        }
    }
}

impl FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "never" {
            return Ok(FailOn::Never);
        }
        s.parse().map(FailOn::Severity).map_err(|_| {
            format!("unknown threshold `{s}`: expected `error`, `warning`, `info` or `never`")
        })
    }
}

/// What a run does with evidence findings (duties the tenant does not show are met).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EvidenceMode {
    /// Report them, apart from violations; they never fail the run. The default.
    #[default]
    Report,
    /// Report them and count them towards `--fail-on` at their rule's severity.
    Fail,
    /// Leave them out of every output and of the exit code.
    Hide,
}

impl EvidenceMode {
    /// Every mode, in the order documented.
    pub const ALL: [EvidenceMode; 3] =
        [EvidenceMode::Report, EvidenceMode::Fail, EvidenceMode::Hide];

    /// The name used on the command line and in `obligo.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceMode::Report => "report",
            EvidenceMode::Fail => "fail",
            EvidenceMode::Hide => "hide",
        }
    }
}

impl FromStr for EvidenceMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EvidenceMode::ALL
            .into_iter()
            .find(|mode| mode.as_str() == s)
            .ok_or_else(|| {
                format!("unknown evidence mode `{s}`: expected `report`, `fail` or `hide`")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_are_ordered() {
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Default.fails(Severity::Error));
        assert!(!FailOn::Default.fails(Severity::Warning));
        let warning: FailOn = "warning".parse().unwrap();
        assert!(warning.fails(Severity::Warning) && !warning.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
        assert!("fatal".parse::<FailOn>().is_err());
    }

    #[test]
    fn evidence_modes_parse_by_name() {
        for mode in EvidenceMode::ALL {
            assert_eq!(mode.as_str().parse::<EvidenceMode>(), Ok(mode));
        }
        assert!("ignore".parse::<EvidenceMode>().is_err());
    }
}
