//! The complete vocabulary fixture parses, builds its entities against the embedded schema, and
//! evaluates without problems.

use jiff::civil::date;
use obligo::check::{CheckOptions, Checker};
use obligo::entities::{EntitySchema, TenantEntities};
use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;
use obligo::source::SourceFile;
use obligo::tenant::{Parsed, parse};

const FULL: &str = "tests/fixtures/vocabulary/full.toml";

#[test]
fn every_table_parses_and_builds() {
    let refdata = ReferenceData::embedded().unwrap();
    let rules = RuleSet::load(None).unwrap();
    let text = std::fs::read_to_string(FULL).unwrap();
    let file = SourceFile::new(FULL, text);
    let tenant = match parse(&file, &refdata) {
        Parsed::Tenant(tenant) => tenant,
        Parsed::Invalid(errors) => panic!("{errors:#?}"),
        Parsed::NotATenant => panic!("not a tenant"),
    };
    // Every table of the format is present in the fixture.
    assert!(!tenant.contract_details.is_empty());
    assert!(!tenant.attestations.is_empty());
    assert!(!tenant.sub_processors.is_empty());
    assert!(!tenant.backups.is_empty());
    assert!(!tenant.facilities.is_empty());
    assert!(!tenant.links.is_empty());
    assert!(!tenant.mail_relays.is_empty());
    assert!(!tenant.integrations.is_empty());
    assert!(!tenant.companies.is_empty());
    assert!(!tenant.domains.is_empty());
    assert!(!tenant.incidents.is_empty());
    assert!(!tenant.requests.is_empty());
    assert!(!tenant.notices.is_empty());
    assert!(!tenant.maintenance.is_empty());
    assert!(!tenant.availability.is_empty());

    let built = TenantEntities::build(&tenant, &refdata, &EntitySchema::of(&rules)).unwrap();
    // Every entity type is evaluated as a resource.
    for entity_type in obligo::entities::ENTITY_TYPES {
        assert!(
            built
                .resources
                .iter()
                .any(|r| r.entity_type == *entity_type),
            "no resource of type {entity_type}"
        );
    }
}

/// Evaluating the fixture raises no problem (no invalid input, no entity or evaluation error),
/// and it names every pack obligo ships, so that every contract record is built.
#[test]
fn every_table_evaluates_without_problems() {
    let rules = RuleSet::load(None).unwrap();
    let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
    let report = checker.check(&CheckOptions {
        paths: vec![FULL.into()],
        now: date(2026, 11, 21),
    });
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.tenants, 1);
    let text = std::fs::read_to_string(FULL).unwrap();
    for pack in rules.pack_ids() {
        assert!(
            text.contains(&format!("\"{pack}\"")),
            "{FULL} does not name `{pack}`"
        );
    }
    assert_eq!(rules.contract_records(), rules.pack_ids());
}
