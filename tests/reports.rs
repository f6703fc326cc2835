//! The report formats end to end: snapshots of every format for the report fixtures (findings
//! of each severity, a tenant without findings, text that needs escaping and an invalid file),
//! `--output FORMAT=PATH`, the GitHub job summary, and the SARIF properties code scanning relies
//! on. The external validators (SARIF multitool, junitparser, Chromium) are in
//! `report_validators.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail the test on anything unexpected"
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-11-21";
const TENANTS: &str = "tests/fixtures/reports/tenants";
const POLICIES: &str = "tests/fixtures/reports/policies";
const FORMATS: [&str; 5] = ["sarif", "junit", "github", "markdown", "html"];

fn obligo() -> Command {
    let mut cmd = Command::cargo_bin("obligo").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("NO_COLOR");
    // On a GitHub runner these make the notes on left-out findings link to the run.
    for name in ["GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"] {
        cmd.env_remove(name);
    }
    cmd
}

/// `obligo check` on the report fixtures with extra arguments: (stdout, stderr, exit code).
fn check(paths: &[&str], extra: &[&str]) -> (String, String, i32) {
    let output = obligo()
        .arg("check")
        .args(paths)
        .args(["--now", NOW, "--policies", POLICIES])
        .args(extra)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

/// The version is the only part of a report that changes without the input changing.
fn without_version(text: &str) -> String {
    text.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[version]\"",
    )
}

#[test]
fn every_format_is_pinned_for_the_fixtures() {
    for format in FORMATS {
        let (stdout, stderr, code) = check(&[TENANTS], &["--format", format]);
        assert_eq!(
            code, 2,
            "{format}: the invalid fixture makes the run exit 2\n{stderr}"
        );
        insta::assert_snapshot!(format!("fixtures_{format}"), without_version(&stdout));
    }
}

#[test]
fn every_format_is_pinned_for_the_examples() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    assert!(examples.is_dir(), "examples/ is missing");
    for format in FORMATS {
        let output = obligo()
            .args(["check", "examples", "--now", NOW, "--format", format])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(!stdout.is_empty(), "{format}: no output");
        insta::assert_snapshot!(format!("examples_{format}"), without_version(&stdout));
    }
}

/// `--markdown-limit` on the examples: the errors are kept, the warnings and evidence gaps
/// left out, and the note under the totals counts them and links to the run.
#[test]
fn a_markdown_limit_leaves_out_the_least_severe_findings_with_a_note() {
    let output = obligo()
        .args(["check", "examples", "--now", NOW, "--format", "markdown"])
        .args(["--markdown-limit", "12000"])
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "acme/tenants")
        .env("GITHUB_RUN_ID", "42")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.chars().count() <= 12_000,
        "{}",
        stdout.chars().count()
    );
    assert!(
        stdout.contains(
            "[the full reports of this run](https://github.com/acme/tenants/actions/runs/42)"
        ),
        "{stdout}"
    );
    insta::assert_snapshot!("examples_markdown_limited", stdout);
    let too_small = obligo()
        .args(["check", "examples", "--now", NOW, "--format", "markdown"])
        .args(["--markdown-limit", "100"])
        .output()
        .unwrap();
    assert_eq!(too_small.status.code(), Some(2));
}

#[test]
fn reports_are_deterministic() {
    for format in FORMATS {
        let first = check(&[TENANTS], &["--format", format]).0;
        let second = check(&[TENANTS], &["--format", format]).0;
        assert_eq!(first, second, "{format} differs between two runs");
    }
}

#[test]
fn output_writes_each_report_and_creates_directories() {
    let dir = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["--format".into(), "json".into()];
    let paths: Vec<(&str, PathBuf)> = FORMATS
        .iter()
        .map(|f| (*f, dir.path().join(format!("nested/{f}/report.out"))))
        .collect();
    for (format, path) in &paths {
        args.push("--output".into());
        args.push(format!("{format}={}", path.display()));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (stdout, _, code) = check(&[TENANTS], &args);
    assert_eq!(code, 2);
    let json: Value = serde_json::from_str(&stdout).expect("stdout is still the --format report");
    assert_eq!(json["version"], 1);
    for (format, path) in &paths {
        let written = std::fs::read_to_string(path).unwrap();
        let alone = check(&[TENANTS], &["--format", format]).0;
        assert_eq!(
            written, alone,
            "--output {format} differs from --format {format}"
        );
    }
}

#[test]
fn output_only_writes_the_formats_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("only.sarif");
    let (_, _, code) = check(
        &[TENANTS],
        &[
            "--format",
            "json",
            "--output",
            &format!("sarif={}", target.display()),
        ],
    );
    assert_eq!(code, 2);
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(target).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn an_unwritable_output_path_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where a directory is needed: fails even for root.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let target = blocker.join("report.sarif");
    let clean = "tests/fixtures/reports/tenants/clean.toml";
    let (stdout, stderr, code) = check(
        &[clean],
        &[
            "--format",
            "json",
            "--output",
            &format!("sarif={}", target.display()),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("obligo::output::file"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot write the sarif report to `{}`",
            target.display()
        )),
        "{stderr}"
    );
    // The clean tenant alone exits 0 without the unwritable output.
    assert_eq!(check(&[clean], &["--format", "json"]).2, 0, "{stdout}");
}

#[test]
fn malformed_output_specs_are_usage_errors() {
    for (spec, expected) in [
        ("sarif", "expected FORMAT=PATH"),
        ("pdf=report.pdf", "unknown format `pdf`"),
        ("sarif=", "no path after `sarif=`"),
    ] {
        let (_, stderr, code) = check(&[TENANTS], &["--output", spec]);
        assert_eq!(code, 2, "{spec}");
        assert!(stderr.contains(expected), "{spec}: {stderr}");
    }
}

#[test]
fn github_appends_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    for extra in [
        vec!["--format", "github"],
        vec!["--format", "json", "--output", "github=/dev/null"],
    ] {
        let output = obligo()
            .arg("check")
            .arg(TENANTS)
            .args(["--now", NOW, "--policies", POLICIES])
            .args(&extra)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
    }
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("previous step\n"), "{text}");
    assert_eq!(
        text.matches("## obligo — evaluated on 2026-11-21").count(),
        2
    );
    // The totals table has a row per contract; its counts are pinned by the markdown snapshots.
    assert!(text.contains("| `dpa` | "), "{text}");
    assert!(text.contains("| **all** | "), "{text}");
    // Without the github format, the summary is left alone.
    let before = std::fs::read_to_string(&summary).unwrap();
    obligo()
        .arg("check")
        .arg(TENANTS)
        .args(["--now", NOW, "--policies", POLICIES, "--format", "json"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), before);
}

#[test]
fn sarif_results_match_the_json_report() {
    let sarif: Value = serde_json::from_str(&check(&[TENANTS], &["--format", "sarif"]).0).unwrap();
    let json: Value = serde_json::from_str(&check(&[TENANTS], &["--format", "json"]).0).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], finding["rule"],
            "ruleIndex points at its rule"
        );
        // A violation is a `fail` at its severity; an evidence gap a `review`, whose level SARIF
        // fixes at `none` (the severity travels in the properties).
        let (kind, level) = match (
            finding["kind"].as_str().unwrap(),
            finding["severity"].as_str().unwrap(),
        ) {
            ("evidence", _) => ("review", "none"),
            (_, "info") => ("fail", "note"),
            (_, other) => ("fail", other),
        };
        assert_eq!(result["kind"], kind);
        assert_eq!(result["level"], level);
        assert_eq!(result["properties"]["kind"], finding["kind"]);
        assert_eq!(result["properties"]["severity"], finding["severity"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["file"]);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert_eq!(region["endLine"], finding["end_line"]);
        assert_eq!(region["endColumn"], finding["end_column"]);
    }
    // Every loaded rule is listed, not only those with findings: the embedded packs and the
    // fixture pack.
    let listed: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let loaded =
        obligo::rules::RuleSet::load(Some(&Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICIES)))
            .unwrap();
    let expected: Vec<&str> = loaded.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(listed, expected);
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(
        notifications.len(),
        json["errors"].as_array().unwrap().len()
    );
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        json["errors"][0]["line"]
    );
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(TENANTS)
            .join("acme.toml"),
    )
    .unwrap();
    let fingerprints = |text: &str| -> Vec<(String, u64)> {
        std::fs::write(&file, text).unwrap();
        let out = check(&[file.to_str().unwrap()], &["--format", "sarif"]).0;
        let sarif: Value = serde_json::from_str(&out).unwrap();
        let mut prints: Vec<(String, u64)> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["obligoFingerprint/v2"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect();
        prints.sort();
        prints
    };
    let before = fingerprints(&original);
    let after = fingerprints(&format!("# moved\n# down\n\n{original}"));
    assert!(before.len() >= 5);
    for ((print_before, line_before), (print_after, line_after)) in before.iter().zip(&after) {
        assert_eq!(print_before, print_after);
        assert_eq!(line_before + 3, *line_after);
    }
    let mut unique: Vec<&String> = before.iter().map(|(p, _)| p).collect();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "fingerprints are distinct");
}

#[test]
fn html_and_markdown_escape_tenant_text() {
    let html = check(&[TENANTS], &["--format", "html"]).0;
    assert!(html.contains("&lt;Bakker &amp; Zonen&gt; | &quot;test&quot; 100%"));
    assert!(!html.contains("<Bakker"));
    let markdown = check(&[TENANTS], &["--format", "markdown"]).0;
    assert!(markdown.contains("\\<Bakker \\& Zonen\\> | \"test\" 100%"));
    // In a table cell a pipe is escaped; outside tables it is not.
    assert!(markdown.contains("| Fixture pack for report tests, art. 1 \"Register\" \\| annex |"));
    assert!(
        markdown.contains("**Clause:** Fixture pack for report tests, art. 1 \"Register\" | annex")
    );
    let junit = check(&[TENANTS], &["--format", "junit"]).0;
    assert!(junit.contains("name=\"bakker-test\""));
    assert!(!junit.contains("<Bakker"));
}

#[test]
fn sarif_severity_follows_overrides_and_only_security_rules_are_security() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("obligo.toml");
    // A security rule overridden down to info, and an administrative one up to error.
    std::fs::write(
        &config,
        "[rules.severity]\n\"nrb/unsupported-os\" = \"info\"\n\"smartlockr/licensed-users-exceeded\" = \"error\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let (stdout, stderr, _) = check(
        &["examples/acme-production.toml"],
        &["--format", "sarif", "--config", config],
    );
    let sarif: Value = serde_json::from_str(&stdout).expect(&stderr);
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap().clone();
    let os = rule("nrb/unsupported-os");
    assert_eq!(os["defaultConfiguration"]["level"], "note");
    assert_eq!(os["properties"]["security-severity"], "2.0");
    assert_eq!(os["properties"]["tags"][0], "security");
    assert_eq!(
        os["helpUri"],
        "https://github.com/obligo/obligo/blob/main/docs/rules.md#nrbunsupported-os"
    );
    let licences = rule("smartlockr/licensed-users-exceeded");
    assert_eq!(licences["defaultConfiguration"]["level"], "error");
    assert!(licences["properties"].get("security-severity").is_none());
    let tags = licences["properties"]["tags"].as_array().unwrap();
    assert!(!tags.iter().any(|t| t == "security"), "{tags:?}");
    // Tags are `security` (security rules only), `contract` and the pack: never the clause.
    for rule in rules {
        let pack = rule["id"].as_str().unwrap().split('/').next().unwrap();
        for tag in rule["properties"]["tags"].as_array().unwrap() {
            let tag = tag.as_str().unwrap();
            assert!(
                ["security", "contract", pack].contains(&tag),
                "{}: {tag}",
                rule["id"]
            );
        }
    }
    let results = run["results"].as_array().unwrap();
    let unsupported: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "nrb/unsupported-os")
        .collect();
    assert!(!unsupported.is_empty(), "the example has an unsupported OS");
    for result in unsupported {
        assert_eq!(result["level"], "note");
        assert_eq!(result["properties"]["severity"], "info");
    }
}

#[test]
fn sarif_uris_are_relative_to_the_repository_root() {
    let uri_of = |extra: &[&str]| -> (String, Value) {
        let (stdout, stderr, _) = check(&[TENANTS], &[&["--format", "sarif"], extra].concat());
        let sarif: Value = serde_json::from_str(&stdout).expect(&stderr);
        let location =
            sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                .clone();
        (location["uri"].as_str().unwrap().to_owned(), location)
    };
    // The tests run at the crate root, which holds `.git`.
    let (uri, location) = uri_of(&[]);
    assert!(uri.starts_with("tests/fixtures/reports/tenants/"), "{uri}");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let (uri, _) = uri_of(&["--sarif-root", "tests/fixtures"]);
    assert!(uri.starts_with("reports/tenants/"), "{uri}");
    let (_, stderr, code) = check(&[TENANTS], &["--sarif-root", "no/such/dir"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a directory"), "{stderr}");
    // From a subdirectory, paths are still relative to the root (when the checkout has `.git`).
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
        return;
    }
    let output = obligo()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"))
        .args(["check", "fixtures/reports/tenants", "--now", NOW])
        .args([
            "--policies",
            "fixtures/reports/policies",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(uri.starts_with("tests/fixtures/reports/tenants/"), "{uri}");
}
