//! Throughput of `obligo check`: reading, validating, building entities and evaluating every
//! rule for a directory of synthetic tenants. Run with `cargo bench`; see docs/performance.md.

#![allow(
    clippy::panic,
    reason = "a benchmark cannot run without its setup; aborting is the right answer"
)]
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented items"
)]

use std::fmt::Write;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::date;
use obligo::check::{CheckOptions, Checker};
use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;

/// A tenant with `systems` systems, as many credentials, and a few stores and transfers: a mix
/// that triggers and passes every core rule.
fn tenant(index: usize, systems: usize) -> String {
    let mut t = format!(
        "[tenant]\nid = \"tenant-{index}\"\ncontracts = [\"nrb\", \"dpa\"]\n\n\
         [[segment]]\nid = \"dmz\"\n[[segment]]\nid = \"app\"\n\n"
    );
    let oses = [
        ("windows-server", "2012-r2"),
        ("ubuntu", "24.04"),
        ("rhel", "9"),
        ("freebsd", "14"),
    ];
    let hosting = [
        "{ provider = \"nrb\" }",
        "{ provider = \"aws\", region = \"us-east-1\" }",
        "{ provider = \"azure\", region = \"westeurope\" }",
    ];
    for s in 0..systems {
        let (family, version) = oses[s % oses.len()];
        let second = if s % 3 == 0 { "dmz" } else { "app" };
        let _ = write!(
            t,
            "[[system]]\nid = \"sys-{s}\"\nos = {{ family = \"{family}\", version = \"{version}\" }}\n\
             hosting = {}\npersonal_data = {}\n\
             interfaces = [{{ segment = \"app\", address = \"10.0.2.{s}\" }}, {{ segment = \"{second}\" }}]\n\n",
            hosting[s % hosting.len()],
            s % 2 == 0
        );
        let _ = write!(
            t,
            "[[credential]]\nid = \"cred-{s}\"\nkind = \"service-account\"\nenabled = true\n\
             created = 2024-01-01\nlast_used = 2026-0{}-15\n\n",
            1 + s % 9
        );
    }
    for d in 0..5 {
        let _ = write!(
            t,
            "[[data_store]]\nid = \"db-{d}\"\nhosting = {}\npersonal_data = true\n\n\
             [[transfer]]\nid = \"tr-{d}\"\nfrom = \"db-{d}\"\n\
             destination = {{ country = \"{}\" }}\nsafeguard = \"{}\"\n\n",
            hosting[d % hosting.len()],
            ["US", "JP", "DE", "IN", "GB"][d],
            ["none", "adequacy", "scc", "consent", "none"][d]
        );
    }
    t
}

fn write_tenants(dir: &Path, count: usize, systems: usize) {
    for i in 0..count {
        std::fs::write(dir.join(format!("tenant-{i}.toml")), tenant(i, systems))
            .unwrap_or_else(|e| panic!("cannot write tenant: {e}"));
    }
}

fn bench_check(c: &mut Criterion) {
    let rules = RuleSet::load(None).unwrap_or_else(|e| panic!("{e:?}"));
    let refdata = ReferenceData::embedded().unwrap_or_else(|e| panic!("{e}"));
    let checker = Checker::new(&rules, refdata).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("check");
    for (count, systems) in [(1, 20), (100, 20)] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_tenants(dir.path(), count, systems);
        let options = CheckOptions {
            paths: vec![dir.path().to_path_buf()],
            now: date(2026, 11, 21),
        };
        let report = checker.check(&options);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert!(!report.findings.is_empty());
        group.throughput(Throughput::Elements(count as u64));
        group.bench_function(format!("{count}-tenants-{systems}-systems"), |b| {
            b.iter(|| checker.check(&options));
        });
    }
    group.finish();
}

fn bench_startup(c: &mut Criterion) {
    c.bench_function("load-rules-and-reference-data", |b| {
        b.iter(|| {
            let rules = RuleSet::load(None).unwrap_or_else(|e| panic!("{e:?}"));
            let refdata = ReferenceData::embedded().unwrap_or_else(|e| panic!("{e}"));
            Checker::new(&rules, refdata).unwrap_or_else(|e| panic!("{e}"))
        });
    });
}

criterion_group!(benches, bench_check, bench_startup);
criterion_main!(benches);
