//! Finding the files to check. Paths named on the command line are taken as they are;
//! directories are walked for `*.toml`, `*.json`, `*.yaml` and `*.yml` files (whether each is
//! a tenant file is decided when it is read).
//!
//! The walk depends on the files present and nothing else, so that a gate gives the same
//! verdict on every machine: symbolic links are followed (a link back to an ancestor is not
//! followed again), `.gitignore`, `.ignore` and git's global and per-repository excludes are
//! not read, and the only entries skipped are hidden ones and `target/` directories. Every
//! skip is recorded with its reason, as is a file reached twice (it is checked once).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

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

/// A path met while walking that is not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path as walked.
    pub path: PathBuf,
    /// Why it is not checked, e.g. `hidden directory`.
    pub reason: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The files to read, without repeats, sorted within each directory.
    pub candidates: Vec<Candidate>,
    /// Paths passed over.
    pub skipped: Vec<Skipped>,
    /// Paths that could not be walked.
    pub errors: Vec<WalkError>,
}

/// The candidate files under `paths`.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            // A missing file is reported when it is read, with the reader's message.
            found.candidates.push(Candidate {
                path: path.clone(),
                explicit: true,
            });
        }
    }
    found.candidates = once_each(std::mem::take(&mut found.candidates), &mut found.skipped);
    found
}

/// Whether a file found by the walk may be a tenant file, without checking it: it has a
/// top-level `tenant` table, or cannot be read or parsed (checking it would report why; a JSON
/// or YAML file that does not parse is passed over unless it looks like a tenant file, as the
/// check does). Files that are certainly something else (evidence files) are `false`.
pub fn may_be_tenant(path: &Path, max_file_size: u64) -> bool {
    let Ok(text) = crate::limits::read_text(path, max_file_size) else {
        return true;
    };
    let file = crate::source::SourceFile::new(path, text);
    crate::tenant::holds_tenant(&file)
}

/// Keeps the first path to each file: the same file reached through a link or through `..`
/// is one tenant, not a duplicate of itself.
fn once_each(candidates: Vec<Candidate>, skipped: &mut Vec<Skipped>) -> Vec<Candidate> {
    let mut first: HashMap<PathBuf, usize> = HashMap::new();
    let mut kept: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        let key = file_key(&candidate.path);
        match first.get(&key) {
            Some(&index) => {
                let original = &mut kept[index];
                original.explicit |= candidate.explicit;
                if original.path != candidate.path {
                    skipped.push(Skipped {
                        reason: format!("the same file as `{}`", original.path.display()),
                        path: candidate.path,
                    });
                }
            }
            None => {
                first.insert(key, kept.len());
                kept.push(candidate);
            }
        }
    }
    kept
}

/// The name two paths to one file share: the canonical path when the file exists (links and
/// `..` resolved), else the path with `.` and `a/..` removed.
pub(crate) fn file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
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

/// Whether two paths name the same file, by the same key the walk uses to check a file once.
pub fn same_file(a: &Path, b: &Path) -> bool {
    file_key(a) == file_key(b)
}

fn walk(dir: &Path, found: &mut Discovery) {
    let passed_over: Arc<Mutex<Vec<Skipped>>> = Arc::default();
    let record = Arc::clone(&passed_over);
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .follow_links(true)
        .sort_by_file_path(Path::cmp)
        .filter_entry(move |entry| {
            let reason = skip_reason(entry);
            if let Some(reason) = reason {
                record
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(Skipped {
                        path: entry.path().to_path_buf(),
                        reason: reason.to_owned(),
                    });
            }
            reason.is_none()
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                // Anything but a directory is a candidate: reading it reports a FIFO or device
                // as an error instead of passing over what may be a tenant file.
                if has_tenant_extension(entry.path())
                    && !entry.file_type().is_some_and(|t| t.is_dir())
                {
                    found.candidates.push(Candidate {
                        path: entry.into_path(),
                        explicit: false,
                    });
                }
            }
            Err(error) => match walk_failure(&error) {
                Failure::Loop { link, ancestor } => found.skipped.push(Skipped {
                    path: link,
                    reason: format!(
                        "a symbolic link loop: it leads back to `{}`",
                        ancestor.display()
                    ),
                }),
                Failure::Other { path } => {
                    let path = path.unwrap_or_else(|| dir.to_path_buf());
                    if has_tenant_extension(&path) || path == dir {
                        found.errors.push(WalkError {
                            path,
                            message: io_message(&error),
                        });
                    } else {
                        found.skipped.push(Skipped {
                            path,
                            reason: format!(
                                "not a `.toml`, `.json` or `.yaml` file, and {}",
                                io_message(&error)
                            ),
                        });
                    }
                }
            },
        }
    }
    let mut passed_over = passed_over.lock().unwrap_or_else(PoisonError::into_inner);
    passed_over.sort_by(|a, b| a.path.cmp(&b.path));
    found.skipped.append(&mut passed_over);
}

/// Whether the walk takes a file with this name: `.toml`, `.json`, `.yaml` or `.yml`.
fn has_tenant_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "toml" || e == "json" || e == "yaml" || e == "yml")
}

/// Why the walk does not enter or take an entry; `None` to take it.
fn skip_reason(entry: &ignore::DirEntry) -> Option<&'static str> {
    if entry.depth() == 0 {
        return None;
    }
    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
    let name = entry.file_name().to_string_lossy();
    if name.starts_with('.') {
        Some(if is_dir {
            "a hidden directory"
        } else {
            "a hidden file"
        })
    } else if is_dir && name == "target" {
        Some("a `target/` directory (build output)")
    } else {
        None
    }
}

enum Failure {
    Loop { link: PathBuf, ancestor: PathBuf },
    Other { path: Option<PathBuf> },
}

fn walk_failure(error: &ignore::Error) -> Failure {
    match error {
        ignore::Error::Loop { ancestor, child } => Failure::Loop {
            link: child.clone(),
            ancestor: ancestor.clone(),
        },
        ignore::Error::WithPath { path, err } => match walk_failure(err) {
            Failure::Other { path: None } => Failure::Other {
                path: Some(path.clone()),
            },
            other => other,
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_failure(err)
        }
        _ => Failure::Other { path: None },
    }
}

fn io_message(error: &ignore::Error) -> String {
    match error.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "it does not exist (a broken symbolic link?)".into()
        }
        Some(io) => io.to_string(),
        None => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn names(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Vec<String> {
        paths
            .into_iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn walks_toml_files_skipping_hidden_and_target_but_not_ignore_files() {
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
        fs::write(root.join(".ignore"), "*.toml\n").unwrap();
        let found = discover(&[root.to_path_buf()]);
        assert!(found.errors.is_empty());
        assert_eq!(
            names(root, found.candidates.iter().map(|c| c.path.clone())),
            ["a.toml", "ignored/f.toml", "sub/c.toml"]
        );
        assert!(found.candidates.iter().all(|c| !c.explicit));
        assert_eq!(
            names(root, found.skipped.iter().map(|s| s.path.clone())),
            [".gitignore", ".hidden", ".ignore", "target"]
        );
        assert_eq!(found.skipped[1].reason, "a hidden directory");
    }

    #[test]
    fn named_files_are_explicit_and_not_repeated() {
        let path = PathBuf::from("x.toml");
        let found = discover(&[path.clone(), path.clone()]);
        assert_eq!(
            found.candidates,
            [Candidate {
                path,
                explicit: true
            }]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_once_and_loops_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("elsewhere")).unwrap();
        fs::create_dir_all(root.join("tenants/sub")).unwrap();
        fs::write(root.join("elsewhere/t.toml"), "").unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere/t.toml"), root.join("tenants/t.toml"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("tenants"), root.join("tenants/sub/loop")).unwrap();
        let tenants = root.join("tenants");
        let found = discover(&[tenants.clone(), tenants.join("sub/../t.toml")]);
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        assert_eq!(
            names(root, found.candidates.iter().map(|c| c.path.clone())),
            ["tenants/t.toml"]
        );
        assert!(found.candidates[0].explicit);
        let skipped = names(root, found.skipped.iter().map(|s| s.path.clone()));
        assert_eq!(skipped, ["tenants/sub/loop", "tenants/sub/../t.toml"]);
        assert!(
            found.skipped[0].reason.contains("loop"),
            "{:?}",
            found.skipped
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

    #[cfg(unix)]
    #[test]
    fn same_file_sees_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a")).unwrap();
        fs::write(root.join("a/e.toml"), "").unwrap();
        std::os::unix::fs::symlink(root.join("a/e.toml"), root.join("link.toml")).unwrap();
        assert!(same_file(
            &root.join("link.toml"),
            &root.join("a/../a/e.toml")
        ));
        assert!(!same_file(
            &root.join("a/e.toml"),
            &root.join("a/missing.toml")
        ));
    }
}
