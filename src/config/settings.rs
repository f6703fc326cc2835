//! The effective settings of one file: obligo's defaults, then the top level of the config
//! that governs the file, then each `[[overrides]]` table whose `paths` match it in the order
//! written (a later one wins), then the command line (`--evidence`, `--select`, `--ignore`).
//! Severity overrides are applied here and nowhere else.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use globset::Glob;

use crate::accept::AcceptancePolicy;
use crate::rules::RuleSet;
use crate::rules::params::{ParamDef, ParamError, ParamValue};
use crate::severity::{EvidenceMode, Severity};
use crate::source::{Located, SourceFile};
use crate::suggest;
use crate::tenant::{InputError, InputErrorKind};

use super::{Config, Layer};

/// What a config is checked against: the rule ids, the packs and the parameters.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    ids: Vec<String>,
    /// The default severity of each rule, in the order of `ids`.
    severities: Vec<Severity>,
    packs: Vec<String>,
    params: Vec<ParamDef>,
}

impl Catalog {
    /// The ids, packs and parameters of a rule set.
    pub fn of(rules: &RuleSet) -> Self {
        let ids: Vec<String> = rules.rules.iter().map(|r| r.id.clone()).collect();
        Self {
            ids,
            severities: rules.rules.iter().map(|r| r.severity).collect(),
            packs: rules.pack_ids().into_iter().map(str::to_owned).collect(),
            params: rules.params.clone(),
        }
    }

    /// The rule ids, sorted.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The rule ids with their default severities, sorted by id.
    pub fn rules(&self) -> impl Iterator<Item = (&str, Severity)> {
        self.ids
            .iter()
            .map(String::as_str)
            .zip(self.severities.iter().copied())
    }

    /// The pack ids, sorted.
    pub fn packs(&self) -> &[String] {
        &self.packs
    }

    /// The parameters, sorted by name.
    pub fn params(&self) -> &[ParamDef] {
        &self.params
    }
}

/// The effective settings of a file: which rules are off, severity overrides, the value of
/// every parameter, what evidence findings do and how acceptances are held to account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    acceptance: AcceptancePolicy,
    disabled: HashSet<String>,
    severity: HashMap<String, Severity>,
    params: BTreeMap<String, ParamValue>,
    evidence: EvidenceMode,
}

impl Settings {
    /// The settings without an `obligo.toml`: every rule on, default severities and
    /// parameters.
    pub fn defaults(catalog: &Catalog) -> Settings {
        Settings {
            params: catalog
                .params
                .iter()
                .map(|p| (p.name.clone(), p.default.clone()))
                .collect(),
            ..Settings::default()
        }
    }

    /// Whether the rule is switched off.
    pub fn is_disabled(&self, rule_id: &str) -> bool {
        self.disabled.contains(rule_id)
    }

    /// The effective severity of a rule.
    pub fn severity(&self, rule_id: &str, default: Severity) -> Severity {
        self.severity.get(rule_id).copied().unwrap_or(default)
    }

    /// How acceptances are held to account.
    pub fn acceptance(&self) -> AcceptancePolicy {
        self.acceptance
    }

    /// Every parameter with its effective value, by name.
    pub fn params(&self) -> &BTreeMap<String, ParamValue> {
        &self.params
    }

    /// What evidence findings do.
    pub fn evidence(&self) -> EvidenceMode {
        self.evidence
    }
}

/// What the command line imposes on every file, after its config.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    /// `--evidence`.
    pub evidence: Option<EvidenceMode>,
    /// The rules `--select` and `--ignore` switch off.
    pub disabled: HashSet<String>,
}

impl CommandLine {
    /// Applies `--select` and `--ignore`: when `select` is not empty, every rule that no
    /// pattern of it matches is switched off; every rule a pattern of `ignore` matches is too.
    /// Patterns are rule ids, globs or pack ids, as in `[rules] disable`; one that matches no
    /// rule is an error, so that a typo cannot switch a check off.
    pub fn select(
        &mut self,
        catalog: &Catalog,
        select: &[String],
        ignore: &[String],
    ) -> Result<(), Vec<InputError>> {
        let mut errors = Vec::new();
        let mut matched = |option: &str, patterns: &[String]| {
            let mut all = HashSet::new();
            for pattern in patterns {
                let located = Located::new(pattern.clone(), 0..0);
                match matching(&located, catalog) {
                    Ok(found) => all.extend(found),
                    Err(kind) => errors.push(InputError::whole_file(
                        &SourceFile::new(format!("--{option} {pattern}"), ""),
                        kind,
                    )),
                }
            }
            all
        };
        let selected = matched("select", select);
        let ignored = matched("ignore", ignore);
        if !errors.is_empty() {
            return Err(errors);
        }
        for id in &catalog.ids {
            if (!select.is_empty() && !selected.contains(id)) || ignored.contains(id) {
                self.disabled.insert(id.clone());
            }
        }
        Ok(())
    }
}

/// A layer checked against the rules: patterns expanded to ids, parameters parsed.
#[derive(Debug, Clone, Default)]
struct Delta {
    disable: Vec<String>,
    enable: Vec<String>,
    severity: Vec<(String, Severity)>,
    params: Vec<(String, ParamValue)>,
    evidence: Option<EvidenceMode>,
    warn_within_days: Option<i64>,
    max_term_days: Option<i64>,
}

impl Delta {
    /// Within one layer `disable` comes first and `enable` second, so that
    /// `disable = ["smartlockr"]` with `enable = ["smartlockr/notice-mailbox"]` keeps one
    /// rule of the pack.
    fn apply(&self, settings: &mut Settings) {
        settings.disabled.extend(self.disable.iter().cloned());
        for id in &self.enable {
            settings.disabled.remove(id);
        }
        for (id, severity) in &self.severity {
            settings.severity.insert(id.clone(), *severity);
        }
        for (name, value) in &self.params {
            settings.params.insert(name.clone(), value.clone());
        }
        if let Some(mode) = self.evidence {
            settings.evidence = mode;
        }
        if let Some(days) = self.warn_within_days {
            settings.acceptance.warn_within_days = days;
        }
        if let Some(days) = self.max_term_days {
            settings.acceptance.max_term_days = days;
        }
    }
}

/// An `[[overrides]]` table as `--show-settings` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideRef {
    /// `obligo.toml:12`: the config file and the line of the table.
    pub at: String,
    /// Its `paths`, as written.
    pub paths: Vec<String>,
}

/// A config checked against the rules, ready to give the settings of any file.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    file: Option<SourceFile>,
    base: PathBuf,
    top: Delta,
    overrides: Vec<(OverrideRef, super::Override, Delta)>,
}

impl Resolved {
    /// Checks `config` against the rules: every id, glob or pack must match a rule, every
    /// parameter must exist and have the right type, in every layer. All errors are returned.
    pub fn new(config: &Config, catalog: &Catalog) -> Result<Resolved, Vec<InputError>> {
        let Some(file) = &config.file else {
            return Ok(Resolved::default());
        };
        let mut errors = Vec::new();
        let top = delta(&config.top, file, catalog, &mut errors);
        let overrides = config
            .overrides
            .iter()
            .map(|o| {
                let reference = OverrideRef {
                    at: format!("{}:{}", file.name(), file.line_col(o.span.start).0),
                    paths: o.paths.iter().map(|p| p.value.clone()).collect(),
                };
                let delta = delta(&o.layer, file, catalog, &mut errors);
                (reference, o.clone(), delta)
            })
            .collect();
        if errors.is_empty() {
            Ok(Resolved {
                file: Some(file.clone()),
                base: config.base.clone(),
                top,
                overrides,
            })
        } else {
            Err(errors)
        }
    }

    /// The config file, when there is one.
    pub fn file(&self) -> Option<&SourceFile> {
        self.file.as_ref()
    }

    /// The overrides that apply to `path` (absolute, or relative to the working directory
    /// as the base is), by index in the order written.
    pub fn matching(&self, path: &Path) -> Vec<usize> {
        let relative = path.strip_prefix(&self.base).ok();
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, (_, o, _))| relative.is_some_and(|r| o.matches(r)))
            .map(|(i, _)| i)
            .collect()
    }

    /// The overrides named by `applied` (from [`Resolved::matching`]).
    pub fn describe(&self, applied: &[usize]) -> Vec<OverrideRef> {
        applied
            .iter()
            .filter_map(|&i| self.overrides.get(i).map(|(r, _, _)| r.clone()))
            .collect()
    }

    /// The settings of a file to which the overrides `applied` apply.
    pub fn settings(
        &self,
        applied: &[usize],
        catalog: &Catalog,
        command_line: &CommandLine,
    ) -> Settings {
        let mut settings = Settings::defaults(catalog);
        self.top.apply(&mut settings);
        for &i in applied {
            if let Some((_, _, delta)) = self.overrides.get(i) {
                delta.apply(&mut settings);
            }
        }
        if let Some(mode) = command_line.evidence {
            settings.evidence = mode;
        }
        settings
            .disabled
            .extend(command_line.disabled.iter().cloned());
        settings
    }
}

/// Checks one layer, pushing its errors.
fn delta(
    layer: &Layer,
    file: &SourceFile,
    catalog: &Catalog,
    errors: &mut Vec<InputError>,
) -> Delta {
    let ids = |patterns: &[Located<String>], errors: &mut Vec<InputError>| {
        let mut out = Vec::new();
        for pattern in patterns {
            match matching(pattern, catalog) {
                Ok(matched) => out.extend(matched),
                Err(kind) => errors.push(InputError::at(file, pattern.span.clone(), kind)),
            }
        }
        out
    };
    let disable = ids(&layer.disable, errors);
    let enable = ids(&layer.enable, errors);
    let mut severity = Vec::new();
    for (pattern, value) in &layer.severity {
        match matching(pattern, catalog) {
            Ok(matched) => severity.extend(matched.into_iter().map(|id| (id, value.value))),
            Err(kind) => errors.push(InputError::at(file, pattern.span.clone(), kind)),
        }
    }
    let params = layer
        .params
        .iter()
        .filter_map(|(name, value)| match param(name, value, catalog) {
            Ok(parsed) => Some(parsed),
            Err((span, kind)) => {
                errors.push(InputError::at(file, span, kind));
                None
            }
        })
        .collect();
    Delta {
        disable,
        enable,
        severity,
        params,
        evidence: layer.evidence.as_ref().map(|m| m.value),
        warn_within_days: layer.warn_within_days,
        max_term_days: layer.max_term_days,
    }
}

/// One `[params]` entry checked against the parameter definitions.
fn param(
    name: &Located<String>,
    value: &Located<toml::Value>,
    catalog: &Catalog,
) -> Result<(String, ParamValue), (std::ops::Range<usize>, InputErrorKind)> {
    let Some(def) = catalog.params.iter().find(|p| p.name == name.value) else {
        return Err((
            name.span.clone(),
            InputErrorKind::UnknownValue {
                what: "parameter",
                value: name.value.clone(),
                suggestion: suggest::closest(
                    &name.value,
                    catalog.params.iter().map(|p| p.name.as_str()),
                )
                .map(str::to_owned),
                allowed: catalog.params.iter().map(|p| p.name.clone()).collect(),
            },
        ));
    };
    match ParamValue::parse(def.ty, &value.value) {
        Ok(parsed) => Ok((def.name.clone(), parsed)),
        Err(ParamError::OutOfRange) => Err((
            value.span.clone(),
            InputErrorKind::InvalidValue {
                key: name.value.clone(),
                expected: def.ty.describe_range(),
                found: value.value.to_string().trim_matches('"').to_owned(),
            },
        )),
        Err(ParamError::WrongType) => Err((
            value.span.clone(),
            InputErrorKind::WrongType {
                key: name.value.clone(),
                expected: def.ty.describe(),
                found: match value.value {
                    toml::Value::Integer(_) => "integer",
                    _ => "string",
                },
            },
        )),
    }
}

/// The rule ids a pattern selects: an exact id, a pack id (every rule of the pack), or a glob
/// such as `smartlockr/*`.
fn matching(pattern: &Located<String>, catalog: &Catalog) -> Result<Vec<String>, InputErrorKind> {
    let ids = &catalog.ids;
    let unknown = || InputErrorKind::UnknownValue {
        what: "rule",
        value: pattern.value.clone(),
        suggestion: suggest::closest(
            &pattern.value,
            ids.iter().chain(&catalog.packs).map(String::as_str),
        )
        .map(str::to_owned),
        allowed: Vec::new(),
    };
    if ids.contains(&pattern.value) {
        return Ok(vec![pattern.value.clone()]);
    }
    if catalog.packs.contains(&pattern.value) {
        let prefix = format!("{}/", pattern.value);
        return Ok(ids
            .iter()
            .filter(|id| id.starts_with(&prefix))
            .cloned()
            .collect());
    }
    if !pattern.value.contains(['*', '?', '[']) {
        return Err(unknown());
    }
    let glob = Glob::new(&pattern.value)
        .map_err(|e| InputErrorKind::RulePattern {
            pattern: pattern.value.clone(),
            reason: e.kind().to_string(),
        })?
        .compile_matcher();
    let matched: Vec<String> = ids.iter().filter(|id| glob.is_match(id)).cloned().collect();
    if matched.is_empty() {
        Err(InputErrorKind::NoRuleMatches {
            pattern: pattern.value.clone(),
        })
    } else {
        Ok(matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::of(&RuleSet::load(None).unwrap())
    }

    fn resolve(text: &str) -> Result<Resolved, Vec<InputError>> {
        let file = SourceFile::new("obligo.toml", text);
        Resolved::new(&Config::parse(&file, PathBuf::new())?, &catalog())
    }

    fn settings_of(text: &str, path: &str) -> Settings {
        let resolved = resolve(text).unwrap();
        let applied = resolved.matching(Path::new(path));
        resolved.settings(&applied, &catalog(), &CommandLine::default())
    }

    #[test]
    fn overrides_severity_and_disables_by_id_glob_and_pack() {
        let settings = settings_of(
            "[rules]\ndisable = [\"dpa/*\", \"smartlockr\"]\n[rules.severity]\n\"nrb/dual-homed-system\" = \"error\"\n",
            "t.toml",
        );
        assert!(settings.is_disabled("dpa/inactive-credential"));
        assert!(settings.is_disabled("smartlockr/notice-mailbox"));
        assert!(!settings.is_disabled("nrb/unsupported-os"));
        assert_eq!(
            settings.severity("nrb/dual-homed-system", Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            settings.severity("nrb/unsupported-os", Severity::Error),
            Severity::Error
        );
    }

    #[test]
    fn matching_overrides_apply_in_order_and_the_later_wins() {
        let text = "[rules]\ndisable = [\"nrb\"]\n[params]\ndpa_password_min_length = 10\n\
            [[overrides]]\npaths = [\"prod/**\"]\nrules.enable = [\"nrb/unsupported-os\"]\n\
            params.dpa_password_min_length = 14\nevidence = \"fail\"\n\
            [[overrides]]\npaths = [\"prod/eu/*.toml\"]\nparams.dpa_password_min_length = 16\n\
            rules.severity.nrb = \"info\"\n";
        let staging = settings_of(text, "staging/a.toml");
        assert!(staging.is_disabled("nrb/unsupported-os"));
        assert_eq!(
            staging.params()["dpa_password_min_length"],
            ParamValue::Integer(10)
        );
        assert_eq!(staging.evidence(), EvidenceMode::Report);
        let prod = settings_of(text, "prod/us/a.toml");
        assert!(!prod.is_disabled("nrb/unsupported-os"));
        assert!(prod.is_disabled("nrb/dual-homed-system"));
        assert_eq!(
            prod.params()["dpa_password_min_length"],
            ParamValue::Integer(14)
        );
        assert_eq!(prod.evidence(), EvidenceMode::Fail);
        let eu = settings_of(text, "prod/eu/a.toml");
        assert_eq!(
            eu.params()["dpa_password_min_length"],
            ParamValue::Integer(16)
        );
        assert_eq!(
            eu.severity("nrb/unsupported-os", Severity::Error),
            Severity::Info
        );
        assert_eq!(eu.evidence(), EvidenceMode::Fail);
    }

    #[test]
    fn a_misspelt_rule_id_is_an_error_with_a_suggestion() {
        let errors = resolve("[rules]\ndisable = [\"nrb/dual-homed-sytem\"]\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 12));
        assert!(matches!(
            &errors[0].kind,
            InputErrorKind::UnknownValue { suggestion: Some(s), .. } if s == "nrb/dual-homed-system"
        ));
    }

    #[test]
    fn errors_in_overrides_point_into_them() {
        let errors = resolve(
            "[[overrides]]\npaths = [\"a\"]\nrules.disable = [\"nope/*\"]\nparams.nope = 3\n",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line_col(), (3, 18));
        assert_eq!(errors[1].line_col(), (4, 8));
    }

    #[test]
    fn unknown_keys_sections_and_severities_are_errors() {
        assert!(resolve("[rule]\n").is_err());
        assert!(resolve("[rules]\ndisabled = []\n").is_err());
        assert!(resolve("[rules.severity]\n\"nrb/unsupported-os\" = \"fatal\"\n").is_err());
    }

    #[test]
    fn parameters_out_of_range_are_errors_at_their_value() {
        let errors =
            resolve("[params]\nnorisk_deletion_grace = \"99999999999999d\"\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 25));
        assert!(matches!(
            errors[0].kind,
            InputErrorKind::InvalidValue { .. }
        ));
    }

    #[test]
    fn select_and_ignore_switch_rules_off() {
        let catalog = catalog();
        let mut command_line = CommandLine::default();
        command_line
            .select(&catalog, &["nrb".into()], &["nrb/dual-homed-system".into()])
            .unwrap();
        let settings = Resolved::default().settings(&[], &catalog, &command_line);
        assert!(!settings.is_disabled("nrb/unsupported-os"));
        assert!(settings.is_disabled("nrb/dual-homed-system"));
        assert!(settings.is_disabled("dpa/inactive-credential"));
        let errors = CommandLine::default()
            .select(&catalog, &["nrb/dual-homed-sytem".into()], &[])
            .unwrap_err();
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn unknown_parameters_are_errors() {
        let errors = resolve("[params]\nno_such_param = 3\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 1));
    }
}
