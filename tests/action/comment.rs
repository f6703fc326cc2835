//! The `comment` step: one pull-request comment per category, updated in place, with `gh`
//! replaced by a stand-in that records each call and the body it was given.

use super::*;

#[path = "../../examples/gen-corpus/corpus.rs"]
mod corpus;

/// A stand-in `gh` on `PATH`: it logs every call, answers the comment listing with the contents
/// of `comments.json`, and keeps the last `--input` body.
struct FakeGh {
    dir: TempDir,
}

impl FakeGh {
    fn new(existing_comments: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("comments.json"), existing_comments).unwrap();
        let script = format!(
            r#"#!/usr/bin/env bash
d='{dir}'
printf '%s\n' "$*" >> "$d/calls.log"
while (($#)); do
  case $1 in
    --input) cp "$2" "$d/body.json"; shift ;;
    --paginate) cat "$d/comments.json"; exit 0 ;;
  esac
  shift
done
echo '{{}}'
"#,
            dir = dir.path().display()
        );
        let gh = dir.path().join("gh");
        fs::write(&gh, script).unwrap();
        fs::set_permissions(&gh, fs::Permissions::from_mode(0o755)).unwrap();
        FakeGh { dir }
    }

    fn path_var(&self) -> String {
        format!(
            "{}:{}",
            self.dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        )
    }

    fn calls(&self) -> Vec<String> {
        fs::read_to_string(self.dir.path().join("calls.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn body(&self) -> String {
        let payload = read_json(&self.dir.path().join("body.json"));
        payload["body"].as_str().unwrap().to_owned()
    }
}

/// Runs the comment step for pull request 7 (or a push event), commenting `markdown`.
fn comment(runner: &Runner, gh: &FakeGh, pull_request: bool, markdown: &str) -> Step {
    let event = runner.temp.join("event.json");
    let payload = if pull_request {
        r#"{"pull_request": {"number": 7}}"#
    } else {
        r#"{"ref": "refs/heads/main"}"#
    };
    fs::write(&event, payload).unwrap();
    let report = runner.temp.join("report.md");
    fs::write(&report, markdown).unwrap();
    let path = gh.path_var();
    runner.step(
        "comment",
        &[
            ("PATH", &path),
            ("GITHUB_EVENT_PATH", event.to_str().unwrap()),
            ("GITHUB_REPOSITORY", "acme/tenants"),
            ("GITHUB_RUN_ID", "42"),
            ("OBLIGO_MARKDOWN_FILE", report.to_str().unwrap()),
            ("OBLIGO_CATEGORY", "obligo-lint"),
        ],
    )
}

const MARKER: &str = "<!-- obligo-comment category=obligo-lint -->";

#[test]
fn the_first_run_posts_a_comment_with_the_report() {
    let runner = Runner::new();
    let gh = FakeGh::new("[]\n");
    let step = comment(&runner, &gh, true, "## obligo\n\n2 errors\n");
    assert_eq!(step.code, 0, "{}", describe(&step));
    let calls = gh.calls();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].contains("repos/acme/tenants/issues/7/comments"));
    assert!(calls[1].starts_with("api --method POST repos/acme/tenants/issues/7/comments"));
    assert_eq!(gh.body(), format!("{MARKER}\n## obligo\n\n2 errors\n"));
}

#[test]
fn a_later_run_updates_its_own_comment_and_leaves_others_alone() {
    let runner = Runner::new();
    // Two pages, as `gh api --paginate` prints them: another category's comment and ours.
    let existing = format!(
        "[{{\"id\": 1, \"body\": \"<!-- obligo-comment category=obligo-other -->\\nold\"}}]\n\
         [{{\"id\": 2, \"body\": \"looks good\"}}, {{\"id\": 3, \"body\": \"{MARKER}\\nold\"}}]\n"
    );
    let gh = FakeGh::new(&existing);
    let step = comment(&runner, &gh, true, "## obligo\n\nclean\n");
    assert_eq!(step.code, 0, "{}", describe(&step));
    let calls = gh.calls();
    assert_eq!(
        calls.last().unwrap(),
        &format!(
            "api --method PATCH repos/acme/tenants/issues/comments/3 --input {}",
            runner.temp.join("obligo/comment.json").display()
        )
    );
    assert!(gh.body().starts_with(MARKER));
}

#[test]
fn a_large_report_is_shortened_by_obligo_to_fit_a_comment_with_a_link_to_the_run() {
    let runner = Runner::new();
    let corpus = corpus::Corpus {
        tenants: 40,
        resources: 20,
        seed: 1,
    };
    corpus
        .write(&runner.workspace.join("tenants/corpus"))
        .unwrap();
    let run = [
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "acme/tenants"),
        ("GITHUB_RUN_ID", "42"),
        ("OBLIGO_CATEGORY", "obligo-lint"),
    ];
    let check = runner.check(&run);
    assert_eq!(check.code, 0, "{}", describe(&check));
    let outputs = runner.outputs();
    assert_eq!(outputs["exit-code"], "1");
    let markdown = fs::read_to_string(&outputs["markdown-file"]).unwrap();
    // Every finding is in the full reports, uploaded as the artifact.
    let json = read_json(Path::new(&outputs["json-file"]));
    assert!(Path::new(&outputs["html-file"]).is_file());
    assert_eq!(outputs["artifact"], "obligo-reports-obligo-lint");
    let findings = json["findings"].as_array().unwrap().len();
    assert!(
        markdown.contains(&format!(" of {findings} findings are left out")),
        "{}",
        &markdown[..1500]
    );

    let gh = FakeGh::new("[]\n");
    let step = comment(&runner, &gh, true, &markdown);
    assert_eq!(step.code, 0, "{}", describe(&step));
    let body = gh.body();
    assert!(body.chars().count() <= 65_536, "{}", body.chars().count());
    assert!(body.chars().count() > 50_000, "{}", body.chars().count());
    assert!(
        body.starts_with(&format!("{MARKER}\n# obligo compliance report")),
        "{}",
        &body[..200]
    );
    assert!(
        body.contains("> **Shortened to fit ")
            && body.contains("(https://github.com/acme/tenants/actions/runs/42)"),
        "{}",
        &body[..1500]
    );
}

#[test]
fn a_report_too_large_for_a_comment_is_not_posted() {
    let runner = Runner::new();
    let gh = FakeGh::new("[]\n");
    let huge = "| finding |\n".repeat(7_000);
    let step = comment(&runner, &gh, true, &huge);
    assert_step(
        &step,
        0,
        "more than a pull-request comment holds (65536); not commenting",
    );
    assert_eq!(gh.calls(), Vec::<String>::new());
}

#[test]
fn outside_a_pull_request_nothing_is_posted() {
    let runner = Runner::new();
    let gh = FakeGh::new("[]\n");
    let step = comment(&runner, &gh, false, "## obligo\n");
    assert_eq!(step.code, 0, "{}", describe(&step));
    assert!(gh.calls().is_empty(), "{:?}", gh.calls());
}

#[test]
fn a_comment_that_cannot_be_posted_is_a_warning_not_a_failure() {
    let runner = Runner::new();
    let gh = FakeGh::new("[]\n");
    // A fork's read-only token: every call fails.
    fs::write(
        gh.dir.path().join("gh"),
        "#!/usr/bin/env bash\necho 'HTTP 403: Resource not accessible by integration' >&2\nexit 1\n",
    )
    .unwrap();
    let step = comment(&runner, &gh, true, "## obligo\n");
    assert_step(
        &step,
        0,
        "::warning title=obligo action::cannot read the comments",
    );
}
