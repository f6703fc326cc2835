//! Properties over generated tenants (issue 8, point 7):
//!
//! - a valid tenant never produces an input error or a Cedar evaluation error;
//! - every finding's location (and every related location) is exactly a value the generator
//!   wrote, inside the table of the resource the finding names;
//! - the JSON report is byte-identical whether files are checked on 1 thread or on 4.
//!
//! The generator writes tenants in the format of `docs/format.md` for the `nrb` and `dpa` packs:
//! segments, systems (operating system, hosting, interfaces), credentials, data stores, contacts
//! and transfers, with valid ids, dates, IP addresses, countries, regions and safeguards. While
//! writing, it records the byte range of every value, so that locations are compared with
//! what was written rather than with a parser's idea of it.
//!
//! Case counts are modest so that `cargo test` stays fast; `PROPTEST_CASES=N` raises them.

#![cfg(test)]

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::{Date, date};
use obligo::check::{CheckOptions, Checker, Report};
use obligo::facts::reference::ReferenceData;
use obligo::render::{Format, Input, Settings};
use obligo::rules::RuleSet;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

/// The evaluation date; every generated date lies before it.
const NOW: Date = date(2026, 12, 3);

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let rules = RuleSet::load(None).expect("the embedded packs load");
        let refdata = ReferenceData::embedded().expect("the reference data loads");
        Checker::new(&rules, refdata).expect("the checker builds")
    })
}

/// `cases` unless `PROPTEST_CASES` asks for more.
fn config(cases: u32) -> Config {
    let env = Config::default().cases;
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            env
        } else {
            cases
        },
        // Shrinking re-runs the checker many times; a failure is readable without it.
        max_shrink_iters: 64,
        ..Config::default()
    }
}

// ----- the document writer ------------------------------------------------------------------

/// A TOML value as the generator writes it.
#[derive(Debug, Clone)]
enum Val {
    Str(String),
    Bool(bool),
    /// A date or date-time, written bare.
    Date(String),
    Array(Vec<Val>),
    Table(Vec<(&'static str, Val)>),
}

/// A table of the file: `[tenant]`, `[[system]]`, ….
#[derive(Debug, Clone)]
struct Section {
    header: &'static str,
    /// The id, for tables of resources.
    id: Option<String>,
    keys: Vec<(&'static str, Val)>,
}

/// Where a section ended up in the text.
#[derive(Debug)]
struct Written {
    header: &'static str,
    id: Option<String>,
    /// What a location may span in it: every value written (whole values, array elements,
    /// inline-table fields), every key, and the table's header line.
    values: Vec<Range<usize>>,
}

/// A generated tenant file with the place of everything in it.
#[derive(Debug)]
struct Doc {
    text: String,
    sections: Vec<Written>,
}

fn write_value(out: &mut String, value: &Val, values: &mut Vec<Range<usize>>) {
    let start = out.len();
    match value {
        Val::Str(s) => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Date(d) => out.push_str(d),
        Val::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, values);
            }
            out.push(']');
        }
        Val::Table(fields) => {
            out.push_str("{ ");
            for (i, (key, field)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                values.push(out.len()..out.len() + key.len());
                out.push_str(key);
                out.push_str(" = ");
                write_value(out, field, values);
            }
            out.push_str(" }");
        }
    }
    values.push(start..out.len());
}

fn write(sections: &[Section]) -> Doc {
    let mut text = String::new();
    let mut written = Vec::new();
    for section in sections {
        let header = text.len()..text.len() + section.header.len();
        let mut values = Vec::with_capacity(1 + section.keys.len());
        values.push(header);
        text.push_str(section.header);
        text.push('\n');
        for (key, value) in &section.keys {
            values.push(text.len()..text.len() + key.len());
            text.push_str(key);
            text.push_str(" = ");
            write_value(&mut text, value, &mut values);
            text.push('\n');
        }
        written.push(Written {
            header: section.header,
            id: section.id.clone(),
            values,
        });
        text.push('\n');
    }
    Doc {
        text,
        sections: written,
    }
}

// ----- strategies ---------------------------------------------------------------------------

fn s(text: impl Into<String>) -> Val {
    Val::Str(text.into())
}

fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> + Clone {
    proptest::sample::select(items)
}

/// Ids: lower-case words with digits and dashes, made unique by the caller's index.
fn stem() -> impl Strategy<Value = String> + Clone {
    "[a-z][a-z0-9]{0,6}"
}

/// A calendar date between 2014 and the evaluation date.
fn day() -> impl Strategy<Value = Date> + Clone {
    (0i32..4700).prop_map(|back| {
        NOW.checked_sub(jiff::Span::new().days(i64::from(back) + 1))
            .expect("in range")
    })
}

/// How a date is written: bare, as a local date-time, or as an offset date-time.
fn written_date(day: Date) -> impl Strategy<Value = Val> {
    (0u8..3, 0u8..24, 0u8..60, -11i8..12).prop_map(move |(form, h, m, off)| {
        Val::Date(match form {
            0 => day.to_string(),
            1 => format!("{day}T{h:02}:{m:02}:00"),
            _ => {
                let sign = if off < 0 { '-' } else { '+' };
                format!("{day}T{h:02}:{m:02}:00{sign}{:02}:00", off.unsigned_abs())
            }
        })
    })
}

const COUNTRIES: &[&str] = &[
    "BE", "NL", "DE", "FR", "IE", "AX", "NO", "IS", "GB", "CH", "US", "CA", "JP", "KR", "IL", "IN",
    "BR", "CN", "AU", "SG",
];
const SAFEGUARDS: &[&str] = &[
    "scc",
    "bcr",
    "adequacy",
    "dpf",
    "adequacy-pipeda",
    "adequacy-appi",
    "adequacy-pipa",
    "adequacy-automated",
    "consent",
    "derogation",
    "customer-consent",
    "privacy-shield",
    "none",
];
const ZONES: &[&str] = &["dmz", "internal", "restricted", "management"];
const CREDENTIAL_KINDS: &[&str] = &[
    "user",
    "admin",
    "service-account",
    "api-key",
    "ssh-key",
    "certificate",
];

/// An operating system: a family with a release that is current, expired or unknown to the
/// lifecycle table, and sometimes a support tier the family offers.
fn os() -> impl Strategy<Value = Val> {
    let releases: &'static [(&'static str, &'static [&'static str], Option<&'static str>)] = &[
        (
            "windows-server",
            &["2012-r2", "2016", "2019", "2022", "2025", "1999"],
            Some("esu"),
        ),
        ("rhel", &["6", "7", "8", "9", "10", "42"], Some("els")),
        (
            "ubuntu",
            &["16.04", "18.04", "20.04", "22.04", "24.04", "99.10"],
            Some("ubuntu-pro"),
        ),
        ("debian", &["9", "10", "11", "12"], Some("elts")),
        ("sles", &["12.5", "15", "15.6"], Some("ltss")),
        ("oracle-linux", &["7", "8", "9"], Some("extended")),
        ("centos", &["6", "7", "8"], None),
        ("almalinux", &["8", "9"], None),
        ("rocky-linux", &["8", "9"], None),
    ];
    (
        proptest::sample::select(releases),
        any::<prop::sample::Index>(),
        0u8..3,
    )
        .prop_map(|((family, versions, tier), version, extended)| {
            let mut fields = vec![
                ("family", s(family)),
                ("version", s(*version.get(versions))),
            ];
            match (extended, tier) {
                (1, _) => fields.push(("extended_support", Val::Bool(true))),
                (2, Some(tier)) => fields.push(("extended_support", s(tier))),
                _ => {}
            }
            Val::Table(fields)
        })
}

/// Hosting: a provider with a country, a region of its own, or neither, and a safeguard.
fn hosting() -> impl Strategy<Value = Val> {
    let regions: &'static [(&'static str, &'static str)] = &[
        ("aws", "eu-central-1"),
        ("aws", "us-east-1"),
        ("aws", "eu-west-1"),
        ("azure", "westeurope"),
        ("azure", "eastus"),
        ("gcp", "europe-west1"),
        ("gcp", "us-central1"),
    ];
    let providers = one_of(&[
        "nrb",
        "azure",
        "aws",
        "gcp",
        "oracle",
        "ibm",
        "alibaba",
        "on-premises",
        "other",
    ]);
    (
        0u8..3,
        providers,
        proptest::sample::select(regions),
        one_of(COUNTRIES),
        proptest::option::of(one_of(SAFEGUARDS)),
    )
        .prop_map(|(form, provider, (cloud, region), country, safeguard)| {
            let mut fields = match form {
                0 => vec![("provider", s(cloud)), ("region", s(region))],
                1 => vec![("provider", s(provider)), ("country", s(country))],
                _ => vec![("provider", s(provider))],
            };
            if let Some(safeguard) = safeguard {
                fields.push(("safeguard", s(safeguard)));
            }
            Val::Table(fields)
        })
}

fn ipv4() -> impl Strategy<Value = String> {
    any::<[u8; 4]>().prop_map(|o| std::net::Ipv4Addr::from(o).to_string())
}

fn ip() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => ipv4(),
        1 => any::<[u16; 8]>().prop_map(|o| std::net::Ipv6Addr::from(o).to_string()),
    ]
}

fn email() -> impl Strategy<Value = Val> {
    "[a-z][a-z0-9.]{0,8}[a-z]@[a-z]{1,8}\\.example".prop_map(Val::Str)
}

/// Who runs a resource: nobody declared, the customer, or one of the tenant's packs.
fn operator(contracts: &[&'static str]) -> impl Strategy<Value = Option<Val>> + use<> {
    let mut choices = vec!["customer"];
    choices.extend_from_slice(contracts);
    proptest::option::of(proptest::sample::select(choices).prop_map(s))
}

fn push(keys: &mut Vec<(&'static str, Val)>, key: &'static str, value: Option<Val>) {
    if let Some(value) = value {
        keys.push((key, value));
    }
}

fn contracts() -> impl Strategy<Value = Vec<&'static str>> {
    prop_oneof![
        Just(vec!["nrb"]),
        Just(vec!["dpa"]),
        Just(vec!["nrb", "dpa"]),
        Just(vec!["dpa", "nrb"]),
    ]
}

fn header(id: String, contracts: &[&'static str]) -> impl Strategy<Value = Vec<Section>> + use<> {
    let contracts: Vec<Val> = contracts.iter().map(|c| s(*c)).collect();
    (
        proptest::option::of("[A-Z][a-zA-Z ]{0,20}[a-z]"),
        proptest::option::of(prop::collection::vec(email(), 1..3)),
        proptest::option::of(("[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}", email())),
        proptest::option::of(email()),
    )
        .prop_map(move |(name, admins, dpo, breach)| {
            let mut tenant = vec![("id", s(&id))];
            push(&mut tenant, "name", name.map(s));
            tenant.push(("contracts", Val::Array(contracts.clone())));
            let mut sections = vec![Section {
                header: "[tenant]",
                id: Some(id.clone()),
                keys: tenant,
            }];
            let mut contacts = Vec::new();
            push(&mut contacts, "admins", admins.map(Val::Array));
            push(
                &mut contacts,
                "dpo",
                dpo.map(|(name, email)| Val::Table(vec![("name", s(name)), ("email", email)])),
            );
            push(&mut contacts, "breach", breach);
            if !contacts.is_empty() {
                sections.push(Section {
                    header: "[contacts]",
                    id: None,
                    keys: contacts,
                });
            }
            sections
        })
}

fn segments() -> impl Strategy<Value = Vec<Section>> {
    prop::collection::vec((stem(), proptest::option::of(one_of(ZONES))), 1..4).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (stem, zone))| {
                let id = format!("seg-{stem}-{i}");
                let mut keys = vec![("id", s(&id))];
                push(&mut keys, "zone", zone.map(s));
                Section {
                    header: "[[segment]]",
                    id: Some(id),
                    keys,
                }
            })
            .collect()
    })
}

fn systems(
    segments: Vec<String>,
    contracts: Vec<&'static str>,
) -> impl Strategy<Value = Vec<Section>> {
    let interface = (
        proptest::sample::select(segments),
        proptest::option::of(ip()),
    )
        .prop_map(|(segment, address)| {
            let mut fields = vec![("segment", s(segment))];
            if let Some(address) = address {
                fields.push(("address", s(address)));
            }
            Val::Table(fields)
        });
    let system = (
        stem(),
        operator(&contracts),
        proptest::option::of(os()),
        proptest::option::of(hosting()),
        proptest::option::of(prop::collection::vec(interface, 1..3)),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
    );
    prop::collection::vec(system, 0..4).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(
                |(i, (stem, operator, os, hosting, interfaces, personal, malware))| {
                    let id = format!("sys-{stem}-{i}");
                    let mut keys = vec![("id", s(&id))];
                    push(&mut keys, "operator", operator);
                    push(&mut keys, "os", os);
                    push(&mut keys, "hosting", hosting);
                    push(&mut keys, "interfaces", interfaces.map(Val::Array));
                    push(&mut keys, "personal_data", personal.map(Val::Bool));
                    push(&mut keys, "anti_malware", malware.map(Val::Bool));
                    Section {
                        header: "[[system]]",
                        id: Some(id),
                        keys,
                    }
                },
            )
            .collect()
    })
}

fn credentials(contracts: Vec<&'static str>) -> impl Strategy<Value = Vec<Section>> {
    // `last_used` is never before `created`, and both are before the evaluation date.
    let dates = (day(), 0i64..2000).prop_flat_map(|(created, gap)| {
        let used = created
            .checked_add(jiff::Span::new().days(gap))
            .ok()
            .filter(|d| *d < NOW)
            .unwrap_or(created);
        (written_date(created), written_date(used))
    });
    let credential = (
        stem(),
        operator(&contracts),
        proptest::option::of(one_of(CREDENTIAL_KINDS)),
        proptest::option::of("[a-z][a-z -]{0,12}[a-z]"),
        proptest::option::of(any::<bool>()),
        dates,
        0u8..4,
    );
    prop::collection::vec(credential, 0..4).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(
                |(i, (stem, operator, kind, owner, enabled, (created, used), which))| {
                    let id = format!("cred-{stem}-{i}");
                    let mut keys = vec![("id", s(&id))];
                    push(&mut keys, "operator", operator);
                    push(&mut keys, "kind", kind.map(s));
                    push(&mut keys, "owner", owner.map(s));
                    push(&mut keys, "enabled", enabled.map(Val::Bool));
                    if which & 1 == 1 {
                        keys.push(("created", created));
                    }
                    if which & 2 == 2 {
                        keys.push(("last_used", used));
                    }
                    Section {
                        header: "[[credential]]",
                        id: Some(id),
                        keys,
                    }
                },
            )
            .collect()
    })
}

fn data_stores(contracts: Vec<&'static str>) -> impl Strategy<Value = Vec<Section>> {
    let store = (
        stem(),
        operator(&contracts),
        proptest::option::of(hosting()),
        proptest::option::of(any::<bool>()),
    );
    prop::collection::vec(store, 0..3).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (stem, operator, hosting, personal))| {
                let id = format!("ds-{stem}-{i}");
                let mut keys = vec![("id", s(&id))];
                push(&mut keys, "operator", operator);
                push(&mut keys, "hosting", hosting);
                push(&mut keys, "personal_data", personal.map(Val::Bool));
                Section {
                    header: "[[data_store]]",
                    id: Some(id),
                    keys,
                }
            })
            .collect()
    })
}

fn transfers(
    sources: Vec<String>,
    contracts: Vec<&'static str>,
) -> impl Strategy<Value = Vec<Section>> {
    let from = if sources.is_empty() {
        Just(None).boxed()
    } else {
        proptest::option::of(proptest::sample::select(sources)).boxed()
    };
    let transfer = (
        stem(),
        operator(&contracts),
        from,
        one_of(COUNTRIES),
        proptest::option::of("[A-Z][a-z]{1,10} (Inc|BV|Ltd)\\."),
        proptest::option::of(any::<bool>()),
        proptest::option::of(one_of(SAFEGUARDS)),
    );
    prop::collection::vec(transfer, 0..4).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(
                |(i, (stem, operator, from, country, recipient, personal, safeguard))| {
                    let id = format!("tr-{stem}-{i}");
                    let mut keys = vec![("id", s(&id))];
                    push(&mut keys, "operator", operator);
                    push(&mut keys, "from", from.map(s));
                    let mut destination = vec![("country", s(country))];
                    if let Some(recipient) = recipient {
                        destination.push(("recipient", s(recipient)));
                    }
                    keys.push(("destination", Val::Table(destination)));
                    push(&mut keys, "personal_data", personal.map(Val::Bool));
                    push(&mut keys, "safeguard", safeguard.map(s));
                    Section {
                        header: "[[transfer]]",
                        id: Some(id),
                        keys,
                    }
                },
            )
            .collect()
    })
}

fn ids(sections: &[Section]) -> Vec<String> {
    sections.iter().filter_map(|s| s.id.clone()).collect()
}

/// A valid tenant file with the id `id`.
fn tenant_with_id(id: String) -> impl Strategy<Value = Doc> {
    contracts()
        .prop_flat_map(move |contracts| {
            (
                Just(contracts.clone()),
                header(id.clone(), &contracts),
                segments(),
            )
        })
        .prop_flat_map(|(contracts, header, segments)| {
            (
                Just(contracts.clone()),
                Just(header),
                Just(segments.clone()),
                systems(ids(&segments), contracts.clone()),
                data_stores(contracts.clone()),
                credentials(contracts),
            )
        })
        .prop_flat_map(
            |(contracts, header, segments, systems, stores, credentials)| {
                let mut sources = ids(&systems);
                sources.extend(ids(&stores));
                let head: Vec<Section> = [header, segments, systems, stores, credentials].concat();
                (Just(head), transfers(sources, contracts))
            },
        )
        .prop_map(|(head, transfers)| write(&[head, transfers].concat()))
}

fn tenant() -> impl Strategy<Value = Doc> {
    "[a-z][a-z0-9-]{0,12}[a-z0-9]".prop_flat_map(tenant_with_id)
}

// ----- helpers ------------------------------------------------------------------------------

fn check(paths: Vec<std::path::PathBuf>) -> Report {
    checker().check(&CheckOptions { paths, now: NOW })
}

/// The JSON report of `report`, as `obligo check --format json` renders it.
fn json_of(report: &Report) -> String {
    Format::Json.render(&Input {
        report,
        rules: checker().engine().rules(),
        settings: &Settings::new(NOW),
    })
}

fn write_doc(dir: &Path, name: &str, doc: &Doc) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, &doc.text).unwrap();
    path
}

/// The byte range of a 1-based line/column span (end column exclusive) in `text`; columns
/// count characters, and the generator writes ASCII only.
fn byte_range(
    text: &str,
    (line, col): (u64, u64),
    (end_line, end_col): (u64, u64),
) -> Range<usize> {
    let offset = |line: u64, col: u64| -> usize {
        let start: usize = text
            .split_inclusive('\n')
            .take(usize::try_from(line - 1).unwrap())
            .map(str::len)
            .sum();
        start + usize::try_from(col - 1).unwrap()
    };
    offset(line, col)..offset(end_line, end_col)
}

fn pos(value: &Value, line: &str, col: &str) -> (u64, u64) {
    (
        value[line]
            .as_u64()
            .unwrap_or_else(|| panic!("{line} in {value}")),
        value[col]
            .as_u64()
            .unwrap_or_else(|| panic!("{col} in {value}")),
    )
}

/// The sections a finding on `kind` `id` may point into: the resource's own table, and for
/// the tenant its `[tenant]` and `[contacts]` tables. An implicit resource obligo derives (a
/// transfer made by hosting) has no table of its own: it may point into any.
fn sections_of<'d>(doc: &'d Doc, kind: &str, id: &str) -> Vec<&'d Written> {
    let header = match kind {
        "tenant" => {
            return doc
                .sections
                .iter()
                .filter(|s| matches!(s.header, "[tenant]" | "[contacts]"))
                .collect();
        }
        "segment" => "[[segment]]",
        "system" => "[[system]]",
        "credential" => "[[credential]]",
        "data store" => "[[data_store]]",
        "transfer" => "[[transfer]]",
        _ => return doc.sections.iter().collect(),
    };
    let own: Vec<&Written> = doc
        .sections
        .iter()
        .filter(|s| s.header == header && s.id.as_deref() == Some(id))
        .collect();
    if own.is_empty() {
        doc.sections.iter().collect()
    } else {
        own
    }
}

// ----- properties ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(48))]

    /// A valid tenant is evaluated: no input error, no Cedar evaluation error, no problem of
    /// any kind.
    #[test]
    fn valid_tenants_have_no_problems(doc in tenant()) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_doc(dir.path(), "tenant.toml", &doc);
        let report = check(vec![path]);
        let problems: Vec<String> = report.problems.iter().map(|p| format!("{p:?}")).collect();
        prop_assert!(problems.is_empty(), "{}\n---\n{}", problems.join("\n"), doc.text);
        prop_assert_eq!(report.tenants, 1);
    }

    /// Every location in the JSON report (a finding's own and its related ones) spans exactly
    /// something the generator wrote: a whole value, an array element, an inline table's field
    /// value, a key, or a table header (`[contacts]` for a key missing from it); and a
    /// finding's own location is one of these in the table of the resource it names.
    #[test]
    fn locations_lie_on_written_values(doc in tenant()) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_doc(dir.path(), "tenant.toml", &doc);
        let report = check(vec![path.clone()]);
        prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
        let json: Value = serde_json::from_str(&json_of(&report)).unwrap();
        let findings = json["findings"].as_array().unwrap();
        prop_assert_eq!(findings.len(), report.findings.len());
        let all: Vec<&Written> = doc.sections.iter().collect();
        for finding in findings {
            prop_assert_eq!(finding["file"].as_str(), Some(path.to_str().unwrap()));
            let span = byte_range(
                &doc.text,
                pos(finding, "line", "column"),
                pos(finding, "end_line", "end_column"),
            );
            let kind = finding["resource_kind"].as_str().unwrap();
            let id = finding["resource"].as_str().unwrap();
            let own = sections_of(&doc, kind, id);
            prop_assert!(
                own.iter().any(|s| s.values.contains(&span)),
                "{} on {} `{}` points at {:?} (`{}`), not at a value, key or header of its table\n---\n{}",
                finding["rule"], kind, id, span, &doc.text[span.clone()], doc.text
            );
            for related in finding["related"].as_array().unwrap() {
                let span = byte_range(
                    &doc.text,
                    pos(related, "line", "column"),
                    pos(related, "end_line", "end_column"),
                );
                prop_assert!(
                    all.iter().any(|s| s.values.contains(&span)),
                    "{} related location {:?} (`{}`) is not a written value, key or header\n---\n{}",
                    finding["rule"], span, &doc.text[span.clone()], doc.text
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(config(16))]

    /// The JSON report of a corpus of several files does not depend on the number of threads
    /// that check them. (`obligo check` has no thread option: it runs on rayon's global pool,
    /// sized by `RAYON_NUM_THREADS`; here each run gets a pool of its own.)
    #[test]
    fn json_is_identical_for_1_and_4_threads(
        docs in prop::collection::vec(tenant(), 2..7),
    ) {
        let dir = tempfile::tempdir().unwrap();
        // Tenant ids must be unique across a run; the file names keep them apart too.
        for (i, doc) in docs.iter().enumerate() {
            let text = doc.text.replacen("id = \"", &format!("id = \"t{i}-"), 1);
            let sub = dir.path().join(format!("d{}", i % 3));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join(format!("tenant-{i}.toml")), text).unwrap();
        }
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| json_of(&check(vec![dir.path().to_path_buf()])))
        };
        let one = run(1);
        let four = run(4);
        let parsed: Value = serde_json::from_str(&one).unwrap();
        prop_assert_eq!(parsed["summary"]["tenants"].as_u64(), Some(docs.len() as u64), "{}", one);
        prop_assert!(one == four, "1 thread:\n{}\n4 threads:\n{}", one, four);
    }
}
