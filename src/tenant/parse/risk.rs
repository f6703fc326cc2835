//! `[[accepted_risk]]`: read strictly. Every field but `reference` is required, because an
//! acceptance nobody owns, without a reason or without an end is exactly what the table exists
//! to prevent; whether the rule exists and may be accepted is checked against the rules later
//! (see `crate::accept`).

use crate::source::Located;
use crate::tenant::error::InputErrorKind;
use crate::tenant::model::AcceptedRisk;
use crate::tenant::reader::Table;

pub(super) fn read_accepted_risk(mut t: Table<'_, '_>) -> Option<AcceptedRisk> {
    let rule = filled(&mut t, "rule");
    let resource = filled(&mut t, "resource");
    let reason = filled(&mut t, "reason");
    let accepted_by = filled(&mut t, "accepted_by");
    let accepted_on = t.required_date("accepted_on");
    let expires = t.required_date("expires");
    let reference = t.string("reference");
    let span = t.span();
    let cx = t.cx();
    t.finish();
    let (accepted_on, expires) = (accepted_on?, expires?);
    if expires.value < accepted_on.value {
        cx.report(
            expires.span.clone(),
            InputErrorKind::Inconsistent(format!(
                "`expires` ({}) is before `accepted_on` ({})",
                expires.value, accepted_on.value
            )),
        );
        return None;
    }
    Some(AcceptedRisk {
        rule: rule?,
        resource: resource?,
        reason: reason?,
        accepted_by: accepted_by?,
        accepted_on,
        expires,
        reference,
        span,
    })
}

/// A required string with something in it: an empty reason or owner is no reason or owner.
fn filled(t: &mut Table<'_, '_>, key: &'static str) -> Option<Located<String>> {
    let value = t.required_string(key)?;
    if value.value.trim().is_empty() {
        t.cx().report(
            value.span,
            InputErrorKind::Inconsistent(format!("`{key}` must not be empty")),
        );
        return None;
    }
    Some(value)
}
