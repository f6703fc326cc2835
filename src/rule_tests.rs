//! Rule test cases, as `obligo test` runs them: tenant files whose `# expect:` comments say
//! which findings they must produce, laid out as `<pack>/<rule-name>/{pass,fail}*.toml`. The
//! project's own rule fixtures are such cases; a platform team writes the same for its pack.
//!
//! For each case the real check runs, and two multisets of `(rule id, line)` are compared: the
//! findings of the rule under test and of every rule an `# expect:` names, and the `# expect:`
//! comments. Other rules may fire on the same file without the case mentioning them.

pub mod layout;
pub mod markers;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::check::{CheckOptions, Checker};
use crate::render::human;
use crate::rules::RuleSet;

pub use layout::{Case, Kind, collect};

/// The evaluation date of a case without `# now:`.
pub const DEFAULT_NOW: Date = jiff::civil::date(2026, 11, 21);

/// Runs one case; `Err` lists every way it went wrong, each starting with the place in the
/// case file it is about (`path:line`, and for an unexpected finding `path:line:column`).
pub fn run(checker: &Checker, rule_ids: &BTreeSet<String>, case: &Case) -> Result<(), Vec<String>> {
    let path = case.path.display();
    let text = std::fs::read_to_string(&case.path)
        .map_err(|error| vec![format!("{path}: cannot read the case: {error}")])?;
    let markers = markers::read(&text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| format!("{path}: {e}"))
            .collect::<Vec<_>>()
    })?;
    let mut errors = Vec::new();
    if !rule_ids.contains(&case.rule) {
        errors.push(format!(
            "{path}: no rule `{}`: the directory must be named after a rule id `<pack>/<rule-name>`",
            case.rule
        ));
    }
    for (id, line) in &markers.expected {
        if !rule_ids.contains(id) {
            errors.push(format!(
                "{path}:{line}: `# expect:` names unknown rule `{id}`"
            ));
        }
    }
    let for_rule = markers
        .expected
        .iter()
        .filter(|(id, _)| *id == case.rule)
        .count();
    match case.kind {
        Kind::Fail if for_rule == 0 => errors.push(format!(
            "{path}: a fail case needs at least one `# expect: {}`",
            case.rule
        )),
        Kind::Pass if for_rule > 0 => errors.push(format!(
            "{path}: a pass case must not expect `{}`; name it `fail*.toml`",
            case.rule
        )),
        _ => {}
    }
    let report = checker.check(&CheckOptions {
        paths: vec![case.path.clone()],
        now: markers.now.unwrap_or(DEFAULT_NOW),
    });
    if !report.problems.is_empty() {
        let style = human::Style {
            color: false,
            width: 100,
        };
        errors.push(format!(
            "{path}: the case could not be checked:\n{}",
            human::render(&report, style)
        ));
        return Err(errors);
    }

    let mut relevant: BTreeSet<&str> = BTreeSet::from([case.rule.as_str()]);
    relevant.extend(markers.expected.iter().map(|(id, _)| id.as_str()));
    let mut balance: BTreeMap<(&str, usize), isize> = BTreeMap::new();
    for (id, line) in &markers.expected {
        *balance.entry((id.as_str(), *line)).or_default() += 1;
    }
    let mut found: BTreeMap<(&str, usize), Vec<String>> = BTreeMap::new();
    for finding in &report.findings {
        let id = finding.rule.id.as_str();
        if !relevant.contains(id) {
            continue;
        }
        let (line, column) = finding.location.start();
        *balance.entry((id, line)).or_default() -= 1;
        found
            .entry((id, line))
            .or_default()
            .push(format!("{path}:{line}:{column}: {}", finding.message));
    }
    for ((id, line), count) in balance {
        if count > 0 {
            let lines: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule.id == id)
                .map(|f| f.location.start().0.to_string())
                .collect();
            let lines = if lines.is_empty() {
                "none".to_owned()
            } else {
                format!("line {}", lines.join(", "))
            };
            errors.push(format!(
                "{path}:{line}: missing {count} × `{id}` (findings of `{id}`: {lines})"
            ));
        } else if count < 0 {
            let detail = found
                .get(&(id, line))
                .map_or_else(String::new, |m| m.join("; "));
            errors.push(format!(
                "{path}:{line}: unexpected {} × `{id}`, no `# expect:` on this line: {detail}",
                -count
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The rules of the packs that `cases` test (the packs with a directory of cases), sorted by
/// id: a team testing its own pack is not told about the built-in ones.
pub fn tested_rules<'a>(rules: &'a RuleSet, cases: &[Case]) -> Vec<&'a str> {
    rules
        .rules
        .iter()
        .filter(|r| {
            cases
                .iter()
                .any(|c| c.rule.split('/').next() == Some(r.pack.as_str()))
        })
        .map(|r| r.id.as_str())
        .collect()
}

/// The ids among `tested` without a fail case among `cases`: rules whose firing nothing shows.
pub fn without_fail_case<'a>(tested: &[&'a str], cases: &[Case]) -> Vec<&'a str> {
    tested
        .iter()
        .copied()
        .filter(|id| !cases.iter().any(|c| c.kind == Kind::Fail && c.rule == *id))
        .collect()
}

#[cfg(test)]
mod tests;
