//! `tenant.include`: a provider's statements (its attestations, sub-processors and facilities)
//! and the customer's accepted risks, declared once in an evidence file that many tenants
//! include, instead of being copied into each. An evidence file has no `[tenant]` table, holds
//! only those tables, and includes nothing itself, so there are no chains or cycles to follow.
//! Its tables are read at offsets of their own (see [`Sources`]), so that errors and findings
//! point into it.

use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::discover::{file_key, normalize, same_file};
use crate::facts::reference::ReferenceData;
use crate::limits;
use crate::source::{Located, SourceFile, Sources};
use crate::tenant::error::InputErrorKind;
use crate::tenant::model::{AcceptedRisk, Attestation, Facility, SubProcessor};
use crate::tenant::reader::{self, Cx, Table};
use crate::tenant::tree;
use crate::tenant::{Format, format};

use super::{all, contract, processing, risk};

/// The tables read from every included file, in the order included.
#[derive(Debug, Default)]
pub(super) struct Included {
    pub(super) attestations: Vec<Attestation>,
    pub(super) sub_processors: Vec<SubProcessor>,
    pub(super) facilities: Vec<Facility>,
    pub(super) accepted_risks: Vec<AcceptedRisk>,
}

/// Reads every file of `include`. A file that cannot be used is an error at its entry; errors
/// inside a file that can be read are reported in that file.
pub(super) fn read_includes(
    cx: &Cx<'_>,
    include: &[Located<String>],
    rd: &ReferenceData,
    max_file_size: u64,
) -> Included {
    let mut out = Included::default();
    let dir = cx.file.path().parent().unwrap_or(Path::new(""));
    let mut seen: Vec<PathBuf> = Vec::new();
    for entry in include {
        let fail = |reason: String| {
            cx.report(
                entry.span.clone(),
                InputErrorKind::Include {
                    path: entry.value.clone(),
                    reason,
                },
            );
        };
        let path = normalize(&dir.join(&entry.value));
        // The same key the walk uses, so that a file included through a link or `..` is still
        // one file.
        let key = file_key(&path);
        if seen.contains(&key) {
            fail("it is already included above".into());
            continue;
        }
        seen.push(key);
        if same_file(&path, cx.file.path()) {
            fail("a file cannot include itself".into());
            continue;
        }
        // An evidence file is held to the limits of the tenant file including it: it is read
        // as much.
        let text = match limits::read_text(&path, max_file_size) {
            Ok(text) => text,
            Err(error) => {
                fail(format!("cannot read `{}`: {error}", path.display()));
                continue;
            }
        };
        let file = SourceFile::new(&path, text);
        if let Some(error) = super::too_deep(&file).filter(|_| Format::of(&path) == Format::Toml) {
            cx.absorb(vec![error]);
            continue;
        }
        read_one(cx, &file, rd, &fail, &mut out);
    }
    out
}

fn read_one(
    cx: &Cx<'_>,
    file: &SourceFile,
    rd: &ReferenceData,
    fail: &dyn Fn(String),
    out: &mut Included,
) {
    // Leading blank lines put the file's text at its own offsets without changing its meaning.
    let base = cx.add_source(file.clone());
    let padded = format!("{}{}", "\n".repeat(base), file.text());
    let format = Format::of(file.path());
    let padded_file = SourceFile::new(file.path(), padded.as_str());
    let parsed = match format {
        Format::Toml => DeTable::parse(&padded)
            .map(|root| tree::from_toml(&root))
            .map_err(|error| {
                let at = error
                    .span()
                    .map(|span| {
                        let (line, column) = file.line_col(span.start.saturating_sub(base));
                        format!(" at {}:{line}:{column}", file.name())
                    })
                    .unwrap_or_default();
                format!("it is not valid TOML{at}: {}", error.message().trim())
            }),
        Format::Json | Format::Yaml => match reader::documents(&padded_file) {
            Ok(mut documents) if documents.len() == 1 => Ok(documents.remove(0)),
            Ok(_) => Err("an evidence file holds one document".to_owned()),
            Err(errors) => Err(errors
                .first()
                .map(|error| {
                    let (line, column) = error
                        .span
                        .as_ref()
                        .map_or((1, 1), |s| file.line_col(s.start.saturating_sub(base)));
                    format!("{}:{line}:{column}: {}", file.name(), error.kind)
                })
                .unwrap_or_default()),
        },
    };
    let root = match parsed {
        Ok(root) => root,
        Err(message) => {
            fail(message);
            return;
        }
    };
    if root.root.contains_key("tenant") {
        fail(format!(
            "`{}` is a tenant file (it has a `[tenant]` table); only evidence files can be included",
            file.name()
        ));
        return;
    }
    let file_cx = Cx::with_sources(file, Sources::at(base, file.clone()));
    let mut top =
        Table::root(&file_cx, &root, "the evidence file").declared(&format::EVIDENCE_FILE);
    out.attestations
        .extend(all(&mut top, "attestation", contract::read_attestation));
    out.sub_processors
        .extend(all(&mut top, "sub_processor", |t| {
            processing::read_sub_processor(t, rd)
        }));
    out.facilities.extend(all(&mut top, "facility", |t| {
        processing::read_facility(t, rd)
    }));
    out.accepted_risks
        .extend(all(&mut top, "accepted_risk", risk::read_accepted_risk));
    // Anything else, `include` too, is an unknown key of the evidence file.
    top.finish();
    cx.absorb(file_cx.into_errors());
}
