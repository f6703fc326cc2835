//! `obligo test` on a directory of a custom pack's cases: passing and failing cases, exit
//! codes, the messages that locate a mismatch, and `--coverage`.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

#[allow(
    dead_code,
    reason = "only `obligo_in` of the shared helpers is used here"
)]
mod common;

/// A rule of pack `acme`: a Windows system must declare extended support.
const RULE: &str = r#"@id("acme/windows-extended-support")
@severity("warning")
@title("Windows systems declare extended support")
@binds("customer")
@applies_to("customer-components")
@clause("ACME hosting policy §1")
@quote("Windows-systemen hebben uitgebreide ondersteuning.")
@summary("Every Windows system has extended support.")
@remediation("Buy extended support and declare `extended_support = true`.")
@location("os")
@message("system `{resource}` runs {os.name} without extended support")
forbid (principal, action == Obligo::Action::"deploy", resource is Obligo::System)
when {
  !(resource has operator && resource.operator != "customer") &&
  resource has os && resource.os.family == "windows" && !resource.os.extended_support
};
"#;

/// The manifest of pack `acme`.
const MANIFEST: &str = r#"id = "acme"
title = "ACME hosting policy"
documents = ["ACME hosting policy"]
"#;

const FAIL: &str = r#"# A Windows system without extended support.
[tenant]
id = "acme"
contracts = ["acme"]

[[system]]
id = "win-01"
os = { family = "windows", version = "2022" } # expect: acme/windows-extended-support
"#;

const PASS: &str = r#"# A Linux system: the rule is about Windows only.
[tenant]
id = "acme"
contracts = ["acme"]

[[system]]
id = "lin-01"
os = { family = "debian", version = "12" }
"#;

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A pack directory with the rule and a cases directory with `cases`.
fn project(cases: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "policies/acme/windows-extended-support.cedar",
        RULE,
    );
    write(dir.path(), "policies/acme/pack.toml", MANIFEST);
    for (path, text) in cases {
        write(
            dir.path(),
            &format!("cases/acme/windows-extended-support/{path}"),
            text,
        );
    }
    dir
}

/// `obligo test cases --policies policies [extra]` in `dir`: exit code and stdout.
fn obligo_test(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let args = ["test", "cases", "--policies", "policies"];
    common::obligo_in(dir, args.into_iter().chain(extra.iter().copied()))
}

#[test]
fn passing_cases_exit_zero_and_are_counted() {
    let dir = project(&[("fail.toml", FAIL), ("pass.toml", PASS)]);
    let (code, stdout, stderr) = obligo_test(dir.path(), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "\n2 passed, 0 failed\n");
}

#[test]
fn a_failing_case_names_both_places_and_exits_one() {
    // The marker is on the `id` line, the finding on the `os` line.
    let moved = FAIL
        .replace(" # expect: acme/windows-extended-support", "")
        .replace(
            "id = \"win-01\"",
            "id = \"win-01\" # expect: acme/windows-extended-support",
        );
    let dir = project(&[("fail.toml", &moved), ("pass.toml", PASS)]);
    let (code, stdout, _) = obligo_test(dir.path(), &[]);
    assert_eq!(code, 1, "{stdout}");
    let case = "cases/acme/windows-extended-support/fail.toml";
    assert!(
        stdout.contains(&format!("FAIL {case} (acme/windows-extended-support)")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "  {case}:7: missing 1 × `acme/windows-extended-support` (findings of \
             `acme/windows-extended-support`: line 8)"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "  {case}:8: unexpected 1 × `acme/windows-extended-support`, no `# expect:` on this \
             line: {case}:8:6: system `win-01` runs windows 2022 without extended support"
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n1 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn coverage_lists_rules_without_a_fail_case() {
    let dir = project(&[("pass.toml", PASS)]);
    let (code, stdout, _) = obligo_test(dir.path(), &["--coverage"]);
    assert_eq!(code, 0, "{stdout}");
    // Only the packs with cases count: the built-in rules are not listed.
    assert!(
        stdout.contains(
            "\n1 of 1 rules of pack acme have no fail case:\n  acme/windows-extended-support\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("nrb/"), "{stdout}");
}

#[test]
fn a_badly_named_case_fails_and_no_cases_is_an_error() {
    let dir = project(&[("fail.toml", FAIL), ("windows.toml", PASS)]);
    let (code, stdout, _) = obligo_test(dir.path(), &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("windows.toml: a case is named `pass*.toml` or `fail*.toml`"),
        "{stdout}"
    );

    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = common::obligo_in(empty.path(), ["test", "."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("obligo::usage::no-cases"), "{stderr}");
}
