//! `obligo validate`: a custom pack is checked before it is used, and each problem is reported
//! in its `.cedar` file at the offending annotation or expression.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

/// A text replacement: `(from, to)`.
type Edit<'a> = (&'a str, &'a str);

/// A complete rule of pack `acme` about systems; `replace` edits its text.
fn rule(name: &str, replace: &[Edit]) -> String {
    let mut text = format!(
        "@id(\"acme/{name}\")\n\
         @severity(\"warning\")\n\
         @title(\"Systems must name an owner\")\n\
         @binds(\"customer\")\n\
         @applies_to(\"customer-components\")\n\
         @clause(\"ACME hosting policy §1\")\n\
         @quote(\"Elk systeem heeft een eigenaar.\")\n\
         @summary(\"Every system has a named owner.\")\n\
         @remediation(\"Declare the owner.\")\n\
         @location(\"os\")\n\
         @message(\"system `{{resource}}` runs {{os.name}}\")\n\
         forbid (principal, action == Obligo::Action::\"deploy\", resource is Obligo::System)\n\
         when {{ resource has os && resource.os.family == \"windows\" }};\n"
    );
    for (from, to) in replace {
        assert!(text.contains(from), "{from} not in the rule");
        text = text.replace(from, to);
    }
    text
}

/// The manifest of pack `acme`.
const MANIFEST: &str = "id = \"acme\"\ntitle = \"ACME hosting policy\"\n\
                        documents = [\"ACME hosting policy\"]\n";

/// Runs `obligo validate --policies DIR` on pack `acme` (its manifest, unless `files` give
/// one, and `files` as path → text); exit code and stdout + stderr.
fn validate(files: &[(&str, String)]) -> (i32, String, String) {
    let mut all = vec![("acme/pack.toml", MANIFEST.to_owned())];
    all.extend(files.iter().cloned());
    validate_exactly(&all)
}

/// Runs `obligo validate --policies DIR` on exactly `files`.
fn validate_exactly(files: &[(&str, String)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = cargo_bin_cmd!("obligo")
        .args(["validate", "--policies"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(
        &format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR),
        "",
    );
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn a_valid_custom_pack_passes() {
    let (code, stdout, stderr) = validate(&[("acme/owner.cedar", rule("owner", &[]))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("in 6 packs"), "{stdout}");
    assert!(stdout.contains("valid against the schema"), "{stdout}");
}

/// Each broken rule is rejected with exit 2, its code, and its place in its own file.
#[test]
fn each_broken_rule_is_located_in_its_cedar_file() {
    let cases: [(&str, &[Edit], &str, &str); 5] = [
        (
            "unknown attribute",
            &[("resource.os.family", "resource.os.familly")],
            "obligo::policy::schema-mismatch",
            "acme/broken.cedar:13:",
        ),
        (
            "misspelt placeholder",
            &[("{os.name}", "{os.nmae}")],
            "obligo::policy::unknown-attribute",
            "acme/broken.cedar:11:36",
        ),
        (
            "missing annotation",
            &[("@clause(\"ACME hosting policy §1\")\n", "")],
            "obligo::policy::missing-annotation",
            "acme/broken.cedar:11:1",
        ),
        (
            "id without its pack prefix",
            &[("@id(\"acme/broken\")", "@id(\"broken\")")],
            "obligo::policy::id-mismatch",
            "acme/broken.cedar:1:1",
        ),
        (
            "unknown severity",
            &[("@severity(\"warning\")", "@severity(\"fatal\")")],
            "obligo::policy::invalid-annotation",
            "acme/broken.cedar:2:1",
        ),
    ];
    for (what, edits, code, place) in cases {
        let (exit, _, stderr) = validate(&[("acme/broken.cedar", rule("broken", edits))]);
        assert_eq!(exit, 2, "{what}: {stderr}");
        assert!(
            stderr.contains(code),
            "{what}: expected {code} in\n{stderr}"
        );
        assert!(
            stderr.contains(place),
            "{what}: expected {place} in\n{stderr}"
        );
        assert!(stderr.contains("problem"), "{what}: {stderr}");
    }
}

/// Two files giving the same id: the second is reported, not silently dropped.
#[test]
fn a_duplicate_id_is_an_error() {
    let (exit, _, stderr) = validate(&[
        ("acme/owner.cedar", rule("owner", &[])),
        (
            "acme/owner-copy.cedar",
            rule(
                "owner-copy",
                &[("@id(\"acme/owner-copy\")", "@id(\"acme/owner\")")],
            ),
        ),
    ]);
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("acme/owner-copy.cedar:1:1"), "{stderr}");
}

/// A pack is a directory with a `pack.toml`: without it, or with a broken one, its rules are
/// refused, and each problem is located in the file that has it.
#[test]
fn a_pack_needs_a_valid_manifest_that_its_clauses_cite() {
    let owner = ("acme/owner.cedar", rule("owner", &[]));
    let (exit, _, stderr) = validate_exactly(std::slice::from_ref(&owner));
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("obligo::policy::no-pack"), "{stderr}");
    assert!(stderr.contains("acme/owner.cedar:1:1"), "{stderr}");
    assert!(stderr.contains("obligo init --pack acme"), "{stderr}");

    let wrong_id = MANIFEST.replace("id = \"acme\"", "id = \"acne\"");
    let (exit, _, stderr) = validate_exactly(&[owner.clone(), ("acme/pack.toml", wrong_id)]);
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("obligo::policy::pack"), "{stderr}");
    assert!(stderr.contains("acme/pack.toml:1:6"), "{stderr}");
    assert!(!stderr.contains("no-pack"), "{stderr}");

    let cited = rule("owner", &[("ACME hosting policy §1", "Other policy §1")]);
    let (exit, _, stderr) = validate(&[("acme/owner.cedar", cited)]);
    assert_eq!(exit, 2, "{stderr}");
    assert!(
        stderr.contains("obligo::policy::invalid-annotation"),
        "{stderr}"
    );
    assert!(stderr.contains("acme/owner.cedar:6:1"), "{stderr}");
    assert!(
        stderr.contains("does not cite a document of pack `acme`"),
        "{stderr}"
    );
}

#[test]
fn the_built_in_packs_are_valid() {
    let out = cargo_bin_cmd!("obligo").arg("validate").output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("in 5 packs from the built-in packs"),
        "{stdout}"
    );
    assert!(Path::new("policies/schema.cedarschema").exists());
}
