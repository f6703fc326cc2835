//! Cross-contract cases: a tenant bound by several contracts gets each contract's rules, and
//! each finding cites its own contract. A transfer outside the EU/EEA to a Smartlockr
//! sub-processor that does not say who sends it is judged by both the data-protection addendum
//! (`dpa/transfer-outside-eea`, Art. 12.2–12.3) and the Smartlockr processing agreement
//! (`smartlockr/processing-outside-eea`, Annex 2 Art. 10.1): obligo fails closed. Declared as
//! Smartlockr's (`operator = "smartlockr"`), it is outside the addendum's reach, which binds
//! another provider, and so is a transfer that declares no `operator` but comes from a store
//! Smartlockr runs. Bound by `dpa` alone, only the addendum's rule applies. A flow declared both
//! as a transfer to a Smartlockr sub-processor and in that sub-processor's `countries` is
//! reported once, at the transfer.

use jiff::civil::{Date, date};
use obligo::check::{CheckOptions, Checker, Report};
use obligo::facts::reference::ReferenceData;
use obligo::finding::Finding;
use obligo::rules::RuleSet;

const NOW: Date = date(2026, 11, 21);

const DPA_RULE: &str = "dpa/transfer-outside-eea";
const SMARTLOCKR_RULE: &str = "smartlockr/processing-outside-eea";

/// The tenant, bound by `contracts`. With `smartlockr`, the message store and the transfer are
/// Smartlockr's (`operator`) and the transfer goes to Smartlockr's sub-processor in India;
/// without it, those keys (which must name a bound contract) are left out and the data flow is
/// the same.
fn tenant(with_smartlockr: bool) -> String {
    tenant_with(with_smartlockr, with_smartlockr, with_smartlockr)
}

/// As [`tenant`]; `transfer_operator` and `store_operator` say whether the transfer and the
/// message store it comes from declare themselves Smartlockr's.
fn tenant_with(with_smartlockr: bool, transfer_operator: bool, store_operator: bool) -> String {
    let contracts = if with_smartlockr {
        r#"["dpa", "smartlockr"]"#
    } else {
        r#"["dpa"]"#
    };
    let (operator, sub_processor_table, sub_processor_ref) = if with_smartlockr {
        (
            "operator = \"smartlockr\"\n",
            "\n[[sub_processor]]\nid = \"support-desk\"\ncontract = \"smartlockr\"\n\
             countries = [\"NL\", \"IN\"]\nlisted = true\nsafeguard = \"none\"\n",
            "sub_processor = \"support-desk\"\n",
        )
    } else {
        ("", "", "")
    };
    format!(
        "[tenant]\nid = \"acme-mail\"\ncontracts = {contracts}\n\
         \n[[data_store]]\nid = \"slr-message-store\"\n\
         hosting = {{ provider = \"other\", country = \"NL\" }}\npersonal_data = true\n{store_operator}\
         {sub_processor_table}\
         \n[[transfer]]\nid = \"support-export\"\nfrom = \"slr-message-store\"\n\
         destination = {{ country = \"IN\", recipient = \"Support Desk Pvt Ltd\" }}\n\
         personal_data = true\nsafeguard = \"none\"\n{transfer_operator}{sub_processor_ref}",
        transfer_operator = if transfer_operator { operator } else { "" },
        store_operator = if store_operator { operator } else { "" },
    )
}

/// The 1-based number of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.starts_with(prefix))
        .map(|i| i + 1)
}

/// Checks `text` as a tenant file, as `obligo check FILE --now 2026-11-21` does.
fn check(text: &str) -> Result<Report, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("acme-mail.toml");
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let rules = RuleSet::load(None).map_err(|e| format!("{e:#?}"))?;
    let refdata = ReferenceData::embedded().map_err(|e| e.to_string())?;
    let checker = Checker::new(&rules, refdata).map_err(|e| e.to_string())?;
    let report = checker.check(&CheckOptions {
        paths: vec![path],
        now: NOW,
    });
    if !report.problems.is_empty() || report.tenants != 1 {
        return Err(format!("{:#?}", report.problems));
    }
    Ok(report)
}

fn findings_of<'r>(report: &'r Report, rule: &str) -> Vec<&'r Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.id == rule)
        .collect()
}

fn listing(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| format!("{}:{} {}\n", f.location.start().0, f.resource, f.rule.id))
        .collect()
}

#[test]
fn a_transfer_declared_as_smartlockrs_is_outside_the_addendums_reach() {
    let text = tenant(true);
    let report = check(&text).unwrap();
    assert!(
        findings_of(&report, DPA_RULE).is_empty(),
        "{}",
        listing(&report)
    );
    assert!(
        findings_of(&report, SMARTLOCKR_RULE)
            .iter()
            .any(|f| f.resource == "support-export"),
        "{}",
        listing(&report)
    );
}

#[test]
fn a_tenant_bound_by_dpa_and_smartlockr_gets_both_transfer_rules_each_citing_its_own_clause() {
    // Neither the transfer nor its store says who runs it: both providers' clauses reach it.
    let text = tenant_with(true, false, false);
    let report = check(&text).unwrap();
    let destination = line_of(&text, "destination = ").unwrap();

    let dpa = findings_of(&report, DPA_RULE);
    let slr: Vec<&Finding> = findings_of(&report, SMARTLOCKR_RULE)
        .into_iter()
        .filter(|f| f.resource == "support-export")
        .collect();
    assert_eq!(dpa.len(), 1, "{}", listing(&report));
    assert_eq!(slr.len(), 1, "{}", listing(&report));
    let (dpa, slr) = (dpa[0], slr[0]);

    // Both are about the same transfer and point at its destination country.
    for finding in [dpa, slr] {
        assert_eq!(finding.resource, "support-export");
        assert_eq!(finding.resource_kind, "transfer");
        assert_eq!(
            finding.location.start().0,
            destination,
            "{}",
            finding.message
        );
        assert!(finding.message.contains("IN"), "{}", finding.message);
    }

    // Each cites its own contract: different packs, clauses, quotes, documents.
    assert_eq!(dpa.rule.pack, "dpa");
    assert_eq!(slr.rule.pack, "smartlockr");
    assert_ne!(dpa.rule.clause, slr.rule.clause);
    assert_ne!(dpa.rule.quote, slr.rule.quote);
    assert!(
        dpa.rule.clause.contains("Addendum Gegevensbescherming")
            && dpa.rule.clause.contains("Art. 12"),
        "{}",
        dpa.rule.clause
    );
    assert!(
        slr.rule.clause.contains("Smartlockr")
            && slr.rule.clause.contains("Verwerkersovereenkomst")
            && slr.rule.clause.contains("Art. 10.1"),
        "{}",
        slr.rule.clause
    );
    assert!(
        !dpa.rule.clause.contains("Smartlockr"),
        "{}",
        dpa.rule.clause
    );
    assert!(
        slr.rule
            .quote
            .as_deref()
            .is_some_and(|q| q.contains("Europese Economische Ruimte")),
        "{:?}",
        slr.rule.quote
    );

    // The sub-processor's processing in India is the same flow as the transfer to it: reported
    // once, at the transfer, not again at the sub-processor's `countries`.
    assert!(
        findings_of(&report, SMARTLOCKR_RULE)
            .iter()
            .all(|f| f.resource != "support-desk"),
        "{}",
        listing(&report)
    );
}

#[test]
fn a_transfer_without_operator_is_sent_by_whoever_runs_its_source() {
    // The store is Smartlockr's, the transfer out of it declares no operator: it is
    // Smartlockr's transfer, outside the addendum's reach.
    let text = tenant_with(true, false, true);
    let report = check(&text).unwrap();
    assert!(
        findings_of(&report, DPA_RULE).is_empty(),
        "{}",
        listing(&report)
    );
    assert_eq!(
        findings_of(&report, SMARTLOCKR_RULE)
            .iter()
            .filter(|f| f.resource == "support-export")
            .count(),
        1,
        "{}",
        listing(&report)
    );

    // From a store the customer runs, it is the customer's own flow: neither provider's.
    let text = tenant_with(true, false, false).replace(
        "personal_data = true\n\n[[sub_processor]]",
        "personal_data = true\noperator = \"customer\"\n\n[[sub_processor]]",
    );
    assert!(text.contains("operator = \"customer\""), "{text}");
    let report = check(&text).unwrap();
    assert!(
        findings_of(&report, DPA_RULE).is_empty(),
        "{}",
        listing(&report)
    );
    // The transfer goes to Smartlockr's sub-processor, so Art. 10.1 still reaches it.
    assert!(
        findings_of(&report, SMARTLOCKR_RULE)
            .iter()
            .any(|f| f.resource == "support-export"),
        "{}",
        listing(&report)
    );
}

#[test]
fn a_sub_processor_flow_without_personal_data_on_the_transfer_is_judged_at_the_sub_processor() {
    // The declared transfer carries no personal data, so Art. 10.1 does not judge it; the
    // sub-processor's own processing in India is then reported at its `countries`.
    let text = tenant(true).replace(
        "recipient = \"Support Desk Pvt Ltd\" }\npersonal_data = true",
        "recipient = \"Support Desk Pvt Ltd\" }\npersonal_data = false",
    );
    assert!(text.contains("personal_data = false"), "{text}");
    let report = check(&text).unwrap();
    let sub: Vec<&Finding> = findings_of(&report, SMARTLOCKR_RULE)
        .into_iter()
        .filter(|f| f.resource == "support-desk")
        .collect();
    assert_eq!(sub.len(), 1, "{}", listing(&report));
    assert_eq!(
        sub[0].location.start().0,
        line_of(&text, "countries = ").unwrap()
    );
    assert!(
        findings_of(&report, SMARTLOCKR_RULE)
            .iter()
            .all(|f| f.resource != "support-export"),
        "{}",
        listing(&report)
    );
}

#[test]
fn the_same_tenant_bound_only_by_dpa_gets_only_the_dpa_rule() {
    let text = tenant(false);
    let report = check(&text).unwrap();

    let dpa = findings_of(&report, DPA_RULE);
    assert_eq!(dpa.len(), 1, "{}", listing(&report));
    assert_eq!(dpa[0].resource, "support-export");
    assert_eq!(
        dpa[0].location.start().0,
        line_of(&text, "destination = ").unwrap()
    );
    assert!(
        report.findings.iter().all(|f| f.rule.pack != "smartlockr"),
        "{}",
        listing(&report)
    );
}

#[test]
fn a_safeguard_both_contracts_accept_clears_both_findings() {
    // SCCs satisfy the addendum (Art. 12.2) and are "another GDPR ground" under Smartlockr's
    // Art. 10.1(c): neither rule fires on the transfer.
    let text = tenant_with(true, false, false).replace(
        "personal_data = true\nsafeguard = \"none\"\nsub_processor",
        "personal_data = true\nsafeguard = \"scc\"\nsub_processor",
    );
    assert!(text.contains("safeguard = \"scc\""), "{text}");
    let report = check(&text).unwrap();
    assert!(
        report.findings.iter().all(
            |f| !((f.rule.id == DPA_RULE || f.rule.id == SMARTLOCKR_RULE)
                && f.resource == "support-export")
        ),
        "{}",
        listing(&report)
    );
}
