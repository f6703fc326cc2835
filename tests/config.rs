//! `obligo.toml` and `--policies`: severity overrides, disabled rules, parameters, and rules
//! replaced by id, as seen from the command line.

#![cfg(test)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A tenant whose one system is dual-homed (`nrb/dual-homed-system`, a warning by default).
const TENANT: &str = include_str!("fixtures/config/dual-homed.toml");

fn check(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let output = Command::cargo_bin("obligo")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--now", "2026-11-21", "--format", "json"])
        .args(extra)
        .arg("tenant.toml")
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap();
    (output.status.code().unwrap(), json)
}

fn setup(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tenant.toml"), TENANT).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.path().join("obligo.toml"), config).unwrap();
    }
    dir
}

fn rules_of(json: &Value) -> Vec<(String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn without_config_the_dual_homed_warning_passes_the_gate() {
    let dir = setup(None);
    let (code, json) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(rules_of(&json).contains(&("nrb/dual-homed-system".into(), "warning".into())));
}

#[test]
fn a_severity_override_in_obligo_toml_changes_the_finding_and_the_exit() {
    let dir = setup(Some(
        "[rules.severity]\n\"nrb/dual-homed-system\" = \"error\"\n",
    ));
    let (code, json) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(rules_of(&json).contains(&("nrb/dual-homed-system".into(), "error".into())));
}

#[test]
fn a_disabled_rule_reports_nothing() {
    let dir = setup(Some("[rules]\ndisable = [\"nrb/dual-*\"]\n"));
    let (code, json) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(
        rules_of(&json)
            .iter()
            .all(|(rule, _)| rule != "nrb/dual-homed-system")
    );
}

#[test]
fn a_misspelt_rule_id_in_the_config_exits_2_at_its_line() {
    let dir = setup(Some("[rules]\n\ndisable = [\"nrb/dual-homed-sytem\"]\n"));
    let (code, json) = check(dir.path(), &[]);
    assert_eq!(code, 2);
    let error = &json["errors"][0];
    assert_eq!(error["file"], "obligo.toml");
    assert_eq!(error["line"], 3);
    assert_eq!(error["column"], 12);
}

#[test]
fn an_explicit_config_must_exist() {
    let dir = setup(None);
    let (code, _) = check(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(code, 2);
}

#[test]
fn a_policy_directory_replaces_a_rule_by_id() {
    let dir = setup(None);
    let pack = dir.path().join("custom/nrb");
    std::fs::create_dir_all(&pack).unwrap();
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/nrb/dual-homed-system.cedar"),
    )
    .unwrap();
    std::fs::write(
        pack.join("dual-homed-system.cedar"),
        builtin.replace("@severity(\"warning\")", "@severity(\"info\")"),
    )
    .unwrap();
    let (_, json) = check(dir.path(), &["--policies", "custom"]);
    assert!(rules_of(&json).contains(&("nrb/dual-homed-system".into(), "info".into())));
}

#[test]
fn select_and_ignore_choose_rules_by_id_or_glob() {
    let dir = setup(None);
    let (code, json) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    let all = rules_of(&json);
    assert!(
        all.iter().any(|(r, _)| r == "nrb/dual-homed-system"),
        "{all:?}"
    );
    assert!(all.len() > 1, "{all:?}");

    let (_, json) = check(dir.path(), &["--select", "nrb/dual-homed-system"]);
    assert_eq!(
        rules_of(&json),
        [("nrb/dual-homed-system".to_owned(), "warning".to_owned())]
    );
    let (_, json) = check(dir.path(), &["--select", "nrb/*", "--ignore", "nrb/dual-*"]);
    let rules = rules_of(&json);
    assert!(!rules.is_empty(), "{json:#}");
    assert!(
        rules
            .iter()
            .all(|(r, _)| r.starts_with("nrb/") && r != "nrb/dual-homed-system"),
        "{rules:?}"
    );
    // A pattern that matches no rule is a usage error, not a silent no-op.
    let (code, json) = check(dir.path(), &["--ignore", "nrb/dual-homed-sytem"]);
    assert_eq!(code, 2, "{json:#}");
}
