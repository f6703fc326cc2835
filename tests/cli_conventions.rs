//! The command-line conventions users of ruff, cargo and ripgrep expect: a one-line-per-finding
//! format, colour and width from the environment, shell completions, a man page and a
//! `--version` that names the rules and reference data.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use assert_cmd::cargo::cargo_bin_cmd;

const NOW: &str = "2026-11-21";
const ACME: &str = "tests/fixtures/cli/acme/acme-prod.toml";
const BROKEN: &str = "tests/fixtures/cli/mixed/a-broken.toml";

/// Runs obligo with `args` and `env` (everything else of the environment that affects output
/// removed); returns the exit code and stdout.
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut command = cargo_bin_cmd!("obligo");
    for var in [
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "FORCE_COLOR",
        "COLUMNS",
        "TERM",
    ] {
        command.env_remove(var);
    }
    let output = command
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn concise_prints_one_line_per_finding_and_problem() {
    let (code, stdout) = run(&["check", "--now", NOW, "--format", "concise", ACME], &[]);
    assert_eq!(code, 1);
    let (_, json) = run(&["check", "--now", NOW, "--format", "json", ACME], &[]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{stdout}");
    for (line, finding) in lines.iter().zip(findings) {
        let kind = match finding["kind"].as_str().unwrap() {
            "evidence" => " evidence",
            _ => "",
        };
        let expected = format!(
            "{}:{}:{}: {}{kind} {}: {}",
            finding["file"].as_str().unwrap(),
            finding["line"],
            finding["column"],
            finding["severity"].as_str().unwrap(),
            finding["rule"].as_str().unwrap(),
            finding["message"].as_str().unwrap().replace('\n', " "),
        );
        assert_eq!(*line, expected);
    }

    let (code, stdout) = run(&["check", "--now", NOW, "--format", "concise", BROKEN], &[]);
    assert_eq!(code, 2);
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{BROKEN}:")) && first.contains(": error "),
        "{stdout}"
    );
}

#[test]
fn colour_follows_the_environment() {
    let args = ["check", "--now", NOW, ACME];
    let coloured = |env: &[(&str, &str)]| run(&args, env).1.contains('\u{1b}');
    // Not a terminal: no colour unless forced.
    assert!(!coloured(&[]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")]));
    assert!(coloured(&[("FORCE_COLOR", "1")]));
    assert!(!coloured(&[("FORCE_COLOR", "0")]));
    // NO_COLOR wins over everything but an explicit `--color always`.
    assert!(!coloured(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]));
    let (_, always) = run(
        &["check", "--now", NOW, "--color", "always", ACME],
        &[("NO_COLOR", "1")],
    );
    assert!(always.contains('\u{1b}'));
}

#[test]
fn human_output_wraps_at_columns() {
    let args = ["check", "--now", NOW, ACME];
    let (_, narrow) = run(&args, &[("COLUMNS", "60")]);
    let (_, wide) = run(&args, &[("COLUMNS", "160")]);
    let (_, default) = run(&args, &[]);
    assert!(narrow.lines().count() > wide.lines().count());
    assert_ne!(default, narrow);
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script) = run(&["completions", shell], &[]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            script.contains("check") && script.contains("fail-on"),
            "{shell}"
        );
    }
    let (code, _) = run(&["completions", "tcsh"], &[]);
    assert_eq!(code, 2, "an unknown shell is a usage error");
    let (code, man) = run(&["man"], &[]);
    assert_eq!(code, 0);
    assert!(
        man.contains(".TH obligo 1") && man.contains("check"),
        "{man}"
    );
}

#[test]
fn version_names_the_rules_and_reference_data() {
    let (code, long) = run(&["--version"], &[]);
    assert_eq!(code, 0);
    let rules = cargo_bin_cmd!("obligo")
        .args(["rules"])
        .output()
        .unwrap()
        .stdout;
    let rule_lines = String::from_utf8(rules)
        .unwrap()
        .lines()
        .filter(|l| l.contains('/'))
        .count();
    assert!(
        long.starts_with(&format!("obligo {}\n", env!("CARGO_PKG_VERSION"))),
        "{long}"
    );
    assert!(
        long.contains(&format!("rules: {rule_lines} embedded (")),
        "{long}"
    );
    assert!(long.contains("reference data: checked 20"), "{long}");
    // `-V` stays one line, for scripts.
    let (_, short) = run(&["-V"], &[]);
    assert_eq!(short, format!("obligo {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn json_names_the_date_the_tool_and_the_fingerprints_sarif_uses() {
    let (_, json) = run(&["check", "--now", NOW, "--format", "json", ACME], &[]);
    let (_, sarif) = run(&["check", "--now", NOW, "--format", "sarif", ACME], &[]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(json["now"], NOW);
    assert_eq!(json["tool"]["name"], "obligo");
    assert_eq!(json["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let from_json: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    let from_sarif: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["obligoFingerprint/v2"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(!from_json.is_empty());
    assert_eq!(from_json, from_sarif);
}

/// A later single-valued option replaces an earlier one (the Action passes its own `--fail-on`
/// and `--markdown-limit` before the user's `args`); repeatable ones still add up.
#[test]
fn a_repeated_option_takes_the_last_value() {
    let (code, _) = run(
        &[
            "check",
            "examples/",
            "--fail-on",
            "info",
            "--fail-on",
            "never",
        ],
        &[],
    );
    assert_eq!(code, 0);
    let (code, out) = run(
        &[
            "check",
            "examples/",
            "--format",
            "concise",
            "--fail-on",
            "never",
            "--select",
            "nrb/*",
            "--select",
            "dpa/*",
        ],
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" nrb/") && out.contains(" dpa/"), "{out}");
    assert!(!out.contains(" nmbrs/"), "{out}");
}
