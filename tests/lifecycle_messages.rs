//! `nrb/unsupported-os` says whether extended support can still be bought: its message case
//! depends on the evaluation date and the declared tier, which the fixture harness (rule and
//! line only) does not see.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

const DIR: &str = "tests/fixtures/rules/nrb/unsupported-os";

/// The `nrb/unsupported-os` messages for `fixture` evaluated on `now`, keyed by system id.
fn messages(fixture: &str, now: &str) -> Vec<(String, String)> {
    let path = format!("{DIR}/{fixture}");
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", now, "--format", "json", &path])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    common::assert_report_schema(&json);
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "nrb/unsupported-os")
        .map(|f| {
            let message = f["message"].as_str().unwrap().to_owned();
            let id = message.split('`').nth(1).unwrap().to_owned();
            (id, message)
        })
        .collect()
}

#[test]
fn esu_that_can_still_be_bought_is_offered() {
    let found = messages("fail-extended-support-not-declared.toml", "2026-01-15");
    assert_eq!(found.len(), 2, "{found:?}");
    for (_, message) in found {
        assert!(
            message.contains("extended support (esu) can still be bought, until 2026-10-13"),
            "{message}"
        );
    }
}

#[test]
fn esu_that_has_ended_is_not_offered() {
    // Windows Server 2012 R2 ESU ended on 2026-10-13.
    let found = messages("fail.toml", "2026-11-21");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .ends_with("no extended support for it can be bought any more"),
        "{found:?}"
    );
    assert!(!found[0].1.contains("can still be bought"), "{found:?}");
}

#[test]
fn an_ended_tier_points_to_a_longer_one() {
    let found = messages("fail-ubuntu-pro-ended.toml", "2026-11-21");
    assert_eq!(found.len(), 3, "{found:?}");
    // Ubuntu 16.04's Legacy add-on runs to April 2031, 14.04's to April 2029.
    assert!(found[0].1.contains("until 2031-04-30"), "{found:?}");
    assert!(found[2].1.contains("until 2029-04-30"), "{found:?}");
    for (id, message) in &found {
        assert!(
            message.contains("`ubuntu-pro` extended support ended"),
            "{id}: {message}"
        );
        assert!(
            message.contains("a longer tier can still be bought, until 20"),
            "{id}: {message}"
        );
    }
}

#[test]
fn a_tier_that_has_ended_with_nothing_left() {
    let found = messages("fail-extended-support-ended.toml", "2026-11-21");
    assert_eq!(found.len(), 2, "{found:?}");
    for (id, message) in &found {
        assert!(
            message.contains("`esu` extended support ended")
                && message.ends_with("no extended support for it can be bought any more"),
            "{id}: {message}"
        );
    }
}
