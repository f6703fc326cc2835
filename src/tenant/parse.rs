//! Reading a tenant file (format v1, TOML) into the validated model.

use std::collections::HashMap;

use toml::de::DeTable;

use crate::facts::reference::{Cloud, ReferenceData};
use crate::source::{Located, SourceFile};
use crate::suggest;
use crate::tenant::error::{InputError, InputErrorKind};
use crate::tenant::model::{
    Contacts, Credential, CredentialKind, DataStore, Destination, Hosting, Interface, Os, Person,
    Provider, Safeguard, Segment, System, Tenant, Transfer,
};
use crate::tenant::reader::{Cx, Table};

/// What reading a file produced.
#[derive(Debug)]
pub enum Parsed {
    /// A valid tenant.
    Tenant(Box<Tenant>),
    /// Valid TOML without a `[tenant]` table.
    NotATenant,
    /// A tenant file with errors.
    Invalid(Vec<InputError>),
}

/// Reads one file. TOML syntax errors and model errors come back as [`Parsed::Invalid`].
pub fn parse(file: &SourceFile, refdata: &ReferenceData) -> Parsed {
    let root = match DeTable::parse(file.text()) {
        Ok(root) => root,
        Err(error) => {
            let kind = InputErrorKind::Syntax(error.message().trim().to_owned());
            return Parsed::Invalid(vec![match error.span() {
                Some(span) => InputError::at(file, span, kind),
                None => InputError::whole_file(file, kind),
            }]);
        }
    };
    if root.get_ref().get("tenant").is_none() {
        return Parsed::NotATenant;
    }
    let cx = Cx::new(file);
    let tenant = read_tenant(
        &cx,
        Table::new(&cx, root.get_ref(), root.span(), "the file"),
        refdata,
    );
    let errors = cx.into_errors();
    match tenant {
        Some(tenant) if errors.is_empty() => Parsed::Tenant(Box::new(tenant)),
        _ => Parsed::Invalid(errors),
    }
}

fn read_tenant(cx: &Cx<'_>, mut root: Table<'_, '_>, refdata: &ReferenceData) -> Option<Tenant> {
    let header = root.table("tenant");
    let contacts = root.table("contacts").map(read_contacts);
    let segments: Vec<Segment> = root
        .tables("segment", "[[segment]]")
        .into_iter()
        .filter_map(read_segment)
        .collect();
    let systems: Vec<System> = root
        .tables("system", "[[system]]")
        .into_iter()
        .filter_map(|t| read_system(t, refdata))
        .collect();
    let credentials: Vec<Credential> = root
        .tables("credential", "[[credential]]")
        .into_iter()
        .filter_map(read_credential)
        .collect();
    let data_stores: Vec<DataStore> = root
        .tables("data_store", "[[data_store]]")
        .into_iter()
        .filter_map(|t| read_data_store(t, refdata))
        .collect();
    let transfers: Vec<Transfer> = root
        .tables("transfer", "[[transfer]]")
        .into_iter()
        .filter_map(|t| read_transfer(t, refdata))
        .collect();
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

    check_unique(cx, "segment", segments.iter().map(|s| &s.id));
    check_unique(cx, "system", systems.iter().map(|s| &s.id));
    check_unique(cx, "credential", credentials.iter().map(|c| &c.id));
    check_unique(cx, "data store", data_stores.iter().map(|d| &d.id));
    check_unique(cx, "transfer", transfers.iter().map(|t| &t.id));
    if let Some(contracts) = &contracts {
        check_unique(cx, "contract", contracts.value.iter());
    }
    check_references(cx, &segments, &systems, &data_stores, &transfers);

    Some(Tenant {
        file: cx.file.clone(),
        id: id?,
        name,
        contracts: contracts?,
        contacts,
        segments,
        systems,
        credentials,
        data_stores,
        transfers,
    })
}

fn read_contacts(mut t: Table<'_, '_>) -> Contacts {
    let admins = t.strings("admins").map(|a| a.value).unwrap_or_default();
    let dpo = t.table("dpo").map(|mut p| {
        let person = Person {
            name: p.string("name"),
            email: p.string("email"),
            span: p.span(),
        };
        p.finish();
        person
    });
    let breach = t.string("breach");
    t.finish();
    Contacts {
        admins,
        dpo,
        breach,
    }
}

fn read_segment(mut t: Table<'_, '_>) -> Option<Segment> {
    let id = t.id("id");
    let zone = t.string("zone");
    t.finish();
    Some(Segment { id: id?, zone })
}

fn read_system(mut t: Table<'_, '_>, refdata: &ReferenceData) -> Option<System> {
    let id = t.id("id");
    let os = t.table("os").and_then(read_os);
    let hosting = t.table("hosting").and_then(|h| read_hosting(h, refdata));
    let interfaces = t
        .tables("interfaces", "interface")
        .into_iter()
        .filter_map(read_interface)
        .collect();
    let personal_data = t.bool("personal_data");
    t.finish();
    Some(System {
        id: id?,
        os,
        hosting,
        interfaces,
        personal_data,
    })
}

fn read_os(mut t: Table<'_, '_>) -> Option<Located<Os>> {
    let span = t.span();
    let family = t.required_string("family");
    let version = t.required_string("version");
    let extended_support = t.bool("extended_support");
    t.finish();
    Some(Located::new(
        Os {
            family: family?,
            version: version?,
            extended_support,
        },
        span,
    ))
}

fn read_hosting(mut t: Table<'_, '_>, refdata: &ReferenceData) -> Option<Located<Hosting>> {
    let span = t.span();
    let cx = t.cx();
    let provider = t.choice("provider", "hosting provider", &Provider::ALL);
    if provider.is_none() && !t.has("provider") {
        t.required_string("provider");
    }
    let region = t.string("region");
    let declared_country = t
        .string("country")
        .and_then(|c| check_country(t.cx(), c, refdata));
    let safeguard = t.choice("safeguard", "safeguard", &Safeguard::ALL);
    t.finish();
    let provider = provider?;
    let region_country = match &region {
        Some(region) => Some(region_country(cx, provider.value, region, refdata)?),
        None => None,
    };
    if let (Some(declared), Some(derived)) = (&declared_country, &region_country)
        && declared.value != derived.value
    {
        cx.report(
            declared.span.clone(),
            InputErrorKind::Inconsistent(format!(
                "`country` is `{}`, but region `{}` is in `{}`",
                declared.value,
                region.as_ref().map_or("", |r| r.value.as_str()),
                derived.value
            )),
        );
        return None;
    }
    let country = declared_country.or(region_country).or_else(|| {
        // NRB's cloud runs in its Belgian data centres.
        (provider.value == Provider::Nrb)
            .then(|| Located::new("BE".to_owned(), provider.span.clone()))
    });
    Some(Located::new(
        Hosting {
            provider,
            region,
            country,
            safeguard,
        },
        span,
    ))
}

fn region_country(
    cx: &Cx<'_>,
    provider: Provider,
    region: &Located<String>,
    refdata: &ReferenceData,
) -> Option<Located<String>> {
    let cloud = match provider {
        Provider::Azure => Cloud::Azure,
        Provider::Aws => Cloud::Aws,
        Provider::Gcp => Cloud::Gcp,
        other => {
            cx.report(
                region.span.clone(),
                InputErrorKind::Inconsistent(format!(
                    "obligo has no region table for provider `{}`; declare `country` instead of `region`",
                    other.as_str()
                )),
            );
            return None;
        }
    };
    match refdata.region_country(cloud, &region.value) {
        Some(country) => Some(Located::new(country.to_owned(), region.span.clone())),
        None => {
            cx.report(
                region.span.clone(),
                InputErrorKind::UnknownValue {
                    what: "cloud region",
                    value: region.value.clone(),
                    suggestion: suggest::closest(&region.value, refdata.regions(cloud))
                        .map(str::to_owned),
                    allowed: Vec::new(),
                },
            );
            None
        }
    }
}

fn check_country(
    cx: &Cx<'_>,
    code: Located<String>,
    refdata: &ReferenceData,
) -> Option<Located<String>> {
    if refdata.country_name(&code.value).is_some() {
        return Some(code);
    }
    let upper = code.value.to_uppercase();
    let suggestion = refdata.country_name(&upper).map(|_| upper);
    cx.report(
        code.span.clone(),
        InputErrorKind::UnknownValue {
            what: "country code (ISO 3166-1 alpha-2)",
            value: code.value,
            suggestion,
            allowed: Vec::new(),
        },
    );
    None
}

fn read_interface(mut t: Table<'_, '_>) -> Option<Located<Interface>> {
    let span = t.span();
    let segment = t.required_string("segment");
    let address = t.string("address");
    t.finish();
    Some(Located::new(
        Interface {
            segment: segment?,
            address,
        },
        span,
    ))
}

fn read_credential(mut t: Table<'_, '_>) -> Option<Credential> {
    let id = t.id("id");
    let kind = t.choice("kind", "credential kind", &CredentialKind::ALL);
    let owner = t.string("owner");
    let enabled = t.bool("enabled");
    let created = t.date("created");
    let last_used = t.date("last_used");
    t.finish();
    Some(Credential {
        id: id?,
        kind,
        owner,
        enabled,
        created,
        last_used,
    })
}

fn read_data_store(mut t: Table<'_, '_>, refdata: &ReferenceData) -> Option<DataStore> {
    let id = t.id("id");
    let hosting = t.table("hosting").and_then(|h| read_hosting(h, refdata));
    let personal_data = t.bool("personal_data");
    t.finish();
    Some(DataStore {
        id: id?,
        hosting,
        personal_data,
    })
}

fn read_transfer(mut t: Table<'_, '_>, refdata: &ReferenceData) -> Option<Transfer> {
    let id = t.id("id");
    let from = t.string("from");
    let destination = match t.table("destination") {
        Some(mut d) => {
            let span = d.span();
            let country = d
                .required_string("country")
                .and_then(|c| check_country(d.cx(), c, refdata));
            let recipient = d.string("recipient");
            d.finish();
            country.map(|country| Located::new(Destination { country, recipient }, span))
        }
        None => {
            if !t.has("destination") {
                t.required_string("destination");
            }
            None
        }
    };
    let personal_data = t.bool("personal_data");
    let safeguard = t.choice("safeguard", "safeguard", &Safeguard::ALL);
    t.finish();
    Some(Transfer {
        id: id?,
        from,
        destination: destination?,
        personal_data,
        safeguard,
    })
}

fn check_unique<'m>(
    cx: &Cx<'_>,
    kind: &'static str,
    ids: impl Iterator<Item = &'m Located<String>>,
) {
    let mut seen: HashMap<&str, &Located<String>> = HashMap::new();
    for id in ids {
        if let Some(first) = seen.get(id.value.as_str()) {
            cx.report(
                id.span.clone(),
                InputErrorKind::DuplicateId {
                    kind,
                    id: id.value.clone(),
                    first: first.span.clone(),
                },
            );
        } else {
            seen.insert(&id.value, id);
        }
    }
}

fn check_references(
    cx: &Cx<'_>,
    segments: &[Segment],
    systems: &[System],
    data_stores: &[DataStore],
    transfers: &[Transfer],
) {
    let segment_ids: Vec<&str> = segments.iter().map(|s| s.id.value.as_str()).collect();
    for interface in systems.iter().flat_map(|s| &s.interfaces) {
        check_reference(
            cx,
            "segment",
            "segment",
            &interface.value.segment,
            &segment_ids,
        );
    }
    let sources: Vec<&str> = systems
        .iter()
        .map(|s| s.id.value.as_str())
        .chain(data_stores.iter().map(|d| d.id.value.as_str()))
        .collect();
    for from in transfers.iter().filter_map(|t| t.from.as_ref()) {
        check_reference(cx, "from", "system or data store", from, &sources);
    }
}

fn check_reference(
    cx: &Cx<'_>,
    key: &str,
    kind: &'static str,
    reference: &Located<String>,
    declared: &[&str],
) {
    if !declared.contains(&reference.value.as_str()) {
        cx.report(
            reference.span.clone(),
            InputErrorKind::DanglingReference {
                key: key.to_owned(),
                kind,
                id: reference.value.clone(),
                suggestion: suggest::closest(&reference.value, declared.iter().copied())
                    .map(str::to_owned),
            },
        );
    }
}
