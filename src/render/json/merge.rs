//! `obligo merge`: the JSON reports of the shards of a corpus (`--shard K/N`) made into the
//! report one whole run would have written.
//!
//! Every tenant file is in exactly one shard, so findings and per-file problems are put
//! together and sorted as a whole run sorts them (by file, position, rule and resource), and
//! the file, tenant and skipped counts add up. A problem not about one shard's files (a
//! broken `obligo.toml` shared by several shards, a directory that cannot be walked) is in
//! each report that met it and is kept once. The summary's finding counts are recomputed.
//!
//! What a merge cannot see: two files in different shards that claim one tenant id are each
//! checked in their own shard, where a whole run reports the second as a duplicate.

use std::collections::HashMap;

use crate::finding::{Kind, Status};
use crate::problem::codes::{self, Code};
use crate::render::Totals;
use crate::severity::Severity;

use super::{Document, JsonError, JsonFinding, VERSION, write};

/// Why reports cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError {
    /// The registry code.
    pub code: &'static Code,
    /// What is wrong, naming the report.
    pub message: String,
}

impl MergeError {
    fn new(code: &'static Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// A merged report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The JSON report, as `obligo check --format json` writes it.
    pub text: String,
    /// Tenant files read by all the reports together.
    pub files: usize,
    /// Problems in the merged report.
    pub problems: usize,
}

/// Merges `reports`, each a name (for messages) and its text, in the order given.
pub fn merge(reports: &[(String, String)]) -> Result<Merged, MergeError> {
    let documents = reports
        .iter()
        .map(|(name, text)| read(name, text).map(|document| (name.as_str(), document)))
        .collect::<Result<Vec<_>, _>>()?;
    let Some((first_name, first)) = documents.first() else {
        return Err(MergeError::new(
            codes::MERGE_UNREADABLE,
            "no report to merge",
        ));
    };
    for (name, document) in &documents[1..] {
        if document.now != first.now || document.tool != first.tool {
            return Err(MergeError::new(
                codes::MERGE_MISMATCH,
                format!(
                    "`{name}` was made by obligo {} as on {}, `{first_name}` by obligo {} as on \
                     {}: only reports of one run can be merged",
                    document.tool.version, document.now, first.tool.version, first.now
                ),
            ));
        }
    }
    check_shards(&documents)?;
    let mut findings: Vec<JsonFinding<'static>> = Vec::new();
    let mut errors = Errors::default();
    let mut summary = first.summary.clone();
    (summary.files, summary.tenants, summary.skipped) = (0, 0, 0);
    for (_, document) in documents.iter().cloned() {
        findings.extend(document.findings);
        errors.add(document.errors);
        summary.files += document.summary.files;
        summary.tenants += document.summary.tenants;
        summary.skipped += document.summary.skipped;
    }
    // Stable: findings with one key keep the order of their report, as in a whole run.
    findings.sort_by(|a, b| finding_key(a).cmp(&finding_key(b)));
    let mut errors = errors.kept;
    errors.sort_by(|a, b| error_key(a).cmp(&error_key(b)));
    let mut totals = Totals::default();
    for finding in &findings {
        let (status, kind, severity) = classes(finding).map_err(|message| {
            MergeError::new(
                codes::MERGE_UNREADABLE,
                format!("a finding of `{}`: {message}", finding.rule),
            )
        })?;
        totals.count(status, kind, severity);
    }
    summary.errors = totals.errors;
    summary.warnings = totals.warnings;
    summary.infos = totals.infos;
    summary.evidence = totals.evidence;
    summary.accepted = totals.accepted;
    summary.baselined = totals.baselined;
    summary.problems = errors.len();
    let merged = Document {
        version: VERSION,
        now: first.now.clone(),
        tool: first.tool.clone(),
        shard: None,
        findings,
        errors,
        summary,
    };
    Ok(Merged {
        files: merged.summary.files,
        problems: merged.summary.problems,
        text: write(&merged),
    })
}

fn read(name: &str, text: &str) -> Result<Document<'static>, MergeError> {
    let document: Document<'static> = serde_json::from_str(text).map_err(|error| {
        MergeError::new(
            codes::MERGE_UNREADABLE,
            format!("`{name}` is not an obligo JSON report: {error}"),
        )
    })?;
    if document.version != VERSION {
        return Err(MergeError::new(
            codes::MERGE_UNREADABLE,
            format!(
                "`{name}` is a report of version {}; this obligo merges version {VERSION}",
                document.version
            ),
        ));
    }
    Ok(document)
}

/// Reports of shards must be every shard of one split, each once; reports without a shard
/// (whole runs of different paths) are merged as they are, but not mixed with shards.
fn check_shards(documents: &[(&str, Document<'static>)]) -> Result<(), MergeError> {
    let shards: Vec<_> = documents
        .iter()
        .filter_map(|(name, d)| d.shard.map(|s| (*name, s)))
        .collect();
    let Some((first_name, first)) = shards.first().copied() else {
        return Ok(());
    };
    let error = |message: String| Err(MergeError::new(codes::MERGE_SHARDS, message));
    if let Some((name, _)) = documents.iter().find(|(_, d)| d.shard.is_none()) {
        return error(format!(
            "`{name}` is the report of a whole run, `{first_name}` of shard {}/{}: merge the \
             shards of one split only",
            first.index, first.count
        ));
    }
    let mut seen: HashMap<u32, &str> = HashMap::new();
    for (name, shard) in &shards {
        if shard.count != first.count {
            return error(format!(
                "`{name}` is shard {}/{}, `{first_name}` shard {}/{}: the shards of one split \
                 have the same N",
                shard.index, shard.count, first.index, first.count
            ));
        }
        if let Some(other) = seen.insert(shard.index, name) {
            return error(format!(
                "`{other}` and `{name}` are both shard {}/{}",
                shard.index, shard.count
            ));
        }
    }
    let missing: Vec<String> = (1..=first.count)
        .filter(|k| !seen.contains_key(k))
        .map(|k| format!("{k}/{}", first.count))
        .collect();
    if !missing.is_empty() {
        return error(format!(
            "shard {} missing: without it the merged report would pass over its files",
            missing.join(", ")
        ));
    }
    Ok(())
}

/// The problems of all reports, each kept as often as the report that has it most often has
/// it: a problem met by several shards is one problem of the whole run.
#[derive(Default)]
struct Errors {
    kept: Vec<JsonError>,
    counts: HashMap<JsonError, usize>,
}

impl Errors {
    fn add(&mut self, errors: Vec<JsonError>) {
        let mut here: HashMap<JsonError, usize> = HashMap::new();
        for error in errors {
            let count = here.entry(error.clone()).or_default();
            *count += 1;
            let kept = self.counts.entry(error.clone()).or_default();
            if *count > *kept {
                *kept += 1;
                self.kept.push(error);
            }
        }
    }
}

/// The order of a whole run: file, start, end, rule, resource.
fn finding_key<'f>(
    f: &'f JsonFinding<'_>,
) -> (&'f str, usize, usize, usize, usize, &'f str, &'f str) {
    (
        &f.file,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        &f.rule,
        &f.resource,
    )
}

/// The order of a whole run: file, line and column, problems about no file first.
fn error_key(e: &JsonError) -> (&str, usize, usize) {
    (
        e.file.as_deref().unwrap_or_default(),
        e.line.unwrap_or_default(),
        e.column.unwrap_or_default(),
    )
}

fn classes(f: &JsonFinding<'_>) -> Result<(Status, Kind, Severity), String> {
    Ok((f.status.parse()?, f.kind.parse()?, f.severity.parse()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(shard: Option<(u32, u32)>, findings: &str, errors: &str, files: usize) -> String {
        let shard = shard
            .map(|(k, n)| format!("\"shard\": {{\"index\": {k}, \"count\": {n}}},"))
            .unwrap_or_default();
        format!(
            r#"{{"version": 1, "now": "2026-11-21", "tool": {{"name": "obligo", "version": "0"}},
            {shard} "findings": [{findings}], "errors": [{errors}],
            "summary": {{"files": {files}, "tenants": {files}, "errors": 9, "warnings": 9,
            "infos": 9, "evidence": 9, "accepted": 9, "baselined": 9, "problems": 9,
            "skipped": 1}}}}"#
        )
    }

    fn finding(file: &str, line: usize, severity: &str) -> String {
        format!(
            r#"{{"rule": "nrb/x", "kind": "violation", "severity": "{severity}", "tenant": "t",
            "resource": "r", "resource_kind": "system", "file": "{file}", "line": {line},
            "column": 1, "end_line": {line}, "end_column": 2, "status": "open", "title": "",
            "message": "", "clause": "", "remediation": "", "fingerprint": "f", "related": []}}"#
        )
    }

    const SHARED: &str =
        r#"{"file": "obligo.toml", "line": 1, "column": 1, "code": "c", "message": "m"}"#;

    fn named(texts: &[String]) -> Vec<(String, String)> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("r{i}.json"), t.clone()))
            .collect()
    }

    #[test]
    fn merges_sorts_and_recounts() {
        let a = report(
            Some((1, 2)),
            &[finding("b.toml", 3, "error"), finding("d.toml", 1, "info")].join(","),
            SHARED,
            2,
        );
        let b = report(Some((2, 2)), &finding("a.toml", 9, "warning"), SHARED, 1);
        let merged = merge(&named(&[a, b])).unwrap();
        let json: serde_json::Value = serde_json::from_str(&merged.text).unwrap();
        let files: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap())
            .collect();
        assert_eq!(files, ["a.toml", "b.toml", "d.toml"]);
        assert_eq!(json["errors"].as_array().unwrap().len(), 1);
        assert!(json.get("shard").is_none());
        let summary = &json["summary"];
        assert_eq!(
            [
                "files", "tenants", "errors", "warnings", "infos", "evidence", "problems",
                "skipped"
            ]
            .map(|k| summary[k].as_u64().unwrap()),
            [3, 3, 1, 1, 1, 0, 1, 2]
        );
        assert_eq!((merged.files, merged.problems), (3, 1));
    }

    #[test]
    fn a_problem_repeated_within_one_report_stays_repeated() {
        let twice = [SHARED, SHARED].join(",");
        let a = report(None, "", &twice, 1);
        let b = report(None, "", SHARED, 1);
        let merged = merge(&named(&[a, b])).unwrap();
        assert_eq!(merged.problems, 2);
    }

    #[test]
    fn every_shard_must_be_there_once() {
        let shard = |k| report(Some((k, 3)), "", "", 1);
        let error = merge(&named(&[shard(1), shard(3)])).unwrap_err();
        assert_eq!(error.code, codes::MERGE_SHARDS);
        assert!(error.message.contains("shard 2/3 missing"), "{error:?}");
        let error = merge(&named(&[shard(1), shard(2), shard(2), shard(3)])).unwrap_err();
        assert!(error.message.contains("both shard 2/3"), "{error:?}");
        let other = report(Some((2, 4)), "", "", 1);
        assert!(merge(&named(&[shard(1), other])).is_err());
        let whole = report(None, "", "", 1);
        assert!(merge(&named(&[shard(1), whole])).is_err());
    }

    #[test]
    fn reports_of_other_runs_or_formats_are_refused() {
        let a = report(None, "", "", 1);
        let b = a.replace("2026-11-21", "2026-11-22");
        assert_eq!(
            merge(&named(&[a.clone(), b])).unwrap_err().code,
            codes::MERGE_MISMATCH
        );
        let sarif = r#"{"version": "2.1.0", "runs": []}"#.to_owned();
        assert_eq!(
            merge(&named(&[a, sarif])).unwrap_err().code,
            codes::MERGE_UNREADABLE
        );
    }
}
