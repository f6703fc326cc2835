//! Reference data shipped with obligo: ISO 3166-1 countries, the EU / EEA /
//! transfer zones, EU adequacy decisions, cloud-provider regions and OS
//! lifecycles.
//!
//! The data lives in human-readable TOML files under `data/` (each with a header
//! naming its sources and the date it was checked). They are compiled into the
//! binary with `include_str!` and parsed once per run by
//! [`ReferenceData::embedded`], which also checks that the files agree with each
//! other (every country code used anywhere is a known country, OS entries are
//! unique, and so on). Lookups after that are map lookups.

mod os;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

pub use os::OsLifecycle;
use os::OsTable;

use crate::problem::codes::{self, Code};

/// One of the reference data files under `data/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataFile {
    /// `data/countries.toml`: ISO 3166-1 alpha-2 codes and English short names.
    Countries,
    /// `data/zones.toml`: EU, EEA and transfer-zone membership.
    Zones,
    /// `data/adequacy.toml`: EU Commission adequacy decisions.
    Adequacy,
    /// `data/regions/<provider>.toml`: a cloud provider's regions.
    Regions(Cloud),
    /// `data/os-lifecycle.toml`: operating-system support dates.
    OsLifecycle,
}

impl DataFile {
    /// The path of the file relative to the crate root, e.g. `data/zones.toml`.
    pub fn path(self) -> &'static str {
        match self {
            DataFile::Countries => "data/countries.toml",
            DataFile::Zones => "data/zones.toml",
            DataFile::Adequacy => "data/adequacy.toml",
            DataFile::Regions(Cloud::Azure) => "data/regions/azure.toml",
            DataFile::Regions(Cloud::Aws) => "data/regions/aws.toml",
            DataFile::Regions(Cloud::Gcp) => "data/regions/gcp.toml",
            DataFile::OsLifecycle => "data/os-lifecycle.toml",
        }
    }
}

impl fmt::Display for DataFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

/// A cloud provider whose region names obligo knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cloud {
    /// Microsoft Azure (region names such as `westeurope`).
    Azure,
    /// Amazon Web Services (region names such as `eu-central-1`).
    Aws,
    /// Google Cloud (region names such as `europe-west1`).
    Gcp,
}

impl Cloud {
    /// Every provider, in a fixed order.
    pub const ALL: [Cloud; 3] = [Cloud::Azure, Cloud::Aws, Cloud::Gcp];

    /// The provider's short lower-case name: `azure`, `aws` or `gcp`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Azure => "azure",
            Cloud::Aws => "aws",
            Cloud::Gcp => "gcp",
        }
    }

    fn index(self) -> usize {
        match self {
            Cloud::Azure => 0,
            Cloud::Aws => 1,
            Cloud::Gcp => 2,
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text of every reference data file, to be parsed by
/// [`ReferenceData::from_sources`].
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    /// Text of `data/countries.toml`.
    pub countries: &'a str,
    /// Text of `data/zones.toml`.
    pub zones: &'a str,
    /// Text of `data/adequacy.toml`.
    pub adequacy: &'a str,
    /// Text of `data/regions/azure.toml`.
    pub azure: &'a str,
    /// Text of `data/regions/aws.toml`.
    pub aws: &'a str,
    /// Text of `data/regions/gcp.toml`.
    pub gcp: &'a str,
    /// Text of `data/os-lifecycle.toml`.
    pub os_lifecycle: &'a str,
}

impl Sources<'static> {
    /// The data files compiled into the binary.
    pub const EMBEDDED: Sources<'static> = Sources {
        countries: include_str!("../../data/countries.toml"),
        zones: include_str!("../../data/zones.toml"),
        adequacy: include_str!("../../data/adequacy.toml"),
        azure: include_str!("../../data/regions/azure.toml"),
        aws: include_str!("../../data/regions/aws.toml"),
        gcp: include_str!("../../data/regions/gcp.toml"),
        os_lifecycle: include_str!("../../data/os-lifecycle.toml"),
    };
}

impl<'a> Sources<'a> {
    fn text(&self, file: DataFile) -> &'a str {
        match file {
            DataFile::Countries => self.countries,
            DataFile::Zones => self.zones,
            DataFile::Adequacy => self.adequacy,
            DataFile::Regions(Cloud::Azure) => self.azure,
            DataFile::Regions(Cloud::Aws) => self.aws,
            DataFile::Regions(Cloud::Gcp) => self.gcp,
            DataFile::OsLifecycle => self.os_lifecycle,
        }
    }
}

/// An EU Commission adequacy decision (GDPR Art. 45) for a country or territory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdequacyDecision {
    /// ISO 3166-1 alpha-2 code of the country or territory.
    pub country: String,
    /// The decision in force, e.g. `Commission Implementing Decision (EU) 2019/419`.
    pub decision: String,
    /// The date the Commission adopted the decision.
    pub adopted: Date,
    /// The recipients covered, when the decision covers only part of the
    /// country (e.g. Canada: commercial organisations under PIPEDA); `None` when
    /// it covers the whole country.
    pub scope: Option<String>,
    /// For a decision with a `scope`, the tenant-file safeguard that declares a recipient within
    /// it (`dpf` for the United States); `None` for a decision covering the whole country.
    pub safeguard: Option<String>,
}

impl AdequacyDecision {
    /// Whether the decision covers every recipient in the country, so that no declaration of
    /// scope is needed.
    pub fn is_full(&self) -> bool {
        self.scope.is_none()
    }
}

/// A reference data file failed to parse or is inconsistent.
///
/// Every variant names the data file and, where it can, points at the
/// offending place in it. Its code is given by [`ReferenceError::code`], through the problem
/// that carries it (`crate::problem::DataProblem`).
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ReferenceError {
    /// The file is not valid TOML or does not have the expected fields.
    #[error("could not parse reference data file {file}: {message}")]
    Parse {
        /// The data file.
        file: DataFile,
        /// What the TOML parser reported.
        message: String,
        /// The file's text.
        #[source_code]
        src: Arc<NamedSource<String>>,
        /// Where in the file the problem is.
        #[label("here")]
        span: Option<SourceSpan>,
    },

    /// A country key in `data/countries.toml` is not two upper-case ASCII letters.
    #[error("reference data file {file}: `{code}` is not an ISO 3166-1 alpha-2 code")]
    #[diagnostic(help("country codes are two upper-case letters, e.g. `DE`"))]
    InvalidCountryCode {
        /// The data file.
        file: DataFile,
        /// The offending key.
        code: String,
        /// The file's text.
        #[source_code]
        src: Arc<NamedSource<String>>,
        /// Where in the file the key is.
        #[label("not a country code")]
        span: Option<SourceSpan>,
    },

    /// A zone, adequacy decision or region names a country that is not in
    /// `data/countries.toml`.
    #[error("reference data file {file}: country code `{code}` is not in data/countries.toml")]
    #[diagnostic(help(
        "use an ISO 3166-1 alpha-2 code listed in data/countries.toml (the United Kingdom is `GB`)"
    ))]
    UnknownCountry {
        /// The data file.
        file: DataFile,
        /// The unknown code.
        code: String,
        /// The file's text.
        #[source_code]
        src: Arc<NamedSource<String>>,
        /// Where in the file the code is.
        #[label("unknown country")]
        span: Option<SourceSpan>,
    },

    /// The same entry appears twice (a zone member, an adequacy country, an OS
    /// family and version).
    #[error("reference data file {file}: {what} appears more than once")]
    Duplicate {
        /// The data file.
        file: DataFile,
        /// Description of the repeated entry.
        what: String,
        /// The file's text.
        #[source_code]
        src: Arc<NamedSource<String>>,
        /// Where in the file the repetition is.
        #[label("repeated here")]
        span: Option<SourceSpan>,
    },

    /// An OS entry's extended support ends before its standard support.
    #[error(
        "reference data file {file}: {entry} has an extended-support tier ending {extended_end}, before support_end {support_end}"
    )]
    ExtendedBeforeSupport {
        /// The data file.
        file: DataFile,
        /// The OS family and version.
        entry: String,
        /// The entry's `support_end`.
        support_end: Date,
        /// The end of the tier.
        extended_end: Date,
        /// The file's text.
        #[source_code]
        src: Arc<NamedSource<String>>,
        /// Where in the file the tier's end date is.
        #[label("before support_end")]
        span: Option<SourceSpan>,
    },

    /// Any other invalid value (an empty name, a date with a time, ...).
    #[error("reference data file {file}: {message}")]
    Invalid {
        /// The data file.
        file: DataFile,
        /// What is wrong.
        message: String,
        /// The file's text.
        #[source_code]
        src: Arc<NamedSource<String>>,
        /// Where in the file the problem is.
        #[label("here")]
        span: Option<SourceSpan>,
    },
}

impl ReferenceError {
    /// The registry code of this class of error.
    pub fn code(&self) -> &'static Code {
        match self {
            ReferenceError::Parse { .. } => codes::REFERENCE_PARSE,
            ReferenceError::InvalidCountryCode { .. } => codes::REFERENCE_INVALID_COUNTRY_CODE,
            ReferenceError::UnknownCountry { .. } => codes::REFERENCE_UNKNOWN_COUNTRY,
            ReferenceError::Duplicate { .. } => codes::REFERENCE_DUPLICATE,
            ReferenceError::ExtendedBeforeSupport { .. } => {
                codes::REFERENCE_EXTENDED_BEFORE_SUPPORT
            }
            ReferenceError::Invalid { .. } => codes::REFERENCE_INVALID,
        }
    }
}

/// Which kind of problem a [`Problem`] is; turned into a [`ReferenceError`]
/// once the file's text is attached.
enum ProblemKind {
    InvalidCountryCode(String),
    UnknownCountry(String),
    Duplicate(String),
    ExtendedBeforeSupport {
        entry: String,
        support_end: Date,
        extended_end: Date,
    },
    Invalid(String),
}

/// A problem found in one data file, with the byte range it concerns.
struct Problem {
    kind: ProblemKind,
    span: Option<Range<usize>>,
}

impl Problem {
    fn new(kind: ProblemKind, span: Range<usize>) -> Problem {
        Problem {
            kind,
            span: Some(span),
        }
    }

    fn into_error(self, file: DataFile, text: &str) -> ReferenceError {
        let src = named_source(file, text);
        let span = self.span.map(SourceSpan::from);
        match self.kind {
            ProblemKind::InvalidCountryCode(code) => ReferenceError::InvalidCountryCode {
                file,
                code,
                src,
                span,
            },
            ProblemKind::UnknownCountry(code) => ReferenceError::UnknownCountry {
                file,
                code,
                src,
                span,
            },
            ProblemKind::Duplicate(what) => ReferenceError::Duplicate {
                file,
                what,
                src,
                span,
            },
            ProblemKind::ExtendedBeforeSupport {
                entry,
                support_end,
                extended_end,
            } => ReferenceError::ExtendedBeforeSupport {
                file,
                entry,
                support_end,
                extended_end,
                src,
                span,
            },
            ProblemKind::Invalid(message) => ReferenceError::Invalid {
                file,
                message,
                src,
                span,
            },
        }
    }
}

fn named_source(file: DataFile, text: &str) -> Arc<NamedSource<String>> {
    Arc::new(NamedSource::new(file.path(), text.to_owned()).with_language("TOML"))
}

// ---------------------------------------------------------------------------
// File formats
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    countries: BTreeMap<Spanned<String>, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZonesFile {
    zones: ZoneLists,
    /// Territory code -> the member state it belongs to.
    #[serde(default)]
    eu_territories: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneLists {
    eu: Vec<Spanned<String>>,
    eea_non_eu: Vec<Spanned<String>>,
    transfer_zone_extra: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AdequacyFile {
    checked: Spanned<Datetime>,
    source: String,
    #[serde(default)]
    decisions: Vec<RawDecision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    country: Spanned<String>,
    decision: Spanned<String>,
    adopted: Spanned<Datetime>,
    scope: Option<Spanned<String>>,
    safeguard: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    regions: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Parses one data file into its raw form.
fn parse<T: for<'de> Deserialize<'de>>(
    file: DataFile,
    sources: &Sources<'_>,
) -> Result<T, ReferenceError> {
    let text = sources.text(file);
    toml::from_str(text).map_err(|err| ReferenceError::Parse {
        file,
        message: err.message().trim_end().to_owned(),
        src: named_source(file, text),
        span: err.span().map(SourceSpan::from),
    })
}

/// Converts a TOML date (which must have no time or offset) to a civil date.
fn to_date(value: &Spanned<Datetime>, field: &str) -> Result<Date, Problem> {
    let invalid = |message: String| Problem::new(ProblemKind::Invalid(message), value.span());
    let datetime = value.get_ref();
    let date = match (datetime.date, datetime.time, datetime.offset) {
        (Some(date), None, None) => date,
        _ => {
            return Err(invalid(format!(
                "`{field}` must be a plain date such as 2026-11-22, not `{datetime}`"
            )));
        }
    };
    let year = i16::try_from(date.year)
        .map_err(|_| invalid(format!("`{field}` has an out-of-range year")))?;
    let month = i8::try_from(date.month)
        .map_err(|_| invalid(format!("`{field}` has an out-of-range month")))?;
    let day = i8::try_from(date.day)
        .map_err(|_| invalid(format!("`{field}` has an out-of-range day")))?;
    Date::new(year, month, day)
        .map_err(|err| invalid(format!("`{field}` is not a valid date: {err}")))
}

/// Rejects empty or all-blank text values.
fn non_empty(value: &Spanned<String>, field: &str) -> Result<String, Problem> {
    if value.get_ref().trim().is_empty() {
        Err(Problem::new(
            ProblemKind::Invalid(format!("`{field}` must not be empty")),
            value.span(),
        ))
    } else {
        Ok(value.get_ref().clone())
    }
}

/// Accepts identifiers made of lower-case ASCII letters, digits, `-`, `.` and `_`.
fn identifier(value: &Spanned<String>, field: &str) -> Result<String, Problem> {
    let text = value.get_ref();
    let valid = !text.is_empty()
        && text.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'_')
        });
    if valid {
        Ok(text.clone())
    } else {
        Err(Problem::new(
            ProblemKind::Invalid(format!(
                "{field} `{text}` must be non-empty and use only lower-case letters, digits, `-`, `.` and `_`"
            )),
            value.span(),
        ))
    }
}

fn is_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

// ---------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------

/// The parsed and cross-checked reference data.
#[derive(Debug)]
pub struct ReferenceData {
    countries: BTreeMap<String, String>,
    eu: HashSet<String>,
    eea: HashSet<String>,
    transfer_zone: HashSet<String>,
    adequacy: BTreeMap<String, AdequacyDecision>,
    adequacy_checked: Date,
    adequacy_source: String,
    regions: [BTreeMap<String, String>; 3],
    os: OsTable,
}

impl ReferenceData {
    /// Parses the data files compiled into the binary.
    pub fn embedded() -> Result<ReferenceData, ReferenceError> {
        ReferenceData::from_sources(&Sources::EMBEDDED)
    }

    /// Parses the given data-file texts and checks that they are consistent:
    /// every country code used in zones, adequacy decisions and regions exists
    /// in the countries file, no entry is repeated, and no OS entry's extended
    /// support ends before its standard support.
    pub fn from_sources(sources: &Sources<'_>) -> Result<ReferenceData, ReferenceError> {
        let at =
            |file: DataFile| move |problem: Problem| problem.into_error(file, sources.text(file));

        let countries = load_countries(parse(DataFile::Countries, sources)?)
            .map_err(at(DataFile::Countries))?;
        let (eu, eea, transfer_zone) = load_zones(parse(DataFile::Zones, sources)?, &countries)
            .map_err(at(DataFile::Zones))?;
        let (adequacy, adequacy_checked, adequacy_source) =
            load_adequacy(parse(DataFile::Adequacy, sources)?, &countries)
                .map_err(at(DataFile::Adequacy))?;
        let mut regions: [BTreeMap<String, String>; 3] = Default::default();
        for cloud in Cloud::ALL {
            let file = DataFile::Regions(cloud);
            regions[cloud.index()] =
                load_regions(parse(file, sources)?, &countries).map_err(at(file))?;
        }
        let os =
            os::load(parse(DataFile::OsLifecycle, sources)?).map_err(at(DataFile::OsLifecycle))?;

        Ok(ReferenceData {
            countries,
            eu,
            eea,
            transfer_zone,
            adequacy,
            adequacy_checked,
            adequacy_source,
            regions,
            os,
        })
    }

    /// The English short name of a country, given its exact upper-case
    /// ISO 3166-1 alpha-2 code (e.g. `BE` -> `Belgium`).
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.countries.get(code).map(String::as_str)
    }

    /// Every known ISO 3166-1 alpha-2 code, in alphabetical order.
    pub fn country_codes(&self) -> impl Iterator<Item = &str> {
        self.countries.keys().map(String::as_str)
    }

    /// Whether the country (exact upper-case alpha-2 code) is EU territory: a member state, or
    /// one of its territories in the EU with a code of its own (Réunion, Åland, ...).
    pub fn is_eu_member(&self, code: &str) -> bool {
        self.eu.contains(code)
    }

    /// Whether the country (exact upper-case alpha-2 code) is in the European
    /// Economic Area (the EU plus Iceland, Liechtenstein and Norway).
    pub fn is_eea_member(&self, code: &str) -> bool {
        self.eea.contains(code)
    }

    /// Whether the country (exact upper-case alpha-2 code) is in the transfer
    /// zone of the data-protection addendum: EU ∪ EEA ∪ {GB, CH}.
    pub fn in_transfer_zone(&self, code: &str) -> bool {
        self.transfer_zone.contains(code)
    }

    /// The EU adequacy decision for a country (exact upper-case alpha-2 code),
    /// if there is one.
    pub fn adequacy(&self, code: &str) -> Option<&AdequacyDecision> {
        self.adequacy.get(code)
    }

    /// Every adequacy decision, ordered by country code.
    pub fn adequacy_decisions(&self) -> impl Iterator<Item = &AdequacyDecision> {
        self.adequacy.values()
    }

    /// The date the adequacy list was last checked against its source.
    pub fn adequacy_checked(&self) -> Date {
        self.adequacy_checked
    }

    /// The URL the adequacy list was checked against.
    pub fn adequacy_source(&self) -> &str {
        &self.adequacy_source
    }

    /// The alpha-2 code of the country where a provider's region is located,
    /// given the region's exact id (e.g. `eu-central-1`, `westeurope`,
    /// `europe-west1`).
    pub fn region_country(&self, provider: Cloud, region: &str) -> Option<&str> {
        self.regions[provider.index()]
            .get(region)
            .map(String::as_str)
    }

    /// Every region id of a provider, in alphabetical order (for "did you mean"
    /// suggestions).
    pub fn regions(&self, provider: Cloud) -> impl Iterator<Item = &str> {
        self.regions[provider.index()].keys().map(String::as_str)
    }

    /// The lifecycle of an OS release, given its exact endoflife.date family
    /// and version (or version alias), e.g. `("windows-server", "2012-r2")`.
    pub fn os_lifecycle(&self, family: &str, version: &str) -> Option<&OsLifecycle> {
        self.os.lifecycle(family, version)
    }

    /// Every OS lifecycle entry, in file order.
    pub fn os_lifecycles(&self) -> impl Iterator<Item = &OsLifecycle> {
        self.os.lifecycles()
    }

    /// The distinct OS families, in alphabetical order (for suggestions).
    pub fn os_families(&self) -> impl Iterator<Item = &str> {
        self.os.families()
    }

    /// The versions known for an OS family, in file order, without aliases;
    /// empty if the family is unknown.
    pub fn os_versions(&self, family: &str) -> impl Iterator<Item = &str> {
        self.os.versions(family)
    }

    /// The paid extended-support tiers a family offers (tier id -> what it is), or `None`
    /// for a family obligo does not know.
    pub fn os_tiers(&self, family: &str) -> Option<&BTreeMap<String, String>> {
        self.os.tiers(family)
    }
}

// ---------------------------------------------------------------------------
// Loading and validation, one file at a time
// ---------------------------------------------------------------------------

fn load_countries(raw: CountriesFile) -> Result<BTreeMap<String, String>, Problem> {
    let mut countries = BTreeMap::new();
    for (code, name) in raw.countries {
        if !is_alpha2(code.get_ref()) {
            return Err(Problem::new(
                ProblemKind::InvalidCountryCode(code.get_ref().clone()),
                code.span(),
            ));
        }
        if name.trim().is_empty() {
            return Err(Problem::new(
                ProblemKind::Invalid(format!("country `{}` has an empty name", code.get_ref())),
                code.span(),
            ));
        }
        countries.insert(code.into_inner(), name);
    }
    Ok(countries)
}

/// Checks that a code used by another file is a known country.
fn known_country(
    code: &Spanned<String>,
    countries: &BTreeMap<String, String>,
) -> Result<String, Problem> {
    if countries.contains_key(code.get_ref().as_str()) {
        Ok(code.get_ref().clone())
    } else {
        Err(Problem::new(
            ProblemKind::UnknownCountry(code.get_ref().clone()),
            code.span(),
        ))
    }
}

type Zones = (HashSet<String>, HashSet<String>, HashSet<String>);

fn load_zones(raw: ZonesFile, countries: &BTreeMap<String, String>) -> Result<Zones, Problem> {
    let mut seen = HashSet::new();
    let mut read = |list: &[Spanned<String>], zone: &str| -> Result<Vec<String>, Problem> {
        let mut codes = Vec::with_capacity(list.len());
        for code in list {
            let code_text = known_country(code, countries)?;
            if !seen.insert(code_text.clone()) {
                return Err(Problem::new(
                    ProblemKind::Duplicate(format!("zone member `{code_text}` (in `{zone}`)")),
                    code.span(),
                ));
            }
            codes.push(code_text);
        }
        Ok(codes)
    };
    let eu = read(&raw.zones.eu, "eu")?;
    let eea_non_eu = read(&raw.zones.eea_non_eu, "eea_non_eu")?;
    let extra = read(&raw.zones.transfer_zone_extra, "transfer_zone_extra")?;
    let territories: Vec<Spanned<String>> = raw.eu_territories.keys().cloned().collect();
    let territories = read(&territories, "eu_territories")?;
    for state in raw.eu_territories.values() {
        if !eu.contains(state.get_ref()) {
            return Err(Problem::new(
                ProblemKind::Invalid(format!(
                    "EU territory belongs to `{}`, which is not in `eu`",
                    state.get_ref()
                )),
                state.span(),
            ));
        }
    }

    let eu: HashSet<String> = eu.into_iter().chain(territories).collect();
    let eea: HashSet<String> = eu.iter().cloned().chain(eea_non_eu).collect();
    let transfer_zone: HashSet<String> = eea.iter().cloned().chain(extra).collect();
    Ok((eu, eea, transfer_zone))
}

type Adequacy = (BTreeMap<String, AdequacyDecision>, Date, String);

fn load_adequacy(
    raw: AdequacyFile,
    countries: &BTreeMap<String, String>,
) -> Result<Adequacy, Problem> {
    let checked = to_date(&raw.checked, "checked")?;
    let mut decisions = BTreeMap::new();
    let mut declarations = HashSet::new();
    for entry in raw.decisions {
        let country = known_country(&entry.country, countries)?;
        if decisions.contains_key(&country) {
            return Err(Problem::new(
                ProblemKind::Duplicate(format!("adequacy decision for `{country}`")),
                entry.country.span(),
            ));
        }
        let (scope, safeguard) = match (&entry.scope, &entry.safeguard) {
            (Some(scope), Some(declared)) => {
                let safeguard = identifier(declared, "safeguard")?;
                if !declarations.insert(safeguard.clone()) {
                    return Err(Problem::new(
                        ProblemKind::Duplicate(format!("scope safeguard `{safeguard}`")),
                        declared.span(),
                    ));
                }
                (Some(non_empty(scope, "scope")?), Some(safeguard))
            }
            (None, None) => (None, None),
            // A partial decision covers a recipient only when the tenant says it is within the
            // scope, so the scope and the safeguard that declares it come together.
            _ => {
                return Err(Problem::new(
                    ProblemKind::Invalid(format!(
                        "the decision for `{country}` needs both `scope` and `safeguard`, or neither"
                    )),
                    entry.country.span(),
                ));
            }
        };
        let decision = AdequacyDecision {
            country: country.clone(),
            decision: non_empty(&entry.decision, "decision")?,
            adopted: to_date(&entry.adopted, "adopted")?,
            scope,
            safeguard,
        };
        decisions.insert(country, decision);
    }
    Ok((decisions, checked, raw.source))
}

fn load_regions(
    raw: RegionsFile,
    countries: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, Problem> {
    let mut regions = BTreeMap::new();
    for (region, country) in raw.regions {
        let id = identifier(&region, "region id")?;
        let country = known_country(&country, countries)?;
        regions.insert(id, country);
    }
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> ReferenceData {
        match ReferenceData::embedded() {
            Ok(data) => data,
            Err(err) => panic!(
                "embedded reference data is invalid: {:?}",
                miette::Report::new(err)
            ),
        }
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    const COUNTRIES: &str = "[countries]\nDE = \"Germany\"\nFR = \"France\"\nGB = \"United Kingdom\"\nUS = \"United States\"\n";
    const ZONES: &str =
        "[zones]\neu = [\"DE\", \"FR\"]\neea_non_eu = []\ntransfer_zone_extra = [\"GB\"]\n";
    const ADEQUACY: &str = "checked = 2026-11-22\nsource = \"https://example.org\"\n\n[[decisions]]\ncountry = \"GB\"\ndecision = \"d\"\nadopted = 2021-06-28\n";
    const REGIONS: &str = "[regions]\nr1 = \"DE\"\n";
    const OS_ENTRY: &str = "[[os]]\nfamily = \"f\"\nversion = \"1\"\nname = \"F 1\"\nsupport_end = 2020-01-01\nextended = { x = 2021-01-01 }\nsource = \"https://example.org\"\n";
    const OS: &str = "[tiers.f]\nx = \"X support\"\n\n[[os]]\nfamily = \"f\"\nversion = \"1\"\nname = \"F 1\"\nsupport_end = 2020-01-01\nextended = { x = 2021-01-01 }\nsource = \"https://example.org\"\n";

    fn small() -> Sources<'static> {
        Sources {
            countries: COUNTRIES,
            zones: ZONES,
            adequacy: ADEQUACY,
            azure: REGIONS,
            aws: REGIONS,
            gcp: REGIONS,
            os_lifecycle: OS,
        }
    }

    #[test]
    fn embedded_data_parses() {
        data();
    }

    #[test]
    fn small_valid_sources_parse() {
        let data = ReferenceData::from_sources(&small()).unwrap();
        assert_eq!(data.country_codes().count(), 4);
        assert!(data.in_transfer_zone("GB"));
        assert_eq!(data.region_country(Cloud::Gcp, "r1"), Some("DE"));
    }

    #[test]
    fn counts() {
        let data = data();
        assert_eq!(data.country_codes().count(), 249);
        let codes: Vec<&str> = data.country_codes().collect();
        assert_eq!(
            data.country_codes()
                .filter(|c| data.is_eu_member(c))
                .count(),
            27 + 7
        );
        assert_eq!(codes.iter().filter(|c| data.is_eea_member(c)).count(), 37);
        assert_eq!(
            codes.iter().filter(|c| data.in_transfer_zone(c)).count(),
            39
        );
        assert!(data.regions(Cloud::Aws).count() >= 35);
        assert!(data.regions(Cloud::Azure).count() >= 60);
        assert!(data.regions(Cloud::Gcp).count() >= 42);
    }

    #[test]
    fn countries() {
        let data = data();
        assert_eq!(data.country_name("BE"), Some("Belgium"));
        assert_eq!(data.country_name("GB"), Some("United Kingdom"));
        assert_eq!(data.country_name("be"), None);
        assert_eq!(data.country_name("UK"), None);
        assert_eq!(data.country_codes().next(), Some("AD"));
    }

    #[test]
    fn zones() {
        let data = data();
        assert!(data.in_transfer_zone("GB"));
        assert!(data.in_transfer_zone("CH"));
        assert!(data.in_transfer_zone("DE"));
        assert!(data.in_transfer_zone("NO"));
        assert!(!data.in_transfer_zone("US"));
        assert!(!data.in_transfer_zone("JP"));
        assert!(data.is_eu_member("IE"));
        assert!(!data.is_eu_member("NO"));
        assert!(data.is_eea_member("NO"));
        assert!(!data.is_eea_member("CH"));
        assert!(!data.is_eu_member("GB"));
        // Outermost regions and Åland are EU territory; overseas territories are not.
        for code in ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"] {
            assert!(data.is_eu_member(code), "{code}");
            assert!(data.in_transfer_zone(code), "{code}");
        }
        assert!(!data.is_eu_member("BL"));
        assert!(!data.is_eu_member("GL"));
    }

    #[test]
    fn adequacy() {
        let data = data();
        let japan = data.adequacy("JP").unwrap();
        assert_eq!(japan.adopted, date("2019-01-23"));
        assert!(japan.scope.is_some());
        assert!(data.adequacy("CN").is_none());
        assert!(data.adequacy("US").unwrap().scope.is_some());
        assert!(data.adequacy("CA").unwrap().scope.is_some());
        assert!(data.adequacy("CH").unwrap().scope.is_none());
        assert!(data.adequacy("BR").is_some());
        let us = data.adequacy("US").unwrap();
        assert!(!us.is_full());
        assert_eq!(us.safeguard.as_deref(), Some("dpf"));
        assert!(data.adequacy("CH").unwrap().is_full());
        assert_eq!(
            data.adequacy("CA").unwrap().safeguard.as_deref(),
            Some("adequacy-pipeda")
        );
        assert_eq!(data.adequacy_checked(), date("2026-11-22"));
        assert!(
            data.adequacy_source()
                .starts_with("https://commission.europa.eu/")
        );
        assert_eq!(data.adequacy_decisions().count(), 16);
    }

    #[test]
    fn regions() {
        let data = data();
        assert_eq!(data.region_country(Cloud::Aws, "eu-central-1"), Some("DE"));
        assert_eq!(data.region_country(Cloud::Aws, "us-east-1"), Some("US"));
        assert_eq!(data.region_country(Cloud::Aws, "mx-central-1"), Some("MX"));
        assert_eq!(data.region_country(Cloud::Aws, "us-gov-west-1"), Some("US"));
        assert_eq!(data.region_country(Cloud::Azure, "westeurope"), Some("NL"));
        assert_eq!(data.region_country(Cloud::Azure, "northeurope"), Some("IE"));
        assert_eq!(
            data.region_country(Cloud::Azure, "belgiumcentral"),
            Some("BE")
        );
        assert_eq!(data.region_country(Cloud::Gcp, "europe-west1"), Some("BE"));
        assert_eq!(data.region_country(Cloud::Gcp, "europe-west4"), Some("NL"));
        assert_eq!(data.region_country(Cloud::Gcp, "me-central2"), Some("SA"));
        // Region ids are provider-specific.
        assert_eq!(data.region_country(Cloud::Azure, "eu-central-1"), None);
        assert_eq!(data.region_country(Cloud::Aws, "westeurope"), None);
        assert!(data.regions(Cloud::Gcp).any(|r| r == "africa-south1"));
    }

    #[test]
    fn os_lifecycles() {
        let data = data();
        let w2012r2 = data.os_lifecycle("windows-server", "2012-r2").unwrap();
        assert_eq!(w2012r2.name, "Windows Server 2012 R2");
        assert_eq!(w2012r2.support_end, date("2023-10-10"));
        assert_eq!(w2012r2.tier_end("esu"), Some(date("2026-10-13")));
        assert_eq!(w2012r2.extended_until(), Some(date("2026-10-13")));
        assert_eq!(w2012r2.source, "https://endoflife.date/windows-server");

        let focal = data.os_lifecycle("ubuntu", "20.04").unwrap();
        assert_eq!(focal.support_end, date("2025-05-31"));
        assert_eq!(
            focal.shortest_tier(),
            Some(("ubuntu-pro", date("2030-04-02")))
        );
        assert_eq!(focal.extended_until(), focal.tier_end("legacy"));

        let by_alias = data.os_lifecycle("sles", "16").unwrap();
        assert_eq!(by_alias.version, "16.0");
        assert_eq!(by_alias.aliases, ["16"]);

        assert!(
            data.os_lifecycle("centos", "7")
                .unwrap()
                .extended
                .is_empty()
        );
        assert!(data.os_lifecycle("ubuntu", "21.04").is_none());
        assert!(data.os_lifecycle("windows", "2012-r2").is_none());

        let families: Vec<&str> = data.os_families().collect();
        for family in [
            "almalinux",
            "amazon-linux",
            "centos",
            "centos-stream",
            "debian",
            "oracle-linux",
            "rhel",
            "rocky-linux",
            "sles",
            "ubuntu",
            "windows-server",
        ] {
            assert!(families.contains(&family), "missing family {family}");
        }
        let rhel: Vec<&str> = data.os_versions("rhel").collect();
        assert_eq!(rhel, ["4", "5", "6", "7", "8", "9", "10"]);
        assert_eq!(data.os_versions("nope").count(), 0);
        assert!(data.os_tiers("ubuntu").unwrap().contains_key("legacy"));
        assert!(data.os_tiers("centos").is_none_or(BTreeMap::is_empty));
        for entry in data.os_lifecycles() {
            for (_, end) in &entry.extended {
                assert!(*end >= entry.support_end);
            }
        }
    }

    #[test]
    fn service_packs_are_separate_releases() {
        let data = data();
        let ga = data.os_lifecycle("sles", "15").unwrap();
        assert_eq!(ga.support_end, date("2019-12-31"));
        assert_eq!(ga.tier_end("ltss"), Some(date("2022-12-31")));
        let sp6 = data.os_lifecycle("sles", "15.6").unwrap();
        assert!(sp6.support_end > ga.support_end);
        let versions: Vec<&str> = data.os_versions("sles").collect();
        for version in [
            "12", "12.1", "12.2", "12.3", "12.4", "12.5", "15", "15.1", "15.2", "15.3", "15.4",
            "15.5", "15.6", "15.7",
        ] {
            assert!(versions.contains(&version), "missing sles {version}");
        }
    }

    #[test]
    fn ubuntu_pro_and_legacy_are_separate_tiers() {
        let data = data();
        let xenial = data.os_lifecycle("ubuntu", "16.04").unwrap();
        assert_eq!(xenial.tier_end("ubuntu-pro"), Some(date("2026-04-02")));
        assert_eq!(xenial.tier_end("legacy"), Some(date("2031-04-30")));
        assert_eq!(xenial.shortest_tier().unwrap().0, "ubuntu-pro");
    }

    #[test]
    fn debian_lts_is_free_and_elts_is_a_tier() {
        let data = data();
        let bookworm = data.os_lifecycle("debian", "12").unwrap();
        assert_eq!(bookworm.support_end, date("2028-06-30"));
        let bullseye = data.os_lifecycle("debian", "11").unwrap();
        assert_eq!(bullseye.support_end, date("2026-08-31"));
        assert_eq!(bullseye.tier_end("elts"), Some(date("2031-06-30")));
    }

    #[test]
    fn old_releases_are_known() {
        let data = data();
        for (family, version) in [
            ("windows-server", "2000"),
            ("windows-server", "2003"),
            ("windows-server", "2003-r2"),
            ("rhel", "4"),
            ("rhel", "5"),
            ("centos", "5"),
            ("ubuntu", "12.04"),
            ("ubuntu", "10.04"),
            ("debian", "7"),
            ("debian", "6"),
            ("sles", "11"),
            ("oracle-linux", "6"),
        ] {
            let entry = data.os_lifecycle(family, version);
            assert!(entry.is_some(), "missing {family} {version}");
            assert!(entry.unwrap().support_end < date("2026-01-01"));
        }
    }

    #[test]
    fn rejects_a_tier_not_listed_for_its_family() {
        let os = OS.replace("x = 2021-01-01", "y = 2021-01-01");
        let sources = Sources {
            os_lifecycle: &os,
            ..small()
        };
        let err = ReferenceData::from_sources(&sources).unwrap_err();
        assert!(err.to_string().contains("tier `y`"), "{err}");
    }

    #[test]
    fn cloud_names() {
        assert_eq!(Cloud::ALL.map(Cloud::as_str), ["azure", "aws", "gcp"]);
        assert_eq!(Cloud::Gcp.to_string(), "gcp");
        assert_eq!(
            DataFile::Regions(Cloud::Aws).to_string(),
            "data/regions/aws.toml"
        );
    }

    #[test]
    fn rejects_region_in_unknown_country() {
        let sources = Sources {
            aws: "[regions]\nr1 = \"DE\"\nr2 = \"XX\"\n",
            ..small()
        };
        let err = ReferenceData::from_sources(&sources).unwrap_err();
        assert!(
            matches!(&err, ReferenceError::UnknownCountry { file: DataFile::Regions(Cloud::Aws), code, .. } if code == "XX"),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("data/regions/aws.toml"), "{message}");
        assert!(message.contains("XX"), "{message}");
    }

    #[test]
    fn rejects_adequacy_for_unknown_country() {
        let sources = Sources {
            adequacy: "checked = 2026-11-22\nsource = \"s\"\n[[decisions]]\ncountry = \"UK\"\ndecision = \"d\"\nadopted = 2021-06-28\n",
            ..small()
        };
        let err = ReferenceData::from_sources(&sources).unwrap_err();
        assert!(
            matches!(&err, ReferenceError::UnknownCountry { file: DataFile::Adequacy, code, .. } if code == "UK"),
            "{err:?}"
        );
    }

    #[test]
    fn rejects_unknown_or_duplicate_zone_member() {
        let unknown = Sources {
            zones: "[zones]\neu = [\"DE\", \"EL\"]\neea_non_eu = []\ntransfer_zone_extra = []\n",
            ..small()
        };
        assert!(matches!(
            ReferenceData::from_sources(&unknown),
            Err(ReferenceError::UnknownCountry {
                file: DataFile::Zones,
                ..
            })
        ));
        let duplicate = Sources {
            zones: "[zones]\neu = [\"DE\", \"FR\"]\neea_non_eu = []\ntransfer_zone_extra = [\"FR\"]\n",
            ..small()
        };
        assert!(matches!(
            ReferenceData::from_sources(&duplicate),
            Err(ReferenceError::Duplicate {
                file: DataFile::Zones,
                ..
            })
        ));
    }

    #[test]
    fn rejects_duplicate_os_entry() {
        let os = format!("{OS}\n{OS_ENTRY}");
        let sources = Sources {
            os_lifecycle: &os,
            ..small()
        };
        let err = ReferenceData::from_sources(&sources).unwrap_err();
        assert!(
            matches!(
                &err,
                ReferenceError::Duplicate {
                    file: DataFile::OsLifecycle,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("f 1"), "{err}");

        // An alias clashing with another entry's version is a duplicate too.
        let aliased = format!(
            "{OS}\n[[os]]\nfamily = \"f\"\nversion = \"2\"\naliases = [\"1\"]\nname = \"F 2\"\nsupport_end = 2020-01-01\nsource = \"https://example.org\"\n"
        );
        let sources = Sources {
            os_lifecycle: &aliased,
            ..small()
        };
        assert!(matches!(
            ReferenceData::from_sources(&sources),
            Err(ReferenceError::Duplicate {
                file: DataFile::OsLifecycle,
                ..
            })
        ));
    }

    #[test]
    fn rejects_extended_end_before_support_end() {
        let os = OS.replace("x = 2021-01-01", "x = 2019-01-01");
        let sources = Sources {
            os_lifecycle: &os,
            ..small()
        };
        let err = ReferenceData::from_sources(&sources).unwrap_err();
        assert!(
            matches!(
                &err,
                ReferenceError::ExtendedBeforeSupport {
                    file: DataFile::OsLifecycle,
                    ..
                }
            ),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("data/os-lifecycle.toml"), "{message}");
        assert!(message.contains("2019-01-01"), "{message}");
    }

    #[test]
    fn rejects_bad_country_code_and_bad_toml() {
        let sources = Sources {
            countries: "[countries]\nDE = \"Germany\"\nfr = \"France\"\n",
            ..small()
        };
        assert!(matches!(
            ReferenceData::from_sources(&sources),
            Err(ReferenceError::InvalidCountryCode {
                file: DataFile::Countries,
                ..
            })
        ));

        let sources = Sources {
            gcp: "[regions\nr1 = \"DE\"\n",
            ..small()
        };
        let err = ReferenceData::from_sources(&sources).unwrap_err();
        assert!(
            matches!(
                &err,
                ReferenceError::Parse {
                    file: DataFile::Regions(Cloud::Gcp),
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("data/regions/gcp.toml"), "{err}");

        let sources = Sources {
            os_lifecycle: &OS.replace(
                "support_end = 2020-01-01",
                "support_end = 2020-01-01T10:00:00",
            ),
            ..small()
        };
        assert!(matches!(
            ReferenceData::from_sources(&sources),
            Err(ReferenceError::Invalid {
                file: DataFile::OsLifecycle,
                ..
            })
        ));

        let sources = Sources {
            aws: "[regions]\nEU-Central-1 = \"DE\"\n",
            ..small()
        };
        assert!(matches!(
            ReferenceData::from_sources(&sources),
            Err(ReferenceError::Invalid {
                file: DataFile::Regions(Cloud::Aws),
                ..
            })
        ));
    }

    #[test]
    fn error_points_at_the_offending_value() {
        let text = "[regions]\nr1 = \"DE\"\nr2 = \"XX\"\n";
        let sources = Sources {
            azure: text,
            ..small()
        };
        let Err(ReferenceError::UnknownCountry {
            span: Some(span), ..
        }) = ReferenceData::from_sources(&sources)
        else {
            panic!("expected an unknown-country error with a span");
        };
        let found = &text[span.offset()..span.offset() + span.len()];
        assert!(found.contains("XX"), "{found}");
    }
}
