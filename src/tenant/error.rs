//! Input errors: anything in a tenant file that stops obligo from modelling it faithfully.
//! Each error keeps the file and the byte range it is about, so that every output format can
//! point at the same line and column.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::limits::ReadError;
use crate::problem::codes::{self, Code};
use crate::source::{Location, SourceFile};
use crate::tenant::Format;

/// An input error at a location in a file (or, for an unreadable file, at the file as a whole).
#[derive(Debug, Clone)]
pub struct InputError {
    /// The file the error is in.
    pub file: SourceFile,
    /// Where in the file; `None` when the file as a whole is at fault.
    pub span: Option<std::ops::Range<usize>>,
    /// What went wrong.
    pub kind: InputErrorKind,
}

/// The classes of input error, each with the facts its message needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The file could not be read.
    #[error("cannot read file: {0}")]
    Unreadable(String),
    /// A path named as a file is a FIFO, socket, device or directory.
    #[error("not a regular file but {kind}; only regular files are read")]
    NotAFile {
        /// What it is instead, e.g. `a FIFO`.
        kind: &'static str,
    },
    /// The file is larger than the limit.
    #[error("the file is larger than {limit} (raise it with `--max-file-size`)")]
    TooLarge {
        /// The limit, e.g. `16 MiB`.
        limit: String,
    },
    /// The file is not valid TOML.
    #[error("invalid TOML: {0}")]
    Syntax(String),
    /// A `.json` file is not valid JSON.
    #[error("invalid JSON: {0}")]
    JsonSyntax(String),
    /// A `.yaml` or `.yml` file is not valid YAML, or holds what a tenant file cannot.
    #[error("invalid YAML: {0}")]
    YamlSyntax(String),
    /// A key written twice in one JSON object or YAML mapping.
    #[error("key `{key}` is written twice (first on line {first_line})")]
    DuplicateKey {
        /// The key.
        key: String,
        /// The line of its first writing.
        first_line: usize,
    },
    /// YAML aliases copy more values than the limit.
    #[error("YAML aliases copy more than {limit} values in all")]
    TooManyAliases {
        /// The most values aliases may copy.
        limit: usize,
    },
    /// A value that the target format of `obligo convert` cannot hold.
    #[error("cannot convert: {0}")]
    Unconvertible(String),
    /// A file named on the command line, or a document of a YAML stream, holds no tenant.
    #[error("not a tenant file: there is no {}", tenant_of(*format))]
    NotATenant {
        /// The file's format, which says what a tenant file holds.
        format: Format,
    },
    /// A key that the format does not define.
    #[error("unknown key `{key}` in {table}")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it was found, e.g. `[[credential]]`.
        table: String,
        /// The closest known key, if any is close.
        suggestion: Option<String>,
        /// Every key allowed there.
        allowed: Vec<String>,
    },
    /// A required key is absent.
    #[error("missing key `{key}` in {table}")]
    MissingKey {
        /// The key that is required.
        key: String,
        /// The table it is missing from.
        table: String,
    },
    /// A value of the wrong TOML type.
    #[error("`{key}` must be {expected}, found {found}")]
    WrongType {
        /// The key whose value is wrong.
        key: String,
        /// What the format expects, e.g. `a string`.
        expected: &'static str,
        /// The TOML type that was found.
        found: &'static str,
    },
    /// A date that is not a calendar date.
    #[error("`{key}` must be a date (YYYY-MM-DD) or a date-time, found {found}")]
    InvalidDate {
        /// The key whose value is wrong.
        key: String,
        /// What was found instead.
        found: String,
    },
    /// A value outside a fixed set of choices.
    #[error("unknown {what} `{value}`")]
    UnknownValue {
        /// What the value names, e.g. `hosting provider`.
        what: &'static str,
        /// The value as written.
        value: String,
        /// The closest known value, if any is close.
        suggestion: Option<String>,
        /// Every value allowed, when the list is short enough to print.
        allowed: Vec<String>,
    },
    /// An id used twice within one kind of resource.
    #[error("duplicate {kind} id `{id}`")]
    DuplicateId {
        /// The resource kind, e.g. `system`.
        kind: &'static str,
        /// The id.
        id: String,
        /// Where the id was first declared.
        first: std::ops::Range<usize>,
    },
    /// An id used twice within one kind of resource, the first time in another file (a tenant
    /// and a file it includes).
    #[error("duplicate {kind} id `{id}`: first declared at {first}")]
    DuplicateIdElsewhere {
        /// The resource kind, e.g. `sub-processor`.
        kind: &'static str,
        /// The id.
        id: String,
        /// `file:line:column` of the first declaration.
        first: String,
    },
    /// A tenant id declared by an earlier tenant file too.
    #[error("tenant id `{id}` is already used by {first}")]
    DuplicateTenant {
        /// The id.
        id: String,
        /// `file:line` of the first declaration.
        first: String,
    },
    /// A rule pattern in `obligo.toml` that is not a valid glob.
    #[error("invalid rule pattern `{pattern}`: {reason}")]
    RulePattern {
        /// The pattern as written.
        pattern: String,
        /// What the glob parser said.
        reason: String,
    },
    /// A rule pattern in `obligo.toml` that matches no rule.
    #[error("rule pattern `{pattern}` matches no rule")]
    NoRuleMatches {
        /// The pattern as written.
        pattern: String,
    },
    /// A path pattern of an `[[overrides]]` table in `obligo.toml` that is not a valid glob.
    #[error("invalid path pattern `{pattern}`: {reason}")]
    PathPattern {
        /// The pattern as written.
        pattern: String,
        /// What the glob parser said.
        reason: String,
    },
    /// A key of `obligo.toml` that names an option of the whole run, which no config file
    /// (top level or `[[overrides]]`) sets.
    #[error("`{key}` applies to the whole run and cannot be set in obligo.toml")]
    RunOption {
        /// The key as written.
        key: String,
        /// The command-line option that sets it.
        option: &'static str,
    },
    /// An entry of `tenant.include` that cannot be used: missing, unreadable, malformed, a
    /// tenant file, or named twice.
    #[error("cannot include `{path}`: {reason}")]
    Include {
        /// The path as written.
        path: String,
        /// Why not.
        reason: String,
    },
    /// A reference to an id that no resource declares.
    #[error("`{key}` refers to {kind} `{id}`, which is not declared")]
    DanglingReference {
        /// The referring key.
        key: String,
        /// The kind of resource referred to.
        kind: &'static str,
        /// The missing id.
        id: String,
        /// The closest declared id, if any is close.
        suggestion: Option<String>,
    },
    /// A value that is well-typed but contradicts another (e.g. a region in another country).
    #[error("{0}")]
    Inconsistent(String),
    /// A value of the right TOML type that is not a valid value of its kind, e.g. an IP
    /// address `999.1.1.1`.
    #[error("`{key}` must be {expected}, found \"{found}\"")]
    InvalidValue {
        /// The key whose value is wrong.
        key: String,
        /// What the format expects, e.g. `an IP address`.
        expected: &'static str,
        /// The value as read, control characters escaped.
        found: String,
    },
    /// Brackets nested deeper than the limit.
    #[error("nested more than {limit} levels deep")]
    TooDeep {
        /// The deepest nesting allowed.
        limit: usize,
    },
    /// A string longer than the limit for its key.
    #[error("`{key}` is longer than {limit}")]
    TooLong {
        /// The key whose value is too long.
        key: String,
        /// The limit, e.g. `256 characters`.
        limit: String,
    },
    /// More errors in one file than are reported.
    #[error("{more} more errors in this file are not shown (only the first {shown} are)")]
    TooManyErrors {
        /// How many errors are not shown.
        more: usize,
        /// How many are.
        shown: usize,
    },
}

impl From<ReadError> for InputErrorKind {
    fn from(error: ReadError) -> Self {
        match error {
            ReadError::NotARegularFile(kind) => InputErrorKind::NotAFile { kind },
            ReadError::TooLarge { limit } => InputErrorKind::TooLarge {
                limit: crate::limits::size(limit),
            },
            ReadError::Io(message) => InputErrorKind::Unreadable(message),
        }
    }
}

impl InputErrorKind {
    /// The registry code of this class of error.
    pub fn code(&self) -> &'static Code {
        match self {
            InputErrorKind::Unreadable(_) => codes::INPUT_UNREADABLE,
            InputErrorKind::NotAFile { .. } => codes::INPUT_NOT_A_FILE,
            InputErrorKind::TooLarge { .. } => codes::INPUT_TOO_LARGE,
            InputErrorKind::Syntax(_) => codes::INPUT_SYNTAX,
            InputErrorKind::NotATenant { .. } => codes::INPUT_NOT_A_TENANT,
            InputErrorKind::JsonSyntax(_) => codes::INPUT_JSON_SYNTAX,
            InputErrorKind::YamlSyntax(_) => codes::INPUT_YAML_SYNTAX,
            InputErrorKind::DuplicateKey { .. } => codes::INPUT_DUPLICATE_KEY,
            InputErrorKind::TooManyAliases { .. } => codes::INPUT_TOO_MANY_ALIASES,
            InputErrorKind::Unconvertible(_) => codes::INPUT_UNCONVERTIBLE,
            InputErrorKind::UnknownKey { .. } => codes::INPUT_UNKNOWN_KEY,
            InputErrorKind::MissingKey { .. } => codes::INPUT_MISSING_KEY,
            InputErrorKind::WrongType { .. } => codes::INPUT_WRONG_TYPE,
            InputErrorKind::InvalidDate { .. } => codes::INPUT_INVALID_DATE,
            InputErrorKind::UnknownValue { .. } => codes::INPUT_UNKNOWN_VALUE,
            InputErrorKind::DuplicateId { .. } | InputErrorKind::DuplicateIdElsewhere { .. } => {
                codes::INPUT_DUPLICATE_ID
            }
            InputErrorKind::DuplicateTenant { .. } => codes::INPUT_DUPLICATE_TENANT,
            InputErrorKind::RulePattern { .. } => codes::CONFIG_INVALID_PATTERN,
            InputErrorKind::NoRuleMatches { .. } => codes::CONFIG_NO_MATCH,
            InputErrorKind::PathPattern { .. } => codes::CONFIG_INVALID_PATH,
            InputErrorKind::RunOption { .. } => codes::CONFIG_RUN_OPTION,
            InputErrorKind::Include { .. } => codes::INPUT_INCLUDE,
            InputErrorKind::DanglingReference { .. } => codes::INPUT_DANGLING_REFERENCE,
            InputErrorKind::Inconsistent(_) => codes::INPUT_INCONSISTENT,
            InputErrorKind::InvalidValue { .. } => codes::INPUT_INVALID_VALUE,
            InputErrorKind::TooDeep { .. } => codes::INPUT_TOO_DEEP,
            InputErrorKind::TooLong { .. } => codes::INPUT_TOO_LONG,
            InputErrorKind::TooManyErrors { .. } => codes::INPUT_TOO_MANY_ERRORS,
        }
    }
}

impl InputError {
    /// An error at `span` in `file`.
    pub fn at(file: &SourceFile, span: std::ops::Range<usize>, kind: InputErrorKind) -> Self {
        Self {
            file: file.clone(),
            span: Some(span),
            kind,
        }
    }

    /// An error about `file` as a whole.
    pub fn whole_file(file: &SourceFile, kind: InputErrorKind) -> Self {
        Self {
            file: file.clone(),
            span: None,
            kind,
        }
    }

    /// The location the error points at, if it points inside the file.
    pub fn location(&self) -> Option<Location> {
        self.span.clone().map(|span| self.file.location(span))
    }

    /// The 1-based line and column of the error; the file's start when it has no span.
    pub fn line_col(&self) -> (usize, usize) {
        self.span
            .as_ref()
            .map_or((1, 1), |span| self.file.line_col(span.start))
    }

    fn label(&self) -> String {
        match &self.kind {
            InputErrorKind::UnknownKey { .. } => "not a key of this table".into(),
            InputErrorKind::MissingKey { .. } => "required here".into(),
            InputErrorKind::WrongType { expected, .. } => format!("expected {expected}"),
            InputErrorKind::InvalidDate { .. } => "not a date".into(),
            InputErrorKind::UnknownValue { what, .. } => format!("unknown {what}"),
            InputErrorKind::DuplicateId { .. } | InputErrorKind::DuplicateIdElsewhere { .. } => {
                "declared again here".into()
            }
            InputErrorKind::Include { .. } => "included here".into(),
            InputErrorKind::DanglingReference { kind, .. } => format!("no such {kind}"),
            InputErrorKind::NotATenant { .. } => "this file".into(),
            InputErrorKind::InvalidValue { expected, .. } => format!("not {expected}"),
            InputErrorKind::TooDeep { .. } => "one level too deep".into(),
            InputErrorKind::DuplicateKey { .. } => "written again here".into(),
            InputErrorKind::TooManyAliases { .. } => "the limit is passed here".into(),
            InputErrorKind::TooLong { .. } => "too long".into(),
            InputErrorKind::DuplicateTenant { .. } => "declared again here".into(),
            InputErrorKind::RulePattern { .. } => "not a valid glob".into(),
            InputErrorKind::NoRuleMatches { .. } => "matches no rule".into(),
            InputErrorKind::PathPattern { .. } => "not a valid glob".into(),
            InputErrorKind::RunOption { .. } => "not a per-file setting".into(),
            InputErrorKind::Unreadable(_)
            | InputErrorKind::NotAFile { .. }
            | InputErrorKind::TooLarge { .. }
            | InputErrorKind::Syntax(_)
            | InputErrorKind::JsonSyntax(_)
            | InputErrorKind::YamlSyntax(_)
            | InputErrorKind::Unconvertible(_)
            | InputErrorKind::Inconsistent(_)
            | InputErrorKind::TooManyErrors { .. } => "here".into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Without a span there is no snippet to show the file name: say it in the message.
        if self.span.is_none() {
            write!(f, "`{}`: ", self.file.name())?;
        }
        self.kind.fmt(f)
    }
}

impl std::error::Error for InputError {}

impl Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = match &self.kind {
            InputErrorKind::UnknownKey {
                suggestion: Some(s),
                ..
            }
            | InputErrorKind::UnknownValue {
                suggestion: Some(s),
                ..
            }
            | InputErrorKind::DanglingReference {
                suggestion: Some(s),
                ..
            } => format!("did you mean `{s}`?"),
            InputErrorKind::UnknownKey { allowed, .. }
            | InputErrorKind::UnknownValue { allowed, .. }
                if !allowed.is_empty() =>
            {
                format!("expected one of {}", backticked(allowed))
            }
            InputErrorKind::NotATenant {
                format: Format::Toml,
            } => "a tenant file starts with a `[tenant]` table (see docs/format.md)".into(),
            InputErrorKind::NotATenant { .. } => {
                "a JSON or YAML tenant file is a mapping with a `tenant` key (see docs/format.md)"
                    .into()
            }
            InputErrorKind::DuplicateId { .. } | InputErrorKind::DuplicateIdElsewhere { .. } => {
                "ids are unique within their kind, across a tenant and the files it includes".into()
            }
            InputErrorKind::DuplicateKey { .. } => {
                "a key is written once in its table; remove or rename one of the two".into()
            }
            InputErrorKind::TooManyAliases { .. } => {
                "write the values out, or alias fewer of them (see docs/format.md)".into()
            }
            InputErrorKind::Include { .. } => {
                "`include` names evidence files (no `[tenant]` table) relative to this file; see docs/format.md".into()
            }
            InputErrorKind::DuplicateTenant { .. } => {
                "each tenant is described by one file; its findings are reported for the first".into()
            }
            InputErrorKind::NoRuleMatches { .. } => "`obligo rules` lists the rule ids".into(),
            InputErrorKind::PathPattern { .. } => {
                "paths are globs relative to the directory of obligo.toml, e.g. `tenants/prod/**`".into()
            }
            InputErrorKind::RunOption { option, .. } => {
                format!("set it on the command line with `{option}`; obligo.toml holds only settings that can differ per file")
            }
            InputErrorKind::TooDeep { .. }
            | InputErrorKind::TooLong { .. }
            | InputErrorKind::TooLarge { .. } => {
                "the limits on input are listed in docs/configuration.md".into()
            }
            _ => return None,
        };
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.as_ref().map(|_| self.file.text_as_source())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        let mut labels = vec![LabeledSpan::new_primary_with_span(Some(self.label()), span)];
        if let InputErrorKind::DuplicateId { first, .. } = &self.kind {
            labels.push(LabeledSpan::new_with_span(
                Some("first declared here".into()),
                first.clone(),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// `a`, `b` and `c` style list for help texts.
pub(crate) fn backticked(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What a tenant file of `format` holds, as messages name it.
fn tenant_of(format: Format) -> &'static str {
    match format {
        Format::Toml => "`[tenant]` table",
        Format::Json | Format::Yaml => "top-level `tenant` mapping",
    }
}
