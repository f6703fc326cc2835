//! Hostile and faulty input, end to end: nothing panics, aborts, hangs or passes silently; each
//! case exits 2 with a diagnostic at its place (or, where the input is acceptable, is read
//! correctly), and reports reach their destination or the run fails. One test per case of
//! issue 8.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

#[allow(
    dead_code,
    reason = "only `copy_dir` of the shared helpers is used here"
)]
mod common;

const ACME: &str = "tests/fixtures/cli/acme/acme-prod.toml";

/// Runs `obligo <args>` with a time limit, returning exit code, stdout and stderr.
fn obligo(args: &[&str]) -> (Option<i32>, String, String) {
    let output = cargo_bin_cmd!("obligo")
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("obligo runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `obligo check --now 2026-11-21 --color never <args>`.
fn check(args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["check", "--now", "2026-11-21", "--color", "never"];
    all.extend_from_slice(args);
    obligo(&all)
}

/// `check --format json <args>`, parsed.
fn check_json(args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = check(&all);
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\nstderr:\n{stderr}"));
    (code, json)
}

fn errors(json: &Value) -> Vec<(String, u64, u64, String)> {
    json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or_default().to_owned(),
                e["line"].as_u64().unwrap_or_default(),
                e["column"].as_u64().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

const HEADER: &str = "[tenant]\nid = \"t\"\ncontracts = [\"nmbrs\"]\n";

#[test]
fn a_leap_second_is_read_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\n[[incident]]\nid = \"i\"\ncontract = \"nmbrs\"\nkind = \"breach\"\n\
         aware = 2016-12-31T23:59:60Z\nnotified = 2016-12-31T23:59:60+01:00\n"
    );
    let path = write(dir.path(), "leap.toml", &text);
    let (code, json) = check_json(&[s(&path)]);
    assert_ne!(code, Some(2), "{json:#}");
    assert_eq!(json["summary"]["tenants"], 1);
}

#[test]
fn a_diagnostic_past_column_65535_is_shown_with_a_plain_location() {
    let dir = tempfile::tempdir().unwrap();
    let family = "a".repeat(70_000);
    let text = format!(
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n[[system]]\nid = \"s\"\n\
         os = {{ family = \"{family}\", version = \"1\", bad = 1 }}\n"
    );
    let path = write(dir.path(), "long.toml", &text);
    let (code, stdout, stderr) = check(&[s(&path)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stdout.contains("long.toml:6:70036: unknown key `bad`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`family` is longer than 64 KiB"),
        "{stdout}"
    );
}

fn rule_with(when: &str) -> String {
    // `@binds` and `@applies_to` share the first line, so that the `when` stays on line 11.
    format!(
        "@id(\"nrb/deep\") @binds(\"customer\") @applies_to(\"customer-components\")\n\
         @severity(\"error\")\n@title(\"t\")\n@clause(\"NRB-Online Services terms §1\")\n@quote(\"q\")\n\
         @summary(\"s\")\n@remediation(\"r\")\n@location(\"os\")\n@message(\"m\")\n\
         forbid (principal, action, resource is Obligo::System)\nwhen {{ {when} }};\n"
    )
}

#[test]
fn deeply_nested_policies_and_schemas_are_errors_not_stack_overflows() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}true{}", "(".repeat(700), ")".repeat(700));
    write(dir.path(), "nrb/deep.cedar", &rule_with(&deep));
    let policies = s(dir.path());
    let (code, _, stderr) = obligo(&["rules", "--policies", policies]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("nested too deeply"), "{stderr}");
    assert!(stderr.contains("deep.cedar:11:71"), "{stderr}");
    let (code, json) = check_json(&["--policies", policies, ACME]);
    assert_eq!(code, Some(2));
    assert_eq!(errors(&json)[0].0, "obligo::policy::too-deep", "{json:#}");

    let ifs = format!(
        "{}true{}",
        "if true then ".repeat(2000),
        " else false".repeat(2000)
    );
    write(dir.path(), "nrb/deep.cedar", &rule_with(&ifs));
    let (code, _, stderr) = obligo(&["rules", "--policies", policies]);
    assert_eq!(code, Some(2), "{stderr}");

    // At the limit (64 levels, two of them the scope's parentheses and the `when` braces) the
    // rule loads.
    let at_limit = format!("{}true{}", "(".repeat(62), ")".repeat(62));
    write(dir.path(), "nrb/deep.cedar", &rule_with(&at_limit));
    let (code, stdout, stderr) = obligo(&["rules", "--policies", policies]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("nrb/deep"));

    std::fs::remove_file(dir.path().join("nrb/deep.cedar")).unwrap();
    let schema = format!(
        "namespace Obligo {{ type T = {}Long{}; }}",
        "{ a: ".repeat(5000),
        " }".repeat(5000)
    );
    write(dir.path(), "schema.cedarschema", &schema);
    let (code, _, stderr) = obligo(&["rules", "--policies", policies]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("nested too deeply"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_tenant_file_in_a_directory_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let tenants = dir.path().join("tenants");
    std::fs::create_dir_all(&tenants).unwrap();
    let acme = std::fs::canonicalize(ACME).unwrap();
    std::os::unix::fs::symlink(&acme, tenants.join("acme.toml")).unwrap();
    let (code, json) = check_json(&[s(&tenants)]);
    assert_eq!(code, Some(1), "{json:#}");
    assert_eq!(json["summary"]["tenants"], 1);
    assert!(!json["findings"].as_array().unwrap().is_empty());

    // A link back to an ancestor ends the walk there, with the loop listed.
    std::os::unix::fs::symlink(&tenants, tenants.join("again")).unwrap();
    let (code, stdout, stderr) = check(&["-v", s(&tenants)]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert!(stdout.contains("1 path skipped"), "{stdout}");

    // The same file reached through `..` is one tenant, not a duplicate of itself.
    let again = tenants.join("../tenants/acme.toml");
    let (code, json) = check_json(&[s(&tenants), s(&again)]);
    assert_eq!(code, Some(1), "{json:#}");
    assert_eq!(json["summary"]["tenants"], 1);
}

#[cfg(unix)]
#[test]
fn symlinked_policies_and_packs_are_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    write(
        &real,
        "acme/linked.cedar",
        &rule_with("true")
            .replace("nrb/deep", "acme/linked")
            .replace("NRB-Online Services terms", "Acme Terms"),
    );
    write(
        &real,
        "acme/pack.toml",
        "id = \"acme\"\ntitle = \"Acme\"\ndocuments = [\"Acme Terms\"]\n",
    );
    write(
        &real,
        "solo.cedar",
        &rule_with("true").replace("nrb/deep", "nrb/solo"),
    );
    let policies = dir.path().join("policies");
    std::fs::create_dir_all(policies.join("nrb")).unwrap();
    std::os::unix::fs::symlink(real.join("acme"), policies.join("acme")).unwrap();
    std::os::unix::fs::symlink(real.join("solo.cedar"), policies.join("nrb/solo.cedar")).unwrap();
    let (code, stdout, stderr) = obligo(&["rules", "--policies", s(&policies)]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("acme/linked"), "{stdout}");
    assert!(stdout.contains("nrb/solo"), "{stdout}");
}

#[test]
fn global_git_excludes_and_ignore_files_do_not_remove_tenants() {
    let dir = tempfile::tempdir().unwrap();
    let tenants = dir.path().join("tenants");
    std::fs::create_dir_all(&tenants).unwrap();
    std::fs::copy(ACME, tenants.join("acme.toml")).unwrap();
    write(&tenants, ".ignore", "*.toml\n");
    write(&tenants, ".gitignore", "*.toml\n");
    let excludes = write(dir.path(), "excludes", "*.toml\n");
    write(
        dir.path(),
        "gitconfig",
        &format!("[core]\nexcludesFile = {}\n", excludes.display()),
    );
    let output = cargo_bin_cmd!("obligo")
        .args([
            "check",
            "--now",
            "2026-11-21",
            "--format",
            "json",
            s(&tenants),
        ])
        .env("HOME", dir.path())
        .env("GIT_CONFIG_GLOBAL", dir.path().join("gitconfig"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["tenants"], 1, "{json:#}");
    assert_eq!(json["summary"]["skipped"], 2, "{json:#}");
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_errors_not_reads() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let (code, json) = check_json(&[s(&fifo)]);
        assert_eq!(code, Some(2));
        assert!(errors(&json)[0].3.contains("a FIFO"), "{json:#}");
        let (code, _, stderr) = check(&["--config", s(&fifo), ACME]);
        assert_eq!(code, Some(2));
        assert!(
            stderr.is_empty() || !stderr.contains("panicked"),
            "{stderr}"
        );
    }
    let zero = dir.path().join("tenants/zero.toml");
    std::fs::create_dir_all(zero.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let (code, json) = check_json(&[s(zero.parent().unwrap())]);
    assert_eq!(code, Some(2));
    assert!(errors(&json)[0].3.contains("a device"), "{json:#}");
}

#[test]
fn files_larger_than_the_limit_are_errors() {
    let (code, json) = check_json(&["--max-file-size", "100", ACME]);
    assert_eq!(code, Some(2));
    assert_eq!(errors(&json)[0].0, "obligo::input::too-large");
    assert!(
        errors(&json)[0].3.contains("larger than 100 bytes"),
        "{json:#}"
    );
    let (code, _) = check_json(&["--max-file-size", "1MiB", ACME]);
    assert_eq!(code, Some(1));
    let (code, _, stderr) = check(&["--max-file-size", "lots", ACME]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn a_huge_id_is_refused_and_outputs_stay_small() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "[tenant]\nid = \"{}\"\ncontracts = [\"nrb\"]\n",
        "x".repeat(10_000_000)
    );
    let path = write(dir.path(), "huge.toml", &text);
    let (code, stdout, _) = check(&["--format", "sarif", s(&path)]);
    assert_eq!(code, Some(2));
    // The rules' metadata alone is about 0.5 MB; a repeated id made it 1.45 GB.
    assert!(stdout.len() < 2_000_000, "SARIF of {} bytes", stdout.len());
    assert!(stdout.contains("obligo::input::too-long"));
}

#[test]
fn many_wrongly_typed_elements_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let items = vec!["1"; 200_000].join(",");
    let text = format!(
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n[[system]]\nid = \"s\"\nsoftware = [{items}]\n"
    );
    let path = write(dir.path(), "many.toml", &text);
    let (code, json) = check_json(&[s(&path)]);
    assert_eq!(code, Some(2));
    let errors = errors(&json);
    assert_eq!(errors.len(), 101);
    assert_eq!(
        errors[0].0, "obligo::input::too-many-errors",
        "{:?}",
        errors[0]
    );
    assert!(
        errors[0].3.contains("199900 more errors"),
        "{:?}",
        errors[0]
    );
}

#[test]
fn failed_writes_exit_2() {
    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("obligo"))
            .args(["check", "--now", "2026-11-21", ACME])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("cannot write the report"), "{stderr}");
        assert!(stderr.contains("obligo::output::stdout"), "{stderr}");
    }
    let dir = tempfile::tempdir().unwrap();
    let blocked = write(dir.path(), "file", "");
    let target = format!("json={}", blocked.join("report.json").display());
    let (code, _, stderr) = check(&["--output", &target, ACME]);
    assert_eq!(code, Some(2), "{stderr}");
    let one = dir.path().join("r.txt");
    let two = dir.path().join("sub/../r.txt");
    let (code, _, stderr) = check(&[
        "--output",
        &format!("json={}", one.display()),
        "--output",
        &format!("sarif={}", two.display()),
        ACME,
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("write to the same file"), "{stderr}");
}

#[test]
fn control_characters_and_backticks_from_tenants_are_escaped_in_every_text_format() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[tenant]\nid = \"a`<img src=x onerror=alert(1)>`b\"\nname = \"evil\\u001b]0;x\\u0007\"\n\
                contracts = [\"nrb\"]\n\n[[credential]]\nid = \"c\"\nkind = \"\\u001b[2J\\r\\u0000\"\n";
    let path = write(dir.path(), "evil.toml", text);
    for format in [
        "human", "github", "markdown", "html", "junit", "sarif", "json",
    ] {
        let (_, stdout, _) = check(&["--format", format, s(&path)]);
        for c in ['\u{1b}', '\u{7}', '\r', '\0'] {
            assert!(!stdout.contains(c), "{format} has {c:?}:\n{stdout}");
        }
    }
    let clean = write(
        dir.path(),
        "clean.toml",
        "[tenant]\nid = \"a`<img src=x onerror=alert(1)>`b\"\nname = \"<b>\\u001b\"\ncontracts = [\"nrb\"]\n",
    );
    let (_, html, _) = check(&["--format", "html", s(&clean)]);
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img") && html.contains("&lt;b&gt;"),
        "{html}"
    );
    // In Markdown the markup is either backslash-escaped or inside a code span, where
    // CommonMark shows it literally; the id's own backticks are inside a longer fence.
    let (_, markdown, _) = check(&["--format", "markdown", s(&clean)]);
    for (at, _) in markdown.match_indices("<img") {
        let before = markdown[..at].chars().next_back();
        assert!(
            matches!(before, Some('\\' | '`')),
            "{}",
            &markdown[at - 20..at + 10]
        );
    }
    assert!(
        markdown.contains("`` a`<img src=x onerror=alert(1)>`b ``"),
        "{markdown}"
    );
    assert!(!markdown.contains("<b>"), "{markdown}");
}

#[test]
fn a_duplicate_tenant_is_reported_and_not_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(ACME, dir.path().join("a.toml")).unwrap();
    std::fs::copy(ACME, dir.path().join("b.toml")).unwrap();
    let (code, json) = check_json(&[s(dir.path())]);
    assert_eq!(code, Some(2));
    assert_eq!(json["summary"]["tenants"], 1);
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["file"].as_str().unwrap().ends_with("a.toml"))
    );
}

#[test]
fn values_are_validated_by_their_type() {
    let (code, _, stderr) = obligo(&["check", "--now", "20261121", ACME]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "obligo.toml",
        "[params]\nnorisk_deletion_grace = \"99999999999999999d\"\n",
    );
    let (code, json) = check_json(&["--config", s(&config), ACME]);
    assert_eq!(code, Some(2));
    let errors = errors(&json);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(json["errors"][0]["file"], s(&config));
    assert_eq!((errors[0].1, errors[0].2), (2, 25), "{errors:?}");
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_exits_2() {
    // `>&-` can only be written in a shell: `Command` has no closed descriptor.
    let output = std::process::Command::new("sh")
        .args(["-c", "exec \"$0\" check --now 2026-11-21 \"$1\" >&-"])
        .arg(assert_cmd::cargo::cargo_bin!("obligo"))
        .arg(ACME)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("obligo::output::stdout"), "{stderr}");
    assert!(stderr.contains("it is closed"), "{stderr}");
    // `>/dev/null` is the user's choice, not a lost report.
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("obligo"))
        .args(["check", "--now", "2026-11-21", ACME])
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2));
}

#[test]
fn included_evidence_files_have_the_tenant_files_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = write(
        dir.path(),
        "t.toml",
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\ninclude = [\"e.toml\"]\n",
    );
    let evidence = format!("# {}\n[[segment]]\nid = \"office\"\n", "x".repeat(300));
    write(dir.path(), "e.toml", &evidence);
    let (code, json) = check_json(&["--max-file-size", "200", tenant.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{json:#}");
    let errors = errors(&json);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "obligo::input::include");
    assert_eq!((errors[0].1, errors[0].2), (4, 12), "{errors:?}");
    assert!(errors[0].3.contains("larger than 200 bytes"), "{errors:?}");
}

#[test]
fn entities_that_do_not_fit_the_schema_are_located_at_their_resource() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    common::copy_dir(Path::new("policies"), &packs).unwrap();
    let schema = packs.join("schema.cedarschema");
    let text = std::fs::read_to_string(&schema).unwrap().replace(
        "entity Segment in [Tenant] = {\n    zone?: String,",
        "entity Segment in [Tenant] = {\n    zone?: String,\n    owner: String,",
    );
    assert!(text.contains("owner: String"));
    std::fs::write(&schema, text).unwrap();
    let tenant = write(
        dir.path(),
        "t.toml",
        "[tenant]\nid = \"t\"\ncontracts = [\"nrb\"]\n\n[[segment]]\nid = \"office\"\n",
    );
    let (code, json) = check_json(&[
        "--policies",
        packs.to_str().unwrap(),
        tenant.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{json:#}");
    let errors = errors(&json);
    assert_eq!(errors[0].0, "obligo::entities::invalid", "{errors:?}");
    // `id = "office"` of the segment, not 1:1.
    assert_eq!((errors[0].1, errors[0].2), (6, 6), "{errors:?}");
}
