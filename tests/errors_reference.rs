//! The error registry (`src/problem/codes.rs`) against its uses and its documentation:
//! `docs/errors.md` is generated from it and fails this test when out of date (regenerate it by
//! running this test with `OBLIGO_BLESS=1`), and every code is used by some diagnostic outside
//! the registry, so no code is documented that nothing emits.

#![cfg(test)]

use std::path::{Path, PathBuf};

use obligo::problem::codes;

#[test]
fn the_errors_reference_is_up_to_date() {
    let expected = codes::markdown();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
    if std::env::var_os("OBLIGO_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "docs/errors.md is out of date: run `OBLIGO_BLESS=1 cargo test --test errors_reference`"
    );
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_code_is_used_outside_the_registry() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let registry = src.join("problem/codes.rs");
    let registry_text = std::fs::read_to_string(&registry).unwrap();
    let mut files = Vec::new();
    sources(&src, &mut files);
    let uses: String = files
        .iter()
        .filter(|p| **p != registry)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    // The constants as the registry defines them: `    NAME = "area" / "name":`.
    let constants: Vec<&str> = registry_text
        .lines()
        .filter_map(|line| {
            let (name, rest) = line.trim_start().split_once(" = \"")?;
            (rest.contains("\" / \"") && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
                .then_some(name)
        })
        .collect();
    assert_eq!(constants.len(), codes::ALL.len(), "{constants:?}");
    let unused: Vec<&&str> = constants
        .iter()
        .filter(|name| !uses.contains(&format!("codes::{name}")))
        .collect();
    assert!(unused.is_empty(), "codes no diagnostic uses: {unused:?}");
    // And no code is spelt out anywhere else: every diagnostic takes its code from the registry.
    for file in &files {
        if *file == registry {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for code in codes::ALL {
            assert!(
                !text.contains(&format!("\"{}\"", code.id)),
                "{}: spells out {} instead of using the registry",
                file.display(),
                code.id
            );
        }
    }
}
