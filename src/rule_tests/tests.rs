//! The runner must be able to fail: these feed it broken cases and check what it reports.

use std::path::Path;

use super::*;
use crate::facts::reference::ReferenceData;

fn checker() -> (Checker, BTreeSet<String>) {
    let rules = RuleSet::load(None).unwrap();
    let ids = rules.rules.iter().map(|r| r.id.clone()).collect();
    let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
    (checker, ids)
}

fn case_in(dir: &Path, name: &str, rule: &str, text: &str) -> Case {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    Case {
        path,
        rule: rule.to_owned(),
        kind: if name.starts_with("pass") {
            Kind::Pass
        } else {
            Kind::Fail
        },
    }
}

const CREDENTIAL: &str = r#"[tenant]
id = "t"
contracts = ["dpa"]

[[credential]]
id = "old"
last_used = 2025-01-01 # expect: dpa/inactive-credential
"#;

/// Runs a case, expecting failure, and returns its errors joined.
fn failing(checker: &Checker, ids: &BTreeSet<String>, case: &Case) -> String {
    run(checker, ids, case)
        .expect_err("the case must fail")
        .join("\n")
}

#[test]
fn a_correct_case_passes() {
    let (checker, ids) = checker();
    let dir = tempfile::tempdir().unwrap();
    let case = case_in(
        dir.path(),
        "fail.toml",
        "dpa/inactive-credential",
        CREDENTIAL,
    );
    assert_eq!(run(&checker, &ids, &case), Ok(()));
}

#[test]
fn a_finding_on_another_line_is_missing_at_one_and_unexpected_at_the_other() {
    let (checker, ids) = checker();
    let dir = tempfile::tempdir().unwrap();
    let text = CREDENTIAL
        .replace(" # expect: dpa/inactive-credential", "")
        .replace(
            "id = \"old\"",
            "id = \"old\" # expect: dpa/inactive-credential",
        );
    let case = case_in(dir.path(), "fail.toml", "dpa/inactive-credential", &text);
    let error = failing(&checker, &ids, &case);
    let path = case.path.display();
    assert!(
        error.contains(&format!(
            "{path}:6: missing 1 × `dpa/inactive-credential` (findings of \
             `dpa/inactive-credential`: line 7)"
        )),
        "{error}"
    );
    assert!(
        error.contains(&format!(
            "{path}:7: unexpected 1 × `dpa/inactive-credential`, no `# expect:` on this line: \
             {path}:7:13: credential `old`"
        )),
        "{error}"
    );
}

#[test]
fn findings_are_counted_as_a_multiset() {
    let (checker, ids) = checker();
    let dir = tempfile::tempdir().unwrap();
    let text = CREDENTIAL.replace(
        "# expect: dpa/inactive-credential",
        "# expect: dpa/inactive-credential, dpa/inactive-credential",
    );
    let case = case_in(dir.path(), "fail.toml", "dpa/inactive-credential", &text);
    let error = failing(&checker, &ids, &case);
    assert!(
        error.contains(":7: missing 1 × `dpa/inactive-credential`"),
        "{error}"
    );
}

#[test]
fn pass_and_fail_names_are_checked_against_the_expectations() {
    let (checker, ids) = checker();
    let dir = tempfile::tempdir().unwrap();
    let pass = case_in(
        dir.path(),
        "pass.toml",
        "dpa/inactive-credential",
        CREDENTIAL,
    );
    assert!(failing(&checker, &ids, &pass).contains("a pass case must not expect"));

    let silent = CREDENTIAL.replace(" # expect: dpa/inactive-credential", "");
    let fail = case_in(dir.path(), "fail.toml", "dpa/inactive-credential", &silent);
    let error = failing(&checker, &ids, &fail);
    assert!(error.contains("a fail case needs at least one"), "{error}");
    assert!(
        error.contains(":7: unexpected 1 × `dpa/inactive-credential`"),
        "{error}"
    );
}

#[test]
fn only_the_rule_under_test_and_the_rules_named_are_compared() {
    let (checker, ids) = checker();
    let dir = tempfile::tempdir().unwrap();
    // The system fires nrb/os-support-unverified (no os) and dpa/transfer-outside-eea (no
    // hosting country) on the same line; only the first is named, so only it counts.
    let text = r#"[tenant]
id = "t"
contracts = ["nrb", "dpa"]

[[system]]
id = "s" # expect: nrb/os-support-unverified
personal_data = true

[[credential]]
id = "c"
last_used = 2026-11-01
"#;
    let pass = case_in(dir.path(), "pass.toml", "dpa/inactive-credential", text);
    assert_eq!(run(&checker, &ids, &pass), Ok(()));

    let standalone = text.replace(
        "id = \"s\" # expect: nrb/os-support-unverified",
        "id = \"s\"\n# expect: nrb/os-support-unverified",
    );
    let pass = case_in(
        dir.path(),
        "pass.toml",
        "dpa/inactive-credential",
        &standalone,
    );
    let error = failing(&checker, &ids, &pass);
    assert!(error.contains("line 7: `# expect:` must trail"), "{error}");
}

#[test]
fn input_errors_and_unknown_rules_are_reported() {
    let (checker, ids) = checker();
    let dir = tempfile::tempdir().unwrap();
    let broken = CREDENTIAL.replace("last_used", "last_usd");
    let case = case_in(dir.path(), "fail.toml", "dpa/inactive-credential", &broken);
    let error = failing(&checker, &ids, &case);
    assert!(error.contains("the case could not be checked"), "{error}");
    assert!(error.contains("did you mean `last_used`?"), "{error}");

    let case = case_in(dir.path(), "fail.toml", "dpa/no-such-rule", CREDENTIAL);
    assert!(failing(&checker, &ids, &case).contains("no rule `dpa/no-such-rule`"));
}
