//! The whole check: any bytes, as a tenant file next to an evidence file it may include, go
//! through `Checker::check` with every embedded pack and are rendered in every format. Never
//! a panic, an abort, a hang or unbounded memory.
#![no_main]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::render::{Format, Input, Settings};
use obligo::rules::{Rule, RuleSet};

struct Fixed {
    checker: Checker,
    rules: Vec<Arc<Rule>>,
    dir: PathBuf,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let rules = RuleSet::load(None).unwrap_or_else(|e| panic!("embedded packs: {e:?}"));
        let refdata = ReferenceData::embedded().unwrap_or_else(|e| panic!("{e}"));
        let checker = Checker::new(&rules, refdata).unwrap_or_else(|e| panic!("{e}"));
        let dir = std::env::temp_dir().join(format!("obligo-fuzz-check-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("providers")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            dir.join("providers/nrb.toml"),
            include_str!("../../examples/providers/nrb.toml"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let rules = checker.engine().rules().to_vec();
        Fixed {
            checker,
            rules,
            dir,
        }
    })
}

fuzz_target!(init: { fixed(); }, |data: &[u8]| {
    let fixed = fixed();
    // Raw bytes, not only UTF-8: the reader must refuse what is not text.
    let path = fixed.dir.join("tenant.toml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let now = jiff::civil::date(2026, 12, 3);
    let report = fixed.checker.check(&CheckOptions {
        paths: vec![path],
        now,
    });
    let mut settings = Settings::new(now);
    settings.color = true;
    let input = Input {
        report: &report,
        rules: &fixed.rules,
        settings: &settings,
    };
    for format in <Format as clap::ValueEnum>::value_variants() {
        let _ = format.render(&input);
    }
});
