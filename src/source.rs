//! Loaded files and locations inside them. This module parses nothing: it only keeps the text
//! of each file so that diagnostics can point into it, and turns byte offsets into the 1-based
//! line and column numbers that users and machine-readable outputs expect.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A file read from disk (or embedded), shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    inner: Arc<SourceInner>,
}

#[derive(Debug)]
struct SourceInner {
    path: PathBuf,
    name: String,
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps the text of a file; `name` is how diagnostics refer to it (the path as given).
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let path = path.into();
        let name = display_name(&path);
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            inner: Arc::new(SourceInner {
                path,
                name,
                text,
                line_starts,
            }),
        }
    }

    /// The path the file was read from.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The name shown in diagnostics: the path with forward slashes.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The whole text of the file.
    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// The file as a miette source, so that diagnostics show its name and text.
    pub fn text_as_source(&self) -> &dyn SourceCode {
        &*self.inner
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.inner.text.len());
        let line = self
            .inner
            .line_starts
            .partition_point(|&start| start <= offset)
            - 1;
        let start = self.inner.line_starts[line];
        let column = self
            .inner
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// A location covering `span` in this file.
    pub fn location(&self, span: Range<usize>) -> Location {
        Location {
            file: self.clone(),
            span,
        }
    }
}

/// miette's own `SourceCode` for text scans the file from its start for every diagnostic, which
/// made thousands of diagnostics in one large file quadratic; the line index finds the lines
/// around a span directly. What it returns follows miette's implementation for `str`: the
/// context lines whole (with their line break), or just the span when no context is asked.
impl SourceCode for SourceInner {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_bytes();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line_of = |offset: usize| self.line_starts.partition_point(|&s| s <= offset) - 1;
        let first = line_of(start);
        let last = line_of(end.saturating_sub(1).max(start));
        let (from, column) = if context_lines_before == 0 {
            (start, start - self.line_starts[first])
        } else {
            let line = first.saturating_sub(context_lines_before);
            (self.line_starts[line], 0)
        };
        let to = if context_lines_before == 0 && context_lines_after == 0 {
            end.max(start)
        } else {
            self.line_starts
                .get(last + context_lines_after + 1)
                .copied()
                .unwrap_or(text.len())
        };
        let line = if context_lines_before == 0 {
            first
        } else {
            first.saturating_sub(context_lines_before)
        };
        let contents = MietteSpanContents::new_named(
            self.name.clone(),
            &text[from..to],
            (from, to - from).into(),
            line,
            column,
            line_of(to.saturating_sub(1)) + 1,
        )
        .with_language("toml");
        Ok(Box::new(contents))
    }
}

/// A path as diagnostics name it: without a leading `./`, with forward slashes.
pub fn display_name(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}

/// A byte range inside a source file: where a diagnostic points.
#[derive(Debug, Clone)]
pub struct Location {
    /// The file the range is in.
    pub file: SourceFile,
    /// Byte offsets into the file's text.
    pub span: Range<usize>,
}

impl Location {
    /// The 1-based line and column where the range starts.
    pub fn start(&self) -> (usize, usize) {
        self.file.line_col(self.span.start)
    }

    /// The 1-based line and column just past the end of the range (exclusive end column, as in
    /// SARIF regions).
    pub fn end(&self) -> (usize, usize) {
        self.file.line_col(self.span.end)
    }

    /// The range as a miette span.
    pub fn source_span(&self) -> SourceSpan {
        SourceSpan::from(self.span.clone())
    }

    /// The source text the range covers.
    pub fn snippet(&self) -> &str {
        self.file.text().get(self.span.clone()).unwrap_or_default()
    }
}

/// The files one tenant was read from: its own file and the evidence files it includes. Each
/// file occupies its own range of offsets (the first at 0, each next one just past the end of
/// the one before), so that one byte range names one place in one file even after the tables
/// of several files are merged into one model.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `(first offset, file)`, in increasing order of offset.
    files: Vec<(usize, SourceFile)>,
}

impl Sources {
    /// The sources of a file that includes nothing (yet).
    pub fn new(main: SourceFile) -> Self {
        Self {
            files: vec![(0, main)],
        }
    }

    /// Sources holding only `file`, whose offsets start at `base`.
    pub fn at(base: usize, file: SourceFile) -> Self {
        Self {
            files: vec![(base, file)],
        }
    }

    /// Adds an included file and returns the offset its text starts at.
    pub fn add(&mut self, file: SourceFile) -> usize {
        let base = self
            .files
            .last()
            .map_or(0, |(base, last)| base + last.text().len() + 1);
        self.files.push((base, file));
        base
    }

    /// The file a range points into, with the range made relative to that file.
    pub fn location(&self, span: Range<usize>) -> Location {
        let index = self
            .files
            .partition_point(|(base, _)| *base <= span.start)
            .saturating_sub(1);
        let (base, file) = &self.files[index];
        file.location(span.start.saturating_sub(*base)..span.end.saturating_sub(*base))
    }

    /// The included files, without the including one, in the order they were added.
    pub fn included(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().skip(1).map(|(_, file)| file)
    }
}

/// A value together with the byte range it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
}

impl<T> Located<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Range<usize>) -> Self {
        Self { value, span }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let file = SourceFile::new("t.toml", "a = 1\nnaam = \"é\" # x\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(4), (1, 5));
        assert_eq!(file.line_col(6), (2, 1));
        let hash = file.text().find('#').unwrap();
        assert_eq!(file.line_col(hash), (2, 12));
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("t.toml", "a\n");
        assert_eq!(file.line_col(99), (2, 1));
    }

    #[test]
    fn sources_map_offsets_back_to_their_own_file() {
        let main = SourceFile::new("tenant.toml", "a = 1\n");
        let mut sources = Sources::new(main);
        let base = sources.add(SourceFile::new("provider.toml", "b = 2\nc = 3\n"));
        assert_eq!(base, 7);
        let here = sources.location(2..3);
        assert_eq!((here.file.name(), here.span), ("tenant.toml", 2..3));
        let there = sources.location(base + 6..base + 7);
        assert_eq!(
            (there.file.name(), there.start()),
            ("provider.toml", (2, 1))
        );
    }

    #[test]
    fn names_drop_a_leading_dot_slash() {
        assert_eq!(SourceFile::new("./x/y.toml", "").name(), "x/y.toml");
    }
}
