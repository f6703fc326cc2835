//! Builds the tree from YAML 1.2, with the byte span of every value and key. Each document of
//! a stream is a tree of its own (several documents are several tenants). Plain scalars are
//! typed by YAML's core schema (`true`, `12`, `1.5`, `null`; everything else, dates among them,
//! is a string). Anchors are resolved: an alias is a copy of its anchor's value, spans and all,
//! and `<<` merges mappings. What YAML allows but a tenant file cannot hold is an error: a key
//! written twice, a key that is not text, a tag outside the core schema.
//!
//! Hostile input is bounded as in TOML: nesting deeper than [`limits::MAX_NESTING`] stops the
//! read where it happens, and aliases may add at most [`limits::MAX_ALIAS_VALUES`] values, so
//! that a few lines of nested aliases ("billion laughs") cannot fill memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

use super::{Document, Key, Map, Node, Value};
use crate::limits;
use crate::source::SourceFile;
use crate::tenant::error::{InputError, InputErrorKind};

/// Parses every document of a YAML stream.
pub(crate) fn parse(file: &SourceFile) -> Result<Vec<Document<'_>>, Vec<InputError>> {
    let mut builder = Builder {
        file,
        offsets: Offsets::new(file.text()),
        stack: Vec::new(),
        anchors: HashMap::new(),
        aliased: 0,
        documents: Vec::new(),
        errors: Vec::new(),
        document_start: 0,
    };
    for event in Parser::new_from_str(file.text()) {
        let (event, span) = match event {
            Ok(event) => event,
            Err(error) => {
                let at = builder.offsets.byte(error.marker());
                let message = super::json::lowercase_first(error.info());
                builder.fail(at, InputErrorKind::YamlSyntax(message));
                break;
            }
        };
        let start = builder.offsets.byte(&span.start);
        let end = builder.offsets.byte(&span.end).max(start);
        if builder.event(event, start..end).is_err() {
            break;
        }
    }
    if builder.errors.is_empty() {
        Ok(builder.documents)
    } else {
        Err(builder.errors)
    }
}

/// Byte offsets of the parser's markers, which count characters.
struct Offsets<'t> {
    text: &'t str,
    ascii: bool,
    line_starts: Vec<usize>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let line_starts = if ascii {
            Vec::new()
        } else {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        };
        Self {
            text,
            ascii,
            line_starts,
        }
    }

    fn byte(&self, marker: &Marker) -> usize {
        if self.ascii {
            return marker.index().min(self.text.len());
        }
        let Some(&start) = self.line_starts.get(marker.line().saturating_sub(1)) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        start
            + line
                .char_indices()
                .nth(marker.col())
                .map_or(line.len(), |(i, _)| i)
    }
}

/// A collection being read.
enum Frame<'i> {
    Sequence {
        items: Vec<Node<'i>>,
        start: usize,
        anchor: usize,
    },
    Mapping {
        map: Map<'i>,
        /// The key whose value comes next; `None` when a key comes next.
        key: Option<Key<'i>>,
        /// Mappings merged in with `<<`, applied at the end under the keys written.
        merged: Vec<Map<'i>>,
        start: usize,
        anchor: usize,
    },
}

struct Builder<'f, 'i> {
    file: &'f SourceFile,
    offsets: Offsets<'i>,
    stack: Vec<Frame<'i>>,
    anchors: HashMap<usize, Node<'i>>,
    /// Values added by aliases so far.
    aliased: usize,
    documents: Vec<Document<'i>>,
    errors: Vec<InputError>,
    document_start: usize,
}

/// The read stopped at an error (recorded in the builder).
struct Stop;

impl<'f, 'i> Builder<'f, 'i> {
    fn fail(&mut self, at: usize, kind: InputErrorKind) {
        let span = super::one_char(self.file.text(), at);
        self.errors.push(InputError::at(self.file, span, kind));
    }

    fn syntax(&mut self, at: usize, message: impl Into<String>) -> Result<(), Stop> {
        self.fail(at, InputErrorKind::YamlSyntax(message.into()));
        Err(Stop)
    }

    fn event(&mut self, event: Event<'i>, span: Range<usize>) -> Result<(), Stop> {
        match event {
            Event::DocumentStart(_) => {
                self.document_start = span.start;
                self.anchors.clear();
            }
            Event::DocumentEnd => {}
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(Frame::Mapping {
                    key: key @ None, ..
                }) = self.stack.last_mut()
                {
                    *key = Some(Key {
                        name: text,
                        span: span.clone(),
                    });
                    return self.check_key();
                }
                let value = scalar(text, style, tag.as_deref())
                    .or_else(|message| self.syntax(span.start, message).map(|()| Value::Null))?;
                self.add(Node { value, span }, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(span.start)?;
                self.stack.push(Frame::Sequence {
                    items: Vec::new(),
                    start: span.start,
                    anchor,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open(span.start)?;
                self.stack.push(Frame::Mapping {
                    map: Map::default(),
                    key: None,
                    merged: Vec::new(),
                    start: span.start,
                    anchor,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (value, start, anchor) = match frame {
                    Frame::Sequence {
                        items,
                        start,
                        anchor,
                    } => (Value::Array(items), start, anchor),
                    Frame::Mapping {
                        mut map,
                        merged,
                        start,
                        anchor,
                        ..
                    } => {
                        for other in merged {
                            for (key, value) in other.entries {
                                if !map.contains_key(&key.name) {
                                    map.entries.push((key, value));
                                }
                            }
                        }
                        (Value::Table(map), start, anchor)
                    }
                };
                let end = span.end.max(start);
                self.add(
                    Node {
                        value,
                        span: start..end,
                    },
                    anchor,
                )?;
            }
            Event::Alias(id) => {
                if let Some(Frame::Mapping { key: None, .. }) = self.stack.last() {
                    return self.syntax(span.start, "an alias cannot be a key: keys are text");
                }
                let Some(node) = self.anchors.get(&id).cloned() else {
                    return self.syntax(span.start, "an alias to an unknown anchor");
                };
                self.aliased = self.aliased.saturating_add(size(&node));
                if self.aliased > limits::MAX_ALIAS_VALUES {
                    self.fail(
                        span.start,
                        InputErrorKind::TooManyAliases {
                            limit: limits::MAX_ALIAS_VALUES,
                        },
                    );
                    return Err(Stop);
                }
                self.add(node, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// A collection opens at `at`: it must not be a key, nor nest too deep.
    fn open(&mut self, at: usize) -> Result<(), Stop> {
        if let Some(Frame::Mapping { key: None, .. }) = self.stack.last() {
            return self.syntax(at, "a key must be text, not a mapping or a sequence");
        }
        if self.stack.len() >= limits::MAX_NESTING {
            self.fail(
                at,
                InputErrorKind::TooDeep {
                    limit: limits::MAX_NESTING,
                },
            );
            return Err(Stop);
        }
        Ok(())
    }

    /// The key just read must not be written before in its mapping.
    fn check_key(&mut self) -> Result<(), Stop> {
        let Some(Frame::Mapping {
            map,
            key: Some(key),
            ..
        }) = self.stack.last()
        else {
            return Ok(());
        };
        if key.name == MERGE {
            return Ok(());
        }
        if let Some((first, _)) = map.entry(&key.name) {
            let (line, _) = self.file.line_col(first.span.start);
            let kind = InputErrorKind::DuplicateKey {
                key: key.name.to_string(),
                first_line: line,
            };
            let span = key.span.clone();
            self.errors.push(InputError::at(self.file, span, kind));
            // The read goes on, to report every duplicate; the document is not used.
        }
        Ok(())
    }

    /// Adds a finished value to the collection being read, or ends the document with it.
    fn add(&mut self, node: Node<'i>, anchor: usize) -> Result<(), Stop> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                let root = match node.value {
                    Value::Table(map) => map,
                    // A document that is not a mapping holds no tenant.
                    _ => Map::default(),
                };
                let start = self.document_start.min(node.span.start);
                self.documents.push(Document {
                    root,
                    span: start..node.span.end.max(start),
                });
            }
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping {
                map, key, merged, ..
            }) => {
                let Some(key) = key.take() else {
                    return Ok(());
                };
                if key.name == MERGE {
                    match node.value {
                        Value::Table(other) => merged.push(other),
                        Value::Array(items)
                            if items.iter().all(|i| matches!(i.value, Value::Table(_))) =>
                        {
                            merged.extend(items.into_iter().filter_map(|i| match i.value {
                                Value::Table(m) => Some(m),
                                _ => None,
                            }));
                        }
                        _ => {
                            let at = node.span.start;
                            return self.syntax(at, "`<<` merges a mapping or a list of mappings");
                        }
                    }
                    return Ok(());
                }
                let mut node = node;
                // A block collection starts on the line below its key: its span starts at the
                // key, so that what points at the value points at the line that names it.
                if self
                    .offsets
                    .text
                    .get(key.span.end..node.span.start)
                    .is_some_and(|gap| gap.contains('\n'))
                    && matches!(node.value, Value::Table(_) | Value::Array(_))
                {
                    node.span.start = key.span.start;
                }
                if !map.contains_key(&key.name) {
                    map.entries.push((key, node));
                }
            }
        }
        Ok(())
    }
}

/// The key that merges mappings into the one it is in.
const MERGE: &str = "<<";

/// How many values a tree holds.
fn size(node: &Node<'_>) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(size).sum(),
        Value::Table(map) => map.entries.iter().map(|(_, v)| size(v)).sum(),
        _ => 0,
    }
}

/// The value of a scalar: quoted text is a string; plain text is typed by the core schema;
/// a core-schema tag (`!!str`, `!!int`…) says the type itself.
fn scalar<'i>(
    text: Cow<'i, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value<'i>, String> {
    if let Some(tag) = tag {
        if !tag.is_yaml_core_schema() {
            return Err(format!(
                "the tag `{}{}` is not read: only YAML's core tags (`!!str`, `!!int`, …) are",
                tag.handle, tag.suffix
            ));
        }
        let typed = match tag.suffix.as_str() {
            "str" => return Ok(Value::String(text)),
            "int" => integer(&text).map(|i| Value::Integer(Some(i))),
            "float" => float(&text).map(|f| Value::Float(Some(f))),
            "bool" => boolean(&text).map(Value::Bool),
            "null" => is_null(&text).then_some(Value::Null),
            _ => None,
        };
        return typed
            .ok_or_else(|| format!("`{text}` is not a value of the tag `!!{}`", tag.suffix));
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text));
    }
    Ok(if is_null(&text) {
        Value::Null
    } else if let Some(b) = boolean(&text) {
        Value::Bool(b)
    } else if let Some(i) = integer(&text) {
        Value::Integer(Some(i))
    } else if looks_like_integer(&text) {
        Value::Integer(None)
    } else if let Some(f) = float(&text) {
        Value::Float(Some(f))
    } else {
        Value::String(text)
    })
}

/// Whether `text` written plain reads back as this string (not a number, boolean or null).
pub(crate) fn is_plain_string(text: &str) -> bool {
    matches!(
        scalar(Cow::Borrowed(text), ScalarStyle::Plain, None),
        Ok(Value::String(_))
    )
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn looks_like_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn integer(text: &str) -> Option<i64> {
    if let Some(octal) = text.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok();
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if !looks_like_integer(text) {
        return None;
    }
    text.parse().ok()
}

fn float(text: &str) -> Option<f64> {
    match text.strip_prefix(['-', '+']).unwrap_or(text) {
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN" => return None,
        _ => {}
    }
    // The core schema's floats: digits with an optional fraction and exponent.
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = mantissa.replacen('.', "", 1);
    let valid = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        });
    if !valid {
        return None;
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table<'a>(node: &'a Node<'_>) -> &'a Map<'a> {
        match &node.value {
            Value::Table(map) => map,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn scalars_are_typed_by_the_core_schema() {
        let text = "a: 12\nb: 1.5\nc: true\nd: ~\ne: 2024-02-01\nf: \"12\"\ng: yes\nh: !!str 7\n";
        let file = SourceFile::new("t.yaml", text);
        let docs = parse(&file).unwrap();
        let root = &docs[0].root;
        assert_eq!(root.get("a").unwrap().value, Value::Integer(Some(12)));
        assert_eq!(root.get("b").unwrap().value, Value::Float(Some(1.5)));
        assert_eq!(root.get("c").unwrap().value, Value::Bool(true));
        assert_eq!(root.get("d").unwrap().value, Value::Null);
        assert_eq!(root.get("e").unwrap().value.as_str(), Some("2024-02-01"));
        assert_eq!(root.get("f").unwrap().value.as_str(), Some("12"));
        assert_eq!(root.get("g").unwrap().value.as_str(), Some("yes"));
        assert_eq!(root.get("h").unwrap().value.as_str(), Some("7"));
    }

    #[test]
    fn keys_and_values_keep_their_spans_in_any_script() {
        let text = "tenant:\n  name: \"Zürich AG\"\n  id: zü-01\n";
        let file = SourceFile::new("t.yaml", text);
        let docs = parse(&file).unwrap();
        let tenant = docs[0].root.get("tenant").unwrap();
        let (key, id) = table(tenant).entry("id").unwrap();
        assert_eq!(&text[key.span.clone()], "id");
        assert_eq!(&text[id.span.clone()], "zü-01");
        assert_eq!(file.line_col(id.span.start), (3, 7));
    }

    #[test]
    fn anchors_and_merges_are_resolved() {
        let text = "base: &b {provider: nrb, country: BE}\nx: *b\ny:\n  <<: *b\n  country: NL\n";
        let file = SourceFile::new("t.yaml", text);
        let docs = parse(&file).unwrap();
        let root = &docs[0].root;
        assert_eq!(
            root.get("x").unwrap().value,
            root.get("base").unwrap().value
        );
        let y = table(root.get("y").unwrap());
        assert_eq!(y.get("country").unwrap().value.as_str(), Some("NL"));
        assert_eq!(y.get("provider").unwrap().value.as_str(), Some("nrb"));
    }

    #[test]
    fn several_documents_are_several_trees() {
        let text = "tenant: {id: a}\n---\ntenant: {id: b}\n";
        let file = SourceFile::new("t.yaml", text);
        let docs = parse(&file).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(file.line_col(docs[1].root.entries[0].0.span.start), (3, 1));
    }

    #[test]
    fn a_key_written_twice_is_an_error() {
        let file = SourceFile::new("t.yaml", "a: 1\nb: 2\na: 3\n");
        let errors = parse(&file).unwrap_err();
        assert_eq!(errors[0].line_col(), (3, 1));
        assert!(matches!(
            errors[0].kind,
            InputErrorKind::DuplicateKey { .. }
        ));
    }

    #[test]
    fn nested_aliases_cannot_fill_memory() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let errors = parse(&SourceFile::new("t.yaml", text)).unwrap_err();
        assert!(matches!(
            errors[0].kind,
            InputErrorKind::TooManyAliases { .. }
        ));
    }

    #[test]
    fn deep_nesting_stops_the_read() {
        let text = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        let errors = parse(&SourceFile::new("t.yaml", text)).unwrap_err();
        assert!(matches!(errors[0].kind, InputErrorKind::TooDeep { .. }));
    }

    #[test]
    fn syntax_errors_are_located() {
        let errors = parse(&SourceFile::new("t.yaml", "a: [1, 2\nb: 3\n")).unwrap_err();
        assert!(matches!(errors[0].kind, InputErrorKind::YamlSyntax(_)));
    }

    proptest::proptest! {
        /// Whatever the text, reading it gives documents or errors, never a panic.
        #[test]
        fn any_text_is_read_or_refused(text in "[-:?üé€\\[\\]{}&*!|>'\"#,<. \n\ta-z0-9]{0,300}") {
            let file = SourceFile::new("t.yaml", text);
            if let Err(errors) = parse(&file) {
                for error in errors {
                    let span = error.span.unwrap_or_default();
                    proptest::prop_assert!(file.text().get(span).is_some());
                }
            }
            let json = SourceFile::new("t.json", file.text());
            let _ = super::super::json::parse(&json);
        }
    }
}
