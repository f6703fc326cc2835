//! From the tenant model to Cedar entities. Rust derives here the facts Cedar cannot compute
//! (distinct segments, lifecycle dates, region country, zone membership, a credential's last
//! activity, transfers implied by hosting, counts, sets of countries outside a zone, delays
//! between dates) and records, for every attribute it sets, where in the tenant file the fact
//! comes from and how to show it in a message. One module per group of entity types.

mod builder;
mod contract;
mod credential;
mod events;
mod network;
mod processing;
mod sink;
mod system;
mod tenant;
#[cfg(test)]
mod tests;
mod transfer;
mod zones;

use std::ops::Range;

use cedar_policy::{Entities, Entity, EntityUid};

use crate::facts::index::Index;
use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::Tenant;

use builder::{AttrBuilder, EntityBuilder, uid};
pub use builder::{ENTITY_TYPES, EntityError, Fact, date as cedar_date};

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

/// What the entities of a tenant must conform to: the rule set's schema, and the packs whose
/// contract record the schema declares on `Tenant.contract`.
#[derive(Debug, Clone)]
pub struct EntitySchema {
    schema: cedar_policy::Schema,
    contract_records: Vec<String>,
    /// Whether Cedar checks every entity against the schema. It does for a schema given with
    /// `--policies`, whose attributes the builder may not match. It does not for obligo's own
    /// schema: the builder writes each attribute with a fixed type, and a test builds every
    /// example and fixture with the check on, so checking again in each run would only
    /// repeat what the tests show (it cost 11% of a run).
    validate: bool,
}

impl EntitySchema {
    /// The schema of `rules`.
    pub fn of(rules: &crate::rules::RuleSet) -> Self {
        Self {
            schema: rules.schema.clone(),
            contract_records: rules.contract_records().to_vec(),
            validate: !rules.schema_is_embedded(),
        }
    }

    /// The same schema, with every entity checked against it.
    #[cfg(test)]
    pub(crate) fn validating(self) -> Self {
        Self {
            validate: true,
            ..self
        }
    }
}

/// What every entity module works with while building.
pub(crate) struct Build<'t> {
    tenant: &'t Tenant,
    index: Index<'t>,
    rd: &'t ReferenceData,
    contract_records: &'t [String],
    parents: [EntityUid; 1],
    b: EntityBuilder,
    resources: Vec<Resource>,
}

impl Build<'_> {
    /// Adds an entity of `entity_type` for the tenant resource `kind` `id`, evaluated as a
    /// resource, with the attributes `fill` sets.
    fn add(
        &mut self,
        entity_type: &'static str,
        kind: &'static str,
        id: &Located<String>,
        fill: impl FnOnce(&mut AttrBuilder, &Self) -> Result<(), EntityError>,
    ) -> Result<(), EntityError> {
        let resource = resource(entity_type, kind, id)?;
        let mut e = self.b.entity(resource.uid.clone());
        fill(&mut e, self)?;
        self.b.finish_entity(e, &self.parents)?;
        self.resources.push(resource);
        Ok(())
    }
}

impl TenantEntities {
    /// Builds the entities of `tenant`, checking them against `schema`.
    pub fn build(
        tenant: &Tenant,
        refdata: &ReferenceData,
        schema: &EntitySchema,
    ) -> Result<TenantEntities, EntityError> {
        let principal = uid("Tenant", &tenant.id.value)?;
        let mut build = Build {
            tenant,
            index: Index::of(tenant),
            rd: refdata,
            contract_records: &schema.contract_records,
            parents: [principal.clone()],
            b: EntityBuilder::default(),
            resources: Vec::new(),
        };
        let filled = Self::fill(&mut build, &principal);
        let Build { b, resources, .. } = build;
        let (entities, facts) = filled
            .and_then(|()| b.build(schema.validate.then_some(&schema.schema)))
            .map_err(|mut error| {
                // Point at the resource whose entity failed, else at the tenant's id.
                error.span = Some(
                    resources
                        .iter()
                        .find(|r| error.names(&r.uid))
                        .map_or_else(|| tenant.id.span.clone(), |r| r.reference.span.clone()),
                );
                error
            })?;
        Ok(TenantEntities {
            entities,
            principal,
            resources,
            facts,
        })
    }

    fn fill(build: &mut Build<'_>, principal: &EntityUid) -> Result<(), EntityError> {
        // The tenant is a resource too: tenant-wide obligations (contacts, contract metadata)
        // are judged on it.
        tenant::build(build, principal)?;
        let tenant = build.tenant;
        for segment in &tenant.segments {
            build.add("Segment", "segment", &segment.id, |e, _| {
                builder_opt_zone(e, segment);
                Ok(())
            })?;
        }
        system::build(build)?;
        credential::build(build)?;
        transfer::build(build)?;
        processing::build(build)?;
        contract::build(build)?;
        network::build(build)?;
        events::build(build)?;
        Ok(())
    }

    /// The fact behind attribute `path` of `uid`, or of the closest enclosing attribute that
    /// has one (`destination.country`, then `destination`).
    pub fn fact(&self, uid: &EntityUid, path: &str) -> Option<&Fact> {
        let mut path = path;
        loop {
            if let Some(fact) = self.exact_fact(uid, path) {
                return Some(fact);
            }
            path = &path[..path.rfind('.')?];
        }
    }

    /// The fact behind exactly attribute `path` of `uid`.
    pub fn exact_fact(&self, uid: &EntityUid, path: &str) -> Option<&Fact> {
        // The last fact set for a path is the attribute's.
        self.facts
            .get(uid)?
            .iter()
            .rev()
            .find_map(|(p, fact)| (p == path).then_some(fact))
    }

    /// The entity behind `uid`.
    pub fn entity(&self, uid: &EntityUid) -> Option<&Entity> {
        self.entities.get(uid)
    }
}

fn builder_opt_zone(e: &mut AttrBuilder, segment: &crate::tenant::model::Segment) {
    use sink::Sink;
    e.opt_str("zone", &segment.zone);
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
