//! Which `obligo.toml` governs each checked file. Without `--config`, the nearest
//! `obligo.toml` in the file's directory or above applies to it, as in ruff: the search goes
//! up to the filesystem root, but stops after the directory that holds `.git` (a repository's
//! root), so that a stray `~/obligo.toml` cannot change the verdict of a repository checked
//! out below it. Configs do not inherit from configs above them: the nearest one is the whole
//! configuration of its subtree. `--config FILE` governs every file instead.
//!
//! Each directory is looked up once and each config file read and checked once, however many
//! tenant files share it; the settings of each distinct combination of config and overrides
//! are computed once too. Lookups are safe from many threads.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::discover::normalize;
use crate::tenant::InputError;

use super::settings::{Catalog, CommandLine, OverrideRef, Resolved, Settings};
use super::{Config, DEFAULT_FILE};

/// The settings that apply to one file, and where they come from.
#[derive(Debug, Clone)]
pub struct FileSettings {
    /// The config file that governs the file, as shown to users; `None` without one.
    pub config: Option<String>,
    /// The `[[overrides]]` tables that apply, in the order they are applied.
    pub overrides: Vec<OverrideRef>,
    /// The effective settings.
    pub settings: Arc<Settings>,
}

/// Finds, loads and caches the configs of a run.
pub struct ConfigTree {
    catalog: Catalog,
    command_line: CommandLine,
    max_file_size: u64,
    cwd: PathBuf,
    /// `--config`, or no config at all: the one config of every file.
    fixed: Option<Arc<Resolved>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Directory → the config that governs files in it (an index into `configs`).
    dirs: HashMap<PathBuf, Option<usize>>,
    /// Every config file met: `None` when it has errors (reported once, in `errors`).
    configs: Vec<Option<Arc<Resolved>>>,
    errors: Vec<InputError>,
    settings: HashMap<(Option<usize>, Vec<usize>), Arc<Settings>>,
}

impl ConfigTree {
    /// One config for every file: `--config FILE`, or none (obligo's defaults).
    pub fn fixed(resolved: Resolved, catalog: Catalog, command_line: CommandLine) -> Self {
        Self::new(Some(Arc::new(resolved)), catalog, command_line, 0)
    }

    /// The nearest `obligo.toml` of each file; a config file larger than `max_file_size`
    /// bytes is an error.
    pub fn discover(catalog: Catalog, command_line: CommandLine, max_file_size: u64) -> Self {
        Self::new(None, catalog, command_line, max_file_size)
    }

    fn new(
        fixed: Option<Arc<Resolved>>,
        catalog: Catalog,
        command_line: CommandLine,
        max_file_size: u64,
    ) -> Self {
        Self {
            catalog,
            command_line,
            max_file_size,
            cwd: std::env::current_dir().unwrap_or_default(),
            fixed,
            state: Mutex::default(),
        }
    }

    /// The rules and parameters configs are checked against.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The settings of the file at `path` (as named on the command line or found by the
    /// walk); `None` when the config that governs it has errors, which [`ConfigTree::errors`]
    /// reports once.
    pub fn for_file(&self, path: &Path) -> Option<FileSettings> {
        let absolute = normalize(&self.cwd.join(path));
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (index, resolved) = match &self.fixed {
            Some(fixed) => (None, Arc::clone(fixed)),
            None => {
                let dir = absolute.parent().unwrap_or(Path::new("/"));
                match self.lookup(&mut state, dir) {
                    Some(index) => (Some(index), Arc::clone(state.configs[index].as_ref()?)),
                    None => (None, Arc::new(Resolved::default())),
                }
            }
        };
        let applied = resolved.matching(&absolute);
        let settings = state
            .settings
            .entry((index, applied.clone()))
            .or_insert_with(|| {
                Arc::new(resolved.settings(&applied, &self.catalog, &self.command_line))
            });
        Some(FileSettings {
            config: resolved.file().map(|f| f.name().to_owned()),
            overrides: resolved.describe(&applied),
            settings: Arc::clone(settings),
        })
    }

    /// The settings of the run as a whole, for what is not per file (the rule descriptors
    /// of SARIF): the top level of `--config`, or of the config that governs the working
    /// directory.
    pub fn run_settings(&self) -> Settings {
        let resolved = match &self.fixed {
            Some(fixed) => Arc::clone(fixed),
            None => {
                let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                let cwd = self.cwd.clone();
                self.lookup(&mut state, &cwd)
                    .and_then(|i| state.configs[i].clone())
                    .unwrap_or_default()
            }
        };
        resolved.settings(&[], &self.catalog, &self.command_line)
    }

    /// The errors of every config file read so far, each reported once, in the order read.
    pub fn errors(&self) -> Vec<InputError> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.errors.clone()
    }

    /// The config that governs files in `dir`, loading it on first use.
    fn lookup(&self, state: &mut State, dir: &Path) -> Option<usize> {
        let mut unresolved = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(&known) = state.dirs.get(ancestor) {
                found = known;
                break;
            }
            unresolved.push(ancestor.to_path_buf());
            let candidate = ancestor.join(DEFAULT_FILE);
            if candidate.is_file() {
                found = Some(self.load(state, &candidate, ancestor));
                break;
            }
            if ancestor.join(".git").exists() {
                break;
            }
        }
        for dir in unresolved {
            state.dirs.insert(dir, found);
        }
        found
    }

    fn load(&self, state: &mut State, path: &Path, dir: &Path) -> usize {
        let name = shown(path, &self.cwd);
        let loaded = Config::load(path, name, dir.to_path_buf(), self.max_file_size)
            .and_then(|config| Resolved::new(&config, &self.catalog));
        let entry = match loaded {
            Ok(resolved) => Some(Arc::new(resolved)),
            Err(errors) => {
                state.errors.extend(errors);
                None
            }
        };
        state.configs.push(entry);
        state.configs.len() - 1
    }
}

/// `path` as users see it: relative to the working directory (with `..` when it lies above),
/// or absolute when the two share nothing but the root.
fn shown(path: &Path, cwd: &Path) -> PathBuf {
    let path = normalize(path);
    let cwd = normalize(cwd);
    let common = path
        .components()
        .zip(cwd.components())
        .take_while(|(a, b)| a == b)
        .count();
    let shares_only_root = common
        <= usize::from(matches!(
            path.components().next(),
            Some(Component::RootDir | Component::Prefix(_))
        ));
    if shares_only_root && cwd.components().count() > common {
        return path;
    }
    let mut out = PathBuf::new();
    for _ in common..cwd.components().count() {
        out.push("..");
    }
    for part in path.components().skip(common) {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn names_are_relative_to_the_working_directory() {
        let cwd = Path::new("/work/repo/tenants");
        assert_eq!(
            shown(Path::new("/work/repo/tenants/a/obligo.toml"), cwd),
            Path::new("a/obligo.toml")
        );
        assert_eq!(
            shown(Path::new("/work/repo/obligo.toml"), cwd),
            Path::new("../obligo.toml")
        );
        assert_eq!(
            shown(Path::new("/etc/obligo.toml"), cwd),
            Path::new("/etc/obligo.toml")
        );
    }

    #[test]
    fn the_nearest_config_governs_and_the_search_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["repo/.git", "repo/a/b", "repo/c"] {
            fs::create_dir_all(root.join(sub)).unwrap();
        }
        fs::write(root.join("obligo.toml"), "evidence = \"hide\"\n").unwrap();
        fs::write(root.join("repo/a/obligo.toml"), "evidence = \"fail\"\n").unwrap();
        let catalog = Catalog::of(&RuleSet::load(None).unwrap());
        let tree = ConfigTree::discover(catalog, CommandLine::default(), 1 << 20);
        let of = |p: &str| tree.for_file(&root.join(p)).unwrap();
        let deep = of("repo/a/b/t.toml");
        assert!(deep.config.unwrap().ends_with("repo/a/obligo.toml"));
        assert_eq!(
            deep.settings.evidence(),
            crate::severity::EvidenceMode::Fail
        );
        // Above the repository root nothing is read.
        assert_eq!(of("repo/c/t.toml").config, None);
        assert!(of("outside.toml").config.unwrap().ends_with("obligo.toml"));
        // Files that share a config and its overrides share their settings.
        assert!(Arc::ptr_eq(&of("repo/a/x.toml").settings, &deep.settings));
        assert!(tree.errors().is_empty());
    }
}
