//! Accumulates entity attributes together with their facts (display text and source span), so
//! that no attribute reaches Cedar without a location to report it at.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::str::FromStr;

use cedar_policy::{
    Entities, Entity, EntityId, EntityTypeName, EntityUid, RestrictedExpression, Schema,
};
use jiff::civil::Date;

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
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot build the Cedar entities: {message}")]
#[diagnostic(
    code(entities::invalid),
    help("if you override `schema.cedarschema`, it must keep the attributes obligo derives")
)]
pub struct EntityError {
    message: String,
}

impl EntityError {
    fn new(error: impl std::fmt::Display) -> Self {
        Self {
            message: error.to_string(),
        }
    }
}

/// The namespace of obligo's entity types.
pub const NAMESPACE: &str = "Obligo";

/// The qualified name of one of obligo's entity types.
pub fn qualified(entity_type: &str) -> &'static str {
    match entity_type {
        "Tenant" => "Obligo::Tenant",
        "Segment" => "Obligo::Segment",
        "System" => "Obligo::System",
        "Credential" => "Obligo::Credential",
        "DataStore" => "Obligo::DataStore",
        _ => "Obligo::Transfer",
    }
}

/// The uid of an entity of obligo's namespace.
pub fn uid(entity_type: &str, id: &str) -> Result<EntityUid, EntityError> {
    let type_name = EntityTypeName::from_str(&format!("{NAMESPACE}::{entity_type}"))
        .map_err(EntityError::new)?;
    Ok(EntityUid::from_type_name_and_id(
        type_name,
        EntityId::new(id),
    ))
}

/// A calendar date as a Cedar `datetime` (midnight UTC).
pub fn date(d: Date) -> RestrictedExpression {
    RestrictedExpression::new_datetime(d.to_string())
}

/// Facts by entity and attribute path.
pub(crate) type Facts = HashMap<(EntityUid, String), Fact>;

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
        for (path, fact) in facts {
            self.facts.insert((uid.clone(), path), fact);
        }
        let parents: HashSet<EntityUid> = parents.iter().cloned().collect();
        self.entities
            .push(Entity::new(uid, attrs, parents).map_err(EntityError::new)?);
        Ok(())
    }

    /// Checks the entities against the schema and hands them over with their facts.
    pub(crate) fn build(self, schema: &Schema) -> Result<(Entities, Facts), EntityError> {
        let entities =
            Entities::from_entities(self.entities, Some(schema)).map_err(EntityError::new)?;
        Ok((entities, self.facts))
    }
}

impl AttrBuilder {
    fn fact(&mut self, path: &str, display: String, span: Option<Range<usize>>) {
        self.facts.push((
            path.to_owned(),
            Fact {
                display,
                span,
                related: Vec::new(),
            },
        ));
    }

    /// Records how a nested value (`os.name`) is shown and where it comes from, without
    /// setting an attribute.
    pub(crate) fn note(&mut self, path: &str, display: &str, span: Option<Range<usize>>) {
        self.fact(path, display.to_owned(), span);
    }

    pub(crate) fn string(&mut self, key: &str, value: &str, span: Option<Range<usize>>) {
        self.attrs.insert(
            key.to_owned(),
            RestrictedExpression::new_string(value.to_owned()),
        );
        self.fact(key, value.to_owned(), span);
    }

    pub(crate) fn strings<'v>(
        &mut self,
        key: &str,
        values: impl Iterator<Item = &'v str> + Clone,
        span: Option<Range<usize>>,
    ) {
        let display = values.clone().collect::<Vec<_>>().join(", ");
        self.attrs.insert(
            key.to_owned(),
            RestrictedExpression::new_set(
                values.map(|v| RestrictedExpression::new_string(v.to_owned())),
            ),
        );
        self.fact(key, display, span);
    }

    pub(crate) fn bool(&mut self, key: &str, value: bool, span: Option<Range<usize>>) {
        self.attrs
            .insert(key.to_owned(), RestrictedExpression::new_bool(value));
        self.fact(key, value.to_string(), span);
    }

    pub(crate) fn long(&mut self, key: &str, value: usize, span: Option<Range<usize>>) {
        self.long_with_related(key, value, span, Vec::new());
    }

    pub(crate) fn long_with_related(
        &mut self,
        key: &str,
        value: usize,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    ) {
        let long = i64::try_from(value).unwrap_or(i64::MAX);
        self.attrs
            .insert(key.to_owned(), RestrictedExpression::new_long(long));
        self.facts.push((
            key.to_owned(),
            Fact {
                display: value.to_string(),
                span,
                related,
            },
        ));
    }

    pub(crate) fn date(&mut self, key: &str, value: Date, span: Option<Range<usize>>) {
        self.attrs.insert(key.to_owned(), date(value));
        self.fact(key, value.to_string(), span);
    }

    pub(crate) fn set(
        &mut self,
        key: &str,
        values: Vec<RestrictedExpression>,
        display: String,
        span: Option<Range<usize>>,
    ) {
        self.attrs
            .insert(key.to_owned(), RestrictedExpression::new_set(values));
        self.fact(key, display, span);
    }

    pub(crate) fn record(
        &mut self,
        key: &str,
        fields: Vec<(&str, RestrictedExpression)>,
        span: Option<Range<usize>>,
    ) -> Result<(), EntityError> {
        let record =
            RestrictedExpression::new_record(fields.into_iter().map(|(k, v)| (k.to_owned(), v)))
                .map_err(EntityError::new)?;
        self.attrs.insert(key.to_owned(), record);
        self.fact(key, key.to_owned(), span);
        Ok(())
    }
}
