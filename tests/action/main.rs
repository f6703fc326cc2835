//! The GitHub Action's shell steps (`scripts/action-run.sh`, called by `action.yml`), run the way
//! a runner runs them: `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `GITHUB_WORKSPACE` and
//! `RUNNER_TEMP` point at temporary files and directories, and the obligo binary under test is
//! the action's `binary` input. GitHub itself cannot run here; `.ci/run` validates `action.yml`
//! and the workflow against their schemas.
//!
//! The fixture `tests/fixtures/action/tenants/` holds one tenant written to show an error
//! (`nrb/unsupported-os`) and a warning (`nrb/dual-homed-system`), and a TOML file that is not a
//! tenant file. New rules may add findings to the tenant, so the tests assert those two findings
//! and compare every count with the run's own JSON report, never with fixed numbers.
// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only);
// the steps are bash scripts, so the tests need a Unix runner.
#![cfg(test)]
#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

mod comment;
mod inputs;
mod install;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/action-run.sh");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/action/tenants");
const OBLIGO: &str = env!("CARGO_BIN_EXE_obligo");
/// Findings depend on the date; the examples and fixtures are written for this one.
const NOW_ARGS: &str = "--now 2026-11-21";

/// A simulated runner: a workspace holding a copy of the fixture under `tenants/`, a runner
/// temp directory, and the files GitHub hands a step for its outputs and the job summary.
struct Runner {
    _dir: TempDir,
    workspace: PathBuf,
    temp: PathBuf,
    output: PathBuf,
    summary: PathBuf,
}

/// What one step did.
struct Step {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Runner {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("workspace");
        let temp = dir.path().join("runner-temp");
        fs::create_dir_all(workspace.join("tenants")).unwrap();
        fs::create_dir_all(&temp).unwrap();
        for entry in fs::read_dir(FIXTURE).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(
                &path,
                workspace.join("tenants").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        let output = dir.path().join("github-output");
        let summary = dir.path().join("step-summary.md");
        fs::write(&output, "").unwrap();
        fs::write(&summary, "").unwrap();
        Runner {
            _dir: dir,
            workspace,
            temp,
            output,
            summary,
        }
    }

    /// Runs `action-run.sh <step>` with the runner's environment and `env` (the step's `env:`).
    /// Nothing of the test's own environment leaks in but `PATH` and `HOME`: under GitHub
    /// Actions, the real `GITHUB_*` variables would otherwise be used.
    fn step(&self, step: &str, env: &[(&str, &str)]) -> Step {
        let mut command = Command::new("bash");
        command
            .arg(SCRIPT)
            .arg(step)
            .env_clear()
            .current_dir(&self.workspace)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
            .env("GITHUB_WORKSPACE", &self.workspace)
            .env("GITHUB_OUTPUT", &self.output)
            .env("GITHUB_STEP_SUMMARY", &self.summary)
            .env("RUNNER_TEMP", &self.temp)
            .env("RUNNER_OS", "Linux");
        for name in ["PATH", "HOME"] {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        command.envs(env.iter().copied());
        let out = command.output().unwrap();
        Step {
            code: out.status.code().unwrap(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// The `check` step with the action's defaults, the obligo under test and `env` on top.
    fn check(&self, env: &[(&str, &str)]) -> Step {
        let mut all = vec![
            ("OBLIGO_BINARY", OBLIGO),
            ("OBLIGO_PATHS", "tenants"),
            ("OBLIGO_FAIL_ON", "error"),
            ("OBLIGO_EVIDENCE", ""),
            ("OBLIGO_POLICIES", ""),
            ("OBLIGO_ARGS", NOW_ARGS),
            ("OBLIGO_SARIF_FILE", "obligo.sarif"),
        ];
        all.extend_from_slice(env);
        self.step("check", &all)
    }

    /// The `gate` step, fed with the check step's outputs as action.yml feeds it.
    fn gate(&self, fail_on: &str) -> Step {
        let outputs = self.outputs();
        let get = |name: &str| outputs.get(name).cloned().unwrap_or_default();
        let (code, errors, warnings, infos, evidence) = (
            get("exit-code"),
            get("errors"),
            get("warnings"),
            get("infos"),
            get("evidence"),
        );
        self.step(
            "gate",
            &[
                ("OBLIGO_EXIT_CODE", &code),
                ("OBLIGO_FAIL_ON", fail_on),
                ("OBLIGO_ERRORS", &errors),
                ("OBLIGO_WARNINGS", &warnings),
                ("OBLIGO_INFOS", &infos),
                ("OBLIGO_EVIDENCE_COUNT", &evidence),
            ],
        )
    }

    /// The step outputs, read as GitHub reads `GITHUB_OUTPUT` (a later value wins).
    fn outputs(&self) -> BTreeMap<String, String> {
        read_outputs(&self.output)
    }

    fn summary(&self) -> String {
        fs::read_to_string(&self.summary).unwrap()
    }
}

fn read_outputs(path: &Path) -> BTreeMap<String, String> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| {
            let (name, value) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("not a `name=value` output: {line:?}"));
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

/// The 1-based line and column where `needle` starts in the fixture tenant.
fn position_in_fixture(needle: &str) -> (usize, usize) {
    let text = fs::read_to_string(Path::new(FIXTURE).join("shop.toml")).unwrap();
    text.lines()
        .enumerate()
        .find_map(|(i, line)| line.find(needle).map(|col| (i + 1, col + 1)))
        .unwrap_or_else(|| panic!("`{needle}` is not in the fixture"))
}

/// Workflow commands that annotate a file.
fn annotations(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|line| {
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|command| line.starts_with(command) && line.contains("file="))
        })
        .collect()
}

/// Counts as the action reports them. Read from its outputs, or counted in the JSON report's
/// `findings` and `errors` lists (the script reads the report's `summary` instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
    evidence: usize,
    findings: usize,
    problems: usize,
}

impl Counts {
    fn from_outputs(outputs: &BTreeMap<String, String>) -> Self {
        let get = |name: &str| -> usize {
            outputs
                .get(name)
                .unwrap_or_else(|| panic!("no `{name}` output: {outputs:#?}"))
                .parse()
                .unwrap_or_else(|e| panic!("output `{name}`: {e}"))
        };
        Counts {
            errors: get("errors"),
            warnings: get("warnings"),
            infos: get("infos"),
            evidence: get("evidence"),
            findings: get("findings"),
            problems: get("problems"),
        }
    }

    fn from_report(report: &serde_json::Value) -> Self {
        let findings = report["findings"].as_array().unwrap();
        let severity = |s: &str| {
            findings
                .iter()
                .filter(|f| f["kind"] == "violation" && f["severity"] == s)
                .count()
        };
        Counts {
            errors: severity("error"),
            warnings: severity("warning"),
            infos: severity("info"),
            evidence: findings.iter().filter(|f| f["kind"] == "evidence").count(),
            findings: findings.len(),
            problems: report["errors"].as_array().unwrap().len(),
        }
    }
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Asserts that `step` exited with `code` and printed `needle` on its standard output.
fn assert_step(step: &Step, code: i32, needle: &str) {
    assert_eq!(step.code, code, "{}", describe(step));
    assert!(
        step.stdout.contains(needle),
        "`{needle}` not printed\n{}",
        describe(step)
    );
}

fn describe(step: &Step) -> String {
    format!(
        "exit code {}\n--- stdout\n{}--- stderr\n{}",
        step.code, step.stdout, step.stderr
    )
}

#[test]
fn check_step_annotates_writes_reports_and_sets_outputs() {
    let runner = Runner::new();
    let step = runner.check(&[]);
    assert_eq!(
        step.code,
        0,
        "the check step itself never fails\n{}",
        describe(&step)
    );

    // Annotations: one per finding, at the finding's primary location.
    let (os_line, os_col) = position_in_fixture(r#"{ family = "windows-server""#);
    let (nic_line, nic_col) = position_in_fixture(r#"{ segment = "app", address = "10.0.2.5" }"#);
    let found = annotations(&step.stdout);
    let report = read_json(&runner.temp.join("obligo/obligo.json"));
    let counts = Counts::from_report(&report);
    assert_eq!(counts.problems, 0, "{report:#}");
    assert_eq!(found.len(), counts.findings, "{}", describe(&step));
    let error = format!("::error file=tenants/shop.toml,line={os_line},col={os_col},");
    let warning = format!("::warning file=tenants/shop.toml,line={nic_line},col={nic_col},");
    assert!(
        found
            .iter()
            .any(|a| a.starts_with(&error) && a.contains("nrb/unsupported-os")),
        "no `{error}…` annotation for nrb/unsupported-os\n{}",
        describe(&step)
    );
    assert!(
        found
            .iter()
            .any(|a| a.starts_with(&warning) && a.contains("nrb/dual-homed-system")),
        "no `{warning}…` annotation for nrb/dual-homed-system\n{}",
        describe(&step)
    );

    // Outputs: the counts of the report, obligo's exit code and absolute report paths.
    let outputs = runner.outputs();
    assert_eq!(Counts::from_outputs(&outputs), counts);
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("1"));
    let sarif = runner.workspace.join("obligo.sarif");
    let json = runner.temp.join("obligo/obligo.json");
    let markdown = runner.temp.join("obligo/obligo.md");
    for (name, path) in [
        ("sarif-file", &sarif),
        ("json-file", &json),
        ("markdown-file", &markdown),
    ] {
        assert_eq!(
            outputs.get(name),
            Some(&path.display().to_string()),
            "{name}"
        );
        assert!(
            fs::metadata(path).unwrap().len() > 0,
            "{} is empty",
            path.display()
        );
    }

    // The reports are those of this run.
    let sarif = read_json(&sarif);
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), counts.findings);
    assert!(results.iter().any(|r| r["ruleId"] == "nrb/unsupported-os"));
    let markdown = fs::read_to_string(&markdown).unwrap();
    assert!(markdown.contains("action-shop"), "{markdown}");

    // The job summary, written by obligo itself in `--format github`.
    let summary = runner.summary();
    for needle in ["action-shop", "nrb/unsupported-os", "nrb/dual-homed-system"] {
        assert!(
            summary.contains(needle),
            "no `{needle}` in the job summary:\n{summary}"
        );
    }
    assert!(
        !summary.contains("before writing a report"),
        "the fallback note was added although obligo wrote the summary:\n{summary}"
    );
}

#[test]
fn gate_fails_the_job_only_for_findings_at_or_above_fail_on() {
    // The fixture has at least one error, so `warning` fails as `error` does.
    for (fail_on, expected) in [("error", 1), ("warning", 1), ("never", 0)] {
        let runner = Runner::new();
        let check = runner.check(&[("OBLIGO_FAIL_ON", fail_on)]);
        assert_eq!(check.code, 0, "{}", describe(&check));
        let expected_code = expected.to_string();
        assert_eq!(
            runner.outputs().get("exit-code"),
            Some(&expected_code),
            "fail-on {fail_on}"
        );
        let gate = runner.gate(fail_on);
        assert_eq!(
            gate.code,
            expected,
            "fail-on {fail_on}\n{}",
            describe(&gate)
        );
        if expected == 0 {
            assert!(!gate.stdout.contains("::error"), "{}", describe(&gate));
        } else {
            assert!(
                gate.stdout.contains(&format!(
                    "::error title=obligo::findings at or above `fail-on: {fail_on}`"
                )),
                "{}",
                describe(&gate)
            );
            let counts = Counts::from_report(&read_json(&runner.temp.join("obligo/obligo.json")));
            let totals = format!(
                "in all {} error(s), {} warning(s), {} info violations; {} evidence gap(s)",
                counts.errors, counts.warnings, counts.infos, counts.evidence
            );
            assert!(
                gate.stdout.contains(&totals),
                "{totals}\n{}",
                describe(&gate)
            );
        }
    }
}

/// A tenant that breaks no duty of its contract but declares none of the paperwork: every
/// finding it gets is an evidence finding (all of them warnings in the `nrb` pack).
const EVIDENCE_ONLY: &str = r#"[tenant]
id = "paperwork-missing"
contracts = ["nrb"]

[[system]]
id = "app-01"
os = { family = "ubuntu", version = "24.04" }
hosting = { provider = "nrb", country = "BE" }
"#;

#[test]
fn the_evidence_input_reports_fails_or_hides_evidence_gaps() {
    for (mode, expected_exit, shown) in [
        ("", 0, true),
        ("report", 0, true),
        ("fail", 1, true),
        ("hide", 0, false),
    ] {
        let runner = Runner::new();
        fs::create_dir_all(runner.workspace.join("gaps")).unwrap();
        fs::write(runner.workspace.join("gaps/paperwork.toml"), EVIDENCE_ONLY).unwrap();
        let check = runner.check(&[
            ("OBLIGO_PATHS", "gaps"),
            ("OBLIGO_FAIL_ON", "warning"),
            ("OBLIGO_EVIDENCE", mode),
        ]);
        assert_eq!(check.code, 0, "{}", describe(&check));
        let outputs = runner.outputs();
        let counts = Counts::from_outputs(&outputs);
        assert_eq!(
            Counts::from_report(&read_json(&runner.temp.join("obligo/obligo.json"))),
            counts,
            "evidence `{mode}`"
        );
        assert_eq!(
            counts.errors + counts.warnings + counts.infos,
            0,
            "{counts:?}"
        );
        assert_eq!(counts.evidence > 0, shown, "evidence `{mode}`: {counts:?}");
        let expected_code = expected_exit.to_string();
        assert_eq!(
            outputs.get("exit-code"),
            Some(&expected_code),
            "evidence `{mode}`\n{}",
            describe(&check)
        );
        // Evidence gaps annotate as notices, never as errors, whatever the mode.
        let found = annotations(&check.stdout);
        assert_eq!(found.len(), counts.evidence, "{}", describe(&check));
        assert!(
            found
                .iter()
                .all(|a| a.starts_with("::notice ") && a.contains("evidence not shown")),
            "{}",
            describe(&check)
        );
        let gate = runner.gate("warning");
        assert_eq!(
            gate.code,
            expected_exit,
            "evidence `{mode}`\n{}",
            describe(&gate)
        );
    }
}

#[test]
fn an_input_error_fails_the_job_even_with_fail_on_never() {
    let runner = Runner::new();
    // Named explicitly, a TOML file without `[tenant]` is an input error.
    let check = runner.check(&[
        ("OBLIGO_PATHS", "tenants/settings.toml"),
        ("OBLIGO_FAIL_ON", "never"),
    ]);
    assert_eq!(check.code, 0, "{}", describe(&check));
    let outputs = runner.outputs();
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("2"));
    assert_eq!(outputs.get("problems").map(String::as_str), Some("1"));
    assert_eq!(outputs.get("findings").map(String::as_str), Some("0"));
    assert!(check.stdout.contains("::error"), "{}", describe(&check));
    assert!(!runner.summary().is_empty());

    let gate = runner.gate("never");
    assert_eq!(gate.code, 2, "{}", describe(&gate));
    assert!(
        gate.stdout
            .contains("::error title=obligo::obligo could not check everything")
    );
}

#[test]
fn a_run_that_writes_no_report_still_leaves_a_summary_and_fails() {
    let runner = Runner::new();
    // A usage error: obligo stops before reading any file, so it writes no report.
    let check = runner.check(&[("OBLIGO_FAIL_ON", "sometimes")]);
    assert_eq!(check.code, 0, "{}", describe(&check));
    let outputs = runner.outputs();
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("2"));
    for name in ["json-file", "sarif-file", "markdown-file", "findings"] {
        assert!(!outputs.contains_key(name), "{name}: {outputs:#?}");
    }
    let summary = runner.summary();
    assert!(
        summary.contains("obligo stopped with exit code 2 before writing a report"),
        "{summary}"
    );
    assert_eq!(runner.gate("sometimes").code, 2);
}

#[test]
fn inputs_reach_obligo_literally_and_are_never_run_by_the_shell() {
    let runner = Runner::new();
    // Spaces, tabs and newlines all separate paths.
    let hostile = "tenants\n$(touch pwned-1)\t`touch pwned-2` ;touch pwned-3\n* ~ $HOME\n";
    let check = runner.check(&[("OBLIGO_PATHS", hostile)]);
    assert_eq!(check.code, 0, "{}", describe(&check));
    for name in ["pwned-1", "pwned-2", "pwned-3", "pwned-1)", "pwned-2`"] {
        assert!(
            !runner.workspace.join(name).exists(),
            "the shell ran `touch {name}`"
        );
    }
    // Every word is one path, unexpanded: obligo reports each missing one by its literal name.
    let outputs = runner.outputs();
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("2"));
    let json = read_json(&runner.temp.join("obligo/obligo.json"));
    let files: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["file"].as_str())
        .collect();
    for word in ["$(touch", "`touch", ";touch", "*", "~", "$HOME"] {
        assert!(
            files.contains(&word),
            "`{word}` not checked literally: {files:?}"
        );
    }
    // The findings of the real path are still there.
    let plain = Runner::new();
    plain.check(&[]);
    assert_eq!(outputs.get("findings"), plain.outputs().get("findings"));
}

#[test]
fn an_output_value_cannot_smuggle_in_another_output() {
    let runner = Runner::new();
    let check = runner.check(&[("OBLIGO_SARIF_FILE", "obligo.sarif\nerrors=0")]);
    assert_eq!(check.code, 2, "{}", describe(&check));
    assert!(
        check.stdout.contains("::error title=obligo action::"),
        "{}",
        describe(&check)
    );
    let outputs = fs::read_to_string(&runner.output).unwrap();
    assert!(!outputs.contains("sarif-file="), "{outputs}");
    assert!(!outputs.contains("errors=0"), "{outputs}");
}

#[test]
fn a_missing_binary_is_reported_as_an_action_error() {
    let runner = Runner::new();
    let check = runner.check(&[("OBLIGO_BINARY", "no/such/obligo")]);
    assert_eq!(check.code, 2, "{}", describe(&check));
    assert!(
        check.stdout.contains("::error title=obligo action::`")
            && check
                .stdout
                .contains("no/such/obligo` is not an executable obligo binary"),
        "{}",
        describe(&check)
    );
    assert!(!runner.outputs().contains_key("exit-code"));
}

/// A minimal tree with the files the cache key covers.
fn fake_action_tree(root: &Path) {
    for (path, text) in [
        ("Cargo.toml", "[package]\nname = \"obligo\"\n"),
        ("Cargo.lock", "version = 4\n"),
        ("build.rs", "fn main() {}\n"),
        ("src/main.rs", "fn main() {}\n"),
        (
            "policies/nrb/rule.cedar",
            "forbid (principal, action, resource);\n",
        ),
        ("data/countries.toml", "BE = \"Belgium\"\n"),
    ] {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[test]
fn cache_key_changes_with_sources_and_restore_key_with_dependencies() {
    let runner = Runner::new();
    let tree = tempfile::tempdir().unwrap();
    fake_action_tree(tree.path());
    let root = tree.path().to_str().unwrap();
    let key = || {
        fs::write(&runner.output, "").unwrap();
        let step = runner.step("cache-key", &[("GITHUB_ACTION_PATH", root)]);
        assert_eq!(step.code, 0, "{}", describe(&step));
        let outputs = runner.outputs();
        (outputs["key"].clone(), outputs["restore-key"].clone())
    };
    let (first, restore) = key();
    assert!(
        first.starts_with(&restore) && first.len() > restore.len(),
        "{first} / {restore}"
    );
    assert!(restore.starts_with("obligo-build-Linux-"), "{restore}");
    assert_eq!(
        key(),
        (first.clone(), restore.clone()),
        "the key is not deterministic"
    );

    fs::write(
        tree.path().join("policies/nrb/rule.cedar"),
        "permit (principal, action, resource);\n",
    )
    .unwrap();
    let (second, same_restore) = key();
    assert_ne!(second, first, "a policy change must change the key");
    assert_eq!(
        same_restore, restore,
        "a source change must keep the restore key"
    );

    fs::write(tree.path().join("Cargo.lock"), "version = 4\n# changed\n").unwrap();
    let (_, new_restore) = key();
    assert_ne!(
        new_restore, restore,
        "a dependency change must change the restore key"
    );
}

#[test]
fn build_step_runs_cargo_locked_from_the_action_directory() {
    let runner = Runner::new();
    let tree = tempfile::tempdir().unwrap();
    fake_action_tree(tree.path());
    // A stand-in for cargo that records where and how it was called.
    let bin = tree.path().join("fake-bin");
    fs::create_dir_all(&bin).unwrap();
    let log = tree.path().join("cargo.log");
    fs::write(
        bin.join("cargo"),
        format!(
            "#!/usr/bin/env bash\nprintf '%s\\n' \"$PWD\" \"$*\" > '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    fs::set_permissions(bin.join("cargo"), fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let root = tree.path().canonicalize().unwrap();
    let step = runner.step(
        "build",
        &[
            ("GITHUB_ACTION_PATH", root.to_str().unwrap()),
            ("PATH", &path),
        ],
    );
    assert_eq!(step.code, 0, "{}", describe(&step));
    let log = fs::read_to_string(&log).unwrap();
    let target = root.join("target");
    assert_eq!(
        log,
        format!(
            "{}\nbuild --release --locked --target-dir {} --bin obligo\n",
            root.display(),
            target.display()
        )
    );
    assert_eq!(
        runner.outputs().get("binary"),
        Some(&target.join("release/obligo").display().to_string())
    );
}
