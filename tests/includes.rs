//! `tenant.include`: evidence files declared once and included by many tenants, end to end.
//! Findings about included tables point into the included file; an include that cannot be used
//! is an input error at its entry; an evidence file is never taken for a tenant.

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
const WALK: &str = "tests/fixtures/includes/walk";
const PROVIDER: &str = "tests/fixtures/includes/walk/providers/provider.toml";
const ERRORS: &str = "tests/fixtures/includes/errors";

/// `obligo check <args> --now NOW --format json`: exit code, report and stderr.
fn check_json(args: &[&str]) -> (i32, Value, String) {
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", NOW, "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap();
    common::assert_report_schema(&report);
    (
        output.status.code().unwrap(),
        report,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The 1-based line of the first line of `path` containing `needle`.
fn line_of(path: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    let index = text
        .lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in {path}"));
    u64::try_from(index + 1).unwrap()
}

fn errors(report: &Value) -> &Vec<Value> {
    report["errors"].as_array().unwrap()
}

#[test]
fn findings_about_included_tables_point_into_the_included_file() {
    let (code, report, _) = check_json(&[WALK]);
    assert_eq!(code, 1, "{report:#}");
    assert!(errors(&report).is_empty(), "{report:#}");
    assert_eq!(
        report["summary"]["tenants"], 2,
        "the evidence file is not a tenant"
    );
    assert_eq!(report["summary"]["files"], 2, "{report:#}");
    let findings = report["findings"].as_array().unwrap();
    for (tenant, rule, kind, needle) in [
        (
            "include-shop",
            "dpa/facility-access-uncontrolled",
            "violation",
            "controls = [",
        ),
        (
            "include-office",
            "dpa/facility-access-uncontrolled",
            "violation",
            "controls = [",
        ),
        (
            "include-shop",
            "dpa/security-officer-missing",
            "evidence",
            "topic = \"security-officer\"",
        ),
    ] {
        let found = findings
            .iter()
            .find(|f| f["tenant"] == tenant && f["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} for {tenant}: {report:#}"));
        assert_eq!(found["file"], PROVIDER, "{found:#}");
        assert_eq!(found["line"], line_of(PROVIDER, needle), "{found:#}");
        assert_eq!(found["kind"], kind, "{found:#}");
    }
}

#[test]
fn the_evidence_file_is_skipped_when_walking_and_listed_with_verbose() {
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", NOW, "--format", "json", "--verbose", WALK])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "skipped {PROVIDER}: an evidence file, included by {WALK}/tenants/office.toml, {WALK}/tenants/shop.toml"
        )),
        "{stderr}"
    );
}

#[test]
fn naming_the_evidence_file_itself_is_an_error() {
    let (code, report, _) = check_json(&[PROVIDER]);
    assert_eq!(code, 2);
    assert_eq!(
        errors(&report)[0]["code"],
        "obligo::input::not-a-tenant",
        "{report:#}"
    );
}

/// Checks one tenant of `errors/` and returns its single problem.
fn one_problem(name: &str) -> (Value, Value) {
    let path = format!("{ERRORS}/{name}");
    let (code, report, _) = check_json(&[&path]);
    assert_eq!(code, 2, "{report:#}");
    let problems = errors(&report);
    assert_eq!(problems.len(), 1, "{report:#}");
    (problems[0].clone(), report)
}

#[test]
fn a_missing_include_is_an_error_at_its_entry() {
    let path = format!("{ERRORS}/missing.toml");
    let (problem, _) = one_problem("missing.toml");
    assert_eq!(problem["code"], "obligo::input::include");
    assert_eq!(problem["file"], path.as_str());
    assert_eq!(problem["line"], line_of(&path, "include ="));
    let message = problem["message"].as_str().unwrap();
    assert!(
        message.starts_with("cannot include `evidence/does-not-exist.toml`: cannot read"),
        "{message}"
    );
}

#[test]
fn a_malformed_include_is_an_error_at_its_entry_naming_the_bad_line() {
    let path = format!("{ERRORS}/malformed.toml");
    let (problem, _) = one_problem("malformed.toml");
    assert_eq!(problem["code"], "obligo::input::include");
    assert_eq!(problem["file"], path.as_str());
    assert_eq!(problem["line"], line_of(&path, "include ="));
    let message = problem["message"].as_str().unwrap();
    assert!(
        message.contains(&format!(
            "not valid TOML at {ERRORS}/evidence/malformed.toml:2:"
        )),
        "{message}"
    );
}

#[test]
fn an_id_declared_in_the_tenant_and_in_an_include_is_an_error_naming_both_places() {
    let path = format!("{ERRORS}/duplicate.toml");
    let included = format!("{ERRORS}/evidence/dup.toml");
    let (problem, _) = one_problem("duplicate.toml");
    assert_eq!(problem["code"], "obligo::input::duplicate-id");
    // The tenant's own tables are read first, so the include's declaration is the second one.
    assert_eq!(problem["file"], included.as_str());
    assert_eq!(
        problem["line"],
        line_of(&included, "id = \"risk-analysis\"")
    );
    let message = problem["message"].as_str().unwrap();
    let first = format!("{path}:{}:", line_of(&path, "id = \"risk-analysis\""));
    assert!(message.contains(&first), "{message} should name {first}");
}

#[test]
fn an_evidence_file_holds_only_evidence_tables_and_includes_nothing() {
    let (code, report, _) = check_json(&[&format!("{ERRORS}/wrong-table.toml")]);
    assert_eq!(code, 2);
    let included = format!("{ERRORS}/evidence/wrong-table.toml");
    let problems = errors(&report);
    let keys: Vec<(&str, u64)> = problems
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        keys,
        [
            (
                "obligo::input::unknown-key",
                line_of(&included, "include =")
            ),
            (
                "obligo::input::unknown-key",
                line_of(&included, "[[system]]")
            ),
        ],
        "{report:#}"
    );
    assert!(problems.iter().all(|p| p["file"] == included.as_str()));
}

#[test]
fn a_tenant_file_cannot_be_included_nor_include_itself() {
    let (code, report, _) = check_json(&[&format!("{ERRORS}/tenant-include.toml")]);
    assert_eq!(code, 2);
    let messages: Vec<&str> = errors(&report)
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{report:#}");
    assert!(messages[0].contains("is a tenant file"), "{messages:?}");
    assert!(
        messages[1].contains("a file cannot include itself"),
        "{messages:?}"
    );
}

#[test]
fn the_example_tenant_reads_its_provider_from_an_included_file() {
    let (code, report, stderr) = check_json(&["examples/acme-compliant.toml"]);
    assert_eq!(code, 0, "{report:#}\n{stderr}");
    assert!(errors(&report).is_empty(), "{report:#}");
    // Without the include, the provider's attestations are missing: evidence findings.
    let text = std::fs::read_to_string("examples/acme-compliant.toml").unwrap();
    let without = text.replace("include = [\"providers/nrb.toml\"]\n", "");
    assert_ne!(text, without, "the example no longer includes its provider");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("acme-compliant.toml");
    std::fs::write(&copy, without).unwrap();
    let (_, report, _) = check_json(&[copy.to_str().unwrap()]);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "evidence")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"dpa/risk-assessment-missing"), "{rules:?}");
}
