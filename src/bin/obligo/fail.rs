//! Errors that happen outside a report (usage and output errors, and policy errors before a
//! report exists), drawn on stderr as diagnostics with their registry code, like the problems
//! in a report.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use obligo::exit::Exit;
use obligo::problem::codes::Code;

/// A message with a code and an optional help text.
#[derive(Debug)]
struct Message {
    code: &'static Code,
    text: String,
    help: Option<String>,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Message {}

impl Diagnostic for Message {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

/// Draws `diagnostic` on stderr; lines are not wrapped, so a path in a message stays whole.
pub fn eprint(diagnostic: &dyn Diagnostic) {
    let theme = if crate::args::color_stderr() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_wrap_lines(false);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = diagnostic.to_string();
    }
    eprintln!("{out}");
}

/// Reports an error with `code` on stderr; returns [`Exit::Error`].
pub fn error(code: &'static Code, text: impl Into<String>) -> Exit {
    eprint(&Message {
        code,
        text: text.into(),
        help: None,
    });
    Exit::Error
}

/// Reports an error with `code` and a help text on stderr; returns [`Exit::Error`].
pub fn error_with_help(
    code: &'static Code,
    text: impl Into<String>,
    help: impl Into<String>,
) -> Exit {
    eprint(&Message {
        code,
        text: text.into(),
        help: Some(help.into()),
    });
    Exit::Error
}
