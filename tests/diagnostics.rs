//! Snapshots of the human diagnostic of each core rule, as `obligo check --color never` prints
//! it for the rule's `fail.toml` fixture. The snapshots show in review every change to a
//! rule's message, label, location, help or clause.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use assert_cmd::cargo::cargo_bin_cmd;

/// Runs `obligo check` on the `fail.toml` fixture of `rule` (by relative path, so the file name
/// in the snapshot is stable) and returns its exit code and stdout.
fn render(rule: &str) -> (Option<i32>, String) {
    let path = format!("tests/fixtures/rules/{rule}/fail.toml");
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", "2026-11-21", "--color", "never", &path])
        .output()
        .expect("obligo runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

macro_rules! rule_snapshot {
    ($test:ident, $rule:literal, $exit:literal) => {
        #[test]
        fn $test() {
            let (code, stdout) = render($rule);
            assert_eq!(code, Some($exit), "{stdout}");
            // A violation is drawn under its `rule (title)` heading; an evidence gap is one line
            // of the evidence section.
            assert!(
                stdout.contains(concat!($rule, " ("))
                    || stdout.contains(concat!("    ", $rule, "  ")),
                "{stdout}"
            );
            insta::assert_snapshot!(stringify!($test), stdout);
        }
    };
}

rule_snapshot!(dual_homed_system, "nrb/dual-homed-system", 0);
rule_snapshot!(unsupported_os, "nrb/unsupported-os", 1);
rule_snapshot!(os_support_unverified, "nrb/os-support-unverified", 0);
rule_snapshot!(public_cloud_resource, "nrb/public-cloud-resource", 0);
rule_snapshot!(inactive_credential, "dpa/inactive-credential", 1);
rule_snapshot!(transfer_outside_eea, "dpa/transfer-outside-eea", 1);
