//! Evidence findings end to end: `--evidence report|fail|hide`, the `evidence` key of
//! obligo.toml, and how the human output sets evidence gaps apart from violations.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

const NOW: &str = "2026-11-21";
const GAPS: &str = "tests/fixtures/evidence/gaps.toml";
const MIXED: &str = "tests/fixtures/evidence/mixed.toml";
const FAIL_CONFIG: &str = "tests/fixtures/evidence/evidence-fail.obligo.toml";
const TYPO_CONFIG: &str = "tests/fixtures/evidence/evidence-typo.obligo.toml";

/// `obligo check --now NOW <args>`: exit code, stdout, stderr.
fn check(args: &[&str]) -> (i32, String, String) {
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", NOW, "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = check(&all);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}\n{stderr}"));
    common::assert_report_schema(&json);
    (code, json)
}

fn kinds(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

#[test]
fn evidence_gaps_are_reported_but_do_not_fail_by_default() {
    for extra in [&[][..], &["--evidence", "report"][..]] {
        let mut args = vec!["--fail-on", "info", GAPS];
        args.extend_from_slice(extra);
        let (code, report) = json(&args);
        assert_eq!(code, 0, "{report:#}");
        let kinds = kinds(&report);
        assert!(!kinds.is_empty(), "the fixture shows evidence gaps");
        assert!(kinds.iter().all(|k| *k == "evidence"), "{kinds:?}");
        assert_eq!(report["summary"]["evidence"], kinds.len());
        assert_eq!(report["summary"]["warnings"], 0);
    }
}

#[test]
fn evidence_fail_counts_gaps_at_their_rules_severity() {
    // The gaps are warnings: `--fail-on error` still passes, `warning` fails.
    let (code, _) = json(&["--evidence", "fail", GAPS]);
    assert_eq!(code, 0);
    let (code, report) = json(&["--evidence", "fail", "--fail-on", "warning", GAPS]);
    assert_eq!(code, 1, "{report:#}");
}

#[test]
fn evidence_hide_leaves_gaps_out_of_every_output() {
    let (code, report) = json(&["--evidence", "hide", "--fail-on", "info", GAPS]);
    assert_eq!(code, 0);
    assert_eq!(report["findings"], Value::Array(Vec::new()), "{report:#}");
    assert_eq!(report["summary"]["evidence"], 0);
    let (_, human, _) = check(&["--evidence", "hide", MIXED]);
    assert!(!human.contains("evidence not shown"), "{human}");
    let (_, report) = json(&["--evidence", "hide", MIXED]);
    assert_eq!(kinds(&report), ["violation"], "the violation stays");
}

#[test]
fn the_config_key_sets_the_mode_and_the_flag_overrides_it() {
    let (code, _) = json(&["--config", FAIL_CONFIG, "--fail-on", "warning", GAPS]);
    assert_eq!(code, 1);
    let (code, _) = json(&[
        "--config",
        FAIL_CONFIG,
        "--evidence",
        "report",
        "--fail-on",
        "warning",
        GAPS,
    ]);
    assert_eq!(code, 0);
}

#[test]
fn a_misspelt_mode_is_an_error() {
    let (code, _, stderr) = check(&["--evidence", "ignore", GAPS]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown evidence mode `ignore`"),
        "{stderr}"
    );
    let (code, report) = json(&["--config", TYPO_CONFIG, GAPS]);
    assert_eq!(code, 2);
    let error = &report["errors"][0];
    assert_eq!(error["code"], "obligo::input::unknown-value", "{report:#}");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(1), Some(12))
    );
}

#[test]
fn human_output_lists_gaps_after_the_violations_in_one_line_each() {
    let (code, human, _) = check(&[MIXED]);
    assert_eq!(code, 1, "{human}");
    let violation = human
        .find("nrb/unsupported-os")
        .expect("the violation is drawn");
    let section = human
        .find("evidence not shown for tenant `mixed-kinds`")
        .expect("the evidence section");
    assert!(violation < section, "{human}");
    let gaps: Vec<&str> = human[section..]
        .lines()
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .collect();
    assert_eq!(gaps.first(), Some(&"  nrb:"), "{human}");
    for gap in &gaps[1..] {
        assert!(
            gap.starts_with("    nrb/") && gap.contains(" — NRB") && gap.ends_with(')'),
            "not one line with rule, message, clause and place: {gap}"
        );
    }
    // Gaps are not drawn as diagnostics: the only `×`/`⚠` headings are the violation's.
    assert_eq!(human.matches("  ⚠ ").count(), 0, "{human}");
    assert!(
        human.trim_end().ends_with(&format!(
            "1 error, 0 warnings, 0 infos, {} evidence gaps in 1 tenant (1 file)",
            gaps.len() - 1
        )),
        "{human}"
    );
}
