//! Where the time of `obligo check` goes, and what Cedar alone takes for the same work. Run
//! with `cargo bench --bench check`; see docs/performance.md.
//!
//! The corpus is the `gen-corpus` example's (100 tenants of 20 resources, seed 1). Each stage
//! is timed on its own over every tenant, one after the other: reading and validating the
//! files, deriving the facts and building the Cedar entities, evaluating (requests, Cedar,
//! findings with their locations), and Cedar alone on the requests that evaluation makes.
//! `check/whole` is a whole check from disk in parallel, and `check/raw-cedar` Cedar alone in
//! parallel in the same way: their ratio is obligo's overhead. `render/*` times each format
//! over the corpus's report.

#![allow(
    clippy::panic,
    reason = "a benchmark cannot run without its setup; aborting is the right answer"
)]
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented items"
)]

#[path = "../examples/gen-corpus/corpus.rs"]
mod corpus;
#[path = "../examples/raw-cedar/prepared.rs"]
mod prepared;

use std::hint::black_box;
use std::time::Duration;

use cedar_policy::Authorizer;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::{Date, date};
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::render::{Format, Input, Settings};
use obligo::rules::RuleSet;
use rayon::prelude::*;

const NOW: Date = date(2026, 11, 21);

const CORPUS: corpus::Corpus = corpus::Corpus {
    tenants: 100,
    resources: 20,
    seed: 1,
};

fn or_die<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e:?}"))
}

fn checker() -> Checker {
    let rules = or_die(RuleSet::load(None));
    or_die(Checker::new(&rules, or_die(ReferenceData::embedded())))
}

fn bench_check(c: &mut Criterion) {
    let dir = or_die(tempfile::tempdir());
    or_die(CORPUS.write(dir.path()));
    let prepared = or_die(prepared::Prepared::load(dir.path(), NOW));
    let checker = checker();
    let options = CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        now: NOW,
    };
    let report = checker.check(&options);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let tenants = prepared.tenants.len();
    assert!(prepared.request_count() > tenants);
    let authorizer = Authorizer::new();

    let mut stages = c.benchmark_group("stages");
    stages.throughput(Throughput::Elements(tenants as u64));
    stages.bench_function("parse", |b| {
        b.iter(|| {
            for file in &prepared.files {
                black_box(or_die(prepared.parse(file)));
            }
        });
    });
    stages.bench_function("facts-and-entities", |b| {
        b.iter(|| {
            for (tenant, _) in &prepared.tenants {
                black_box(or_die(prepared.build(tenant)));
            }
        });
    });
    stages.bench_function("evaluate", |b| {
        b.iter(|| {
            for (tenant, built) in &prepared.tenants {
                black_box(prepared.engine.evaluate(
                    tenant,
                    built,
                    &prepared.cx,
                    &prepared.settings,
                ));
            }
        });
    });
    stages.bench_function("raw-cedar", |b| {
        b.iter(|| {
            (0..tenants)
                .map(|i| prepared.raw_cedar(&authorizer, i))
                .sum::<usize>()
        });
    });
    stages.finish();

    let mut whole = c.benchmark_group("check");
    whole.throughput(Throughput::Elements(tenants as u64));
    whole.bench_function("whole", |b| b.iter(|| checker.check(&options)));
    whole.bench_function("raw-cedar", |b| {
        b.iter(|| {
            (0..tenants)
                .into_par_iter()
                .map(|i| prepared.raw_cedar(&authorizer, i))
                .sum::<usize>()
        });
    });
    whole.finish();

    let settings = Settings::new(NOW);
    let input = Input {
        report: &report,
        rules: checker.engine().rules(),
        settings: &settings,
    };
    let mut render = c.benchmark_group("render");
    render.throughput(Throughput::Elements(report.findings.len() as u64));
    for &format in <Format as clap::ValueEnum>::value_variants() {
        render.bench_function(format.name(), |b| b.iter(|| format.render(&input)));
    }
    render.finish();
}

fn bench_startup(c: &mut Criterion) {
    c.bench_function("load-rules-and-reference-data", |b| b.iter(checker));
}

criterion_group! {
    name = benches;
    // Short enough for a 2-core machine to run every benchmark in a few minutes.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench_check, bench_startup
}
criterion_main!(benches);
