//! From the tenant model to Cedar entities. Rust derives here the facts Cedar cannot compute
//! (distinct segments, lifecycle dates, region country, zone membership, a credential's last
//! activity, transfers implied by hosting) and records, for every attribute it sets, where in
//! the tenant file the fact comes from and how to show it in a message.

mod builder;

use std::ops::Range;

use cedar_policy::{Entities, Entity, EntityUid, RestrictedExpression};

use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::Tenant;
use crate::tenant::model::{Hosting, Os, System};

use builder::{EntityBuilder, date, uid};
pub use builder::{EntityError, Fact, date as cedar_date};

/// A resource of the tenant as users name it: `system` `web-01`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    /// The kind as written in messages, e.g. `system` or `data store`.
    pub kind: &'static str,
    /// The id from the tenant file.
    pub id: String,
    /// Where the id is declared.
    pub span: Range<usize>,
}

/// One entity to evaluate the rules against.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The entity's uid.
    pub uid: EntityUid,
    /// Its entity type, e.g. `Obligo::System`.
    pub entity_type: &'static str,
    /// The tenant resource it stands for.
    pub reference: ResourceRef,
}

/// The Cedar view of one tenant: its entities, the resources to evaluate, and where each fact
/// comes from.
#[derive(Debug)]
pub struct TenantEntities {
    /// Every entity of the tenant.
    pub entities: Entities,
    /// The tenant entity, the principal of every request.
    pub principal: EntityUid,
    /// The resources to evaluate, in file order.
    pub resources: Vec<Resource>,
    facts: builder::Facts,
}

impl TenantEntities {
    /// Builds the entities of `tenant`, checking them against `schema`.
    pub fn build(
        tenant: &Tenant,
        refdata: &ReferenceData,
        schema: &cedar_policy::Schema,
    ) -> Result<TenantEntities, EntityError> {
        let mut b = EntityBuilder::default();
        let principal = uid("Tenant", &tenant.id.value)?;
        let mut tenant_attrs = b.entity(principal.clone());
        if let Some(name) = &tenant.name {
            tenant_attrs.string("name", &name.value, Some(name.span.clone()));
        }
        tenant_attrs.strings(
            "contracts",
            tenant.contracts.value.iter().map(|c| c.value.as_str()),
            Some(tenant.contracts.span.clone()),
        );
        b.finish_entity(tenant_attrs, &[])?;

        // The tenant is a resource too: tenant-wide obligations (contacts, contract metadata)
        // are judged on it.
        let mut resources = vec![resource("Tenant", "tenant", &tenant.id)?];
        let parents = [principal.clone()];
        for segment in &tenant.segments {
            let resource = resource("Segment", "segment", &segment.id)?;
            let mut e = b.entity(resource.uid.clone());
            if let Some(zone) = &segment.zone {
                e.string("zone", &zone.value, Some(zone.span.clone()));
            }
            b.finish_entity(e, &parents)?;
            resources.push(resource);
        }
        for system in &tenant.systems {
            let resource = resource("System", "system", &system.id)?;
            let mut e = b.entity(resource.uid.clone());
            system_facts(&mut e, system, refdata)?;
            b.finish_entity(e, &parents)?;
            resources.push(resource);
        }
        for credential in &tenant.credentials {
            let resource = resource("Credential", "credential", &credential.id)?;
            let mut e = b.entity(resource.uid.clone());
            if let Some(kind) = &credential.kind {
                e.string("kind", kind.value.as_str(), Some(kind.span.clone()));
            }
            if let Some(owner) = &credential.owner {
                e.string("owner", &owner.value, Some(owner.span.clone()));
            }
            let enabled = credential.enabled.as_ref();
            e.bool(
                "enabled",
                enabled.is_none_or(|e| e.value),
                enabled.map(|e| e.span.clone()),
            );
            for (key, value) in [
                ("created", &credential.created),
                ("last_used", &credential.last_used),
            ] {
                if let Some(d) = value {
                    e.date(key, d.value, Some(d.span.clone()));
                }
            }
            if let Some(last) = credential
                .last_used
                .as_ref()
                .or(credential.created.as_ref())
            {
                e.date("last_activity", last.value, Some(last.span.clone()));
            }
            b.finish_entity(e, &parents)?;
            resources.push(resource);
        }
        for store in &tenant.data_stores {
            let resource = resource("DataStore", "data store", &store.id)?;
            let mut e = b.entity(resource.uid.clone());
            if let Some(hosting) = &store.hosting {
                hosting_fact(&mut e, "hosting", hosting, refdata)?;
            }
            personal_data(&mut e, store.personal_data.as_ref());
            b.finish_entity(e, &parents)?;
            resources.push(resource);
        }
        for transfer in &tenant.transfers {
            let resource = resource("Transfer", "transfer", &transfer.id)?;
            let mut e = b.entity(resource.uid.clone());
            e.bool("implicit", false, None);
            if let Some(from) = &transfer.from {
                e.string("source", &from.value, Some(from.span.clone()));
            }
            let destination = &transfer.destination;
            let country = &destination.value.country;
            let mut fields = vec![(
                "country",
                RestrictedExpression::new_string(country.value.clone()),
            )];
            if let Some(recipient) = &destination.value.recipient {
                fields.push((
                    "recipient",
                    RestrictedExpression::new_string(recipient.value.clone()),
                ));
                e.note(
                    "destination.recipient",
                    &recipient.value,
                    Some(recipient.span.clone()),
                );
            }
            fields.extend(zone_fields(&country.value, refdata));
            e.note(
                "destination.country",
                &country.value,
                Some(country.span.clone()),
            );
            e.record("destination", fields, Some(destination.span.clone()))?;
            personal_data(&mut e, transfer.personal_data.as_ref());
            if let Some(safeguard) = &transfer.safeguard {
                e.string(
                    "safeguard",
                    safeguard.value.as_str(),
                    Some(safeguard.span.clone()),
                );
            }
            b.finish_entity(e, &parents)?;
            resources.push(resource);
        }
        implicit_transfers(&mut b, tenant, refdata, &parents, &mut resources)?;

        let (entities, facts) = b.build(schema)?;
        Ok(TenantEntities {
            entities,
            principal,
            resources,
            facts,
        })
    }

    /// The fact behind attribute `path` of `uid`, or of the closest enclosing attribute that
    /// has one (`destination.country`, then `destination`).
    pub fn fact(&self, uid: &EntityUid, path: &str) -> Option<&Fact> {
        let mut path = path;
        loop {
            if let Some(fact) = self.facts.get(&(uid.clone(), path.to_owned())) {
                return Some(fact);
            }
            path = &path[..path.rfind('.')?];
        }
    }

    /// The fact behind exactly attribute `path` of `uid`.
    pub fn exact_fact(&self, uid: &EntityUid, path: &str) -> Option<&Fact> {
        self.facts.get(&(uid.clone(), path.to_owned()))
    }

    /// The entity behind `uid`.
    pub fn entity(&self, uid: &EntityUid) -> Option<&Entity> {
        self.entities.get(uid)
    }
}

fn resource(
    entity_type: &'static str,
    kind: &'static str,
    id: &Located<String>,
) -> Result<Resource, EntityError> {
    Ok(Resource {
        uid: uid(entity_type, &id.value)?,
        entity_type: builder::qualified(entity_type),
        reference: ResourceRef {
            kind,
            id: id.value.clone(),
            span: id.span.clone(),
        },
    })
}

fn personal_data(e: &mut builder::AttrBuilder, declared: Option<&Located<bool>>) {
    e.bool(
        "personal_data",
        declared.is_some_and(|p| p.value),
        declared.map(|p| p.span.clone()),
    );
}

fn system_facts(
    e: &mut builder::AttrBuilder,
    system: &System,
    refdata: &ReferenceData,
) -> Result<(), EntityError> {
    if let Some(os) = &system.os {
        os_fact(e, os, refdata)?;
    }
    if let Some(hosting) = &system.hosting {
        hosting_fact(e, "hosting", hosting, refdata)?;
    }
    personal_data(e, system.personal_data.as_ref());

    // Distinct segments in the order first met; the evidence of dual-homing is the first
    // interface on a second segment, with every interface as context.
    let mut segments: Vec<&str> = Vec::new();
    let mut second: Option<Range<usize>> = None;
    for interface in &system.interfaces {
        let segment = interface.value.segment.value.as_str();
        if !segments.contains(&segment) {
            segments.push(segment);
            if segments.len() == 2 {
                second = Some(interface.span.clone());
            }
        }
    }
    let segment_uids = segments
        .iter()
        .map(|s| uid("Segment", s).map(RestrictedExpression::new_entity_uid))
        .collect::<Result<Vec<_>, _>>()?;
    e.set("segments", segment_uids, segments.join(", "), None);
    let related = if segments.len() >= 2 {
        system
            .interfaces
            .iter()
            .filter(|i| Some(&i.span) != second.as_ref())
            .map(|i| {
                (
                    i.span.clone(),
                    format!("on segment `{}`", i.value.segment.value),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    e.long_with_related("segment_count", segments.len(), second, related);
    e.long("interface_count", system.interfaces.len(), None);
    Ok(())
}

fn os_fact(
    e: &mut builder::AttrBuilder,
    os: &Located<Os>,
    refdata: &ReferenceData,
) -> Result<(), EntityError> {
    let Os {
        family,
        version,
        extended_support,
    } = &os.value;
    let lifecycle = refdata.os_lifecycle(&family.value, &version.value);
    let name = lifecycle.map_or_else(
        || format!("{} {}", family.value, version.value),
        |l| l.name.clone(),
    );
    let mut fields = vec![
        (
            "family",
            RestrictedExpression::new_string(family.value.clone()),
        ),
        (
            "version",
            RestrictedExpression::new_string(version.value.clone()),
        ),
        ("name", RestrictedExpression::new_string(name.clone())),
        (
            "extended_support",
            RestrictedExpression::new_bool(extended_support.as_ref().is_some_and(|x| x.value)),
        ),
        (
            "lifecycle_known",
            RestrictedExpression::new_bool(lifecycle.is_some()),
        ),
    ];
    e.note("os.family", &family.value, Some(family.span.clone()));
    e.note("os.version", &version.value, Some(version.span.clone()));
    e.note("os.name", &name, Some(os.span.clone()));
    if let Some(lifecycle) = lifecycle {
        fields.push(("support_end", date(lifecycle.support_end)));
        e.note(
            "os.support_end",
            &lifecycle.support_end.to_string(),
            Some(os.span.clone()),
        );
        if let Some(extended_end) = lifecycle.extended_end {
            fields.push(("extended_end", date(extended_end)));
            e.note(
                "os.extended_end",
                &extended_end.to_string(),
                Some(os.span.clone()),
            );
        }
    }
    if let Some(x) = extended_support {
        e.note(
            "os.extended_support",
            &x.value.to_string(),
            Some(x.span.clone()),
        );
    }
    e.record("os", fields, Some(os.span.clone()))
}

fn zone_fields(
    country: &str,
    refdata: &ReferenceData,
) -> [(&'static str, RestrictedExpression); 2] {
    [
        (
            "in_transfer_zone",
            RestrictedExpression::new_bool(refdata.in_transfer_zone(country)),
        ),
        (
            "adequacy_decision",
            RestrictedExpression::new_bool(refdata.adequacy(country).is_some()),
        ),
    ]
}

fn hosting_fact(
    e: &mut builder::AttrBuilder,
    key: &str,
    hosting: &Located<Hosting>,
    refdata: &ReferenceData,
) -> Result<(), EntityError> {
    let h = &hosting.value;
    let mut fields = vec![(
        "provider",
        RestrictedExpression::new_string(h.provider.value.as_str().to_owned()),
    )];
    e.note(
        &format!("{key}.provider"),
        h.provider.value.as_str(),
        Some(h.provider.span.clone()),
    );
    if let Some(region) = &h.region {
        fields.push((
            "region",
            RestrictedExpression::new_string(region.value.clone()),
        ));
        e.note(
            &format!("{key}.region"),
            &region.value,
            Some(region.span.clone()),
        );
    }
    if let Some(country) = &h.country {
        fields.push((
            "country",
            RestrictedExpression::new_string(country.value.clone()),
        ));
        fields.extend(zone_fields(&country.value, refdata));
        e.note(
            &format!("{key}.country"),
            &country.value,
            Some(country.span.clone()),
        );
    }
    if let Some(safeguard) = &h.safeguard {
        fields.push((
            "safeguard",
            RestrictedExpression::new_string(safeguard.value.as_str().to_owned()),
        ));
        e.note(
            &format!("{key}.safeguard"),
            safeguard.value.as_str(),
            Some(safeguard.span.clone()),
        );
    }
    e.record(key, fields, Some(hosting.span.clone()))
}

/// A system or data store holding personal data is, through its hosting, a transfer to the
/// country it is hosted in. Each becomes a `Transfer` entity whose evidence is the hosting.
fn implicit_transfers(
    b: &mut EntityBuilder,
    tenant: &Tenant,
    refdata: &ReferenceData,
    parents: &[EntityUid],
    resources: &mut Vec<Resource>,
) -> Result<(), EntityError> {
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
        let mut e = b.entity(transfer_uid.clone());
        e.bool("implicit", true, None);
        e.string("source", &id.value, Some(id.span.clone()));
        e.bool("personal_data", true, personal.map(|p| p.span.clone()));
        // The finding points at the hosting value, or at the id when hosting is missing.
        let evidence = hosting.map_or_else(|| id.span.clone(), |h| h.span.clone());
        let mut fields = Vec::new();
        if let Some(country) = hosting.and_then(|h| h.value.country.as_ref()) {
            fields.push((
                "country",
                RestrictedExpression::new_string(country.value.clone()),
            ));
            fields.extend(zone_fields(&country.value, refdata));
            e.note(
                "destination.country",
                &country.value,
                Some(evidence.clone()),
            );
        } else {
            e.note(
                "destination.country",
                "an undeclared country",
                Some(evidence.clone()),
            );
        }
        e.record("destination", fields, Some(evidence))?;
        if let Some(safeguard) = hosting.and_then(|h| h.value.safeguard.as_ref()) {
            e.string(
                "safeguard",
                safeguard.value.as_str(),
                Some(safeguard.span.clone()),
            );
        }
        b.finish_entity(e, parents)?;
        resources.push(Resource {
            uid: transfer_uid,
            entity_type: builder::qualified("Transfer"),
            reference: ResourceRef {
                kind,
                id: id.value.clone(),
                span: id.span.clone(),
            },
        });
    }
    Ok(())
}
