//! Writing the tree as TOML, JSON or YAML text.

use std::fmt::Write as _;

use super::comments::Comments;
use crate::source::SourceFile;
use crate::tenant::error::{InputError, InputErrorKind};
use crate::tenant::format::{EVIDENCE_FILE, TENANT_FILE, TableDecl, Ty};
use crate::tenant::tree::{Document, Format, Map, Node, Value};

struct Writer<'f> {
    file: &'f SourceFile,
    out: String,
    notes: Comments,
    errors: Vec<InputError>,
}

/// The documents written in `to` (several only in YAML).
pub(super) fn documents(
    file: &SourceFile,
    documents: &[Document<'_>],
    to: Format,
    notes: Comments,
) -> Result<String, Vec<InputError>> {
    let mut w = Writer {
        file,
        out: String::new(),
        notes,
        errors: Vec::new(),
    };
    for (index, document) in documents.iter().enumerate() {
        match to {
            Format::Toml => {
                let decl = if document.root.contains_key("tenant") {
                    &TENANT_FILE
                } else {
                    &EVIDENCE_FILE
                };
                w.toml_sections(&document.root, Some(decl));
            }
            Format::Json => {
                w.json_map(&document.root, 0);
                w.out.push('\n');
            }
            Format::Yaml => {
                if index > 0 {
                    w.out.push_str("---\n");
                }
                w.yaml_map(&document.root, 0);
            }
        }
    }
    if to != Format::Json {
        let rest = w.notes.rest();
        if !rest.is_empty() {
            w.out.push('\n');
        }
        for line in rest {
            w.comment_line(&line, 0);
        }
    }
    if w.errors.is_empty() {
        Ok(w.out)
    } else {
        Err(w.errors)
    }
}

/// Whether a value is written as a section or list item of its own rather than inline.
fn is_table_list(value: &Value<'_>) -> bool {
    matches!(value, Value::Array(items)
        if !items.is_empty() && items.iter().all(|i| matches!(i.value, Value::Table(_))))
}

/// Whether a table holds only scalars and lists of scalars: it is written on one line below
/// the top level, so that a finding on it is located on the line of its key.
fn is_flat(value: &Value<'_>) -> bool {
    let scalar = |v: &Value<'_>| !matches!(v, Value::Table(_) | Value::Array(_));
    match value {
        Value::Table(map) => map.entries.iter().all(|(_, v)| match &v.value {
            Value::Array(items) => items.iter().all(|i| scalar(&i.value)),
            other => scalar(other),
        }),
        _ => false,
    }
}

impl Writer<'_> {
    fn unconvertible(&mut self, node: &Node<'_>, what: String) {
        self.errors.push(InputError::at(
            self.file,
            node.span.clone(),
            InputErrorKind::Unconvertible(what),
        ));
    }

    /// `[a, b]`, each item written by `each`.
    fn flow(&mut self, items: &[Node<'_>], mut each: impl FnMut(&mut Self, &Node<'_>)) {
        self.out.push('[');
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.out.push_str(", ");
            }
            each(self, item);
        }
        self.out.push(']');
    }

    /// `text` after `indent` spaces.
    fn indented(&mut self, indent: usize, text: &str) {
        let _ = write!(self.out, "{:indent$}{text}", "");
    }

    fn comment_line(&mut self, text: &str, indent: usize) {
        let _ = writeln!(self.out, "{:indent$}#{text}", "");
    }

    fn comments_above(&mut self, offset: usize, indent: usize) {
        for line in self.notes.above(offset) {
            self.comment_line(&line, indent);
        }
    }

    fn end_line(&mut self, end: usize) {
        if let Some(comment) = self.notes.after(end) {
            let _ = write!(self.out, "  #{comment}");
        }
        self.out.push('\n');
    }

    // --- TOML ---

    /// A table at the top: its plain entries, then each table as `[section]` and each list of
    /// tables as `[[section]]`; everything below a section is inline. `decl` declares the
    /// table's keys (`None` below a key the format does not declare).
    fn toml_sections(&mut self, map: &Map<'_>, decl: Option<&'static TableDecl>) {
        for (key, value) in &map.entries {
            if matches!(value.value, Value::Table(_)) || is_table_list(&value.value) {
                continue;
            }
            self.comments_above(key.span.start, 0);
            let _ = write!(self.out, "{} = ", toml_key(&key.name));
            self.toml_inline(value, 0, key_type(decl, &key.name));
            self.end_line(value.span.end);
        }
        for (key, value) in &map.entries {
            let nested = key_type(decl, &key.name).and_then(Ty::table);
            match &value.value {
                Value::Table(table) => {
                    self.comments_above(key.span.start.min(value.span.start), 0);
                    self.section_break();
                    let _ = writeln!(self.out, "[{}]", toml_key(&key.name));
                    self.toml_entries(table, 0, nested);
                }
                Value::Array(items) if is_table_list(&value.value) => {
                    for item in items {
                        self.comments_above(item.span.start, 0);
                        self.section_break();
                        let _ = writeln!(self.out, "[[{}]]", toml_key(&key.name));
                        if let Value::Table(table) = &item.value {
                            self.toml_entries(table, 0, nested);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The blank line before a section, except at the top of the file.
    fn section_break(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    /// `key = value` lines, values inline.
    fn toml_entries(&mut self, map: &Map<'_>, indent: usize, decl: Option<&'static TableDecl>) {
        for (key, value) in &map.entries {
            self.comments_above(key.span.start, indent);
            let _ = write!(self.out, "{:indent$}{} = ", "", toml_key(&key.name));
            self.toml_inline(value, indent, key_type(decl, &key.name));
            self.end_line(value.span.end);
        }
    }

    /// A value inline; `ty` is its key's declared type, if the format declares the key.
    fn toml_inline(&mut self, node: &Node<'_>, indent: usize, ty: Option<Ty>) {
        match &node.value {
            Value::String(s) => {
                // A date is an RFC 3339 string in JSON and YAML and a date again in TOML; any
                // other string stays a string, even one that looks like a date (an id, say).
                let date = matches!(ty, Some(Ty::Date | Ty::Moment))
                    .then(|| s.parse::<toml::value::Datetime>().ok())
                    .flatten()
                    .filter(|dt| dt.date.is_some());
                match date {
                    Some(dt) => {
                        let _ = write!(self.out, "{dt}");
                    }
                    None => self.out.push_str(&quoted(s)),
                }
            }
            Value::Table(map) => {
                let decl = ty.and_then(Ty::table);
                self.out.push('{');
                for (index, (key, value)) in map.entries.iter().enumerate() {
                    self.out.push_str(if index == 0 { " " } else { ", " });
                    let _ = write!(self.out, "{} = ", toml_key(&key.name));
                    self.toml_inline(value, indent, key_type(decl, &key.name));
                }
                self.out
                    .push_str(if map.entries.is_empty() { "}" } else { " }" });
            }
            Value::Array(items) if is_table_list(&node.value) => {
                self.out.push_str("[\n");
                for item in items {
                    self.comments_above(item.span.start, indent + 2);
                    let _ = write!(self.out, "{:width$}", "", width = indent + 2);
                    // Each item is a table of the key's declared table type.
                    self.toml_inline(item, indent + 2, ty);
                    self.out.push(',');
                    self.end_line(item.span.end);
                }
                let _ = write!(self.out, "{:indent$}]", "");
            }
            // The format has no list of dates: the items of a list are strings.
            Value::Array(items) => self.flow(items, |w, item| w.toml_inline(item, indent, None)),
            Value::Null => self.unconvertible(node, "TOML has no `null`: leave the key out".into()),
            _ => self.scalar(node),
        }
    }

    /// A number, boolean or date, written alike in every format.
    fn scalar(&mut self, node: &Node<'_>) {
        match &node.value {
            Value::Integer(Some(i)) => {
                let _ = write!(self.out, "{i}");
            }
            Value::Float(Some(f)) => {
                let _ = write!(self.out, "{f:?}");
            }
            Value::Bool(b) => {
                let _ = write!(self.out, "{b}");
            }
            Value::Datetime(dt) => self.out.push_str(&quoted(&dt.to_string())),
            Value::Integer(None) | Value::Float(None) => {
                let text = self.file.text()[node.span.clone()].to_owned();
                self.unconvertible(node, format!("the number `{text}` is out of range"));
            }
            Value::Null => self.out.push_str("null"),
            Value::String(s) => self.out.push_str(&quoted(s)),
            Value::Array(_) | Value::Table(_) => {}
        }
    }

    // --- JSON ---

    fn json_map(&mut self, map: &Map<'_>, indent: usize) {
        if map.entries.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{\n");
        for (index, (key, value)) in map.entries.iter().enumerate() {
            self.indented(indent + 2, &format!("{}: ", quoted(&key.name)));
            self.json_value(value, indent + 2);
            if index + 1 < map.entries.len() {
                self.out.push(',');
            }
            self.out.push('\n');
        }
        let _ = write!(self.out, "{:indent$}}}", "");
    }

    fn json_value(&mut self, node: &Node<'_>, indent: usize) {
        match &node.value {
            Value::Table(map) if indent > 2 && is_flat(&node.value) => {
                self.out.push('{');
                for (index, (key, value)) in map.entries.iter().enumerate() {
                    if index > 0 {
                        self.out.push_str(", ");
                    }
                    let _ = write!(self.out, "{}: ", quoted(&key.name));
                    self.json_value(value, indent);
                }
                self.out.push('}');
            }
            Value::Table(map) => self.json_map(map, indent),
            Value::Array(items) if is_table_list(&node.value) => {
                self.out.push_str("[\n");
                for (index, item) in items.iter().enumerate() {
                    let _ = write!(self.out, "{:width$}", "", width = indent + 2);
                    self.json_value(item, indent + 2);
                    if index + 1 < items.len() {
                        self.out.push(',');
                    }
                    self.out.push('\n');
                }
                let _ = write!(self.out, "{:indent$}]", "");
            }
            Value::Array(items) => self.flow(items, |w, item| w.json_value(item, indent)),
            _ => self.scalar(node),
        }
    }

    // --- YAML ---

    fn yaml_map(&mut self, map: &Map<'_>, indent: usize) {
        for (index, (key, value)) in map.entries.iter().enumerate() {
            // Top-level tables stand apart, as TOML's sections do.
            let block = matches!(value.value, Value::Table(_)) || is_table_list(&value.value);
            if indent == 0 && index > 0 && block {
                self.out.push('\n');
            }
            self.comments_above(key.span.start, indent);
            let _ = write!(self.out, "{:indent$}{}:", "", yaml_text(&key.name));
            self.yaml_after_key(value, indent);
        }
    }

    /// The value of a key: on the key's line when it fits there, else in a block below it.
    fn yaml_after_key(&mut self, node: &Node<'_>, indent: usize) {
        match &node.value {
            // Below the top level, a flat table goes on the key's line.
            Value::Table(map)
                if !(map.entries.is_empty() || indent > 0 && is_flat(&node.value)) =>
            {
                self.out.push('\n');
                self.yaml_map(map, indent + 2);
            }
            Value::Array(items) if is_table_list(&node.value) => {
                self.out.push('\n');
                for item in items {
                    self.yaml_item(item, indent + 2);
                }
            }
            _ => {
                self.out.push(' ');
                self.yaml_inline(node);
                self.end_line(node.span.end);
            }
        }
    }

    /// One table of a list: `- ` and its first key on one line, the other keys below it.
    fn yaml_item(&mut self, node: &Node<'_>, indent: usize) {
        self.comments_above(node.span.start, indent);
        if is_flat(&node.value) {
            let _ = write!(self.out, "{:indent$}- ", "");
            self.yaml_inline(node);
            self.end_line(node.span.end);
            return;
        }
        let Value::Table(map) = &node.value else {
            return;
        };
        for (index, (key, value)) in map.entries.iter().enumerate() {
            if index == 0 {
                let _ = write!(self.out, "{:indent$}- {}:", "", yaml_text(&key.name));
            } else {
                self.comments_above(key.span.start, indent + 2);
                self.indented(indent + 2, &format!("{}:", yaml_text(&key.name)));
            }
            self.yaml_after_key(value, indent + 2);
        }
    }

    /// A value in flow style.
    fn yaml_inline(&mut self, node: &Node<'_>) {
        match &node.value {
            Value::String(s) => self.out.push_str(&yaml_text(s)),
            Value::Datetime(dt) => self.out.push_str(&yaml_text(&dt.to_string())),
            Value::Table(map) => {
                self.out.push('{');
                for (index, (key, value)) in map.entries.iter().enumerate() {
                    if index > 0 {
                        self.out.push_str(", ");
                    }
                    let _ = write!(self.out, "{}: ", yaml_text(&key.name));
                    self.yaml_inline(value);
                }
                self.out.push('}');
            }
            Value::Array(items) => self.flow(items, |w, item| w.yaml_inline(item)),
            _ => self.scalar(node),
        }
    }
}

/// A string in double quotes, escaped as JSON escapes it (TOML and YAML read the same escapes),
/// DEL escaped too.
fn quoted(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F")
}

/// A TOML key: bare when it can be, else quoted.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        key.to_owned()
    } else {
        quoted(key)
    }
}

/// A YAML scalar: plain when it reads back as the same string in any YAML reader, else quoted.
fn yaml_text(text: &str) -> String {
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " ._@/+-:".contains(c))
        && !text.contains(": ")
        && !text.ends_with(':')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        )
        && crate::tenant::tree::yaml::is_plain_string(text);
    if plain { text.to_owned() } else { quoted(text) }
}

/// The declared type of `key` in `decl`.
fn key_type(decl: Option<&'static TableDecl>, key: &str) -> Option<Ty> {
    decl.and_then(|d| d.key(key)).map(|k| k.ty)
}
