//! obligo: checks tenant configuration files against contract obligations written as Cedar
//! policies, and reports each violation at the line that causes it.
//!
//! The library does no terminal I/O; the `obligo` binary is a thin layer over it.

pub mod accept;
pub mod baseline;
pub mod check;
pub mod config;
pub mod convert;
pub mod discover;
pub mod entities;
pub mod eval;
pub mod exit;
pub mod facts;
pub mod finding;
pub mod limits;
pub mod problem;
pub mod render;
pub mod rule_tests;
pub mod rules;
pub mod severity;
pub mod shard;
pub mod source;
pub mod suggest;
pub mod tenant;
