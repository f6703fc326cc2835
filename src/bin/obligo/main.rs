//! The `obligo` command line: parses arguments, runs one subcommand, and turns its outcome into
//! an exit code. Domain logic lives in the library.

mod args;
mod check;
mod convert;
mod explain;
mod fail;
mod init;
mod merge;
mod output;
mod progress;
mod rules;
mod schema;
mod settings;
mod stream;
mod test;
mod validate;
mod version;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command};
use obligo::exit::Exit;
use obligo::problem::codes;

/// A check allocates and frees many small values per resource (Cedar's values and expressions,
/// entity attributes, findings); mimalloc's thread-local free lists serve that pattern with
/// far less time in the allocator than the system's malloc (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut command = Cli::command();
    // Loading the packs costs a few milliseconds: only for `--version`, which names them.
    if std::env::args_os().any(|a| a == "--version") {
        command = command.long_version(version::long());
    }
    let cli = match command
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => usage_error(error),
    };
    let exit = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Test(args) => test::run(args),
        Command::Init(args) => init::run(args),
        Command::Merge(args) => merge::run(&args),
        Command::Convert(args) => convert::run(args),
        Command::Schema(args) => schema::run(&args),
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "obligo", &mut out);
            written(print(&String::from_utf8_lossy(&out)))
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => written(print(&String::from_utf8_lossy(&out))),
                Err(error) => fail::error(
                    codes::OUTPUT_MANUAL,
                    format!("cannot render the manual page: {error}"),
                ),
            }
        }
    };
    ExitCode::from(exit.code())
}

/// Ends the run on a command line that does not parse: clap's message, preceded by the code
/// (help and version requests are not errors and print as clap prints them).
fn usage_error(error: clap::Error) -> ! {
    use clap::error::ErrorKind;
    if !matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        eprintln!("{}", codes::USAGE_ARGUMENTS);
    }
    error.exit()
}

/// `Clean` when the output was written, else `Error` (the reason is already on stderr).
fn written(ok: bool) -> Exit {
    if ok { Exit::Clean } else { Exit::Error }
}

/// Writes to stdout; returns whether the text was written. A pipe closed by its reader
/// (`obligo check | head`) ends the output quietly and counts as written, as in ripgrep: the
/// reader chose to stop. Any other failure (a full disk, a stdout closed before start-up) is
/// reported and makes the run exit 2.
#[must_use]
pub(crate) fn print(text: &str) -> bool {
    if stdout_was_closed() {
        fail::error(
            codes::OUTPUT_STDOUT,
            "cannot write the report to standard output: it is closed",
        );
        return false;
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => true,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(error) => {
            fail::error(
                codes::OUTPUT_STDOUT,
                format!("cannot write the report to standard output: {error}"),
            );
            false
        }
    }
}

/// Whether stdout was closed when obligo started (`obligo check >&-`). Rust's runtime then
/// opens `/dev/null` in its place, for reading and writing, and the report would vanish
/// without a word; a shell's `>/dev/null` opens it for writing only, so a stdout on
/// `/dev/null` that can be read from is the runtime's.
#[cfg(unix)]
pub(crate) fn stdout_was_closed() -> bool {
    use std::io::Read;
    use std::os::fd::AsFd;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    let mut file = std::fs::File::from(fd);
    let (Ok(ours), Ok(null)) = (file.metadata(), std::fs::metadata("/dev/null")) else {
        return false;
    };
    ours.file_type().is_char_device() && ours.rdev() == null.rdev() && file.read(&mut [0]).is_ok()
}

#[cfg(not(unix))]
pub(crate) fn stdout_was_closed() -> bool {
    false
}

/// Renders policy errors to stderr, for errors that happen before a report exists.
pub(crate) fn eprint_policy_errors(errors: &[obligo::rules::PolicyError]) -> Exit {
    for error in errors {
        let (line, column) = error.line_col();
        let position = format!("{}:{line}:{column}", error.file.name());
        fail::eprint(&obligo::render::Shown::new(error, Some(position)));
    }
    Exit::Error
}
