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
//! disable = ["nrb/public-cloud-resource", "smartlockr"]
//!
//! [rules.severity]
//! "nrb/dual-homed-system" = "error"
//!
//! [accepted_risk]
//! warn_within = "30d"
//! max_term = "365d"
//!
//! [[overrides]]
//! paths = ["tenants/prod/**"]
//! rules.enable = ["smartlockr/*"]
//! params.dpa_restore_test_interval = "90d"
//! ```
//!
//! Every key is a per-file setting: the top level applies to every file the config governs,
//! and each `[[overrides]]` table to the files its `paths` match ([`settings`]). Which config
//! governs a file is decided by [`tree`]. Parsing only checks the shape;
//! [`settings::Resolved::new`] checks ids and parameters against the loaded rules.

pub mod settings;
mod show;
pub mod tree;

use std::ops::Range;
use std::path::PathBuf;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::severity::{EvidenceMode, Severity};
use crate::source::{Located, SourceFile};
use crate::suggest;
use crate::tenant::reader::{Cx, Table};
use crate::tenant::tree::Value;
use crate::tenant::{InputError, InputErrorKind};

pub use settings::{Catalog, Settings};
pub use show::show_settings;

/// The file name looked for in each checked file's directory and above.
pub const DEFAULT_FILE: &str = "obligo.toml";

/// Options of the whole run that a project might try to put in `obligo.toml`, with the
/// command-line option that sets each: they cannot differ between files, so they are not
/// read from a config (top level or `[[overrides]]`) and say where they belong instead.
const RUN_OPTIONS: &[(&str, &str)] = &[
    ("fail_on", "--fail-on"),
    ("fail-on", "--fail-on"),
    ("format", "--format"),
    ("output", "--output"),
    ("quiet", "--quiet"),
    ("color", "--color"),
    ("max_file_size", "--max-file-size"),
    ("max-file-size", "--max-file-size"),
    ("policies", "--policies"),
    ("baseline", "--baseline"),
    ("now", "--now"),
];

/// What `obligo.toml` says, before it is checked against the rules.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, when there is one.
    pub file: Option<SourceFile>,
    /// The directory `[[overrides]]` paths are relative to: the file's own directory when
    /// it was found by searching upward, the working directory for `--config FILE`.
    pub base: PathBuf,
    /// The settings of the top level, for every file the config governs.
    pub top: Layer,
    /// `[[overrides]]`, in the order written.
    pub overrides: Vec<Override>,
}

/// One set of per-file settings: the top level of `obligo.toml`, or one `[[overrides]]`.
/// Absent keys change nothing.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    /// `[params]`: parameter overrides as written.
    pub params: Vec<(Located<String>, Located<toml::Value>)>,
    /// `[rules] disable`: rule ids, globs or pack ids.
    pub disable: Vec<Located<String>>,
    /// `[rules] enable`: rule ids, globs or pack ids switched back on.
    pub enable: Vec<Located<String>>,
    /// `[rules.severity]`: rule id, glob or pack id → severity.
    pub severity: Vec<(Located<String>, Located<Severity>)>,
    /// `evidence`: what evidence findings do; `--evidence` overrides it.
    pub evidence: Option<Located<EvidenceMode>>,
    /// `[accepted_risk] warn_within`, in days.
    pub warn_within_days: Option<i64>,
    /// `[accepted_risk] max_term`, in days.
    pub max_term_days: Option<i64>,
}

/// An `[[overrides]]` table: settings for the files its `paths` match.
#[derive(Debug, Clone)]
pub struct Override {
    /// The span of the table, for diagnostics and `--show-settings`.
    pub span: Range<usize>,
    /// `paths`, as written.
    pub paths: Vec<Located<String>>,
    matcher: GlobSet,
    /// The settings it applies.
    pub layer: Layer,
}

impl Override {
    /// Whether the override applies to `relative` (a path relative to [`Config::base`], with
    /// `/` separators): a pattern matches the path itself or a directory above it, so
    /// `tenants/prod` covers what `tenants/prod/**` does.
    pub fn matches(&self, relative: &std::path::Path) -> bool {
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.matcher.is_match(p))
    }
}

impl Config {
    /// Loads the config file at `path`; a file larger than `max_file_size` bytes is an error.
    /// `[[overrides]]` paths are relative to `base`.
    pub fn load(
        path: &std::path::Path,
        name: PathBuf,
        base: PathBuf,
        max_file_size: u64,
    ) -> Result<Config, Vec<InputError>> {
        match crate::limits::read_text(path, max_file_size) {
            Ok(text) => Config::parse(&SourceFile::new(name, text), base),
            Err(error) => Err(vec![InputError::whole_file(
                &SourceFile::new(name, ""),
                error.into(),
            )]),
        }
    }

    /// Reads a configuration file whose `[[overrides]]` paths are relative to `base`.
    pub fn parse(file: &SourceFile, base: PathBuf) -> Result<Config, Vec<InputError>> {
        let root = crate::tenant::reader::document(file)?;
        let cx = Cx::new(file);
        let mut top = Table::root(&cx, &root, "obligo.toml");
        let mut config = Config {
            file: Some(file.clone()),
            base,
            top: layer(&cx, &mut top),
            overrides: Vec::new(),
        };
        for mut table in top.tables("overrides", "[[overrides]]") {
            if let Some(found) = override_table(&cx, &mut table) {
                config.overrides.push(found);
            }
            run_options(&cx, &mut table);
            table.finish();
        }
        run_options(&cx, &mut top);
        top.finish();
        let errors = cx.into_errors();
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }
}

/// Reads `paths` and the per-file settings of one `[[overrides]]` table.
fn override_table(cx: &Cx<'_>, table: &mut Table<'_, '_>) -> Option<Override> {
    let span = table.span();
    let layer = layer(cx, table);
    let Some(paths) = table.strings("paths") else {
        cx.report(
            span.clone(),
            InputErrorKind::MissingKey {
                key: "paths".into(),
                table: "[[overrides]]".into(),
            },
        );
        return None;
    };
    if paths.value.is_empty() {
        cx.report(
            paths.span,
            InputErrorKind::Inconsistent(
                "`paths` is empty: the override would apply to no file".into(),
            ),
        );
        return None;
    }
    let mut builder = GlobSetBuilder::new();
    let mut valid = true;
    for path in &paths.value {
        match GlobBuilder::new(path.value.trim_end_matches('/'))
            .literal_separator(true)
            .build()
        {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(error) => {
                valid = false;
                cx.report(
                    path.span.clone(),
                    InputErrorKind::PathPattern {
                        pattern: path.value.clone(),
                        reason: error.kind().to_string(),
                    },
                );
            }
        }
    }
    let matcher = builder.build().ok().filter(|_| valid)?;
    Some(Override {
        span,
        paths: paths.value,
        matcher,
        layer,
    })
}

/// The keys of `table` that name an option of the whole run, each reported with the
/// command-line option that sets it.
fn run_options(cx: &Cx<'_>, table: &mut Table<'_, '_>) {
    for (key, option) in RUN_OPTIONS {
        if let Some(span) = table.claim(key) {
            cx.report(
                span,
                InputErrorKind::RunOption {
                    key: (*key).to_owned(),
                    option,
                },
            );
        }
    }
}

/// Reads the per-file settings of a table: the top level or an `[[overrides]]` table.
fn layer(cx: &Cx<'_>, table: &mut Table<'_, '_>) -> Layer {
    let mut layer = Layer::default();
    if let Some(mode) = table.string("evidence") {
        match mode.value.parse::<EvidenceMode>() {
            Ok(value) => layer.evidence = Some(Located::new(value, mode.span)),
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
    if let Some(mut params) = table.table("params") {
        for (name, value) in params.entries() {
            match to_value(&value.value) {
                Some(v) => layer
                    .params
                    .push((name, Located::new(v, value.span.clone()))),
                None => cx.report(
                    value.span.clone(),
                    InputErrorKind::WrongType {
                        key: name.value,
                        expected: "an integer or a duration string",
                        found: value.value.type_str(),
                    },
                ),
            }
        }
    }
    if let Some(mut rules) = table.table("rules") {
        layer.disable = rules
            .strings("disable")
            .map(|d| d.value)
            .unwrap_or_default();
        layer.enable = rules.strings("enable").map(|d| d.value).unwrap_or_default();
        if let Some(mut severities) = rules.table("severity") {
            for (id, value) in severities.entries() {
                let parsed = value.value.as_str().map(|s| s.parse::<Severity>());
                match parsed {
                    Some(Ok(severity)) => layer
                        .severity
                        .push((id, Located::new(severity, value.span.clone()))),
                    _ => cx.report(
                        value.span.clone(),
                        InputErrorKind::UnknownValue {
                            what: "severity",
                            value: value.value.as_str().unwrap_or_default().to_owned(),
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
    if let Some(mut risks) = table.table("accepted_risk") {
        layer.warn_within_days = days(cx, &mut risks, "warn_within");
        layer.max_term_days = days(cx, &mut risks, "max_term");
        risks.finish();
    }
    layer
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

fn to_value(value: &Value<'_>) -> Option<toml::Value> {
    match value {
        Value::Integer(i) => i.map(toml::Value::Integer),
        Value::String(s) => Some(toml::Value::String(s.to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<InputError>> {
        Config::parse(&SourceFile::new("obligo.toml", text), PathBuf::new())
    }

    #[test]
    fn the_evidence_mode_is_read_and_checked() {
        let config = parse("evidence = \"fail\"\n").unwrap();
        assert_eq!(
            config.top.evidence.map(|m| m.value),
            Some(EvidenceMode::Fail)
        );
        let errors = parse("evidence = \"fial\"\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (1, 12));
        assert!(matches!(
            &errors[0].kind,
            InputErrorKind::UnknownValue { suggestion: Some(s), .. } if s == "fail"
        ));
    }

    #[test]
    fn overrides_match_paths_and_the_directories_above_them() {
        let config = parse(
            "[[overrides]]\npaths = [\"tenants/prod/**\", \"legacy\", \"*.toml\"]\nevidence = \"hide\"\n",
        )
        .unwrap();
        let found = &config.overrides[0];
        assert_eq!(
            found.layer.evidence.as_ref().map(|m| m.value),
            Some(EvidenceMode::Hide)
        );
        let matches = |p: &str| found.matches(std::path::Path::new(p));
        assert!(matches("tenants/prod/a.toml"));
        assert!(matches("tenants/prod/eu/b.toml"));
        assert!(matches("legacy/deep/c.toml"));
        assert!(matches("top.toml"));
        assert!(!matches("tenants/staging/a.toml"));
    }

    #[test]
    fn a_bad_override_is_an_error_at_its_position() {
        let errors = parse("[[overrides]]\nevidence = \"fail\"\n").unwrap_err();
        assert!(matches!(errors[0].kind, InputErrorKind::MissingKey { .. }));
        let errors = parse("[[overrides]]\npaths = [\"a/[\"]\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (2, 10));
        assert!(matches!(errors[0].kind, InputErrorKind::PathPattern { .. }));
        let errors = parse("[[overrides]]\npaths = [\"a\"]\nfail_on = \"warning\"\n").unwrap_err();
        assert_eq!(errors[0].line_col(), (3, 1));
        assert!(matches!(
            errors[0].kind,
            InputErrorKind::RunOption {
                option: "--fail-on",
                ..
            }
        ));
        let errors =
            parse("[[overrides]]\npaths = [\"a\"]\n[[overrides.overrides]]\npaths = [\"b\"]\n")
                .unwrap_err();
        assert!(matches!(errors[0].kind, InputErrorKind::UnknownKey { .. }));
    }

    #[test]
    fn run_options_at_the_top_level_say_where_they_belong() {
        let errors = parse("format = \"json\"\n").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(matches!(
            errors[0].kind,
            InputErrorKind::RunOption {
                option: "--format",
                ..
            }
        ));
    }
}
