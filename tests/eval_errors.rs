//! Cedar skips a `forbid` policy that fails to evaluate; obligo must not. A policy that passes
//! validation but errors at run time (here: an integer overflow) is reported at the resource
//! it was evaluated for, and the run exits 2.

#![cfg(test)]

use assert_cmd::Command;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

const OVERFLOWING_RULE: &str = r#"@id("nrb/overflowing")
@severity("error")
@title("overflows")
@binds("customer")
@applies_to("on-provider-infrastructure")
@clause("NRB-Online Services terms §1")
@quote("q")
@summary("s")
@remediation("r")
@location("segment_count")
@message("m")
forbid (principal, action == Obligo::Action::"deploy", resource is Obligo::System)
when { resource.interface_count * 9223372036854775807 > 0 };
"#;

const TENANT: &str = r#"[tenant]
id = "t"
contracts = ["nrb"]

[[segment]]
id = "a"

[[system]]
id = "web-01"
os = { family = "ubuntu", version = "24.04" }
hosting = { provider = "nrb" }
interfaces = [{ segment = "a" }, { segment = "a" }]
"#;

#[test]
fn a_policy_that_fails_to_evaluate_fails_the_run_at_the_resource() {
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies/nrb");
    std::fs::create_dir_all(&policies).unwrap();
    std::fs::write(policies.join("overflowing.cedar"), OVERFLOWING_RULE).unwrap();
    let tenant = dir.path().join("tenant.toml");
    std::fs::write(&tenant, TENANT).unwrap();

    let output = Command::cargo_bin("obligo")
        .unwrap()
        .args([
            "check",
            "--now",
            "2026-11-21",
            "--format",
            "json",
            "--policies",
        ])
        .arg(dir.path().join("policies"))
        .arg(&tenant)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    common::assert_report_schema(&json);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json:#}");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.contains("nrb/overflowing"), "{message}");
    assert!(message.contains("system `web-01`"), "{message}");
    assert_eq!(errors[0]["line"], 9);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "nrb/overflowing")
    );
}
