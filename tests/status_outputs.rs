//! How every output format shows accepted and baselined findings, as snapshots of one tenant
//! with an open finding and accepted ones, and with a baseline that records the open one and an
//! entry that no longer occurs.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const NOW: &str = "2026-11-21";
const TENANT: &str = "tests/fixtures/risks/covered.toml";

/// stdout of `obligo check --now NOW --format FORMAT <args>`.
fn render(format: &str, args: &[&str]) -> String {
    let output = cargo_bin_cmd!("obligo")
        .args([
            "check", "--now", NOW, "--color", "never", "--format", format,
        ])
        .args(args)
        .env("COLUMNS", "100")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_RUN_ID")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// Every format but the long, fixed parts (SARIF's rule list, the HTML page around the
/// tenant, JSON's tool version), one after the other.
fn all_formats(args: &[&str]) -> String {
    let mut out = String::new();
    for format in ["human", "concise", "github", "markdown", "junit"] {
        out.push_str(&format!("===== {format}\n{}", render(format, args)));
    }
    let json: Value = serde_json::from_str(&render("json", args)).unwrap();
    out.push_str(&format!(
        "===== json findings and summary\n{:#}\n{:#}\n",
        Value::Array(
            json["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    let mut f = f.clone();
                    // The rule's texts are in the rules reference; keep what status changes.
                    for key in ["title", "clause", "remediation", "related"] {
                        f.as_object_mut().unwrap().remove(key);
                    }
                    f
                })
                .collect()
        ),
        json["summary"]
    ));
    let sarif: Value = serde_json::from_str(&render("sarif", args)).unwrap();
    let results: Vec<Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            serde_json::json!({
                "ruleId": r["ruleId"],
                "level": r["level"],
                "properties": r["properties"],
                "suppressions": r.get("suppressions"),
                "baselineState": r.get("baselineState"),
            })
        })
        .collect();
    out.push_str(&format!(
        "===== sarif results\n{:#}\n",
        Value::Array(results)
    ));
    let html = render("html", args);
    let start = html.find("<section class=\"tenant\"").unwrap();
    let end = html[start..].find("</section>").unwrap() + start;
    out.push_str(&format!(
        "===== html tenant section\n{}\n",
        &html[start..end]
    ));
    out
}

#[test]
fn accepted_findings_in_every_format() {
    insta::assert_snapshot!(all_formats(&[TENANT]));
}

#[test]
fn accepted_and_baselined_findings_in_every_format() {
    insta::assert_snapshot!(all_formats(&[
        "--baseline",
        "tests/fixtures/risks/baseline.toml",
        TENANT
    ]));
}
