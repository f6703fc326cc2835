//! Every rule's `@quote` must appear verbatim (whitespace and line breaks aside) in the
//! contract its pack comes from. The texts are read from `$OBLIGO_CONTRACTS_DIR` (set by
//! `.ci/run`), or from `../shared/contracts` beside the checkout. They are not part of the
//! repository, so without them the tests are skipped with a message, unless
//! `OBLIGO_REQUIRE_EXTERNAL` is set (as `.ci/run` does).

#![cfg(test)]

use std::path::PathBuf;

use obligo::rules::RuleSet;

mod common;

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

/// The text of the contract that `pack`'s `pack.toml` names.
fn contract_text(dir: &std::path::Path, set: &RuleSet, pack: &str) -> String {
    let name = set
        .pack(pack)
        .and_then(|p| p.contract.as_deref())
        .unwrap_or_else(|| panic!("pack `{pack}` names no contract file in its pack.toml"));
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    normalise(&text)
}

#[test]
fn every_quote_is_verbatim_from_its_contract() {
    let Some(dir) = contracts_dir() else { return };
    let set = RuleSet::load(None).unwrap_or_else(|e| panic!("{e:#?}"));
    let mut wrong = Vec::new();
    let texts: std::collections::BTreeMap<&str, String> = set
        .pack_ids()
        .into_iter()
        .map(|pack| (pack, contract_text(&dir, &set, pack)))
        .collect();
    for rule in &set.rules {
        let quote = rule.quote.as_deref().unwrap_or_default();
        let text = &texts[rule.pack.as_str()];
        if quote.trim().is_empty() || !text.contains(&normalise(quote)) {
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
    let set = RuleSet::load(None).unwrap_or_else(|e| panic!("{e:#?}"));
    let text = contract_text(&dir, &set, "dpa");
    assert!(text.contains(&normalise(
        "schakelt authenticatiereferenties die gedurende"
    )));
    assert!(!text.contains(&normalise(
        "schakelt authenticatiereferenties uit die gedurende"
    )));
}
