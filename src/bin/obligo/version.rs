//! The long `--version` text: results depend on the rules and the reference data as much as on
//! the binary, so a bug report or an audit trail names all three.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;

/// `0.1.0`, then the embedded rules per pack and the date the reference data was checked.
pub fn long() -> String {
    let mut text = String::from(env!("CARGO_PKG_VERSION"));
    match RuleSet::load(None) {
        Ok(set) => {
            let mut packs: BTreeMap<&str, usize> = BTreeMap::new();
            for rule in &set.rules {
                *packs.entry(rule.pack.as_str()).or_default() += 1;
            }
            let per_pack: Vec<String> = packs.iter().map(|(p, n)| format!("{p} {n}")).collect();
            let _ = write!(
                text,
                "\nrules: {} embedded ({})",
                set.rules.len(),
                per_pack.join(", ")
            );
        }
        Err(_) => text.push_str("\nrules: the embedded packs do not load (run `obligo rules`)"),
    }
    match ReferenceData::embedded() {
        Ok(data) => {
            let _ = write!(
                text,
                "\nreference data: checked {} (adequacy decisions, countries, cloud regions, OS lifecycles)",
                data.adequacy_checked()
            );
        }
        Err(_) => text.push_str("\nreference data: the embedded tables do not load"),
    }
    text
}
