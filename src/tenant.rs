//! The tenant file: reading, validating and modelling it. This module knows nothing of Cedar;
//! it produces a model in which every value keeps the location it was read from.

pub mod error;
pub mod format;
pub mod model;
mod parse;
pub(crate) mod reader;
pub(crate) mod tree;

pub use error::{InputError, InputErrorKind};
pub use model::Tenant;
pub use parse::{Parsed, holds_tenant, parse, parse_documents, parse_with_limit, too_deep};
pub use tree::Format;
