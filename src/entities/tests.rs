//! The entities built from the new tables carry the expected attributes, derived facts and
//! locations.

use cedar_policy::EvalResult;

use crate::facts::reference::ReferenceData;
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::tenant::{Parsed, Tenant, parse};

use super::builder::uid;
use super::{EntitySchema, TenantEntities};

struct Built {
    text: String,
    entities: TenantEntities,
}

fn build(body: &str) -> Built {
    let text =
        format!("[tenant]\nid = \"t\"\ncontracts = [\"dpa\", \"nmbrs\", \"smartlockr\"]\n{body}");
    let refdata = ReferenceData::embedded().unwrap();
    let file = SourceFile::new("t.toml", text.clone());
    let tenant: Box<Tenant> = match parse(&file, &refdata) {
        Parsed::Tenant(t) => t,
        other => panic!("{other:?}"),
    };
    let rules = RuleSet::load(None).unwrap();
    let entities = TenantEntities::build(&tenant, &refdata, &EntitySchema::of(&rules)).unwrap();
    Built { text, entities }
}

impl Built {
    /// The value at `path` (dotted, through records) of entity `ty::id`, as Cedar prints it;
    /// `None` when absent.
    fn get(&self, ty: &str, id: &str, path: &str) -> Option<String> {
        let entity = self.entities.entity(&uid(ty, id).unwrap()).unwrap();
        let mut parts = path.split('.');
        let mut value = entity.attr(parts.next().unwrap())?.unwrap();
        for part in parts {
            value = match value {
                EvalResult::Record(r) => r.get(part)?.clone(),
                other => panic!("{other} is not a record"),
            };
        }
        Some(value.to_string())
    }

    /// The text the fact behind `path` points at.
    fn at(&self, ty: &str, id: &str, path: &str) -> &str {
        let fact = self.entities.fact(&uid(ty, id).unwrap(), path).unwrap();
        &self.text[fact.span.clone().unwrap()]
    }
}

#[test]
fn tenant_contacts_and_contract_records() {
    let b = build(
        "[contacts]\nbreach = \"security@x.example\"\nnotice = \"n@x.example\"\n\
         [[contract]]\nid = \"nmbrs\"\nowners = [{ name = \"A\", internal = true }, { name = \"B\" }]\n\
         [[attestation]]\nid = \"isae\"\ncontract = \"nmbrs\"\ntopic = \"isae3402-type2\"\n\
         [[credential]]\nid = \"u1\"\nkind = \"user\"\ncontract = \"smartlockr\"\n\
         [[credential]]\nid = \"u2\"\ncontract = \"smartlockr\"\nenabled = false\n\
         [[mail_relay]]\nid = \"r\"\ncontract = \"smartlockr\"\n",
    );
    assert_eq!(
        b.get("Tenant", "t", "breach_email").unwrap(),
        "\"security@x.example\""
    );
    // Absent contacts are left out, but findings about them land on `[contacts]`.
    assert_eq!(b.get("Tenant", "t", "breach_phone"), None);
    assert_eq!(b.at("Tenant", "t", "breach_phone"), "[contacts]");
    assert_eq!(
        b.get("Tenant", "t", "contract.nmbrs.owner_count").unwrap(),
        "2"
    );
    assert_eq!(
        b.get("Tenant", "t", "contract.nmbrs.internal_owner_count")
            .unwrap(),
        "1"
    );
    assert_eq!(
        b.at("Tenant", "t", "contract.nmbrs.owner_count"),
        "{ name = \"B\" }"
    );
    assert_eq!(
        b.get("Tenant", "t", "contract.nmbrs.attested").unwrap(),
        "[\"isae3402-type2\"]"
    );
    // A contract without `[[contract]]` still has a record, located at its `contracts` entry.
    assert_eq!(
        b.get("Tenant", "t", "contract.smartlockr.accounts")
            .unwrap(),
        "1"
    );
    assert_eq!(
        b.get("Tenant", "t", "contract.smartlockr.integrations_in_use")
            .unwrap(),
        "[\"smtp-relay\"]"
    );
    assert_eq!(b.get("Tenant", "t", "contract.dpa.signed"), None);
    assert_eq!(b.at("Tenant", "t", "contract.dpa.signed"), "\"dpa\"");
    assert_eq!(b.get("Tenant", "t", "contract.nrb"), None);
}

#[test]
fn places_carry_the_scope_of_their_adequacy_decision() {
    let b = build(
        "[[sub_processor]]\nid = \"us\"\ncontract = \"dpa\"\nestablished = \"US\"\n\n\
         [[sub_processor]]\nid = \"re\"\ncontract = \"dpa\"\nestablished = \"RE\"\n",
    );
    assert_eq!(
        b.get("SubProcessor", "us", "established.adequacy_decision"),
        Some("true".into())
    );
    assert_eq!(
        b.get("SubProcessor", "us", "established.adequacy_full"),
        Some("false".into())
    );
    assert_eq!(
        b.get("SubProcessor", "us", "established.adequacy_scope"),
        Some("\"dpf\"".into())
    );
    // Réunion is EU territory, with no adequacy decision of its own to consult.
    assert_eq!(
        b.get("SubProcessor", "re", "established.in_eu"),
        Some("true".into())
    );
    assert_eq!(
        b.get("SubProcessor", "re", "established.adequacy_scope"),
        None
    );
}

#[test]
fn sub_processor_countries_and_notice() {
    let b = build(
        "[[sub_processor]]\nid = \"sp\"\ncontract = \"smartlockr\"\nestablished = \"CH\"\n\
         countries = [\"IE\", \"US\", \"JP\", \"NO\", \"CN\"]\nnotified = 2025-05-15\nengaged = 2025-08-20\n",
    );
    let get = |p| b.get("SubProcessor", "sp", p).unwrap();
    assert_eq!(
        get("countries_outside_eu"),
        "[\"CN\", \"JP\", \"NO\", \"US\"]"
    );
    assert_eq!(get("countries_outside_eea"), "[\"CN\", \"JP\", \"US\"]");
    assert_eq!(
        get("countries_outside_transfer_zone"),
        "[\"CN\", \"JP\", \"US\"]"
    );
    // The US and Japanese decisions cover part of the recipients, so no decision covers those
    // countries as a whole; China has no decision at all. Within the partial decisions a
    // recipient is covered by declaring their scope.
    assert_eq!(
        get("countries_without_adequacy"),
        "[\"CN\", \"JP\", \"US\"]"
    );
    assert_eq!(get("countries_without_decision"), "[\"CN\"]");
    assert_eq!(get("adequacy_scopes"), "[\"adequacy-appi\", \"dpf\"]");
    assert_eq!(get("established.adequacy_full"), "true");
    assert_eq!(get("established.in_eea"), "false");
    assert_eq!(get("established.in_transfer_zone"), "true");
    assert_eq!(get("notice_months"), "3");
    assert_eq!(get("notice_days"), "97");
    // The finding points at the first offending country.
    assert_eq!(
        b.at("SubProcessor", "sp", "countries_outside_eea"),
        "\"US\""
    );
}

#[test]
fn backup_sites_and_tiers() {
    let body = "[[facility]]\nid = \"a\"\ncountry = \"NL\"\n[[facility]]\nid = \"b\"\ncountry = \"NL\"\n\
        [[data_store]]\nid = \"db\"\npersonal_data = true\nhosting = { provider = \"other\", site = \"a\" }\n";
    let b = build(&format!(
        "{body}[[backup]]\nid = \"off\"\nof = [\"db\"]\nlocations = [{{ site = \"b\" }}]\n\
         tiers = [{{ frequency = \"daily\", retention_days = 14 }}]\n\
         [[backup]]\nid = \"on\"\nof = [\"db\"]\nlocations = [{{ site = \"b\" }}, {{ site = \"a\" }}]\n\
         [[backup]]\nid = \"unknown\"\nof = [\"db\"]\nlocations = [{{ country = \"NL\" }}]\n"
    ));
    assert_eq!(b.get("Backup", "off", "offsite").unwrap(), "true");
    assert_eq!(
        b.get("Backup", "off", "daily_retention_days").unwrap(),
        "14"
    );
    assert_eq!(
        b.get("Backup", "off", "sources_personal_data").unwrap(),
        "true"
    );
    assert_eq!(b.get("Backup", "off", "countries").unwrap(), "[\"NL\"]");
    assert_eq!(b.get("DataStore", "db", "backup_count").unwrap(), "3");
    assert_eq!(b.get("Backup", "on", "offsite").unwrap(), "false");
    assert_eq!(b.get("Backup", "on", "site_count").unwrap(), "2");
    assert_eq!(b.at("Backup", "on", "offsite"), "\"a\"");
    // A copy without a site: whether it is off-site is not known.
    assert_eq!(b.get("Backup", "unknown", "offsite"), None);
}

#[test]
fn credential_derived_facts() {
    let b = build(
        "[[system]]\nid = \"hr\"\npersonal_data = true\n\
         [[credential]]\nid = \"old\"\nlogin = \"JAN\"\nperson = \"jan-1\"\nenabled = false\nstatus = \"banned\"\n\
         [[credential]]\nid = \"new\"\nlogin = \"jan\"\nperson = \"jan-2\"\naccess = [\"hr\"]\n\
         [[credential]]\nid = \"alt\"\nperson = \"jan-1\"\n",
    );
    assert_eq!(b.get("Credential", "new", "same_login_count").unwrap(), "2");
    assert_eq!(
        b.get("Credential", "new", "login_reassigned").unwrap(),
        "true"
    );
    assert_eq!(
        b.get("Credential", "old", "login_reassigned").unwrap(),
        "false"
    );
    assert_eq!(b.get("Credential", "alt", "person_banned").unwrap(), "true");
    assert_eq!(
        b.get("Credential", "new", "person_banned").unwrap(),
        "false"
    );
    assert_eq!(
        b.get("Credential", "new", "access_personal_data").unwrap(),
        "true"
    );
    assert_eq!(b.get("Credential", "new", "mfa"), None);
}

#[test]
fn logins_and_bans_are_compared_within_one_service() {
    let b = build(
        "[[credential]]\nid = \"payroll\"\ncontract = \"nmbrs\"\nlogin = \"jan@acme.example\"\nperson = \"jan\"\n\
         [[credential]]\nid = \"mail\"\ncontract = \"smartlockr\"\nlogin = \"jan@acme.example\"\nperson = \"jan\"\nstatus = \"banned\"\n\
         [[credential]]\nid = \"unsaid\"\nlogin = \"JAN@acme.example\"\n",
    );
    // The Smartlockr account does not count against the Nmbrs login, nor its ban against the
    // Nmbrs account; the account that names no contract counts for both.
    assert_eq!(
        b.get("Credential", "payroll", "same_login_count").unwrap(),
        "2"
    );
    assert_eq!(
        b.get("Credential", "mail", "same_login_count").unwrap(),
        "2"
    );
    assert_eq!(
        b.get("Credential", "unsaid", "same_login_count").unwrap(),
        "3"
    );
    assert_eq!(
        b.get("Credential", "payroll", "person_banned").unwrap(),
        "false"
    );
}

#[test]
fn events_derive_delays() {
    let b = build(
        "[[incident]]\nid = \"i\"\ncontract = \"nmbrs\"\nkind = \"breach\"\n\
         aware = 2026-08-03T08:15:00+02:00\nnotified = 2026-08-05T09:00:00+02:00\n\
         [[maintenance]]\nid = \"m1\"\ncontract = \"nmbrs\"\nkind = \"planned\"\n\
         start = 2026-11-03T19:00:00+01:00\nend = 2026-11-03T21:00:00+01:00\n\
         [[maintenance]]\nid = \"m2\"\ncontract = \"nmbrs\"\nkind = \"planned\"\n\
         start = 2026-11-10T10:00:00+01:00\nend = 2026-11-10T11:00:00+01:00\n\
         [[maintenance]]\nid = \"m3\"\ncontract = \"nmbrs\"\nkind = \"planned\"\n\
         start = 2026-11-11T17:30:00+01:00\nend = 2026-11-11T19:00:00+01:00\n\
         [[availability]]\nid = \"q2\"\ncontract = \"smartlockr\"\nstart = 2026-04-01\nend = 2026-06-30\npercent = 99.9\n\
         [[availability]]\nid = \"q3\"\ncontract = \"smartlockr\"\nstart = 2026-07-01\nend = 2026-09-30\npercent = 99.97\n\
         [[request]]\nid = \"a1\"\ncontract = \"smartlockr\"\nkind = \"audit\"\nreceived = 2025-12-01\n\
         [[request]]\nid = \"a2\"\ncontract = \"smartlockr\"\nkind = \"audit\"\nreceived = 2026-06-01\n\
         [[request]]\nid = \"a0\"\ncontract = \"smartlockr\"\nkind = \"audit\"\nreceived = 2024-11-01\n\
         [[attestation]]\nid = \"old\"\ncontract = \"dpa\"\ntopic = \"security-test\"\nissued = 2025-01-01\n\
         [[attestation]]\nid = \"new\"\ncontract = \"dpa\"\ntopic = \"security-test\"\nissued = 2026-01-01\n",
    );
    assert_eq!(
        b.get("Incident", "i", "notify_delay_minutes").unwrap(),
        "2925"
    );
    assert_eq!(b.get("Maintenance", "m1", "daytime").unwrap(), "false");
    assert_eq!(b.get("Maintenance", "m2", "daytime").unwrap(), "true");
    assert_eq!(
        b.get("Maintenance", "m2", "daytime_planned_in_month")
            .unwrap(),
        "2"
    );
    assert_eq!(b.get("Maintenance", "m1", "daytime_planned_in_month"), None);
    assert_eq!(
        b.get("Maintenance", "m3", "duration_minutes").unwrap(),
        "90"
    );
    assert_eq!(
        b.get("Availability", "q3", "previous_percent").unwrap(),
        "decimal(\"99.9000\")"
    );
    assert_eq!(b.get("Availability", "q2", "previous_percent"), None);
    assert_eq!(b.get("Attestation", "old", "superseded").unwrap(), "true");
    assert_eq!(b.get("Attestation", "new", "superseded").unwrap(), "false");
    assert_eq!(
        b.get("Attestation", "new", "party").unwrap(),
        "\"provider\""
    );
}

#[test]
fn every_scope_safeguard_is_in_the_tenant_vocabulary() {
    use crate::tenant::model::Safeguard;
    let refdata = ReferenceData::embedded().unwrap();
    let vocabulary: Vec<&str> = Safeguard::ALL.iter().map(|(name, _)| *name).collect();
    let scoped: Vec<&str> = refdata
        .adequacy_decisions()
        .filter_map(|d| d.safeguard.as_deref())
        .collect();
    for name in &scoped {
        assert!(vocabulary.contains(name), "`{name}` is not a safeguard");
    }
    for name in vocabulary {
        if name == "dpf" || name.starts_with("adequacy-") {
            assert!(scoped.contains(&name), "`{name}` names no partial decision");
        }
    }
}

#[test]
fn os_extended_support_names_its_tier() {
    let b = build(
        "[[system]]\nid = \"pro\"\nos = { family = \"ubuntu\", version = \"16.04\", extended_support = true }\n\
         [[system]]\nid = \"legacy\"\nos = { family = \"ubuntu\", version = \"16.04\", extended_support = \"legacy\" }\n\
         [[system]]\nid = \"none\"\nos = { family = \"ubuntu\", version = \"16.04\" }\n",
    );
    // A bare `true` is the shortest tier: plain Ubuntu Pro, not the Legacy add-on.
    assert_eq!(
        b.get("System", "pro", "os.extended_tier"),
        Some("\"ubuntu-pro\"".into())
    );
    assert_eq!(
        b.get("System", "legacy", "os.extended_tier"),
        Some("\"legacy\"".into())
    );
    assert_eq!(b.get("System", "none", "os.extended_tier"), None);
    assert_eq!(b.get("System", "none", "os.extended_end"), None);
    assert_eq!(
        b.get("System", "none", "os.extended_tiers"),
        Some("[\"legacy\", \"ubuntu-pro\"]".into())
    );
    assert!(
        b.get("System", "none", "os.extended_until")
            .unwrap()
            .contains("2031-04-30")
    );
    // The tier's fact points at the declaration.
    assert_eq!(b.at("System", "legacy", "os.extended_end"), "\"legacy\"");
}

#[test]
fn a_transfer_is_sent_by_whoever_runs_its_source_unless_it_says_otherwise() {
    let b = build(
        "[[data_store]]\nid = \"slr-store\"\noperator = \"smartlockr\"\n\
         [[system]]\nid = \"laptop\"\noperator = \"customer\"\n\
         [[system]]\nid = \"unsaid\"\n\
         [[transfer]]\nid = \"from-slr\"\nfrom = \"slr-store\"\ndestination = { country = \"IN\" }\n\
         [[transfer]]\nid = \"from-laptop\"\nfrom = \"laptop\"\ndestination = { country = \"US\" }\n\
         [[transfer]]\nid = \"declared\"\nfrom = \"slr-store\"\noperator = \"dpa\"\ndestination = { country = \"US\" }\n\
         [[transfer]]\nid = \"from-unsaid\"\nfrom = \"unsaid\"\ndestination = { country = \"US\" }\n",
    );
    assert_eq!(
        b.get("Transfer", "from-slr", "operator").unwrap(),
        "\"smartlockr\""
    );
    // The derived operator points at the source's declaration.
    assert_eq!(b.at("Transfer", "from-slr", "operator"), "\"smartlockr\"");
    assert_eq!(
        b.get("Transfer", "from-laptop", "operator").unwrap(),
        "\"customer\""
    );
    assert_eq!(
        b.get("Transfer", "declared", "operator").unwrap(),
        "\"dpa\""
    );
    assert_eq!(b.get("Transfer", "from-unsaid", "operator"), None);
}

/// The tenant files among `dir`'s TOML files, recursively.
fn tenant_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            tenant_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// A run skips Cedar's check of the entities against obligo's own schema (see
/// [`EntitySchema`]); this is what lets it. Every tenant of the examples and the fixtures is
/// built with the check on, and each of its entities conforms.
#[test]
fn every_example_and_fixture_conforms_to_the_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    tenant_files(&root.join("examples"), &mut files);
    tenant_files(&root.join("tests/fixtures"), &mut files);
    let refdata = ReferenceData::embedded().unwrap();
    let rules = RuleSet::load(None).unwrap();
    assert!(rules.schema_is_embedded());
    let schema = EntitySchema::of(&rules).validating();
    let mut built = 0;
    for path in &files {
        let file = SourceFile::new(path, std::fs::read_to_string(path).unwrap());
        let Parsed::Tenant(tenant) = parse(&file, &refdata) else {
            continue;
        };
        if let Err(error) = TenantEntities::build(&tenant, &refdata, &schema) {
            panic!("{}: {error}", path.display());
        }
        built += 1;
    }
    // Most fixtures are tenants; a walk that finds few has lost its way.
    assert!(built > 500, "only {built} tenants built");
}

/// A schema given with `--policies` is not the one the builder is tested against, so Cedar
/// checks every entity against it; obligo's own is not checked again.
#[test]
fn only_an_overridden_schema_is_checked() {
    let embedded = RuleSet::load(None).unwrap();
    assert!(!EntitySchema::of(&embedded).validate);

    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\n// a comment makes it another file\n",
        embedded.schema_file.text()
    );
    std::fs::write(dir.path().join("schema.cedarschema"), text).unwrap();
    let overridden = RuleSet::load(Some(dir.path())).unwrap();
    assert!(!overridden.schema_is_embedded());
    assert!(EntitySchema::of(&overridden).validate);
}
