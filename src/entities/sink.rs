//! Setting attributes together with their facts: the [`Sink`] trait is implemented by an
//! entity's attributes and by the fields of a record attribute, so that nested values keep
//! their display text and span under their full path (`contract.dpa.signed`).

use std::ops::Range;

use cedar_policy::{EntityUid, RestrictedExpression};
use jiff::civil::Date;

use crate::facts::calendar::add_months;
use crate::source::Located;
use crate::tenant::model::Moment;
use crate::tenant::model::choice::Choice;

use super::builder::{AttrBuilder, EntityError, Fact, date, moment};

/// Somewhere attributes go: an entity's attributes, or the fields of a record attribute. Every
/// value is set together with its fact (display text and span), under its full path.
pub(crate) trait Sink {
    /// Sets `key` to `value`, with the fact shown as `display` at `span` and `related`
    /// locations.
    fn put_related(
        &mut self,
        key: &str,
        value: RestrictedExpression,
        display: String,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    );

    /// Sets `key` to `value`, with the fact shown as `display` at `span`.
    fn put(
        &mut self,
        key: &str,
        value: RestrictedExpression,
        display: String,
        span: Option<Range<usize>>,
    ) {
        self.put_related(key, value, display, span, Vec::new());
    }

    /// The facts collected so far, and the path prefix of this sink (`""` or `contract.dpa`).
    fn facts_and_prefix(&mut self) -> (&mut Vec<(String, Fact)>, String);

    /// Records a fact at `key` without setting a value (e.g. where an absent fact belongs).
    fn note_at(&mut self, key: &str, display: &str, span: Option<Range<usize>>) {
        self.note_related(key, display, span, Vec::new());
    }

    /// Records a fact with related locations at `key` without setting a value.
    fn note_related(
        &mut self,
        key: &str,
        display: &str,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    ) {
        let (facts, prefix) = self.facts_and_prefix();
        facts.push((
            join(&prefix, key),
            Fact {
                display: display.to_owned(),
                span,
                related,
            },
        ));
    }

    /// A string.
    fn str_at(&mut self, key: &str, value: &str, span: Option<Range<usize>>) {
        self.put(
            key,
            RestrictedExpression::new_string(value.to_owned()),
            value.to_owned(),
            span,
        );
    }

    /// A boolean.
    fn bool_at(&mut self, key: &str, value: bool, span: Option<Range<usize>>) {
        self.put(
            key,
            RestrictedExpression::new_bool(value),
            value.to_string(),
            span,
        );
    }

    /// A whole number.
    fn long_at(&mut self, key: &str, value: i64, span: Option<Range<usize>>) {
        self.put(
            key,
            RestrictedExpression::new_long(value),
            value.to_string(),
            span,
        );
    }

    /// A set of strings.
    fn strs_at<'v>(
        &mut self,
        key: &str,
        values: impl IntoIterator<Item = &'v str>,
        span: Option<Range<usize>>,
    ) {
        let values: Vec<&str> = values.into_iter().collect();
        let display = values.join(", ");
        self.put(
            key,
            RestrictedExpression::new_set(
                values
                    .iter()
                    .map(|v| RestrictedExpression::new_string((*v).to_owned())),
            ),
            display,
            span,
        );
    }

    /// An optional string.
    fn opt_str(&mut self, key: &str, value: &Option<Located<String>>) {
        if let Some(v) = value {
            self.str_at(key, &v.value, Some(v.span.clone()));
        }
    }

    /// An optional boolean.
    fn opt_bool(&mut self, key: &str, value: &Option<Located<bool>>) {
        if let Some(v) = value {
            self.bool_at(key, v.value, Some(v.span.clone()));
        }
    }

    /// An optional whole number.
    fn opt_long(&mut self, key: &str, value: &Option<Located<i64>>) {
        if let Some(v) = value {
            self.long_at(key, v.value, Some(v.span.clone()));
        }
    }

    /// An optional date.
    fn opt_date(&mut self, key: &str, value: &Option<Located<Date>>) {
        if let Some(v) = value {
            self.put(
                key,
                date(v.value),
                v.value.to_string(),
                Some(v.span.clone()),
            );
        }
    }

    /// The date `months` calendar months after `event` (before it, when negative), counted as
    /// `facts::calendar::add_months` does, at the event's span; absent with the event (or
    /// beyond the calendar).
    fn months_after(&mut self, key: &str, event: Option<&Located<Date>>, months: i32) {
        if let Some(event) = event
            && let Ok(day) = add_months(event.value, months)
        {
            self.put(key, date(day), day.to_string(), Some(event.span.clone()));
        }
    }

    /// An optional point in time.
    fn opt_moment(&mut self, key: &str, value: &Option<Located<Moment>>) {
        if let Some(v) = value {
            let display = v.value.local.strftime("%Y-%m-%d %H:%M").to_string();
            self.put(key, moment(v.value), display, Some(v.span.clone()));
        }
    }

    /// An optional percentage as a Cedar `decimal`.
    fn opt_decimal(&mut self, key: &str, value: &Option<Located<String>>) {
        if let Some(v) = value {
            let display = format!("{}%", v.value.trim_end_matches('0').trim_end_matches('.'));
            self.put(
                key,
                RestrictedExpression::new_decimal(v.value.clone()),
                display,
                Some(v.span.clone()),
            );
        }
    }

    /// An optional value of a closed enum, as its string.
    fn opt_pick<T: Choice>(&mut self, key: &str, value: &Option<Located<T>>) {
        if let Some(v) = value {
            self.str_at(key, v.value.as_str(), Some(v.span.clone()));
        }
    }

    /// An optional set of strings.
    fn opt_strs(&mut self, key: &str, value: &Option<Located<Vec<Located<String>>>>) {
        if let Some(v) = value {
            self.strs_at(
                key,
                v.value.iter().map(|s| s.value.as_str()),
                Some(v.span.clone()),
            );
        }
    }

    /// An optional set of closed-enum values.
    fn opt_picks<T: Choice>(&mut self, key: &str, value: &Option<Located<Vec<Located<T>>>>) {
        if let Some(v) = value {
            self.strs_at(
                key,
                v.value.iter().map(|s| s.value.as_str()),
                Some(v.span.clone()),
            );
        }
    }

    /// A record attribute whose fields `fill` sets; their facts are kept under `key.field`.
    fn record(
        &mut self,
        key: &str,
        span: Option<Range<usize>>,
        fill: impl FnOnce(&mut Rec<'_>) -> Result<(), EntityError>,
    ) -> Result<(), EntityError> {
        let (facts, prefix) = self.facts_and_prefix();
        let mut rec = Rec {
            prefix: join(&prefix, key),
            fields: Vec::new(),
            facts,
        };
        fill(&mut rec)?;
        let fields = std::mem::take(&mut rec.fields);
        let value = RestrictedExpression::new_record(fields).map_err(EntityError::new)?;
        self.put(key, value, key.to_owned(), span);
        Ok(())
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The fields of a record attribute under construction.
pub(crate) struct Rec<'f> {
    prefix: String,
    fields: Vec<(String, RestrictedExpression)>,
    facts: &'f mut Vec<(String, Fact)>,
}

impl Sink for Rec<'_> {
    fn put_related(
        &mut self,
        key: &str,
        value: RestrictedExpression,
        display: String,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    ) {
        self.fields.push((key.to_owned(), value));
        self.facts.push((
            join(&self.prefix, key),
            Fact {
                display,
                span,
                related,
            },
        ));
    }

    fn facts_and_prefix(&mut self) -> (&mut Vec<(String, Fact)>, String) {
        (self.facts, self.prefix.clone())
    }
}

impl Sink for AttrBuilder {
    fn put_related(
        &mut self,
        key: &str,
        value: RestrictedExpression,
        display: String,
        span: Option<Range<usize>>,
        related: Vec<(Range<usize>, String)>,
    ) {
        AttrBuilder::put_related(self, key, value, display, span, related);
    }

    fn facts_and_prefix(&mut self) -> (&mut Vec<(String, Fact)>, String) {
        (self.facts_mut(), String::new())
    }
}

/// An entity-reference value.
pub(crate) fn entity_ref(uid: EntityUid) -> RestrictedExpression {
    RestrictedExpression::new_entity_uid(uid)
}
