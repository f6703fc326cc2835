//! `--shard K/N` and `obligo merge`: the shards of a corpus partition its files exactly, and
//! merging the shards' JSON reports gives the JSON report of one whole run, byte for byte.
//! The corpus is the `gen-corpus` example's, with what a real repository also holds: a file
//! that does not parse, evidence and other non-tenant files, a hidden directory, and an
//! `obligo.toml` with an error that governs files of several shards.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail the test on anything unexpected"
)]

#[path = "../examples/gen-corpus/corpus.rs"]
mod corpus;

#[allow(
    dead_code,
    reason = "only `assert_report_schema` of the shared helpers is used here"
)]
mod common;

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use jiff::civil::date;
use obligo::check::{CheckOptions, Checker, Report};
use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;
use obligo::shard::Shard;

const NOW: &str = "2026-11-21";

/// Writes the corpus under `root/corpus`.
fn write_corpus(root: &Path) {
    let dir = root.join("corpus");
    let generated = corpus::Corpus {
        tenants: 60,
        resources: 6,
        seed: 7,
    };
    generated.write(&dir.join("eu")).unwrap();
    corpus::Corpus {
        seed: 8,
        ..generated
    }
    .files()
    .into_iter()
    .take(20)
    .enumerate()
    .for_each(|(i, (_, text))| {
        let text = text.replace("id = \"tenant-", "id = \"other-");
        std::fs::create_dir_all(dir.join("other")).unwrap();
        std::fs::write(dir.join(format!("other/t-{i}.toml")), text).unwrap();
    });
    // An `obligo.toml` with an unknown key: every file under `other/` reports it, once.
    std::fs::write(dir.join("other/obligo.toml"), "bogus = 1\n").unwrap();
    std::fs::write(dir.join("broken.toml"), "[tenant\nid = \"x\"\n").unwrap();
    std::fs::write(dir.join("notes.toml"), "title = \"not a tenant\"\n").unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join(".hidden/h.toml"), "").unwrap();
}

fn check(root: &Path, extra: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("obligo")
        .unwrap()
        .current_dir(root)
        .env_remove("CI")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "corpus", "--now", NOW, "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

fn merge(reports: &[std::path::PathBuf]) -> std::process::Output {
    Command::cargo_bin("obligo")
        .unwrap()
        .arg("merge")
        .args(reports)
        .output()
        .unwrap()
}

#[test]
fn merging_the_shards_gives_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_corpus(root);
    let (whole, whole_code) = check(root, &[]);
    assert_eq!(whole_code, 2, "the broken file and config are problems");
    let whole_json: serde_json::Value = serde_json::from_str(&whole).unwrap();
    assert!(whole_json["summary"]["files"].as_u64().unwrap() > 80);
    assert!(!whole_json["errors"].as_array().unwrap().is_empty());
    for count in [1, 3, 4] {
        let mut paths = Vec::new();
        for index in 1..=count {
            let (text, code) = check(root, &["--shard", &format!("{index}/{count}")]);
            // The problems of the corpus (a broken file, the broken config) make a run exit
            // 2; a shard exits 2 too when it meets one of them, else 1 on its findings.
            assert!(code == 1 || code == 2, "{index}/{count}: {code}");
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            common::assert_report_schema(&json);
            assert_eq!(json["shard"]["index"], index);
            let path = root.join(format!("shard-{index}-of-{count}.json"));
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let output = merge(&paths);
        assert_eq!(
            output.status.code(),
            Some(2),
            "the merged report has problems"
        );
        let merged = String::from_utf8(output.stdout).unwrap();
        common::assert_report_schema(&serde_json::from_str(&merged).unwrap());
        assert!(merged == whole, "{count} shards: the merged report differs");
    }
}

#[test]
fn a_shard_without_files_passes_but_no_files_at_all_fails() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let single = corpus::Corpus {
        tenants: 1,
        resources: 1,
        seed: 1,
    };
    single.write(&root.join("corpus")).unwrap();
    let owner = Shard::of(Path::new("corpus/tenant-00000.toml"), 4);
    let mut paths = Vec::new();
    for index in 1..=4 {
        let (text, code) = check(
            root,
            &["--shard", &format!("{index}/4"), "--fail-on", "never"],
        );
        assert_eq!(code, 0, "{index}/4: {text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let files = json["summary"]["files"].as_u64().unwrap();
        assert_eq!(files, u64::from(index == owner), "{index}/4");
        assert!(json["errors"].as_array().unwrap().is_empty());
        let path = root.join(format!("s{index}.json"));
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let output = merge(&paths);
    assert_eq!(output.status.code(), Some(0));

    // No tenant file anywhere: every shard fails as a whole run does, since the path is wrong.
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(empty.path().join("corpus")).unwrap();
    let (_, code) = check(empty.path(), &["--shard", "2/4"]);
    assert_eq!(code, 2);

    // Only files that are not tenant files: each shard passes, the merge does not.
    std::fs::write(empty.path().join("corpus/notes.toml"), "title = \"x\"\n").unwrap();
    let mut paths = Vec::new();
    for index in 1..=2 {
        let (text, code) = check(empty.path(), &["--shard", &format!("{index}/2")]);
        assert_eq!(code, 0);
        let path = empty.path().join(format!("s{index}.json"));
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let output = merge(&paths);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("obligo::merge::no-tenants"));
}

/// The files each shard checked, read, passed over or failed on.
fn files_of(report: &Report) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = report.checked.iter().map(|t| t.file.clone()).collect();
    files.extend(
        report
            .problems
            .iter()
            .filter_map(|p| p.location())
            .map(|l| l.file)
            .filter(|f| !f.ends_with("obligo.toml")),
    );
    files.extend(report.skipped.iter().map(|s| s.path.display().to_string()));
    files
}

#[test]
fn shards_partition_the_corpus_exactly() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let rules = RuleSet::load(None).unwrap();
    let options = CheckOptions {
        paths: vec![dir.path().join("corpus")],
        now: date(2026, 11, 21),
    };
    let checker = || Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
    let whole = checker().check(&options);
    let all = files_of(&whole);
    assert!(all.len() > 80, "{}", all.len());
    for count in [2, 3, 5] {
        let mut seen = BTreeSet::new();
        let (mut files, mut tenants, mut skipped) = (0, 0, 0);
        for index in 1..=count {
            let shard = Shard::new(index, count).unwrap();
            let report = checker().shard(shard).check(&options);
            let mine = files_of(&report);
            assert!(
                seen.is_disjoint(&mine),
                "{shard}: {:?}",
                seen.intersection(&mine)
            );
            seen.extend(mine);
            files += report.files;
            tenants += report.tenants;
            skipped += report.skipped.len();
        }
        assert_eq!(seen, all, "{count} shards");
        assert_eq!(
            (files, tenants, skipped),
            (whole.files, whole.tenants, whole.skipped.len())
        );
    }
}

#[test]
fn each_shard_uploads_its_sarif_under_its_own_category() {
    let dir = tempfile::tempdir().unwrap();
    corpus::Corpus {
        tenants: 3,
        resources: 2,
        seed: 1,
    }
    .write(&dir.path().join("corpus"))
    .unwrap();
    let category = |extra: &[&str]| {
        let mut args = vec!["--format", "sarif", "--fail-on", "never"];
        args.extend_from_slice(extra);
        let (text, code) = check(dir.path(), &args);
        assert_eq!(code, 0, "{text}");
        let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
        sarif["runs"][0]["automationDetails"]["id"]
            .as_str()
            .map(str::to_owned)
    };
    assert_eq!(category(&[]), None);
    assert_eq!(
        category(&["--shard", "2/4"]).as_deref(),
        Some("obligo/shard-2-of-4/")
    );
    assert_eq!(
        category(&["--shard", "2/4", "--sarif-category", "obligo-tenants-2"]).as_deref(),
        Some("obligo-tenants-2/")
    );
}
