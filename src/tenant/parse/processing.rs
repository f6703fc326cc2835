//! `[[sub_processor]]`, `[[backup]]` and `[[facility]]`: who else processes the data, where
//! its copies are, and the sites that house them.

use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::error::InputErrorKind;
use crate::tenant::model::Safeguard;
use crate::tenant::model::data::{Backup, BackupTier, Facility, SubProcessor};
use crate::tenant::reader::Table;

use super::hosting::{countries, country, locations};

pub(super) fn read_sub_processor(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<SubProcessor> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let name = t.string("name");
    let established = country(&mut t, "established", rd);
    let countries = countries(&mut t, "countries", rd);
    let sub = SubProcessor {
        id: Located::new(String::new(), 0..0),
        contract: Located::new(String::new(), 0..0),
        name,
        established,
        countries,
        affiliate: t.bool("affiliate"),
        engaged: t.date("engaged"),
        notified: t.date("notified"),
        ended: t.date("ended"),
        listed: t.bool("listed"),
        listed_on: t.date("listed_on"),
        consent: t.date("consent"),
        safeguard: t.pick("safeguard"),
        written_contract: t.bool("written_contract"),
        same_obligations: t.bool("same_obligations"),
        purpose_restricted: t.bool("purpose_restricted"),
        last_review: t.date("last_review"),
        objection: t.pick("objection"),
        purposes: t.strings("purposes"),
    };
    t.finish();
    Some(SubProcessor {
        id: id?,
        contract: contract?,
        ..sub
    })
}

pub(super) fn read_backup(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Backup> {
    let id = t.id("id");
    let of = t.strings("of");
    let operator = t.string("operator");
    let safeguard = t.choice("safeguard", "safeguard", &Safeguard::ALL);
    let copies = t.count("copies");
    let locations = locations(&mut t, "locations", rd);
    let (tiers_span, tiers): (_, Vec<Located<BackupTier>>) = match t.table_list("tiers", "tier") {
        Some((span, tables)) => (
            Some(span),
            tables.into_iter().filter_map(read_tier).collect(),
        ),
        None => (None, Vec::new()),
    };
    for (i, tier) in tiers.iter().enumerate() {
        let frequency = tier.value.frequency.value;
        if tiers[..i]
            .iter()
            .any(|t| t.value.frequency.value == frequency)
        {
            t.cx().report(
                tier.value.frequency.span.clone(),
                InputErrorKind::Inconsistent(format!(
                    "a `{}` tier is declared twice",
                    frequency.as_str()
                )),
            );
        }
    }
    let backup = Backup {
        id: Located::new(String::new(), 0..0),
        of,
        operator,
        safeguard,
        copies,
        locations,
        encrypted: t.bool("encrypted"),
        algorithm: t.string("algorithm"),
        compressed: t.bool("compressed"),
        last_success: t.date("last_success"),
        last_restore_test: t.date("last_restore_test"),
        restore_log: t.bool("restore_log"),
        access_restricted: t.bool("access_restricted"),
        tiers,
        tiers_span,
        deleted: t.date("deleted"),
        legal_hold: t.bool("legal_hold"),
        legal_basis: t.string("legal_basis"),
    };
    t.finish();
    Some(Backup { id: id?, ..backup })
}

fn read_tier(mut t: Table<'_, '_>) -> Option<Located<BackupTier>> {
    let span = t.span();
    let frequency = t.required_pick("frequency");
    let retention_days = t.count("retention_days");
    let on = t.string("on");
    t.finish();
    Some(Located::new(
        BackupTier {
            frequency: frequency?,
            retention_days,
            on,
        },
        span,
    ))
}

pub(super) fn read_facility(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Facility> {
    let id = t.id("id");
    let operator = t.string("operator");
    let country = country(&mut t, "country", rd);
    let controls = t.picks("controls");
    let power = t.picks("power");
    let contingency_plan = t.bool("contingency_plan");
    let media_disposal = t.pick("media_disposal");
    t.finish();
    Some(Facility {
        id: id?,
        operator,
        country,
        controls,
        power,
        contingency_plan,
        media_disposal,
    })
}
