//! `obligo check` as a library call: discover files, read and validate tenants, build their
//! entities, evaluate the rules, and hand over findings file by file. Files are processed in
//! parallel, a bounded window at a time, and their results are handed over in the order of
//! their names, so that output does not depend on scheduling and memory does not grow with the
//! number of files ([`Checker::run`]). [`Checker::check`] collects the same results into one
//! [`Report`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::accept::{self, AcceptanceRules};
use crate::config::Catalog;
use crate::config::settings::{CommandLine, Resolved};
use crate::config::tree::ConfigTree;
use crate::discover::{self, Candidate, Skipped};
use crate::entities::{EntitySchema, TenantEntities};
use crate::eval::{Engine, EngineError, EvalContext};
use crate::facts::reference::ReferenceData;
use crate::finding::{Finding, Kind};
use crate::limits;
use crate::problem::{EntitiesProblem, NoTenants, NowOutOfRange, Problem};
use crate::rules::RuleSet;
use crate::severity::EvidenceMode;
use crate::shard::Shard;
use crate::source::{self, SourceFile};
use crate::suggest;
use crate::tenant::{self, InputError, InputErrorKind, Parsed, Tenant};

/// The path that stands for standard input (see [`Checker::stdin`]).
pub const STDIN: &str = "-";

/// What to check, and how.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Files and directories to check.
    pub paths: Vec<PathBuf>,
    /// The evaluation date.
    pub now: Date,
}

/// How many files are checked in parallel before their results are handed over: enough to keep
/// every thread busy, few enough that the results waiting for their turn stay small.
const WINDOW: usize = 64;

/// The outcome of a check.
#[derive(Debug, Default)]
pub struct Report {
    /// Violations, grouped by tenant file in the order of the files' names, and within a file
    /// sorted by the file of their location, position and rule (see [`FileResults`]).
    pub findings: Vec<Finding>,
    /// Problems that make the run incomplete, sorted by file and position.
    pub problems: Vec<Problem>,
    /// Tenant files read (valid or not).
    pub files: usize,
    /// Tenants evaluated.
    pub tenants: usize,
    /// The tenants evaluated, sorted by file and id, so that reports can list those without
    /// findings too.
    pub checked: Vec<CheckedTenant>,
    /// Paths met while walking that were not checked, with the reason: hidden entries,
    /// `target/` directories, `.toml` files without a `[tenant]` table (evidence files named
    /// with the tenant files including them), files reached twice, symbolic link loops.
    pub skipped: Vec<Skipped>,
    /// Evidence files included by a checked tenant, each with the including tenant file's name.
    pub included: Vec<(PathBuf, String)>,
}

impl Report {
    /// The tenant files that include `path` (an evidence file), if any, each named once.
    pub fn included_by(&self, path: &std::path::Path) -> Vec<&str> {
        let mut by: Vec<&str> = self
            .included
            .iter()
            .filter(|(file, _)| discover::same_file(file, path))
            .map(|(_, tenant)| tenant.as_str())
            .collect();
        by.sort_unstable();
        by.dedup();
        by
    }

    /// Drops the evidence findings of every tenant whose evidence mode is `hide`, so that no
    /// output shows them.
    pub fn hide_evidence(&mut self) {
        hide_evidence(&mut self.findings, &self.checked);
    }

    /// The tenants (file and id, as findings name them) whose evidence mode is `mode`.
    pub fn tenants_with_evidence(&self, mode: EvidenceMode) -> HashSet<(&str, &str)> {
        tenants_with(&self.checked, mode)
    }
}

/// The results of one tenant file, as [`Checker::run`] hands them over: a file's findings sorted
/// by the file of their location (the tenant file or a file it includes), position, rule and
/// resource; its tenants (several in a YAML stream) sorted by id.
#[derive(Debug, Default)]
pub struct FileResults {
    /// The file's findings.
    pub findings: Vec<Finding>,
    /// The file's tenants that were evaluated.
    pub checked: Vec<CheckedTenant>,
}

impl FileResults {
    /// Drops the evidence findings of the file's tenants whose evidence mode is `hide`.
    pub fn hide_evidence(&mut self) {
        hide_evidence(&mut self.findings, &self.checked);
    }
}

fn hide_evidence(findings: &mut Vec<Finding>, checked: &[CheckedTenant]) {
    let hidden = tenants_with(checked, EvidenceMode::Hide);
    if hidden.is_empty() {
        return;
    }
    findings.retain(|f| {
        f.kind != Kind::Evidence || !hidden.contains(&(f.tenant_file.as_str(), f.tenant.as_str()))
    });
}

/// The tenants (file and id, as findings name them) among `checked` whose evidence mode is
/// `mode`.
pub(crate) fn tenants_with(checked: &[CheckedTenant], mode: EvidenceMode) -> HashSet<(&str, &str)> {
    checked
        .iter()
        .filter(|t| t.evidence == mode)
        .map(|t| (t.file.as_str(), t.id.as_str()))
        .collect()
}

/// A tenant that was evaluated: what reports show about it besides its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedTenant {
    /// `tenant.id`.
    pub id: String,
    /// `tenant.name`, when given.
    pub name: Option<String>,
    /// The file name as shown to users.
    pub file: String,
    /// The packs that bind the tenant, in the order written.
    pub contracts: Vec<String>,
    /// What its evidence findings do: its file's settings, or `--evidence`.
    pub evidence: EvidenceMode,
    /// The ids of the rules the tenant was evaluated against (its packs' rules less those
    /// disabled), sorted, so that reports can list the rules it passes.
    pub rules: Vec<String>,
}

impl CheckedTenant {
    fn of(tenant: &Tenant, evidence: EvidenceMode, rules: Vec<String>) -> Self {
        Self {
            id: tenant.id.value.clone(),
            name: tenant.name.as_ref().map(|n| n.value.clone()),
            file: tenant.file.name().to_owned(),
            contracts: tenant
                .contracts
                .value
                .iter()
                .map(|c| c.value.clone())
                .collect(),
            evidence,
            rules,
        }
    }
}

/// Everything a check needs that does not depend on its input.
pub struct Checker {
    max_file_size: u64,
    acceptance_rules: AcceptanceRules,
    refdata: ReferenceData,
    engine: Engine,
    packs: Vec<String>,
    schema: EntitySchema,
    configs: ConfigTree,
    stdin: Option<Stdin>,
    shard: Option<Shard>,
    progress: Option<Arc<dyn Progress>>,
}

/// Told how a check advances, e.g. to draw a progress bar: the library itself prints nothing.
pub trait Progress: Send + Sync {
    /// The number of files to read, once the walk is done.
    fn start(&self, files: usize);
    /// One more file read and, if a tenant file, evaluated.
    fn advance(&self);
    /// Every file is done; the report is being put in order.
    fn finish(&self);
}

/// A tenant read from standard input (`-` among the paths).
#[derive(Debug, Clone)]
pub struct Stdin {
    /// The name used in diagnostics and to find its `obligo.toml` (`--stdin-filename`).
    pub name: PathBuf,
    /// What was read, or why it could not be.
    pub text: Result<String, limits::ReadError>,
}

impl Checker {
    /// Prepares the reference data and rules, with obligo's default settings for every file
    /// (no `obligo.toml`; see [`Checker::configs`]).
    pub fn new(rules: &RuleSet, refdata: ReferenceData) -> Result<Self, EngineError> {
        let catalog = Catalog::of(rules);
        Ok(Self {
            max_file_size: limits::DEFAULT_MAX_FILE_SIZE,
            acceptance_rules: AcceptanceRules::default(),
            engine: Engine::new(rules)?,
            packs: rules.pack_ids().into_iter().map(str::to_owned).collect(),
            schema: EntitySchema::of(rules),
            configs: ConfigTree::fixed(Resolved::default(), catalog, CommandLine::default()),
            stdin: None,
            shard: None,
            progress: None,
            refdata,
        })
    }

    /// Sets where each file's settings come from: `--config`, or the nearest `obligo.toml`.
    pub fn configs(mut self, configs: ConfigTree) -> Self {
        self.configs = configs;
        self
    }

    /// The settings of each file.
    pub fn config_tree(&self) -> &ConfigTree {
        &self.configs
    }

    /// Sets the tenant that `-` among the paths stands for.
    pub fn stdin(mut self, stdin: Stdin) -> Self {
        self.stdin = Some(stdin);
        self
    }

    /// Checks only the files of one shard (`--shard K/N`; see [`crate::shard`]). Paths the walk
    /// passed over are listed by the shard they would belong to, so that the shards' reports
    /// add up to a whole run's. A shard left without files is not an error, as long as the
    /// walk found files at all: the other shards have them.
    pub fn shard(mut self, shard: Shard) -> Self {
        self.shard = Some(shard);
        self
    }

    /// Sets what is told of the run's progress.
    pub fn progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Sets the largest tenant file read, in bytes (default [`limits::DEFAULT_MAX_FILE_SIZE`]).
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// The evaluation engine (for its rules).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Checks every tenant file under `options.paths` and collects the results into one
    /// report: [`Checker::run`], keeping what it hands over.
    pub fn check(&self, options: &CheckOptions) -> Report {
        let mut findings = Vec::new();
        let mut checked = Vec::new();
        let mut report = self.run(options, |file| {
            findings.extend(file.findings);
            checked.extend(file.checked);
        });
        report.findings = findings;
        report.checked = checked;
        report
    }

    /// Checks every tenant file under `options.paths`, handing each file's results to `each`
    /// as soon as it and every file named before it are done, in the order of the files'
    /// names. Returns the rest of the report: counts, skipped paths and every problem (sorted
    /// by file and position), with no findings and no checked tenants, since those went to
    /// `each`. Problems are kept for the end because they sort among every file's, and a
    /// run with problems fails anyway.
    pub fn run(&self, options: &CheckOptions, mut each: impl FnMut(FileResults)) -> Report {
        let mut discovery = discover::discover(&options.paths);
        let found_files = !discovery.candidates.is_empty();
        if let Some(shard) = self.shard {
            discovery.candidates.retain(|c| shard.contains(&c.path));
            discovery.skipped.retain(|s| shard.contains(&s.path));
        }
        let mut candidates = discovery.candidates;
        // Outputs list files by name; handing results over in that order keeps them sorted.
        candidates.sort_by_cached_key(|c| self.shown_name(&c.path));
        let mut report = Report {
            skipped: discovery.skipped,
            ..Report::default()
        };
        for error in discovery.errors {
            report.problems.push(
                InputError::whole_file(
                    &SourceFile::new(error.path, ""),
                    InputErrorKind::Unreadable(error.message),
                )
                .into(),
            );
        }
        // Parameters are per file; the date is checked once.
        let cx = match EvalContext::new(options.now, Default::default()) {
            Ok(cx) => cx,
            Err(error) => {
                report.problems.push(
                    NowOutOfRange {
                        now: options.now,
                        error,
                    }
                    .into(),
                );
                return report;
            }
        };
        if let Some(progress) = &self.progress {
            progress.start(candidates.len());
        }
        // Each tenant id with where it is first declared, `file:line` (not the file itself, whose
        // text would then stay in memory to the end).
        let mut tenant_ids: HashMap<String, String> = HashMap::new();
        let mut not_tenants = Vec::new();
        for window in candidates.chunks(WINDOW) {
            let outcomes: Vec<Vec<FileOutcome>> = window
                .par_iter()
                .map(|candidate| {
                    let outcome = self.check_file(candidate, &cx);
                    if let Some(progress) = &self.progress {
                        progress.advance();
                    }
                    outcome
                })
                .collect();
            for outcomes in outcomes {
                let file = Self::gather(outcomes, &mut report, &mut tenant_ids, &mut not_tenants);
                if let Some(file) = file {
                    each(file);
                }
            }
        }
        if let Some(progress) = &self.progress {
            progress.finish();
        }
        report
            .problems
            .extend(self.configs.errors().into_iter().map(Problem::from));
        for path in not_tenants {
            let by = report.included_by(&path);
            let reason = if by.is_empty() {
                InputErrorKind::NotATenant {
                    format: tenant::Format::of(&path),
                }
                .to_string()
            } else {
                format!("an evidence file, included by {}", by.join(", "))
            };
            report.skipped.push(Skipped { path, reason });
        }
        // A shard may be left without tenant files; a walk that found no file at all is a
        // wrong path in every shard.
        let shard_without_files = self.shard.is_some() && found_files;
        if report.files == 0 && report.problems.is_empty() && !shard_without_files {
            let paths: Vec<String> = options
                .paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect();
            report.problems.push(
                NoTenants {
                    paths: paths.join(", "),
                }
                .into(),
            );
        }
        report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        report.problems.sort_by_key(|p| {
            p.location()
                .map(|l| (l.file, l.line, l.column))
                .unwrap_or_default()
        });
        report
    }

    /// The name a candidate's results are shown under.
    fn shown_name(&self, path: &Path) -> String {
        match &self.stdin {
            Some(stdin) if path == Path::new(STDIN) => source::display_name(&stdin.name),
            _ => source::display_name(path),
        }
    }

    /// Counts one file's outcomes into `report` and returns its results to hand over, if it
    /// has evaluated tenants. The second file claiming a tenant id is reported against the
    /// first (`tenant_ids`); paths that are not tenant files wait in `not_tenants` until every
    /// includer is known.
    fn gather(
        outcomes: Vec<FileOutcome>,
        report: &mut Report,
        tenant_ids: &mut HashMap<String, String>,
        not_tenants: &mut Vec<PathBuf>,
    ) -> Option<FileResults> {
        // A YAML stream of several tenants is one file.
        if outcomes
            .iter()
            .any(|o| !matches!(o, FileOutcome::Skipped(_)))
        {
            report.files += 1;
        }
        let mut results = FileResults::default();
        for outcome in outcomes {
            match outcome {
                FileOutcome::Skipped(path) => not_tenants.push(path),
                FileOutcome::Invalid(errors) => {
                    report.problems.extend(errors);
                }
                FileOutcome::Checked {
                    tenant,
                    rules,
                    findings,
                    problems,
                    evidence,
                } => {
                    for file in tenant.sources.included() {
                        report
                            .included
                            .push((file.path().to_path_buf(), tenant.file.name().to_owned()));
                    }
                    if let Some(first) = tenant_ids.get(&tenant.id.value) {
                        // Two files claiming one tenant cannot both be its configuration:
                        // the second is reported, and its findings are not.
                        report.problems.push(
                            InputError::at(
                                &tenant.file,
                                tenant.id.span.clone(),
                                InputErrorKind::DuplicateTenant {
                                    id: tenant.id.value.clone(),
                                    first: first.clone(),
                                },
                            )
                            .into(),
                        );
                        continue;
                    }
                    let (line, _) = tenant.file.line_col(tenant.id.span.start);
                    tenant_ids.insert(
                        tenant.id.value.clone(),
                        format!("{}:{line}", tenant.file.name()),
                    );
                    report.tenants += 1;
                    results
                        .checked
                        .push(CheckedTenant::of(&tenant, evidence, rules));
                    results.findings.extend(findings);
                    report.problems.extend(problems);
                }
            }
        }
        if results.checked.is_empty() {
            return None;
        }
        results
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        results
            .checked
            .sort_by(|a, b| (&a.file, &a.id).cmp(&(&b.file, &b.id)));
        Some(results)
    }

    /// The outcome of each document of a file (a YAML stream may hold several tenants).
    fn check_file(&self, candidate: &Candidate, cx: &EvalContext) -> Vec<FileOutcome> {
        let (path, text) = match &self.stdin {
            Some(stdin) if candidate.path == Path::new(STDIN) => {
                (stdin.name.clone(), stdin.text.clone())
            }
            _ => (
                candidate.path.clone(),
                limits::read_text(&candidate.path, self.max_file_size),
            ),
        };
        // A file whose config has errors is not checked: the errors are reported once.
        let Some(configured) = self.configs.for_file(&path) else {
            return vec![FileOutcome::Invalid(Vec::new())];
        };
        let settings = &configured.settings;
        let file = match text {
            Ok(text) => SourceFile::new(&path, text),
            Err(error) => {
                return vec![FileOutcome::Invalid(vec![
                    InputError::whole_file(&SourceFile::new(&path, ""), error.into()).into(),
                ])];
            }
        };
        let documents =
            tenant::parse_documents(&file, &self.refdata, self.max_file_size, candidate.explicit);
        documents
            .into_iter()
            .map(|parsed| self.check_document(candidate, &file, parsed, cx, settings))
            .collect()
    }

    fn check_document(
        &self,
        candidate: &Candidate,
        file: &SourceFile,
        parsed: Parsed,
        cx: &EvalContext,
        settings: &crate::config::Settings,
    ) -> FileOutcome {
        let tenant = match parsed {
            Parsed::Tenant(tenant) => tenant,
            Parsed::NotATenant if !candidate.explicit => {
                return FileOutcome::Skipped(candidate.path.clone());
            }
            Parsed::NotATenant => {
                return FileOutcome::Invalid(vec![
                    InputError::whole_file(
                        file,
                        InputErrorKind::NotATenant {
                            format: tenant::Format::of(file.path()),
                        },
                    )
                    .into(),
                ]);
            }
            Parsed::Invalid(errors) => {
                return FileOutcome::Invalid(errors.into_iter().map(Problem::from).collect());
            }
        };
        let mut input_errors = self.check_contracts(&tenant);
        input_errors.extend(
            accept::validate(&tenant, self.engine.rules())
                .into_iter()
                .map(Problem::from),
        );
        if !input_errors.is_empty() {
            return FileOutcome::Invalid(input_errors);
        }
        let built = match TenantEntities::build(&tenant, &self.refdata, &self.schema) {
            Ok(built) => built,
            Err(error) => {
                let span = error.span.clone().unwrap_or(tenant.id.span.clone());
                return FileOutcome::Invalid(vec![
                    EntitiesProblem {
                        at: tenant.sources.location(span),
                        error,
                    }
                    .into(),
                ]);
            }
        };
        let cx = EvalContext {
            now: cx.now,
            params: settings.params().clone(),
        };
        let mut evaluation = self.engine.evaluate(&tenant, &built, &cx, settings);
        // Acceptance is a status put on Cedar's findings, never an input to its verdict.
        let own = accept::apply(
            &tenant,
            &mut evaluation.findings,
            cx.now,
            settings,
            &self.acceptance_rules,
        );
        evaluation.findings.extend(own);
        FileOutcome::Checked {
            tenant,
            rules: evaluation.rules,
            findings: evaluation.findings,
            problems: evaluation.errors.into_iter().map(Problem::from).collect(),
            evidence: settings.evidence(),
        }
    }

    /// Every contract must name a known pack, and there must be at least one.
    fn check_contracts(&self, tenant: &Tenant) -> Vec<Problem> {
        let contracts = &tenant.contracts;
        if contracts.value.is_empty() {
            return vec![
                InputError::at(
                    &tenant.file,
                    contracts.span.clone(),
                    InputErrorKind::Inconsistent(
                        "`contracts` is empty: name at least one pack, or no rule is checked"
                            .into(),
                    ),
                )
                .into(),
            ];
        }
        contracts
            .value
            .iter()
            .filter(|c| !self.packs.contains(&c.value))
            .map(|c| {
                InputError::at(
                    &tenant.file,
                    c.span.clone(),
                    InputErrorKind::UnknownValue {
                        what: "contract",
                        value: c.value.clone(),
                        suggestion: suggest::closest(
                            &c.value,
                            self.packs.iter().map(String::as_str),
                        )
                        .map(str::to_owned),
                        allowed: self.packs.clone(),
                    },
                )
                .into()
            })
            .collect()
    }
}

enum FileOutcome {
    Skipped(PathBuf),
    Invalid(Vec<Problem>),
    Checked {
        tenant: Box<Tenant>,
        rules: Vec<String>,
        findings: Vec<Finding>,
        problems: Vec<Problem>,
        evidence: EvidenceMode,
    },
}
