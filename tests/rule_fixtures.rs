//! The rule fixtures, `tests/fixtures/rules/<pack>/<rule-name>/{pass,fail}*.toml`: every
//! fixture gives exactly the findings its `# expect:` comments mark, as `obligo test` checks
//! them (the runner is `obligo::rule_tests`; the convention is documented in
//! `tests/fixtures/rules/README.md`). A new rule needs only its directory, never a change here.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::rule_tests::{self, Case, Kind, markers};
use obligo::rules::RuleSet;
use obligo::rules::scope::AppliesTo;

/// Relative to the crate root, which is the working directory of integration tests, so that
/// fixture names in messages are short and stable.
const ROOT: &str = "tests/fixtures/rules";

fn collect(root: &Path) -> (Vec<Case>, Vec<String>) {
    rule_tests::collect(root)
}

fn checker() -> (Checker, BTreeSet<String>) {
    let rules = RuleSet::load(None).expect("the built-in rules load");
    let ids = rules.rules.iter().map(|r| r.id.clone()).collect();
    let refdata = ReferenceData::embedded().expect("reference data loads");
    let checker = Checker::new(&rules, refdata).expect("the checker is built");
    (checker, ids)
}

/// Exactly what a user runs: `obligo test tests/fixtures/rules --coverage`.
#[test]
fn every_fixture_gives_exactly_the_expected_findings() {
    let out = cargo_bin_cmd!("obligo")
        .args(["test", ROOT, "--coverage"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "fixtures failed (see tests/fixtures/rules/README.md):\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains(" failed\n") && stdout.ends_with(" passed, 0 failed\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n0 of "),
        "rules without a fail case:\n{stdout}"
    );
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    let (_, rules) = checker();
    let (fixtures, _) = collect(Path::new(ROOT));
    let has = |rule: &str, kind: Kind| fixtures.iter().any(|f| f.rule == rule && f.kind == kind);
    let mut missing = Vec::new();
    for rule in &rules {
        for (kind, name) in [(Kind::Pass, "pass"), (Kind::Fail, "fail")] {
            if !has(rule, kind) {
                missing.push(format!("{ROOT}/{rule}/{name}.toml"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules without pass and fail fixtures; add:\n  {}",
        missing.join("\n  ")
    );
}

/// Every evidence case (`@kind("evidence")`) of every rule fires in at least one fail fixture of
/// that rule, so that a rule split into violation and evidence cases shows both branches firing
/// (the exact findings are checked by `every_fixture_gives_exactly_the_expected_findings`).
#[test]
fn every_evidence_case_fires_in_a_fail_fixture() {
    let (checker, _) = checker();
    let rules = RuleSet::load(None).expect("the built-in rules load");
    let (fixtures, _) = collect(Path::new(ROOT));
    let mut fired: BTreeSet<(String, usize)> = BTreeSet::new();
    for fixture in fixtures.iter().filter(|f| f.kind == Kind::Fail) {
        let text = std::fs::read_to_string(&fixture.path).expect("the fixture is readable");
        let now = markers::read(&text)
            .ok()
            .and_then(|m| m.now)
            .unwrap_or(rule_tests::DEFAULT_NOW);
        let report = checker.check(&CheckOptions {
            paths: vec![fixture.path.clone()],
            now,
        });
        for finding in report.findings.iter().filter(|f| f.rule.id == fixture.rule) {
            fired.insert((finding.rule.id.clone(), finding.case));
        }
    }
    let mut missing = Vec::new();
    for rule in &rules.rules {
        for (index, part) in rule.parts.iter().enumerate() {
            if part.kind == obligo::finding::Kind::Evidence
                && !fired.contains(&(rule.id.clone(), index))
            {
                missing.push(format!("{}#{index}", rule.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "evidence cases that no fail fixture of their rule makes fire; add a fixture for:\n  {}",
        missing.join("\n  ")
    );
}

/// The policies follow the rule's `@applies_to` and fail closed: a part that judges resources
/// someone runs must test who runs them, and only a declared operator may take a resource out
/// (see docs/writing-rules.md, "Whom a rule binds").
#[test]
fn every_rule_scopes_its_resources_as_its_annotations_say() {
    let rules = RuleSet::load(None).expect("the built-in rules load");
    // Each lets a resource that does not declare the attribute pass (fail open), unless negated:
    // `operator` on every type, and on credentials the `contract` a customer duty is about and
    // the `party` a duty about the provider's staff is about.
    let fail_open = |ty: &str| {
        let mut forms = vec!["resource has operator && resource.operator == \""];
        if ty == "Credential" {
            forms.push("resource has contract && resource.contract == \"");
            forms.push("resource has party && resource.party == \"provider\"");
        }
        forms
    };
    let mut wrong = Vec::new();
    for rule in &rules.rules {
        for (index, part) in rule.parts.iter().enumerate() {
            let text = part.policy.to_string();
            let ty = part.resource_type.trim_start_matches("Obligo::");
            let mut problem =
                |what: &str| wrong.push(format!("{}#{index} ({ty}): {what}", rule.id));
            for form in fail_open(ty) {
                for (at, _) in text.match_indices(form) {
                    if !text[..at].ends_with("!(") {
                        problem(&format!(
                            "`{form}…` lets a resource without it pass (fail open)"
                        ));
                    }
                }
            }
            let tests = |attr: &str| text.contains(&format!("resource.{attr}"));
            match (rule.applies_to, ty) {
                (
                    AppliesTo::ProviderProcessing,
                    "System" | "DataStore" | "Backup" | "Facility" | "Link" | "Transfer",
                ) if !tests("operator") => problem("does not test `operator`"),
                (AppliesTo::ProviderProcessing, "Credential")
                    if !(tests("operator") && tests("contract")) =>
                {
                    problem("does not test `operator` and `contract`");
                }
                (AppliesTo::ProviderProcessing, "SubProcessor") if !tests("contract") => {
                    problem("does not test `contract`");
                }
                (AppliesTo::CustomerComponents, "System" | "DataStore") if !tests("operator") => {
                    problem("does not test `operator`");
                }
                (AppliesTo::OnProviderInfrastructure, _) if !tests("hosting.provider") => {
                    problem("does not test `hosting.provider`");
                }
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "rule parts that do not scope as their `@applies_to` says:\n  {}",
        wrong.join("\n  ")
    );
}
