//! `-` reads a tenant from standard input (named by `--stdin-filename`), and `--quiet` prints
//! only problems and findings, as seen from the command line.

#![cfg(test)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const TENANT: &str = include_str!("fixtures/config/dual-homed.toml");

fn obligo(cwd: &Path, stdin: &str, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("obligo")
        .unwrap()
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .args(["check", "--now", "2026-11-21"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_tenant_piped_to_dash_is_checked_under_its_stdin_filename() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // The name finds the config and its override, as the file's own path would.
    std::fs::write(
        dir.path().join("obligo.toml"),
        "[[overrides]]\npaths = [\"tenants/prod/**\"]\n\
         rules.severity.\"nrb/dual-homed-system\" = \"error\"\n",
    )
    .unwrap();
    let output = obligo(
        dir.path(),
        TENANT,
        &[
            "-",
            "--stdin-filename",
            "tenants/prod/acme.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let dual: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "nrb/dual-homed-system")
        .collect();
    assert_eq!(dual.len(), 1, "{json:#}");
    assert_eq!(dual[0]["file"], "tenants/prod/acme.toml");
    assert_eq!(dual[0]["severity"], "error");
    assert_eq!(json["summary"]["files"], 1);

    // Without a name the tenant is `-`, in the working directory: no override applies.
    let output = obligo(dir.path(), TENANT, &["-", "--format", "concise"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains("-:14:34: warning nrb/dual-homed-system:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn stdin_obeys_the_size_limit_and_must_be_a_tenant() {
    let dir = tempfile::tempdir().unwrap();
    let output = obligo(
        dir.path(),
        TENANT,
        &["-", "--max-file-size", "100", "--format", "concise"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).starts_with("-:1:1: error obligo::input::too-large:"),
        "{}",
        stdout(&output)
    );
    let output = obligo(dir.path(), "[x]\n", &["-", "--format", "concise"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("obligo::input::not-a-tenant"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn stdin_and_files_are_checked_together() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("other.toml"),
        TENANT.replace("\"t\"", "\"other\""),
    )
    .unwrap();
    let output = obligo(dir.path(), TENANT, &["other.toml", "-", "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["tenants"], 2, "{json:#}");
}

#[test]
fn a_stdin_filename_without_dash_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = obligo(dir.path(), "", &[".", "--stdin-filename", "t.toml"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("obligo::usage::stdin-filename"), "{stderr}");
}

#[test]
fn quiet_human_output_has_no_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let loud = obligo(dir.path(), TENANT, &["-"]);
    let quiet = obligo(dir.path(), TENANT, &["-", "-q"]);
    assert_eq!(loud.status.code(), quiet.status.code());
    let (loud, quiet) = (stdout(&loud), stdout(&quiet));
    assert!(loud.contains(" in 1 tenant (1 file)"), "{loud}");
    assert!(!quiet.contains(" in 1 tenant"), "{quiet}");
    assert!(
        quiet.contains("system `web-01` is attached to 2 network segments"),
        "{quiet}"
    );
    assert!(
        loud.starts_with(&quiet),
        "quiet output is the loud one without its summary"
    );

    // Nothing to report: nothing printed.
    let clean = TENANT.replace("{ segment = \"b\" }", "{ segment = \"a\" }");
    let output = obligo(
        dir.path(),
        &clean,
        &["-", "--quiet", "--select", "nrb/dual-homed-system"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");

    // Machine formats are unchanged by --quiet.
    let json = |extra: &[&str]| {
        let mut args = vec!["-", "--format", "json"];
        args.extend_from_slice(extra);
        stdout(&obligo(dir.path(), TENANT, &args))
    };
    assert_eq!(json(&[]), json(&["-q"]));
}

#[test]
fn quiet_and_verbose_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let output = obligo(dir.path(), "", &["-q", "-v", "."]);
    assert_eq!(output.status.code(), Some(2));
}
