//! Whom a duty binds, end to end: the same fact judged by the clause whose party it is, and by
//! no other. The fixtures under tests/fixtures/rules/ pin each rule's lines; these tests pin what
//! crosses rules (which clause is cited instead of which) and what the messages say.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::collections::BTreeSet;

use jiff::civil::date;
use obligo::check::{CheckOptions, Checker, Report};
use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;

/// Checks one tenant file's text as of 2026-11-21.
fn check(text: &str) -> Report {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("tenant.toml");
    std::fs::write(&path, text).expect("tenant written");
    let rules = RuleSet::load(None).expect("rules load");
    let refdata = ReferenceData::embedded().expect("reference data loads");
    let checker = Checker::new(&rules, refdata).expect("checker");
    let report = checker.check(&CheckOptions {
        paths: vec![path],
        now: date(2026, 11, 21),
    });
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    report
}

/// `(rule id, resource id)` of every finding.
fn found(report: &Report) -> BTreeSet<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.id.clone(), f.resource.clone()))
        .collect()
}

fn has(report: &Report, rule: &str, resource: &str) -> bool {
    found(report).contains(&(rule.to_owned(), resource.to_owned()))
}

fn message(report: &Report, rule: &str, resource: &str) -> String {
    report
        .findings
        .iter()
        .find(|f| f.rule.id == rule && f.resource == resource)
        .map(|f| f.message.clone())
        .unwrap_or_else(|| panic!("no {rule} finding on {resource}: {:?}", found(report)))
}

#[test]
fn public_cloud_messages_say_whose_terms_apply() {
    let report = check(
        r#"[tenant]
id = "t"
contracts = ["nrb"]

[[system]]
id = "portal"
hosting = { provider = "azure", region = "westeurope" }

[[data_store]]
id = "lake"
hosting = { provider = "aws", region = "eu-central-1" }

[[system]]
id = "ml"
hosting = { provider = "gcp", region = "europe-west1" }

[[system]]
id = "colo"
hosting = { provider = "other", country = "NL" }

[[system]]
id = "plant"
hosting = { provider = "on-premises", country = "BE" }
"#,
    );
    let azure = message(&report, "nrb/public-cloud-resource", "portal");
    assert!(azure.contains("Microsoft Azure"), "{azure}");
    assert!(
        azure.contains("offered through NRB's Cloud Management Platform"),
        "{azure}"
    );
    assert!(
        azure.contains("SLAs of Microsoft Azure apply to it, not NRB's"),
        "{azure}"
    );
    let aws = message(&report, "nrb/public-cloud-resource", "lake");
    assert!(aws.contains("Amazon Web Services"), "{aws}");
    let gcp = message(&report, "nrb/public-cloud-resource", "ml");
    assert!(gcp.contains("Google Cloud"), "{gcp}");
    assert!(gcp.contains("which NRB does not offer"), "{gcp}");
    let other = message(&report, "nrb/public-cloud-resource", "colo");
    assert!(other.contains("which NRB does not offer"), "{other}");
    assert!(!has(&report, "nrb/public-cloud-resource", "plant"));
}

#[test]
fn section_8_1_judges_only_nrb_infrastructure_and_undeclared_hosting() {
    let system = |id: &str, hosting: &str| {
        format!(
            "[[system]]\nid = \"{id}\"\n{hosting}os = {{ family = \"windows-server\", version = \"2012-r2\" }}\ninterfaces = [{{ segment = \"a\" }}, {{ segment = \"b\" }}]\n\n"
        )
    };
    let mut text = String::from(
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n\n[[segment]]\nid = \"a\"\n\n[[segment]]\nid = \"b\"\n\n",
    );
    text += &system("on-nrb", "hosting = { provider = \"nrb\" }\n");
    text += &system("undeclared", "");
    text += &system(
        "in-aws",
        "hosting = { provider = \"aws\", region = \"eu-west-1\" }\n",
    );
    text += &system(
        "on-prem",
        "hosting = { provider = \"on-premises\", country = \"BE\" }\n",
    );
    let report = check(&text);
    for rule in ["nrb/unsupported-os", "nrb/dual-homed-system"] {
        assert!(has(&report, rule, "on-nrb"), "{rule} on-nrb");
        assert!(has(&report, rule, "undeclared"), "{rule} undeclared");
        assert!(!has(&report, rule, "in-aws"), "{rule} in-aws");
        assert!(!has(&report, rule, "on-prem"), "{rule} on-prem");
    }
    assert!(has(&report, "nrb/public-cloud-resource", "in-aws"));
}

#[test]
fn an_unused_account_is_judged_by_the_clause_of_whoever_runs_it() {
    let credentials = r#"
[[credential]]
id = "laptop-jan"
party = "customer"
operator = "customer"
created = 2023-01-01

[[credential]]
id = "portal-user"
party = "customer"
operator = "dpa"
created = 2023-01-01

[[credential]]
id = "unlabelled"
created = 2023-01-01
"#;
    let both = check(&format!(
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\", \"dpa\"]\n{credentials}"
    ));
    // The customer's own account: NRB §5.1, not the provider's Annex B duty.
    assert!(has(&both, "nrb/customer-account-inactive", "laptop-jan"));
    assert!(!has(&both, "dpa/inactive-credential", "laptop-jan"));
    // An account on the provider's system, and one that does not say: the provider's duty.
    for id in ["portal-user", "unlabelled"] {
        assert!(has(&both, "dpa/inactive-credential", id), "{id}");
        assert!(!has(&both, "nrb/customer-account-inactive", id), "{id}");
    }
    let rule = &both
        .findings
        .iter()
        .find(|f| f.rule.id == "nrb/customer-account-inactive")
        .unwrap()
        .rule;
    assert_eq!(rule.severity.as_str(), "warning", "NRB §5.1's own severity");

    // Without the addendum the undeclared account is the customer's to disable: it never
    // escapes.
    let nrb_only = check(&format!(
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n{}",
        credentials.replace("operator = \"dpa\"", "operator = \"nrb\"")
    ));
    assert!(has(
        &nrb_only,
        "nrb/customer-account-inactive",
        "unlabelled"
    ));
    assert!(!has(
        &nrb_only,
        "nrb/customer-account-inactive",
        "portal-user"
    ));
}

#[test]
fn provider_data_stores_and_backups_outside_the_zone_are_transfers() {
    let report = check(
        r#"[tenant]
id = "t"
contracts = ["dpa"]

[[data_store]]
id = "tickets"
operator = "dpa"
service_data = true
hosting = { provider = "aws", region = "us-east-1" }

[[data_store]]
id = "crm"
operator = "dpa"
personal_data = true
hosting = { provider = "azure", region = "westeurope" }

[[backup]]
id = "crm-dr"
of = ["crm"]
operator = "dpa"
locations = [{ provider = "aws", region = "us-west-2" }]

[[data_store]]
id = "own-lake"
operator = "customer"
personal_data = true
hosting = { provider = "aws", region = "us-east-1" }

[[backup]]
id = "own-lake-copy"
of = ["own-lake"]
operator = "customer"
locations = [{ provider = "aws", region = "us-west-2" }]
"#,
    );
    let store = message(&report, "dpa/transfer-outside-eea", "tickets");
    assert!(store.contains("to US"), "{store}");
    let backup = message(&report, "dpa/transfer-outside-eea", "crm-dr");
    assert!(backup.starts_with("backup `crm-dr`"), "{backup}");
    assert!(!has(&report, "dpa/transfer-outside-eea", "crm"));
    assert!(!has(&report, "dpa/transfer-outside-eea", "own-lake"));
    assert!(!has(&report, "dpa/transfer-outside-eea", "own-lake-copy"));
}
