//! The `install` step: the release binary for the runner, downloaded from a simulated release
//! (a directory served by `file://` URLs, laid out as GitHub serves release assets), verified
//! against its SHA-256 checksum file, and the fallback to a build when there is no release.

use super::*;

const TARGET: &str = "x86_64-unknown-linux-musl";

/// A release directory `<root>/download/<tag>/` holding the archive for [`TARGET`] (a stand-in
/// obligo that prints its version) and its checksum file, as the release workflow names them.
struct Release {
    root: TempDir,
}

impl Release {
    fn new(tag: &str) -> Self {
        let root = tempfile::tempdir().unwrap();
        let assets = root.path().join("download").join(tag);
        let staging = root.path().join("staging");
        fs::create_dir_all(&assets).unwrap();
        fs::create_dir_all(&staging).unwrap();
        let exe = staging.join("obligo");
        fs::write(&exe, format!("#!/bin/sh\necho 'obligo {tag} (release)'\n")).unwrap();
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(staging.join("LICENSE-MIT"), "MIT\n").unwrap();
        let archive = format!("obligo-{TARGET}.tar.gz");
        run_ok(
            Command::new("tar")
                .current_dir(&staging)
                .args(["-czf", assets.join(&archive).to_str().unwrap()])
                .args(["obligo", "LICENSE-MIT"]),
        );
        let sum = run_ok(Command::new("sha256sum").current_dir(&assets).arg(&archive));
        fs::write(assets.join(format!("obligo-{TARGET}.sha256")), sum).unwrap();
        Release { root }
    }

    fn base_url(&self) -> String {
        format!("file://{}", self.root.path().display())
    }

    fn asset(&self, tag: &str, name: &str) -> PathBuf {
        self.root.path().join("download").join(tag).join(name)
    }
}

fn run_ok(command: &mut Command) -> String {
    let out = command.output().unwrap();
    assert!(out.status.success(), "{command:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the install step on a Linux x64 runner against `release`, with `env` on top.
fn install(runner: &Runner, release: &Release, env: &[(&str, &str)]) -> Step {
    let base = release.base_url();
    let tools = runner.temp.join("tool-cache");
    let mut all = vec![
        ("RUNNER_ARCH", "X64"),
        ("RUNNER_TOOL_CACHE", tools.to_str().unwrap()),
        ("OBLIGO_RELEASE_BASE_URL", base.as_str()),
        ("OBLIGO_ACTION_REPOSITORY", "example/obligo"),
    ];
    all.extend_from_slice(env);
    runner.step("install", &all)
}

/// An action tree whose Cargo.toml says `version`.
fn action_tree(version: &str) -> TempDir {
    let tree = tempfile::tempdir().unwrap();
    fs::write(
        tree.path().join("Cargo.toml"),
        format!("[package]\nname = \"obligo\"\nversion = \"{version}\"\n"),
    )
    .unwrap();
    tree
}

#[test]
fn install_downloads_verifies_and_unpacks_the_release_binary() {
    let runner = Runner::new();
    let release = Release::new("v9.9.9");
    let step = install(&runner, &release, &[("OBLIGO_VERSION", "9.9.9")]);
    assert_eq!(step.code, 0, "{}", describe(&step));
    let outputs = runner.outputs();
    assert!(!outputs.contains_key("build"), "{outputs:?}");
    let binary = PathBuf::from(&outputs["binary"]);
    assert!(
        binary.starts_with(runner.temp.join("tool-cache")),
        "{binary:?}"
    );
    let version = run_ok(&mut Command::new(&binary));
    assert_eq!(version, "obligo v9.9.9 (release)\n");
    assert!(
        step.stdout.contains("verified by SHA-256"),
        "{}",
        describe(&step)
    );
}

#[test]
fn a_checksum_mismatch_fails_the_step_and_never_falls_back_to_a_build() {
    let runner = Runner::new();
    let release = Release::new("v9.9.9");
    let archive = release.asset("v9.9.9", &format!("obligo-{TARGET}.tar.gz"));
    let mut bytes = fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    fs::write(&archive, bytes).unwrap();

    let step = install(&runner, &release, &[("OBLIGO_VERSION", "v9.9.9")]);
    assert_step(&step, 2, "::error title=obligo action::checksum mismatch");
    let outputs = runner.outputs();
    assert!(
        !outputs.contains_key("binary") && !outputs.contains_key("build"),
        "{outputs:?}"
    );
}

#[test]
fn a_checksum_file_without_the_archive_fails_the_step() {
    let runner = Runner::new();
    let release = Release::new("v9.9.9");
    fs::write(
        release.asset("v9.9.9", &format!("obligo-{TARGET}.sha256")),
        format!("{}  obligo-other.tar.gz\n", "0".repeat(64)),
    )
    .unwrap();
    let step = install(&runner, &release, &[("OBLIGO_VERSION", "9.9.9")]);
    assert_step(&step, 2, "has no SHA-256 for");
}

#[test]
fn a_release_that_does_not_exist_falls_back_to_a_build_with_a_notice() {
    let runner = Runner::new();
    let release = Release::new("v9.9.9");
    let step = install(&runner, &release, &[("OBLIGO_VERSION", "9.9.8")]);
    assert_step(&step, 0, "::notice title=obligo action::no release v9.9.8");
    assert_eq!(
        runner.outputs().get("build").map(String::as_str),
        Some("true")
    );
}

#[test]
fn a_runner_without_a_release_target_builds() {
    let runner = Runner::new();
    let release = Release::new("v9.9.9");
    let step = install(
        &runner,
        &release,
        &[("OBLIGO_VERSION", "9.9.9"), ("RUNNER_ARCH", "ARM")],
    );
    assert_step(&step, 0, "no release binary for Linux ARM");
    assert_eq!(
        runner.outputs().get("build").map(String::as_str),
        Some("true")
    );
}

#[test]
fn the_version_follows_the_input_else_the_tag_the_action_is_used_at() {
    let release = Release::new("v2.3.4");
    let tree = action_tree("2.3.4");
    let path = tree.path().to_str().unwrap();
    let installed = |env: &[(&str, &str)]| {
        let runner = Runner::new();
        let mut all = vec![("GITHUB_ACTION_PATH", path)];
        all.extend_from_slice(env);
        let step = install(&runner, &release, &all);
        (step, runner.outputs())
    };

    // A tag ref: the sources are the release named in their Cargo.toml.
    for tag in ["v2", "v2.3", "v2.3.4"] {
        let (step, outputs) = installed(&[("OBLIGO_ACTION_REF", tag)]);
        assert_eq!(step.code, 0, "{tag}: {}", describe(&step));
        assert!(outputs.contains_key("binary"), "{tag}: {outputs:?}");
    }
    // A branch or commit may be unreleased code: built, never downloaded.
    for reference in ["main", "0123456789abcdef0123456789abcdef01234567", ""] {
        let (step, outputs) = installed(&[("OBLIGO_ACTION_REF", reference)]);
        assert_eq!(step.code, 0, "{reference}: {}", describe(&step));
        assert_eq!(outputs.get("build").map(String::as_str), Some("true"));
        assert!(!outputs.contains_key("binary"), "{reference}: {outputs:?}");
    }
    // `source` builds whatever the ref.
    let (_, outputs) = installed(&[("OBLIGO_ACTION_REF", "v2"), ("OBLIGO_VERSION", "source")]);
    assert_eq!(outputs.get("build").map(String::as_str), Some("true"));
    // Anything else is an error, not a guess.
    for bad in ["2.3", "v2", "newest", "2.3.4; rm -rf /"] {
        let (step, outputs) = installed(&[("OBLIGO_VERSION", bad)]);
        assert_eq!(step.code, 2, "{bad}: {}", describe(&step));
        assert!(
            step.stdout
                .contains("::error title=obligo action::`version: "),
            "{bad}: {}",
            describe(&step)
        );
        assert!(outputs.is_empty(), "{bad}: {outputs:?}");
    }
}

#[test]
fn latest_downloads_from_the_latest_release_path() {
    let runner = Runner::new();
    let release = Release::new("v9.9.9");
    // GitHub serves the newest release's assets under `latest/download/`.
    let latest = release.root.path().join("latest");
    fs::create_dir_all(&latest).unwrap();
    std::os::unix::fs::symlink(
        release.root.path().join("download/v9.9.9"),
        latest.join("download"),
    )
    .unwrap();
    let step = install(&runner, &release, &[("OBLIGO_VERSION", "latest")]);
    assert_eq!(step.code, 0, "{}", describe(&step));
    assert!(runner.outputs().contains_key("binary"));
}
