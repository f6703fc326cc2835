//! Accumulates entity attributes together with their facts (display text and source span), so
//! that no attribute reaches Cedar without a location to report it at.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::str::FromStr;

use cedar_policy::{
    Entities, Entity, EntityId, EntityTypeName, EntityUid, RestrictedExpression, Schema,
};
use jiff::civil::Date;

use crate::tenant::model::Moment;

/// How an attribute is shown in messages, and where the tenant file declares it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fact {
    /// The value as shown to users, e.g. `2025-12-01` or `aws`.
    pub display: String,
    /// The primary location, when the file declares the fact.
    pub span: Option<Range<usize>>,
    /// Secondary locations with their labels.
    pub related: Vec<(Range<usize>, String)>,
}

/// Entities could not be built: a bug in obligo, or a `--policies` schema that does not match
/// the facts obligo derives.
/// Its code is given by the problem that carries it (`crate::problem::EntitiesProblem`).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot build the Cedar entities: {message}")]
#[diagnostic(help(
    "if you override `schema.cedarschema`, it must keep the attributes obligo derives"
))]
pub struct EntityError {
    message: String,
    /// The id of the resource whose entity failed, where the file declares it.
    pub span: Option<Range<usize>>,
}

impl EntityError {
    /// The error with its causes: Cedar names the entity at fault only in a cause.
    pub(crate) fn new(error: impl std::error::Error) -> Self {
        let mut message = error.to_string();
        let mut cause = error.source();
        while let Some(inner) = cause {
            message.push_str(&format!(": {inner}"));
            cause = inner.source();
        }
        Self {
            message,
            span: None,
        }
    }

    /// The message names the entity at fault (Cedar's messages quote its uid).
    pub(crate) fn names(&self, uid: &EntityUid) -> bool {
        self.message.contains(&uid.to_string())
    }
}

/// The namespace of obligo's entity types.
pub const NAMESPACE: &str = "Obligo";

/// Every entity type of obligo's namespace, qualified.
pub const ENTITY_TYPES: &[&str] = &[
    "Obligo::Tenant",
    "Obligo::Segment",
    "Obligo::System",
    "Obligo::Credential",
    "Obligo::DataStore",
    "Obligo::Transfer",
    "Obligo::SubProcessor",
    "Obligo::Backup",
    "Obligo::Facility",
    "Obligo::Attestation",
    "Obligo::Link",
    "Obligo::MailRelay",
    "Obligo::Integration",
    "Obligo::Company",
    "Obligo::Domain",
    "Obligo::Incident",
    "Obligo::Request",
    "Obligo::Notice",
    "Obligo::Maintenance",
    "Obligo::Availability",
];

/// The qualified name of one of obligo's entity types (`Transfer` for an unknown name).
pub fn qualified(entity_type: &str) -> &'static str {
    ENTITY_TYPES
        .iter()
        .find(|t| t.strip_prefix("Obligo::") == Some(entity_type))
        .copied()
        .unwrap_or("Obligo::Transfer")
}

/// The uid of an entity of obligo's namespace.
pub fn uid(entity_type: &str, id: &str) -> Result<EntityUid, EntityError> {
    Ok(EntityUid::from_type_name_and_id(
        type_name(entity_type)?,
        EntityId::new(id),
    ))
}

// Cedar's API parses a type name, and the name of the `datetime` constructor, with its whole
// policy parser, whose lexer is built anew on every call: about a fifth of the time to build a
// tenant's entities went there. Both are pure functions of a small set of strings, so each
// thread keeps what it parsed (bounded: the dates of a corpus are many but repeat).
thread_local! {
    static TYPE_NAMES: RefCell<HashMap<String, EntityTypeName>> = RefCell::default();
    static DATETIMES: RefCell<HashMap<String, RestrictedExpression>> = RefCell::default();
}

/// The most datetimes kept per thread; past it the cache starts again.
const MAX_CACHED_DATETIMES: usize = 4096;

fn type_name(entity_type: &str) -> Result<EntityTypeName, EntityError> {
    TYPE_NAMES.with_borrow_mut(|names| {
        if let Some(name) = names.get(entity_type) {
            return Ok(name.clone());
        }
        let name = EntityTypeName::from_str(&format!("{NAMESPACE}::{entity_type}"))
            .map_err(EntityError::new)?;
        names.insert(entity_type.to_owned(), name.clone());
        Ok(name)
    })
}

/// `datetime("text")`, as Cedar's constructor makes it.
fn datetime(text: String) -> RestrictedExpression {
    DATETIMES.with_borrow_mut(|cache| {
        if let Some(expr) = cache.get(&text) {
            return expr.clone();
        }
        if cache.len() >= MAX_CACHED_DATETIMES {
            cache.clear();
        }
        let expr = RestrictedExpression::new_datetime(&text);
        cache.insert(text, expr.clone());
        expr
    })
}

/// A calendar date as a Cedar `datetime` (midnight UTC).
pub fn date(d: Date) -> RestrictedExpression {
    datetime(d.to_string())
}

/// A point in time as a Cedar `datetime` (UTC, whole seconds).
pub fn moment(m: Moment) -> RestrictedExpression {
    datetime(m.utc.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Facts by entity, each with its attribute path. Looked up only to word a finding, so a
/// short list per entity beats a map keyed by entity and path, which cost a copy of the uid and
/// a rehash of a large table for every attribute of every entity.
pub(crate) type Facts = HashMap<EntityUid, Vec<(String, Fact)>>;

/// Builds all entities of one tenant.
#[derive(Default)]
pub(crate) struct EntityBuilder {
    entities: Vec<Entity>,
    facts: Facts,
}

/// The attributes of one entity under construction.
pub(crate) struct AttrBuilder {
    uid: EntityUid,
    attrs: HashMap<String, RestrictedExpression>,
    facts: Vec<(String, Fact)>,
}

impl EntityBuilder {
    pub(crate) fn entity(&mut self, uid: EntityUid) -> AttrBuilder {
        AttrBuilder {
            uid,
            attrs: HashMap::new(),
            facts: Vec::new(),
        }
    }

    pub(crate) fn finish_entity(
        &mut self,
        attrs: AttrBuilder,
        parents: &[EntityUid],
    ) -> Result<(), EntityError> {
        let AttrBuilder { uid, attrs, facts } = attrs;
        self.facts.entry(uid.clone()).or_default().extend(facts);
        let parents: HashSet<EntityUid> = parents.iter().cloned().collect();
        self.entities
            .push(Entity::new(uid, attrs, parents).map_err(EntityError::new)?);
        Ok(())
    }

    /// Checks the entities against `schema`, if given, and hands them over with their facts.
    pub(crate) fn build(self, schema: Option<&Schema>) -> Result<(Entities, Facts), EntityError> {
        let entities = Entities::from_entities(self.entities, schema).map_err(EntityError::new)?;
        Ok((entities, self.facts))
    }
}

impl AttrBuilder {
    pub(crate) fn facts_mut(&mut self) -> &mut Vec<(String, Fact)> {
        &mut self.facts
    }

    /// Sets an attribute with related locations on its fact.
    pub(crate) fn put_related(
        &mut self,
        key: &str,
        value: RestrictedExpression,
        display: String,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    ) {
        self.attrs.insert(key.to_owned(), value);
        self.facts.push((
            key.to_owned(),
            Fact {
                display,
                span,
                related,
            },
        ));
    }

    /// A count, with related locations on its fact.
    pub(crate) fn long_with_related(
        &mut self,
        key: &str,
        value: usize,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    ) {
        let long = i64::try_from(value).unwrap_or(i64::MAX);
        self.put_related(
            key,
            RestrictedExpression::new_long(long),
            value.to_string(),
            span,
            related,
        );
    }
}
