//! Reports are written file by file while a check runs (`Checker::run` and the formats'
//! streams), in the order of the files' names. These tests hold that order to the one of a
//! report sorted as a whole, in every format, and the streamed bytes to the collected ones.
//! The corpus is the `gen-corpus` example's, with names whose order as text differs from
//! their order as paths (`a-b/` sorts before `a/`), a file that does not parse, a file that is
//! not a tenant file and a tenant id claimed twice.

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
    reason = "only `check_in` of the shared helpers is used here"
)]
mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, date};
use obligo::check::{CheckOptions, Checker, Report};
use obligo::facts::reference::ReferenceData;
use obligo::render::stream::Results;
use obligo::render::{Format, Input, Settings};
use obligo::rules::{Rule, RuleSet};

const NOW: Date = date(2026, 11, 21);

/// Writes the corpus under `root` and returns its directory.
fn write_corpus(root: &Path) -> PathBuf {
    let dir = root.join("corpus");
    let generated = corpus::Corpus {
        tenants: 40,
        resources: 6,
        seed: 3,
    };
    generated.write(&dir.join("a")).unwrap();
    let other = corpus::Corpus {
        seed: 4,
        ..generated
    };
    for (i, (_, text)) in other.files().into_iter().take(15).enumerate() {
        let text = text.replace("id = \"tenant-", "id = \"other-");
        std::fs::create_dir_all(dir.join("a-b")).unwrap();
        std::fs::write(dir.join(format!("a-b/t-{i}.toml")), text).unwrap();
    }
    // The same tenant id as `a/tenant-00000.toml`: reported against the first file by name.
    let first = std::fs::read_to_string(dir.join("a/tenant-00000.toml")).unwrap();
    std::fs::write(dir.join("a/zz-duplicate.toml"), first).unwrap();
    std::fs::write(dir.join("a/broken.toml"), "[tenant\nid = \"x\"\n").unwrap();
    std::fs::write(dir.join("notes.toml"), "title = \"not a tenant\"\n").unwrap();
    dir
}

/// The corpus in a temporary directory, its checker and its report collected.
struct Fixture {
    root: tempfile::TempDir,
    dir: PathBuf,
    checker: Checker,
    collected: Report,
}

impl Fixture {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let dir = write_corpus(root.path());
        let rules = RuleSet::load(None).unwrap();
        let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
        let collected = checker.check(&options(&dir));
        Self {
            root,
            dir,
            checker,
            collected,
        }
    }

    fn rules(&self) -> &[Arc<Rule>] {
        self.checker.engine().rules()
    }
}

fn options(dir: &Path) -> CheckOptions {
    CheckOptions {
        paths: vec![dir.to_path_buf()],
        now: NOW,
    }
}

fn render(format: Format, report: &Report, rules: &[Arc<Rule>]) -> String {
    format.render(&Input {
        report,
        rules,
        settings: &Settings::new(NOW),
    })
}

const FORMATS: [Format; 8] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Sarif,
    Format::Junit,
    Format::Github,
    Format::Markdown,
    Format::Html,
];

#[test]
fn results_come_in_the_order_of_a_report_sorted_as_a_whole_in_every_format() {
    // The directory lives as long as `_root`.
    let Fixture {
        root: _root,
        dir,
        checker,
        collected: streamed,
    } = Fixture::new();
    // The order before reports were streamed: every finding sorted by file and position, every
    // tenant by file and id, across the whole corpus.
    let mut sorted = checker.check(&options(&dir));
    sorted
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    sorted
        .checked
        .sort_by(|a, b| (&a.file, &a.id).cmp(&(&b.file, &b.id)));

    assert_eq!(streamed.findings.len(), sorted.findings.len());
    let files: Vec<&str> = streamed.checked.iter().map(|t| t.file.as_str()).collect();
    let a_b = files.iter().position(|f| f.contains("/a-b/")).unwrap();
    let a = files.iter().position(|f| f.contains("/a/")).unwrap();
    assert!(a_b < a, "`a-b/` sorts before `a/` as text: {files:?}");
    assert!(!streamed.problems.is_empty() && streamed.findings.len() > 100);

    let rules = checker.engine().rules();
    for format in FORMATS {
        assert!(
            render(format, &streamed, rules) == render(format, &sorted, rules),
            "{} differs from the whole-report order",
            format.name()
        );
    }
}

#[test]
fn a_streamed_report_is_the_collected_report_byte_for_byte() {
    let fixture = Fixture::new();
    let Fixture { dir, checker, .. } = &fixture;
    let mut streamed_formats = 0;
    for format in FORMATS {
        let Some(mut stream) = format.stream(NOW, None) else {
            continue;
        };
        streamed_formats += 1;
        let mut out = Vec::new();
        stream.begin(&mut out).unwrap();
        let rest = checker.run(&options(dir), |file| {
            let results = Results {
                findings: &file.findings,
                checked: &file.checked,
            };
            stream.file(&mut out, results).unwrap();
        });
        assert!(rest.findings.is_empty() && rest.checked.is_empty());
        stream.end(&mut out, &rest).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            render(format, &fixture.collected, fixture.rules()),
            "{}",
            format.name()
        );
    }
    assert!(streamed_formats >= 2);
}

#[test]
fn the_command_line_streams_the_same_reports_to_stdout_and_files() {
    let fixture = Fixture::new();
    let concise = fixture.root.path().join("out/concise.txt");
    let output = common::check_in(
        fixture.root.path(),
        &[
            "--format",
            "json",
            "--output",
            &format!("concise={}", concise.display()),
            &fixture.dir.to_string_lossy(),
        ],
    );
    // Problems (the broken file, the duplicate id) end the run with 2.
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        render(Format::Json, &fixture.collected, fixture.rules())
    );
    assert_eq!(
        std::fs::read_to_string(&concise).unwrap(),
        render(Format::Concise, &fixture.collected, fixture.rules())
    );
}
