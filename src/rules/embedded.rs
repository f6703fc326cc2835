//! The policy packs compiled into the binary from `policies/`.

/// Every embedded policy file as (path relative to `policies/`, text), sorted by path.
pub static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/policies.rs"));

/// The path of the schema inside the packs.
pub const SCHEMA_PATH: &str = "schema.cedarschema";
