//! GitHub's limits on a provider's scale: a generated corpus of 500 tenants (the `gen-corpus`
//! example, included here as a module) gives about 10,000 findings, far more than GitHub shows.
//! The annotations come most severe first and stop at ten per level with one notice on the
//! rest; the job summary stays under 1 MiB and the Markdown report under `--markdown-limit`,
//! each with a note; SARIF stays within code scanning's limits with a notification.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail the test on anything unexpected"
)]

#[path = "../examples/gen-corpus/corpus.rs"]
mod corpus;

use std::sync::{Arc, OnceLock};

use jiff::civil::{Date, date};
use obligo::check::{CheckOptions, Checker, Report};
use obligo::facts::reference::ReferenceData;
use obligo::finding::{Kind, Status};
use obligo::render::truncate::{self, Limits};
use obligo::render::{Format, Input, Settings, markdown};
use obligo::rules::{Rule, RuleSet};
use obligo::severity::Severity;
use serde_json::Value;

/// The corpus is written for this date, as the examples are.
const NOW: Date = date(2026, 11, 21);

const RUN_URL: &str = "https://github.com/acme/tenants/actions/runs/42";

/// The report of the 500-tenant corpus and the rules of the run, checked once for all tests.
fn corpus() -> &'static (Report, Vec<Arc<Rule>>) {
    static CORPUS: OnceLock<(Report, Vec<Arc<Rule>>)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = corpus::Corpus {
            tenants: 500,
            resources: 20,
            seed: 1,
        };
        assert_eq!(corpus.write(dir.path()).unwrap(), 500);
        let rules = RuleSet::load(None).unwrap();
        let checker = Checker::new(&rules, ReferenceData::embedded().unwrap()).unwrap();
        let report = checker.check(&CheckOptions {
            paths: vec![dir.path().to_path_buf()],
            now: NOW,
        });
        let rules = checker.engine().rules().to_vec();
        (report, rules)
    })
}

fn settings() -> Settings {
    let mut settings = Settings::new(NOW);
    settings.limits.full_report = Some(RUN_URL.to_owned());
    settings
}

fn render(format: Format, settings: &Settings) -> String {
    let (report, rules) = corpus();
    format.render(&Input {
        report,
        rules,
        settings,
    })
}

#[test]
fn the_corpus_loads_without_problems_and_breaks_rules_of_several_packs() {
    let (report, _) = corpus();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.tenants, 500);
    let violated = |pack: &str| {
        report
            .findings
            .iter()
            .any(|f| f.kind == Kind::Violation && f.rule.pack == pack)
    };
    assert!(violated("nrb") && violated("dpa"));
    for severity in [Severity::Error, Severity::Warning] {
        let n = report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::Violation && f.severity == severity)
            .count();
        assert!(n > 100, "only {n} {severity} violations");
    }
    assert!(report.findings.len() > 5_000, "{}", report.findings.len());
    // Deterministic: the same options give the same files.
    let again = corpus::Corpus {
        tenants: 3,
        resources: 8,
        seed: 7,
    };
    assert_eq!(again.files(), again.files());
}

#[test]
fn annotations_come_most_severe_first_capped_per_level_with_a_notice_on_the_rest() {
    let (report, _) = corpus();
    let out = render(Format::Github, &settings());
    let lines: Vec<&str> = out.lines().collect();
    let level = |line: &str| line.split([' ', ':']).nth(2).unwrap_or("").to_owned();
    let commands: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with("::"))
        .map(|l| level(l))
        .collect();
    // Ten errors, ten warnings, nine notices, then the notice on the rest.
    let expected: Vec<&str> =
        [["error"; 10].as_slice(), &["warning"; 10], &["notice"; 10]].concat();
    assert_eq!(commands, expected, "{out}");

    let open = |kind: Kind, severity: Option<Severity>| {
        report
            .findings
            .iter()
            .filter(|f| f.status == Status::Open && f.kind == kind)
            .filter(|f| severity.is_none_or(|s| f.severity == s))
            .count()
    };
    let errors = open(Kind::Violation, Some(Severity::Error));
    let warnings = open(Kind::Violation, Some(Severity::Warning));
    let notices = open(Kind::Evidence, None) + open(Kind::Violation, Some(Severity::Info));
    let last = lines[29];
    assert!(
        last.starts_with("::notice title=obligo%3A more findings::"),
        "{last}"
    );
    let more = errors + warnings + notices - 29;
    assert!(
        last.contains(&format!(
            "{more} more annotations not shown here ({} errors, {} warnings, {} notices)",
            errors - 10,
            warnings - 10,
            notices - 9
        )),
        "{last}"
    );
    assert!(last.contains(RUN_URL), "{last}");

    // Within a level, report order: the first errors are the first error violations.
    let first_errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::Violation && f.severity == Severity::Error)
        .take(10)
        .map(|f| {
            let (line, col) = f.location.start();
            format!(
                "::error file={},line={line},col={col},",
                f.location.file.name()
            )
        })
        .collect();
    for (line, prefix) in lines.iter().zip(&first_errors) {
        assert!(
            line.starts_with(prefix.as_str()),
            "{line}\nexpected {prefix}"
        );
    }
}

#[test]
fn the_job_summary_stays_under_one_mib_with_a_note_and_a_link() {
    let (report, rules) = corpus();
    let settings = settings();
    let summary = markdown::job_summary(&Input {
        report,
        rules,
        settings: &settings,
    });
    assert!(
        summary.len() <= truncate::STEP_SUMMARY_BYTES,
        "{}",
        summary.len()
    );
    // Close to the limit: it is filled, not emptied.
    assert!(
        summary.len() > truncate::STEP_SUMMARY_BYTES * 9 / 10,
        "{}",
        summary.len()
    );
    assert!(
        summary.contains("> **Shortened to fit 1,048,576 bytes:**"),
        "{}",
        &summary[..2000]
    );
    assert!(
        summary.contains(&format!("see [the full reports of this run]({RUN_URL})")),
        "{}",
        &summary[..2000]
    );
    // The least severe go first: warnings are left out, every error is still listed.
    let note = note(&summary);
    assert!(
        note.contains(" warnings") && !note.contains(" error"),
        "{note}"
    );
}

/// The truncation note of a Markdown report.
fn note(markdown: &str) -> &str {
    let start = markdown.find("> **Shortened").unwrap();
    let end = markdown[start..].find("\n\n").unwrap() + start;
    &markdown[start..end]
}

#[test]
fn the_markdown_report_fits_a_pull_request_comment_when_asked() {
    let mut settings = settings();
    settings.limits.markdown_chars = Some(truncate::COMMENT_CHARS);
    let text = render(Format::Markdown, &settings);
    let chars = text.chars().count();
    assert!(chars <= truncate::COMMENT_CHARS, "{chars}");
    assert!(chars > truncate::COMMENT_CHARS * 3 / 4, "{chars}");
    let note = note(&text);
    assert!(
        note.contains("Shortened to fit 65,536 characters"),
        "{note}"
    );
    assert!(
        note.contains("evidence gaps") && note.contains(RUN_URL),
        "{note}"
    );
    // The most severe are kept: the report shows errors and no evidence gap.
    assert!(text.contains("| error | `"), "no error row");
    assert!(
        !text.contains("### Evidence not shown"),
        "evidence kept before errors"
    );

    // Without a limit, nothing is left out.
    let whole = render(Format::Markdown, &Settings::new(NOW));
    assert!(whole.chars().count() > 10 * truncate::COMMENT_CHARS);
    assert!(!whole.contains("Shortened to fit"));
}

#[test]
fn sarif_stays_within_code_scanning_limits_and_says_what_it_left_out() {
    let (report, _) = corpus();
    let log: Value = serde_json::from_str(&render(Format::Sarif, &settings())).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() <= truncate::SARIF_RESULTS);

    // A lower cap, to see the cut without generating 25,000 findings.
    let mut settings = settings();
    settings.limits.sarif_results = 1_500;
    let text = render(Format::Sarif, &settings);
    assert!(text.len() <= truncate::SARIF_BYTES);
    let log: Value = serde_json::from_str(&text).unwrap();
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1_500);
    // Errors are kept before warnings, violations before evidence gaps.
    let errors = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::Violation && f.severity == Severity::Error)
        .count();
    let kept_errors = results
        .iter()
        .filter(|r| r["level"] == "error" && r["kind"] == "fail")
        .count();
    assert_eq!(kept_errors, errors.min(1_500));
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "warning");
    assert_eq!(
        notification["descriptor"]["id"],
        "obligo::output::truncated"
    );
    let message = notification["message"]["text"].as_str().unwrap();
    let left_out = report.findings.len() - 1_500;
    assert!(
        message.starts_with(&format!(
            "{left_out} of {} findings are left out",
            report.findings.len()
        )),
        "{message}"
    );
    assert!(
        message.contains("(1,500 results per run, 10,000,000 bytes per file)"),
        "{message}"
    );
}

#[test]
fn sarif_also_stays_under_its_size_limit() {
    let mut settings = settings();
    settings.limits.sarif_bytes = 2_000_000;
    let text = render(Format::Sarif, &settings);
    assert!(text.len() <= 2_000_000, "{}", text.len());
    assert!(text.len() > 1_500_000, "{}", text.len());
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"],
        "obligo::output::truncated"
    );
}

#[test]
fn the_defaults_are_githubs_documented_limits() {
    let limits = Limits::default();
    assert_eq!(limits.annotations, 10);
    assert_eq!(limits.summary_bytes, 1024 * 1024);
    assert_eq!(limits.sarif_results, 25_000);
    assert_eq!(limits.sarif_bytes, 10_000_000);
    assert_eq!(limits.markdown_chars, None);
}
