//! Errors in policy packs: a `.cedar` file or the schema that cannot be parsed, lacks required
//! annotations, or does not validate against the schema. Each points at its own file and line.

use std::fmt;
use std::ops::Range;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::problem::codes::Code;
use crate::source::SourceFile;

/// A problem in a policy file or the schema.
#[derive(Debug, Clone)]
pub struct PolicyError {
    /// The registry code of this class of error.
    pub code: &'static Code,
    /// The policy or schema file.
    pub file: SourceFile,
    /// Where in the file, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
}

impl PolicyError {
    /// An error at `span` in `file`.
    pub fn new(
        code: &'static Code,
        file: &SourceFile,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code,
            file: file.clone(),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Wraps a diagnostic from Cedar, keeping its message, help and first label's span, which
    /// Cedar reports relative to the text it parsed: the whole file.
    pub fn from_cedar(
        code: &'static Code,
        file: &SourceFile,
        diagnostic: &dyn Diagnostic,
        context: &str,
    ) -> Self {
        let span = diagnostic
            .labels()
            .and_then(|mut labels| labels.next())
            .map(|label| label.offset()..label.offset() + label.len());
        let mut message = format!("{context}: {diagnostic}");
        if let Some(cause) = std::error::Error::source(diagnostic) {
            message.push_str(&format!(": {cause}"));
        }
        Self {
            code,
            file: file.clone(),
            span,
            message,
            help: diagnostic.help().map(|h| h.to_string()),
        }
    }

    /// The 1-based line and column of the error; the file's start when it has no span.
    pub fn line_col(&self) -> (usize, usize) {
        self.span
            .as_ref()
            .map_or((1, 1), |span| self.file.line_col(span.start))
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PolicyError {}

impl Diagnostic for PolicyError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.as_ref().map(|_| self.file.text_as_source())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), span),
        )))
    }
}
