//! The bundled examples are what a newcomer runs first (`cargo run -- check examples/`), so
//! they must keep working: they parse without problems, between them they show every core
//! rule, and the compliant tenant stays clean.
//!
//! The tests assert which rules appear, never how many findings there are: new rules may add
//! findings to the problem examples. A new rule must keep `acme-compliant.toml` compliant, so
//! the compliant tenant must have no finding at all, whatever rule produced it.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use jiff::civil::{Date, date};
use obligo::check::{CheckOptions, Checker, Report};
use obligo::exit::Exit;
use obligo::facts::reference::ReferenceData;
use obligo::finding::Kind;
use obligo::render::human;
use obligo::rules::RuleSet;
use obligo::severity::{FailOn, Severity};

/// The examples are written to be evaluated as of this date.
const NOW: Date = date(2026, 11, 21);

/// Relative to the crate root, the working directory of integration tests.
const EXAMPLES: &str = "examples";

const COMPLIANT: &str = "examples/acme-compliant.toml";

/// Which example is meant to show which rule (as examples/README.md says).
const SHOWN_IN: &[(&str, &str)] = &[
    ("examples/acme-production.toml", "nrb/dual-homed-system"),
    ("examples/acme-production.toml", "nrb/unsupported-os"),
    ("examples/acme-production.toml", "dpa/inactive-credential"),
    ("examples/acme-production.toml", "dpa/transfer-outside-eea"),
    (
        "examples/acme-hybrid-cloud.toml",
        "nrb/public-cloud-resource",
    ),
    ("examples/acme-staging.toml", "nrb/os-support-unverified"),
    ("examples/acme-staging.toml", "dpa/inactive-credential"),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/licensed-users-exceeded",
    ),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/smtp-relay-without-tls",
    ),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/marketing-through-relay",
    ),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/sub-processor-late-notice",
    ),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/processing-outside-eea",
    ),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/breach-notification",
    ),
    (
        "examples/smartlockr-mail.toml",
        "smartlockr/renewal-notice-deadline",
    ),
    ("examples/norisk-hr.toml", "norisk/breach-notice-late"),
    (
        "examples/norisk-hr.toml",
        "norisk/subprocessor-not-announced",
    ),
    ("examples/norisk-hr.toml", "norisk/processing-outside-eu"),
    (
        "examples/norisk-hr.toml",
        "norisk/purpose-outside-bijlage-1b",
    ),
    ("examples/nmbrs-payroll.toml", "nmbrs/contract-owner-count"),
    (
        "examples/nmbrs-payroll.toml",
        "nmbrs/credential-not-personal",
    ),
    ("examples/nmbrs-payroll.toml", "nmbrs/end-user-not-removed"),
    (
        "examples/nmbrs-payroll.toml",
        "nmbrs/backup-outside-netherlands",
    ),
    (
        "examples/nmbrs-payroll.toml",
        "nmbrs/sub-processor-without-consent",
    ),
    ("examples/nmbrs-payroll.toml", "nmbrs/breach-notice-late"),
    (
        "examples/nmbrs-payroll.toml",
        "nmbrs/demo-company-in-production",
    ),
];

/// The rules every release must demonstrate on the examples.
const CORE_RULES: [&str; 6] = [
    "nrb/dual-homed-system",
    "nrb/unsupported-os",
    "nrb/os-support-unverified",
    "nrb/public-cloud-resource",
    "dpa/inactive-credential",
    "dpa/transfer-outside-eea",
];

/// Checks `path` with the built-in rules, as `obligo check PATH --now 2026-11-21` does.
fn check(path: &str) -> Result<Report, String> {
    let rules = RuleSet::load(None).map_err(|errors| format!("{errors:#?}"))?;
    let refdata = ReferenceData::embedded().map_err(|error| error.to_string())?;
    let checker = Checker::new(&rules, refdata).map_err(|e| e.to_string())?;
    Ok(checker.check(&CheckOptions {
        paths: vec![path.into()],
        now: NOW,
    }))
}

/// `file:line rule` for every finding, to show in failure messages.
fn listing(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| {
            let (line, _) = f.location.start();
            format!("{}:{line} {}\n", f.location.file.name(), f.rule.id)
        })
        .collect()
}

/// The `.toml` files in examples/, as `examples/<name>.toml`, sorted.
fn example_files() -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(EXAMPLES)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
    files.sort();
    Ok(files)
}

#[test]
fn every_example_is_a_valid_tenant() {
    let report = check(EXAMPLES).unwrap();
    let rendered = human::render(
        &report,
        human::Style {
            color: false,
            width: 100,
        },
    );
    assert!(report.problems.is_empty(), "{rendered}");
    let files = example_files().unwrap();
    assert!(files.len() >= 3, "too few examples: {files:?}");
    assert_eq!(report.files, files.len(), "{files:?}");
    assert_eq!(report.tenants, files.len(), "{files:?}");
    // The only file skipped is an evidence file (`examples/providers/`), and a tenant includes it.
    for skipped in &report.skipped {
        assert!(
            skipped.path.starts_with("examples/providers"),
            "{skipped:?} is neither a tenant nor a provider's evidence file"
        );
        assert!(
            !report.included_by(&skipped.path).is_empty(),
            "no example includes {skipped:?}"
        );
        assert!(
            skipped.reason.starts_with("an evidence file, included by "),
            "{skipped:?}"
        );
    }
}

#[test]
fn the_compliant_example_has_no_finding() {
    let report = check(EXAMPLES).unwrap();
    assert!(report.problems.is_empty());
    let tenants: BTreeSet<&str> = report.findings.iter().map(|f| f.tenant.as_str()).collect();
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.location.file.name() != COMPLIANT),
        "new rules must keep {COMPLIANT} compliant; findings:\n{}",
        listing(&report)
    );
    // The other examples do have findings, so the filter above is not vacuous.
    assert!(tenants.len() >= 3, "{tenants:?}");
    assert!(!tenants.contains("acme-finance"), "{}", listing(&report));

    // Checked on its own too: nothing about it depends on the other files.
    let alone = check(COMPLIANT).unwrap();
    assert!(alone.problems.is_empty());
    assert_eq!(alone.tenants, 1);
    assert!(alone.findings.is_empty(), "{}", listing(&alone));
}

/// For each pack, the example of a tenant that keeps that contract: it passes the default gate,
/// with evidence gaps at most. `acme-compliant.toml` keeps NRB's terms and the addendum together,
/// as NRB's customers sign both.
const COMPLIANT_PER_PACK: &[(&str, &str)] = &[
    ("nrb", COMPLIANT),
    ("dpa", COMPLIANT),
    ("nmbrs", "examples/nmbrs-compliant.toml"),
    ("norisk", "examples/norisk-compliant.toml"),
    ("smartlockr", "examples/smartlockr-compliant.toml"),
];

#[test]
fn each_pack_has_a_compliant_example_that_passes_the_default_gate() {
    let packs: BTreeSet<String> = RuleSet::load(None)
        .unwrap()
        .rules
        .iter()
        .map(|r| r.pack.clone())
        .collect();
    let covered: BTreeSet<String> = COMPLIANT_PER_PACK
        .iter()
        .map(|(p, _)| (*p).to_owned())
        .collect();
    assert_eq!(covered, packs, "every pack needs a compliant example");
    for &(pack, file) in COMPLIANT_PER_PACK {
        let report = check(file).unwrap();
        assert!(report.problems.is_empty(), "{file}");
        assert_eq!(report.tenants, 1, "{file}");
        assert!(
            report.checked[0].contracts.iter().any(|c| c == pack),
            "{file} is not bound by `{pack}`"
        );
        let violations: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::Violation)
            .collect();
        assert!(
            violations.is_empty(),
            "{file} must break no duty; findings:\n{}",
            listing(&report)
        );
        assert_eq!(
            Exit::of(&report, FailOn::Severity(Severity::Error)),
            Exit::Clean,
            "{file}"
        );
    }
}

#[test]
fn each_core_rule_is_shown_where_the_readme_says() {
    let report = check(EXAMPLES).unwrap();
    assert!(report.problems.is_empty());
    let shown: BTreeSet<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.location.file.name(), f.rule.id.as_str()))
        .collect();
    for &(file, rule) in SHOWN_IN {
        assert!(
            shown.contains(&(file, rule)),
            "{file} should show {rule}; findings:\n{}",
            listing(&report)
        );
    }
    let rules: BTreeSet<&str> = shown.iter().map(|(_, rule)| *rule).collect();
    for rule in CORE_RULES {
        assert!(rules.contains(rule), "no example shows {rule}");
    }
}

#[test]
fn the_readme_command_exits_1_because_of_the_findings() {
    let output = cargo_bin_cmd!("obligo")
        .args([
            "check",
            "examples/",
            "--now",
            "2026-11-21",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for rule in CORE_RULES {
        assert!(stdout.contains(rule), "{rule} missing from:\n{stdout}");
    }

    cargo_bin_cmd!("obligo")
        .args([
            "check",
            COMPLIANT,
            "--now",
            "2026-11-21",
            "--color",
            "never",
        ])
        .assert()
        .code(0);
}

#[test]
fn example_paths_point_at_real_files() {
    for &(file, _) in SHOWN_IN {
        assert!(Path::new(file).is_file(), "{file} is listed but missing");
    }
    assert!(Path::new(COMPLIANT).is_file());
}
