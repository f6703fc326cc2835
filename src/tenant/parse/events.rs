//! `[[incident]]`, `[[request]]`, `[[notice]]`, `[[maintenance]]` and `[[availability]]`:
//! dated records that contractual deadlines are measured on.

use crate::tenant::error::InputErrorKind;
use crate::tenant::model::events::{Availability, Incident, Maintenance, Notice, Request};
use crate::tenant::reader::Table;

pub(super) fn read_incident(mut t: Table<'_, '_>) -> Option<Incident> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let kind = t.required_pick("kind");
    let incident = (
        t.pick("source"),
        t.bool("confirmed"),
        t.bool("risk_unlikely"),
        t.moment("aware"),
        t.moment("notified"),
        t.moment("reported_to_provider"),
        t.moment("reported_to_authority"),
        t.picks("notification_fields"),
        t.picks("notification_unknown"),
        t.picks("register_fields"),
        t.count("followups"),
        t.count("response_minutes"),
    );
    t.finish();
    let (
        source,
        confirmed,
        risk_unlikely,
        aware,
        notified,
        reported_to_provider,
        reported_to_authority,
        notification_fields,
        notification_unknown,
        register_fields,
        followups,
        response_minutes,
    ) = incident;
    Some(Incident {
        id: id?,
        contract: contract?,
        kind: kind?,
        source,
        confirmed,
        risk_unlikely,
        aware,
        notified,
        reported_to_provider,
        reported_to_authority,
        notification_fields,
        notification_unknown,
        register_fields,
        followups,
        response_minutes,
    })
}

pub(super) fn read_request(mut t: Table<'_, '_>) -> Option<Request> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let kind = t.required_pick("kind");
    let received = t.moment("received");
    let answered = t.moment("answered");
    let notified = t.moment("notified");
    let planned = t.date("planned");
    let written = t.bool("written");
    let copy_provided = t.bool("copy_provided");
    let legally_compelled = t.bool("legally_compelled");
    let gag = t.bool("gag");
    let outcome = t.pick("outcome");
    let annexed = t.bool("annexed");
    let suspicion = t.bool("suspicion");
    let category = t.count("category");
    let reporter = t.string("reporter");
    let described = t.bool("described");
    let response_minutes = t.count("response_minutes");
    let response_workdays = t.count("response_workdays");
    let resolution_minutes = t.count("resolution_minutes");
    let resolution_workdays = t.count("resolution_workdays");
    let max_update_gap_minutes = t.count("max_update_gap_minutes");
    t.finish();
    Some(Request {
        id: id?,
        contract: contract?,
        kind: kind?,
        received,
        answered,
        notified,
        planned,
        written,
        copy_provided,
        legally_compelled,
        gag,
        outcome,
        annexed,
        suspicion,
        category,
        reporter,
        described,
        response_minutes,
        response_workdays,
        resolution_minutes,
        resolution_workdays,
        max_update_gap_minutes,
    })
}

pub(super) fn read_notice(mut t: Table<'_, '_>) -> Option<Notice> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let kind = t.required_pick("kind");
    let sent = t.date("sent");
    let received = t.date("received");
    let effective = t.date("effective");
    let reviewed = t.date("reviewed");
    let objected = t.date("objected");
    let implemented = t.date("implemented");
    let sub_processor = t.string("sub_processor");
    let adverse = t.bool("adverse");
    let technically_possible = t.bool("technically_possible");
    let can_disable = t.bool("can_disable");
    t.finish();
    Some(Notice {
        id: id?,
        contract: contract?,
        kind: kind?,
        sent,
        received,
        effective,
        reviewed,
        objected,
        implemented,
        sub_processor,
        adverse,
        technically_possible,
        can_disable,
    })
}

pub(super) fn read_maintenance(mut t: Table<'_, '_>) -> Option<Maintenance> {
    let cx = t.cx();
    let id = t.id("id");
    let contract = t.required_string("contract");
    let kind = t.required_pick("kind");
    let start = t.moment("start");
    let end = t.moment("end");
    let announced = t.moment("announced");
    let channels = t.picks("channels");
    let postponable = t.bool("postponable");
    let justification = t.string("justification");
    t.finish();
    if let (Some(start), Some(end)) = (&start, &end)
        && end.value.utc < start.value.utc
    {
        cx.report(
            end.span.clone(),
            InputErrorKind::Inconsistent("`end` is before `start`".to_owned()),
        );
        return None;
    }
    Some(Maintenance {
        id: id?,
        contract: contract?,
        kind: kind?,
        start,
        end,
        announced,
        channels,
        postponable,
        justification,
    })
}

pub(super) fn read_availability(mut t: Table<'_, '_>) -> Option<Availability> {
    let cx = t.cx();
    let id = t.id("id");
    let contract = t.required_string("contract");
    let start = t.required_date("start");
    let end = t.required_date("end");
    let percent = t.percent("percent");
    t.finish();
    if let (Some(start), Some(end)) = (&start, &end)
        && end.value < start.value
    {
        cx.report(
            end.span.clone(),
            InputErrorKind::Inconsistent(format!(
                "`end` ({}) is before `start` ({})",
                end.value, start.value
            )),
        );
        return None;
    }
    Some(Availability {
        id: id?,
        contract: contract?,
        start: start?,
        end: end?,
        percent,
    })
}
