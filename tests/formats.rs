//! JSON and YAML tenant files, as seen from the command line: found by the walk when they have a
//! top-level `tenant` mapping (others are passed over and listed by `-v`), read when named,
//! several YAML documents as several tenants, dates as strings, findings located in them.

#![cfg(test)]

use std::path::Path;

use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `check_in` of the shared helpers is used here"
)]
mod common;

fn obligo(cwd: &Path, args: &[&str]) -> std::process::Output {
    common::check_in(cwd, args)
}

fn report(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

const YAML_TENANTS: &str = "\
# two tenants in one stream
tenant:
  id: yaml-one
  contracts: [nrb]
segment:
  - {id: dmz, zone: dmz}
  - {id: app, zone: internal}
system:
  - id: app-01
    hosting: &nrb {provider: nrb, country: BE}
  - id: web-01
    hosting: *nrb
    interfaces:
      - {segment: dmz, address: 10.0.1.5}
      - {segment: app, address: 10.0.2.5}
---
tenant:
  id: yaml-two
  contracts: [dpa]
credential:
  - id: svc
    kind: service-account
    owner: ops
    enabled: true
    created: 2024-02-01
    last_used: \"2025-01-10T08:00:00Z\"
";

const JSON_TENANT: &str = r#"{
  "tenant": {"id": "json-one", "contracts": ["dpa"]},
  "credential": [
    {"id": "svc", "kind": "service-account", "owner": "ops", "enabled": true,
     "created": "2024-02-01",
     "last_used": "2025-01-10"}
  ]
}
"#;

fn tenants_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tenants.yaml"), YAML_TENANTS).unwrap();
    std::fs::write(dir.path().join("one.json"), JSON_TENANT).unwrap();
    std::fs::write(dir.path().join("package.json"), "{\"name\": \"web\"}\n").unwrap();
    std::fs::write(
        dir.path().join("compose.yml"),
        "services: {web: {image: x}}\n",
    )
    .unwrap();
    // A template that is not YAML at all, and has no tenant: not this tool's file.
    std::fs::write(dir.path().join("chart.yaml"), "a: {{ .Values.x }\n").unwrap();
    dir
}

#[test]
fn the_walk_reads_json_and_yaml_tenants_and_lists_the_rest() {
    let dir = tenants_dir();
    let output = obligo(dir.path(), &["--format", "json", "."]);
    assert_eq!(output.status.code(), Some(1));
    let report = report(&output);
    assert_eq!(report["summary"]["tenants"], 3);
    assert_eq!(report["summary"]["files"], 2);
    let mut found: Vec<(String, String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "violation")
        .map(|f| {
            (
                f["tenant"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "json-one".into(),
                "dpa/inactive-credential".into(),
                "one.json".into(),
                6
            ),
            (
                "yaml-one".into(),
                "nrb/dual-homed-system".into(),
                "tenants.yaml".into(),
                15
            ),
            (
                "yaml-two".into(),
                "dpa/inactive-credential".into(),
                "tenants.yaml".into(),
                26
            ),
        ]
    );

    let verbose = obligo(dir.path(), &["-v", "."]);
    let stderr = String::from_utf8(verbose.stderr).unwrap();
    for skipped in ["package.json", "compose.yml", "chart.yaml"] {
        assert!(
            stderr.contains(&format!(
                "skipped ./{skipped}: not a tenant file: there is no top-level `tenant` mapping"
            )),
            "{skipped}: {stderr}"
        );
    }
}

#[test]
fn a_json_or_yaml_file_named_is_always_read() {
    let dir = tenants_dir();
    let output = obligo(dir.path(), &["--format", "json", "package.json"]);
    assert_eq!(output.status.code(), Some(2));
    let error = &report(&output)["errors"][0];
    assert_eq!(error["code"], "obligo::input::not-a-tenant");
    // The message names what a JSON file lacks, not the TOML `[tenant]` table.
    assert_eq!(
        error["message"],
        "`package.json`: not a tenant file: there is no top-level `tenant` mapping"
    );
    let output = obligo(dir.path(), &["--format", "json", "chart.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        report(&output)["errors"][0]["code"],
        "obligo::input::yaml-syntax"
    );
}

#[test]
fn a_document_without_a_tenant_among_tenants_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = "tenant: {id: a, contracts: [nrb]}\n---\nnotes: [x]\n";
    std::fs::write(dir.path().join("t.yaml"), text).unwrap();
    let output = obligo(dir.path(), &["--format", "json", "t.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let report = report(&output);
    assert_eq!(report["errors"][0]["code"], "obligo::input::not-a-tenant");
    // The document starts at its `---`.
    assert_eq!(report["errors"][0]["line"], 2);
    assert_eq!(report["summary"]["tenants"], 1);
}
