//! Reports written while a check runs ([`crate::check::Checker::run`]). A format that streams
//! is told the start of the run, each tenant file's results in order, and the end, and writes
//! as it goes, keeping counters rather than findings, so that its memory does not grow with
//! the number of files. A format whose head needs what only the end knows (the problems come
//! first in concise output) spools its body to a temporary file ([`Spool`]) and copies it after
//! the head. A whole report is rendered through the same code ([`replay`]), so a collected and a
//! streamed report are the same bytes.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

use crate::check::{CheckedTenant, Report};
use crate::finding::Finding;

/// One tenant file's results, in the order of [`crate::check::FileResults`].
#[derive(Debug, Clone, Copy)]
pub struct Results<'a> {
    /// The file's findings.
    pub findings: &'a [Finding],
    /// The file's tenants.
    pub checked: &'a [CheckedTenant],
}

/// An output format written file by file.
pub trait Stream {
    /// Writes what comes before the first file's results.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;
    /// Writes (or spools) one file's results.
    fn file(&mut self, out: &mut dyn Write, results: Results<'_>) -> io::Result<()>;
    /// Writes the rest. `rest` holds the counts, skipped paths and problems of the run; its
    /// findings and tenants, if any, are not read (they came through [`Stream::file`]).
    fn end(&mut self, out: &mut dyn Write, rest: &Report) -> io::Result<()>;
}

/// Renders a whole report through `stream`, as one file's results.
pub fn replay(stream: &mut dyn Stream, report: &Report) -> String {
    let mut out = Vec::new();
    let results = Results {
        findings: &report.findings,
        checked: &report.checked,
    };
    let written = stream
        .begin(&mut out)
        .and_then(|()| stream.file(&mut out, results))
        .and_then(|()| stream.end(&mut out, report));
    match written {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        // Only a spool (a temporary file) can fail to write.
        Err(error) => format!("cannot render the report: {error}\n"),
    }
}

/// The body of a report kept in an anonymous temporary file until its head can be written.
/// The file is created on first use and removed by the system when closed.
#[derive(Debug, Default)]
pub struct Spool {
    file: Option<BufWriter<File>>,
}

impl Spool {
    /// Where to write the body.
    pub fn writer(&mut self) -> io::Result<&mut BufWriter<File>> {
        if self.file.is_none() {
            self.file = Some(BufWriter::new(tempfile::tempfile()?));
        }
        // Set just above.
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("no spool file"))
    }

    /// Copies the body to `out`, and empties the spool.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let Some(writer) = self.file.take() else {
            return Ok(());
        };
        let mut file = writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        io::copy(&mut file, out)?;
        Ok(())
    }
}

/// Writes `text` with every line after the first indented by `indent` spaces: a value printed
/// by `serde_json::to_string_pretty` placed inside a document printed the same way (strings
/// hold no raw line breaks, so only the structure is indented).
pub fn indented(out: &mut dyn Write, text: &str, indent: usize) -> io::Result<()> {
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.write_all(first.as_bytes())?;
    }
    for line in lines {
        write!(out, "\n{:indent$}{line}", "")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spool_gives_back_what_was_written() {
        let mut spool = Spool::default();
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert!(out.is_empty());
        spool.writer().unwrap().write_all(b"body\n").unwrap();
        spool.writer().unwrap().write_all(b"more\n").unwrap();
        out.extend_from_slice(b"head\n");
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, b"head\nbody\nmore\n");
    }

    #[test]
    fn nested_pretty_json_is_indented_like_the_whole() {
        let inner = serde_json::json!({"a": [1, 2], "b": {}});
        let whole = serde_json::json!({"x": [inner.clone()]});
        let mut out = Vec::new();
        out.extend_from_slice(b"{\n  \"x\": [\n    ");
        indented(&mut out, &serde_json::to_string_pretty(&inner).unwrap(), 4).unwrap();
        out.extend_from_slice(b"\n  ]\n}");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
    }
}
