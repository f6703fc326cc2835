//! Per-table tests of the reader: a valid example parses, and an unknown key, a wrong type and
//! a dangling reference are reported at the line they are on.

use crate::facts::reference::ReferenceData;
use crate::source::SourceFile;
use crate::tenant::model::Tenant;
use crate::tenant::{InputErrorKind, Parsed, parse};

const HEADER: &str =
    "[tenant]\nid = \"t\"\ncontracts = [\"nrb\", \"dpa\", \"nmbrs\", \"norisk\", \"smartlockr\"]\n";

/// Lines of the tables that others refer to; the snippet under test follows them.
const BASE: &str = "\
[[segment]]
id = \"app\"
[[system]]
id = \"web\"
hosting = { provider = \"nrb\", site = \"dc-1\" }
personal_data = true
[[data_store]]
id = \"db\"
hosting = { provider = \"on-premises\", site = \"dc-1\" }
[[facility]]
id = \"dc-1\"
country = \"BE\"
[[sub_processor]]
id = \"sp\"
contract = \"dpa\"
";

fn text(snippet: &str) -> String {
    format!("{HEADER}{BASE}{snippet}")
}

/// The 1-based line in `text(snippet)` of the first occurrence of `needle` in the snippet.
fn line_of(snippet: &str, needle: &str) -> usize {
    let full = text(snippet);
    let offset = HEADER.len() + BASE.len() + snippet.find(needle).unwrap();
    full[..offset].matches('\n').count() + 1
}

fn read(snippet: &str) -> Result<Box<Tenant>, Vec<(usize, InputErrorKind)>> {
    let refdata = ReferenceData::embedded().unwrap();
    let file = SourceFile::new("t.toml", text(snippet));
    match parse(&file, &refdata) {
        Parsed::Tenant(t) => Ok(t),
        Parsed::Invalid(errors) => Err(errors
            .into_iter()
            .map(|e| (e.line_col().0, e.kind))
            .collect()),
        Parsed::NotATenant => panic!("not a tenant"),
    }
}

fn valid(snippet: &str) -> Box<Tenant> {
    match read(snippet) {
        Ok(t) => t,
        Err(errors) => panic!("{snippet}\n{errors:#?}"),
    }
}

/// Exactly one error, at the line of `needle`, whose kind `matches`.
fn one_error(snippet: &str, needle: &str, matches: impl Fn(&InputErrorKind) -> bool) {
    let errors = match read(snippet) {
        Ok(_) => panic!("expected an error in\n{snippet}"),
        Err(errors) => errors,
    };
    assert_eq!(errors.len(), 1, "{snippet}\n{errors:#?}");
    let (line, kind) = &errors[0];
    assert_eq!(*line, line_of(snippet, needle), "{snippet}\n{kind:?}");
    assert!(matches(kind), "{snippet}\n{kind:?}");
}

fn unknown_key(snippet: &str, key: &str) {
    one_error(
        snippet,
        key,
        |k| matches!(k, InputErrorKind::UnknownKey { key: found, .. } if found == key),
    );
}

fn wrong_type(snippet: &str, needle: &str) {
    one_error(snippet, needle, |k| {
        matches!(
            k,
            InputErrorKind::WrongType { .. }
                | InputErrorKind::InvalidDate { .. }
                | InputErrorKind::Inconsistent(_)
        )
    });
}

fn dangling(snippet: &str, needle: &str, suggestion: Option<&str>) {
    one_error(snippet, needle, |k| match k {
        InputErrorKind::DanglingReference { suggestion: s, .. } => s.as_deref() == suggestion,
        _ => false,
    });
}

fn unknown_value(snippet: &str, needle: &str, suggestion: &str) {
    one_error(snippet, needle, |k| match k {
        InputErrorKind::UnknownValue { suggestion: s, .. } => s.as_deref() == Some(suggestion),
        _ => false,
    });
}

#[test]
fn v1_base_is_still_valid() {
    let t = valid("");
    assert_eq!(t.systems.len(), 1);
    // The facility's country reaches hostings on its site that declare none.
    let store = &t.data_stores[0];
    let country = store
        .hosting
        .as_ref()
        .unwrap()
        .value
        .country
        .as_ref()
        .unwrap();
    assert_eq!(country.value, "BE");
}

#[test]
fn contacts() {
    let t = valid(
        "[contacts]\nbreach = \"sec@x.example\"\nbreach_phone = \"+32\"\nnotice = \"n@x.example\"\nnotice_monitored = true\ndpo = { name = \"A\", phone = \"+32\", updated = 2026-01-01 }\n",
    );
    let c = t.contacts.unwrap();
    assert_eq!(c.breach_phone.unwrap().value, "+32");
    assert!(c.notice_monitored.unwrap().value);
    assert!(c.dpo.unwrap().updated.is_some());
    unknown_key("[contacts]\nbreach_fone = \"x\"\n", "breach_fone");
    wrong_type("[contacts]\nnotice_monitored = \"yes\"\n", "\"yes\"");
}

#[test]
fn contract() {
    let snippet = "[[contract]]\nid = \"nmbrs\"\nsigned = 2024-01-01\nowners = [{ name = \"Jan\", internal = true }]\nservice_level = \"gold\"\nsupport = { response_hours = 2, urgent_channels = [\"phone\"] }\noffboarding = { deleted = 2026-01-01 }\n";
    let t = valid(snippet);
    let c = &t.contract_details[0];
    assert_eq!(c.owners.as_ref().unwrap().value.len(), 1);
    assert_eq!(
        c.support
            .as_ref()
            .unwrap()
            .value
            .response_hours
            .as_ref()
            .unwrap()
            .value,
        2
    );
    unknown_key(
        "[[contract]]\nid = \"nmbrs\"\nsigend = 2024-01-01\n",
        "sigend",
    );
    unknown_key(
        "[[contract]]\nid = \"nmbrs\"\nsupport = { mail = \"x\" }\n",
        "mail",
    );
    wrong_type(
        "[[contract]]\nid = \"nmbrs\"\nlicensed_users = \"ten\"\n",
        "\"ten\"",
    );
    wrong_type("[[contract]]\nid = \"nmbrs\"\nlicensed_users = -1\n", "-1");
    dangling("[[contract]]\nid = \"nmbr\"\n", "\"nmbr\"", Some("nmbrs"));
    unknown_value(
        "[[contract]]\nid = \"nmbrs\"\nservice_level = \"goldd\"\n",
        "\"goldd\"",
        "gold",
    );
    one_error(
        "[[contract]]\nid = \"dpa\"\n[[contract]]\nid = 'dpa'\n",
        "id = 'dpa'",
        |k| matches!(k, InputErrorKind::DuplicateId { .. }),
    );
}

#[test]
fn attestation() {
    let t = valid(
        "[[attestation]]\nid = \"iso\"\ncontract = \"smartlockr\"\ntopic = \"iso27001\"\nissued = 2026-01-01\nholders = [\"K\"]\n",
    );
    assert_eq!(t.attestations[0].topic.value.as_str(), "iso27001");
    unknown_key(
        "[[attestation]]\nid = \"a\"\ncontract = \"dpa\"\ntopic = \"sra\"\nisued = 2026-01-01\n",
        "isued",
    );
    wrong_type(
        "[[attestation]]\nid = \"a\"\ncontract = \"dpa\"\ntopic = \"sra\"\nissued = \"2026-01-01\"\n",
        "\"2026-01-01\"",
    );
    dangling(
        "[[attestation]]\nid = \"a\"\ncontract = \"smartlock\"\ntopic = \"sra\"\n",
        "\"smartlock\"",
        Some("smartlockr"),
    );
    unknown_value(
        "[[attestation]]\nid = \"a\"\ncontract = \"dpa\"\ntopic = \"iso2700\"\n",
        "\"iso2700\"",
        "iso27001",
    );
    one_error(
        "[[attestation]]\nid = \"a\"\ncontract = \"dpa\"\n",
        "[[attestation]]",
        |k| matches!(k, InputErrorKind::MissingKey { key, .. } if key == "topic"),
    );
}

#[test]
fn sub_processor() {
    let t = valid(
        "[[sub_processor]]\nid = \"mail\"\ncontract = \"smartlockr\"\nestablished = \"IE\"\ncountries = [\"IE\", \"US\"]\nengaged = 2025-09-01\nnotified = 2025-05-15\nsafeguard = \"dpf\"\nobjection = \"none\"\n",
    );
    assert_eq!(
        t.sub_processors[1].countries.as_ref().unwrap().value.len(),
        2
    );
    unknown_key(
        "[[sub_processor]]\nid = \"x\"\ncontract = \"dpa\"\ncountry = \"IE\"\n",
        "country",
    );
    wrong_type(
        "[[sub_processor]]\nid = \"x\"\ncontract = \"dpa\"\nlisted = 1\n",
        "1\n",
    );
    dangling(
        "[[sub_processor]]\nid = \"x\"\ncontract = \"norsk\"\n",
        "\"norsk\"",
        Some("norisk"),
    );
    unknown_value(
        "[[sub_processor]]\nid = \"x\"\ncontract = \"dpa\"\ncountries = [\"ie\"]\n",
        "\"ie\"",
        "IE",
    );
}

#[test]
fn backup() {
    let t = valid(
        "[[backup]]\nid = \"b\"\nof = [\"db\"]\ncopies = 2\nlocations = [{ site = \"dc-1\" }, { provider = \"aws\", region = \"eu-central-1\" }]\ntiers = [{ frequency = \"daily\", retention_days = 14 }]\n",
    );
    let b = &t.backups[0];
    let locations = &b.locations.as_ref().unwrap().value;
    assert_eq!(locations[0].value.country.as_ref().unwrap().value, "BE");
    assert_eq!(locations[1].value.country.as_ref().unwrap().value, "DE");
    unknown_key("[[backup]]\nid = \"b\"\ncopys = 2\n", "copys");
    unknown_key(
        "[[backup]]\nid = \"b\"\ntiers = [{ frequency = \"daily\", keep = 14 }]\n",
        "keep",
    );
    wrong_type("[[backup]]\nid = \"b\"\nencrypted = \"yes\"\n", "\"yes\"");
    dangling(
        "[[backup]]\nid = \"b\"\nof = [\"dbb\"]\n",
        "\"dbb\"",
        Some("db"),
    );
    dangling(
        "[[backup]]\nid = \"b\"\nlocations = [{ site = \"dc-2\" }]\n",
        "\"dc-2\"",
        Some("dc-1"),
    );
    one_error(
        "[[backup]]\nid = \"b\"\ntiers = [\n{ frequency = \"daily\" },\n{ frequency = 'daily' },\n]\n",
        "'daily'",
        |k| matches!(k, InputErrorKind::Inconsistent(_)),
    );
    one_error(
        "[[backup]]\nid = \"b\"\nlocations = [{ site = \"dc-1\", country = \"NL\" }]\n",
        "\"NL\"",
        |k| matches!(k, InputErrorKind::Inconsistent(_)),
    );
}

#[test]
fn facility() {
    let t = valid(
        "[[facility]]\nid = \"dc-2\"\ncountry = \"NL\"\ncontrols = [\"firewall\"]\npower = [\"ups\"]\nmedia_disposal = \"shred\"\n",
    );
    assert_eq!(t.facilities.len(), 2);
    unknown_key("[[facility]]\nid = \"dc-2\"\nups = true\n", "ups");
    wrong_type(
        "[[facility]]\nid = \"dc-2\"\ncontingency_plan = \"yes\"\n",
        "\"yes\"",
    );
    dangling(
        "[[facility]]\nid = \"dc-2\"\noperator = \"nmbr\"\n",
        "\"nmbr\"",
        Some("nmbrs"),
    );
    unknown_value(
        "[[facility]]\nid = \"dc-2\"\ncontrols = [\"firewal\"]\n",
        "\"firewal\"",
        "firewall",
    );
}

#[test]
fn system_and_data_store_facts() {
    let t = valid(
        "[[system]]\nid = \"app\"\noperator = \"customer\"\nenvironment = \"training\"\naccess_log = { enabled = true, fields = [\"timestamp\"] }\npassword_policy = { min_length = 12, storage = \"hashed\" }\nfailed_login_monitoring = { offered = true }\n[[data_store]]\nid = \"lake\"\nencrypted_at_rest = false\nreplicas = [{ site = \"dc-1\" }]\n",
    );
    assert_eq!(
        t.systems[1]
            .security
            .password_policy
            .as_ref()
            .unwrap()
            .value
            .min_length
            .as_ref()
            .unwrap()
            .value,
        12
    );
    assert!(t.data_stores[1].replicas.is_some());
    unknown_key(
        "[[system]]\nid = \"app\"\nantimalware = true\n",
        "antimalware",
    );
    unknown_key(
        "[[system]]\nid = \"app\"\naccess_log = { enable = true }\n",
        "enable",
    );
    wrong_type("[[data_store]]\nid = \"s\"\nretention_days = 1.5\n", "1.5");
    dangling(
        "[[system]]\nid = \"app\"\noperator = \"vendor\"\n",
        "\"vendor\"",
        None,
    );
    // A credential's operator is checked like every other: `customer` or a bound contract.
    dangling(
        "[[credential]]\nid = \"c\"\noperator = \"custmer\"\n",
        "\"custmer\"",
        Some("customer"),
    );
    unknown_value(
        "[[backup]]\nid = \"b\"\nsafeguard = \"sccs\"\n",
        "\"sccs\"",
        "scc",
    );
    unknown_value(
        "[[system]]\nid = \"app\"\nenvironment = \"producton\"\n",
        "\"producton\"",
        "production",
    );
}

#[test]
fn credential_account_facts() {
    let t = valid(
        "[[credential]]\nid = \"c\"\nkind = \"license-key\"\ncontract = \"smartlockr\"\nperson = \"p\"\nmfa = true\naccess = [\"web\", \"db\"]\nstatus = \"banned\"\ncompromised = 2026-10-01T09:00:00+02:00\nuse = \"internal\"\n",
    );
    let c = &t.credentials[0];
    assert_eq!(c.account.access.as_ref().unwrap().value.len(), 2);
    assert_eq!(
        c.account
            .compromised
            .as_ref()
            .unwrap()
            .value
            .utc
            .to_string(),
        "2026-10-01T07:00:00Z"
    );
    unknown_key(
        "[[credential]]\nid = \"c\"\nmfa_enabled = true\n",
        "mfa_enabled",
    );
    wrong_type("[[credential]]\nid = \"c\"\nholders = \"two\"\n", "\"two\"");
    dangling(
        "[[credential]]\nid = \"c\"\naccess = [\"webb\"]\n",
        "\"webb\"",
        Some("web"),
    );
    dangling(
        "[[credential]]\nid = \"c\"\ncontract = \"dp\"\n",
        "\"dp\"",
        Some("dpa"),
    );
}

#[test]
fn transfer_facts() {
    let t = valid(
        "[[transfer]]\nid = \"t\"\nfrom = \"db\"\ndestination = { country = \"US\" }\nsafeguard = \"dpf\"\nsub_processor = \"sp\"\nrecipient_kind = \"international-organisation\"\ndocumented = true\n",
    );
    assert!(t.transfers[0].documented.is_some());
    unknown_key(
        "[[transfer]]\nid = \"t\"\ndestination = { country = \"US\" }\ndocumentd = true\n",
        "documentd",
    );
    wrong_type(
        "[[transfer]]\nid = \"t\"\ndestination = { country = \"US\" }\naggregated = 0\n",
        "0\n",
    );
    dangling(
        "[[transfer]]\nid = \"t\"\ndestination = { country = \"US\" }\nsub_processor = \"spp\"\n",
        "\"spp\"",
        Some("sp"),
    );
}

#[test]
fn link() {
    let t = valid(
        "[[link]]\nid = \"l\"\nfrom = \"app\"\nto = \"web\"\nnetwork = \"public\"\ntls_min = \"1.2\"\n",
    );
    assert_eq!(t.links[0].tls_min.as_ref().unwrap().value.number(), 12);
    unknown_key("[[link]]\nid = \"l\"\ntls = \"1.2\"\n", "tls");
    wrong_type("[[link]]\nid = \"l\"\nencrypted = \"no\"\n", "\"no\"");
    dangling(
        "[[link]]\nid = \"l\"\nto = \"wbe\"\n",
        "\"wbe\"",
        Some("web"),
    );
    unknown_value(
        "[[link]]\nid = \"l\"\ntls_min = \"1,2\"\n",
        "\"1,2\"",
        "1.2",
    );
}

#[test]
fn mail_relay() {
    let t = valid(
        "[[mail_relay]]\nid = \"r\"\ncontract = \"smartlockr\"\nscope = \"all-outbound\"\ntls = \"required\"\ncontent_policy = { mode = \"manual\", keywords = 3 }\ndelivery_service = \"sp\"\nsources = [\"bulk\"]\n",
    );
    assert!(t.mail_relays[0].content_policy.is_some());
    unknown_key(
        "[[mail_relay]]\nid = \"r\"\ncontract = \"smartlockr\"\ncontent_policy = { keyword = 3 }\n",
        "keyword",
    );
    wrong_type(
        "[[mail_relay]]\nid = \"r\"\ncontract = \"smartlockr\"\nsmarthosts = \"relay\"\n",
        "\"relay\"",
    );
    dangling(
        "[[mail_relay]]\nid = \"r\"\ncontract = \"smartlockr\"\ndelivery_service = \"s\"\n",
        "\"s\"",
        Some("sp"),
    );
}

#[test]
fn integration_company_domain() {
    let t = valid(
        "[[integration]]\nid = \"i\"\ncontract = \"nmbrs\"\ncountry = \"NL\"\nsub_processor = \"sp\"\n[[company]]\nid = \"c\"\ncontract = \"nmbrs\"\ndemo = true\n[[domain]]\nid = \"x.example\"\nkind = \"domain\"\n",
    );
    assert_eq!(
        t.integrations.len() + t.companies.len() + t.domains.len(),
        3
    );
    unknown_key(
        "[[integration]]\nid = \"i\"\ncontract = \"nmbrs\"\ndpa = true\n",
        "dpa",
    );
    wrong_type(
        "[[company]]\nid = \"c\"\ncontract = \"nmbrs\"\ndemo = \"no\"\n",
        "\"no\"",
    );
    dangling(
        "[[company]]\nid = \"c\"\ncontract = \"nmbr\"\n",
        "\"nmbr\"",
        Some("nmbrs"),
    );
    unknown_value(
        "[[domain]]\nid = \"d\"\nkind = \"social-medai\"\n",
        "\"social-medai\"",
        "social-media",
    );
}

#[test]
fn incident() {
    let t = valid(
        "[[incident]]\nid = \"i\"\ncontract = \"nmbrs\"\nkind = \"breach\"\naware = 2026-08-03T08:15:00+02:00\nnotified = 2026-08-04\nnotification_fields = [\"nature\"]\n",
    );
    assert!(t.incidents[0].notified.is_some());
    unknown_key(
        "[[incident]]\nid = \"i\"\ncontract = \"nmbrs\"\nkind = \"breach\"\ndiscovered = 2026-01-01\n",
        "discovered",
    );
    wrong_type(
        "[[incident]]\nid = \"i\"\ncontract = \"nmbrs\"\nkind = \"breach\"\naware = \"yesterday\"\n",
        "\"yesterday\"",
    );
    dangling(
        "[[incident]]\nid = \"i\"\ncontract = \"nrisk\"\nkind = \"breach\"\n",
        "\"nrisk\"",
        Some("norisk"),
    );
    unknown_value(
        "[[incident]]\nid = \"i\"\ncontract = \"dpa\"\nkind = \"breech\"\n",
        "\"breech\"",
        "breach",
    );
}

#[test]
fn request_and_notice() {
    let t = valid(
        "[[request]]\nid = \"r\"\ncontract = \"norisk\"\nkind = \"measures-info\"\nreceived = 2026-04-01\nanswered = 2026-04-10\n[[notice]]\nid = \"n\"\ncontract = \"smartlockr\"\nkind = \"sub-processor\"\nsent = 2025-05-15\nsub_processor = \"sp\"\n",
    );
    assert_eq!(t.requests.len() + t.notices.len(), 2);
    unknown_key(
        "[[request]]\nid = \"r\"\ncontract = \"dpa\"\nkind = \"audit\"\nreceivd = 2026-01-01\n",
        "receivd",
    );
    wrong_type(
        "[[request]]\nid = \"r\"\ncontract = \"dpa\"\nkind = \"ticket\"\ncategory = \"10\"\n",
        "\"10\"",
    );
    dangling(
        "[[notice]]\nid = \"n\"\ncontract = \"dpa\"\nkind = \"sub-processor\"\nsub_processor = \"xp\"\n",
        "\"xp\"",
        Some("sp"),
    );
}

#[test]
fn maintenance_and_availability() {
    let t = valid(
        "[[maintenance]]\nid = \"m\"\ncontract = \"nmbrs\"\nkind = \"planned\"\nstart = 2026-11-03T19:00:00+01:00\nend = 2026-11-03T21:00:00+01:00\n[[availability]]\nid = \"a\"\ncontract = \"smartlockr\"\nstart = 2026-07-01\nend = 2026-09-30\npercent = 99.95\n",
    );
    assert_eq!(t.availability[0].percent.as_ref().unwrap().value, "99.9500");
    unknown_key(
        "[[maintenance]]\nid = \"m\"\ncontract = \"nmbrs\"\nkind = \"planned\"\nstop = 2026-01-01\n",
        "stop",
    );
    wrong_type(
        "[[availability]]\nid = \"a\"\ncontract = \"smartlockr\"\nstart = 2026-07-01\nend = 2026-09-30\npercent = 101\n",
        "101",
    );
    dangling(
        "[[maintenance]]\nid = \"m\"\ncontract = \"nmbrz\"\nkind = \"planned\"\n",
        "\"nmbrz\"",
        Some("nmbrs"),
    );
    one_error(
        "[[maintenance]]\nid = \"m\"\ncontract = \"nmbrs\"\nkind = \"planned\"\nstart = 2026-11-03T19:00:00Z\nend = 2026-11-03T18:00:00Z\n",
        "end =",
        |k| matches!(k, InputErrorKind::Inconsistent(_)),
    );
}
