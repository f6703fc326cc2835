//! Every rule fixture (`tests/fixtures/rules`), converted to JSON and to YAML with
//! `obligo convert`, gives the same findings as the TOML it came from, each located on a line
//! of the converted file that holds the same key; and a converted file converts back to the
//! same values.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::finding::Finding;
use obligo::rule_tests::{self, DEFAULT_NOW, markers};
use obligo::rules::RuleSet;

#[allow(
    dead_code,
    reason = "only `copy_dir` of the shared helpers is used here"
)]
mod common;

const ROOT: &str = "tests/fixtures/rules";

/// What must be equal across formats: everything but the place.
type Seen = (String, String, String, String, String, String);

fn seen(finding: &Finding) -> Seen {
    (
        finding.rule.id.clone(),
        finding.tenant.clone(),
        finding.resource.clone(),
        finding.kind.as_str().to_owned(),
        finding.status.as_str().to_owned(),
        finding.message.clone(),
    )
}

/// The key whose value stands at `column` of a TOML line: the last `key =` before it, or for
/// an inline table in a list, its first key.
fn key_before(line: &str, column: usize) -> Option<String> {
    let from: String = line.chars().skip(column.saturating_sub(1)).collect();
    if let Some(inner) = from.strip_prefix('{') {
        let key = inner.split('=').next()?.trim();
        return (!key.is_empty()).then(|| key.to_owned());
    }
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    let eq = before.rfind('=')?;
    let key = before[..eq].trim_end();
    let start = key
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = &key[start..];
    (!key.is_empty()).then(|| key.to_owned())
}

fn line_of(text: &str, line: usize) -> &str {
    text.lines().nth(line - 1).unwrap_or("")
}

fn convert(from: &Path, to: &str, out: &Path) -> Result<(), String> {
    let output = cargo_bin_cmd!("obligo")
        .args(["convert", "--to", to, "--output"])
        .arg(out)
        .arg(from)
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[test]
fn every_rule_fixture_gives_the_same_findings_in_json_and_yaml() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new(ROOT), dir.path()).unwrap();
    let (cases, _) = rule_tests::collect(dir.path());
    assert!(cases.len() > 100, "the fixtures are found");
    let rules = RuleSet::load(None).unwrap();
    let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(&case.path).unwrap();
        let now = markers::read(&text)
            .ok()
            .and_then(|m| m.now)
            .unwrap_or(DEFAULT_NOW);
        let check = |path: &Path| {
            checker.check(&CheckOptions {
                paths: vec![path.to_path_buf()],
                now,
            })
        };
        let original = check(&case.path);
        let name = case.path.strip_prefix(dir.path()).unwrap().display();
        for format in ["json", "yaml"] {
            let out = case.path.with_extension(format);
            if let Err(error) = convert(&case.path, format, &out) {
                failures.push(format!("{name} to {format}: {error}"));
                continue;
            }
            let converted_text = std::fs::read_to_string(&out).unwrap();
            let converted = check(&out);
            if converted.problems.len() != original.problems.len() {
                failures.push(format!(
                    "{name} as {format}: {} problems instead of {}",
                    converted.problems.len(),
                    original.problems.len()
                ));
            }
            let mut want: Vec<_> = original.findings.iter().map(seen).collect();
            let mut got: Vec<_> = converted.findings.iter().map(seen).collect();
            want.sort();
            got.sort();
            if want != got {
                failures.push(format!(
                    "{name} as {format}: the findings differ\n  toml: {want:?}\n  {format}: {got:?}"
                ));
                continue;
            }
            for finding in &converted.findings {
                let location = &finding.location;
                if location.file.path() != out {
                    continue;
                }
                let (line, _) = location.start();
                let twin = original.findings.iter().find(|f| seen(f) == seen(finding));
                let Some(twin) = twin else { continue };
                let (toml_line, toml_column) = twin.location.start();
                let toml_text = twin.location.file.text();
                let Some(key) = key_before(line_of(toml_text, toml_line), toml_column) else {
                    continue;
                };
                let here = line_of(&converted_text, line);
                if !here.contains(&key) {
                    failures.push(format!(
                        "{name} as {format}: {} is located on line {line}, `{here}`, \
                         which does not hold `{key}`",
                        finding.rule.id
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_file_converted_there_and_back_holds_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    let toml = Path::new("examples/acme-production.toml");
    let yaml = dir.path().join("acme.yaml");
    let json = dir.path().join("acme.json");
    let back = dir.path().join("acme.toml");
    convert(toml, "yaml", &yaml).unwrap();
    convert(&yaml, "json", &json).unwrap();
    convert(&json, "toml", &back).unwrap();
    let values =
        |path: &Path| -> toml::Table { std::fs::read_to_string(path).unwrap().parse().unwrap() };
    assert_eq!(values(toml), values(&back));
    // YAML keeps the comments of the TOML file.
    let yaml_text = std::fs::read_to_string(&yaml).unwrap();
    assert!(yaml_text.starts_with("# ACME Logistics NV - production tenant"));
    assert!(yaml_text.contains("#   - web-01 has a leg in the DMZ"));
}
