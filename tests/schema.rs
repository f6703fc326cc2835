//! `obligo schema`: the JSON Schema and the Markdown key reference generated from the tenant
//! format's declaration. The key reference in docs/format.md and the attribute map in
//! docs/vocabulary.md must be what the declaration generates (regenerate both with
//! `OBLIGO_BLESS=1 cargo test --test schema`). Every example and every TOML rule fixture must
//! pass `taplo check` with the schema, their JSON forms the `jsonschema` crate, and their YAML
//! forms `check-jsonschema` (both made by `obligo convert`); a file with an unknown key or a wrong type must fail.
//! taplo (`.ci/tools/node_modules`) and check-jsonschema (`.ci/tools/venv`) are outside tools:
//! a test that needs one is skipped when it is absent, and fails under
//! `OBLIGO_REQUIRE_EXTERNAL=1`.

#![cfg(test)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use obligo::tenant::format;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn obligo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_obligo"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

/// Replaces what stands between the begin and end markers of `file` with `generated`, or
/// checks that it is there.
fn generated_region(file: &str, generated: &str) {
    const BEGIN: &str = "<!-- BEGIN GENERATED from src/tenant/format/tables.rs by `OBLIGO_BLESS=1 cargo test --test schema`; do not edit -->\n";
    const END: &str = "<!-- END GENERATED -->\n";
    let path = root().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(BEGIN).map(|i| i + BEGIN.len());
    let end = text.find(END);
    let (Some(start), Some(end)) = (start, end) else {
        panic!("{file} has no generated region ({BEGIN:?} ... {END:?})");
    };
    let expected = format!("{}\n{generated}", &text[..start])
        .trim_end_matches('\n')
        .to_owned()
        + "\n"
        + &text[end..];
    let expected = expected.replacen(&format!("{BEGIN}\n"), BEGIN, 1);
    if std::env::var_os("OBLIGO_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == expected,
        "{file} is out of date: run `OBLIGO_BLESS=1 cargo test --test schema`"
    );
}

#[test]
fn the_key_reference_in_the_docs_is_generated() {
    generated_region("docs/format.md", &format::format_reference());
    generated_region("docs/vocabulary.md", &format::vocabulary_reference());
}

#[test]
fn schema_prints_the_markdown_reference() {
    let output = obligo(&["schema", "--format", "markdown"]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format::format_reference()
    );
}

/// `obligo schema`, parsed.
fn schema() -> Value {
    let output = obligo(&["schema"]);
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn schema_prints_a_json_schema_of_every_table() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["properties"]["tenant"]["allOf"][0]["$ref"],
        "#/definitions/tenant"
    );
    let tenant = &schema["definitions"]["tenant"];
    assert_eq!(tenant["required"], serde_json::json!(["id", "contracts"]));
    assert_eq!(tenant["additionalProperties"], false);
    let credential = &schema["definitions"]["credential"]["properties"];
    assert!(
        credential["kind"]["enum"]
            .as_array()
            .unwrap()
            .contains(&Value::from("service-account"))
    );
    assert_eq!(credential["enabled"]["default"], true);
    assert_eq!(credential["last_used"]["type"], "string");
    assert!(credential["last_used"]["description"].is_string());
    // The schema is itself a valid draft-07 schema.
    jsonschema::draft7::new(&schema).unwrap();
}

/// Every example and every TOML rule fixture.
fn toml_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    walk(&root().join("tests/fixtures/rules"), &mut files);
    files.sort();
    assert!(files.len() > 100, "{files:?}");
    files
}

/// The schema in a file, for the outside validators.
fn schema_file(dir: &Path) -> PathBuf {
    let path = dir.join("obligo.schema.json");
    std::fs::write(&path, serde_json::to_string_pretty(&schema()).unwrap()).unwrap();
    path
}

fn tool(var: &str, candidate: PathBuf, install: &str) -> Option<PathBuf> {
    common::or_skip(common::find_file(var, &[candidate]), || {
        format!("validator not installed: run `{install}` (`.ci/run` does), or set {var}")
    })
}

fn taplo() -> Option<PathBuf> {
    tool(
        "OBLIGO_TAPLO",
        root().join(".ci/tools/node_modules/.bin/taplo"),
        "npm ci --prefix .ci/tools",
    )
}

fn check_jsonschema() -> Option<PathBuf> {
    tool(
        "OBLIGO_CHECK_JSONSCHEMA",
        root().join(".ci/tools/venv/bin/check-jsonschema"),
        "python3 -m venv .ci/tools/venv && .ci/tools/venv/bin/pip install -r .ci/tools/requirements.txt",
    )
}

fn taplo_check(taplo: &Path, schema: &Path, files: &[PathBuf]) -> std::process::Output {
    Command::new(taplo)
        .arg("check")
        .arg("--schema")
        .arg(format!("file://{}", schema.display()))
        .args(files)
        .output()
        .unwrap()
}

const BAD: &str = "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n\n[[credential]]\nid = \"c\"\n";

#[test]
fn taplo_accepts_every_example_and_fixture_and_rejects_mistakes() {
    let Some(taplo) = taplo() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_file(dir.path());
    let output = taplo_check(&taplo, &schema, &toml_files());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (name, mistake) in [
        ("unknown-key.toml", "last_usd = 2026-01-01\n"),
        ("wrong-type.toml", "enabled = \"yes\"\n"),
        ("bad-enum.toml", "kind = \"robot\"\n"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, format!("{BAD}{mistake}")).unwrap();
        let output = taplo_check(&taplo, &schema, &[file]);
        assert!(!output.status.success(), "{name} passed");
    }
}

/// `obligo convert FILE --to format`'s output.
fn convert(file: &Path, to: &str) -> String {
    let output = obligo(&["convert", file.to_str().unwrap(), "--to", to]);
    assert!(output.status.success(), "{file:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_json_forms_of_the_examples_match_the_schema() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let files = toml_files();
    for file in &files {
        let json: Value = serde_json::from_str(&convert(file, "json")).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
    let mut bad: Value = serde_json::from_str(&convert(&files[0], "json")).unwrap();
    bad["tenant"]["last_usd"] = Value::from("2026-01-01");
    assert!(!validator.is_valid(&bad));
    let mut bad: Value = serde_json::from_str(&convert(&files[0], "json")).unwrap();
    bad["tenant"]["name"] = Value::from(3);
    assert!(!validator.is_valid(&bad));
}

#[test]
fn check_jsonschema_accepts_the_yaml_forms_and_rejects_mistakes() {
    let Some(check) = check_jsonschema() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_file(dir.path());
    let mut yaml = Vec::new();
    for (i, file) in toml_files().iter().enumerate() {
        let path = dir.path().join(format!("{i}.yaml"));
        std::fs::write(&path, convert(file, "yaml")).unwrap();
        yaml.push(path);
    }
    let run = |files: &[PathBuf]| {
        Command::new(&check)
            .arg("--schemafile")
            .arg(&schema)
            .args(files)
            .output()
            .unwrap()
    };
    let output = run(&yaml);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "tenant:\n  id: t\n  contracts: [nrb]\ncredential:\n  - id: c\n    enabled: \"yes\"\n",
    )
    .unwrap();
    assert!(!run(&[bad]).status.success());
}
