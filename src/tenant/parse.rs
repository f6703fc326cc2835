//! Reading a tenant file (TOML, JSON or YAML) into the validated model. One module per group of tables
//! reads them; `refs` checks ids and references across tables once everything is read.

mod contract;
mod credential;
mod events;
mod hosting;
pub mod include;
mod network;
mod processing;
mod refs;
mod risk;
mod system;
#[cfg(test)]
mod tests;
mod transfer;

use crate::facts::reference::ReferenceData;
use crate::limits;
use crate::source::SourceFile;
use crate::tenant::error::{InputError, InputErrorKind};
use crate::tenant::model::{Segment, Tenant};
pub use crate::tenant::reader::too_deep;
use crate::tenant::reader::{self, Cx, Table};
use crate::tenant::{Format, format};

/// What reading a file produced.
#[derive(Debug)]
pub enum Parsed {
    /// A valid tenant.
    Tenant(Box<Tenant>),
    /// A file that parses but has no top-level `tenant` table.
    NotATenant,
    /// A tenant file with errors.
    Invalid(Vec<InputError>),
}

/// Reads one file, or the first document of a YAML stream. Syntax errors and model errors
/// come back as [`Parsed::Invalid`]. Evidence files it includes are read up to
/// [`limits::DEFAULT_MAX_FILE_SIZE`].
pub fn parse(file: &SourceFile, refdata: &ReferenceData) -> Parsed {
    parse_with_limit(file, refdata, limits::DEFAULT_MAX_FILE_SIZE)
}

/// Reads one file like [`parse`]; evidence files it includes are read up to `max_file_size`
/// bytes, the limit the tenant file itself was read with.
pub fn parse_with_limit(file: &SourceFile, refdata: &ReferenceData, max_file_size: u64) -> Parsed {
    parse_documents(file, refdata, max_file_size, true)
        .into_iter()
        .next()
        .unwrap_or(Parsed::NotATenant)
}

/// Reads every document of a file in its format ([`crate::tenant::Format`]): one for TOML and
/// JSON, one per document of a YAML stream, where each is a tenant (a document without one
/// among tenants is an error). A JSON or YAML file met while walking (`explicit` false) that
/// does not parse is taken for some other file, and passed over, unless its text has a
/// top-level `tenant` key.
pub fn parse_documents(
    file: &SourceFile,
    refdata: &ReferenceData,
    max_file_size: u64,
    explicit: bool,
) -> Vec<Parsed> {
    let documents = match reader::documents(file) {
        Ok(documents) => documents,
        Err(_) if !explicit && !may_hold_tenant(file) => return vec![Parsed::NotATenant],
        Err(errors) => return vec![Parsed::Invalid(errors)],
    };
    let tenants = documents
        .iter()
        .filter(|d| d.root.contains_key("tenant"))
        .count();
    if tenants == 0 {
        return vec![Parsed::NotATenant];
    }
    documents
        .iter()
        .map(|document| {
            if !document.root.contains_key("tenant") {
                return Parsed::Invalid(vec![InputError::at(
                    file,
                    document.span.clone(),
                    InputErrorKind::NotATenant {
                        format: Format::of(file.path()),
                    },
                )]);
            }
            let cx = Cx::new(file);
            let tenant = read_tenant(
                &cx,
                Table::root(&cx, document, "the file").declared(&format::TENANT_FILE),
                refdata,
                max_file_size,
            );
            let errors = cx.into_errors();
            match tenant {
                Some(tenant) if errors.is_empty() => Parsed::Tenant(Box::new(tenant)),
                _ => Parsed::Invalid(errors),
            }
        })
        .collect()
}

/// Whether a file found by a walk may be a tenant file, from its syntax alone: a document has a
/// top-level `tenant` table, or the file does not parse (TOML; JSON or YAML that looks like a
/// tenant file), so that checking it reports why.
pub fn holds_tenant(file: &SourceFile) -> bool {
    match reader::documents(file) {
        Ok(documents) => documents.iter().any(|d| d.root.contains_key("tenant")),
        Err(_) => may_hold_tenant(file),
    }
}

/// Whether a JSON or YAML text that does not parse still looks like a tenant file: a line
/// starting `tenant:`, or a `"tenant"` key. TOML files are always taken for tenants.
fn may_hold_tenant(file: &SourceFile) -> bool {
    let text = file.text();
    match Format::of(file.path()) {
        Format::Toml => true,
        Format::Json => text.contains("\"tenant\""),
        Format::Yaml => text
            .lines()
            .any(|line| line.starts_with("tenant:") || line.starts_with("\"tenant\":")),
    }
}

/// Reads every `[[key]]` table with `read`, keeping those that are valid.
fn all<'a, 'i, T>(
    root: &mut Table<'a, 'i>,
    key: &'static str,
    read: impl FnMut(Table<'a, 'i>) -> Option<T>,
) -> Vec<T> {
    root.tables(key, &format!("[[{key}]]"))
        .into_iter()
        .filter_map(read)
        .collect()
}

fn read_tenant(
    cx: &Cx<'_>,
    mut root: Table<'_, '_>,
    rd: &ReferenceData,
    max_file_size: u64,
) -> Option<Tenant> {
    let mut header = root.table("tenant");
    // Read first, so that the included files come right after the tenant's own offsets.
    let include = header.as_mut().and_then(|h| h.strings("include"));
    let included = include
        .as_ref()
        .map(|list| include::read_includes(cx, &list.value, rd, max_file_size))
        .unwrap_or_default();
    let contacts = root.table("contacts").map(contract::read_contacts);
    let segments = all(&mut root, "segment", read_segment);
    let systems = all(&mut root, "system", |t| system::read_system(t, rd));
    let credentials = all(&mut root, "credential", credential::read_credential);
    let data_stores = all(&mut root, "data_store", |t| system::read_data_store(t, rd));
    let transfers = all(&mut root, "transfer", |t| transfer::read_transfer(t, rd));
    let contract_details = all(&mut root, "contract", contract::read_contract);
    let mut attestations = all(&mut root, "attestation", contract::read_attestation);
    let mut sub_processors = all(&mut root, "sub_processor", |t| {
        processing::read_sub_processor(t, rd)
    });
    let backups = all(&mut root, "backup", |t| processing::read_backup(t, rd));
    let mut facilities = all(&mut root, "facility", |t| processing::read_facility(t, rd));
    attestations.extend(included.attestations);
    sub_processors.extend(included.sub_processors);
    facilities.extend(included.facilities);
    let links = all(&mut root, "link", network::read_link);
    let mail_relays = all(&mut root, "mail_relay", network::read_mail_relay);
    let integrations = all(&mut root, "integration", |t| {
        network::read_integration(t, rd)
    });
    let companies = all(&mut root, "company", contract::read_company);
    let domains = all(&mut root, "domain", contract::read_domain);
    let incidents = all(&mut root, "incident", events::read_incident);
    let requests = all(&mut root, "request", events::read_request);
    let notices = all(&mut root, "notice", events::read_notice);
    let maintenance = all(&mut root, "maintenance", events::read_maintenance);
    let availability = all(&mut root, "availability", events::read_availability);
    let mut accepted_risks = all(&mut root, "accepted_risk", risk::read_accepted_risk);
    accepted_risks.extend(included.accepted_risks);
    root.finish();

    let mut header = header?;
    let id = header.id("id");
    let name = header.string("name");
    let contracts = header.strings("contracts");
    if !header.has("contracts") {
        // `strings` only reports a wrong type; a missing list is reported here.
        header.required_string("contracts");
    }
    header.finish();

    let mut tenant = Tenant {
        file: cx.file.clone(),
        sources: cx.sources(),
        id: id?,
        name,
        contracts: contracts?,
        contacts,
        segments,
        systems,
        credentials,
        data_stores,
        transfers,
        contract_details,
        attestations,
        sub_processors,
        backups,
        facilities,
        links,
        mail_relays,
        integrations,
        companies,
        domains,
        incidents,
        requests,
        notices,
        maintenance,
        availability,
        accepted_risks,
    };
    refs::check_all_unique(cx, &tenant);
    refs::check_all_references(cx, &tenant);
    refs::fill_site_countries(cx, &mut tenant);
    Some(tenant)
}

fn read_segment(mut t: Table<'_, '_>) -> Option<Segment> {
    let id = t.id("id");
    let zone = t.string("zone");
    t.finish();
    Some(Segment { id: id?, zone })
}
