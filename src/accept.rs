//! Accepted risks: after Cedar has judged a tenant, a finding covered by a live
//! `[[accepted_risk]]` gets the status `accepted` (its verdict does not change, and it still
//! appears in every output). The acceptances themselves are held to account here, in Rust,
//! because they are facts about obligo's own input and not duties of a contract: one that has
//! expired, expires soon, runs too long or matches nothing is a finding of its own, from one of
//! the built-in rules of the `obligo` pack ([`AcceptanceRules`]).

use std::sync::Arc;

use globset::{Glob, GlobMatcher};
use jiff::civil::Date;

use crate::config::Settings;
use crate::finding::{Acceptance, Finding, Kind, Status};
use crate::rules::Rule;
use crate::severity::Severity;
use crate::source::Located;
use crate::suggest;
use crate::tenant::model::AcceptedRisk;
use crate::tenant::{InputError, InputErrorKind, Tenant};

/// How acceptances are held to account (`[accepted_risk]` in obligo.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptancePolicy {
    /// An acceptance expiring within this many days is an info finding.
    pub warn_within_days: i64,
    /// An acceptance running longer than this many days (from `accepted_on` to `expires`) is
    /// a warning.
    pub max_term_days: i64,
}

impl Default for AcceptancePolicy {
    fn default() -> Self {
        Self {
            warn_within_days: 30,
            max_term_days: 365,
        }
    }
}

/// The built-in rules of the findings about acceptances.
#[derive(Debug, Clone)]
pub struct AcceptanceRules {
    /// `obligo/accepted-risk-expired` (warning).
    pub expired: Arc<Rule>,
    /// `obligo/accepted-risk-expiring` (info).
    pub expiring: Arc<Rule>,
    /// `obligo/accepted-risk-stale` (warning).
    pub stale: Arc<Rule>,
    /// `obligo/accepted-risk-too-long` (warning).
    pub too_long: Arc<Rule>,
}

impl Default for AcceptanceRules {
    fn default() -> Self {
        Self {
            expired: builtin(
                "accepted-risk-expired",
                Severity::Warning,
                "Accepted risk has expired",
                "Renew the acceptance with a new decision (new `accepted_on` and `expires`), or \
                 remove it and fix the finding it covered.",
            ),
            expiring: builtin(
                "accepted-risk-expiring",
                Severity::Info,
                "Accepted risk expires soon",
                "Plan the fix or a renewed decision before the acceptance expires.",
            ),
            stale: builtin(
                "accepted-risk-stale",
                Severity::Warning,
                "Accepted risk matches no finding",
                "Remove the acceptance (the risk is gone), or correct its `rule` or `resource`.",
            ),
            too_long: builtin(
                "accepted-risk-too-long",
                Severity::Warning,
                "Accepted risk runs longer than the maximum term",
                "Accept the risk for a shorter term and review it again when it expires.",
            ),
        }
    }
}

impl AcceptanceRules {
    /// The built-in rules, sorted by id.
    pub fn all(&self) -> [&Arc<Rule>; 4] {
        [&self.expired, &self.expiring, &self.stale, &self.too_long]
    }
}

/// The pack of obligo's own rules.
pub const PACK: &str = "obligo";

fn builtin(name: &str, severity: Severity, title: &str, remediation: &str) -> Arc<Rule> {
    Arc::new(Rule::builtin(
        &format!("{PACK}/{name}"),
        severity,
        title,
        "obligo: accepted risks (docs/format.md#accepted-risks-accepted_risk)",
        "An accepted risk needs an owner, a reason and an end date, and must still match the \
         finding it accepts.",
        remediation,
    ))
}

/// Checks every acceptance of `tenant` against the rules: the rule must exist and allow
/// exceptions, and the resource pattern must be a valid glob.
pub fn validate(tenant: &Tenant, rules: &[Arc<Rule>]) -> Vec<InputError> {
    let mut errors = Vec::new();
    let error = |value: &Located<String>, kind| {
        let at = tenant.sources.location(value.span.clone());
        InputError::at(&at.file, at.span, kind)
    };
    for risk in &tenant.accepted_risks {
        match rules.iter().find(|r| r.id == risk.rule.value) {
            None => errors.push(error(
                &risk.rule,
                InputErrorKind::UnknownValue {
                    what: "rule",
                    value: risk.rule.value.clone(),
                    suggestion: suggest::closest(
                        &risk.rule.value,
                        rules.iter().map(|r| r.id.as_str()),
                    )
                    .map(str::to_owned),
                    allowed: Vec::new(),
                },
            )),
            Some(rule) if !rule.acceptable => errors.push(error(
                &risk.rule,
                InputErrorKind::Inconsistent(format!(
                    "`{}` cannot be accepted: its clause ({}) allows no exception, so the \
                     finding must be fixed",
                    rule.id, rule.clause
                )),
            )),
            Some(_) => {}
        }
        if let Err(message) = matcher(&risk.resource.value) {
            errors.push(error(
                &risk.resource,
                InputErrorKind::Inconsistent(format!("invalid resource pattern: {message}")),
            ));
        }
    }
    errors
}

fn matcher(pattern: &str) -> Result<GlobMatcher, String> {
    Glob::new(pattern)
        .map(|g| g.compile_matcher())
        .map_err(|e| e.kind().to_string())
}

/// Marks the findings of `tenant` that a live acceptance covers as accepted, and returns the
/// findings about the acceptances themselves, with the windows of `settings`. `findings` are
/// the tenant's, from Cedar; [`validate`] must have passed.
pub fn apply(
    tenant: &Tenant,
    findings: &mut [Finding],
    now: Date,
    settings: &Settings,
    rules: &AcceptanceRules,
) -> Vec<Finding> {
    let policy = settings.acceptance();
    let mut own = Vec::new();
    for risk in &tenant.accepted_risks {
        let Ok(glob) = matcher(&risk.resource.value) else {
            continue;
        };
        let finding = |rule: &Arc<Rule>, span: std::ops::Range<usize>, message: String| {
            acceptance_finding(tenant, risk, rule, span, message)
        };
        let days_left = days(now, risk.expires.value);
        if days_left < 0 {
            own.push(finding(
                &rules.expired,
                risk.expires.span.clone(),
                format!(
                    "the acceptance of `{}` for `{}` expired on {}: it covers nothing any more",
                    risk.rule.value, risk.resource.value, risk.expires.value
                ),
            ));
            continue;
        }
        let acceptance = Arc::new(Acceptance {
            reason: risk.reason.value.clone(),
            accepted_by: risk.accepted_by.value.clone(),
            accepted_on: risk.accepted_on.value,
            expires: risk.expires.value,
            reference: risk.reference.as_ref().map(|r| r.value.clone()),
            location: tenant.sources.location(risk.rule.span.clone()),
        });
        let mut matched = false;
        // The rule's pack may allow shorter acceptances than the project does.
        let mut pack_limit = None;
        for f in findings
            .iter_mut()
            .filter(|f| f.rule.id == risk.rule.value && glob.is_match(&f.resource))
        {
            matched = true;
            pack_limit = f
                .rule
                .max_term_days
                .filter(|&days| days < policy.max_term_days)
                .map(|days| (days, f.rule.pack.clone()));
            // The first acceptance in file order that covers a finding is the one shown.
            if f.status == Status::Open {
                f.status = Status::Accepted;
                f.acceptance = Some(Arc::clone(&acceptance));
            }
        }
        // A rule switched off (`[rules] disable`, `--select`, `--ignore`) has no findings to
        // match: that does not make its acceptances stale.
        if !matched && !settings.is_disabled(&risk.rule.value) {
            own.push(finding(
                &rules.stale,
                risk.rule.span.clone(),
                format!(
                    "the acceptance of `{}` for `{}` matches no finding: the risk it accepts \
                     does not occur",
                    risk.rule.value, risk.resource.value
                ),
            ));
        }
        if days_left <= policy.warn_within_days {
            own.push(finding(
                &rules.expiring,
                risk.expires.span.clone(),
                format!(
                    "the acceptance of `{}` for `{}` expires on {} ({})",
                    risk.rule.value,
                    risk.resource.value,
                    risk.expires.value,
                    match days_left {
                        0 => "today".to_owned(),
                        1 => "tomorrow".to_owned(),
                        n => format!("in {n} days"),
                    }
                ),
            ));
        }
        let term = days(risk.accepted_on.value, risk.expires.value);
        let (max, whose) = pack_limit
            .map_or((policy.max_term_days, String::new()), |(days, pack)| {
                (days, format!(" set by pack `{pack}`"))
            });
        if term > max {
            own.push(finding(
                &rules.too_long,
                risk.expires.span.clone(),
                format!(
                    "the acceptance of `{}` for `{}` runs {term} days, longer than the maximum \
                     of {max} days{whose}",
                    risk.rule.value, risk.resource.value
                ),
            ));
        }
    }
    own
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days(from: Date, to: Date) -> i64 {
    from.until(to)
        .map_or(i64::MAX, |span| i64::from(span.get_days()))
}

fn acceptance_finding(
    tenant: &Tenant,
    risk: &AcceptedRisk,
    rule: &Arc<Rule>,
    span: std::ops::Range<usize>,
    message: String,
) -> Finding {
    Finding {
        rule: Arc::clone(rule),
        severity: rule.severity,
        status: Status::Open,
        acceptance: None,
        tenant: tenant.id.value.clone(),
        resource_kind: "accepted risk",
        resource: format!("{} {}", risk.rule.value, risk.resource.value),
        location: tenant.sources.location(span),
        related: Vec::new(),
        label: rule.title.to_lowercase(),
        message,
        case: 0,
        kind: Kind::Violation,
        tenant_file: tenant.file.name().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_whole_days_either_way() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(days(d(2026, 1, 1), d(2026, 1, 31)), 30);
        assert_eq!(days(d(2026, 1, 31), d(2026, 1, 1)), -30);
        assert_eq!(days(d(2026, 1, 1), d(2027, 1, 1)), 365);
    }

    #[test]
    fn resource_patterns_are_globs() {
        let web = matcher("web-*").unwrap();
        assert!(web.is_match("web-01"));
        assert!(!web.is_match("db-01"));
        assert!(matcher("web-[").is_err());
    }
}
