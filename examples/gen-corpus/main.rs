//! `cargo run --example gen-corpus -- --tenants N --resources M [--seed S] OUT`: writes a
//! deterministic corpus of tenant files into the directory OUT, for load tests and benchmarks
//! (see docs/performance.md). The corpus itself is described in `corpus.rs`.

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus --tenants N --resources M [--seed S] OUT";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok((corpus, out)) => match corpus.write(&out) {
            Ok(n) => {
                println!("wrote {n} tenant files to {}", out.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("gen-corpus: cannot write to {}: {error}", out.display());
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("gen-corpus: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<(corpus::Corpus, PathBuf), String> {
    let mut corpus = corpus::Corpus {
        tenants: 100,
        resources: 20,
        seed: 1,
    };
    let mut out = None;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = args.next().ok_or(format!("{name} needs a number"))?;
            value
                .parse()
                .map_err(|_| format!("{name} needs a number, got `{value}`"))
        };
        match arg.as_str() {
            "--tenants" => corpus.tenants = number("--tenants")? as usize,
            "--resources" => corpus.resources = number("--resources")? as usize,
            "--seed" => corpus.seed = number("--seed")?,
            "-h" | "--help" => return Err("help".into()),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if out.is_none() => out = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    out.map(|out| (corpus, out))
        .ok_or_else(|| "no output directory".into())
}
