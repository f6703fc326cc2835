//! `docs/rules.md` is generated from the policies; this test fails when it is out of date.
//! Regenerate it with `cargo run -- rules --format markdown > docs/rules.md`
//! (or run this test with `OBLIGO_BLESS=1`).

#![cfg(test)]

use obligo::rules::RuleSet;
use obligo::rules::reference;

#[test]
fn the_rules_reference_is_up_to_date() {
    let set = RuleSet::load(None).unwrap_or_else(|e| panic!("{e:#?}"));
    let expected = reference::markdown(&set, None);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("OBLIGO_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}
