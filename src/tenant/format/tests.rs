//! The declaration agrees with the reader (both ways) and with the Cedar schema (both ways).

use std::collections::{BTreeMap, BTreeSet};

use cedar_policy::SchemaFragment;
use serde_json::{Map, Value, json};

use super::{EVIDENCE_FILE, TENANT_FILE, TableDecl, all_tables};
use crate::facts::reference::ReferenceData;
use crate::source::SourceFile;
use crate::tenant::parse;
use crate::tenant::reader::declared;

/// A document holding every table of `decl` once, each empty, so that the reader visits every
/// declared table.
fn every_table(decl: &'static TableDecl) -> Value {
    let mut map = Map::new();
    for key in decl.keys() {
        match key.ty {
            super::Ty::Table(t) => {
                map.insert(key.name.to_owned(), every_table(t));
            }
            super::Ty::Tables(t) => {
                map.insert(key.name.to_owned(), json!([every_table(t)]));
            }
            _ => {}
        }
    }
    Value::Object(map)
}

#[test]
fn the_reader_asks_for_exactly_the_declared_keys() {
    let rd = ReferenceData::embedded().unwrap();
    let text = serde_json::to_string_pretty(&every_table(&TENANT_FILE)).unwrap();
    declared::take();
    let _ = parse(&SourceFile::new("every-table.json", text), &rd);
    let asked = declared::take();
    for (decl, keys) in &asked {
        let declared: BTreeSet<&str> = decl.key_names().collect();
        let read_undeclared: Vec<_> = keys.difference(&declared).collect();
        let declared_unread: Vec<_> = declared.difference(keys).collect();
        assert!(
            read_undeclared.is_empty() && declared_unread.is_empty(),
            "table `{}`: read but not declared {read_undeclared:?}, declared but not read \
             {declared_unread:?}",
            decl.name
        );
    }
    for table in all_tables(&TENANT_FILE) {
        assert!(
            asked.iter().any(|(d, _)| std::ptr::eq(*d, table)),
            "table `{}` is declared but the reader never read it",
            table.name
        );
    }
}

#[test]
fn an_evidence_file_holds_tables_of_the_tenant_file() {
    for key in EVIDENCE_FILE.keys() {
        let in_tenant = TENANT_FILE.key(key.name).and_then(|k| k.ty.table());
        assert!(
            in_tenant.is_some_and(|t| key.ty.table().is_some_and(|e| std::ptr::eq(t, e))),
            "`{}`",
            key.name
        );
    }
}

/// The top-level attributes of every entity and common type of the shipped schema.
fn schema_attributes() -> BTreeMap<String, BTreeSet<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/schema.cedarschema");
    let text = std::fs::read_to_string(path).unwrap();
    let (fragment, _) = SchemaFragment::from_cedarschema_str(&text).unwrap();
    let json = fragment.to_json_value().unwrap();
    let mut out = BTreeMap::new();
    for body in json.as_object().unwrap().values() {
        let shapes = body
            .get("entityTypes")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(name, e)| Some((name, e.get("shape")?)))
            .chain(
                body.get("commonTypes")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten(),
            );
        for (name, shape) in shapes {
            let attributes = shape
                .get("attributes")
                .and_then(Value::as_object)
                .map(|a| a.keys().cloned().collect())
                .unwrap_or_default();
            out.insert(name.clone(), attributes);
        }
    }
    out
}

#[test]
fn the_cedar_schema_and_the_declaration_agree() {
    let schema = schema_attributes();
    let mut by_type: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for table in all_tables(&TENANT_FILE) {
        let Some(ty) = table.cedar else {
            assert!(
                table.keys().all(|k| k.cedar.is_none()) && table.computed.is_empty(),
                "table `{}` has Cedar attributes but no Cedar type",
                table.name
            );
            continue;
        };
        let attributes = schema
            .get(ty)
            .unwrap_or_else(|| panic!("`{ty}` is not a type of the schema"));
        let covered = by_type.entry(ty).or_default();
        for attribute in table
            .keys()
            .filter_map(|k| k.cedar)
            .chain(table.computed.iter().copied())
        {
            assert!(
                attributes.contains(attribute),
                "`{}` declares `{ty}::{attribute}`, which the schema does not have",
                table.name
            );
            covered.insert(attribute);
        }
    }
    for (ty, covered) in by_type {
        let missing: Vec<_> = schema[ty]
            .iter()
            .filter(|a| !covered.contains(a.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "the schema's `{ty}` has {missing:?}, which no key declares and no table lists as \
             computed"
        );
    }
}
