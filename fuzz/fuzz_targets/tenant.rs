//! Tenant loading: any bytes, read as a tenant file, must give a tenant or located input
//! errors, and a tenant must give entities or an entity error; never a panic, an abort, a hang
//! or unbounded memory.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use obligo::entities::TenantEntities;
use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;
use obligo::source::SourceFile;
use obligo::tenant::{self, Parsed};

/// What every input shares: the embedded reference data and the embedded packs' schema.
struct Fixed {
    refdata: ReferenceData,
    rules: RuleSet,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| Fixed {
        refdata: ReferenceData::embedded().unwrap_or_else(|e| panic!("reference data: {e}")),
        rules: RuleSet::load(None).unwrap_or_else(|e| panic!("embedded packs: {e:?}")),
    })
}

fuzz_target!(init: { fixed(); }, |data: &[u8]| {
    // Non-UTF-8 files are refused by the reader before parsing (`limits::read_text`).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fixed = fixed();
    let file = SourceFile::new("fuzz.toml", text);
    match tenant::parse(&file, &fixed.refdata) {
        Parsed::Tenant(tenant) => {
            if let Err(error) = TenantEntities::build(&tenant, &fixed.refdata, &fixed.rules.schema) {
                let _ = error.to_string();
            }
        }
        Parsed::NotATenant => {}
        Parsed::Invalid(errors) => {
            for error in errors {
                // Locating an error must stay inside the file.
                let _ = error.location();
                let _ = error.line_col();
                let _ = error.to_string();
            }
        }
    }
});
