//! The format-neutral tree the strict reader walks: tables of keys in file order, arrays and
//! scalars, each with the byte span of its text. TOML, JSON and YAML readers build it; the
//! reader ([`crate::tenant::reader`]) never sees which format a value came from, except that a
//! date is a value of its own only in TOML (JSON and YAML write it as a string).
//!
//! This module only holds values: it parses nothing and reports nothing.

use std::borrow::Cow;
use std::ops::Range;

pub(crate) mod json;
pub(crate) mod yaml;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The format of a tenant or evidence file, told by its extension: `.json`, `.yaml` or `.yml`;
/// anything else is TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, the format of every file but these.
    Toml,
    /// `.json`: strict JSON.
    Json,
    /// `.yaml` or `.yml`: YAML 1.2, one tenant per document.
    Yaml,
}

impl Format {
    /// The format of the file at `path`.
    pub fn of(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            _ => Format::Toml,
        }
    }

    /// The format named `name` (`toml`, `json`, `yaml`), as the command line writes it.
    pub fn named(name: &str) -> Option<Format> {
        match name {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }

    /// Whether a date is written as a string (JSON and YAML have no date values).
    pub(crate) fn dates_are_strings(self) -> bool {
        self != Format::Toml
    }
}

/// A value and the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node<'i> {
    pub(crate) value: Value<'i>,
    pub(crate) span: Range<usize>,
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'i> {
    String(Cow<'i, str>),
    /// `None`: a whole number outside the 64-bit range.
    Integer(Option<i64>),
    /// `None`: a number the reader does not take as a float (TOML's `1_000.5`, `nan`).
    Float(Option<f64>),
    Bool(bool),
    /// JSON's `null`, YAML's `~`: no TOML value, and none the reader takes.
    Null,
    /// A TOML date, time or date-time.
    Datetime(toml::value::Datetime),
    Array(Vec<Node<'i>>),
    Table(Map<'i>),
}

impl Value<'_> {
    /// How messages name the type of the value (TOML's names, in every format).
    pub(crate) fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(_) => "integer",
            Value::Float(_) => "float",
            Value::Bool(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Null => "null",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }

    /// The text of a string value.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A key of a table, with the span of its name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key<'i> {
    pub(crate) name: Cow<'i, str>,
    pub(crate) span: Range<usize>,
}

/// A table (mapping, object): its entries in file order, each key once.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Map<'i> {
    pub(crate) entries: Vec<(Key<'i>, Node<'i>)>,
}

impl<'i> Map<'i> {
    /// The value at `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'i>> {
        self.entry(key).map(|(_, value)| value)
    }

    /// The entry of `key`.
    pub(crate) fn entry(&self, key: &str) -> Option<&(Key<'i>, Node<'i>)> {
        self.entries.iter().find(|(k, _)| k.name == key)
    }

    /// Whether the table has `key`.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }
}

/// The span of the character at byte `at` (clamped to the text, and empty at its end), for an
/// error the parser places at one position.
pub(crate) fn one_char(text: &str, at: usize) -> Range<usize> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    at..at + len
}

/// A parsed document: its top-level table, which spans the whole text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document<'i> {
    pub(crate) root: Map<'i>,
    pub(crate) span: Range<usize>,
}

/// The tree of a parsed TOML document. Entries keep file order: TOML's own table sorts its
/// keys, so they are put back in the order their names are written.
pub(crate) fn from_toml<'i>(root: &Spanned<DeTable<'i>>) -> Document<'i> {
    Document {
        root: toml_table(root.get_ref()),
        span: root.span(),
    }
}

fn toml_table<'i>(table: &DeTable<'i>) -> Map<'i> {
    let mut entries: Vec<_> = table
        .iter()
        .map(|(key, value)| {
            let key = Key {
                name: key.get_ref().clone(),
                span: key.span(),
            };
            (key, toml_node(value))
        })
        .collect();
    entries.sort_by_key(|(key, _)| key.span.start);
    Map { entries }
}

fn toml_node<'i>(node: &Spanned<DeValue<'i>>) -> Node<'i> {
    let value = match node.get_ref() {
        DeValue::String(s) => Value::String(s.clone()),
        DeValue::Integer(i) => Value::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()),
        DeValue::Float(f) => Value::Float(f.as_str().parse::<f64>().ok()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(dt) => Value::Datetime(*dt),
        DeValue::Array(items) => Value::Array(items.iter().map(toml_node).collect()),
        DeValue::Table(table) => Value::Table(toml_table(table)),
    };
    Node {
        value,
        span: node.span(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keys_keep_file_order_and_spans() {
        let text = "b = 1\na = [\"x\", 2.5]\n[t]\nz = true\n";
        let root = DeTable::parse(text).unwrap();
        let tree = from_toml(&root);
        let map = &tree.root;
        let keys: Vec<&str> = map.entries.iter().map(|(k, _)| &*k.name).collect();
        assert_eq!(keys, ["b", "a", "t"]);
        let (key, value) = map.entry("a").unwrap();
        assert_eq!(&text[key.span.clone()], "a");
        assert_eq!(&text[value.span.clone()], "[\"x\", 2.5]");
        assert_eq!(map.get("b").unwrap().value, Value::Integer(Some(1)));
        assert_eq!(value.value.type_str(), "array");
    }
}
