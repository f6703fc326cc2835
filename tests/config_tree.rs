//! Configuration that follows the tree: the nearest `obligo.toml` of each file, `--config`
//! for every file, `[[overrides]]` per path and `--show-settings`, as seen from the command
//! line.

#![cfg(test)]

use std::path::Path;

use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `check_in` of the shared helpers is used here"
)]
mod common;

const TENANT: &str = include_str!("fixtures/config/dual-homed.toml");

/// Writes the files (a name ending in `.toml` under `tenants` or named `t*.toml` gets the
/// tenant text with its own id), in a directory that is a repository root.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn tenant(id: &str) -> String {
    TENANT.replace("id = \"t\"", &format!("id = \"{id}\""))
}

fn obligo(cwd: &Path, args: &[&str]) -> std::process::Output {
    common::check_in(cwd, args)
}

fn json(cwd: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = obligo(cwd, &all);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&output.stderr));
    });
    (output.status.code().unwrap(), json)
}

/// The severity of `nrb/dual-homed-system` for each tenant, by tenant id.
fn dual_homed(json: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "nrb/dual-homed-system")
        .map(|f| {
            (
                f["tenant"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

const TO_ERROR: &str = "[rules.severity]\n\"nrb/dual-homed-system\" = \"error\"\n";
const TO_INFO: &str = "[rules.severity]\n\"nrb/dual-homed-system\" = \"info\"\n";

#[test]
fn the_config_above_is_found_from_a_subdirectory() {
    let dir = tree(&[
        ("obligo.toml", TO_ERROR),
        ("tenants/eu/t.toml", &tenant("t")),
    ]);
    // Run inside the subdirectory: the config is two levels up.
    let (code, out) = json(&dir.path().join("tenants/eu"), &["t.toml"]);
    assert_eq!(code, 1, "{out:#}");
    assert_eq!(dual_homed(&out), [("t".into(), "error".into())]);
    // And from the top, naming the file below.
    let (code, out) = json(dir.path(), &["tenants"]);
    assert_eq!(code, 1, "{out:#}");
    assert_eq!(dual_homed(&out), [("t".into(), "error".into())]);
}

#[test]
fn the_nearest_config_wins_and_does_not_inherit() {
    let dir = tree(&[
        (
            "obligo.toml",
            &format!("{TO_ERROR}[params]\ndpa_password_min_length = 14\n"),
        ),
        ("tenants/a.toml", &tenant("a")),
        ("tenants/legacy/obligo.toml", TO_INFO),
        ("tenants/legacy/b.toml", &tenant("b")),
    ]);
    let (_, out) = json(dir.path(), &["tenants"]);
    assert_eq!(
        dual_homed(&out),
        [("a".into(), "error".into()), ("b".into(), "info".into())]
    );
    let shown = obligo(dir.path(), &["--show-settings", "tenants"]);
    let text = String::from_utf8(shown.stdout).unwrap();
    // The nested config does not inherit the parameter of the one above.
    let legacy = &text[text.find("tenants/legacy/b.toml").unwrap()..];
    assert!(
        legacy.contains("config file     tenants/legacy/obligo.toml"),
        "{text}"
    );
    assert!(legacy.contains("dpa_password_min_length = 12\n"), "{text}");
}

#[test]
fn a_config_named_on_the_command_line_governs_every_file() {
    let dir = tree(&[
        ("obligo.toml", TO_ERROR),
        ("ci/strict.toml", TO_INFO),
        ("tenants/a.toml", &tenant("a")),
        ("tenants/legacy/obligo.toml", TO_ERROR),
        ("tenants/legacy/b.toml", &tenant("b")),
    ]);
    let (code, out) = json(dir.path(), &["--config", "ci/strict.toml", "tenants"]);
    assert_eq!(code, 0, "{out:#}");
    assert_eq!(
        dual_homed(&out),
        [("a".into(), "info".into()), ("b".into(), "info".into())]
    );
}

#[test]
fn overrides_apply_per_path_and_the_later_wins() {
    let config = r#"
[rules.severity]
"nrb/dual-homed-system" = "info"

[[overrides]]
paths = ["tenants/prod/**"]
rules.severity."nrb/dual-homed-system" = "error"
evidence = "hide"

[[overrides]]
paths = ["tenants/prod/legacy"]
rules.disable = ["nrb/dual-homed-system"]
"#;
    let dir = tree(&[
        ("obligo.toml", config),
        ("tenants/staging/s.toml", &tenant("s")),
        ("tenants/prod/p.toml", &tenant("p")),
        ("tenants/prod/legacy/l.toml", &tenant("l")),
    ]);
    let (code, out) = json(dir.path(), &["tenants"]);
    assert_eq!(code, 1, "{out:#}");
    assert_eq!(
        dual_homed(&out),
        [("p".into(), "error".into()), ("s".into(), "info".into())]
    );
    // Evidence findings are hidden for the production tenants only.
    let evidence_of = |id: &str| {
        out["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["tenant"] == id && f["kind"] == "evidence")
    };
    assert!(evidence_of("s"), "{out:#}");
    assert!(!evidence_of("p") && !evidence_of("l"), "{out:#}");
}

#[test]
fn show_settings_prints_each_file_without_checking() {
    let config = r#"evidence = "fail"

[rules]
disable = ["smartlockr", "nrb/public-cloud-resource"]

[params]
dpa_password_min_length = 10

[[overrides]]
paths = ["tenants/prod/**"]
rules.enable = ["smartlockr/notice-mailbox"]
rules.severity."nrb/dual-homed-system" = "error"
params.dpa_password_min_length = 14
accepted_risk.warn_within = "14d"
"#;
    let dir = tree(&[
        ("obligo.toml", config),
        ("tenants/staging/s.toml", &tenant("s")),
        ("tenants/prod/p.toml", &tenant("p")),
        // An evidence file is not a tenant file: no settings are shown for it.
        (
            "tenants/prod/provider.toml",
            "[[sub_processor]]\nid = \"x\"\n",
        ),
    ]);
    let output = obligo(dir.path(), &["--show-settings", "tenants"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn a_bad_override_is_an_error_in_the_config_file_reported_once() {
    let config = "[[overrides]]\npaths = [\"tenants/**\"]\nformat = \"json\"\n\
        rules.disable = [\"nrb/dual-homed-sytem\"]\n";
    let dir = tree(&[
        ("obligo.toml", config),
        ("tenants/a.toml", &tenant("a")),
        ("tenants/b.toml", &tenant("b")),
    ]);
    let (code, out) = json(dir.path(), &["tenants"]);
    assert_eq!(code, 2, "{out:#}");
    let errors: Vec<(String, u64, u64, String)> = out["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_owned(),
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [(
            "obligo.toml".to_owned(),
            3,
            1,
            "obligo::config::run-option".to_owned()
        )],
        "{out:#}"
    );
    assert!(out["findings"].as_array().unwrap().is_empty());
    // Rule ids are checked once the shape is right; --show-settings reports the same way.
    std::fs::write(
        dir.path().join("obligo.toml"),
        config.replace("format = \"json\"\n", ""),
    )
    .unwrap();
    let output = obligo(dir.path(), &["--show-settings", "tenants"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("obligo::input::unknown-value"), "{stderr}");
    assert!(stderr.contains("obligo.toml:3:18"), "{stderr}");
    assert_eq!(
        stderr
            .matches("unknown rule `nrb/dual-homed-sytem`")
            .count(),
        1,
        "{stderr}"
    );
}
