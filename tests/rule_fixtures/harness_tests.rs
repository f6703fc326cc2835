//! Tests of the fixture harness itself: it must be able to fail, so these feed it broken
//! fixtures and layouts and check what it reports.

use std::path::Path;

use super::*;

fn fixture_in(dir: &Path, name: &str, rule: &str, text: &str) -> Fixture {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("fixture written");
    Fixture {
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

#[test]
fn harness_accepts_a_correct_fixture() {
    let (checker, rules) = checker();
    let dir = tempfile::tempdir().expect("temporary directory");
    let fixture = fixture_in(
        dir.path(),
        "fail.toml",
        "dpa/inactive-credential",
        CREDENTIAL,
    );
    assert_eq!(run(&checker, &rules, &fixture), Ok(()));
}

#[test]
fn harness_reports_a_finding_on_another_line_as_missing_and_unexpected() {
    let (checker, rules) = checker();
    let dir = tempfile::tempdir().expect("temporary directory");
    let text = r#"[tenant]
id = "t"
contracts = ["dpa"]

[[credential]]
id = "old" # expect: dpa/inactive-credential
last_used = 2025-01-01
"#;
    let fixture = fixture_in(dir.path(), "fail.toml", "dpa/inactive-credential", text);
    let error = run(&checker, &rules, &fixture).expect_err("a wrong line is caught");
    assert!(
        error.contains(
            "missing: 1 × `dpa/inactive-credential` at line 6 (findings of `dpa/inactive-credential`: line 7)"
        ),
        "{error}"
    );
    assert!(
        error
            .contains("unexpected: 1 × `dpa/inactive-credential` at line 7: 7:13 credential `old`"),
        "{error}"
    );
}

#[test]
fn harness_counts_findings_as_a_multiset() {
    let (checker, rules) = checker();
    let dir = tempfile::tempdir().expect("temporary directory");
    let text = CREDENTIAL.replace(
        "# expect: dpa/inactive-credential",
        "# expect: dpa/inactive-credential, dpa/inactive-credential",
    );
    let fixture = fixture_in(dir.path(), "fail.toml", "dpa/inactive-credential", &text);
    let error = run(&checker, &rules, &fixture).expect_err("one finding is not two");
    assert!(
        error.contains("missing: 1 × `dpa/inactive-credential` at line 7"),
        "{error}"
    );
}

#[test]
fn harness_checks_pass_and_fail_names_against_expectations() {
    let (checker, rules) = checker();
    let dir = tempfile::tempdir().expect("temporary directory");
    let pass = fixture_in(
        dir.path(),
        "pass.toml",
        "dpa/inactive-credential",
        CREDENTIAL,
    );
    let error = run(&checker, &rules, &pass).expect_err("a pass fixture expecting the rule");
    assert!(error.contains("a pass fixture must not expect"), "{error}");

    let silent = CREDENTIAL.replace(" # expect: dpa/inactive-credential", "");
    let fail = fixture_in(dir.path(), "fail.toml", "dpa/inactive-credential", &silent);
    let error = run(&checker, &rules, &fail).expect_err("a fail fixture expecting nothing");
    assert!(
        error.contains("a fail fixture needs at least one"),
        "{error}"
    );
    assert!(
        error.contains("unexpected: 1 × `dpa/inactive-credential` at line 7"),
        "{error}"
    );
}

#[test]
fn harness_compares_rules_named_in_expectations_and_ignores_others() {
    let (checker, rules) = checker();
    let dir = tempfile::tempdir().expect("temporary directory");
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
    let pass = fixture_in(dir.path(), "pass.toml", "dpa/inactive-credential", text);
    assert_eq!(run(&checker, &rules, &pass), Ok(()));

    let standalone = text.replace(
        "id = \"s\" # expect: nrb/os-support-unverified",
        "id = \"s\"\n# expect: nrb/os-support-unverified",
    );
    let pass = fixture_in(
        dir.path(),
        "pass.toml",
        "dpa/inactive-credential",
        &standalone,
    );
    let error = run(&checker, &rules, &pass).expect_err("a standalone expect");
    assert!(error.contains("line 7: `# expect:` must trail"), "{error}");
}

#[test]
fn harness_reports_input_errors_and_unknown_rules() {
    let (checker, rules) = checker();
    let dir = tempfile::tempdir().expect("temporary directory");
    let broken = CREDENTIAL.replace("last_used", "last_usd");
    let fixture = fixture_in(dir.path(), "fail.toml", "dpa/inactive-credential", &broken);
    let error = run(&checker, &rules, &fixture).expect_err("an input error");
    assert!(
        error.contains("the fixture could not be checked"),
        "{error}"
    );
    assert!(error.contains("did you mean `last_used`?"), "{error}");

    let fixture = fixture_in(dir.path(), "fail.toml", "dpa/no-such-rule", CREDENTIAL);
    let error = run(&checker, &rules, &fixture).expect_err("an unknown rule");
    assert!(error.contains("no rule `dpa/no-such-rule`"), "{error}");
}

#[test]
fn annotations_read_several_ids_and_the_date() {
    let text = "# now: 2026-08-31\na = 1 # expect: x/a, y/b\nb = \"#\" #expect : x/a\n";
    assert_eq!(
        annotations(text),
        Ok(Annotations {
            now: Some(jiff::civil::date(2026, 8, 31)),
            expected: vec![("x/a".into(), 2), ("y/b".into(), 2), ("x/a".into(), 3)],
        })
    );
    assert!(annotations("a = 1 # expect:\n").is_err());
    assert!(annotations("# now: 2026-02-30\n").is_err());
    assert!(annotations("# now: 2026-02-03\n# now: 2026-02-04\n").is_err());
}

#[test]
fn layout_errors_are_reported() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let rule = dir.path().join("dpa/inactive-credential");
    std::fs::create_dir_all(&rule).expect("directories");
    for name in [
        "pass.toml",
        "fail-x.toml",
        "README.md",
        "failing.txt",
        "broken.toml",
    ] {
        std::fs::write(rule.join(name), "").expect("file");
    }
    std::fs::write(dir.path().join("dpa/stray.toml"), "").expect("file");
    let (fixtures, errors) = collect(dir.path());
    let names: Vec<(String, Kind)> = fixtures
        .iter()
        .map(|f| (file_name(&f.path), f.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("fail-x.toml".to_owned(), Kind::Fail),
            ("pass.toml".to_owned(), Kind::Pass)
        ]
    );
    assert!(fixtures.iter().all(|f| f.rule == "dpa/inactive-credential"));
    assert_eq!(errors.len(), 3, "{errors:?}");
}
