//! `obligo rules`: the rule registry as a table, or as the Markdown rules reference.

use obligo::exit::Exit;
use obligo::rules::reference;
use obligo::rules::{Rule, RuleSet};
use obligo::suggest;

use crate::args::{RulesArgs, RulesFormat};

pub fn run(args: RulesArgs) -> Exit {
    let set = match RuleSet::load(args.policies.as_deref()) {
        Ok(set) => set,
        Err(errors) => {
            return crate::eprint_policy_errors(&errors);
        }
    };
    if let Some(exit) = args
        .pack
        .as_deref()
        .and_then(|pack| unknown_pack(&set, pack))
    {
        return exit;
    }
    let text = match args.format {
        RulesFormat::Table => {
            let rules: Vec<&Rule> = set
                .rules
                .iter()
                .filter(|r| args.pack.as_ref().is_none_or(|p| &r.pack == p))
                .collect();
            table(&rules)
        }
        RulesFormat::Markdown => reference::markdown(&set, args.pack.as_deref()),
        RulesFormat::Json => reference::json(&set, args.pack.as_deref()),
    };
    if crate::print(&text) {
        Exit::Clean
    } else {
        Exit::Error
    }
}

/// One line per rule: id, severity, the party it binds, title, clause, in aligned columns.
pub fn table(rules: &[&Rule]) -> String {
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let title_width = rules
        .iter()
        .map(|r| r.title.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:id_width$}  {:8}  {:8}  {:title_width$}  CLAUSE\n",
        "ID", "SEVERITY", "BINDS", "TITLE"
    );
    for rule in rules {
        out.push_str(&format!(
            "{:id_width$}  {:8}  {:8}  {:title_width$}  {}\n",
            rule.id,
            rule.severity.as_str(),
            rule.binds.as_str(),
            rule.title,
            rule.clause
        ));
    }
    out
}

/// Reports `pack` when `set` has no such pack, with the closest known one.
pub fn unknown_pack(set: &RuleSet, pack: &str) -> Option<Exit> {
    if set.pack(pack).is_some() {
        return None;
    }
    let hint = suggest::closest(pack, set.pack_ids())
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| format!("known packs: {}", set.pack_ids().join(", ")));
    Some(crate::fail::error_with_help(
        obligo::problem::codes::USAGE_UNKNOWN_PACK,
        format!("unknown pack `{pack}`"),
        hint,
    ))
}
