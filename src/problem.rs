//! Tool errors: everything that stops obligo from fully evaluating its input. Each is reported
//! with its file, line and column, and makes the run exit 2.

use miette::Diagnostic;

use crate::entities::EntityError;
use crate::eval::EvalError;
use crate::facts::reference::ReferenceError;
use crate::rules::PolicyError;
use crate::source::SourceFile;
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
    /// Entities that could not be built for a tenant.
    #[error("{file}: {error}", file = file.name())]
    #[diagnostic(code(entities::invalid))]
    Entities {
        /// The tenant file.
        file: SourceFile,
        /// What went wrong.
        #[source]
        error: EntityError,
    },
    /// The shipped reference data is broken.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Data(#[from] ReferenceError),
    /// A state obligo should never reach: a bug to report.
    #[error("internal error: {0}")]
    #[diagnostic(code("internal"), help("please report this as a bug"))]
    Internal(String),
    /// Nothing to check: a gate must not pass because its path was wrong.
    #[error("no tenant file found in {paths}")]
    #[diagnostic(
        code("input::no-tenants"),
        help("a tenant file is a `.toml` file with a `[tenant]` table; check the paths given")
    )]
    NoTenants {
        /// The paths searched, as given.
        paths: String,
    },
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
            Problem::Entities { file, .. } => (file, (1, 1)),
            Problem::Data(_) | Problem::Internal(_) | Problem::NoTenants { .. } => return None,
        };
        Some(ProblemLocation {
            file: file.name().to_owned(),
            line,
            column,
        })
    }
}
