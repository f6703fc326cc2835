//! `obligo.toml`: a project's settings for its checks, read strictly and with spans so that a
//! misspelt rule id or parameter is reported at its line instead of silently doing nothing.
//!
//! ```toml
//! evidence = "fail"
//!
//! [params]
//! dpa_restore_test_interval = "180d"
//!
//! [rules]
//! disable = ["nrb/public-cloud-resource", "smartlockr/*"]
//!
//! [rules.severity]
//! "nrb/dual-homed-system" = "error"
//!
//! [accepted_risk]
//! warn_within = "30d"
//! max_term = "365d"
//! ```
//!
//! Parsing only checks the shape; [`Settings::resolve`] checks ids and parameters against the
//! loaded rules.

use std::collections::{BTreeMap, HashMap, HashSet};

use globset::Glob;
use toml::de::{DeTable, DeValue};

use crate::accept::AcceptancePolicy;
use crate::rules::RuleSet;
use crate::rules::params::{ParamError, ParamValue};
use crate::severity::{EvidenceMode, Severity};
use crate::source::{Located, SourceFile};
use crate::suggest;
use crate::tenant::reader::{Cx, Table};
use crate::tenant::{InputError, InputErrorKind};

/// The file name looked for in the current directory when `--config` is not given.
pub const DEFAULT_FILE: &str = "obligo.toml";

/// What `obligo.toml` says, before it is checked against the rules.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, when there is one.
    pub file: Option<SourceFile>,
    /// `[params]`: parameter overrides as written.
    pub params: Vec<(Located<String>, Located<toml::Value>)>,
    /// `[rules] disable`: rule ids or globs.
    pub disable: Vec<Located<String>>,
    /// `[rules.severity]`: rule id or glob → severity.
    pub severity: Vec<(Located<String>, Located<Severity>)>,
    /// `evidence`: what evidence findings do; `--evidence` overrides it.
    pub evidence: Option<Located<EvidenceMode>>,
    /// `[accepted_risk]`: how acceptances are held to account.
    pub acceptance: AcceptancePolicy,
}

impl Config {
    /// Loads `explicit` (which must exist), or `obligo.toml` in the current directory when it
    /// exists, or nothing; a file larger than `max_file_size` bytes is an error.
    pub fn load(
        explicit: Option<&std::path::Path>,
        max_file_size: u64,
    ) -> Result<Config, Vec<InputError>> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let default = std::path::PathBuf::from(DEFAULT_FILE);
                if std::fs::metadata(&default).is_err() {
                    return Ok(Config::default());
                }
                default
            }
        };
        match crate::limits::read_text(&path, max_file_size) {
            Ok(text) => Config::parse(&SourceFile::new(path, text)),
            Err(error) => Err(vec![InputError::whole_file(
                &SourceFile::new(path, ""),
                error.into(),
            )]),
        }
    }

    /// Reads a configuration file.
    pub fn parse(file: &SourceFile) -> Result<Config, Vec<InputError>> {
        if let Some(error) = crate::tenant::too_deep(file) {
            return Err(vec![error]);
        }
        let root = DeTable::parse(file.text()).map_err(|error| {
            let kind = InputErrorKind::Syntax(error.message().trim().to_owned());
            vec![match error.span() {
                Some(span) => InputError::at(file, span, kind),
                None => InputError::whole_file(file, kind),
            }]
        })?;
        let cx = Cx::new(file);
        let mut config = Config {
            file: Some(file.clone()),
            ..Config::default()
        };
        let mut top = Table::new(&cx, root.get_ref(), root.span(), "obligo.toml");
        if let Some(mode) = top.string("evidence") {
            match mode.value.parse::<EvidenceMode>() {
                Ok(value) => config.evidence = Some(Located::new(value, mode.span)),
                Err(_) => cx.report(
                    mode.span,
                    InputErrorKind::UnknownValue {
                        what: "evidence mode",
                        suggestion: suggest::closest(
                            &mode.value,
                            EvidenceMode::ALL.iter().map(|m| m.as_str()),
                        )
                        .map(str::to_owned),
                        allowed: EvidenceMode::ALL
                            .iter()
                            .map(|m| m.as_str().to_owned())
                            .collect(),
                        value: mode.value,
                    },
                ),
            }
        }
        if let Some(mut params) = top.table("params") {
            for (name, value) in params.entries() {
                match to_value(value.get_ref()) {
                    Some(v) => config.params.push((name, Located::new(v, value.span()))),
                    None => cx.report(
                        value.span(),
                        InputErrorKind::WrongType {
                            key: name.value,
                            expected: "an integer or a duration string",
                            found: value.get_ref().type_str(),
                        },
                    ),
                }
            }
        }
        if let Some(mut rules) = top.table("rules") {
            config.disable = rules
                .strings("disable")
                .map(|d| d.value)
                .unwrap_or_default();
            if let Some(mut severities) = rules.table("severity") {
                for (id, value) in severities.entries() {
                    let parsed = value.get_ref().as_str().map(|s| s.parse::<Severity>());
                    match parsed {
                        Some(Ok(severity)) => config
                            .severity
                            .push((id, Located::new(severity, value.span()))),
                        _ => cx.report(
                            value.span(),
                            InputErrorKind::UnknownValue {
                                what: "severity",
                                value: value.get_ref().as_str().unwrap_or_default().to_owned(),
                                suggestion: None,
                                allowed: Severity::ALL
                                    .iter()
                                    .map(|s| s.as_str().to_owned())
                                    .collect(),
                            },
                        ),
                    }
                }
                severities.finish();
            }
            rules.finish();
        }
        if let Some(mut risks) = top.table("accepted_risk") {
            if let Some(days) = days(&cx, &mut risks, "warn_within") {
                config.acceptance.warn_within_days = days;
            }
            if let Some(days) = days(&cx, &mut risks, "max_term") {
                config.acceptance.max_term_days = days;
            }
            risks.finish();
        }
        top.finish();
        let errors = cx.into_errors();
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }
}

/// A number of days written `"30d"` (as durations are in `[params]`), at most 36500.
fn days(cx: &Cx<'_>, table: &mut Table<'_, '_>, key: &'static str) -> Option<i64> {
    let text = table.string(key)?;
    let days = text
        .value
        .strip_suffix('d')
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| (0..=36_500).contains(n));
    if days.is_none() {
        cx.report(
            text.span,
            InputErrorKind::InvalidValue {
                key: key.to_owned(),
                expected: "a number of days such as \"30d\" (at most 36500d)",
                found: text.value.escape_debug().to_string(),
            },
        );
    }
    days
}

fn to_value(value: &DeValue<'_>) -> Option<toml::Value> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(toml::Value::Integer),
        DeValue::String(s) => Some(toml::Value::String(s.to_string())),
        _ => None,
    }
}

/// The effective settings of a run: which rules are off, severity overrides, and the value of
/// every parameter. Severity overrides are applied here and nowhere else.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    acceptance: AcceptancePolicy,
    disabled: HashSet<String>,
    severity: HashMap<String, Severity>,
    params: BTreeMap<String, ParamValue>,
}

impl Settings {
    /// The settings without an `obligo.toml`: every rule on, default severities and
    /// parameters.
    pub fn defaults(rules: &RuleSet) -> Settings {
        Settings {
            params: rules
                .params
                .iter()
                .map(|p| (p.name.clone(), p.default.clone()))
                .collect(),
            ..Settings::default()
        }
    }

    /// Checks `config` against the loaded rules and parameters: every id or glob must match a
    /// rule, every parameter must exist and have the right type.
    pub fn resolve(config: &Config, rules: &RuleSet) -> Result<Settings, Vec<InputError>> {
        let mut settings = Settings::defaults(rules);
        settings.acceptance = config.acceptance;
        let Some(file) = &config.file else {
            return Ok(settings);
        };
        let mut errors = Vec::new();
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        for pattern in &config.disable {
            match matching(pattern, &ids) {
                Ok(matched) => settings.disabled.extend(matched),
                Err(kind) => errors.push(InputError::at(file, pattern.span.clone(), kind)),
            }
        }
        for (pattern, severity) in &config.severity {
            match matching(pattern, &ids) {
                Ok(matched) => {
                    for id in matched {
                        settings.severity.insert(id, severity.value);
                    }
                }
                Err(kind) => errors.push(InputError::at(file, pattern.span.clone(), kind)),
            }
        }
        for (name, value) in &config.params {
            let Some(def) = rules.params.iter().find(|p| p.name == name.value) else {
                errors.push(InputError::at(
                    file,
                    name.span.clone(),
                    InputErrorKind::UnknownValue {
                        what: "parameter",
                        value: name.value.clone(),
                        suggestion: suggest::closest(
                            &name.value,
                            rules.params.iter().map(|p| p.name.as_str()),
                        )
                        .map(str::to_owned),
                        allowed: rules.params.iter().map(|p| p.name.clone()).collect(),
                    },
                ));
                continue;
            };
            match ParamValue::parse(def.ty, &value.value) {
                Ok(parsed) => {
                    settings.params.insert(def.name.clone(), parsed);
                }
                Err(ParamError::OutOfRange) => errors.push(InputError::at(
                    file,
                    value.span.clone(),
                    InputErrorKind::InvalidValue {
                        key: name.value.clone(),
                        expected: def.ty.describe_range(),
                        found: value.value.to_string().trim_matches('"').to_owned(),
                    },
                )),
                Err(ParamError::WrongType) => errors.push(InputError::at(
                    file,
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
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(errors)
        }
    }

    /// Applies `--select` and `--ignore`: when `select` is not empty, every rule that no
    /// pattern of it matches is switched off; every rule a pattern of `ignore` matches is too.
    /// Patterns are rule ids or globs, as in `[rules] disable`; one that matches no rule is an
    /// error, so that a typo cannot switch a check off.
    pub fn select(
        &mut self,
        rules: &RuleSet,
        select: &[String],
        ignore: &[String],
    ) -> Result<(), Vec<InputError>> {
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        let mut errors = Vec::new();
        let mut matched = |option: &str, patterns: &[String]| {
            let mut all = HashSet::new();
            for pattern in patterns {
                let located = Located::new(pattern.clone(), 0..0);
                match matching(&located, &ids) {
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
        for id in ids {
            if (!select.is_empty() && !selected.contains(id)) || ignored.contains(id) {
                self.disabled.insert(id.to_owned());
            }
        }
        Ok(())
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
}

/// The rule ids a config key selects: an exact id, or a glob such as `smartlockr/*`.
fn matching(pattern: &Located<String>, ids: &[&str]) -> Result<Vec<String>, InputErrorKind> {
    let unknown = || InputErrorKind::UnknownValue {
        what: "rule",
        value: pattern.value.clone(),
        suggestion: suggest::closest(&pattern.value, ids.iter().copied()).map(str::to_owned),
        allowed: Vec::new(),
    };
    if ids.contains(&pattern.value.as_str()) {
        return Ok(vec![pattern.value.clone()]);
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
    let matched: Vec<String> = ids
        .iter()
        .filter(|id| glob.is_match(id))
        .map(|id| (*id).to_owned())
        .collect();
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

    fn rules() -> RuleSet {
        RuleSet::load(None).unwrap()
    }

    fn resolve(text: &str) -> Result<Settings, Vec<InputError>> {
        let file = SourceFile::new("obligo.toml", text);
        Settings::resolve(&Config::parse(&file)?, &rules())
    }

    #[test]
    fn overrides_severity_and_disables_by_id_and_glob() {
        let settings = resolve(
            "[rules]\ndisable = [\"dpa/*\"]\n[rules.severity]\n\"nrb/dual-homed-system\" = \"error\"\n",
        )
        .unwrap();
        assert!(settings.is_disabled("dpa/inactive-credential"));
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
    fn a_misspelt_rule_id_is_an_error_with_a_suggestion() {
        let errors = resolve("[rules]\ndisable = [\"nrb/dual-homed-sytem\"]\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 12));
        assert!(matches!(
            &errors[0].kind,
            InputErrorKind::UnknownValue { suggestion: Some(s), .. } if s == "nrb/dual-homed-system"
        ));
    }

    #[test]
    fn a_glob_that_matches_nothing_is_an_error() {
        assert!(resolve("[rules]\ndisable = [\"nope/*\"]\n").is_err());
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
    fn the_evidence_mode_is_read_and_checked() {
        let file = SourceFile::new("obligo.toml", "evidence = \"fail\"\n");
        let config = Config::parse(&file).unwrap();
        assert_eq!(config.evidence.map(|m| m.value), Some(EvidenceMode::Fail));
        let file = SourceFile::new("obligo.toml", "evidence = \"fial\"\n");
        let errors = Config::parse(&file).unwrap_err();
        assert_eq!(errors[0].line_col(), (1, 12));
        assert!(matches!(
            &errors[0].kind,
            InputErrorKind::UnknownValue { suggestion: Some(s), .. } if s == "fail"
        ));
    }

    #[test]
    fn select_and_ignore_switch_rules_off() {
        let rules = rules();
        let mut settings = Settings::defaults(&rules);
        settings
            .select(&rules, &["nrb/*".into()], &["nrb/dual-homed-system".into()])
            .unwrap();
        assert!(!settings.is_disabled("nrb/unsupported-os"));
        assert!(settings.is_disabled("nrb/dual-homed-system"));
        assert!(settings.is_disabled("dpa/inactive-credential"));
        let errors = Settings::defaults(&rules)
            .select(&rules, &["nrb/dual-homed-sytem".into()], &[])
            .unwrap_err();
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn unknown_parameters_are_errors() {
        let errors = resolve("[params]\nno_such_param = 3\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 1));
    }
}
