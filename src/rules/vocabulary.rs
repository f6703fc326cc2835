//! The attribute paths a rule's annotations may name: `@location` and the `{placeholders}` of
//! `@message` and `@label` are resolved against the resource's facts when a finding is made, so
//! a misspelt path would only show as "(not declared)" in a report. Reading the paths from the
//! schema lets the loader reject such a rule at its annotation instead.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use cedar_policy::SchemaFragment;
use serde_json::Value;

use crate::problem::codes;
use crate::rules::error::PolicyError;
use crate::rules::rule::RulePart;
use crate::source::SourceFile;
use crate::suggest;

/// Attribute paths (`dpo`, `dpo.email`, ...) of every entity type and of the request context.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// By entity type name with its namespace (`Obligo::System`).
    types: BTreeMap<String, BTreeSet<String>>,
    /// The context's attributes, without the `context.` prefix.
    context: BTreeSet<String>,
}

impl Vocabulary {
    /// Reads the paths from the schema's text; `None` when it cannot be read as a fragment
    /// (the schema itself is then reported by the loader).
    pub(crate) fn from_schema(text: &str) -> Option<Self> {
        let (fragment, _) = SchemaFragment::from_cedarschema_str(text).ok()?;
        let json = fragment.to_json_value().ok()?;
        let mut vocabulary = Self::default();
        for (namespace, body) in json.as_object()? {
            let common = body.get("commonTypes").and_then(Value::as_object);
            let resolve = |ty: &Value| resolve(ty, common);
            let qualify = |name: &str| {
                if namespace.is_empty() {
                    name.to_owned()
                } else {
                    format!("{namespace}::{name}")
                }
            };
            for (name, entity) in body
                .get("entityTypes")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let mut paths = BTreeSet::new();
                if let Some(shape) = entity.get("shape") {
                    collect(&resolve(shape), "", &mut paths, &resolve);
                }
                vocabulary.types.insert(qualify(name), paths);
            }
            for action in body
                .get("actions")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|actions| actions.values())
            {
                if let Some(context) = action.pointer("/appliesTo/context") {
                    collect(&resolve(context), "", &mut vocabulary.context, &resolve);
                }
            }
        }
        Some(vocabulary)
    }

    /// Whether `path` is an attribute (or a field of a record attribute) of `entity_type`.
    pub(crate) fn has(&self, entity_type: &str, path: &str) -> bool {
        self.types
            .get(entity_type)
            .is_some_and(|paths| paths.contains(path))
    }

    /// Whether `key` (after `context.`) is a context attribute.
    pub(crate) fn has_context(&self, key: &str) -> bool {
        self.context.contains(key)
    }

    /// Every attribute path of `entity_type`, for suggestions.
    pub(crate) fn attributes(&self, entity_type: &str) -> Vec<&str> {
        self.types
            .get(entity_type)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

/// A type with references to common types replaced by their definition (one level: records
/// are resolved again as they are walked).
fn resolve(ty: &Value, common: Option<&serde_json::Map<String, Value>>) -> Value {
    let kind = ty.get("type").and_then(Value::as_str);
    let name = match kind {
        Some("EntityOrCommon") => ty.get("name").and_then(Value::as_str),
        Some(other) if !is_builtin(other) => Some(other),
        _ => None,
    };
    name.and_then(|name| common?.get(name.rsplit("::").next().unwrap_or(name)))
        .cloned()
        .unwrap_or_else(|| ty.clone())
}

fn is_builtin(kind: &str) -> bool {
    matches!(
        kind,
        "Record" | "Set" | "String" | "Long" | "Boolean" | "Entity" | "Extension"
    )
}

/// Adds `prefix` + each attribute of a record type, recursing into record attributes.
fn collect(
    ty: &Value,
    prefix: &str,
    paths: &mut BTreeSet<String>,
    resolve: &dyn Fn(&Value) -> Value,
) {
    let Some(attributes) = ty.get("attributes").and_then(Value::as_object) else {
        return;
    };
    for (name, attribute) in attributes {
        let path = format!("{prefix}{name}");
        let attribute = resolve(attribute);
        collect(&attribute, &format!("{path}."), paths, resolve);
        paths.insert(path);
    }
}

/// Checks that a part's `@location` and the placeholders of its `@message` and `@label` name
/// attributes of its resource type or the context. `written` gives the span of the annotation
/// `@key(` that holds each value.
pub(crate) fn check_part(
    vocabulary: &Vocabulary,
    file: &SourceFile,
    part: &RulePart,
    written: impl Fn(&str) -> Option<Range<usize>>,
) -> Vec<PolicyError> {
    let ty = part.resource_type.as_str();
    let mut errors = Vec::new();
    let unknown = |what: String, span: Option<Range<usize>>, name: &str| {
        let known = vocabulary.attributes(ty);
        let help = match suggest::closest(name, known.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "see docs/vocabulary.md for the attributes of `{}`, or `context.now` and \
                 `context.params.*`",
                ty.trim_start_matches("Obligo::")
            ),
        };
        PolicyError::new(codes::POLICY_UNKNOWN_ATTRIBUTE, file, span, what).with_help(help)
    };
    // `id` is no attribute: it points the finding at the resource's id, as a fact without a
    // place in the file does.
    if part.location != "id" && !vocabulary.has(ty, &part.location) {
        errors.push(unknown(
            format!(
                "`@location(\"{}\")` is not an attribute of `{ty}`",
                part.location
            ),
            written("location"),
            &part.location,
        ));
    }
    let templates = [
        ("message", Some(part.message.as_str())),
        ("label", part.label.as_deref()),
    ];
    for (key, template) in templates {
        for (_, name) in placeholders(template.unwrap_or_default()) {
            let known = match name.strip_prefix("context.") {
                _ if matches!(name, "resource" | "kind") => true,
                Some(key) => vocabulary.has_context(key),
                None => vocabulary.has(ty, name),
            };
            if !known {
                let span = written(key).map(|at| placeholder_span(file.text(), at, name));
                errors.push(unknown(
                    format!("placeholder `{{{name}}}` in `@{key}` names no attribute of `{ty}`"),
                    span,
                    name,
                ));
            }
        }
    }
    errors
}

/// The span of `{name}` in the annotation starting at `annotation`, or of the annotation's
/// name when the placeholder is not written literally (an escape inside it).
fn placeholder_span(text: &str, annotation: Range<usize>, name: &str) -> Range<usize> {
    let needle = format!("{{{name}}}");
    let end = text[annotation.start..]
        .find("\")\n")
        .map_or(text.len(), |close| annotation.start + close);
    let start = annotation.start;
    text[start..end]
        .find(&needle)
        .map_or(annotation, |at| start + at..start + at + needle.len())
}

/// The `{name}` placeholders of a message or label template, with their byte offsets.
pub(crate) fn placeholders(template: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(open) = template[offset..].find('{') {
        let start = offset + open + 1;
        let Some(close) = template[start..].find('}') else {
            break;
        };
        found.push((start, &template[start..start + close]));
        offset = start + close + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "namespace N {
        type Place = { country: String, zone?: { eu: Bool } };
        entity T { name: String, place?: Place, tags: Set<String> };
        entity P;
        type Cx = { now: datetime, params: { days: Long } };
        action go appliesTo { principal: P, resource: T, context: Cx };
    }";

    #[test]
    fn paths_follow_records_and_common_types() {
        let v = Vocabulary::from_schema(SCHEMA).unwrap();
        for path in [
            "name",
            "place",
            "place.country",
            "place.zone",
            "place.zone.eu",
            "tags",
        ] {
            assert!(v.has("N::T", path), "{path}");
        }
        assert!(!v.has("N::T", "place.city"));
        assert!(!v.has("T", "name"));
        assert!(v.has_context("now"));
        assert!(v.has_context("params.days"));
        assert!(!v.has_context("today"));
    }

    #[test]
    fn placeholders_are_found_with_offsets() {
        assert_eq!(
            placeholders("a `{resource}` at {dpo.email}, {"),
            vec![(4, "resource"), (19, "dpo.email")]
        );
    }
}
