//! The reports checked by the tools that consume them, not by eye:
//! - SARIF by Microsoft's SARIF multitool (`validate`, with the GitHub code-scanning rules);
//! - JUnit XML by `junitparser`, through `.ci/check_junit.py`;
//! - HTML in headless Chromium: a screenshot, no console messages and no requests leaving the
//!   page, plus a static check that nothing external is referenced.
//!
//! `.ci/run` installs the tools (`npm ci --prefix .ci/tools`, a venv in `.ci/tools/venv`, and
//! Debian's `chromium`) and sets `OBLIGO_REQUIRE_EXTERNAL=1`, so there a missing tool fails the
//! test. Elsewhere (a fresh clone with only the Rust toolchain) the test is skipped and prints
//! the command that installs the tool. `OBLIGO_SARIF_MULTITOOL`, `OBLIGO_JUNIT_PYTHON` and
//! `OBLIGO_CHROMIUM` point at other installs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail the test on anything unexpected"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;

const NOW: &str = "2026-11-21";
const TENANTS: &str = "tests/fixtures/reports/tenants";
const POLICIES: &str = "tests/fixtures/reports/policies";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `obligo check PATHS --format FORMAT` on the report fixtures into `out`; returns the
/// exit code.
fn report_to(paths: &[&str], format: &str, out: &Path) -> i32 {
    let output = assert_cmd::Command::cargo_bin("obligo")
        .unwrap()
        .current_dir(root())
        .env_remove("GITHUB_STEP_SUMMARY")
        .arg("check")
        .args(paths)
        .args(["--now", NOW, "--policies", POLICIES, "--format", "json"])
        .arg("--output")
        .arg(format!("{format}={}", out.display()))
        .output()
        .unwrap();
    output.status.code().unwrap()
}

/// A tool from an environment variable or the first existing default path; `None` (the test is
/// skipped, or fails under `OBLIGO_REQUIRE_EXTERNAL`) with install instructions when there is
/// none.
fn tool(var: &str, defaults: &[PathBuf], install: &str) -> Option<PathBuf> {
    common::or_skip(common::find_file(var, defaults), || {
        let looked_for = match defaults {
            [first, ..] if defaults.len() > 3 => format!("{} and others", first.display()),
            _ => defaults
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        };
        format!(
            "validator not installed (looked for {looked_for}): run `{install}` (`.ci/run` does), or set {var}"
        )
    })
}

fn multitool() -> Option<PathBuf> {
    // The platform binary itself: the npm wrapper passes arguments through a shell, which
    // splits `--rule-kind Sarif;Gh`.
    let base = root().join(".ci/tools/node_modules/@microsoft");
    tool(
        "OBLIGO_SARIF_MULTITOOL",
        &[
            base.join("sarif-multitool-linux/Sarif.Multitool"),
            base.join("sarif-multitool-darwin/Sarif.Multitool"),
            base.join("sarif-multitool-win32/Sarif.Multitool.exe"),
        ],
        "npm ci --prefix .ci/tools",
    )
}

/// Validates SARIF files with the multitool (SARIF rules and GitHub's ingestion rules) and
/// returns its findings as (level, rule id, message id, file).
fn validate_sarif(
    multitool: &Path,
    files: &[PathBuf],
    work: &Path,
) -> Vec<(String, String, String, String)> {
    let log = work.join("validation.sarif");
    let output = Command::new(multitool)
        .arg("validate")
        // Files first: list options such as `--log` take the values that follow them.
        .args(files)
        .args(["--rule-kind", "Sarif;Gh"])
        .arg("--output")
        .arg(&log)
        .current_dir(work)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the multitool failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&format!("{} files scanned", files.len())),
        "{stdout}"
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], true, "{run}");
    run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                // SARIF's default level is `warning`.
                r["level"].as_str().unwrap_or("warning").to_owned(),
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
                r["message"]["id"].as_str().unwrap_or_default().to_owned(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn sarif_passes_the_sarif_multitool() {
    let Some(multitool) = multitool() else { return };
    let work = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], i32); 3] = [
        // Findings of every severity, a clean tenant and an invalid file.
        ("fixtures.sarif", &[TENANTS], 2),
        (
            "clean.sarif",
            &["tests/fixtures/reports/tenants/clean.toml"],
            0,
        ),
        // A problem without a location.
        ("missing.sarif", &["tests/fixtures/reports/no-such-dir"], 2),
    ];
    let mut files = Vec::new();
    for (name, paths, code) in cases {
        let file = work.path().join(name);
        assert_eq!(report_to(paths, "sarif", &file), code, "{name}");
        files.push(file);
    }
    let findings = validate_sarif(&multitool, &files, work.path());
    // Without a homepage or repository in Cargo.toml the driver has no `informationUri`,
    // which the multitool notes; everything else must be clean.
    let no_uri = env!("CARGO_PKG_HOMEPAGE").is_empty() && env!("CARGO_PKG_REPOSITORY").is_empty();
    let unexpected: Vec<_> = findings
        .iter()
        .filter(|(level, _, message, _)| {
            !(level == "note"
                || no_uri && level == "warning" && message == "Warning_ProvideToolnformationUri")
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "the multitool reports {unexpected:#?}"
    );
}

#[test]
fn the_sarif_multitool_catches_a_broken_log() {
    let Some(multitool) = multitool() else { return };
    // The validation above means something only if the tool rejects bad SARIF.
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("fixtures.sarif");
    report_to(&[TENANTS], "sarif", &file);
    let mut log: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    log["runs"][0]["results"][0]["ruleIndex"] = Value::from(999);
    std::fs::write(&file, serde_json::to_string_pretty(&log).unwrap()).unwrap();
    let findings = validate_sarif(&multitool, &[file], work.path());
    let errors: Vec<&str> = findings
        .iter()
        .filter(|(level, ..)| level == "error")
        .map(|(_, rule, ..)| rule.as_str())
        .collect();
    // The schema's minimum line, and the index into the rules.
    assert!(errors.contains(&"JSON1008"), "{findings:#?}");
    assert!(errors.contains(&"SARIF1009"), "{findings:#?}");
}

fn junit_python() -> Option<PathBuf> {
    let venv = root().join(".ci/tools/venv");
    tool(
        "OBLIGO_JUNIT_PYTHON",
        &[venv.join("bin/python"), venv.join("Scripts/python.exe")],
        "python3 -m venv .ci/tools/venv && .ci/tools/venv/bin/pip install -r .ci/tools/requirements.txt",
    )
}

/// Parses a JUnit file with junitparser: the suites and cases `.ci/check_junit.py` prints.
fn parse_junit(python: &Path, file: &Path) -> Value {
    let output = Command::new(python)
        .arg(root().join(".ci/check_junit.py"))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "junitparser rejects the report:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn junit_parses_with_junitparser_and_matches_the_json_report() {
    let Some(python) = junit_python() else { return };
    let work = tempfile::tempdir().unwrap();
    let junit_file = work.path().join("report.xml");
    let json_file = work.path().join("report.json");
    assert_eq!(report_to(&[TENANTS], "junit", &junit_file), 2);
    assert_eq!(report_to(&[TENANTS], "json", &json_file), 2);
    let parsed = parse_junit(&python, &junit_file);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&json_file).unwrap()).unwrap();

    let findings = json["findings"].as_array().unwrap();
    let problems = json["errors"].as_array().unwrap();
    let tenants = json["summary"]["tenants"].as_u64().unwrap() as usize;
    let suites = parsed["suites"].as_array().unwrap();
    // One suite per tenant, plus one for the problems.
    assert_eq!(suites.len(), tenants + 1);
    // Under the default `--fail-on error`, only open error violations fail, one case per rule
    // and tenant; nothing is skipped (evidence gaps are in `system-out`).
    let fails = |f: &&Value| f["kind"] == "violation" && f["severity"] == "error";
    let failing: std::collections::BTreeSet<(&str, &str)> = findings
        .iter()
        .filter(fails)
        .map(|f| (f["tenant"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(parsed["failures"].as_u64().unwrap() as usize, failing.len());
    let outcomes: Vec<&Value> = suites
        .iter()
        .flat_map(|s| s["cases"].as_array().unwrap())
        .map(|c| &c["outcome"])
        .collect();
    assert!(!outcomes.iter().any(|o| *o == "skipped"));
    assert_eq!(parsed["errors"].as_u64().unwrap() as usize, problems.len());

    for suite in suites {
        let name = suite["name"].as_str().unwrap();
        let cases = suite["cases"].as_array().unwrap();
        if name == "obligo" {
            assert_eq!(cases.len(), problems.len());
            for (case, problem) in cases.iter().zip(problems) {
                assert_eq!(case["outcome"], "error");
                assert_eq!(case["type"], problem["code"]);
                assert_eq!(case["message"], problem["message"]);
            }
            continue;
        }
        for finding in findings.iter().filter(|f| f["tenant"] == name) {
            let rule = finding["rule"].as_str().unwrap();
            let case = cases
                .iter()
                .find(|c| c["classname"] == name && c["name"] == rule)
                .unwrap_or_else(|| panic!("{name}: no case for {finding}"));
            if !fails(&finding) {
                continue;
            }
            assert_eq!(case["outcome"], "failure");
            assert_eq!(case["type"], "error");
            let location = format!(
                "{}:{}:{}",
                finding["file"].as_str().unwrap(),
                finding["line"],
                finding["column"]
            );
            let text = case["text"].as_str().unwrap();
            assert!(text.contains(&location), "{text}");
            assert!(
                text.contains(finding["message"].as_str().unwrap()),
                "{text}"
            );
            assert!(text.contains(finding["clause"].as_str().unwrap()), "{text}");
            assert!(
                text.contains(finding["remediation"].as_str().unwrap()),
                "{text}"
            );
        }
        for case in cases {
            let key = (name, case["name"].as_str().unwrap());
            let outcome = if failing.contains(&key) {
                "failure"
            } else {
                "passed"
            };
            assert_eq!(case["outcome"], outcome, "{key:?}");
        }
    }
}

fn chromium() -> Option<PathBuf> {
    let mut defaults: Vec<PathBuf> = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|paths| {
                    std::env::split_paths(&paths)
                        .map(|dir| dir.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    defaults.push(PathBuf::from("/usr/bin/chromium"));
    tool("OBLIGO_CHROMIUM", &defaults, "apt-get install -y chromium")
}

/// What Chromium saw when it opened a page.
struct Visit {
    /// Console messages the page logged.
    console: Vec<String>,
    /// URLs the page requested other than itself.
    requests: Vec<String>,
}

/// Opens `page` in headless Chromium, takes a screenshot into `png`, and reports the console
/// messages and the network requests made on the page's behalf. Host names resolve nowhere,
/// so nothing leaves the machine even if the page asks.
fn visit(chromium: &Path, page: &Path, png: &Path, work: &Path) -> Visit {
    let profile = work.join("profile");
    let net_log = work.join("net-log.json");
    let url = format!("file://{}", page.display());
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=1280,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "chromium failed:\n{stderr}");
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    // Requests the page made are keyed by its site (`file://`); the browser's own background
    // traffic is not, and cannot resolve anyway.
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(&net_log).unwrap()).unwrap_or_default();
    let requests = log["events"]
        .as_array()
        .map(|events| {
            events
                .iter()
                .filter_map(|e| {
                    let params = &e["params"];
                    let url = params["url"].as_str()?;
                    let key = params["network_isolation_key"].as_str()?;
                    (key.contains("file://")
                        && !url.starts_with("file:")
                        && !url.starts_with("data:"))
                    .then(|| url.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    Visit { console, requests }
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

#[test]
fn html_opens_in_chromium_without_errors_or_requests() {
    let work = tempfile::tempdir().unwrap();
    let page = work.path().join("report.html");
    assert_eq!(report_to(&[TENANTS], "html", &page), 2);
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(external_references(&html), Vec::<String>::new());

    let Some(chromium) = chromium() else { return };
    let png = work.path().join("report.png");
    let visit = visit(&chromium, &page, &png, work.path());
    assert_eq!(visit.console, Vec::<String>::new(), "console messages");
    assert_eq!(
        visit.requests,
        Vec::<String>::new(),
        "requests leaving the page"
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(png_size(&bytes), (1280, 2000));
    // A blank or error page compresses to a few kilobytes; the report is far richer.
    assert!(
        bytes.len() > 50_000,
        "screenshot is only {} bytes",
        bytes.len()
    );
    if let Some(dir) = std::env::var_os("OBLIGO_SCREENSHOT_DIR") {
        std::fs::copy(&png, Path::new(&dir).join("report.png")).unwrap();
    }
}

#[test]
fn the_chromium_check_catches_console_messages_and_requests() {
    let Some(chromium) = chromium() else { return };
    // The checks above mean something only if they fire on a page that misbehaves.
    let work = tempfile::tempdir().unwrap();
    let page = work.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>bad</title>\
         <link rel=\"stylesheet\" href=\"https://fonts.example/x.css\"></head><body>\
         <img src=\"http://127.0.0.1:9/pixel.png\" alt=\"\">\
         <script>console.error('boom')</script></body></html>",
    )
    .unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(external_references(&html).len(), 2);
    let visit = visit(&chromium, &page, &work.path().join("bad.png"), work.path());
    assert!(
        visit.console.iter().any(|l| l.contains("boom")),
        "{:?}",
        visit.console
    );
    assert!(
        visit.requests.iter().any(|u| u.contains("127.0.0.1:9")),
        "{:?}",
        visit.requests
    );
}

/// `src=`, `href=` and `url(` values that point outside the page: anything but a fragment or
/// a `data:` URI.
fn external_references(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for pattern in ["src=", "href=", "url("] {
        for (at, _) in lower.match_indices(pattern) {
            let rest = html[at + pattern.len()..].trim_start();
            let rest = rest.trim_start_matches(['"', '\'']);
            let value: String = rest
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ')' | ' ' | '>'))
                .collect();
            if !(value.starts_with('#') || value.starts_with("data:")) {
                found.push(value);
            }
        }
    }
    found
}
