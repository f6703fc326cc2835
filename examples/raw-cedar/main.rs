//! `cargo run --release --example raw-cedar -- [--now DATE] DIR`: the baseline of
//! docs/performance.md. Reads the tenant files directly in DIR through obligo up to the Cedar
//! requests (not timed), then times Cedar alone evaluating those requests against the same
//! policies and entities, in parallel over tenants as `obligo check` runs (the best of three
//! runs), and prints one line: `raw-cedar files=F requests=R findings=N seconds=S`.

mod prepared;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use cedar_policy::Authorizer;
use rayon::prelude::*;

const USAGE: &str = "usage: raw-cedar [--now YYYY-MM-DD] DIR";

fn main() -> ExitCode {
    let mut now = jiff::civil::date(2026, 11, 21);
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--now" => match args.next().map(|d| d.parse()) {
                Some(Ok(date)) => now = date,
                _ => return usage("--now needs a date"),
            },
            flag if flag.starts_with('-') => return usage(&format!("unknown option `{flag}`")),
            path if dir.is_none() => dir = Some(PathBuf::from(path)),
            extra => return usage(&format!("unexpected argument `{extra}`")),
        }
    }
    let Some(dir) = dir else {
        return usage("no directory");
    };
    let prepared = match prepared::Prepared::load(&dir, now) {
        Ok(prepared) => prepared,
        Err(message) => {
            eprintln!("raw-cedar: {message}");
            return ExitCode::FAILURE;
        }
    };
    let authorizer = Authorizer::new();
    let mut best = f64::INFINITY;
    let mut findings = 0;
    // The best of three, as bench/run.sh keeps the best of its runs of obligo.
    for _ in 0..3 {
        let start = Instant::now();
        findings = (0..prepared.tenants.len())
            .into_par_iter()
            .map(|index| prepared.raw_cedar(&authorizer, index))
            .sum();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "raw-cedar files={} requests={} findings={findings} seconds={best:.3}",
        prepared.files.len(),
        prepared.request_count()
    );
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!("raw-cedar: {message}\n{USAGE}");
    ExitCode::from(2)
}
