//! Derived facts that Cedar cannot compute: reference data (countries, zones, adequacy
//! decisions, cloud regions, OS lifecycles) and calendar arithmetic.

pub mod calendar;
pub(crate) mod index;
pub mod reference;
