//! Rule parameters: the numbers contracts leave open, with obligo's defaults, read from
//! `params.toml` in the policy packs. A project overrides them in `obligo.toml`.

use std::collections::BTreeMap;

use cedar_policy::RestrictedExpression;
use serde::Deserialize;

use crate::problem::codes;
use crate::rules::error::PolicyError;
use crate::source::SourceFile;

/// The path of the parameter definitions inside the packs.
pub const PARAMS_PATH: &str = "params.toml";

/// The kind of value a parameter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    /// A whole number (Cedar `Long`).
    Integer,
    /// A Cedar `duration`, written like `90d`, `48h` or `1d12h`.
    Duration,
}

impl ParamType {
    /// How the type is described in messages.
    pub fn describe(self) -> &'static str {
        match self {
            ParamType::Integer => "an integer",
            ParamType::Duration => "a duration such as \"90d\" or \"48h\"",
        }
    }

    /// The values the rules can evaluate, as described in messages.
    pub fn describe_range(self) -> &'static str {
        match self {
            ParamType::Integer => "an integer from 0 to 1000000000",
            ParamType::Duration => "a duration of at most 36500d (100 years)",
        }
    }
}

/// The largest integer parameter: rules add and multiply them, and no contract leaves a
/// number open that is near this.
pub const MAX_INTEGER: i64 = 1_000_000_000;

/// The longest duration parameter, in milliseconds (100 years): rules add durations to dates,
/// which must stay in Cedar's range.
pub const MAX_DURATION_MS: i64 = 36_500 * 24 * 60 * 60 * 1000;

/// A parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A whole number.
    Integer(i64),
    /// A validated duration text.
    Duration(String),
}

impl ParamValue {
    /// The value as a Cedar expression.
    pub fn to_cedar(&self) -> RestrictedExpression {
        match self {
            ParamValue::Integer(n) => RestrictedExpression::new_long(*n),
            ParamValue::Duration(text) => RestrictedExpression::new_duration(text),
        }
    }

    /// The value as shown in messages and docs.
    pub fn display(&self) -> String {
        match self {
            ParamValue::Integer(n) => n.to_string(),
            ParamValue::Duration(text) => text.clone(),
        }
    }

    /// Checks a raw value against a type and the range rules can evaluate.
    pub fn parse(ty: ParamType, raw: &toml::Value) -> Result<ParamValue, ParamError> {
        match (ty, raw) {
            (ParamType::Integer, toml::Value::Integer(n)) if (0..=MAX_INTEGER).contains(n) => {
                Ok(ParamValue::Integer(*n))
            }
            (ParamType::Duration, toml::Value::String(s))
                if duration_ms(s).is_some_and(|ms| ms <= MAX_DURATION_MS) =>
            {
                Ok(ParamValue::Duration(s.clone()))
            }
            (ParamType::Integer, toml::Value::Integer(_))
            | (ParamType::Duration, toml::Value::String(_)) => Err(ParamError::OutOfRange),
            _ => Err(ParamError::WrongType),
        }
    }
}

/// Why a parameter value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamError {
    /// Not a value of the parameter's type.
    WrongType,
    /// Of the right type, but not one the rules can evaluate.
    OutOfRange,
}

impl ParamError {
    /// The message for a parameter of type `ty`.
    pub fn message(self, ty: ParamType) -> String {
        match self {
            ParamError::WrongType => format!("expected {}", ty.describe()),
            ParamError::OutOfRange => format!("expected {}", ty.describe_range()),
        }
    }
}

/// The length of a Cedar duration in milliseconds; `None` when it is not one or does not fit.
pub fn duration_ms(text: &str) -> Option<i64> {
    if !is_duration(text) {
        return None;
    }
    let mut total: i64 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (unit, factor) = [
            ("ms", 1),
            ("d", 86_400_000),
            ("h", 3_600_000),
            ("m", 60_000),
            ("s", 1000),
        ]
        .into_iter()
        .find(|(u, _)| rest.starts_with(u))?;
        total = total.checked_add(n.checked_mul(factor)?)?;
        rest = &rest[unit.len()..];
    }
    Some(total)
}

/// Whether `text` is a Cedar duration: digits with units `d`, `h`, `m`, `s`, `ms`, each at
/// most once and in that order, e.g. `1d12h`.
pub fn is_duration(text: &str) -> bool {
    const UNITS: [&str; 5] = ["d", "h", "ms", "m", "s"];
    const ORDER: [&str; 5] = ["d", "h", "m", "s", "ms"];
    let mut rest = text;
    let mut last: Option<usize> = None;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let Some(unit) = UNITS.iter().find(|u| rest.starts_with(**u)) else {
            return false;
        };
        let position = ORDER.iter().position(|u| u == unit).unwrap_or(0);
        if last.is_some_and(|l| l >= position) {
            return false;
        }
        last = Some(position);
        rest = &rest[unit.len()..];
    }
    true
}

/// One parameter definition.
#[derive(Debug, Clone)]
pub struct ParamDef {
    /// Its name, as used in `context.params.<name>` and `obligo.toml`.
    pub name: String,
    /// Its type.
    pub ty: ParamType,
    /// obligo's default.
    pub default: ParamValue,
    /// One line on what it sets.
    pub description: String,
    /// The contract wording that leaves it open, and why the default.
    pub basis: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDef {
    #[serde(rename = "type")]
    ty: ParamType,
    default: toml::Spanned<toml::Value>,
    description: String,
    basis: String,
}

/// Reads the parameter definitions.
pub fn parse(file: &SourceFile) -> Result<Vec<ParamDef>, PolicyError> {
    let raw: BTreeMap<String, RawDef> = toml::from_str(file.text()).map_err(|e| {
        PolicyError::new(
            codes::POLICY_PARAMS,
            file,
            e.span(),
            format!("invalid parameter definitions: {}", e.message()),
        )
    })?;
    raw.into_iter()
        .map(|(name, def)| {
            let default = ParamValue::parse(def.ty, def.default.get_ref()).map_err(|error| {
                PolicyError::new(
                    codes::POLICY_PARAM_DEFAULT,
                    file,
                    Some(def.default.span()),
                    format!("default of parameter `{name}`: {}", error.message(def.ty)),
                )
            })?;
            Ok(ParamDef {
                name,
                ty: def.ty,
                default,
                description: def.description,
                basis: def.basis,
            })
        })
        .collect()
}

/// The parameters a policy text reads, in order of first use.
pub fn used_by(policy_text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (start, _) in policy_text.match_indices("context.params.") {
        let name: String = policy_text[start + "context.params.".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_follow_cedar_syntax() {
        for ok in ["90d", "48h", "1d12h", "30m", "1d2h3m4s5ms", "0d"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in ["", "d", "90", "12h1d", "1d1d", "1w", "-", "1.5d"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn values_are_checked_against_their_type() {
        let integer = toml::Value::Integer(48);
        let text = toml::Value::String("90d".into());
        assert_eq!(
            ParamValue::parse(ParamType::Integer, &integer),
            Ok(ParamValue::Integer(48))
        );
        assert_eq!(
            ParamValue::parse(ParamType::Duration, &text),
            Ok(ParamValue::Duration("90d".into()))
        );
        assert!(ParamValue::parse(ParamType::Integer, &text).is_err());
        assert!(ParamValue::parse(ParamType::Duration, &integer).is_err());
    }

    #[test]
    fn values_must_be_in_the_range_rules_can_evaluate() {
        let parse = |ty, value| ParamValue::parse(ty, &value);
        assert_eq!(
            parse(ParamType::Integer, toml::Value::Integer(-1)),
            Err(ParamError::OutOfRange)
        );
        assert_eq!(
            parse(
                ParamType::Duration,
                toml::Value::String("99999999999999999d".into())
            ),
            Err(ParamError::OutOfRange)
        );
        assert_eq!(
            parse(ParamType::Duration, toml::Value::String("36501d".into())),
            Err(ParamError::OutOfRange)
        );
        assert!(parse(ParamType::Duration, toml::Value::String("36500d".into())).is_ok());
        assert_eq!(duration_ms("1d2h3m4s5ms"), Some(93_784_005));
    }

    #[test]
    fn definitions_parse_with_defaults() {
        let file = SourceFile::new(
            "params.toml",
            "[restore_test_interval]\ntype = \"duration\"\ndefault = \"365d\"\ndescription = \"d\"\nbasis = \"b\"\n",
        );
        let defs = parse(&file).unwrap();
        assert_eq!(defs[0].default, ParamValue::Duration("365d".into()));
        let bad = SourceFile::new(
            "params.toml",
            "[x]\ntype = \"duration\"\ndefault = 3\ndescription = \"d\"\nbasis = \"b\"\n",
        );
        let error = parse(&bad).unwrap_err();
        assert_eq!(error.line_col(), (3, 11), "{error:?}");
    }

    #[test]
    fn finds_the_parameters_a_policy_reads() {
        let text = "when { context.now > resource.x.offset(context.params.a_b) && context.params.c > 1 && context.params.a_b };";
        assert_eq!(used_by(text), ["a_b", "c"]);
    }
}
