//! The `obligo` command line: parses arguments, runs one subcommand, and turns its outcome into
//! an exit code. Domain logic lives in the library.

mod args;
mod check;
mod explain;
mod output;
mod rules;
mod version;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command};
use obligo::exit::Exit;

fn main() -> ExitCode {
    let mut command = Cli::command();
    // Loading the packs costs a few milliseconds: only for `--version`, which names them.
    if std::env::args_os().any(|a| a == "--version") {
        command = command.long_version(version::long());
    }
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let exit = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "obligo", &mut out);
            print(&String::from_utf8_lossy(&out));
            Exit::Clean
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => {
                    print(&String::from_utf8_lossy(&out));
                    Exit::Clean
                }
                Err(error) => {
                    eprintln!("error: cannot render the manual page: {error}");
                    Exit::Error
                }
            }
        }
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
