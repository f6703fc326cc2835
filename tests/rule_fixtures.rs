//! Pass and fail fixtures for every rule, run through the library.
//!
//! Each rule has a directory `tests/fixtures/rules/<pack>/<rule-name>/` of complete tenant files
//! named `pass*.toml` or `fail*.toml`. A finding is expected where a line carries a trailing
//! `# expect: <rule-id>[, <rule-id>…]` comment; `# now: YYYY-MM-DD` on a line of its own sets
//! the evaluation date. The convention is documented in `tests/fixtures/rules/README.md`; a new
//! rule needs only its directory, never a change here.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::render::human;
use obligo::rules::RuleSet;
use obligo::rules::scope::AppliesTo;

/// Relative to the crate root, which is the working directory of integration tests, so that
/// fixture names in messages are short and stable.
const ROOT: &str = "tests/fixtures/rules";

/// The evaluation date of a fixture without `# now:`.
const DEFAULT_NOW: Date = jiff::civil::date(2026, 11, 21);

/// Whether a fixture shows the rule firing or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pass,
    Fail,
}

/// One fixture file and the rule it is about.
#[derive(Debug, Clone)]
struct Fixture {
    path: PathBuf,
    /// `<pack>/<rule-name>`, from the directory.
    rule: String,
    kind: Kind,
}

/// What a fixture's comments declare.
#[derive(Debug, Default, PartialEq, Eq)]
struct Annotations {
    now: Option<Date>,
    /// `(rule id, 1-based line)` for every id of every `# expect:` comment.
    expected: Vec<(String, usize)>,
}

/// Every fixture under [`ROOT`], plus the problems with the layout itself (stray files, badly
/// named fixtures), which are failures too.
fn collect(root: &Path) -> (Vec<Fixture>, Vec<String>) {
    let mut fixtures = Vec::new();
    let mut errors = Vec::new();
    for pack in sorted_entries(root, &mut errors) {
        if !pack.is_dir() {
            if !is_readme(&pack) {
                errors.push(format!(
                    "{}: expected only pack directories here",
                    pack.display()
                ));
            }
            continue;
        }
        for rule_dir in sorted_entries(&pack, &mut errors) {
            if !rule_dir.is_dir() {
                errors.push(format!(
                    "{}: expected only rule directories (`<pack>/<rule-name>/`) here",
                    rule_dir.display()
                ));
                continue;
            }
            let rule = format!("{}/{}", file_name(&pack), file_name(&rule_dir));
            for path in sorted_entries(&rule_dir, &mut errors) {
                let name = file_name(&path);
                let kind = if !name.ends_with(".toml") || path.is_dir() {
                    None
                } else if name.starts_with("pass") {
                    Some(Kind::Pass)
                } else if name.starts_with("fail") {
                    Some(Kind::Fail)
                } else {
                    None
                };
                match kind {
                    Some(kind) => fixtures.push(Fixture {
                        path,
                        rule: rule.clone(),
                        kind,
                    }),
                    None if is_readme(&path) => {}
                    None => errors.push(format!(
                        "{}: a fixture is named `pass*.toml` or `fail*.toml`",
                        path.display()
                    )),
                }
            }
        }
    }
    (fixtures, errors)
}

fn sorted_entries(dir: &Path, errors: &mut Vec<String>) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            paths
        }
        Err(error) => {
            errors.push(format!("{}: cannot read directory: {error}", dir.display()));
            Vec::new()
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_readme(path: &Path) -> bool {
    file_name(path) == "README.md"
}

/// Reads the `# expect:` and `# now:` comments of a fixture.
fn annotations(text: &str) -> Result<Annotations, Vec<String>> {
    let mut out = Annotations::default();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(date) = line.trim().strip_prefix('#').map(str::trim_start)
            && let Some(date) = date.strip_prefix("now:")
        {
            match date.trim().parse::<Date>() {
                Ok(_) if out.now.is_some() => {
                    errors.push(format!("line {number}: a second `# now:`"));
                }
                Ok(date) => out.now = Some(date),
                Err(error) => errors.push(format!(
                    "line {number}: `# now:` needs a date YYYY-MM-DD: {error}"
                )),
            }
            continue;
        }
        let Some((before, ids)) = expect_comment(line) else {
            continue;
        };
        if before.trim().is_empty() {
            errors.push(format!(
                "line {number}: `# expect:` must trail the line where the finding starts, not stand alone"
            ));
            continue;
        }
        let ids: Vec<&str> = ids.split(',').map(str::trim).collect();
        if ids.iter().any(|id| id.is_empty()) {
            errors.push(format!(
                "line {number}: `# expect:` needs comma-separated rule ids, found `{}`",
                line[before.len()..].trim()
            ));
            continue;
        }
        out.expected
            .extend(ids.into_iter().map(|id| (id.to_owned(), number)));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Splits `<toml> # expect: <ids>` into the part before the comment and the ids.
fn expect_comment(line: &str) -> Option<(&str, &str)> {
    line.match_indices('#').find_map(|(at, _)| {
        let ids = line[at + 1..]
            .trim_start()
            .strip_prefix("expect")?
            .trim_start()
            .strip_prefix(':')?;
        Some((&line[..at], ids))
    })
}

/// Runs one fixture; `Err` describes every way it went wrong.
fn run(checker: &Checker, rules: &BTreeSet<String>, fixture: &Fixture) -> Result<(), String> {
    let text = std::fs::read_to_string(&fixture.path)
        .map_err(|error| format!("cannot read the fixture: {error}"))?;
    let annotations = annotations(&text).map_err(|errors| errors.join("\n"))?;
    let mut errors = Vec::new();
    if !rules.contains(&fixture.rule) {
        errors.push(format!(
            "no rule `{}`: the directory must be named after a rule id `<pack>/<rule-name>`",
            fixture.rule
        ));
    }
    for (id, line) in &annotations.expected {
        if !rules.contains(id) {
            errors.push(format!(
                "line {line}: `# expect:` names unknown rule `{id}`"
            ));
        }
    }
    let for_rule = annotations
        .expected
        .iter()
        .filter(|(id, _)| *id == fixture.rule)
        .count();
    match fixture.kind {
        Kind::Fail if for_rule == 0 => errors.push(format!(
            "a fail fixture needs at least one `# expect: {}`",
            fixture.rule
        )),
        Kind::Pass if for_rule > 0 => errors.push(format!(
            "a pass fixture must not expect `{}`; name it `fail*.toml`",
            fixture.rule
        )),
        _ => {}
    }
    let report = checker.check(&CheckOptions {
        paths: vec![fixture.path.clone()],
        now: annotations.now.unwrap_or(DEFAULT_NOW),
    });
    if !report.problems.is_empty() {
        let style = human::Style {
            color: false,
            width: 100,
        };
        errors.push(format!(
            "the fixture could not be checked:\n{}",
            human::render(&report, style)
        ));
        return Err(errors.join("\n"));
    }

    // Only the rule under test and the rules the file names are compared; other rules may
    // fire on the same file without the fixture having to mention them.
    let mut relevant: BTreeSet<&str> = BTreeSet::from([fixture.rule.as_str()]);
    relevant.extend(annotations.expected.iter().map(|(id, _)| id.as_str()));
    let mut balance: BTreeMap<(&str, usize), isize> = BTreeMap::new();
    for (id, line) in &annotations.expected {
        *balance.entry((id.as_str(), *line)).or_default() += 1;
    }
    let mut messages: BTreeMap<(&str, usize), Vec<String>> = BTreeMap::new();
    for finding in &report.findings {
        let id = finding.rule.id.as_str();
        if !relevant.contains(id) {
            continue;
        }
        let (line, column) = finding.location.start();
        *balance.entry((id, line)).or_default() -= 1;
        messages
            .entry((id, line))
            .or_default()
            .push(format!("{line}:{column} {}", finding.message));
    }
    for ((id, line), count) in balance {
        if count > 0 {
            let got: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule.id == id)
                .map(|f| f.location.start().0.to_string())
                .collect();
            let got = if got.is_empty() {
                "none".to_owned()
            } else {
                format!("line {}", got.join(", "))
            };
            errors.push(format!(
                "missing: {count} × `{id}` at line {line} (findings of `{id}`: {got})"
            ));
        } else if count < 0 {
            let detail = messages
                .get(&(id, line))
                .map_or_else(String::new, |m| format!(": {}", m.join("; ")));
            errors.push(format!(
                "unexpected: {} × `{id}` at line {line}{detail}",
                -count
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

fn checker() -> (Checker, BTreeSet<String>) {
    let rules = match RuleSet::load(None) {
        Ok(rules) => rules,
        Err(errors) => {
            let handler = miette::GraphicalReportHandler::new_themed(
                miette::GraphicalTheme::unicode_nocolor(),
            );
            let mut out = String::new();
            for error in &errors {
                let _ = handler.render_report(&mut out, error);
            }
            panic!("the built-in rules do not load:\n{out}");
        }
    };
    let ids = rules.rules.iter().map(|r| r.id.clone()).collect();
    let refdata = ReferenceData::embedded().expect("reference data loads");
    let checker = Checker::new(&rules, refdata).expect("the checker is built");
    (checker, ids)
}

#[test]
fn every_fixture_gives_exactly_the_expected_findings() {
    let (checker, rules) = checker();
    let (fixtures, mut failures) = collect(Path::new(ROOT));
    assert!(!fixtures.is_empty(), "no fixtures found under {ROOT}");
    for fixture in &fixtures {
        if let Err(error) = run(&checker, &rules, fixture) {
            failures.push(format!(
                "{} ({}):\n{}",
                fixture.path.display(),
                fixture.rule,
                indent(&error)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed (see tests/fixtures/rules/README.md):\n\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    let (_, rules) = checker();
    let (fixtures, _) = collect(Path::new(ROOT));
    let has = |rule: &str, kind: Kind| fixtures.iter().any(|f| f.rule == rule && f.kind == kind);
    let mut missing = Vec::new();
    for rule in &rules {
        for (kind, name) in [(Kind::Pass, "pass"), (Kind::Fail, "fail")] {
            if !has(rule, kind) {
                missing.push(format!("{ROOT}/{rule}/{name}.toml"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules without pass and fail fixtures; add:\n  {}",
        missing.join("\n  ")
    );
}

/// Every evidence case (`@kind("evidence")`) of every rule fires in at least one fail fixture of
/// that rule, so that a rule split into violation and evidence cases shows both branches firing
/// (the exact findings are checked by `every_fixture_gives_exactly_the_expected_findings`).
#[test]
fn every_evidence_case_fires_in_a_fail_fixture() {
    let (checker, _) = checker();
    let rules = RuleSet::load(None).expect("the built-in rules load");
    let (fixtures, _) = collect(Path::new(ROOT));
    let mut fired: BTreeSet<(String, usize)> = BTreeSet::new();
    for fixture in fixtures.iter().filter(|f| f.kind == Kind::Fail) {
        let text = std::fs::read_to_string(&fixture.path).expect("the fixture is readable");
        let now = annotations(&text)
            .ok()
            .and_then(|a| a.now)
            .unwrap_or(DEFAULT_NOW);
        let report = checker.check(&CheckOptions {
            paths: vec![fixture.path.clone()],
            now,
        });
        for finding in report.findings.iter().filter(|f| f.rule.id == fixture.rule) {
            fired.insert((finding.rule.id.clone(), finding.case));
        }
    }
    let mut missing = Vec::new();
    for rule in &rules.rules {
        for (index, part) in rule.parts.iter().enumerate() {
            if part.kind == obligo::finding::Kind::Evidence
                && !fired.contains(&(rule.id.clone(), index))
            {
                missing.push(format!("{}#{index}", rule.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "evidence cases that no fail fixture of their rule makes fire; add a fixture for:\n  {}",
        missing.join("\n  ")
    );
}

/// The policies follow the rule's `@applies_to` and fail closed: a part that judges resources
/// someone runs must test who runs them, and only a declared operator may take a resource out
/// (see docs/writing-rules.md, "Whom a rule binds").
#[test]
fn every_rule_scopes_its_resources_as_its_annotations_say() {
    let rules = RuleSet::load(None).expect("the built-in rules load");
    // Each lets a resource that does not declare the attribute pass (fail open), unless negated:
    // `operator` on every type, and on credentials the `contract` a customer duty is about and
    // the `party` a duty about the provider's staff is about.
    let fail_open = |ty: &str| {
        let mut forms = vec!["resource has operator && resource.operator == \""];
        if ty == "Credential" {
            forms.push("resource has contract && resource.contract == \"");
            forms.push("resource has party && resource.party == \"provider\"");
        }
        forms
    };
    let mut wrong = Vec::new();
    for rule in &rules.rules {
        for (index, part) in rule.parts.iter().enumerate() {
            let text = part.policy.to_string();
            let ty = part.resource_type.trim_start_matches("Obligo::");
            let mut problem =
                |what: &str| wrong.push(format!("{}#{index} ({ty}): {what}", rule.id));
            for form in fail_open(ty) {
                for (at, _) in text.match_indices(form) {
                    if !text[..at].ends_with("!(") {
                        problem(&format!(
                            "`{form}…` lets a resource without it pass (fail open)"
                        ));
                    }
                }
            }
            let tests = |attr: &str| text.contains(&format!("resource.{attr}"));
            match (rule.applies_to, ty) {
                (
                    AppliesTo::ProviderProcessing,
                    "System" | "DataStore" | "Backup" | "Facility" | "Link" | "Transfer",
                ) if !tests("operator") => problem("does not test `operator`"),
                (AppliesTo::ProviderProcessing, "Credential")
                    if !(tests("operator") && tests("contract")) =>
                {
                    problem("does not test `operator` and `contract`");
                }
                (AppliesTo::ProviderProcessing, "SubProcessor") if !tests("contract") => {
                    problem("does not test `contract`");
                }
                (AppliesTo::CustomerComponents, "System" | "DataStore") if !tests("operator") => {
                    problem("does not test `operator`");
                }
                (AppliesTo::OnProviderInfrastructure, _) if !tests("hosting.provider") => {
                    problem("does not test `hosting.provider`");
                }
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "rule parts that do not scope as their `@applies_to` says:\n  {}",
        wrong.join("\n  ")
    );
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| format!("    {line}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

// The harness must itself be able to fail: these tests feed it broken fixtures.
#[path = "rule_fixtures/harness_tests.rs"]
mod harness_tests;
