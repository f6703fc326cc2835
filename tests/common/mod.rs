//! What integration tests share: finding the outside tools and texts that some tests need.
//!
//! `cargo test` on a fresh clone needs only the Rust toolchain, so a test whose validator or
//! contract texts are missing is skipped, with the reason printed. `.ci/run` sets
//! `OBLIGO_REQUIRE_EXTERNAL=1`, which turns every such skip into a failure: CI runs them all.
//! It also runs the suite once as a fresh clone would, with `OBLIGO_EXTERNAL_ABSENT=1`: every
//! outside tool and text is treated as missing, so the skipping path is tested too.

use std::io::Write;
use std::path::PathBuf;

/// The variable that makes outside tools and texts required.
pub const REQUIRE_VAR: &str = "OBLIGO_REQUIRE_EXTERNAL";

/// The variable that makes every outside tool and text count as missing, as on a fresh clone.
pub const ABSENT_VAR: &str = "OBLIGO_EXTERNAL_ABSENT";

fn flag(var: &str) -> bool {
    std::env::var_os(var).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether a missing outside tool fails the test instead of skipping it.
pub fn external_required() -> bool {
    flag(REQUIRE_VAR)
}

/// `found`, or `None` after printing why the calling test is skipped; with
/// [`REQUIRE_VAR`] set, a missing dependency panics with the same reason instead.
pub fn or_skip<T>(found: Option<T>, missing: impl FnOnce() -> String) -> Option<T> {
    let absent = flag(ABSENT_VAR);
    if found.is_some() && !absent {
        return found;
    }
    let reason = if absent {
        format!("{ABSENT_VAR} is set: {}", missing())
    } else {
        missing()
    };
    assert!(
        !external_required(),
        "{reason} ({REQUIRE_VAR} is set, so this test may not be skipped)"
    );
    // Straight to the process's stderr: the test harness captures only the print macros, and a
    // skip hidden in captured output would look like a pass.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {reason}; set {REQUIRE_VAR}=1 to make this a failure"
    );
    None
}

/// The first of `candidates` that is a file, or the path in `var` when it is set.
#[allow(
    dead_code,
    reason = "each test binary compiles this module; not all use every helper"
)]
pub fn find_file(var: &str, candidates: &[PathBuf]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    candidates.iter().find(|p| p.is_file()).cloned()
}

/// Copies the directory `from` to `to`, recursively (a policy pack to break in a test).
#[allow(
    dead_code,
    reason = "each test binary compiles this module; not all use every helper"
)]
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// Panics unless `report` is valid under `docs/report.schema.json`: every JSON report a test
/// produces goes through here, so that a field the report gains must be documented there.
#[allow(
    dead_code,
    reason = "each test binary compiles this module; not all use every helper"
)]
pub fn assert_report_schema(report: &serde_json::Value) {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", path.display()))
    });
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the JSON report does not match docs/report.schema.json:\n{}",
        errors.join("\n")
    );
}

/// Runs the built `obligo` in `dir` with `args` and `NO_COLOR`: exit code, stdout, stderr.
#[allow(
    dead_code,
    reason = "each test binary compiles this module; not all use every helper"
)]
pub fn obligo_in<'a>(
    dir: &std::path::Path,
    args: impl IntoIterator<Item = &'a str>,
) -> (i32, String, String) {
    let out = assert_cmd::cargo::cargo_bin_cmd!("obligo")
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run obligo: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `obligo check --now 2026-11-21 ARGS` in `cwd`, without colour.
#[allow(
    dead_code,
    reason = "only some of the test crates that include this module run checks"
)]
pub fn check_in(cwd: &std::path::Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("obligo")
        .unwrap()
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .args(["check", "--now", "2026-11-21"])
        .args(args)
        .output()
        .unwrap()
}
