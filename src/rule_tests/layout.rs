//! Finding the cases: `<dir>/<pack>/<rule-name>/pass*.toml` and `fail*.toml`, the layout of
//! the project's own `tests/fixtures/rules`. The directory names the rule under test.

use std::path::{Path, PathBuf};

/// Whether a case shows its rule firing (`fail*.toml`) or not (`pass*.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `pass*.toml`: the rule under test must not fire.
    Pass,
    /// `fail*.toml`: the rule under test fires where the case says.
    Fail,
}

/// One case file and the rule it is about.
#[derive(Debug, Clone)]
pub struct Case {
    /// The tenant file.
    pub path: PathBuf,
    /// `<pack>/<rule-name>`, from the directories.
    pub rule: String,
    /// Pass or fail, from the file name.
    pub kind: Kind,
}

/// Every case under `root`, sorted by path, and the problems with the layout itself (stray
/// files, badly named cases), which fail the run too. Hidden entries are skipped; files at the
/// top (a README, a CI script) are allowed.
pub fn collect(root: &Path) -> (Vec<Case>, Vec<String>) {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for pack in sorted_entries(root, &mut errors) {
        if !pack.is_dir() {
            continue;
        }
        for rule_dir in sorted_entries(&pack, &mut errors) {
            if !rule_dir.is_dir() {
                if !is_readme(&rule_dir) {
                    errors.push(format!(
                        "{}: expected only rule directories (`<pack>/<rule-name>/`) here",
                        rule_dir.display()
                    ));
                }
                continue;
            }
            let rule = format!("{}/{}", file_name(&pack), file_name(&rule_dir));
            for path in sorted_entries(&rule_dir, &mut errors) {
                let name = file_name(&path);
                let kind = if !name.ends_with(".toml") || path.is_dir() {
                    None
                } else if name.starts_with("pass") {
                    Some(Kind::Pass)
                } else if name.starts_with("fail") {
                    Some(Kind::Fail)
                } else {
                    None
                };
                match kind {
                    Some(kind) => cases.push(Case {
                        path,
                        rule: rule.clone(),
                        kind,
                    }),
                    None if is_readme(&path) => {}
                    None => errors.push(format!(
                        "{}: a case is named `pass*.toml` or `fail*.toml`",
                        path.display()
                    )),
                }
            }
        }
    }
    (cases, errors)
}

fn sorted_entries(dir: &Path, errors: &mut Vec<String>) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| !file_name(p).starts_with('.'))
                .collect();
            paths.sort();
            paths
        }
        Err(error) => {
            errors.push(format!("{}: cannot read directory: {error}", dir.display()));
            Vec::new()
        }
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_readme(path: &Path) -> bool {
    file_name(path) == "README.md"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_found_and_stray_files_reported() {
        let dir = tempfile::tempdir().unwrap();
        let rule = dir.path().join("dpa/inactive-credential");
        std::fs::create_dir_all(&rule).unwrap();
        for name in [
            "pass.toml",
            "fail-x.toml",
            "README.md",
            "failing.txt",
            "broken.toml",
        ] {
            std::fs::write(rule.join(name), "").unwrap();
        }
        std::fs::write(dir.path().join("dpa/stray.toml"), "").unwrap();
        std::fs::write(dir.path().join("README.md"), "").unwrap();
        std::fs::create_dir_all(dir.path().join(".git/objects")).unwrap();
        let (cases, errors) = collect(dir.path());
        let names: Vec<(String, Kind)> =
            cases.iter().map(|c| (file_name(&c.path), c.kind)).collect();
        assert_eq!(
            names,
            [
                ("fail-x.toml".to_owned(), Kind::Fail),
                ("pass.toml".to_owned(), Kind::Pass)
            ]
        );
        assert!(cases.iter().all(|c| c.rule == "dpa/inactive-credential"));
        assert_eq!(errors.len(), 3, "{errors:?}");
    }
}
