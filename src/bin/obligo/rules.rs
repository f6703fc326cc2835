//! `obligo rules`: the rule registry as a table.

use obligo::exit::Exit;
use obligo::rules::{Rule, RuleSet};

use crate::args::RulesArgs;

pub fn run(args: RulesArgs) -> Exit {
    match RuleSet::load(args.policies.as_deref()) {
        Ok(set) => {
            crate::print(&table(&set.rules));
            Exit::Clean
        }
        Err(errors) => {
            crate::eprint_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic))
        }
    }
}

/// One line per rule: id, severity, title, clause, in aligned columns.
pub fn table(rules: &[Rule]) -> String {
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let title_width = rules
        .iter()
        .map(|r| r.title.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:id_width$}  {:8}  {:title_width$}  CLAUSE\n",
        "ID", "SEVERITY", "TITLE"
    );
    for rule in rules {
        out.push_str(&format!(
            "{:id_width$}  {:8}  {:title_width$}  {}\n",
            rule.id,
            rule.severity.as_str(),
            rule.title,
            rule.clause
        ));
    }
    out
}
