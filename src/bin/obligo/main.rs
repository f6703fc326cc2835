//! The `obligo` command line: parses arguments, runs one subcommand, and turns its outcome into
//! an exit code. Domain logic lives in the library.

mod args;
mod check;
mod explain;
mod output;
mod rules;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use obligo::exit::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
    };
    ExitCode::from(exit.code())
}

/// Writes to stdout; a closed pipe (`obligo check | head`) ends the output quietly.
pub(crate) fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write output: {error}");
    }
}

/// Renders diagnostics to stderr, for errors that happen before a report exists.
pub(crate) fn eprint_diagnostics<'a>(
    diagnostics: impl IntoIterator<Item = &'a dyn miette::Diagnostic>,
) -> Exit {
    let handler = miette::GraphicalReportHandler::new_themed(if args::color_stderr() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    });
    for diagnostic in diagnostics {
        let mut out = String::new();
        if handler.render_report(&mut out, diagnostic).is_err() {
            out = diagnostic.to_string();
        }
        eprintln!("{out}");
    }
    Exit::Error
}
