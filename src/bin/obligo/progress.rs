//! A progress bar on stderr while `obligo check` reads many files, for a person waiting at a
//! terminal: never in CI (`CI` set), in a pipe or file, with `--quiet`, or with a format that
//! a program reads (only human and concise output have one), so that no log or report ever
//! holds its control sequences. It is cleared before the report is printed.

use std::fmt;
use std::io::IsTerminal;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use obligo::check::Progress;
use obligo::render::Format;

use crate::args::CheckArgs;

/// Below this many files a check takes a moment, and a bar would only flicker.
const MIN_FILES: usize = 200;

/// The bar for this run, or `None` when the run gets none.
pub fn bar(args: &CheckArgs) -> Option<Arc<dyn Progress>> {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    wanted(args.format, args.quiet, ci, std::io::stderr().is_terminal())
        .then(|| Arc::new(Bar(ProgressBar::hidden())) as Arc<dyn Progress>)
}

/// Whether a run draws a bar: for people, at a terminal, outside CI, without `--quiet`.
fn wanted(format: Format, quiet: bool, ci: bool, stderr_is_terminal: bool) -> bool {
    matches!(format, Format::Human | Format::Concise) && !quiet && !ci && stderr_is_terminal
}

/// Files per second, as whole files: `412 files/s`.
fn rate(per_sec: f64) -> String {
    format!("{per_sec:.0} files/s")
}

struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, files: usize) {
        if files < MIN_FILES {
            return;
        }
        let style = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} files, {rate}, {eta} left",
        )
        .map(|style| {
            style.progress_chars("=> ").with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn fmt::Write| {
                    // A progress bar has no use for indicatif's four decimals of a rate.
                    let _ = w.write_str(&rate(state.per_sec()));
                },
            )
        })
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        self.0.set_style(style);
        self.0.set_prefix("checking");
        self.0.set_length(files as u64);
        self.0.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_in_whole_files() {
        assert_eq!(rate(412.345_678), "412 files/s");
        assert_eq!(rate(0.4), "0 files/s");
    }

    #[test]
    fn only_people_at_a_terminal_outside_ci_get_a_bar() {
        assert!(wanted(Format::Human, false, false, true));
        assert!(wanted(Format::Concise, false, false, true));
        assert!(!wanted(Format::Human, true, false, true), "--quiet");
        assert!(!wanted(Format::Human, false, true, true), "CI");
        assert!(!wanted(Format::Human, false, false, false), "a pipe");
        for format in [
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Markdown,
        ] {
            assert!(!wanted(format, false, false, true), "{format:?}");
        }
    }
}
