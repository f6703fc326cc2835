//! Finding the files to check. Paths named on the command line are taken as they are;
//! directories are walked for `*.toml` files, skipping hidden and `.gitignore`d paths and
//! `target/` directories.

use std::path::{Component, Path, PathBuf};

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its path.
    pub path: PathBuf,
    /// Named on the command line (then it must be a tenant file), rather than found by walking.
    pub explicit: bool,
}

/// A path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path at fault.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// The candidate files under `paths`, without repeats, sorted within each directory.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<WalkError>) {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut candidates, &mut errors);
        } else {
            // A missing file is reported when it is read, with the reader's message.
            candidates.push(Candidate {
                path: path.clone(),
                explicit: true,
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.path.clone()));
    (candidates, errors)
}

fn walk(dir: &Path, candidates: &mut Vec<Candidate>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .sort_by_file_path(Path::cmp)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(entry.file_type().is_some_and(|t| t.is_dir()) && entry.file_name() == "target")
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_toml = entry.path().extension().is_some_and(|e| e == "toml");
                if is_toml && entry.file_type().is_some_and(|t| t.is_file()) {
                    candidates.push(Candidate {
                        path: entry.into_path(),
                        explicit: false,
                    });
                }
            }
            Err(error) => errors.push(WalkError {
                path: dir.to_path_buf(),
                message: error.to_string(),
            }),
        }
    }
}

/// The path with `.` and `a/..` removed, without touching the file system, so that the same
/// file reached two ways has one name in diagnostics.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether two paths name the same file (by their canonical paths when both exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => normalize(a) == normalize(b),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn walks_toml_files_skipping_hidden_ignored_and_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.toml",
            "b.txt",
            "sub/c.toml",
            ".hidden/d.toml",
            "target/e.toml",
            "ignored/f.toml",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let (found, errors) = discover(&[root.to_path_buf()]);
        assert!(errors.is_empty());
        let names: Vec<_> = found
            .iter()
            .map(|c| {
                c.path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, ["a.toml", "sub/c.toml"]);
        assert!(found.iter().all(|c| !c.explicit));
    }

    #[test]
    fn named_files_are_explicit_and_not_repeated() {
        let path = PathBuf::from("x.toml");
        let (found, _) = discover(&[path.clone(), path.clone()]);
        assert_eq!(
            found,
            [Candidate {
                path,
                explicit: true
            }]
        );
    }

    #[test]
    fn normalize_removes_dot_and_parent_components() {
        assert_eq!(
            normalize(Path::new("examples/tenants/../providers/./nrb.toml")),
            PathBuf::from("examples/providers/nrb.toml")
        );
        assert_eq!(
            normalize(Path::new("../x.toml")),
            PathBuf::from("../x.toml")
        );
    }
}
