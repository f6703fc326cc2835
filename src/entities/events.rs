//! `Incident`, `Request`, `Notice`, `Maintenance` and `Availability` entities, with the delays
//! Rust derives between their points in time.

use cedar_policy::RestrictedExpression;
use jiff::ToSpan;

use crate::source::Located;
use crate::tenant::model::Moment;
use crate::tenant::model::contract::Contract;
use crate::tenant::model::events::{Maintenance, MaintenanceKind, NoticeField};

use super::Build;
use super::builder::{AttrBuilder, EntityError, uid};
use super::processing::{days_between, months_between};
use super::sink::{Sink, entity_ref};

/// Minutes from `a` to `b`, shown as hours and minutes, at `b`'s span.
fn minutes_between(
    e: &mut AttrBuilder,
    key: &str,
    a: &Option<Located<Moment>>,
    b: &Option<Located<Moment>>,
) {
    if let (Some(a), Some(b)) = (a, b) {
        let minutes = (b.value.utc.as_second() - a.value.utc.as_second()).div_euclid(60);
        e.put(
            key,
            RestrictedExpression::new_long(minutes),
            format!("{}h{:02}m", minutes / 60, (minutes % 60).abs()),
            Some(b.span.clone()),
        );
    }
}

/// What a breach notice covers: the items it gave and those it said were not known yet. Breach
/// clauses ask for most items only "as far as known", so an item declared unknown is covered.
/// Present only when the notice's content (`notification_fields`) is declared.
fn notification_covered(
    e: &mut AttrBuilder,
    given: &Option<Located<Vec<Located<NoticeField>>>>,
    unknown: &Option<Located<Vec<Located<NoticeField>>>>,
) {
    let Some(given) = given else { return };
    let mut covered: Vec<&str> = given.value.iter().map(|f| f.value.as_str()).collect();
    covered.extend(
        unknown
            .iter()
            .flat_map(|u| u.value.iter().map(|f| f.value.as_str())),
    );
    covered.sort_unstable();
    covered.dedup();
    e.strs_at("notification_covered", covered, Some(given.span.clone()));
}

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for i in &tenant.incidents {
        build.add("Incident", "incident", &i.id, |e, _| {
            e.str_at("contract", &i.contract.value, Some(i.contract.span.clone()));
            e.opt_pick("kind", &Some(i.kind.clone()));
            e.opt_pick("source", &i.source);
            e.opt_bool("confirmed", &i.confirmed);
            e.opt_bool("risk_unlikely", &i.risk_unlikely);
            e.opt_moment("aware", &i.aware);
            e.opt_moment("notified", &i.notified);
            e.opt_moment("reported_to_provider", &i.reported_to_provider);
            e.opt_moment("reported_to_authority", &i.reported_to_authority);
            e.opt_picks("notification_fields", &i.notification_fields);
            e.opt_picks("notification_unknown", &i.notification_unknown);
            notification_covered(e, &i.notification_fields, &i.notification_unknown);
            e.opt_picks("register_fields", &i.register_fields);
            e.opt_long("followups", &i.followups);
            e.opt_long("response_minutes", &i.response_minutes);
            minutes_between(e, "notify_delay_minutes", &i.aware, &i.notified);
            minutes_between(e, "report_delay_minutes", &i.aware, &i.reported_to_provider);
            minutes_between(
                e,
                "authority_delay_minutes",
                &i.aware,
                &i.reported_to_authority,
            );
            Ok(())
        })?;
    }
    for r in &tenant.requests {
        build.add("Request", "request", &r.id, |e, cx| {
            e.str_at("contract", &r.contract.value, Some(r.contract.span.clone()));
            e.opt_pick("kind", &Some(r.kind.clone()));
            e.opt_moment("received", &r.received);
            e.opt_moment("answered", &r.answered);
            e.opt_moment("notified", &r.notified);
            e.opt_date("planned", &r.planned);
            e.opt_bool("written", &r.written);
            e.opt_bool("copy_provided", &r.copy_provided);
            e.opt_bool("legally_compelled", &r.legally_compelled);
            e.opt_bool("gag", &r.gag);
            e.opt_pick("outcome", &r.outcome);
            e.opt_bool("annexed", &r.annexed);
            e.opt_bool("suspicion", &r.suspicion);
            e.opt_long("category", &r.category);
            e.opt_str("reporter", &r.reporter);
            e.opt_bool("described", &r.described);
            e.opt_long("response_minutes", &r.response_minutes);
            e.opt_long("response_workdays", &r.response_workdays);
            e.opt_long("resolution_minutes", &r.resolution_minutes);
            e.opt_long("resolution_workdays", &r.resolution_workdays);
            e.opt_long("max_update_gap_minutes", &r.max_update_gap_minutes);
            minutes_between(e, "answer_minutes", &r.received, &r.answered);
            minutes_between(e, "notify_minutes", &r.received, &r.notified);
            if let (Some(received), Some(answered)) = (&r.received, &r.answered) {
                e.long_at(
                    "answer_days",
                    days_between(received.value.local.date(), answered.value.local.date()),
                    Some(answered.span.clone()),
                );
            }
            if let (Some(received), Some(planned)) = (&r.received, &r.planned) {
                e.long_at(
                    "planned_days",
                    days_between(received.value.local.date(), planned.value),
                    Some(planned.span.clone()),
                );
            }
            // Requests of the same kind under the same contract received in the year up to
            // this one (this one included), e.g. audits per year.
            if let Some(received) = &r.received {
                let day = received.value.local.date();
                let year_before = day.checked_sub(1.year()).unwrap_or(day);
                let count = cx
                    .tenant
                    .requests
                    .iter()
                    .filter(|o| {
                        o.contract.value == r.contract.value && o.kind.value == r.kind.value
                    })
                    .filter_map(|o| o.received.as_ref())
                    .map(|o| o.value.local.date())
                    .filter(|d| *d > year_before && *d <= day)
                    .count();
                e.long_at(
                    "same_kind_last_year",
                    i64::try_from(count).unwrap_or(i64::MAX),
                    Some(received.span.clone()),
                );
            }
            if let Some(reporter) = &r.reporter {
                let owners = cx
                    .tenant
                    .contract_details
                    .iter()
                    .find(|c| c.id.value == r.contract.value)
                    .and_then(|c: &Contract| c.owners.as_ref());
                if let Some(owners) = owners {
                    let is_owner = owners.value.iter().any(|o| {
                        [&o.value.name, &o.value.email]
                            .into_iter()
                            .flatten()
                            .any(|n| n.value.eq_ignore_ascii_case(&reporter.value))
                    });
                    e.bool_at("reporter_is_owner", is_owner, Some(reporter.span.clone()));
                }
            }
            Ok(())
        })?;
    }
    for n in &tenant.notices {
        build.add("Notice", "notice", &n.id, |e, _| {
            e.str_at("contract", &n.contract.value, Some(n.contract.span.clone()));
            e.opt_pick("kind", &Some(n.kind.clone()));
            e.opt_date("sent", &n.sent);
            e.opt_date("received", &n.received);
            e.opt_date("effective", &n.effective);
            e.opt_date("reviewed", &n.reviewed);
            e.opt_date("objected", &n.objected);
            e.opt_date("implemented", &n.implemented);
            e.months_after("three_months_after_sent", n.sent.as_ref(), 3);
            if let Some(sub) = &n.sub_processor {
                e.put(
                    "sub_processor",
                    entity_ref(uid("SubProcessor", &sub.value)?),
                    sub.value.clone(),
                    Some(sub.span.clone()),
                );
            }
            e.opt_bool("adverse", &n.adverse);
            e.opt_bool("technically_possible", &n.technically_possible);
            e.opt_bool("can_disable", &n.can_disable);
            if let (Some(sent), Some(effective)) = (&n.sent, &n.effective) {
                let span = Some(sent.span.clone());
                e.long_at(
                    "notice_days",
                    days_between(sent.value, effective.value),
                    span.clone(),
                );
                e.long_at(
                    "notice_months",
                    months_between(sent.value, effective.value),
                    span,
                );
            }
            Ok(())
        })?;
    }
    for m in &tenant.maintenance {
        build.add("Maintenance", "maintenance", &m.id, |e, cx| {
            maintenance(e, m, &cx.tenant.maintenance);
            Ok(())
        })?;
    }
    for a in &tenant.availability {
        build.add("Availability", "availability", &a.id, |e, cx| {
            e.str_at("contract", &a.contract.value, Some(a.contract.span.clone()));
            e.opt_date("start", &Some(a.start.clone()));
            e.opt_date("end", &Some(a.end.clone()));
            e.opt_decimal("percent", &a.percent);
            // The period of the same contract that ends the day before this one starts.
            let previous = cx.tenant.availability.iter().find(|p| {
                p.contract.value == a.contract.value
                    && p.id.value != a.id.value
                    && a.start
                        .value
                        .checked_sub(1.day())
                        .is_ok_and(|d| d == p.end.value)
            });
            if let Some(previous) = previous {
                e.opt_decimal("previous_percent", &previous.percent);
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Whether the local time between `start` and `end` touches 06:00–18:00 on some day.
fn daytime(start: &Moment, end: &Moment) -> bool {
    let (s, t) = (start.local, end.local);
    if (end.utc.as_second() - start.utc.as_second()) >= 12 * 3600 {
        return true;
    }
    let minute = |d: jiff::civil::DateTime| i32::from(d.hour()) * 60 + i32::from(d.minute());
    let (a, b) = (minute(s), minute(t));
    let day = (6 * 60, 18 * 60);
    if s.date() == t.date() {
        a < day.1 && b > day.0
    } else {
        // Crosses midnight: evening of the first day, morning of the next.
        a < day.1 || b > day.0
    }
}

fn maintenance(e: &mut AttrBuilder, m: &Maintenance, all: &[Maintenance]) {
    e.str_at("contract", &m.contract.value, Some(m.contract.span.clone()));
    e.opt_pick("kind", &Some(m.kind.clone()));
    e.opt_moment("start", &m.start);
    e.opt_moment("end", &m.end);
    e.opt_moment("announced", &m.announced);
    e.opt_picks("channels", &m.channels);
    e.opt_bool("postponable", &m.postponable);
    e.opt_str("justification", &m.justification);
    minutes_between(e, "duration_minutes", &m.start, &m.end);
    minutes_between(e, "notice_minutes", &m.announced, &m.start);
    let (Some(start), Some(end)) = (&m.start, &m.end) else {
        return;
    };
    let is_daytime = daytime(&start.value, &end.value);
    e.bool_at("daytime", is_daytime, Some(start.span.clone()));
    if m.kind.value == MaintenanceKind::Planned && is_daytime {
        let month = (start.value.local.year(), start.value.local.month());
        let same_month: Vec<&Maintenance> = all
            .iter()
            .filter(|o| {
                o.contract.value == m.contract.value && o.kind.value == MaintenanceKind::Planned
            })
            .filter(|o| match (&o.start, &o.end) {
                (Some(s), Some(t)) => {
                    (s.value.local.year(), s.value.local.month()) == month
                        && daytime(&s.value, &t.value)
                }
                _ => false,
            })
            .collect();
        let related = same_month
            .iter()
            .filter(|o| o.id.value != m.id.value)
            .map(|o| {
                (
                    o.id.span.clone(),
                    format!("also in that month: `{}`", o.id.value),
                )
            })
            .collect();
        e.put_related(
            "daytime_planned_in_month",
            RestrictedExpression::new_long(i64::try_from(same_month.len()).unwrap_or(i64::MAX)),
            same_month.len().to_string(),
            Some(start.span.clone()),
            related,
        );
    }
}
