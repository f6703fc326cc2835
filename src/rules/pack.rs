//! A pack's manifest, `<pack>/pack.toml`: which contract the pack encodes, how its rules cite
//! it, and the defaults its rules share. The packs obligo knows are the packs that have one, so
//! that a custom pack is a directory with a manifest and rules, like the built-in ones.

use serde::Deserialize;
use toml::Spanned;

use crate::problem::codes;
use crate::rules::error::PolicyError;
use crate::severity::Severity;
use crate::source::SourceFile;

/// The name of a pack's manifest inside its directory.
pub const MANIFEST: &str = "pack.toml";

/// The name of a pack's starter facts inside its directory: `obligo init --packs` appends
/// them to a new tenant file.
pub const STARTER: &str = "starter.toml";

/// The longest acceptance a pack may allow, in days (100 years, as parameters).
const MAX_TERM_DAYS: i64 = 36_500;

/// A policy pack, as its `pack.toml` describes it.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The pack's id: its directory's name and the prefix of its rules' ids.
    pub id: String,
    /// The contract's title, as the reference shows it.
    pub title: String,
    /// The party whose contract it is, when named.
    pub party: Option<String>,
    /// How the rules' `@clause` annotations cite the contract's documents: each clause starts
    /// with one of them.
    pub documents: Vec<String>,
    /// The file name of the contract text that the rules' `@quote`s are verbatim from.
    pub contract: Option<String>,
    /// The severity of a rule without `@severity`; without one every rule states its own.
    pub default_severity: Option<Severity>,
    /// Whether an accepted risk may cover the findings of a rule without `@acceptable`.
    pub acceptable: bool,
    /// The longest an acceptance of this pack's findings may run, in days; `obligo.toml` can
    /// only shorten it.
    pub max_term_days: Option<i64>,
    /// The pack's starter facts (`starter.toml`), when it has them.
    pub starter: Option<String>,
    /// The manifest.
    pub file: SourceFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: Spanned<String>,
    title: String,
    party: Option<String>,
    documents: Spanned<Vec<String>>,
    contract: Option<String>,
    default_severity: Option<Spanned<String>>,
    #[serde(default)]
    accepted_risk: RawAcceptance,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAcceptance {
    acceptable: Option<bool>,
    max_term_days: Option<Spanned<i64>>,
}

/// Reads the manifest of the pack in directory `dir` (its name inside the packs' root).
pub fn parse(dir: &str, file: &SourceFile) -> Result<Pack, Vec<PolicyError>> {
    let error = |span, message: String| PolicyError::new(codes::POLICY_PACK, file, span, message);
    let raw: RawPack = toml::from_str(file.text()).map_err(|e| {
        vec![error(
            e.span(),
            format!("invalid pack manifest: {}", e.message().trim_end()),
        )]
    })?;
    let mut errors = Vec::new();
    if raw.id.get_ref() != dir {
        errors.push(
            error(
                Some(raw.id.span()),
                format!(
                    "pack id `{}` does not match its directory `{dir}`",
                    raw.id.get_ref()
                ),
            )
            .with_help(format!(
                "a pack's rules live in a directory named after it; write `id = \"{dir}\"`"
            )),
        );
    }
    if raw.documents.get_ref().iter().all(|d| d.trim().is_empty()) {
        errors.push(
            error(
                Some(raw.documents.span()),
                "`documents` names no document".to_owned(),
            )
            .with_help(
                "list how `@clause` cites the contract, e.g. `documents = [\"Acme Terms\"]`",
            ),
        );
    }
    let default_severity = raw.default_severity.and_then(|s| {
        s.get_ref()
            .parse()
            .map_err(|message| errors.push(error(Some(s.span()), message)))
            .ok()
    });
    if let Some(days) = &raw.accepted_risk.max_term_days
        && !(1..=MAX_TERM_DAYS).contains(days.get_ref())
    {
        errors.push(error(
            Some(days.span()),
            format!("`max_term_days` must be from 1 to {MAX_TERM_DAYS}"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Pack {
        id: raw.id.into_inner(),
        title: raw.title,
        party: raw.party,
        documents: raw.documents.into_inner(),
        contract: raw.contract,
        default_severity,
        acceptable: raw.accepted_risk.acceptable.unwrap_or(true),
        max_term_days: raw.accepted_risk.max_term_days.map(Spanned::into_inner),
        starter: None,
        file: file.clone(),
    })
}

/// The directory of a manifest given by its path inside the packs' root (`nrb/pack.toml`).
pub fn manifest_dir(relative: &str) -> Option<&str> {
    pack_file_dir(relative, MANIFEST)
}

/// The directory of a pack's starter facts given by their path (`nrb/starter.toml`).
pub fn starter_dir(relative: &str) -> Option<&str> {
    pack_file_dir(relative, STARTER)
}

fn pack_file_dir<'a>(relative: &'a str, name: &str) -> Option<&'a str> {
    relative
        .strip_suffix(name)?
        .strip_suffix('/')
        .filter(|dir| !dir.is_empty() && !dir.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Pack, Vec<PolicyError>> {
        parse("acme", &SourceFile::new("acme/pack.toml", text))
    }

    fn messages(result: Result<Pack, Vec<PolicyError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn a_minimal_manifest_takes_the_defaults() {
        let pack = read("id = \"acme\"\ntitle = \"Acme\"\ndocuments = [\"Acme Terms\"]\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(pack.documents, ["Acme Terms"]);
        assert!(pack.acceptable);
        assert_eq!(pack.default_severity, None);
        assert_eq!(pack.max_term_days, None);
    }

    #[test]
    fn every_setting_is_read() {
        let pack = read(
            "id = \"acme\"\ntitle = \"Acme\"\nparty = \"Acme BV\"\ndocuments = [\"A\", \"B\"]\n\
             contract = \"acme.txt\"\ndefault_severity = \"warning\"\n\
             [accepted_risk]\nacceptable = false\nmax_term_days = 90\n",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(pack.party.as_deref(), Some("Acme BV"));
        assert_eq!(pack.contract.as_deref(), Some("acme.txt"));
        assert_eq!(pack.default_severity, Some(Severity::Warning));
        assert!(!pack.acceptable);
        assert_eq!(pack.max_term_days, Some(90));
    }

    #[test]
    fn wrong_values_are_each_reported_at_their_value() {
        let text = "id = \"other\"\ntitle = \"Acme\"\ndocuments = []\n\
                    default_severity = \"fatal\"\n[accepted_risk]\nmax_term_days = 0\n";
        let errors = read(text).err().unwrap_or_default();
        let at: Vec<&str> = errors
            .iter()
            .map(|e| &text[e.span.clone().unwrap_or(0..0)])
            .collect();
        assert_eq!(at, ["\"other\"", "[]", "\"fatal\"", "0"]);
    }

    #[test]
    fn unknown_and_missing_keys_are_refused() {
        let unknown = messages(read(
            "id = \"acme\"\ntitle = \"Acme\"\ndocuments = [\"A\"]\ncolour = 1\n",
        ));
        assert!(unknown[0].contains("unknown field `colour`"), "{unknown:?}");
        let missing = messages(read("id = \"acme\"\ndocuments = [\"A\"]\n"));
        assert!(missing[0].contains("missing field `title`"), "{missing:?}");
    }

    #[test]
    fn manifests_are_found_one_level_down() {
        assert_eq!(manifest_dir("nrb/pack.toml"), Some("nrb"));
        assert_eq!(manifest_dir("pack.toml"), None);
        assert_eq!(manifest_dir("a/b/pack.toml"), None);
        assert_eq!(manifest_dir("nrb/xpack.toml"), None);
    }
}
