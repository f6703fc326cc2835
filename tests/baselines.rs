//! `--write-baseline` and `--baseline` end to end: recorded findings are `baselined` and do not
//! fail the run, whatever moves around them; a new finding does; an entry whose finding is gone
//! is noted at its line so that the file can be pruned.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

const NOW: &str = "2026-11-21";

/// The tenant of `covered.toml` without its accepted risk: three dual-homed systems.
fn tenant_text() -> String {
    let text = std::fs::read_to_string("tests/fixtures/risks/covered.toml").unwrap();
    let end = text.find("[[accepted_risk]]").unwrap();
    text[..end].to_owned()
}

/// `obligo check --now NOW --format json --fail-on warning <args>`: exit code and report.
fn check_json(args: &[&str]) -> (i32, Value) {
    let output = cargo_bin_cmd!("obligo")
        .args([
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "--fail-on",
            "warning",
        ])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}",
            String::from_utf8_lossy(&output.stderr) + String::from_utf8_lossy(&output.stdout)
        )
    });
    common::assert_report_schema(&report);
    (output.status.code().unwrap(), report)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `(rule, resource, status)` of every finding.
fn statuses(report: &Value) -> Vec<(String, String, String)> {
    let mut found: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["resource"].as_str().unwrap().to_owned(),
                f["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

fn dual(resource: &str, status: &str) -> (String, String, String) {
    (
        "nrb/dual-homed-system".into(),
        resource.into(),
        status.into(),
    )
}

/// A directory with the tenant and its freshly written baseline.
fn baselined() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let tenant = dir.path().join("tenant.toml");
    let baseline = dir.path().join("obligo-baseline.toml");
    std::fs::write(&tenant, tenant_text()).unwrap();
    let (code, report) = check_json(&["--write-baseline", s(&baseline), s(&tenant)]);
    assert_eq!(code, 0, "written findings are baselined: {report:#}");
    assert_eq!(report["summary"]["baselined"], 3, "{report:#}");
    (dir, tenant, baseline)
}

#[test]
fn the_baseline_is_sorted_stable_and_free_of_line_numbers() {
    let (_dir, tenant, baseline) = baselined();
    let first = std::fs::read_to_string(&baseline).unwrap();
    assert!(first.starts_with("# obligo baseline"), "{first}");
    assert!(first.contains("version = 1"), "{first}");
    assert!(
        !first
            .lines()
            .any(|l| l.starts_with("line") || l.starts_with("column")),
        "no line numbers: {first}"
    );
    let resources: Vec<&str> = first
        .lines()
        .filter_map(|l| l.strip_prefix("resource = "))
        .collect();
    assert_eq!(resources, ["\"db-01\"", "\"web-01\"", "\"web-02\""]);
    // Writing again with the same findings gives the same bytes.
    check_json(&["--write-baseline", s(&baseline), s(&tenant)]);
    assert_eq!(std::fs::read_to_string(&baseline).unwrap(), first);
}

#[test]
fn a_baseline_survives_unrelated_edits_and_line_shifts() {
    let (_dir, tenant, baseline) = baselined();
    let edited = tenant_text()
        .replace(
            "[tenant]",
            "# A comment that moves every line down.\n\n\n[tenant]",
        )
        .replace("[tenant]\n", "[tenant]\nname = \"Renamed Tenant\"\n");
    std::fs::write(&tenant, edited).unwrap();
    let (code, report) = check_json(&["--baseline", s(&baseline), s(&tenant)]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(
        statuses(&report),
        [
            dual("db-01", "baselined"),
            dual("web-01", "baselined"),
            dual("web-02", "baselined")
        ]
    );
}

#[test]
fn a_new_finding_beside_baselined_ones_fails_the_run() {
    let (_dir, tenant, baseline) = baselined();
    let mut text = tenant_text();
    text.push_str(
        "\n[[system]]\nid = \"web-03\"\noperator = \"customer\"\n\
         os = { family = \"ubuntu\", version = \"24.04\" }\nhosting = { provider = \"nrb\" }\n\
         interfaces = [{ segment = \"dmz\" }, { segment = \"app\" }]\n",
    );
    std::fs::write(&tenant, text).unwrap();
    let (code, report) = check_json(&["--baseline", s(&baseline), s(&tenant)]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(
        statuses(&report),
        [
            dual("db-01", "baselined"),
            dual("web-01", "baselined"),
            dual("web-02", "baselined"),
            dual("web-03", "open")
        ]
    );
    assert_eq!(report["summary"]["warnings"], 1);
}

#[test]
fn a_changed_offending_value_is_a_new_finding() {
    let (_dir, tenant, baseline) = baselined();
    // db-01 gains a third interface: the same rule and resource, another offending value.
    let text = tenant_text().replacen(
        "interfaces = [{ segment = \"dmz\" }, { segment = \"app\" }]\n\n[[attestation]]",
        "interfaces = [{ segment = \"app\" }, { segment = \"dmz\" }, { segment = \"app\" }]\n\n\
         [[attestation]]",
        1,
    );
    assert_ne!(text, tenant_text());
    std::fs::write(&tenant, text).unwrap();
    let (code, report) = check_json(&["--baseline", s(&baseline), s(&tenant)]);
    assert_eq!(code, 1, "{report:#}");
    assert!(
        statuses(&report).contains(&dual("db-01", "open")),
        "{report:#}"
    );
}

#[test]
fn entries_that_no_longer_occur_are_noted_for_pruning() {
    let (_dir, tenant, baseline) = baselined();
    // web-02 leaves the second segment: its entry no longer occurs.
    let text = tenant_text().replacen(
        "id = \"web-02\"\noperator = \"customer\"\nos = { family = \"ubuntu\", version = \"24.04\" }\n\
         hosting = { provider = \"nrb\" }\ninterfaces = [{ segment = \"dmz\" }, { segment = \"app\" }]",
        "id = \"web-02\"\noperator = \"customer\"\nos = { family = \"ubuntu\", version = \"24.04\" }\n\
         hosting = { provider = \"nrb\" }\ninterfaces = [{ segment = \"dmz\" }]",
        1,
    );
    assert_ne!(text, tenant_text());
    std::fs::write(&tenant, text).unwrap();
    let (code, report) = check_json(&["--baseline", s(&baseline), s(&tenant)]);
    assert_eq!(
        code, 0,
        "an info note does not fail a warning gate: {report:#}"
    );
    let gone = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "obligo/baseline-entry-gone")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(gone["severity"], "info");
    assert_eq!(gone["file"], s(&baseline));
    let text = std::fs::read_to_string(&baseline).unwrap();
    let web02 = text
        .lines()
        .position(|l| l == "resource = \"web-02\"")
        .unwrap();
    let table = text
        .lines()
        .take(web02)
        .filter(|l| *l == "[[finding]]")
        .count();
    let table_line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "[[finding]]")
        .nth(table - 1)
        .unwrap()
        .0;
    assert_eq!(gone["line"], table_line + 1, "at the entry's table");
    // After pruning with --write-baseline the note is gone.
    check_json(&["--write-baseline", s(&baseline), s(&tenant)]);
    let (_, report) = check_json(&["--baseline", s(&baseline), s(&tenant)]);
    assert!(
        !statuses(&report)
            .iter()
            .any(|(rule, _, _)| rule == "obligo/baseline-entry-gone"),
        "{report:#}"
    );
}

#[test]
fn a_broken_baseline_is_an_input_error() {
    let (_dir, tenant, baseline) = baselined();
    std::fs::write(
        &baseline,
        "version = 1\n[[finding]]\nrule = \"x\"\nfoo = 1\n",
    )
    .unwrap();
    let (code, report) = check_json(&["--baseline", s(&baseline), s(&tenant)]);
    assert_eq!(code, 2, "{report:#}");
    assert_eq!(report["errors"][0]["file"], s(&baseline));
}
