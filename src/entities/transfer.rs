//! `Transfer` entities: flows declared as `[[transfer]]`, and those implied by a system or data
//! store with personal data hosted somewhere (whose hosting is then the destination).

use cedar_policy::RestrictedExpression;

use crate::facts::index::Index;
use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::model::{Backup, Safeguard, Transfer};

use super::builder::{AttrBuilder, EntityError, qualified, uid};
use super::sink::{Sink, entity_ref};
use super::zones::zone_flags;
use super::{Build, Resource, ResourceRef};

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for transfer in &tenant.transfers {
        build.add("Transfer", "transfer", &transfer.id, |e, cx| {
            declared(e, transfer, &cx.index, cx.rd)
        })?;
    }
    implicit_transfers(build)
}

fn declared(
    e: &mut AttrBuilder,
    transfer: &Transfer,
    index: &Index<'_>,
    rd: &ReferenceData,
) -> Result<(), EntityError> {
    e.bool_at("implicit", false, None);
    if let Some(from) = &transfer.from {
        e.str_at("source", &from.value, Some(from.span.clone()));
        if let Some(country) = source_country(index, &from.value) {
            e.str_at("source_country", &country.value, Some(country.span.clone()));
        }
    }
    let destination = &transfer.destination;
    let country = &destination.value.country;
    // A flow to a declared sub-processor is reported here, at its destination; its
    // sub-processor is shown with it rather than reported again.
    let related = transfer
        .sub_processor
        .as_ref()
        .and_then(|sub| index.sub_processor(&sub.value))
        .map(|s| {
            let label = format!("sub-processor `{}` of this flow", s.id.value);
            vec![(s.id.span.clone(), label)]
        })
        .unwrap_or_default();
    e.record("destination", Some(destination.span.clone()), |r| {
        r.put_related(
            "country",
            RestrictedExpression::new_string(country.value.clone()),
            country.value.clone(),
            Some(country.span.clone()),
            related,
        );
        r.opt_str("recipient", &destination.value.recipient);
        zone_flags(r, &country.value, Some(country.span.clone()), rd);
        Ok(())
    })?;
    super::system::personal_data(e, transfer.personal_data.as_ref());
    e.opt_pick("safeguard", &transfer.safeguard);
    // A flow is sent by whoever runs its source, unless the transfer says otherwise.
    let operator = transfer.operator.as_ref().or_else(|| {
        let from = transfer.from.as_ref()?;
        index.hosted(&from.value)?.data.operator.as_ref()
    });
    e.opt_str("operator", &operator.cloned());
    e.opt_pick("recipient_kind", &transfer.recipient_kind);
    if let Some(sub) = &transfer.sub_processor {
        e.put(
            "sub_processor",
            entity_ref(uid("SubProcessor", &sub.value)?),
            sub.value.clone(),
            Some(sub.span.clone()),
        );
    }
    e.opt_pick("basis", &transfer.basis);
    e.opt_pick("purpose", &transfer.purpose);
    e.opt_bool("aggregated", &transfer.aggregated);
    e.opt_bool("anonymised", &transfer.anonymised);
    e.opt_bool("documented", &transfer.documented);
    e.opt_str("local_safeguard", &transfer.local_safeguard);
    Ok(())
}

/// The hosting country of the system or data store `id`.
fn source_country<'t>(index: &Index<'t>, id: &str) -> Option<&'t Located<String>> {
    index.hosted(id)?.hosting?.value.country.as_ref()
}

/// Where service data sits is where it was transferred to: a system or data store holding
/// service data (personal or not) is a transfer to the country it is hosted in, and a backup
/// is one to each country its copies are kept in. Each becomes a `Transfer` entity whose
/// evidence is the hosting or the copy's location, run by whoever runs its source.
fn implicit_transfers(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    let hosted = tenant
        .systems
        .iter()
        .map(|s| {
            (
                "system",
                &s.id,
                s.hosting.as_ref(),
                s.personal_data.as_ref(),
                &s.data,
            )
        })
        .chain(tenant.data_stores.iter().map(|d| {
            (
                "data store",
                &d.id,
                d.hosting.as_ref(),
                d.personal_data.as_ref(),
                &d.data,
            )
        }));
    for (kind, id, hosting, personal, data) in hosted {
        let personal_data = personal.is_some_and(|p| p.value);
        let service_data = data.service_data.as_ref().is_some_and(|s| s.value);
        if !personal_data && !service_data {
            continue;
        }
        let entity_id = format!("implicit:{}:{}", kind.replace(' ', "_"), id.value);
        let place = ImplicitPlace {
            evidence: hosting.map_or_else(|| id.span.clone(), |h| h.span.clone()),
            country: hosting.and_then(|h| h.value.country.as_ref()),
            safeguard: hosting.and_then(|h| h.value.safeguard.as_ref()),
        };
        let facts = ImplicitFacts {
            id,
            personal_data,
            personal_span: personal.map(|p| p.span.clone()),
            operator: data.operator.as_ref(),
        };
        add_implicit(build, kind, &entity_id, &facts, &place)?;
    }
    for backup in &tenant.backups {
        let Some(locations) = &backup.locations else {
            continue;
        };
        let (holds_data, personal_data) = backup_contents(&build.index, backup);
        if !holds_data {
            continue;
        }
        let facts = ImplicitFacts {
            id: &backup.id,
            personal_data,
            personal_span: backup.of.as_ref().map(|o| o.span.clone()),
            operator: backup.operator.as_ref(),
        };
        for (index, location) in locations.value.iter().enumerate() {
            let entity_id = format!("implicit:backup:{}:{index}", backup.id.value);
            let place = ImplicitPlace {
                evidence: location.span.clone(),
                country: location.value.country.as_ref(),
                safeguard: backup.safeguard.as_ref(),
            };
            add_implicit(build, "backup", &entity_id, &facts, &place)?;
        }
    }
    Ok(())
}

/// Whether a backup's sources hold service data, and whether they hold personal data. A
/// backup that does not say what it copies is taken to hold service data (fail closed).
fn backup_contents(index: &Index<'_>, backup: &Backup) -> (bool, bool) {
    let Some(of) = &backup.of else {
        return (true, false);
    };
    of.value
        .iter()
        .map(|id| super::system::data_held(index, &id.value))
        .fold((false, false), |(service, personal), (p, s)| {
            (service || s, personal || p)
        })
}

/// What an implicit transfer carries over from its source.
struct ImplicitFacts<'t> {
    id: &'t Located<String>,
    personal_data: bool,
    personal_span: Option<std::ops::Range<usize>>,
    operator: Option<&'t Located<String>>,
}

/// Where the source keeps the data.
struct ImplicitPlace<'t> {
    /// What findings point at: the hosting or the copy's location, or the source's id.
    evidence: std::ops::Range<usize>,
    country: Option<&'t Located<String>>,
    safeguard: Option<&'t Located<Safeguard>>,
}

fn add_implicit(
    build: &mut Build<'_>,
    kind: &'static str,
    entity_id: &str,
    facts: &ImplicitFacts<'_>,
    place: &ImplicitPlace<'_>,
) -> Result<(), EntityError> {
    let transfer_uid = uid("Transfer", entity_id)?;
    let mut e = build.b.entity(transfer_uid.clone());
    implicit(&mut e, facts, place, build.rd)?;
    build.b.finish_entity(e, &build.parents)?;
    build.resources.push(Resource {
        uid: transfer_uid,
        entity_type: qualified("Transfer"),
        reference: ResourceRef {
            kind,
            id: facts.id.value.clone(),
            span: facts.id.span.clone(),
        },
    });
    Ok(())
}

fn implicit(
    e: &mut AttrBuilder,
    facts: &ImplicitFacts<'_>,
    place: &ImplicitPlace<'_>,
    rd: &ReferenceData,
) -> Result<(), EntityError> {
    e.bool_at("implicit", true, None);
    e.str_at("source", &facts.id.value, Some(facts.id.span.clone()));
    if let Some(country) = place.country {
        e.str_at("source_country", &country.value, Some(country.span.clone()));
    }
    e.bool_at(
        "personal_data",
        facts.personal_data,
        facts.personal_span.clone(),
    );
    e.opt_str("operator", &facts.operator.cloned());
    let evidence = place.evidence.clone();
    e.record("destination", Some(evidence.clone()), |r| {
        if let Some(country) = place.country {
            r.str_at("country", &country.value, Some(evidence.clone()));
            zone_flags(r, &country.value, Some(evidence.clone()), rd);
        } else {
            r.note_at("country", "an undeclared country", Some(evidence.clone()));
        }
        Ok(())
    })?;
    if let Some(safeguard) = place.safeguard {
        e.str_at(
            "safeguard",
            safeguard.value.as_str(),
            Some(safeguard.span.clone()),
        );
    }
    Ok(())
}
