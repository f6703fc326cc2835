//! `docs/report.schema.json` against the JSON report of every fixture set: `examples/`, each
//! rule fixture, each input-error, malformed-input, accepted-risk and report fixture. The CLI
//! tests that read JSON reports (baselines among them) validate theirs through the same helper.
//! Rendered through the library, so that hundreds of fixtures take seconds.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::{Path, PathBuf};

use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::render::{Format, Input, Settings};
use obligo::rules::RuleSet;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

const NOW: jiff::civil::Date = jiff::civil::date(2026, 11, 21);

/// Every entry of `dir` (files and directories), recursively when `deep`, sorted.
fn entries(dir: &str, deep: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::from(dir)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && deep {
                dirs.push(path);
            } else if path.is_dir() || path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Checks each of `paths` on its own and validates its JSON report; the number of reports.
fn validate_each(checker: &Checker, paths: &[PathBuf]) -> usize {
    let settings = Settings::new(NOW);
    let rules = checker.engine().rules();
    for path in paths {
        let report = checker.check(&CheckOptions {
            paths: vec![path.clone()],
            now: NOW,
        });
        let text = Format::Json.render(&Input {
            report: &report,
            rules,
            settings: &settings,
        });
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let result = std::panic::catch_unwind(|| common::assert_report_schema(&json));
        assert!(result.is_ok(), "{}: {json:#}", path.display());
    }
    paths.len()
}

#[test]
fn every_fixture_report_matches_the_schema() {
    let rules = RuleSet::load(None).unwrap();
    let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let mut sets = vec![PathBuf::from("examples"), PathBuf::from("tests/fixtures")];
    sets.extend(entries("tests/fixtures/rules", true));
    sets.extend(entries("tests/fixtures/input-errors", false));
    sets.extend(entries("tests/fixtures/malformed", true));
    sets.extend(entries("tests/fixtures/risks", false));
    sets.extend(entries("tests/fixtures/reports/tenants", false));
    let checked = validate_each(&checker, &sets);
    assert!(checked > 100, "only {checked} reports");
    // No tenant file at all: a problem that is not about a file (`file`, `line` null).
    let empty = tempfile::tempdir().unwrap();
    validate_each(&checker, &[empty.path().to_path_buf()]);
}

#[test]
fn the_schema_rejects_what_it_does_not_describe() {
    let rules = RuleSet::load(None).unwrap();
    let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
    let report = checker.check(&CheckOptions {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")],
        now: NOW,
    });
    let text = Format::Json.render(&Input {
        report: &report,
        rules: checker.engine().rules(),
        settings: &Settings::new(NOW),
    });
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    common::assert_report_schema(&json);
    let broken = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut copy = json.clone();
        edit(&mut copy);
        std::panic::catch_unwind(|| common::assert_report_schema(&copy)).is_err()
    };
    assert!(broken(&|j| j["findings"][0]["new_field"] = 1.into()));
    assert!(broken(&|j| j["summary"]["new_count"] = 1.into()));
    assert!(broken(&|j| j["findings"][0]["severity"] = "fatal".into()));
    assert!(broken(&|j| j["findings"][0]["fingerprint"] = "xyz".into()));
    assert!(broken(&|j| j["now"] = "21-11-2026".into()));
    assert!(broken(&|j| {
        j["findings"][0]["status"] = "accepted".into();
    }));
}
