//! The malformed-input corpus, `tests/fixtures/malformed/`: one small input per class of
//! diagnostic. `obligo check` runs on each; the exit code and the rendered human diagnostic
//! (no colour, 100 columns) are snapshotted, and each must name its registry code.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(
    dead_code,
    reason = "only `copy_dir` of the shared helpers is used here"
)]
mod common;

const DIR: &str = "tests/fixtures/malformed";

/// One input: the `obligo check` arguments after the common ones (paths relative to [`DIR`]),
/// and the code its diagnostic must carry.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    code: &'static str,
}

/// A copy of the built-in packs with one malformed file: `fixture` copied to `to`, or appended
/// to it.
struct PolicyCase {
    name: &'static str,
    fixture: &'static str,
    to: &'static str,
    append: bool,
    code: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "syntax",
        args: &["syntax.toml"],
        code: "obligo::input::syntax",
    },
    Case {
        name: "duplicate_key",
        args: &["duplicate-key.toml"],
        code: "obligo::input::syntax",
    },
    Case {
        name: "json_syntax",
        args: &["json-syntax.json"],
        code: "obligo::input::json-syntax",
    },
    Case {
        name: "json_duplicate_key",
        args: &["json-duplicate-key.json"],
        code: "obligo::input::duplicate-key",
    },
    Case {
        name: "json_bad_date",
        args: &["json-bad-date.json"],
        code: "obligo::input::invalid-date",
    },
    Case {
        name: "yaml_syntax",
        args: &["yaml-syntax.yaml"],
        code: "obligo::input::yaml-syntax",
    },
    Case {
        name: "yaml_duplicate_key",
        args: &["yaml-duplicate-key.yaml"],
        code: "obligo::input::duplicate-key",
    },
    Case {
        name: "yaml_unknown_key",
        args: &["yaml-unknown-key.yml"],
        code: "obligo::input::unknown-key",
    },
    Case {
        name: "yaml_aliases",
        args: &["yaml-aliases.yaml"],
        code: "obligo::input::too-many-aliases",
    },
    Case {
        name: "unknown_key",
        args: &["unknown-key.toml"],
        code: "obligo::input::unknown-key",
    },
    Case {
        name: "wrong_type",
        args: &["wrong-type.toml"],
        code: "obligo::input::wrong-type",
    },
    Case {
        name: "missing_key",
        args: &["missing-key.toml"],
        code: "obligo::input::missing-key",
    },
    Case {
        name: "unknown_value",
        args: &["unknown-value.toml"],
        code: "obligo::input::unknown-value",
    },
    Case {
        name: "dangling_reference",
        args: &["dangling-reference.toml"],
        code: "obligo::input::dangling-reference",
    },
    Case {
        name: "bad_date",
        args: &["bad-date.toml"],
        code: "obligo::input::invalid-date",
    },
    Case {
        name: "bad_ip",
        args: &["bad-ip.toml"],
        code: "obligo::input::invalid-value",
    },
    Case {
        name: "bad_email",
        args: &["bad-email.toml"],
        code: "obligo::input::invalid-value",
    },
    Case {
        name: "too_long_id",
        args: &["too-long-id.toml"],
        code: "obligo::input::too-long",
    },
    Case {
        name: "too_deep",
        args: &["too-deep.toml"],
        code: "obligo::input::too-deep",
    },
    Case {
        name: "deep_dotted_keys",
        args: &["deep-dotted-keys.toml"],
        code: "obligo::input::too-deep",
    },
    Case {
        name: "offset_out_of_range",
        args: &["offset-out-of-range.toml"],
        code: "obligo::input::invalid-date",
    },
    Case {
        name: "too_large",
        args: &["--max-file-size", "64", "too-large.toml"],
        code: "obligo::input::too-large",
    },
    Case {
        name: "bad_include",
        args: &["bad-include.toml"],
        code: "obligo::input::include",
    },
    Case {
        name: "not_a_tenant",
        args: &["not-a-tenant.toml"],
        code: "obligo::input::not-a-tenant",
    },
    Case {
        name: "duplicate_tenant",
        args: &["duplicate-tenant"],
        code: "obligo::input::duplicate-tenant",
    },
    Case {
        name: "unreadable",
        args: &["missing.toml"],
        code: "obligo::input::unreadable",
    },
    Case {
        name: "no_tenants",
        args: &["policies"],
        code: "obligo::input::no-tenants",
    },
    Case {
        name: "config_bad_value",
        args: &[
            "--config",
            "config/bad-value.obligo.toml",
            "config/tenant.toml",
        ],
        code: "obligo::input::unknown-value",
    },
    Case {
        name: "config_bad_param",
        args: &[
            "--config",
            "config/bad-param.obligo.toml",
            "config/tenant.toml",
        ],
        code: "obligo::input::invalid-value",
    },
    Case {
        name: "config_no_match",
        args: &[
            "--config",
            "config/no-match.obligo.toml",
            "config/tenant.toml",
        ],
        code: "obligo::config::no-match",
    },
];

const POLICY_CASES: &[PolicyCase] = &[
    PolicyCase {
        name: "policy_syntax",
        fixture: "policies/bad-syntax.cedar",
        to: "nrb/bad-syntax.cedar",
        append: false,
        code: "obligo::policy::syntax",
    },
    PolicyCase {
        name: "params_default",
        fixture: "policies/bad-default.params.toml",
        to: "params.toml",
        append: true,
        code: "obligo::policy::param-default",
    },
];

/// Runs `obligo check` in `dir` and returns what a user sees: the exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(assert_cmd::cargo::cargo_bin!("obligo"))
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--now", "2026-11-21", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("none".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn snapshot(name: &str, code: &str, shown: &str) {
    assert!(shown.starts_with("exit: 2\n"), "{name}: {shown}");
    assert!(shown.contains(code), "{name} does not name {code}: {shown}");
    assert!(
        obligo::problem::codes::find(code).is_some(),
        "{code} is not in the registry"
    );
    insta::assert_snapshot!(name, shown);
}

#[test]
fn each_malformed_input_has_its_diagnostic() {
    for case in CASES {
        snapshot(case.name, case.code, &run(Path::new(DIR), case.args));
    }
}

#[test]
fn each_malformed_policy_has_its_diagnostic() {
    let tenant = std::fs::canonicalize(format!("{DIR}/config/tenant.toml")).unwrap();
    for case in POLICY_CASES {
        let dir = tempfile::tempdir().unwrap();
        let packs = dir.path().join("packs");
        common::copy_dir(Path::new("policies"), &packs).unwrap();
        let fixture = std::fs::read_to_string(format!("{DIR}/{}", case.fixture)).unwrap();
        let target = packs.join(case.to);
        let text = if case.append {
            std::fs::read_to_string(&target).unwrap() + &fixture
        } else {
            fixture
        };
        std::fs::write(&target, text).unwrap();
        let shown = run(
            dir.path(),
            &["--policies", "packs", tenant.to_str().unwrap()],
        );
        snapshot(case.name, case.code, &shown);
    }
}

/// Every file of the corpus is used by a case, so none is left unchecked.
#[test]
fn every_fixture_is_used() {
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    files(Path::new(DIR), &mut all);
    let used: Vec<&str> = CASES
        .iter()
        .flat_map(|c| c.args.iter().copied())
        .chain(POLICY_CASES.iter().map(|c| c.fixture))
        .chain(["config/tenant.toml"])
        .collect();
    for path in all {
        let relative = path
            .strip_prefix(DIR)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            used.iter()
                .any(|u| relative == *u || relative.starts_with(&format!("{u}/"))),
            "{relative} is not used by any case"
        );
    }
}
