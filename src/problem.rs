//! Tool errors: everything that stops obligo from fully evaluating its input. Each is reported
//! with its file, line and column where it has one, and makes the run exit 2. Every class of
//! problem has a code from the registry in [`codes`].

pub mod codes;

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::entities::EntityError;
use crate::eval::{EngineError, EvalError};
use crate::facts::reference::ReferenceError;
use crate::rules::PolicyError;
use crate::source::Location;
use crate::tenant::InputError;

/// A problem that makes the run incomplete.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Problem {
    /// A tenant file that cannot be read or is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(#[from] InputError),
    /// A broken policy or schema.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Policy(#[from] PolicyError),
    /// A policy that failed to evaluate.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Eval(#[from] EvalError),
    /// The evaluation engine could not be prepared.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Engine(#[from] EngineError),
    /// Entities that could not be built for a tenant.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Entities(#[from] EntitiesProblem),
    /// The shipped reference data is broken.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Data(#[from] DataProblem),
    /// Nothing to check: a gate must not pass because its path was wrong.
    #[error(transparent)]
    #[diagnostic(transparent)]
    NoTenants(#[from] NoTenants),
    /// The evaluation date cannot be evaluated on.
    #[error(transparent)]
    #[diagnostic(transparent)]
    NowOutOfRange(#[from] NowOutOfRange),
}

/// The entities of a tenant could not be built, located at the resource whose entity failed
/// (the tenant's `id` when the failure is not about one resource).
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct EntitiesProblem {
    /// The resource's id in the tenant file (or a file it includes).
    pub at: Location,
    /// What went wrong.
    pub error: EntityError,
}

impl Diagnostic for EntitiesProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(codes::ENTITIES_INVALID))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.at.file.text_as_source())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some("the entity of this resource".into()),
                self.at.span.clone(),
            ),
        )))
    }
}

/// The shipped reference data is broken, with the code of its class of error.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct DataProblem(pub ReferenceError);

impl From<ReferenceError> for Problem {
    fn from(error: ReferenceError) -> Self {
        Problem::Data(DataProblem(error))
    }
}

impl Diagnostic for DataProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}

/// No tenant file under the paths given.
#[derive(Debug, thiserror::Error)]
#[error("no tenant file found in {paths}")]
pub struct NoTenants {
    /// The paths searched, as given.
    pub paths: String,
}

impl Diagnostic for NoTenants {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(codes::INPUT_NO_TENANTS))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "a tenant file is a `.toml` file with a `[tenant]` table; check the paths given",
        ))
    }
}

/// An evaluation date so close to the end of the calendar that the month periods of events
/// cannot be counted from it.
#[derive(Debug, thiserror::Error)]
#[error("the evaluation date {now} is out of range: {error}")]
pub struct NowOutOfRange {
    /// The date given with `--now`.
    pub now: jiff::civil::Date,
    /// What the calendar arithmetic said.
    #[source]
    pub error: jiff::Error,
}

impl Diagnostic for NowOutOfRange {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(codes::USAGE_NOW_OUT_OF_RANGE))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("give `--now` a date before 9999"))
    }
}

/// Where a problem points, for machine-readable outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemLocation {
    /// The file name as shown to users.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Problem {
    /// The file, line and column the problem is about, when it is about a file.
    pub fn location(&self) -> Option<ProblemLocation> {
        let (file, (line, column)) = match self {
            Problem::Input(e) => (&e.file, e.line_col()),
            Problem::Policy(e) => (&e.file, e.line_col()),
            Problem::Eval(e) => (&e.file, e.file.line_col(e.span.start)),
            Problem::Entities(e) => (&e.at.file, e.at.start()),
            Problem::Engine(_)
            | Problem::Data(_)
            | Problem::NoTenants(_)
            | Problem::NowOutOfRange(_) => return None,
        };
        Some(ProblemLocation {
            file: file.name().to_owned(),
            line,
            column,
        })
    }
}
