//! `obligo check`: load rules and reference data, run the check, print the report.

use std::path::Path;

use obligo::baseline::{self, Baseline};
use obligo::check::{CheckOptions, Checker, Report, STDIN, Stdin};
use obligo::config::settings::{CommandLine, Resolved};
use obligo::config::tree::ConfigTree;
use obligo::config::{Catalog, Config, Settings};
use obligo::exit::Exit;
use obligo::facts::reference::ReferenceData;
use obligo::problem::Problem;
use obligo::problem::codes;
use obligo::rules::RuleSet;

use obligo::render::{self, Format};

use crate::args::CheckArgs;
use crate::output::Reports;

pub fn run(args: CheckArgs) -> Exit {
    if let Err(message) = crate::output::distinct_paths(&args.output) {
        return crate::fail::error(obligo::problem::codes::USAGE_SAME_OUTPUT, message);
    }
    let source_root = match source_root(args.sarif_root.as_deref()) {
        Ok(root) => root,
        Err(message) => return crate::fail::error(codes::USAGE_SARIF_ROOT, message),
    };
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == STDIN);
    if args.stdin_filename.is_some() && !reads_stdin {
        return crate::fail::error_with_help(
            codes::USAGE_STDIN_FILENAME,
            "`--stdin-filename` names the tenant read from standard input, but no path is `-`",
            "add `-` to the paths, e.g. `cat t.toml | obligo check - --stdin-filename t.toml`",
        );
    }
    let now = args.now.unwrap_or_else(|| jiff::Zoned::now().date());
    let prepared_checker = prepare(&args).map(|mut checker| {
        if let Some(shard) = args.shard {
            checker = checker.shard(shard);
        }
        if let Some(progress) = crate::progress::bar(&args) {
            checker = checker.progress(progress);
        }
        if reads_stdin {
            checker.stdin(Stdin {
                name: args.stdin_filename.clone().unwrap_or_else(|| STDIN.into()),
                text: obligo::limits::read_stream(std::io::stdin().lock(), args.max_file_size),
            })
        } else {
            checker
        }
    });
    if args.show_settings {
        return match prepared_checker {
            Ok(checker) => crate::settings::show(&checker, &args),
            Err(problems) => crate::settings::fail(&problems),
        };
    }
    if let Ok(checker) = &prepared_checker
        && crate::stream::possible(&args, now)
    {
        return crate::stream::run(checker, &args, now);
    }
    let prepared = prepared_checker.is_ok();
    let (mut report, rules, config) = match prepared_checker {
        Ok(checker) => {
            let report = checker.check(&CheckOptions {
                paths: args.paths.clone(),
                now,
            });
            (
                report,
                checker.engine().rules().to_vec(),
                checker.config_tree().run_settings(),
            )
        }
        Err(problems) => (
            Report {
                problems,
                ..Report::default()
            },
            Vec::new(),
            Settings::default(),
        ),
    };
    let evidence = args.evidence.unwrap_or(config.evidence());
    // Before evidence is hidden, so that a baseline records every finding whatever the mode.
    if prepared && !apply_baseline(&args, &mut report) {
        return Exit::Error;
    }
    report.hide_evidence();
    if args.verbose {
        list_skipped(&report.skipped);
    }
    let settings = render::Settings {
        now,
        color: args.color.enabled(),
        width: crate::args::output_width(),
        config,
        fail_on: args.fail_on,
        evidence,
        source_root,
        rules_uri: args.help_base_uri.clone(),
        quiet: args.quiet,
        shard: args.shard,
        sarif_category: args
            .sarif_category
            .clone()
            .or_else(|| args.shard.map(|shard| shard.sarif_category())),
        limits: render::truncate::Limits {
            markdown_chars: args.markdown_limit.map(|chars| chars as usize),
            full_report: render::truncate::Limits::run_url(|name| std::env::var(name).ok()),
            ..render::truncate::Limits::default()
        },
    };
    let reports = Reports {
        report: &report,
        rules: &rules,
        settings: &settings,
    };
    let mut written = reports.write_files(&args.output);
    let github = std::iter::once(args.format)
        .chain(args.output.iter().map(|o| o.format))
        .any(|f| f == Format::Github);
    if github {
        written &= reports.append_step_summary();
    }
    written &= crate::print(&reports.render(args.format));
    if written {
        Exit::of(&report, args.fail_on)
    } else {
        Exit::Error
    }
}

/// Lists on stderr the paths that were not checked, with the reason (`--verbose`).
pub(crate) fn list_skipped(skipped: &[obligo::discover::Skipped]) {
    for skipped in skipped {
        eprintln!(
            "skipped {}: {}",
            obligo::render::escape_controls(&skipped.path.display().to_string()),
            obligo::render::escape_controls(&skipped.reason)
        );
    }
}

/// Writes the baseline (`--write-baseline`), then marks the findings the baseline records
/// (`--baseline`, or the file just written). A baseline file that cannot be read is a problem
/// of the run; one that cannot be written ends it. Returns false when the run must end.
fn apply_baseline(args: &CheckArgs, report: &mut Report) -> bool {
    if let Some(path) = &args.write_baseline
        && let Err(error) = std::fs::write(path, baseline::write(report))
    {
        crate::fail::error(
            codes::OUTPUT_BASELINE,
            format!("cannot write the baseline to `{}`: {error}", path.display()),
        );
        return false;
    }
    let Some(path) = args.write_baseline.as_ref().or(args.baseline.as_ref()) else {
        return true;
    };
    match Baseline::load(path, args.max_file_size) {
        Ok(recorded) => baseline::apply(report, &recorded, &baseline::gone_rule()),
        Err(errors) => report
            .problems
            .extend(errors.into_iter().map(Problem::Input)),
    }
    true
}

/// The checker, with the settings of each file: `--config FILE` for every file (read now, so
/// that its errors end the run before anything is checked), else the nearest `obligo.toml`.
pub(crate) fn prepare(args: &CheckArgs) -> Result<Checker, Vec<Problem>> {
    let refdata = ReferenceData::embedded().map_err(|e| vec![Problem::from(e)])?;
    let rules = RuleSet::load(args.policies.as_deref())
        .map_err(|errors| errors.into_iter().map(Problem::from).collect::<Vec<_>>())?;
    let input_errors = |errors: Vec<_>| errors.into_iter().map(Problem::Input).collect::<Vec<_>>();
    let catalog = Catalog::of(&rules);
    let mut command_line = CommandLine {
        evidence: args.evidence,
        ..CommandLine::default()
    };
    command_line
        .select(&catalog, &args.select, &args.ignore)
        .map_err(input_errors)?;
    let configs = match &args.config {
        Some(path) => {
            // As in ruff, the paths of `[[overrides]]` in a config named on the command line
            // are relative to the working directory.
            let cwd = std::env::current_dir().unwrap_or_default();
            let config =
                Config::load(path, path.clone(), cwd, args.max_file_size).map_err(input_errors)?;
            let resolved = Resolved::new(&config, &catalog).map_err(input_errors)?;
            ConfigTree::fixed(resolved, catalog, command_line)
        }
        None => ConfigTree::discover(catalog, command_line, args.max_file_size),
    };
    Checker::new(&rules, refdata)
        .map(|checker| checker.configs(configs).max_file_size(args.max_file_size))
        .map_err(|error| vec![Problem::from(error)])
}

/// The working directory and the repository root: `--sarif-root`, else the nearest directory
/// upward that holds `.git` (a directory, or a file in a worktree), else the working directory.
/// `None` when the working directory cannot be read (names then stay as shown).
fn source_root(explicit: Option<&Path>) -> Result<Option<render::SourceRoot>, String> {
    let Ok(cwd) = std::env::current_dir().and_then(std::fs::canonicalize) else {
        return Ok(None);
    };
    let root = match explicit {
        Some(dir) => std::fs::canonicalize(dir)
            .ok()
            .filter(|d| d.is_dir())
            .ok_or_else(|| format!("`--sarif-root {}` is not a directory", dir.display()))?,
        None => cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&cwd)
            .to_path_buf(),
    };
    Ok(Some(render::SourceRoot { cwd, root }))
}
