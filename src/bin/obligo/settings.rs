//! `obligo check --show-settings`: the effective settings of each file the check would read,
//! printed instead of checking.

use obligo::check::Checker;
use obligo::discover;
use obligo::exit::Exit;
use obligo::problem::Problem;

use crate::args::CheckArgs;

/// Prints the settings of every tenant file under the paths; exits 0, or 2 when a config has
/// errors (they are drawn on stderr, as `obligo check` would report them).
pub fn show(checker: &Checker, args: &CheckArgs) -> Exit {
    let tree = checker.config_tree();
    let found = discover::discover(&args.paths);
    let mut files = Vec::new();
    for candidate in &found.candidates {
        if !candidate.explicit && !discover::may_be_tenant(&candidate.path, args.max_file_size) {
            continue;
        }
        // Standard input is not read: its settings follow from its name alone.
        let path = match &args.stdin_filename {
            Some(name) if candidate.path.as_os_str() == obligo::check::STDIN => name,
            _ => &candidate.path,
        };
        if let Some(settings) = tree.for_file(path) {
            let name = obligo::source::SourceFile::new(path, "").name().to_owned();
            files.push((name, settings));
        }
    }
    let problems: Vec<Problem> = tree.errors().into_iter().map(Problem::from).collect();
    if !problems.is_empty() {
        return fail(&problems);
    }
    let text = obligo::config::show_settings(tree.catalog(), &files);
    if crate::print(&obligo::render::escape_controls(&text)) {
        Exit::Clean
    } else {
        Exit::Error
    }
}

/// Draws the problems that keep the settings from being shown; returns [`Exit::Error`].
pub fn fail(problems: &[Problem]) -> Exit {
    for problem in problems {
        let position = obligo::render::problem_position(problem);
        crate::fail::eprint(&obligo::render::Shown::new(problem, position));
    }
    Exit::Error
}
