//! The inputs that shape where and how the check runs: `category`, `working-directory`,
//! `config`.

use super::*;

fn category_of(env: &[(&str, &str)]) -> (Step, Option<String>) {
    let runner = Runner::new();
    let mut all = vec![("GITHUB_JOB", "lint")];
    all.extend_from_slice(env);
    let step = runner.check(&all);
    let category = runner.outputs().get("category").cloned();
    (step, category)
}

#[test]
fn the_default_category_is_unique_per_job_and_matrix_entry() {
    let (_, plain) = category_of(&[("OBLIGO_MATRIX", "null")]);
    assert_eq!(plain.as_deref(), Some("obligo-lint"));
    let (_, linux) = category_of(&[("OBLIGO_MATRIX", "{\n  \"os\": \"linux\"\n}")]);
    let (_, macos) = category_of(&[("OBLIGO_MATRIX", "{\n  \"os\": \"macos\"\n}")]);
    let (linux, macos) = (linux.unwrap(), macos.unwrap());
    assert!(linux.starts_with("obligo-lint-") && macos.starts_with("obligo-lint-"));
    assert_ne!(linux, macos);
    let (_, again) = category_of(&[("OBLIGO_MATRIX", "{\n  \"os\": \"linux\"\n}")]);
    assert_eq!(again.as_deref(), Some(linux.as_str()), "not deterministic");
}

#[test]
fn an_explicit_category_wins_and_is_checked() {
    let (_, category) =
        category_of(&[("OBLIGO_CATEGORY", "tenants/prod"), ("OBLIGO_MATRIX", "{}")]);
    assert_eq!(category.as_deref(), Some("tenants/prod"));
    let (step, _) = category_of(&[("OBLIGO_CATEGORY", "a b")]);
    assert_step(&step, 2, "`category: a b` may hold only");
}

#[test]
fn obligo_runs_in_the_working_directory_with_paths_and_config_relative_to_it() {
    let runner = Runner::new();
    let sub = runner.workspace.join("estate");
    fs::rename(runner.workspace.join("tenants"), sub.join("tenants"))
        .or_else(|_| {
            fs::create_dir_all(&sub)?;
            fs::rename(runner.workspace.join("tenants"), sub.join("tenants"))
        })
        .unwrap();
    // A config that switches the error rule off: it only applies if obligo finds it.
    fs::write(
        sub.join("strict.toml"),
        "[rules]\ndisable = [\"nrb/unsupported-os\"]\n",
    )
    .unwrap();
    let check = runner.check(&[
        ("OBLIGO_WORKING_DIRECTORY", "estate"),
        ("OBLIGO_PATHS", "tenants"),
        ("OBLIGO_CONFIG", "strict.toml"),
    ]);
    assert_eq!(check.code, 0, "{}", describe(&check));
    let outputs = runner.outputs();
    let report = read_json(Path::new(&outputs["json-file"]));
    let files: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(!files.is_empty(), "{report}");
    assert!(files.iter().all(|f| f.starts_with("tenants/")), "{files:?}");
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "nrb/unsupported-os"),
        "the config was not used"
    );
    // The SARIF file stays relative to the workspace.
    assert!(runner.workspace.join("obligo.sarif").is_file());
}

#[test]
fn a_working_directory_that_does_not_exist_is_an_action_error() {
    let runner = Runner::new();
    let check = runner.check(&[("OBLIGO_WORKING_DIRECTORY", "nowhere")]);
    assert_eq!(check.code, 2, "{}", describe(&check));
    assert!(
        check
            .stdout
            .contains("`working-directory: nowhere` is not a directory")
    );
}
