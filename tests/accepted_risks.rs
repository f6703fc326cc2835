//! `[[accepted_risk]]` end to end: covered findings are `accepted` and never fail the run; the
//! acceptances are held to account (expired, expiring, stale, too long) by findings of their
//! own; an acceptance that is incomplete or accepts what cannot be accepted is an input error.

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
const DIR: &str = "tests/fixtures/risks";

/// `obligo check <args> --now NOW --format json`: exit code and report.
fn check_json(args: &[&str]) -> (i32, Value) {
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", NOW, "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap();
    common::assert_report_schema(&report);
    (output.status.code().unwrap(), report)
}

fn path(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// The 1-based line of the `n`th line (0-based) of `file` containing `needle`.
fn line_of(file: &str, needle: &str, n: usize) -> u64 {
    let text = std::fs::read_to_string(file).unwrap();
    let index = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(needle))
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` #{n} is not in {file}"))
        .0;
    u64::try_from(index + 1).unwrap()
}

/// `(rule, resource, status)` of every finding.
fn statuses(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
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
        .collect()
}

fn finding<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no `{rule}` finding in {report:#}"))
}

#[test]
fn a_glob_covers_matching_findings_and_only_those() {
    let (code, report) = check_json(&[&path("covered.toml")]);
    assert_eq!(code, 0, "{report:#}");
    let found = statuses(&report);
    let status_of = |resource: &str| {
        found
            .iter()
            .find(|(rule, r, _)| rule == "nrb/dual-homed-system" && r == resource)
            .map(|(_, _, s)| s.as_str())
    };
    assert_eq!(status_of("web-01"), Some("accepted"), "{found:?}");
    assert_eq!(status_of("web-02"), Some("accepted"), "{found:?}");
    assert_eq!(status_of("db-01"), Some("open"), "{found:?}");
    assert_eq!(report["summary"]["accepted"], 2);
    assert_eq!(
        report["summary"]["warnings"], 1,
        "accepted ones are not counted"
    );
    let accepted = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "accepted")
        .unwrap();
    let acceptance = &accepted["acceptance"];
    assert_eq!(acceptance["accepted_by"], "CISO ACME NV");
    assert_eq!(acceptance["expires"], "2027-03-31");
    assert_eq!(acceptance["reference"], "RISK-2026-014");
    assert_eq!(
        acceptance["line"],
        line_of(&path("covered.toml"), "rule = \"nrb/dual-homed-system\"", 0)
    );
}

#[test]
fn accepted_findings_never_fail_the_run_but_open_ones_do() {
    // db-01 is an open warning; web-01 and web-02 are accepted warnings.
    let (code, _) = check_json(&["--fail-on", "warning", &path("covered.toml")]);
    assert_eq!(code, 1);
    let (code, _) = check_json(&["--fail-on", "warning", &path("included/tenant.toml")]);
    assert_eq!(code, 1, "db-01 is not covered by the included acceptance");
}

#[test]
fn an_acceptance_in_an_included_evidence_file_covers_the_tenant_s_findings() {
    let (code, report) = check_json(&[&path("included/tenant.toml")]);
    assert_eq!(code, 0, "{report:#}");
    let accepted: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "accepted")
        .collect();
    assert_eq!(accepted.len(), 2, "{report:#}");
    let acceptance = &accepted[0]["acceptance"];
    assert_eq!(acceptance["file"], path("included/risks.toml"));
    assert_eq!(
        acceptance["line"],
        line_of(&path("included/risks.toml"), "rule =", 0)
    );
}

#[test]
fn acceptances_are_held_to_account() {
    let file = path("accountability.toml");
    let (code, report) = check_json(&[&file]);
    assert_eq!(code, 0, "no error-severity finding: {report:#}");
    let found = statuses(&report);
    let dual = |resource: &str| {
        found
            .iter()
            .find(|(rule, r, _)| rule == "nrb/dual-homed-system" && r == resource)
            .map(|(_, _, s)| s.clone())
    };
    // Expired: covers nothing, and is a warning at its `expires` value.
    assert_eq!(dual("web-01").as_deref(), Some("open"));
    let expired = finding(&report, "obligo/accepted-risk-expired");
    assert_eq!(expired["severity"], "warning");
    assert_eq!(expired["line"], line_of(&file, "expires = 2026-10-01", 0));
    // Expiring within 30 days: still covers, and is an info finding.
    assert_eq!(dual("web-02").as_deref(), Some("accepted"));
    let expiring = finding(&report, "obligo/accepted-risk-expiring");
    assert_eq!(expiring["severity"], "info");
    assert_eq!(expiring["line"], line_of(&file, "expires = 2026-12-01", 0));
    assert!(
        expiring["message"].as_str().unwrap().contains("in 10 days"),
        "{expiring:#}"
    );
    // Stale: a warning at its `rule` line.
    let stale = finding(&report, "obligo/accepted-risk-stale");
    assert_eq!(stale["severity"], "warning");
    assert_eq!(
        stale["line"],
        line_of(&file, "rule = \"nrb/unsupported-os\"", 0)
    );
    // Longer than a year: still covers, and is a warning.
    assert_eq!(dual("db-01").as_deref(), Some("accepted"));
    let long = finding(&report, "obligo/accepted-risk-too-long");
    assert_eq!(long["severity"], "warning");
    assert_eq!(long["line"], line_of(&file, "expires = 2027-06-30", 0));
    let (code, _) = check_json(&["--fail-on", "warning", &file]);
    assert_eq!(code, 1, "the accountability findings count like any other");
}

#[test]
fn the_windows_come_from_obligo_toml() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("obligo.toml");
    std::fs::write(
        &config,
        "[accepted_risk]\nwarn_within = \"5d\"\nmax_term = \"600d\"\n",
    )
    .unwrap();
    let (_, report) = check_json(&[
        "--config",
        config.to_str().unwrap(),
        &path("accountability.toml"),
    ]);
    let rules: Vec<String> = statuses(&report).into_iter().map(|(r, _, _)| r).collect();
    assert!(
        !rules.iter().any(|r| r == "obligo/accepted-risk-expiring"),
        "{rules:?}"
    );
    assert!(
        !rules.iter().any(|r| r == "obligo/accepted-risk-too-long"),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r == "obligo/accepted-risk-expired"),
        "{rules:?}"
    );

    std::fs::write(&config, "[accepted_risk]\nwarn_within = \"thirty\"\n").unwrap();
    let (code, report) = check_json(&["--config", config.to_str().unwrap(), DIR]);
    assert_eq!(code, 2);
    assert_eq!(report["errors"][0]["line"], 2, "{report:#}");
}

#[test]
fn a_rule_whose_clause_allows_no_exception_cannot_be_accepted() {
    let file = path("invalid/not-acceptable.toml");
    let (code, report) = check_json(&[&file]);
    assert_eq!(code, 2, "{report:#}");
    let error = &report["errors"][0];
    assert_eq!(error["line"], line_of(&file, "rule =", 0));
    assert_eq!(error["column"], 8, "at the rule's value");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("cannot be accepted"),
        "{error:#}"
    );
}

#[test]
fn missing_or_empty_fields_are_input_errors_at_the_table() {
    let file = path("invalid/missing-fields.toml");
    let (code, report) = check_json(&[&file]);
    assert_eq!(code, 2, "{report:#}");
    let messages: Vec<(u64, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let table = line_of(&file, "[[accepted_risk]]", 0);
    assert!(
        messages.contains(&(
            table,
            "missing key `accepted_by` in [[accepted_risk]]".into()
        )),
        "{messages:?}"
    );
    assert!(
        messages.contains(&(table, "missing key `expires` in [[accepted_risk]]".into())),
        "{messages:?}"
    );
    assert!(
        messages.contains(&(
            line_of(&file, "reason =", 0),
            "`reason` must not be empty".into()
        )),
        "{messages:?}"
    );
}

#[test]
fn an_unknown_rule_and_an_invalid_glob_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tenant.toml");
    std::fs::write(
        &file,
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n\n[[accepted_risk]]\n\
         rule = \"nrb/dual-homed-sytem\"\nresource = \"web-[\"\nreason = \"r\"\n\
         accepted_by = \"o\"\naccepted_on = 2026-01-01\nexpires = 2026-02-01\n",
    )
    .unwrap();
    let (code, report) = check_json(&[file.to_str().unwrap()]);
    assert_eq!(code, 2);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{report:#}");
    assert_eq!(errors[0]["line"], 6);
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown rule `nrb/dual-homed-sytem`"),
        "{report:#}"
    );
    assert_eq!(errors[1]["line"], 7, "an invalid glob, at the resource");
}

#[test]
fn an_acceptance_of_a_rule_switched_off_is_not_stale() {
    let (_, report) = check_json(&["--ignore", "nrb/dual-homed-system", &path("covered.toml")]);
    assert!(
        !statuses(&report)
            .iter()
            .any(|(rule, _, _)| rule.starts_with("obligo/")),
        "{report:#}"
    );
}

/// A pack's `pack.toml` can hold its acceptances shorter than the project does, and the
/// finding says whose limit it is.
#[test]
fn a_pack_can_shorten_the_longest_acceptance() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("obligo.toml");
    std::fs::write(&config, "[accepted_risk]\nmax_term = \"600d\"\n").unwrap();
    let manifest = std::fs::read_to_string("policies/nrb/pack.toml").unwrap();
    assert!(
        manifest.trim_end().ends_with("acceptable = true"),
        "{manifest}"
    );
    std::fs::create_dir_all(dir.path().join("policies/nrb")).unwrap();
    std::fs::write(
        dir.path().join("policies/nrb/pack.toml"),
        format!("{manifest}max_term_days = 100\n"),
    )
    .unwrap();
    let (_, report) = check_json(&[
        "--config",
        config.to_str().unwrap(),
        "--policies",
        dir.path().join("policies").to_str().unwrap(),
        &path("accountability.toml"),
    ]);
    let long = finding(&report, "obligo/accepted-risk-too-long");
    let message = long["message"].as_str().unwrap();
    assert!(
        message.contains("longer than the maximum of 100 days set by pack `nrb`"),
        "{message}"
    );
}
