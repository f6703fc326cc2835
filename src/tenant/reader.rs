//! A strict reader over a span-preserving TOML tree. Each table remembers the keys that were
//! asked of it; whatever else it holds is an unknown key, reported with a suggestion from the
//! keys that were asked. Errors are collected, not returned early, so one run shows them all.

use std::cell::RefCell;
use std::ops::Range;

use jiff::civil::Date;
use toml::de::DeTable;

use crate::limits::{self, Syntax};
use crate::source::{Located, SourceFile, Sources};
use crate::suggest;
use crate::tenant::error::{InputError, InputErrorKind};
use crate::tenant::format::TableDecl;
use crate::tenant::model::Moment;
use crate::tenant::model::choice::Choice;
use crate::tenant::tree::{self, Document, Format, Map, Node, Value};

/// Collects the errors found while reading one file (and the evidence files it includes).
pub(crate) struct Cx<'a> {
    pub(crate) file: &'a SourceFile,
    /// Where each offset points: the file, and any file it includes.
    sources: RefCell<Sources>,
    errors: RefCell<Vec<InputError>>,
    /// Errors past [`limits::MAX_ERRORS_PER_FILE`], counted but not kept.
    more: std::cell::Cell<usize>,
    /// Dates are written as strings (JSON, YAML).
    dates_are_strings: bool,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(file: &'a SourceFile) -> Self {
        Self::with_sources(file, Sources::new(file.clone()))
    }

    /// A context for reading `file` whose offsets are those of `sources`: an included file,
    /// read at the offsets its including tenant gave it.
    pub(crate) fn with_sources(file: &'a SourceFile, sources: Sources) -> Self {
        Self {
            file,
            sources: RefCell::new(sources),
            errors: RefCell::new(Vec::new()),
            more: std::cell::Cell::new(0),
            dates_are_strings: Format::of(file.path()).dates_are_strings(),
        }
    }

    pub(crate) fn report(&self, span: Range<usize>, kind: InputErrorKind) {
        let sources = self.sources.borrow();
        let here = sources.location(span);
        let kind = match kind {
            // The first declaration may be in another file than the second: name it in full.
            InputErrorKind::DuplicateId { kind, id, first } => {
                let first = sources.location(first);
                if first.file.path() == here.file.path() {
                    InputErrorKind::DuplicateId {
                        kind,
                        id,
                        first: first.span,
                    }
                } else {
                    let (line, column) = first.start();
                    InputErrorKind::DuplicateIdElsewhere {
                        kind,
                        id,
                        first: format!("{}:{line}:{column}", first.file.name()),
                    }
                }
            }
            kind => kind,
        };
        let mut errors = self.errors.borrow_mut();
        if errors.len() < limits::MAX_ERRORS_PER_FILE {
            errors.push(InputError::at(&here.file, here.span, kind));
        } else {
            self.more.set(self.more.get() + 1);
        }
    }

    /// Adds an included file; returns the offset its text must be read at.
    pub(crate) fn add_source(&self, file: SourceFile) -> usize {
        self.sources.borrow_mut().add(file)
    }

    /// Takes over errors found elsewhere (in an included file).
    pub(crate) fn absorb(&self, errors: Vec<InputError>) {
        let mut kept = self.errors.borrow_mut();
        let room = limits::MAX_ERRORS_PER_FILE.saturating_sub(kept.len());
        self.more
            .set(self.more.get() + errors.len().saturating_sub(room));
        kept.extend(errors.into_iter().take(room));
    }

    pub(crate) fn sources(&self) -> Sources {
        self.sources.borrow().clone()
    }

    pub(crate) fn into_errors(self) -> Vec<InputError> {
        let mut errors = self.errors.into_inner();
        errors.sort_by(|a, b| {
            (a.file.name(), a.span.as_ref().map(|s| s.start))
                .cmp(&(b.file.name(), b.span.as_ref().map(|s| s.start)))
        });
        if self.more.get() > 0 {
            errors.push(InputError::whole_file(
                self.file,
                InputErrorKind::TooManyErrors {
                    more: self.more.get(),
                    shown: limits::MAX_ERRORS_PER_FILE,
                },
            ));
        }
        errors
    }
}

/// One table being read.
pub(crate) struct Table<'a, 'i> {
    cx: &'a Cx<'a>,
    table: &'a Map<'i>,
    span: Range<usize>,
    /// How messages name the table, e.g. `[[system]]` or `hosting`.
    name: String,
    asked: Vec<&'static str>,
    /// Keys the caller reported itself ([`Table::claim`]): not unknown, not suggested.
    claimed: Vec<&'static str>,
    /// Set by [`Table::entries`]: the caller owns every key.
    all_asked: bool,
    /// The table's declaration in the tenant format, which fixes the keys it allows; `None`
    /// for files that are not tenant files (`obligo.toml`, baselines).
    decl: Option<&'static TableDecl>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub(crate) fn new(
        cx: &'a Cx<'a>,
        table: &'a Map<'i>,
        span: Range<usize>,
        name: impl Into<String>,
    ) -> Self {
        Self {
            cx,
            table,
            span,
            name: name.into(),
            asked: Vec::new(),
            claimed: Vec::new(),
            all_asked: false,
            decl: None,
        }
    }

    /// The top-level table of a document.
    pub(crate) fn root(cx: &'a Cx<'a>, document: &'a Document<'i>, name: &str) -> Self {
        Self::new(cx, &document.root, document.span.clone(), name)
    }

    /// The same table, whose allowed keys (and suggestions) come from `decl`.
    pub(crate) fn declared(mut self, decl: &'static TableDecl) -> Self {
        self.decl = Some(decl);
        self
    }

    /// A nested table read from `key`, declared by this table's declaration of `key`.
    fn child(&self, key: &str, node: &'a Map<'i>, span: Range<usize>, name: &str) -> Self {
        let mut child = Table::new(self.cx, node, span, name);
        child.decl = self
            .decl
            .and_then(|d| d.key(key))
            .and_then(|k| k.ty.table());
        child
    }

    pub(crate) fn cx(&self) -> &'a Cx<'a> {
        self.cx
    }

    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Whether the table has `key`; does not count as asking for it.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The span of the value at `key`, if present; does not count as asking for it.
    pub(crate) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get(key).map(|v| v.span.clone())
    }

    /// The span of the name of `key`, if present, which the caller reports itself: it is then
    /// neither an unknown key nor a suggestion for one.
    pub(crate) fn claim(&mut self, key: &'static str) -> Option<Range<usize>> {
        let (name, _) = self.table.entry(key)?;
        self.claimed.push(key);
        Some(name.span.clone())
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Node<'i>> {
        self.asked.push(key);
        self.table.get(key)
    }

    fn wrong_type(&self, key: &str, expected: &'static str, value: &Node<'_>) {
        self.cx.report(
            value.span.clone(),
            InputErrorKind::WrongType {
                key: key.to_owned(),
                expected,
                found: value.value.type_str(),
            },
        );
    }

    fn missing(&self, key: &str) {
        self.cx.report(
            self.span.clone(),
            InputErrorKind::MissingKey {
                key: key.to_owned(),
                table: self.name.clone(),
            },
        );
    }

    /// An optional string.
    pub(crate) fn string(&mut self, key: &'static str) -> Option<Located<String>> {
        let value = self.get(key)?;
        match &value.value {
            Value::String(s) => self.bounded(key, s, value.span.clone()),
            _ => {
                self.wrong_type(key, "a string", value);
                None
            }
        }
    }

    /// A string within [`limits::MAX_STRING_BYTES`]: a longer one is an error, so that no
    /// value can blow up every output that repeats it.
    fn bounded(&self, key: &str, text: &str, span: Range<usize>) -> Option<Located<String>> {
        if text.len() > limits::MAX_STRING_BYTES {
            // The label goes on the opening quote: outputs that quote the labelled text (SARIF
            // snippets) must not repeat the whole value.
            self.cx.report(
                span.start..span.start + 1,
                InputErrorKind::TooLong {
                    key: key.to_owned(),
                    limit: limits::size(limits::MAX_STRING_BYTES as u64),
                },
            );
            return None;
        }
        Some(Located::new(text.to_owned(), span))
    }

    /// An optional string that `valid` accepts; otherwise an error saying it must be
    /// `expected`.
    fn checked_string(
        &mut self,
        key: &'static str,
        expected: &'static str,
        valid: fn(&str) -> bool,
    ) -> Option<Located<String>> {
        let value = self.string(key)?;
        if valid(&value.value) {
            return Some(value);
        }
        self.cx.report(
            value.span,
            InputErrorKind::InvalidValue {
                key: key.to_owned(),
                expected,
                found: value.value.escape_debug().to_string(),
            },
        );
        None
    }

    /// An optional IPv4 or IPv6 address, as the standard library reads one.
    pub(crate) fn ip_address(&mut self, key: &'static str) -> Option<Located<String>> {
        self.checked_string(key, "an IPv4 or IPv6 address", |s| {
            s.parse::<std::net::IpAddr>().is_ok()
        })
    }

    /// An optional e-mail address: `local@domain.tld`, without spaces. A malformed address is
    /// an input error like a malformed IP address, not a finding: it is a typo in the file, and
    /// a rule that sees it could only guess what was meant.
    pub(crate) fn email(&mut self, key: &'static str) -> Option<Located<String>> {
        self.checked_string(key, EMAIL_EXPECTED, is_email)
    }

    /// An optional array of e-mail addresses; each malformed one is an error at that element.
    pub(crate) fn emails(&mut self, key: &'static str) -> Option<Located<Vec<Located<String>>>> {
        let list = self.strings(key)?;
        let (valid, invalid): (Vec<_>, Vec<_>) =
            list.value.into_iter().partition(|a| is_email(&a.value));
        for address in invalid {
            self.cx.report(
                address.span,
                InputErrorKind::InvalidValue {
                    key: key.to_owned(),
                    expected: EMAIL_EXPECTED,
                    found: address.value.escape_debug().to_string(),
                },
            );
        }
        Some(Located::new(valid, list.span))
    }

    /// A required string.
    pub(crate) fn required_string(&mut self, key: &'static str) -> Option<Located<String>> {
        if !self.has(key) {
            self.asked.push(key);
            self.missing(key);
            return None;
        }
        self.string(key)
    }

    /// A required, non-empty id of at most [`limits::MAX_ID_CHARS`] characters, without
    /// control or invisible characters (two ids that look the same must be the same id).
    pub(crate) fn id(&mut self, key: &'static str) -> Option<Located<String>> {
        let id = self.required_string(key)?;
        let problem = if id.value.trim().is_empty() {
            InputErrorKind::Inconsistent(format!("`{key}` must not be empty"))
        } else if id.value.chars().count() > limits::MAX_ID_CHARS {
            InputErrorKind::TooLong {
                key: key.to_owned(),
                limit: format!("{} characters", limits::MAX_ID_CHARS),
            }
        } else if let Some(c) = id.value.chars().find(|&c| is_invisible(c)) {
            InputErrorKind::Inconsistent(format!(
                "`{key}` contains the invisible character {}: ids are written in visible \
                 characters",
                c.escape_unicode()
            ))
        } else {
            return Some(id);
        };
        self.cx.report(id.span, problem);
        None
    }

    /// An optional boolean.
    pub(crate) fn bool(&mut self, key: &'static str) -> Option<Located<bool>> {
        let value = self.get(key)?;
        match &value.value {
            Value::Bool(b) => Some(Located::new(*b, value.span.clone())),
            _ => {
                self.wrong_type(key, "`true` or `false`", value);
                None
            }
        }
    }

    /// An optional value that is a boolean or a string (`extended_support = true` or
    /// `extended_support = "esu"`): `Ok` holds the boolean, `Err` the string.
    pub(crate) fn bool_or_string(
        &mut self,
        key: &'static str,
    ) -> Option<Located<Result<bool, String>>> {
        let value = self.get(key)?;
        match &value.value {
            Value::Bool(b) => Some(Located::new(Ok(*b), value.span.clone())),
            Value::String(s) => Some(Located::new(Err(s.to_string()), value.span.clone())),
            _ => {
                self.wrong_type(key, "`true`, `false` or a tier name", value);
                None
            }
        }
    }

    /// Every entry of a table whose keys are chosen by the user (a map), in file order; the
    /// caller validates keys and values. Counts as asking for every key.
    pub(crate) fn entries(&mut self) -> Vec<(Located<String>, &'a Node<'i>)> {
        let mut entries: Vec<_> = self
            .table
            .entries
            .iter()
            .map(|(key, value)| (Located::new(key.name.to_string(), key.span.clone()), value))
            .collect();
        entries.sort_by_key(|(key, _)| key.span.start);
        self.asked.clear();
        self.all_asked = true;
        entries
    }

    /// An optional calendar date: a TOML local date, local date-time or offset date-time (the
    /// date as written, in its own offset).
    pub(crate) fn date(&mut self, key: &'static str) -> Option<Located<Date>> {
        let value = self.get(key)?;
        let found = match self.datetime(&value.value) {
            Ok(dt) => match dt.date {
                Some(d) => match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                    Ok(date) => return Some(Located::new(date, value.span.clone())),
                    Err(_) => dt.to_string(),
                },
                None => format!("the time `{dt}` without a date"),
            },
            Err(found) => found,
        };
        self.cx.report(
            value.span.clone(),
            InputErrorKind::InvalidDate {
                key: key.to_owned(),
                found,
            },
        );
        None
    }

    /// The date or date-time a value holds: a TOML date value, or in JSON and YAML a string in
    /// RFC 3339's form (`2025-12-01`, `2025-12-01T10:00:00Z`). `Err` says what was found.
    fn datetime(&self, value: &Value<'_>) -> Result<toml::value::Datetime, String> {
        match value {
            Value::Datetime(dt) => Ok(*dt),
            Value::String(s) if self.cx.dates_are_strings => s.parse().map_err(|_| {
                format!(
                    "the string \"{s}\" (write a date as \"YYYY-MM-DD\" or an RFC 3339 date-time)"
                )
            }),
            Value::String(s) => Err(format!(
                "the string \"{s}\" (write the date without quotes)"
            )),
            other => Err(other.type_str().to_owned()),
        }
    }

    /// An optional non-negative whole number.
    pub(crate) fn count(&mut self, key: &'static str) -> Option<Located<i64>> {
        let value = self.get(key)?;
        match &value.value {
            Value::Integer(i) => match *i {
                Some(n) if n >= 0 => Some(Located::new(n, value.span.clone())),
                _ => {
                    self.cx.report(
                        value.span.clone(),
                        InputErrorKind::Inconsistent(format!(
                            "`{key}` must be a whole number of at least 0"
                        )),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, "a whole number", value);
                None
            }
        }
    }

    /// An optional percentage (0 to 100, at most four decimals), as Cedar `decimal` text.
    pub(crate) fn percent(&mut self, key: &'static str) -> Option<Located<String>> {
        let value = self.get(key)?;
        let number = match &value.value {
            Value::Float(f) => *f,
            Value::Integer(i) => i.map(|n| n as f64),
            _ => {
                self.wrong_type(key, "a number", value);
                return None;
            }
        };
        match number {
            Some(n) if (0.0..=100.0).contains(&n) => {
                Some(Located::new(format!("{n:.4}"), value.span.clone()))
            }
            _ => {
                self.cx.report(
                    value.span.clone(),
                    InputErrorKind::Inconsistent(format!(
                        "`{key}` must be a percentage between 0 and 100"
                    )),
                );
                None
            }
        }
    }

    /// An optional point in time: an offset date-time, a local date-time (read as UTC) or a
    /// date (midnight UTC). The local time as written is kept as well.
    pub(crate) fn moment(&mut self, key: &'static str) -> Option<Located<Moment>> {
        let value = self.get(key)?;
        let found = match self.datetime(&value.value) {
            Ok(dt) => match moment(&dt) {
                Some(moment) => return Some(Located::new(moment, value.span.clone())),
                None => match dt.date {
                    Some(_) => dt.to_string(),
                    None => format!("the time `{dt}` without a date"),
                },
            },
            Err(found) => found,
        };
        self.cx.report(
            value.span.clone(),
            InputErrorKind::InvalidDate {
                key: key.to_owned(),
                found,
            },
        );
        None
    }

    /// An optional array of strings, each one of `choices`.
    pub(crate) fn choices<T: Copy>(
        &mut self,
        key: &'static str,
        what: &'static str,
        choices: &[(&'static str, T)],
    ) -> Option<Located<Vec<Located<T>>>> {
        let strings = self.strings(key)?;
        let mut values = Vec::new();
        for value in strings.value {
            match choices.iter().find(|(name, _)| *name == value.value) {
                Some((_, choice)) => values.push(Located::new(*choice, value.span)),
                None => {
                    let names = choices.iter().map(|(name, _)| *name);
                    self.cx.report(
                        value.span,
                        InputErrorKind::UnknownValue {
                            what,
                            suggestion: suggest::closest(&value.value, names.clone())
                                .map(str::to_owned),
                            allowed: names.map(str::to_owned).collect(),
                            value: value.value,
                        },
                    );
                }
            }
        }
        Some(Located::new(values, strings.span))
    }

    /// An optional string that must be one of `choices`.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        key: &'static str,
        what: &'static str,
        choices: &[(&'static str, T)],
    ) -> Option<Located<T>> {
        let value = self.string(key)?;
        match choices.iter().find(|(name, _)| *name == value.value) {
            Some((_, choice)) => Some(Located::new(*choice, value.span)),
            None => {
                let names = choices.iter().map(|(name, _)| *name);
                self.cx.report(
                    value.span,
                    InputErrorKind::UnknownValue {
                        what,
                        suggestion: suggest::closest(&value.value, names.clone())
                            .map(str::to_owned),
                        allowed: names.map(str::to_owned).collect(),
                        value: value.value,
                    },
                );
                None
            }
        }
    }

    /// An optional value of a closed enum.
    pub(crate) fn pick<T: Choice>(&mut self, key: &'static str) -> Option<Located<T>> {
        self.choice(key, T::WHAT, T::all())
    }

    /// A required value of a closed enum.
    pub(crate) fn required_pick<T: Choice>(&mut self, key: &'static str) -> Option<Located<T>> {
        if !self.has(key) {
            self.asked.push(key);
            self.missing(key);
            return None;
        }
        self.pick(key)
    }

    /// A required date.
    pub(crate) fn required_date(&mut self, key: &'static str) -> Option<Located<Date>> {
        if !self.has(key) {
            self.asked.push(key);
            self.missing(key);
            return None;
        }
        self.date(key)
    }

    /// An optional array of values of a closed enum.
    pub(crate) fn picks<T: Choice>(
        &mut self,
        key: &'static str,
    ) -> Option<Located<Vec<Located<T>>>> {
        self.choices(key, T::WHAT, T::all())
    }

    /// An optional sub-table.
    pub(crate) fn table(&mut self, key: &'static str) -> Option<Table<'a, 'i>> {
        let value = self.get(key)?;
        match &value.value {
            Value::Table(t) => Some(self.child(key, t, value.span.clone(), key)),
            _ => {
                self.wrong_type(key, "a table", value);
                None
            }
        }
    }

    /// An optional array of tables, written inline or as `[[key]]` sections.
    pub(crate) fn tables(&mut self, key: &'static str, name: &str) -> Vec<Table<'a, 'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Value::Array(items) = &value.value else {
            self.wrong_type(key, "an array of tables", value);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for item in items.iter() {
            match &item.value {
                Value::Table(t) => tables.push(self.child(key, t, item.span.clone(), name)),
                _ => self.wrong_type(key, "an array of tables", item),
            }
        }
        tables
    }

    /// An optional array of tables, with the span of the whole array; `None` when absent.
    pub(crate) fn table_list(
        &mut self,
        key: &'static str,
        name: &str,
    ) -> Option<(Range<usize>, Vec<Table<'a, 'i>>)> {
        let span = self.key_span(key);
        let tables = self.tables(key, name);
        span.map(|span| (span, tables))
    }

    /// An optional array of strings.
    pub(crate) fn strings(&mut self, key: &'static str) -> Option<Located<Vec<Located<String>>>> {
        let value = self.get(key)?;
        let Value::Array(items) = &value.value else {
            self.wrong_type(key, "an array of strings", value);
            return None;
        };
        let mut strings = Vec::new();
        for item in items.iter() {
            match &item.value {
                Value::String(s) => strings.extend(self.bounded(key, s, item.span.clone())),
                _ => self.wrong_type(key, "an array of strings", item),
            }
        }
        Some(Located::new(strings, value.span.clone()))
    }

    /// Reports every key that was not asked for (for a declared table: that it does not
    /// declare), with the closest allowed key as a suggestion.
    pub(crate) fn finish(self) {
        if self.all_asked {
            return;
        }
        if let Some(decl) = self.decl {
            #[cfg(test)]
            declared::record(decl, &self.asked);
            self.report_unknown(decl.key_names());
            return;
        }
        let asked = self.asked.clone();
        self.report_unknown(asked.into_iter());
    }

    /// Reports every key of the table that is not in `allowed` nor claimed.
    fn report_unknown(&self, allowed: impl Iterator<Item = &'static str> + Clone) {
        let mut unknown: Vec<_> = self
            .table
            .entries
            .iter()
            .filter(|(key, _)| {
                let key: &str = &key.name;
                !allowed.clone().any(|k| k == key) && !self.claimed.contains(&key)
            })
            .collect();
        unknown.sort_by_key(|(key, _)| key.span.start);
        for (key, _) in unknown {
            let key_text: &str = &key.name;
            let mut names: Vec<String> = allowed.clone().map(str::to_owned).collect();
            names.sort();
            names.dedup();
            self.cx.report(
                key.span.clone(),
                InputErrorKind::UnknownKey {
                    key: key_text.to_owned(),
                    table: self.name.clone(),
                    suggestion: suggest::closest(key_text, allowed.clone()).map(str::to_owned),
                    allowed: names,
                },
            );
        }
    }
}

/// Parses a TOML document (a tenant file, `obligo.toml`, a baseline) into its tree, refusing text nested deeper than [`limits::MAX_NESTING`] before the parser, which
/// recurses per level, sees it. A syntax error is located where the parser says; the error
/// comes as a list, the form every reader reports its errors in.
pub(crate) fn document(file: &SourceFile) -> Result<Document<'_>, Vec<InputError>> {
    toml_document(file)
}

/// Parses a tenant or evidence file in its format ([`Format::of`] its path): one document in
/// TOML and JSON, one per document of a YAML stream.
pub(crate) fn documents(file: &SourceFile) -> Result<Vec<Document<'_>>, Vec<InputError>> {
    match Format::of(file.path()) {
        Format::Toml => toml_document(file).map(|d| vec![d]),
        Format::Json => tree::json::parse(file).map(|d| vec![d]),
        Format::Yaml => tree::yaml::parse(file),
    }
}

fn toml_document(file: &SourceFile) -> Result<Document<'_>, Vec<InputError>> {
    if let Some(error) = too_deep(file) {
        return Err(vec![error]);
    }
    match DeTable::parse(file.text()) {
        Ok(root) => Ok(tree::from_toml(&root)),
        Err(error) => {
            let kind = InputErrorKind::Syntax(error.message().trim().to_owned());
            Err(vec![match error.span() {
                Some(span) => InputError::at(file, span, kind),
                None => InputError::whole_file(file, kind),
            }])
        }
    }
}

/// An error at the first bracket nested deeper than [`limits::MAX_NESTING`], if any.
pub fn too_deep(file: &SourceFile) -> Option<InputError> {
    let offset = limits::too_deep(file.text(), Syntax::Toml, limits::MAX_NESTING)?;
    Some(InputError::at(
        file,
        offset..offset + 1,
        InputErrorKind::TooDeep {
            limit: limits::MAX_NESTING,
        },
    ))
}

const EMAIL_EXPECTED: &str = "an e-mail address such as `security@example.com`";

/// Whether `address` has the shape of a deliverable e-mail address: one `@`, a non-empty local
/// part, and a domain with a dot that neither starts nor ends it; no whitespace or control
/// characters. Deliberately not RFC 5322 (quoted local parts, comments, IP literals): contract
/// contacts are ordinary mailboxes, and a stricter check catches more typos.
fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

/// Control characters, and the format characters that draw nothing (zero-width spaces and
/// joiners, direction marks and overrides, the byte order mark, the soft hyphen).
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

fn moment(dt: &toml::value::Datetime) -> Option<Moment> {
    let d = dt.date?;
    let date = Date::new(d.year as i16, d.month as i8, d.day as i8).ok()?;
    let time = match dt.time {
        // A leap second (`23:59:60`) is read as the last second of its minute, as jiff reads
        // it in text: no rule turns on a single second, and `Date::at` would panic on it.
        Some(t) => jiff::civil::Time::new(
            t.hour as i8,
            t.minute as i8,
            t.second.unwrap_or(0).min(59) as i8,
            t.nanosecond.unwrap_or(0) as i32,
        )
        .ok()?,
        None => jiff::civil::Time::midnight(),
    };
    let local = date.to_datetime(time);
    let offset = match dt.offset {
        Some(toml::value::Offset::Custom { minutes }) => {
            jiff::tz::Offset::from_seconds(i32::from(minutes) * 60).ok()?
        }
        Some(toml::value::Offset::Z) | None => jiff::tz::Offset::UTC,
    };
    let utc = offset.to_timestamp(local).ok()?;
    Some(Moment { utc, local })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datetime(text: &str) -> toml::value::Datetime {
        text.parse().unwrap()
    }

    #[test]
    fn a_leap_second_is_the_last_second_of_its_minute() {
        let leap = moment(&datetime("2016-12-31T23:59:60Z")).unwrap();
        let before = moment(&datetime("2016-12-31T23:59:59Z")).unwrap();
        assert_eq!(leap, before);
        let local = moment(&datetime("2016-12-31T23:59:60.5")).unwrap();
        assert_eq!(local.local.second(), 59);
        assert_eq!(local.local.subsec_nanosecond(), 500_000_000);
    }

    #[test]
    fn e_mail_addresses_have_one_at_and_a_dotted_domain() {
        for ok in ["a@b.example", "first.last+tag@mail.acme.example"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "security team",
            "@acme.example",
            "a@acme",
            "a@.acme.example",
            "a@acme.example.",
            "a@b@acme.example",
            "a@acme..example",
            "a b@acme.example",
            "a@acme.example\u{1b}",
            "a\u{200b}@acme.example",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }
}

/// What the reader asked of each declared table, kept by tests that compare it with the
/// declaration.
#[cfg(test)]
pub(crate) mod declared {
    use std::cell::RefCell;
    use std::collections::BTreeSet;

    use crate::tenant::format::TableDecl;

    thread_local! {
        static ASKED: RefCell<Vec<(&'static TableDecl, BTreeSet<&'static str>)>> =
            const { RefCell::new(Vec::new()) };
    }

    pub(super) fn record(decl: &'static TableDecl, asked: &[&'static str]) {
        ASKED.with(|a| a.borrow_mut().push((decl, asked.iter().copied().collect())));
    }

    /// Every table finished on this thread since the last call, with the keys asked of it.
    pub(crate) fn take() -> Vec<(&'static TableDecl, BTreeSet<&'static str>)> {
        ASKED.with(|a| std::mem::take(&mut *a.borrow_mut()))
    }
}
