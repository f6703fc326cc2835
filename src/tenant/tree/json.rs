//! Builds the tree from strict JSON (RFC 8259: no comments, no trailing commas), with the
//! byte span of every value and key. A key written twice in one object is an error, as it is
//! in TOML; dates are strings, read as dates where a date is asked.

use std::borrow::Cow;

use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::{Document, Key, Map, Node, Value};
use crate::limits::{self, Syntax};
use crate::source::SourceFile;
use crate::tenant::error::{InputError, InputErrorKind};

/// Parses a JSON document. Text nested deeper than [`limits::MAX_NESTING`] is refused before
/// the parser sees it; a top level that is not an object gives an empty document (it holds no
/// tenant).
pub(crate) fn parse(file: &SourceFile) -> Result<Document<'_>, Vec<InputError>> {
    let text = file.text();
    if let Some(offset) = limits::too_deep(text, Syntax::Json, limits::MAX_NESTING) {
        return Err(vec![InputError::at(
            file,
            offset..offset + 1,
            InputErrorKind::TooDeep {
                limit: limits::MAX_NESTING,
            },
        )]);
    }
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict).map_err(|error| {
            let range = error.range();
            let span = match super::one_char(text, range.start) {
                one if range.end > one.end && text.is_char_boundary(range.end) => {
                    one.start..range.end
                }
                one => one,
            };
            vec![InputError::at(
                file,
                span,
                InputErrorKind::JsonSyntax(lowercase_first(&error.kind().to_string())),
            )]
        })?;
    let mut errors = Vec::new();
    let document = match parsed.value {
        Some(ast::Value::Object(object)) => Document {
            span: 0..text.len(),
            root: map(file, object, &mut errors),
        },
        _ => Document {
            root: Map::default(),
            span: 0..text.len(),
        },
    };
    if errors.is_empty() {
        Ok(document)
    } else {
        Err(errors)
    }
}

fn node<'i>(file: &SourceFile, value: ast::Value<'i>, errors: &mut Vec<InputError>) -> Node<'i> {
    let span = range(value_range(&value));
    let value = match value {
        ast::Value::StringLit(s) => Value::String(s.value),
        ast::Value::NumberLit(n) => number(n.value),
        ast::Value::BooleanLit(b) => Value::Bool(b.value),
        ast::Value::NullKeyword(_) => Value::Null,
        ast::Value::Array(array) => Value::Array(
            array
                .elements
                .into_iter()
                .map(|item| node(file, item, errors))
                .collect(),
        ),
        ast::Value::Object(object) => Value::Table(map(file, object, errors)),
    };
    Node { value, span }
}

fn map<'i>(file: &SourceFile, object: ast::Object<'i>, errors: &mut Vec<InputError>) -> Map<'i> {
    let mut out = Map::default();
    for prop in object.properties {
        let (name, key_range): (Cow<'i, str>, _) = match prop.name {
            ast::ObjectPropName::String(s) => (s.value, s.range),
            ast::ObjectPropName::Word(w) => (Cow::Borrowed(w.value), w.range),
        };
        let key = Key {
            name,
            span: range(key_range),
        };
        if let Some((first, _)) = out.entry(&key.name) {
            let (line, _) = file.line_col(first.span.start);
            errors.push(InputError::at(
                file,
                key.span.clone(),
                InputErrorKind::DuplicateKey {
                    key: key.name.to_string(),
                    first_line: line,
                },
            ));
            continue;
        }
        let value = node(file, prop.value, errors);
        out.entries.push((key, value));
    }
    out
}

/// A JSON number: an integer when it has no fraction or exponent, else a float.
fn number(text: &str) -> Value<'static> {
    if text.contains(['.', 'e', 'E']) {
        Value::Float(text.parse::<f64>().ok().filter(|f| f.is_finite()))
    } else {
        Value::Integer(text.parse::<i64>().ok())
    }
}

fn value_range(value: &ast::Value<'_>) -> jsonc_parser::common::Range {
    match value {
        ast::Value::StringLit(v) => v.range,
        ast::Value::NumberLit(v) => v.range,
        ast::Value::BooleanLit(v) => v.range,
        ast::Value::NullKeyword(v) => v.range,
        ast::Value::Array(v) => v.range,
        ast::Value::Object(v) => v.range,
    }
}

fn range(r: jsonc_parser::common::Range) -> std::ops::Range<usize> {
    r.start..r.end
}

/// The parser's message in the form obligo's messages take (lowercase, no final period).
pub(super) fn lowercase_first(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_keys_keep_their_spans() {
        let text = "{\n  \"tenant\": {\"id\": \"acme\", \"n\": 3, \"f\": 2.5, \"b\": true}\n}\n";
        let file = SourceFile::new("t.json", text);
        let doc = parse(&file).unwrap();
        let (key, tenant) = doc.root.entry("tenant").unwrap();
        assert_eq!(&text[key.span.clone()], "\"tenant\"");
        let Value::Table(t) = &tenant.value else {
            panic!("a table")
        };
        assert_eq!(&text[t.get("id").unwrap().span.clone()], "\"acme\"");
        assert_eq!(t.get("n").unwrap().value, Value::Integer(Some(3)));
        assert_eq!(t.get("f").unwrap().value, Value::Float(Some(2.5)));
        assert_eq!(t.get("b").unwrap().value, Value::Bool(true));
    }

    #[test]
    fn a_key_written_twice_is_an_error_at_the_second() {
        let text = "{\"a\": 1,\n \"a\": 2}";
        let errors = parse(&SourceFile::new("t.json", text)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line_col(), (2, 2));
        assert_eq!(
            errors[0].to_string(),
            "key `a` is written twice (first on line 1)"
        );
    }

    #[test]
    fn comments_and_trailing_commas_are_syntax_errors() {
        for text in ["{\"a\": 1,}", "{\"a\": 1} // no", "{'a': 1}", "{a: 1}"] {
            let errors = parse(&SourceFile::new("t.json", text)).unwrap_err();
            assert!(
                matches!(errors[0].kind, InputErrorKind::JsonSyntax(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn nesting_is_refused_before_parsing() {
        let text = format!("{{\"a\": {}{}}}", "[".repeat(100), "]".repeat(100));
        let errors = parse(&SourceFile::new("t.json", text)).unwrap_err();
        assert!(matches!(errors[0].kind, InputErrorKind::TooDeep { .. }));
    }
}
