//! The `obligo` binary end to end: the JSON report, exit codes, skipped files, `rules` and
//! `explain`. Paths are relative to the crate root (the working directory of integration
//! tests), so file names in outputs and snapshots are stable.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const NOW: &str = "2026-11-21";
const ACME_DIR: &str = "tests/fixtures/cli/acme";
const ACME: &str = "tests/fixtures/cli/acme/acme-prod.toml";
const NOTES: &str = "tests/fixtures/cli/acme/obligo-notes.toml";
const CLEAN: &str = "tests/fixtures/cli/clean.toml";
const WARNINGS_ONLY: &str = "tests/fixtures/cli/warnings-only.toml";

fn obligo(args: &[&str]) -> Output {
    cargo_bin_cmd!("obligo")
        .args(args)
        .output()
        .expect("obligo runs")
}

/// `obligo check <args> --now NOW --color never`, with its exit code and output.
fn check(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--now", NOW, "--color", "never"];
    all.extend_from_slice(args);
    let output = obligo(&all);
    (
        output.status.code().expect("obligo exits normally"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `obligo check --format json`, parsed.
fn check_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = check(&all);
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\nstderr:\n{stderr}"));
    (code, json)
}

/// The 1-based line and column where `needle` first occurs in `path`.
fn position(path: &str, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in {path}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line as u64, column as u64)
}

fn findings<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

#[test]
fn json_report_of_a_directory() {
    let (code, json) = check_json(&[ACME_DIR]);
    assert_eq!(code, 1, "{json:#}");
    insta::assert_json_snapshot!("acme_json", json);

    // Spot checks, independent of the snapshot: each finding points at its primary location.
    let cases = [
        (
            "nrb/unsupported-os",
            "web-01",
            "{ family = \"windows-server\"",
        ),
        (
            "nrb/dual-homed-system",
            "web-01",
            "{ segment = \"app\", address = \"10.0.2.5\" }",
        ),
        (
            "nrb/public-cloud-resource",
            "analytics",
            "{ provider = \"aws\"",
        ),
        (
            "dpa/transfer-outside-eea",
            "analytics",
            "{ provider = \"aws\"",
        ),
        (
            "nrb/os-support-unverified",
            "appliance",
            "{ family = \"freebsd\"",
        ),
        ("dpa/inactive-credential", "svc-backup", "2025-12-01"),
        (
            "dpa/transfer-outside-eea",
            "crm-to-support-desk",
            "\"US\", recipient",
        ),
    ];
    for (rule, resource, needle) in cases {
        let (line, column) = position(ACME, needle);
        let matching: Vec<&Value> = findings(&json, rule)
            .into_iter()
            .filter(|f| f["resource"] == resource)
            .collect();
        assert_eq!(matching.len(), 1, "{rule} {resource}: {json:#}");
        let finding = matching[0];
        assert_eq!(finding["file"], ACME, "{finding:#}");
        assert_eq!(finding["line"], line, "{finding:#}");
        assert_eq!(finding["column"], column, "{finding:#}");
        assert_eq!(finding["status"], "open", "{finding:#}");
        assert_eq!(finding["tenant"], "acme-prod", "{finding:#}");
    }
    let credential = &findings(&json, "dpa/inactive-credential")[0];
    assert_eq!(credential["severity"], "error");
    assert_eq!(
        findings(&json, "nrb/dual-homed-system")[0]["severity"],
        "warning"
    );
    assert_eq!(json["version"], 1);
    assert_eq!(json["errors"], Value::Array(Vec::new()));
    assert_eq!(
        json["summary"]["files"], 1,
        "the non-tenant file is not counted"
    );
    assert_eq!(json["summary"]["tenants"], 1);
}

#[test]
fn a_clean_tenant_exits_0() {
    let (code, stdout, _) = check(&[CLEAN]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

#[test]
fn warnings_fail_only_when_asked() {
    let (code, stdout, _) = check(&[WARNINGS_ONLY]);
    assert_eq!(
        code, 0,
        "warnings pass with the default --fail-on error:\n{stdout}"
    );
    assert!(stdout.contains("nrb/dual-homed-system"), "{stdout}");
    for (threshold, expected) in [("warning", 1), ("info", 1), ("error", 0), ("never", 0)] {
        let (code, stdout, _) = check(&["--fail-on", threshold, WARNINGS_ONLY]);
        assert_eq!(code, expected, "--fail-on {threshold}:\n{stdout}");
    }
}

#[test]
fn error_findings_exit_1_unless_fail_on_never() {
    let (code, stdout, _) = check(&[ACME]);
    assert_eq!(code, 1, "{stdout}");
    let (code, stdout, _) = check(&["--fail-on", "never", ACME]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn a_path_without_tenant_files_exits_2() {
    let (code, stdout, _) = check(&["tests/fixtures/cli/no-tenants"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("no tenant file found in `tests/fixtures/cli/no-tenants`"),
        "{stdout}"
    );
}

#[test]
fn a_nonexistent_path_exits_2() {
    let (code, json) = check_json(&["--fail-on", "never", "tests/fixtures/cli/missing.toml"]);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(json["errors"][0]["file"], "tests/fixtures/cli/missing.toml");
    assert_eq!(json["errors"][0]["code"], "obligo::input::unreadable");
    // Without a snippet, the message itself must say which file it is about.
    let (code, stdout, _) = check(&["tests/fixtures/cli/missing.toml"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("`tests/fixtures/cli/missing.toml`: cannot read file"),
        "{stdout}"
    );
}

#[test]
fn a_named_non_tenant_file_exits_2() {
    let (code, json) = check_json(&["--fail-on", "never", NOTES]);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(json["errors"][0]["file"], NOTES);
    assert_eq!(json["errors"][0]["code"], "obligo::input::not-a-tenant");
}

#[test]
fn an_input_error_exits_2_whatever_fail_on_says() {
    let (code, stdout, _) = check(&[
        "--fail-on",
        "never",
        "tests/fixtures/input-errors/unknown-key.toml",
    ]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("did you mean `last_used`?"), "{stdout}");
}

#[test]
fn a_broken_tenant_does_not_hide_the_findings_of_a_valid_one() {
    let (code, json) = check_json(&["tests/fixtures/cli/mixed"]);
    assert_eq!(code, 2, "{json:#}");
    let errors = json["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!(errors[0]["file"], "tests/fixtures/cli/mixed/a-broken.toml");
    assert_eq!(errors[0]["code"], "obligo::input::unknown-key");
    let found = findings(&json, "dpa/inactive-credential");
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0]["file"], "tests/fixtures/cli/mixed/b-valid.toml");
    assert_eq!(found[0]["tenant"], "valid");
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(json["summary"]["tenants"], 1);
}

#[test]
fn non_tenant_files_in_a_directory_are_skipped_and_listed_with_verbose() {
    let (code, _, stderr) = check(&["--format", "json", ACME_DIR]);
    assert_eq!(code, 1);
    assert!(!stderr.contains("obligo-notes.toml"), "{stderr}");
    let (code, _, stderr) = check(&["--format", "json", "--verbose", ACME_DIR]);
    assert_eq!(code, 1);
    assert!(stderr.contains(NOTES), "{stderr}");
    assert!(!stderr.contains("acme-prod.toml"), "{stderr}");
}

#[test]
fn rules_lists_every_core_rule() {
    let output = obligo(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for id in [
        "nrb/dual-homed-system",
        "nrb/unsupported-os",
        "nrb/os-support-unverified",
        "nrb/public-cloud-resource",
        "dpa/inactive-credential",
        "dpa/transfer-outside-eea",
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.split_whitespace().next() == Some(id)),
            "`{id}` missing from:\n{stdout}"
        );
    }
}

/// Whether the words of `text` occur in `haystack` in order (other text may come between
/// them, e.g. a column printed beside them, and lines may wrap anywhere).
fn words_in_order(haystack: &str, text: &str) -> Result<(), String> {
    let mut tokens = haystack.split_whitespace();
    for word in text.split_whitespace() {
        if !tokens.any(|t| t.contains(word)) {
            return Err(format!("`{word}` of \"{text}\" not found in order"));
        }
    }
    Ok(())
}

#[test]
fn explain_prints_the_clause_summary_fix_and_policy() {
    let output = obligo(&["explain", "nrb/unsupported-os"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let rules = obligo::rules::RuleSet::load(None).expect("rules load");
    let rule = rules.get("nrb/unsupported-os").expect("the rule exists");
    // Everything but the policy text, which repeats the annotations.
    let (prose, policy) = stdout
        .split_once("policies/nrb/unsupported-os.cedar")
        .expect("the policy file is named");
    let quote = rule.quote.as_deref().expect("the rule quotes its clause");
    assert!(quote.starts_with("Indien de Klant"), "{quote}");
    let summary = rule.summary.as_deref().expect("the rule has a summary");
    for text in [quote, summary, &rule.remediation, &rule.clause] {
        if let Err(e) = words_in_order(prose, text) {
            panic!("{e}:\n{stdout}");
        }
    }
    let source = std::fs::read_to_string("policies/nrb/unsupported-os.cedar").expect("policy");
    for line in source.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(
            policy.contains(line),
            "policy line `{line}` missing:\n{stdout}"
        );
    }
}

#[test]
fn explain_of_an_unknown_rule_suggests_the_closest() {
    let output = obligo(&["explain", "nrb/unsuported-os"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown rule `nrb/unsuported-os`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `nrb/unsupported-os`?"),
        "{stderr}"
    );
}

#[test]
fn bad_options_exit_2() {
    for (option, value) in [
        ("--now", "2026-13-01"),
        ("--now", "yesterday"),
        ("--fail-on", "critical"),
    ] {
        let output = obligo(&["check", option, value, CLEAN]);
        assert_eq!(output.status.code(), Some(2), "{option} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(value), "{option} {value}: {stderr}");
        assert!(output.stdout.is_empty(), "{option} {value}");
    }
}
