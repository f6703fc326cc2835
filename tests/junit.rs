//! `--format junit` against the JSON report of the same run: one case per rule and tenant
//! (passing rules included), unique names, failures exactly where a finding fails the run under
//! `--fail-on` and `--evidence`, everything else in the case's `system-out`, and `time` set.
//! The report is read back with quick-junit's own parser.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};

use assert_cmd::Command;
use quick_junit::{NonSuccessKind, Report, TestCaseStatus};
use serde_json::Value;

const NOW: &str = "2026-11-21";

/// stdout and exit code of `obligo check examples --now NOW <args>`.
fn check(args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("obligo")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "examples", "--now", NOW])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

fn junit(args: &[&str]) -> (Report, i32) {
    let (xml, code) = check(&[&["--format", "junit"], args].concat());
    (Report::deserialize_from_str(&xml).unwrap(), code)
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&check(&[&["--format", "json"], args].concat()).0).unwrap()
}

/// The rule ids of each pack, from `obligo rules --format json`.
fn rules_by_pack() -> BTreeMap<String, BTreeSet<String>> {
    let output = Command::cargo_bin("obligo")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut packs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for rule in rules.as_array().unwrap() {
        packs
            .entry(rule["pack"].as_str().unwrap().to_owned())
            .or_default()
            .insert(rule["id"].as_str().unwrap().to_owned());
    }
    packs
}

/// (tenant, rule) of every case, with whether it fails.
fn cases(report: &Report) -> BTreeMap<(String, String), bool> {
    let mut cases = BTreeMap::new();
    for suite in &report.test_suites {
        for case in &suite.test_cases {
            let classname = case.classname.as_ref().unwrap().to_string();
            assert_eq!(classname, suite.name.as_str(), "classname is the tenant");
            let fails = matches!(
                case.status,
                TestCaseStatus::NonSuccess {
                    kind: NonSuccessKind::Failure,
                    ..
                }
            );
            let key = (classname, case.name.to_string());
            assert!(cases.insert(key.clone(), fails).is_none(), "{key:?} twice");
        }
    }
    cases
}

/// (tenant, rule) of the findings that fail the run, by the rules of docs/outputs.md.
fn failing(json: &Value, threshold: &[&str], evidence_fails: bool) -> BTreeSet<(String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["status"] == "open"
                && (f["kind"] == "violation" || evidence_fails)
                && threshold.contains(&f["severity"].as_str().unwrap())
        })
        .map(key)
        .collect()
}

fn key(finding: &Value) -> (String, String) {
    (
        finding["tenant"].as_str().unwrap().to_owned(),
        finding["rule"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn one_case_per_rule_and_tenant_passing_rules_included() {
    let (report, _) = junit(&[]);
    let json = json(&[]);
    let cases = cases(&report);
    let packs = rules_by_pack();
    let tenants = json["summary"]["tenants"].as_u64().unwrap() as usize;
    assert!(tenants >= 2);
    assert_eq!(report.test_suites.len(), tenants, "one suite per tenant");
    for suite in &report.test_suites {
        let tenant = suite.name.as_str();
        let file = suite.extra.get("file").unwrap().to_string();
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file))
                .unwrap();
        let contracts: toml::Table = toml::from_str(&text).unwrap();
        let expected: BTreeSet<String> = contracts["tenant"]["contracts"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|pack| packs[pack.as_str().unwrap()].iter().cloned())
            .collect();
        let got: BTreeSet<String> = suite
            .test_cases
            .iter()
            .map(|c| c.name.to_string())
            .collect();
        assert_eq!(got, expected, "{tenant}: every rule of its packs, once");
        assert_eq!(suite.tests, suite.test_cases.len());
        assert!(suite.time.is_some() && suite.test_cases.iter().all(|c| c.time.is_some()));
    }
    // Several findings of one rule for one tenant are one case.
    let findings = json["findings"].as_array().unwrap();
    let mut per_case: BTreeMap<(String, String), usize> = BTreeMap::new();
    for finding in findings {
        *per_case.entry(key(finding)).or_default() += 1;
        assert!(cases.contains_key(&key(finding)), "{finding}");
    }
    assert!(
        per_case.values().any(|&n| n > 1),
        "a rule with several findings"
    );
    // One rule in several tenants: the same name, told apart by the suite and classname.
    let names: Vec<&String> = cases.keys().map(|(_, rule)| rule).collect();
    assert!(names.len() > names.iter().collect::<BTreeSet<_>>().len());
}

#[test]
fn only_findings_that_fail_the_run_are_failures() {
    let all = ["error", "warning", "info"];
    for (args, threshold, evidence) in [
        (&[][..], &all[..1], false),
        (&["--fail-on", "warning"][..], &all[..2], false),
        (
            &["--fail-on", "info", "--evidence", "fail"][..],
            &all[..],
            true,
        ),
        (
            &["--fail-on", "never", "--evidence", "fail"][..],
            &[][..],
            true,
        ),
    ] {
        let (report, code) = junit(args);
        let json = json(args);
        let expected = failing(&json, threshold, evidence);
        let failures: BTreeSet<(String, String)> = cases(&report)
            .into_iter()
            .filter(|(_, fails)| *fails)
            .map(|(key, _)| key)
            .collect();
        assert_eq!(failures, expected, "{args:?}");
        assert_eq!(report.failures, expected.len(), "{args:?}");
        assert_eq!(
            code,
            i32::from(!expected.is_empty()),
            "{args:?}: the exit code agrees"
        );
        assert_eq!(report.skipped, 0);

        // Every other finding is written to its case's system-out.
        for finding in json["findings"].as_array().unwrap() {
            let (tenant, rule) = key(finding);
            let suite = report
                .test_suites
                .iter()
                .find(|s| s.name.as_str() == tenant)
                .unwrap();
            let case = suite
                .test_cases
                .iter()
                .find(|c| c.name.as_str() == rule)
                .unwrap();
            let message = finding["message"].as_str().unwrap();
            let in_out = case
                .system_out
                .as_ref()
                .is_some_and(|out| out.contains(message));
            let in_failure = match &case.status {
                TestCaseStatus::NonSuccess { description, .. } => {
                    description.as_ref().is_some_and(|d| d.contains(message))
                }
                _ => false,
            };
            let fails = expected.contains(&(tenant.clone(), rule.clone()))
                && finding["status"] == "open"
                && (finding["kind"] == "violation" || evidence)
                && threshold.contains(&finding["severity"].as_str().unwrap());
            assert_eq!((in_failure, in_out), (fails, !fails), "{args:?} {finding}");
        }
    }
}

#[test]
fn the_report_has_no_timestamp_and_zero_times() {
    let (xml, _) = check(&["--format", "junit"]);
    assert!(!xml.contains("timestamp="), "{xml}");
    let (report, _) = junit(&[]);
    assert_eq!(report.time, Some(std::time::Duration::ZERO));
}
