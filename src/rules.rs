//! Policy packs: loading `.cedar` files (embedded and from `--policies`), turning their
//! annotations into rule metadata, and validating them against the schema. Evaluation lives in
//! `eval`; this module only knows what the rules are.

pub mod embedded;
pub mod error;
pub mod load;
pub mod pack;
pub mod params;
pub mod reference;
pub mod rule;
pub mod scope;
mod vocabulary;

pub use error::PolicyError;
pub use load::RuleSet;
pub use pack::Pack;
pub use rule::{Rule, RulePart};
