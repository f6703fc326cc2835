//! `Transfer` entities: flows declared as `[[transfer]]`, and those implied by a system or data
//! store with personal data hosted somewhere (whose hosting is then the destination).

use cedar_policy::RestrictedExpression;

use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::Tenant;
use crate::tenant::model::{Hosting, Transfer};

use super::builder::{AttrBuilder, EntityError, qualified, uid};
use super::sink::{Sink, entity_ref};
use super::zones::zone_flags;
use super::{Build, Resource, ResourceRef};

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for transfer in &tenant.transfers {
        build.add("Transfer", "transfer", &transfer.id, |e, cx| {
            declared(e, transfer, cx.tenant, cx.rd)
        })?;
    }
    implicit_transfers(build)
}

fn declared(
    e: &mut AttrBuilder,
    transfer: &Transfer,
    tenant: &Tenant,
    rd: &ReferenceData,
) -> Result<(), EntityError> {
    e.bool_at("implicit", false, None);
    if let Some(from) = &transfer.from {
        e.str_at("source", &from.value, Some(from.span.clone()));
        if let Some(country) = source_country(tenant, &from.value) {
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
        .and_then(|sub| {
            tenant
                .sub_processors
                .iter()
                .find(|s| s.id.value == sub.value)
        })
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
    e.opt_str("operator", &transfer.operator);
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
fn source_country<'t>(tenant: &'t Tenant, id: &str) -> Option<&'t Located<String>> {
    let hosting: Option<&Located<Hosting>> = tenant
        .systems
        .iter()
        .find(|s| s.id.value == id)
        .and_then(|s| s.hosting.as_ref())
        .or_else(|| {
            tenant
                .data_stores
                .iter()
                .find(|d| d.id.value == id)
                .and_then(|d| d.hosting.as_ref())
        });
    hosting.and_then(|h| h.value.country.as_ref())
}

/// A system or data store holding personal data is, through its hosting, a transfer to the
/// country it is hosted in. Each becomes a `Transfer` entity whose evidence is the hosting.
fn implicit_transfers(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    let rd = build.rd;
    let hosted = tenant
        .systems
        .iter()
        .map(|s| {
            (
                "system",
                &s.id,
                s.hosting.as_ref(),
                s.personal_data.as_ref(),
            )
        })
        .chain(tenant.data_stores.iter().map(|d| {
            (
                "data store",
                &d.id,
                d.hosting.as_ref(),
                d.personal_data.as_ref(),
            )
        }));
    for (kind, id, hosting, personal) in hosted {
        if !personal.is_some_and(|p| p.value) {
            continue;
        }
        let entity_id = format!("implicit:{}:{}", kind.replace(' ', "_"), id.value);
        let transfer_uid = uid("Transfer", &entity_id)?;
        let mut e = build.b.entity(transfer_uid.clone());
        implicit(&mut e, id, hosting, personal, rd)?;
        build.b.finish_entity(e, &build.parents)?;
        build.resources.push(Resource {
            uid: transfer_uid,
            entity_type: qualified("Transfer"),
            reference: ResourceRef {
                kind,
                id: id.value.clone(),
                span: id.span.clone(),
            },
        });
    }
    Ok(())
}

fn implicit(
    e: &mut AttrBuilder,
    id: &Located<String>,
    hosting: Option<&Located<Hosting>>,
    personal: Option<&Located<bool>>,
    rd: &ReferenceData,
) -> Result<(), EntityError> {
    e.bool_at("implicit", true, None);
    e.str_at("source", &id.value, Some(id.span.clone()));
    if let Some(country) = hosting.and_then(|h| h.value.country.as_ref()) {
        e.str_at("source_country", &country.value, Some(country.span.clone()));
    }
    e.bool_at("personal_data", true, personal.map(|p| p.span.clone()));
    // The finding points at the hosting value, or at the id when hosting is missing.
    let evidence = hosting.map_or_else(|| id.span.clone(), |h| h.span.clone());
    e.record("destination", Some(evidence.clone()), |r| {
        if let Some(country) = hosting.and_then(|h| h.value.country.as_ref()) {
            r.str_at("country", &country.value, Some(evidence.clone()));
            zone_flags(r, &country.value, Some(evidence.clone()), rd);
        } else {
            r.note_at("country", "an undeclared country", Some(evidence.clone()));
        }
        Ok(())
    })?;
    if let Some(safeguard) = hosting.and_then(|h| h.value.safeguard.as_ref()) {
        e.str_at(
            "safeguard",
            safeguard.value.as_str(),
            Some(safeguard.span.clone()),
        );
    }
    Ok(())
}
