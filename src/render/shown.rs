//! A diagnostic as the human renderer shows it: every text that may come from a tenant file
//! with its control characters made visible, and, when a labelled line is too long for miette
//! to draw (it panics on columns past 65,535, and no one reads such a line anyway), without
//! the snippet but with a plain `file:line:column` location.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

use crate::render::escape_controls;

/// Lines longer than this (in bytes) are not drawn; the location is given as text instead.
pub const MAX_DRAWN_LINE: usize = 1024;

/// The most labels drawn for one diagnostic: miette's layout of labels is quadratic in their
/// number, and a system with 20,000 interfaces has a label on each.
pub const MAX_DRAWN_LABELS: usize = 8;

/// A diagnostic made safe to draw on a terminal.
pub struct Shown<'a> {
    inner: &'a dyn Diagnostic,
    message: String,
    help: Option<String>,
    cause: Option<Cause>,
    /// Set when the snippet is not drawn.
    plain: bool,
}

/// One cause of the chain, escaped.
#[derive(Debug)]
struct Cause {
    message: String,
    next: Option<Box<Cause>>,
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.next
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

fn causes(mut source: Option<&dyn std::error::Error>) -> Option<Cause> {
    let mut messages = Vec::new();
    while let Some(error) = source {
        messages.push(escape_controls(&error.to_string()).into_owned());
        source = error.source();
    }
    messages.into_iter().rev().fold(None, |next, message| {
        Some(Cause {
            message,
            next: next.map(Box::new),
        })
    })
}

impl<'a> Shown<'a> {
    /// Wraps `inner`; `location` is its `file:line:column`, shown when the snippet is not.
    pub fn new(inner: &'a dyn Diagnostic, location: Option<String>) -> Self {
        let plain = location.is_some() && too_long_to_draw(inner);
        let labels = inner.labels().map_or(0, Iterator::count);
        let mut message = escape_controls(&inner.to_string()).into_owned();
        if plain && let Some(location) = location {
            message = format!("{location}: {message}");
        }
        Self {
            inner,
            message,
            help: help(inner, labels.saturating_sub(MAX_DRAWN_LABELS)),
            cause: causes(inner.source()),
            plain,
        }
    }
}

/// The help text, escaped, with a note on labels not drawn.
fn help(inner: &dyn Diagnostic, hidden_labels: usize) -> Option<String> {
    let help = inner
        .help()
        .map(|h| escape_controls(&h.to_string()).into_owned());
    if hidden_labels == 0 {
        return help;
    }
    let note = format!(
        "{hidden_labels} more related locations are not shown (the SARIF report lists them all)"
    );
    Some(match help {
        Some(help) => format!("{help}\n{note}"),
        None => note,
    })
}

/// Whether a label of `diagnostic` sits on (or next to) a line too long to draw.
fn too_long_to_draw(diagnostic: &dyn Diagnostic) -> bool {
    let (Some(source), Some(labels)) = (diagnostic.source_code(), diagnostic.labels()) else {
        return false;
    };
    labels.take(MAX_DRAWN_LABELS).any(|label| {
        source
            .read_span(label.inner(), 1, 1)
            .map_or(true, |contents| {
                contents
                    .data()
                    .split(|&b| b == b'\n')
                    .any(|line| line.len() > MAX_DRAWN_LINE)
            })
    })
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code().map(|c| {
            Box::new(escape_controls(&c.to_string()).into_owned()) as Box<dyn fmt::Display>
        })
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.plain {
            None
        } else {
            self.inner.source_code()
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.plain {
            return None;
        }
        let labels = self.inner.labels()?.take(MAX_DRAWN_LABELS).map(|label| {
            let text = label.label().map(|l| escape_controls(l).into_owned());
            if label.primary() {
                LabeledSpan::new_primary_with_span(text, *label.inner())
            } else {
                LabeledSpan::new_with_span(text, *label.inner())
            }
        });
        Some(Box::new(labels.collect::<Vec<_>>().into_iter()))
    }
}
