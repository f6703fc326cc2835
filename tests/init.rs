//! `obligo init`: the starter tenant and `obligo.toml` for the packs named load without input
//! errors, and a custom pack's skeleton passes `obligo validate` and `obligo test` as written.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

#[allow(
    dead_code,
    reason = "only `obligo_in` of the shared helpers is used here"
)]
mod common;

/// Runs obligo in `dir`; exit code, stdout and stderr.
fn obligo(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::obligo_in(dir, args.iter().copied())
}

/// `obligo check --format json` in `dir`: exit code and the report's errors.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>, serde_json::Value) {
    let (code, stdout, stderr) = obligo(
        dir,
        &[&["check", "--now", "2026-11-21", "--format", "json"], args].concat(),
    );
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    let errors = report["errors"].as_array().cloned().unwrap_or_default();
    (code, errors, report)
}

#[test]
fn a_starter_tenant_loads_for_each_pack_and_for_all_together() {
    let packs = ["nrb", "dpa", "nmbrs", "norisk", "smartlockr"];
    let all = packs.join(",");
    for packs in packs.iter().copied().chain([all.as_str()]) {
        let dir = tempfile::tempdir().unwrap();
        let (code, stdout, stderr) = obligo(dir.path(), &["init", "--packs", packs]);
        assert_eq!(code, 0, "{packs}: {stderr}");
        assert!(stdout.contains("wrote ./tenant.toml"), "{stdout}");
        assert!(stdout.contains("wrote ./obligo.toml"), "{stdout}");
        let tenant = std::fs::read_to_string(dir.path().join("tenant.toml")).unwrap();
        for pack in packs.split(',') {
            let header = format!("# Starter facts for pack `{pack}`");
            assert!(tenant.contains(&header), "{packs}: no facts of `{pack}`");
        }
        // The tenant and its obligo.toml (found beside it) load; findings are fine, input
        // errors are not.
        let (code, errors, report) = check(dir.path(), &["tenant.toml"]);
        assert!(errors.is_empty(), "{packs}: {errors:#?}");
        assert_ne!(code, 2, "{packs}");
        assert_eq!(report["summary"]["tenants"], 1, "{packs}");
        let contracts = packs
            .split(',')
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            tenant.contains(&format!("contracts = [{contracts}]")),
            "{tenant}"
        );
    }
}

#[test]
fn init_does_not_overwrite_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("obligo.toml"), "# mine\n").unwrap();
    let (code, _, stderr) = obligo(dir.path(), &["init", "--packs", "nrb"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("obligo::usage::exists"), "{stderr}");
    assert!(
        !dir.path().join("tenant.toml").exists(),
        "nothing is written"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("obligo.toml")).unwrap(),
        "# mine\n"
    );
    let (code, _, stderr) = obligo(dir.path(), &["init", "--packs", "nrb", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("tenant.toml").exists());
}

#[test]
fn wrong_pack_names_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, code, text) in [
        (
            &["init", "--packs", "nbr"][..],
            "obligo::usage::unknown-pack",
            "did you mean `nrb`?",
        ),
        (
            &["init", "--pack", "Acme_Sec"][..],
            "obligo::usage::pack-name",
            "not a valid pack id",
        ),
        (
            &["init", "--pack", "dpa"][..],
            "obligo::usage::pack-name",
            "already has",
        ),
        (&["init"][..], "obligo::usage::arguments", "--packs"),
    ] {
        let (exit, _, stderr) = obligo(dir.path(), args);
        assert_eq!(exit, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains(code) && stderr.contains(text),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The skeleton pack validates, its cases pass, and a tenant started for it (with a built-in
/// pack) loads and shows the skeleton rule at work.
#[test]
fn a_skeleton_pack_validates_and_its_cases_pass() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (code, stdout, stderr) = obligo(root, &["init", "--pack", "acme-sec"]);
    assert_eq!(code, 0, "{stderr}");
    for path in [
        "policies/acme-sec/pack.toml",
        "policies/acme-sec/personal-data-without-anti-malware.cedar",
        "policies/acme-sec/starter.toml",
        "tests/rules/acme-sec/personal-data-without-anti-malware/pass.toml",
        "tests/rules/acme-sec/personal-data-without-anti-malware/fail.toml",
    ] {
        assert!(root.join(path).is_file(), "{path} not written:\n{stdout}");
    }

    let (code, stdout, stderr) = obligo(root, &["validate", "--policies", "policies"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("in 6 packs"), "{stdout}");

    let (code, stdout, stderr) = obligo(
        root,
        &[
            "test",
            "tests/rules",
            "--policies",
            "policies",
            "--coverage",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("\n0 of 1 rules of pack acme-sec have no fail case\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n2 passed, 0 failed\n"), "{stdout}");

    let (code, _, stderr) = obligo(
        root,
        &[
            "init",
            "tenants",
            "--packs",
            "acme-sec,nrb",
            "--policies",
            "policies",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, errors, report) = check(root, &["--policies", "policies", "tenants/tenant.toml"]);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_ne!(code, 2);
    // The starter is compliant with the skeleton rule; breaking it makes the rule fire.
    let rule = "acme-sec/personal-data-without-anti-malware";
    let fired = |report: &serde_json::Value| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == rule)
    };
    assert!(!fired(&report), "{report:#}");
    let tenant = std::fs::read_to_string(root.join("tenants/tenant.toml")).unwrap();
    let broken = tenant.replacen("anti_malware = true", "anti_malware = false", 1);
    assert_ne!(broken, tenant);
    std::fs::write(root.join("tenants/tenant.toml"), broken).unwrap();
    let (_, errors, report) = check(root, &["--policies", "policies", "tenants/tenant.toml"]);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(fired(&report), "{report:#}");
}
