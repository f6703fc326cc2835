//! `obligo check` with its reports written while the check runs: each report asked for
//! (`--format` to stdout, each `--output FORMAT=PATH`) is a [`Stream`] fed file by file, so
//! that memory does not grow with the number of files. Used when every report asked for
//! streams and nothing needs the whole report first (`--baseline` and `--write-baseline` do,
//! and so does the GitHub job summary); otherwise `check.rs` collects the report.

use std::io::{self, BufWriter, Write};

use jiff::civil::Date;
use obligo::check::{CheckOptions, Checker};
use obligo::exit::{Exit, Verdict};
use obligo::problem::codes;
use obligo::render::stream::{Results, Stream};

use crate::args::{CheckArgs, OutputSpec};

/// Whether the reports of this run, evaluated as on `now`, can be streamed.
pub fn possible(args: &CheckArgs, now: Date) -> bool {
    args.baseline.is_none()
        && args.write_baseline.is_none()
        && std::iter::once(args.format)
            .chain(args.output.iter().map(|o| o.format))
            .all(|format| format.stream(now, args.shard).is_some())
}

/// One report being written.
struct Target<'a> {
    stream: Box<dyn Stream>,
    out: Box<dyn Write>,
    /// Set once a write failed: the report is given up.
    failed: Option<io::Error>,
    /// The `--output` report it is; `None` for stdout.
    spec: Option<&'a OutputSpec>,
}

impl Target<'_> {
    fn write(&mut self, step: impl FnOnce(&mut dyn Stream, &mut dyn Write) -> io::Result<()>) {
        if self.failed.is_none()
            && let Err(error) = step(self.stream.as_mut(), self.out.as_mut())
        {
            self.failed = Some(error);
        }
    }

    /// Reports a failed write; returns whether the report was written.
    fn finish(mut self) -> bool {
        self.write(|_, out| out.flush());
        let Some(error) = self.failed else {
            return true;
        };
        match self.spec {
            Some(spec) => crate::output::not_written(spec, &error),
            // A reader that stopped reading (`| head`) is not an error.
            None if error.kind() == io::ErrorKind::BrokenPipe => return true,
            None => {
                crate::fail::error(
                    codes::OUTPUT_STDOUT,
                    format!("cannot write the report to standard output: {error}"),
                );
            }
        }
        false
    }
}

/// Runs the check, writing every report as it goes; returns the exit.
pub fn run(checker: &Checker, args: &CheckArgs, now: Date) -> Exit {
    let mut written = true;
    let mut targets = Vec::new();
    let stream = |format: obligo::render::Format| format.stream(now, args.shard);
    for spec in &args.output {
        let Some(stream) = stream(spec.format) else {
            continue;
        };
        match crate::output::create(&spec.path) {
            Ok(file) => targets.push(Target {
                stream,
                out: Box::new(BufWriter::new(file)),
                failed: None,
                spec: Some(spec),
            }),
            Err(error) => {
                crate::output::not_written(spec, &error);
                written = false;
            }
        }
    }
    if crate::stdout_was_closed() {
        crate::fail::error(
            codes::OUTPUT_STDOUT,
            "cannot write the report to standard output: it is closed",
        );
        written = false;
    } else if let Some(stream) = stream(args.format) {
        targets.push(Target {
            stream,
            out: Box::new(BufWriter::new(io::stdout())),
            failed: None,
            spec: None,
        });
    }
    for target in &mut targets {
        target.write(|stream, out| stream.begin(out));
    }
    let mut verdict = Verdict::new(args.fail_on);
    let options = CheckOptions {
        paths: args.paths.clone(),
        now,
    };
    let rest = checker.run(&options, |mut file| {
        file.hide_evidence();
        verdict.add(&file.findings, &file.checked);
        let results = Results {
            findings: &file.findings,
            checked: &file.checked,
        };
        for target in &mut targets {
            target.write(|stream, out| stream.file(out, results));
        }
    });
    if args.verbose {
        crate::check::list_skipped(&rest.skipped);
    }
    for mut target in targets {
        target.write(|stream, out| stream.end(out, &rest));
        written &= target.finish();
    }
    if written {
        verdict.exit(!rest.problems.is_empty())
    } else {
        Exit::Error
    }
}
