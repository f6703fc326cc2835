//! The content of the security-review report, shared by `markdown`, `html` and the GitHub job
//! summary: totals by contract, severity and tenant, the violations of each tenant, its evidence
//! gaps grouped by contract, and each violated rule once. It only groups and counts; each
//! format decides how it looks.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::check::Report;
use crate::finding::{Finding, Kind, Status};
use crate::render::Totals;
use crate::render::human::plural;
use crate::rules::Rule;

/// A report grouped for reading.
#[derive(Debug)]
pub struct Review<'a> {
    /// The report itself (problems, file and tenant counts).
    pub report: &'a Report,
    /// Findings by severity.
    pub totals: Totals,
    /// Findings by contract (pack), for every pack that binds a tenant or has a finding,
    /// sorted by pack id.
    pub by_pack: Vec<(&'a str, Totals)>,
    /// One section per tenant, sorted by file and id; tenants without findings included.
    pub tenants: Vec<TenantSection<'a>>,
    /// Every rule with a violation once, sorted by id (evidence gaps cite their clause inline).
    pub rules: Vec<&'a Rule>,
    /// The findings left out to fit a limit ([`Review::showing`]); all zero when none were.
    pub left_out: Totals,
}

/// The findings of one tenant.
#[derive(Debug)]
pub struct TenantSection<'a> {
    /// `tenant.id`.
    pub id: &'a str,
    /// `tenant.name`, when known.
    pub name: Option<&'a str>,
    /// The tenant file as shown to users.
    pub file: &'a str,
    /// The packs that bind the tenant (empty when unknown).
    pub contracts: Vec<&'a str>,
    /// Findings by severity.
    pub totals: Totals,
    /// Violations, most severe first, then in file order.
    pub findings: Vec<&'a Finding>,
    /// Evidence findings by contract (sorted by pack id), each in file order.
    pub evidence: Vec<(&'a str, Vec<&'a Finding>)>,
    /// Findings covered by an accepted risk, in file order (not in `findings` or `evidence`).
    pub accepted: Vec<&'a Finding>,
    /// Findings recorded in the baseline, in file order (not in `findings` or `evidence`).
    pub baselined: Vec<&'a Finding>,
}

impl<'a> TenantSection<'a> {
    /// The open violations in report order (file and position), as diagnostics list them.
    pub fn findings_in_file_order(&self) -> Vec<&'a Finding> {
        let mut findings = self.findings.clone();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings
    }
}

impl<'a> Review<'a> {
    /// Groups the findings of `report`.
    pub fn new(report: &'a Report) -> Self {
        Self::showing(report, None)
    }

    /// Groups the findings of `report` marked in `shown` (`shown[i]` for `report.findings[i]`;
    /// `None`: all). Totals still count every finding; the others are counted in `left_out`,
    /// and a tenant without a finding shown is left out too.
    pub fn showing(report: &'a Report, shown: Option<&[bool]>) -> Self {
        let mut sections: BTreeMap<(&str, &str), TenantSection<'a>> = report
            .checked
            .iter()
            .map(|t| {
                let section = TenantSection {
                    id: &t.id,
                    name: t.name.as_deref(),
                    file: &t.file,
                    contracts: t.contracts.iter().map(String::as_str).collect(),
                    totals: Totals::default(),
                    findings: Vec::new(),
                    evidence: Vec::new(),
                    accepted: Vec::new(),
                    baselined: Vec::new(),
                };
                ((t.file.as_str(), t.id.as_str()), section)
            })
            .collect();
        let mut by_pack: BTreeMap<&str, Totals> = report
            .checked
            .iter()
            .flat_map(|t| &t.contracts)
            .map(|pack| (pack.as_str(), Totals::default()))
            .collect();
        let mut rules: BTreeMap<&str, &Rule> = BTreeMap::new();
        let mut evidence: BTreeMap<(&str, &str), BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
        let mut left_out = Totals::default();
        for (index, finding) in report.findings.iter().enumerate() {
            // A finding may point into a file the tenant includes; it belongs to the tenant.
            let file = finding.tenant_file.as_str();
            let section =
                sections
                    .entry((file, &finding.tenant))
                    .or_insert_with(|| TenantSection {
                        id: &finding.tenant,
                        name: None,
                        file,
                        contracts: Vec::new(),
                        totals: Totals::default(),
                        findings: Vec::new(),
                        evidence: Vec::new(),
                        accepted: Vec::new(),
                        baselined: Vec::new(),
                    });
            section.totals.add(finding);
            by_pack.entry(&finding.rule.pack).or_default().add(finding);
            if shown.is_some_and(|shown| !shown.get(index).copied().unwrap_or(true)) {
                left_out.add(finding);
                continue;
            }
            match finding.status {
                Status::Open => {}
                Status::Accepted => {
                    section.accepted.push(finding);
                    continue;
                }
                Status::Baselined => {
                    section.baselined.push(finding);
                    continue;
                }
            }
            match finding.kind {
                Kind::Violation => {
                    section.findings.push(finding);
                    rules.insert(&finding.rule.id, &finding.rule);
                }
                Kind::Evidence => evidence
                    .entry((file, &finding.tenant))
                    .or_default()
                    .entry(&finding.rule.pack)
                    .or_default()
                    .push(finding),
            }
        }
        for (key, by_contract) in evidence {
            if let Some(section) = sections.get_mut(&key) {
                section.evidence = by_contract.into_iter().collect();
            }
        }
        let mut tenants: Vec<TenantSection> = sections.into_values().collect();
        if shown.is_some() {
            tenants.retain(|t| {
                !(t.findings.is_empty()
                    && t.evidence.is_empty()
                    && t.accepted.is_empty()
                    && t.baselined.is_empty())
            });
        }
        for tenant in &mut tenants {
            // A stable sort keeps file order among findings of the same severity.
            tenant.findings.sort_by_key(|f| Reverse(f.severity));
        }
        Review {
            report,
            totals: Totals::of(report),
            by_pack: by_pack.into_iter().collect(),
            tenants,
            rules: rules.into_values().collect(),
            left_out,
        }
    }
}

/// `file:line` of a finding's primary location.
pub fn file_line(finding: &Finding) -> String {
    format!(
        "{}:{}",
        finding.location.file.name(),
        finding.location.start().0
    )
}

/// One sentence with the totals, e.g. `6 violations (4 errors, 2 warnings, 0 infos) and 3
/// evidence gaps in 1 tenant (1 file)`.
pub fn totals_sentence(review: &Review) -> String {
    let totals = review.totals;
    let mut sentence = format!(
        "{} ({}, {}, {}) and {} in {} ({})",
        plural(totals.total(), "violation"),
        plural(totals.errors, "error"),
        plural(totals.warnings, "warning"),
        plural(totals.infos, "info"),
        plural(totals.evidence, "evidence gap"),
        plural(review.report.tenants, "tenant"),
        plural(review.report.files, "file"),
    );
    sentence.push_str(&set_aside(&totals));
    if !review.report.skipped.is_empty() {
        sentence.push_str(&format!(
            ", {} skipped",
            plural(review.report.skipped.len(), "path")
        ));
    }
    sentence
}

/// `, 2 accepted, 1 baselined` (each part only when there are any): the findings not counted
/// above, because they are accepted risks or in the baseline.
pub fn set_aside(totals: &Totals) -> String {
    let mut text = String::new();
    if totals.accepted > 0 {
        text.push_str(&format!(", {} accepted", totals.accepted));
    }
    if totals.baselined > 0 {
        text.push_str(&format!(", {} baselined", totals.baselined));
    }
    text
}

/// A finding's accepted risk in one line: owner, reason, expiry and reference.
pub fn acceptance_line(finding: &Finding) -> String {
    match &finding.acceptance {
        Some(a) => a.justification(),
        None => "accepted".to_owned(),
    }
}
