//! The key reference of docs/format.md and the attribute map of docs/vocabulary.md, generated
//! from the declaration (`OBLIGO_BLESS=1 cargo test --test schema` rewrites both).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{TENANT_FILE, TableDecl, Ty, all_tables};

/// Where each table is written in a file: `[tenant]`, `[[system]]`, `[[system]].hosting`.
fn places() -> Vec<(&'static TableDecl, Vec<String>)> {
    let mut out: Vec<(&'static TableDecl, Vec<String>)> = all_tables(&TENANT_FILE)
        .into_iter()
        .skip(1)
        .map(|t| (t, Vec::new()))
        .collect();
    fn walk(
        table: &'static TableDecl,
        prefix: Option<&str>,
        out: &mut Vec<(&'static TableDecl, Vec<String>)>,
    ) {
        for key in table.keys() {
            let Some(child) = key.ty.table() else {
                continue;
            };
            let place = match (prefix, key.ty) {
                (None, Ty::Table(_)) => format!("[{}]", key.name),
                (None, _) => format!("[[{}]]", key.name),
                (Some(prefix), Ty::Table(_)) => format!("{prefix}.{}", key.name),
                (Some(prefix), _) => format!("{prefix}.{}[]", key.name),
            };
            if let Some((_, places)) = out.iter_mut().find(|(t, _)| std::ptr::eq(*t, child)) {
                places.push(place.clone());
            }
            walk(child, Some(&place), out);
        }
    }
    walk(&TENANT_FILE, None, &mut out);
    out
}

/// The anchor of a table's section.
fn anchor(place: &str) -> String {
    let mut anchor = String::from("keys-");
    for c in place.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            anchor.push(c);
        } else if c == '.' {
            anchor.push('-');
        }
    }
    anchor
}

fn type_text(ty: Ty, links: &dyn Fn(&TableDecl) -> String) -> String {
    let list = |names: Vec<&str>| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match ty {
        Ty::String => "string".into(),
        Ty::Id => "id".into(),
        Ty::Email => "e-mail address".into(),
        Ty::Address => "address".into(),
        Ty::Bool => "boolean".into(),
        Ty::BoolOrName => "boolean or name".into(),
        Ty::Date => "date".into(),
        Ty::Moment => "date or date-time".into(),
        Ty::Count => "whole number ≥ 0".into(),
        Ty::Percent => "percentage".into(),
        Ty::Country => "country".into(),
        Ty::Strings => "array of strings".into(),
        Ty::Emails => "array of e-mail addresses".into(),
        Ty::Countries => "array of countries".into(),
        Ty::Enum(names) => format!("one of {}", list(names())),
        Ty::Enums(names) => format!("array of {}", list(names())),
        Ty::Table(t) => format!("table, see {}", links(t)),
        Ty::Tables(t) => format!("array of tables, see {}", links(t)),
    }
}

/// The key reference: one section per table, with every key's type, whether it is required,
/// its default, the Cedar attribute it becomes and its meaning.
pub fn format_reference() -> String {
    let places = places();
    let first = |t: &TableDecl| {
        places
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, t))
            .and_then(|(_, places)| places.first().cloned())
            .unwrap_or_default()
    };
    let link = |t: &TableDecl| {
        let place = first(t);
        format!("[`{place}`](#{})", anchor(&place))
    };
    let mut out = String::new();
    for (table, at) in &places {
        let Some(place) = at.first() else {
            continue;
        };
        let _ = writeln!(out, "<a id=\"{}\"></a>\n", anchor(place));
        let _ = write!(out, "#### `{place}`");
        if at.len() > 1 {
            let others: Vec<String> = at[1..].iter().map(|p| format!("`{p}`")).collect();
            let _ = write!(out, " (also {})", others.join(", "));
        }
        out.push_str("\n\n");
        if let Some(cedar) = table.cedar {
            let _ = writeln!(out, "Cedar type: `{cedar}`.\n");
        }
        out.push_str(
            "| key | type | required | Cedar attribute | meaning |\n|---|---|---|---|---|\n",
        );
        for key in table.keys() {
            let required = match (key.required, key.default) {
                (true, _) => "yes".to_owned(),
                (false, Some(default)) => format!("no, absent means `{default}`"),
                (false, None) => "no".to_owned(),
            };
            let cedar = key.cedar.map(|a| format!("`{a}`")).unwrap_or_default();
            let _ = writeln!(
                out,
                "| `{}` | {} | {required} | {cedar} | {} |",
                key.name,
                type_text(key.ty, &link),
                key.doc.replace('|', "\\|")
            );
        }
        out.push('\n');
    }
    out
}

/// A Cedar type's attributes: from tenant keys (attribute, key), and computed.
type Attributes = (Vec<(String, String)>, Vec<&'static str>);

/// For each Cedar type: the attributes that come from tenant keys (and which key), and those
/// that obligo computes.
pub fn vocabulary_reference() -> String {
    let mut by_type: BTreeMap<&str, Attributes> = BTreeMap::new();
    for (table, at) in places() {
        let Some(cedar) = table.cedar else {
            continue;
        };
        let place = at.first().cloned().unwrap_or_default();
        let entry = by_type.entry(cedar).or_default();
        for key in table.keys() {
            if let Some(attribute) = key.cedar {
                entry
                    .0
                    .push((attribute.to_owned(), format!("`{place}` `{}`", key.name)));
            }
        }
        entry.1.extend(table.computed);
    }
    let mut out = String::new();
    for (ty, (from_keys, computed)) in by_type {
        let _ = writeln!(out, "#### `{ty}`\n");
        out.push_str("| attribute | tenant key |\n|---|---|\n");
        for (attribute, key) in from_keys {
            let _ = writeln!(out, "| `{attribute}` | {key} |");
        }
        if !computed.is_empty() {
            let names: Vec<String> = computed.iter().map(|c| format!("`{c}`")).collect();
            let _ = writeln!(out, "\nComputed by obligo: {}.", names.join(", "));
        }
        out.push('\n');
    }
    out
}
