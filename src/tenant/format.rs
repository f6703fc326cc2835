//! The tenant file format, declared once: every table and key with its type, whether it is
//! required, its default, a line of documentation and the Cedar attribute it becomes.
//!
//! The declaration is data (`static` tables in [`tables`]), not a macro that generates the
//! model. The reader interleaves semantic checks with reading (references, reference data,
//! closed sets, values that are a boolean or a name), and the entity builder maps the model
//! field by field; generating both from a macro would hide that logic behind macro syntax
//! without removing any of it. Data that the reader, the tests and the generators consume
//! keeps each concern in plain Rust and still leaves one place to add a key:
//!
//! - the strict reader ([`crate::tenant::reader::Table`]) takes the keys a table allows, and
//!   the suggestions for a misspelt one, from its declaration, and a test reads every declared
//!   table to check that the reader asks for exactly the declared keys, no more and no fewer;
//! - a test checks the declared Cedar attributes against `policies/schema.cedarschema`: each
//!   exists on the entity or record type, and each attribute of that type is declared by a key
//!   or listed as computed by the entity builder.
//!
//! - `obligo schema` prints the declaration as a JSON Schema for editors ([`json_schema`]), and
//!   the key tables of docs/format.md and docs/vocabulary.md are generated from it
//!   ([`format_reference`], [`vocabulary_reference`]).
//!
//! This module knows nothing of Cedar beyond attribute names.

mod json_schema;
mod markdown;
mod tables;
#[cfg(test)]
mod tests;

pub use json_schema::json_schema;
pub use markdown::{format_reference, vocabulary_reference};

pub(crate) use tables::{EVIDENCE_FILE, TENANT_FILE};

use crate::tenant::model::choice::Choice;

/// One table of the file (or the top level of a file).
#[derive(Debug)]
pub(crate) struct TableDecl {
    /// How messages name it; the key it is read from for a nested table.
    pub(crate) name: &'static str,
    /// The Cedar entity or record type its keys become attributes of, if any.
    pub(crate) cedar: Option<&'static str>,
    /// Attributes of that type that no key declares: the entity builder computes them.
    pub(crate) computed: &'static [&'static str],
    /// Its keys, in the order the reader asks for them, in groups so that tables that share
    /// keys (systems and data stores) share their declaration.
    pub(crate) keys: &'static [&'static [KeyDecl]],
}

impl TableDecl {
    /// The declaration of `name`, if the table has that key.
    pub(crate) fn key(&self, name: &str) -> Option<&'static KeyDecl> {
        self.keys().find(|k| k.name == name)
    }

    /// Its keys, in declaration order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &'static KeyDecl> + Clone + use<> {
        self.keys.iter().copied().flatten()
    }

    /// The keys' names, in declaration order.
    pub(crate) fn key_names(&self) -> impl Iterator<Item = &'static str> + Clone + use<> {
        self.keys().map(|k| k.name)
    }
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct KeyDecl {
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
    pub(crate) required: bool,
    /// What an absent value means, as written in the file (`false`, `true`), when it means
    /// something other than "not declared".
    pub(crate) default: Option<&'static str>,
    /// One line of documentation (Markdown).
    pub(crate) doc: &'static str,
    /// The Cedar attribute its value becomes on the table's type, if any.
    pub(crate) cedar: Option<&'static str>,
}

impl KeyDecl {
    const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    const fn default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }

    const fn cedar(mut self, attribute: &'static str) -> Self {
        self.cedar = Some(attribute);
        self
    }
}

/// A key that is optional, has no default and no Cedar attribute until said otherwise.
const fn key(name: &'static str, ty: Ty, doc: &'static str) -> KeyDecl {
    KeyDecl {
        name,
        ty,
        required: false,
        default: None,
        doc,
        cedar: None,
    }
}

/// The type of a key's value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ty {
    String,
    /// A non-empty string that names the table among its kind.
    Id,
    Email,
    /// A network address (not validated).
    Address,
    Bool,
    /// `true`, `false` or a name (an extended-support tier).
    BoolOrName,
    /// A date (TOML date or date-time; an RFC 3339 string in JSON and YAML).
    Date,
    /// A date or a date-time, kept to the minute when it has one.
    Moment,
    /// A whole number, zero or more.
    Count,
    /// A percentage, written as a number or a string such as `"99.95"`.
    Percent,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    Strings,
    Emails,
    Countries,
    /// One value of a closed set.
    Enum(fn() -> Vec<&'static str>),
    /// A list of values of a closed set.
    Enums(fn() -> Vec<&'static str>),
    Table(&'static TableDecl),
    /// An array of tables (`[[key]]`).
    Tables(&'static TableDecl),
}

impl Ty {
    /// The declaration of the nested table(s) a key of this type holds.
    pub(crate) fn table(self) -> Option<&'static TableDecl> {
        match self {
            Ty::Table(t) | Ty::Tables(t) => Some(t),
            _ => None,
        }
    }
}

/// The spellings of a closed set, for [`Ty::Enum`].
fn names<T: Choice>() -> Vec<&'static str> {
    T::all().iter().map(|(name, _)| *name).collect()
}

/// Every table reachable from `root`, each once, parents first.
pub(crate) fn all_tables(root: &'static TableDecl) -> Vec<&'static TableDecl> {
    let mut out: Vec<&'static TableDecl> = vec![root];
    let mut i = 0;
    while let Some(table) = out.get(i).copied() {
        for child in table.keys().filter_map(|k| k.ty.table()) {
            if !out.iter().any(|t| std::ptr::eq(*t, child)) {
                out.push(child);
            }
        }
        i += 1;
    }
    out
}
