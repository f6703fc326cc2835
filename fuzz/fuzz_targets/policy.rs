//! Policy loading: any bytes, added to the embedded packs as a user's `.cedar` file the way
//! `--policies` adds one, must load or give policy errors; a loaded set must build a checker
//! and evaluate a real tenant. Never a panic, an abort, a hang or unbounded memory.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::rules::{RuleSet, embedded};
use obligo::source::SourceFile;

/// A tenant bound by every pack, written once, so that a loaded policy is also evaluated.
fn tenant_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("obligo-fuzz-policy-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("providers")).unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
        };
        write(
            "tenant.toml",
            include_str!("../../examples/acme-hybrid-cloud.toml"),
        );
        write(
            "providers/nrb.toml",
            include_str!("../../examples/providers/nrb.toml"),
        );
        dir
    })
}

fuzz_target!(init: { tenant_dir(); }, |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As `RuleSet::load` does with `--policies DIR`: the embedded files, then the user's files
    // keyed by their path relative to DIR (here one rule in a pack of its own).
    let mut files: BTreeMap<String, SourceFile> = embedded::FILES
        .iter()
        .map(|(path, text)| ((*path).to_owned(), SourceFile::new(format!("policies/{path}"), *text)))
        .collect();
    files.insert("fuzz/rule.cedar".to_owned(), SourceFile::new("user/fuzz/rule.cedar", text));
    match RuleSet::from_files(files) {
        Ok(rules) => {
            // `ReferenceData` is not `Clone`; reading it again costs little next to validation.
            let Ok(refdata) = ReferenceData::embedded() else {
                return;
            };
            let Ok(checker) = Checker::new(&rules, refdata) else {
                return;
            };
            let now = jiff::civil::date(2026, 12, 3);
            let report = checker.check(&CheckOptions {
                paths: vec![tenant_dir().join("tenant.toml")],
                now,
            });
            let settings = obligo::render::Settings::new(now);
            let _ = obligo::render::Format::Json.render(&obligo::render::Input {
                report: &report,
                rules: checker.engine().rules(),
                settings: &settings,
            });
        }
        Err(errors) => {
            for error in errors {
                let _ = error.to_string();
            }
        }
    }
});
