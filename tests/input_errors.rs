//! Every class of input error, one fixture each under `tests/fixtures/input-errors/`: the run
//! exits 2, the JSON report's `errors` names the file and the exact line and column of the
//! offending value, and the human diagnostic is snapshotted.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

const DIR: &str = "tests/fixtures/input-errors";

/// Runs `obligo check` with `args` and returns the exit code and stdout.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let output = cargo_bin_cmd!("obligo")
        .args(["check", "--now", "2026-11-21", "--color", "never"])
        .args(args)
        .output()
        .expect("obligo runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// The text of `file` from 1-based `line` and `column` (in characters) to the end of the line,
/// its newline included.
fn text_at(file: &str, line: usize, column: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let line_text = text.split_inclusive('\n').nth(line - 1).unwrap_or_default();
    line_text.chars().skip(column - 1).collect()
}

/// One input-error case: `path` is given to `obligo check`; the single error is reported in
/// `file` at `line`:`column`, where the text starts with `at` (`None` for an error about the
/// file as a whole).
struct Case {
    name: &'static str,
    path: &'static str,
    file: &'static str,
    code: &'static str,
    line: usize,
    column: usize,
    at: Option<&'static str>,
}

fn check_case(case: &Case) {
    let path = format!("{DIR}/{}", case.path);
    let file = format!("{DIR}/{}", case.file);
    let (code, stdout) = run(&["--format", "json", &path]);
    assert_eq!(code, Some(2), "{stdout}");
    let json: Value = serde_json::from_str(&stdout).expect("JSON report");
    common::assert_report_schema(&json);
    let errors = json["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "one error expected: {json:#}");
    let error = &errors[0];
    assert_eq!(error["file"], file.as_str(), "{error:#}");
    assert_eq!(error["code"], case.code, "{error:#}");
    assert_eq!(error["line"], case.line, "{error:#}");
    assert_eq!(error["column"], case.column, "{error:#}");
    assert_eq!(json["findings"], Value::Array(Vec::new()), "{json:#}");
    if let Some(at) = case.at {
        let text = text_at(&file, case.line, case.column);
        assert!(
            text.starts_with(at),
            "{}:{}:{} is `{text}`, not the offending `{at}`",
            file,
            case.line,
            case.column
        );
    }

    let (code, stdout) = run(&[&path]);
    assert_eq!(code, Some(2), "{stdout}");
    assert!(stdout.contains(case.code), "{stdout}");
    insta::assert_snapshot!(case.name, stdout);
}

macro_rules! cases {
    ($($name:ident: $path:literal $(in $file:literal)?, $code:literal at $line:literal:$column:literal $(on $at:literal)?;)*) => {
        $(
            #[test]
            fn $name() {
                check_case(&Case {
                    name: stringify!($name),
                    path: $path,
                    file: cases!(@file $path $(, $file)?),
                    code: $code,
                    line: $line,
                    column: $column,
                    at: cases!(@at $($at)?),
                });
            }
        )*

        /// Every path the cases run on.
        const PATHS: &[&str] = &[$($path),*];
    };
    (@file $path:literal) => { $path };
    (@file $path:literal, $file:literal) => { $file };
    (@at) => { None };
    (@at $at:literal) => { Some($at) };
}

cases! {
    // The string is not closed: the parser points at the end of the line.
    syntax: "syntax.toml", "obligo::input::syntax" at 7:17 on "\n";
    unknown_key: "unknown-key.toml", "obligo::input::unknown-key" at 9:1 on "last_usd";
    missing_key: "missing-key.toml", "obligo::input::missing-key" at 8:6 on "{ family = \"ubuntu\" }";
    wrong_type: "wrong-type.toml", "obligo::input::wrong-type" at 9:17 on "\"yes\"";
    date_string: "date-string.toml", "obligo::input::invalid-date" at 9:13 on "\"2025-12-01\"";
    date_impossible: "date-impossible.toml", "obligo::input::syntax" at 8:11 on "2025-02-30";
    date_bare_time: "date-bare-time.toml", "obligo::input::invalid-date" at 9:13 on "12:30:00";
    unknown_country: "unknown-country.toml", "obligo::input::unknown-value" at 8:27 on "\"be\"";
    unknown_region: "unknown-region.toml", "obligo::input::unknown-value" at 9:40 on "\"eu-central-9\"";
    unknown_provider: "unknown-provider.toml", "obligo::input::unknown-value" at 9:24 on "\"azur\"";
    unknown_credential_kind: "unknown-credential-kind.toml", "obligo::input::unknown-value" at 8:8 on "\"service_account\"";
    unknown_safeguard: "unknown-safeguard.toml", "obligo::input::unknown-value" at 9:13 on "\"sccs\"";
    unknown_extended_tier: "unknown-extended-tier.toml", "obligo::input::unknown-value" at 8:65 on "\"legacyy\"";
    duplicate_id: "duplicate-id.toml", "obligo::input::duplicate-id" at 11:6 on "\"web-01\"";
    dangling_segment: "dangling-segment.toml", "obligo::input::dangling-reference" at 14:15 on "\"dnz\"";
    dangling_transfer_from: "dangling-transfer-from.toml", "obligo::input::dangling-reference" at 12:8 on "\"crm\"";
    not_a_tenant: "not-a-tenant.toml", "obligo::input::not-a-tenant" at 1:1;
    unknown_contract: "unknown-contract.toml", "obligo::input::unknown-value" at 4:21 on "\"dpx\"";
    empty_contracts: "empty-contracts.toml", "obligo::input::inconsistent" at 4:13 on "[]";
    region_country_mismatch: "region-country-mismatch.toml", "obligo::input::inconsistent" at 8:63 on "\"DE\"";
    duplicate_tenant: "duplicate-tenant" in "duplicate-tenant/b.toml", "obligo::input::duplicate-tenant" at 4:6 on "\"acme-prod\"";
    invalid_address: "invalid-address.toml", "obligo::input::invalid-value" at 11:44 on "\"999.1.1.1\"";
    invisible_id: "invisible-id.toml", "obligo::input::inconsistent" at 7:6 on "\"svc";
    too_deep: "too-deep.toml", "obligo::input::too-deep" at 9:73 on "[]";
    too_long_id: "too-long-id.toml", "obligo::input::too-long" at 7:6 on "\"svc-xxx";
}

#[test]
fn every_input_error_fixture_has_a_case() {
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(DIR).expect("fixture directory") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if !PATHS.contains(&name.as_ref()) {
            orphans.push(name.into_owned());
        }
    }
    assert!(
        orphans.is_empty(),
        "fixtures without a case in tests/input_errors.rs: {orphans:?}"
    );
    assert!(PATHS.iter().all(|p| Path::new(DIR).join(p).exists()));
}
