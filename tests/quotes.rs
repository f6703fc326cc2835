//! Every rule's `@quote` must appear verbatim (whitespace and line breaks aside) in the
//! contract its pack comes from. The texts are read from `$OBLIGO_CONTRACTS_DIR` (set by
//! `.ci/run`), or from `../shared/contracts` beside the checkout. They are not part of the
//! repository, so without them the tests are skipped with a message, unless
//! `OBLIGO_REQUIRE_EXTERNAL` is set (as `.ci/run` does).

#![cfg(test)]

use std::path::PathBuf;

use obligo::rules::RuleSet;

mod common;

/// The contract file of each pack, by the number that starts its name.
const PACK_FILES: [(&str, &str); 5] = [
    ("nrb", "000_"),
    ("dpa", "001_"),
    ("nmbrs", "002_"),
    ("norisk", "003_"),
    ("smartlockr", "004_"),
];

/// The directory of contract texts, or `None` when the test is to be skipped.
fn contracts_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("OBLIGO_CONTRACTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/contracts"));
    let found = dir.is_dir().then(|| dir.clone());
    common::or_skip(found, || {
        format!(
            "contract texts not found at {}: set OBLIGO_CONTRACTS_DIR",
            dir.display()
        )
    })
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contract_text(dir: &std::path::Path, pack: &str) -> String {
    let prefix = PACK_FILES
        .iter()
        .find(|(p, _)| *p == pack)
        .map(|(_, prefix)| *prefix)
        .unwrap_or_else(|| panic!("pack `{pack}` has no contract file"));
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no contract file {prefix}* in {}", dir.display()));
    normalise(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn every_quote_is_verbatim_from_its_contract() {
    let Some(dir) = contracts_dir() else { return };
    let set = RuleSet::load(None).unwrap_or_else(|e| panic!("{e:#?}"));
    let mut wrong = Vec::new();
    for rule in &set.rules {
        let quote = rule.quote.as_deref().unwrap_or_default();
        if quote.trim().is_empty() || !contract_text(&dir, &rule.pack).contains(&normalise(quote)) {
            wrong.push(format!("{}: {quote:?}", rule.id));
        }
    }
    assert!(
        wrong.is_empty(),
        "quotes not found verbatim in their contract:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_paraphrase_is_not_accepted() {
    let Some(dir) = contracts_dir() else { return };
    let text = contract_text(&dir, "dpa");
    assert!(text.contains(&normalise(
        "schakelt authenticatiereferenties die gedurende"
    )));
    assert!(!text.contains(&normalise(
        "schakelt authenticatiereferenties uit die gedurende"
    )));
}
