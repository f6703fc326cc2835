//! The operating-system lifecycle table (`data/os-lifecycle.toml`): per release the end of the
//! support that costs nothing to declare, and the paid extended-support tiers a customer can
//! buy, each with its own end date.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::{Problem, ProblemKind, identifier, non_empty, to_date};

/// Support dates of one operating-system release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OsLifecycle {
    /// endoflife.date product id, e.g. `windows-server`, `rhel`, `ubuntu`.
    pub family: String,
    /// endoflife.date release-cycle id, e.g. `2012-r2`, `9`, `22.04`, `15.6`.
    pub version: String,
    /// Other version ids that name the same release (e.g. `16` for SLES `16.0`).
    pub aliases: Vec<String>,
    /// Human-readable name, e.g. `Windows Server 2012 R2`.
    pub name: String,
    /// End of the security support that needs no purchase or declaration (for Debian the end
    /// of the free, community-run Debian LTS).
    pub support_end: Date,
    /// The paid extended-support tiers of this release and when each ends, shortest first.
    pub extended: Vec<(String, Date)>,
    /// Where the dates come from (a URL).
    pub source: String,
}

impl OsLifecycle {
    /// When the named tier ends for this release, if the release has it.
    pub fn tier_end(&self, tier: &str) -> Option<Date> {
        self.extended
            .iter()
            .find(|(name, _)| name == tier)
            .map(|(_, end)| *end)
    }

    /// The tier that ends first: what a bare `extended_support = true` is taken to mean, since
    /// obligo cannot tell which tier was bought and must not assume the longest.
    pub fn shortest_tier(&self) -> Option<(&str, Date)> {
        self.extended
            .first()
            .map(|(name, end)| (name.as_str(), *end))
    }

    /// The last day any extended-support tier of this release runs: until then one can still
    /// be bought.
    pub fn extended_until(&self) -> Option<Date> {
        self.extended.iter().map(|(_, end)| *end).max()
    }
}

/// The parsed lifecycle table.
#[derive(Debug, Default)]
pub(super) struct OsTable {
    entries: Vec<OsLifecycle>,
    families: BTreeMap<String, OsFamily>,
}

#[derive(Debug, Default)]
struct OsFamily {
    /// Version id or alias -> index into `OsTable::entries`.
    by_version: HashMap<String, usize>,
    /// Indexes into `OsTable::entries`, in file order.
    entries: Vec<usize>,
    /// Tier id -> what the tier is, for the tenant-file vocabulary and its help.
    tiers: BTreeMap<String, String>,
}

impl OsTable {
    pub(super) fn lifecycle(&self, family: &str, version: &str) -> Option<&OsLifecycle> {
        let index = *self.families.get(family)?.by_version.get(version)?;
        self.entries.get(index)
    }

    pub(super) fn lifecycles(&self) -> impl Iterator<Item = &OsLifecycle> {
        self.entries.iter()
    }

    pub(super) fn families(&self) -> impl Iterator<Item = &str> {
        self.families.keys().map(String::as_str)
    }

    pub(super) fn versions(&self, family: &str) -> impl Iterator<Item = &str> {
        self.families
            .get(family)
            .into_iter()
            .flat_map(|f| f.entries.iter())
            .filter_map(|&index| self.entries.get(index))
            .map(|entry| entry.version.as_str())
    }

    pub(super) fn tiers(&self, family: &str) -> Option<&BTreeMap<String, String>> {
        self.families.get(family).map(|f| &f.tiers)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OsFile {
    /// Family -> tier id -> description.
    #[serde(default)]
    tiers: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, String>>,
    #[serde(default)]
    os: Vec<RawOs>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOs {
    family: Spanned<String>,
    version: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    name: Spanned<String>,
    support_end: Spanned<Datetime>,
    #[serde(default)]
    extended: BTreeMap<Spanned<String>, Spanned<Datetime>>,
    source: Spanned<String>,
}

/// Validates the table: identifiers, unique versions and aliases, tiers declared for their
/// family, and no tier ending before standard support.
pub(super) fn load(raw: OsFile) -> Result<OsTable, Problem> {
    let mut table = OsTable::default();
    for (family, tiers) in &raw.tiers {
        let family = identifier(family, "family")?;
        let slot = table.families.entry(family).or_default();
        for (tier, description) in tiers {
            slot.tiers
                .insert(identifier(tier, "tier")?, description.clone());
        }
    }
    for raw_entry in raw.os {
        let family = identifier(&raw_entry.family, "family")?;
        let version = identifier(&raw_entry.version, "version")?;
        let support_end = to_date(&raw_entry.support_end, "support_end")?;
        let index = table.entries.len();
        let slot = table.families.entry(family.clone()).or_default();
        let mut extended = Vec::with_capacity(raw_entry.extended.len());
        for (tier, end) in &raw_entry.extended {
            let name = identifier(tier, "tier")?;
            if !slot.tiers.contains_key(&name) {
                return Err(Problem::new(
                    ProblemKind::Invalid(format!(
                        "tier `{name}` of {family} {version} is not listed under [tiers.{family}]"
                    )),
                    tier.span(),
                ));
            }
            let extended_end = to_date(end, "extended")?;
            if extended_end < support_end {
                return Err(Problem::new(
                    ProblemKind::ExtendedBeforeSupport {
                        entry: format!("{family} {version}"),
                        support_end,
                        extended_end,
                    },
                    end.span(),
                ));
            }
            extended.push((name, extended_end));
        }
        extended.sort_by_key(|(_, end)| *end);
        let source = non_empty(&raw_entry.source, "source")?;
        if !(source.starts_with("https://") || source.starts_with("http://")) {
            return Err(Problem::new(
                ProblemKind::Invalid(format!("`source` of {family} {version} must be a URL")),
                raw_entry.source.span(),
            ));
        }

        let mut aliases = Vec::with_capacity(raw_entry.aliases.len());
        let names = std::iter::once((&raw_entry.version, version.clone())).chain(
            raw_entry
                .aliases
                .iter()
                .map(|alias| identifier(alias, "alias").map(|id| (alias, id)))
                .collect::<Result<Vec<_>, _>>()?,
        );
        for (spanned, id) in names {
            if slot.by_version.insert(id.clone(), index).is_some() {
                return Err(Problem::new(
                    ProblemKind::Duplicate(format!("os entry {family} {id}")),
                    spanned.span(),
                ));
            }
            if id != version {
                aliases.push(id);
            }
        }
        slot.entries.push(index);

        table.entries.push(OsLifecycle {
            family,
            version,
            aliases,
            name: non_empty(&raw_entry.name, "name")?,
            support_end,
            extended,
            source,
        });
    }
    Ok(table)
}
