//! `obligo convert`: a tenant or evidence file written again in another format, value for
//! value. The file is read into the spanned tree the checks read (so what converts is what
//! obligo sees), then written out: TOML with top-level tables as sections and everything below
//! them inline, JSON pretty-printed, YAML in block style. Dates become RFC 3339 strings in JSON
//! and YAML, and such strings become dates again in TOML. Comments are kept in YAML and TOML,
//! each before the value it stood before (or at the end of its line); JSON has none.
//!
//! This module does no I/O: it takes the source file and returns the text.

mod comments;
mod write;

use crate::source::SourceFile;
use crate::tenant::error::{InputError, InputErrorKind};
use crate::tenant::reader;
use crate::tenant::tree::Format;

/// The text of `file` (in the format its name says) written in `to`. A file that does not
/// parse gives its syntax errors; a value the target cannot hold (`null` in TOML, several
/// YAML documents in one TOML or JSON file) is an error at that value.
pub fn convert(file: &SourceFile, to: Format) -> Result<String, Vec<InputError>> {
    let documents = reader::documents(file)?;
    if documents.len() != 1 && to != Format::Yaml {
        let span = documents.get(1).map(|d| d.span.clone());
        let kind = InputErrorKind::Unconvertible(format!(
            "the file holds {} documents; only YAML holds several in one file",
            documents.len()
        ));
        return Err(vec![match span {
            Some(span) => InputError::at(file, span, kind),
            None => InputError::whole_file(file, kind),
        }]);
    }
    let notes = if Format::of(file.path()) == Format::Json {
        comments::Comments::none()
    } else {
        comments::Comments::of(file)
    };
    write::documents(file, &documents, to, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_text(name: &str, text: &str, to: Format) -> Result<String, Vec<InputError>> {
        convert(&SourceFile::new(name, text), to)
    }

    #[test]
    fn toml_comments_are_kept_in_yaml_before_and_after_their_values() {
        let toml =
            "# the tenant\n[tenant]\nid = \"a\" # its id\n\n# systems\n[[system]]\nid = \"s\"\n";
        let yaml = convert_text("t.toml", toml, Format::Yaml).unwrap();
        assert_eq!(
            yaml,
            "# the tenant\ntenant:\n  id: a  # its id\n\n# systems\nsystem:\n  - {id: s}\n"
        );
    }

    #[test]
    fn dates_are_strings_in_json_and_dates_again_in_toml() {
        let toml = "[tenant]\nid = \"a\"\n\n[[credential]]\nid = \"c\"\n\
                    client_cancelled = 2024-02-01\ncompromised = 2025-01-01T10:00:00Z\n";
        let json = convert_text("t.toml", toml, Format::Json).unwrap();
        assert_eq!(
            json,
            "{\n  \"tenant\": {\n    \"id\": \"a\"\n  },\n  \"credential\": [\n    {\"id\": \"c\", \
             \"client_cancelled\": \"2024-02-01\", \"compromised\": \"2025-01-01T10:00:00Z\"}\n  ]\n}\n"
        );
        let back = convert_text("t.json", &json, Format::Toml).unwrap();
        assert_eq!(back, toml);
    }

    /// Only keys the format declares as dates become TOML dates: an id, a version or a key
    /// the format does not know stays the string it was.
    #[test]
    fn strings_that_look_like_dates_stay_strings_in_toml() {
        let json = r#"{"tenant": {"id": "2025-01-01", "contracts": ["dpa"]},
            "system": [{"id": "s1", "os": {"name": "ubuntu", "version": "2024-04-01"},
                        "log_review": "2025-06-01", "unknown": "2025-06-02"}]}"#;
        let toml = convert_text("t.json", json, Format::Toml).unwrap();
        assert_eq!(
            toml,
            "[tenant]\nid = \"2025-01-01\"\ncontracts = [\"dpa\"]\n\n[[system]]\nid = \"s1\"\n\
             os = { name = \"ubuntu\", version = \"2024-04-01\" }\nlog_review = 2025-06-01\n\
             unknown = \"2025-06-02\"\n"
        );
    }

    #[test]
    fn what_the_target_cannot_hold_is_an_error_at_it() {
        let errors =
            convert_text("t.json", "{\"tenant\": {\"id\": null}}", Format::Toml).unwrap_err();
        assert_eq!(errors[0].line_col(), (1, 19));
        assert!(matches!(errors[0].kind, InputErrorKind::Unconvertible(_)));
        let errors = convert_text("t.yaml", "a: 1\n---\nb: 2\n", Format::Json).unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 1));
    }

    #[test]
    fn strings_that_would_read_as_other_values_are_quoted_in_yaml() {
        let toml = "[t]\na = \"true\"\nb = \"12\"\nc = \"yes\"\nd = \"a: b\"\ne = \"22.04\"\nf = \"plain text\"\n";
        let yaml = convert_text("t.toml", toml, Format::Yaml).unwrap();
        assert_eq!(
            yaml,
            "t:\n  a: \"true\"\n  b: \"12\"\n  c: \"yes\"\n  d: \"a: b\"\n  e: \"22.04\"\n  f: plain text\n"
        );
    }
}
