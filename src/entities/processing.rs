//! `SubProcessor`, `Backup` and `Facility` entities, with the facts Rust derives: country sets
//! and zones, notice periods, copy sites and whether they differ from the primary sites.

use jiff::Unit;
use jiff::civil::Date;

use crate::facts::index::Index;
use crate::source::Located;
use crate::tenant::model::data::{Backup, Frequency, SubProcessor};

use super::Build;
use super::builder::{AttrBuilder, EntityError};
use super::sink::Sink;
use super::zones::{country_sets, place};

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for sub in &tenant.sub_processors {
        build.add("SubProcessor", "sub-processor", &sub.id, |e, cx| {
            sub_processor(e, sub, cx.rd)?;
            transfer_countries(e, sub, &cx.index);
            Ok(())
        })?;
    }
    for backup in &tenant.backups {
        build.add("Backup", "backup", &backup.id, |e, cx| {
            backup_facts(e, backup, &cx.index, cx.rd)
        })?;
    }
    for f in &tenant.facilities {
        build.add("Facility", "facility", &f.id, |e, _| {
            e.opt_str("operator", &f.operator);
            e.opt_str("country", &f.country);
            e.opt_picks("controls", &f.controls);
            e.opt_picks("power", &f.power);
            if let Some(power) = &f.power {
                e.long_at(
                    "power_count",
                    i64::try_from(power.value.len()).unwrap_or(i64::MAX),
                    Some(power.span.clone()),
                );
            }
            e.opt_bool("contingency_plan", &f.contingency_plan);
            e.opt_pick("media_disposal", &f.media_disposal);
            Ok(())
        })?;
    }
    Ok(())
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub(super) fn days_between(a: Date, b: Date) -> i64 {
    a.until((Unit::Day, b))
        .map_or(0, |s| i64::from(s.get_days()))
}

pub(super) use crate::facts::calendar::months_between;

fn sub_processor(
    e: &mut AttrBuilder,
    s: &SubProcessor,
    rd: &crate::facts::reference::ReferenceData,
) -> Result<(), EntityError> {
    e.str_at("contract", &s.contract.value, Some(s.contract.span.clone()));
    e.opt_str("name", &s.name);
    if let Some(country) = &s.established {
        place(e, "established", country, rd)?;
    }
    if let Some(countries) = &s.countries {
        let list: Vec<&Located<String>> = countries.value.iter().collect();
        country_sets(e, &list, Some(countries.span.clone()), rd);
    }
    e.opt_bool("affiliate", &s.affiliate);
    e.opt_date("engaged", &s.engaged);
    e.opt_date("notified", &s.notified);
    e.opt_date("ended", &s.ended);
    e.opt_bool("listed", &s.listed);
    e.opt_date("listed_on", &s.listed_on);
    e.opt_date("consent", &s.consent);
    e.opt_pick("safeguard", &s.safeguard);
    e.opt_bool("written_contract", &s.written_contract);
    e.opt_bool("same_obligations", &s.same_obligations);
    e.opt_bool("purpose_restricted", &s.purpose_restricted);
    e.opt_date("last_review", &s.last_review);
    e.opt_pick("objection", &s.objection);
    e.opt_strs("purposes", &s.purposes);
    if let (Some(notified), Some(engaged)) = (&s.notified, &s.engaged) {
        let span = Some(notified.span.clone());
        e.long_at(
            "notice_days",
            days_between(notified.value, engaged.value),
            span.clone(),
        );
        e.long_at(
            "notice_months",
            months_between(notified.value, engaged.value),
            span,
        );
    }
    Ok(())
}

/// The destination countries of the `[[transfer]]`s that name this sub-processor, all of them
/// and those carrying personal data. A flow declared both ways is judged once, as the explicit
/// transfer; rules on the sub-processor skip the countries these cover (a pack whose transfer
/// rule judges personal data only skips only the personal-data ones).
fn transfer_countries(e: &mut AttrBuilder, s: &SubProcessor, index: &Index<'_>) {
    let flows = || index.transfers_to(&s.id.value).iter();
    let countries = |personal_only: bool| {
        let mut list: Vec<&str> = flows()
            .filter(|t| !personal_only || t.personal_data.as_ref().is_some_and(|p| p.value))
            .map(|t| t.destination.value.country.value.as_str())
            .collect();
        list.sort_unstable();
        list.dedup();
        list
    };
    let span = Some(s.id.span.clone());
    e.strs_at("transfer_countries", countries(false), span.clone());
    e.strs_at("personal_transfer_countries", countries(true), span);
}

fn backup_facts(
    e: &mut AttrBuilder,
    b: &Backup,
    index: &Index<'_>,
    rd: &crate::facts::reference::ReferenceData,
) -> Result<(), EntityError> {
    e.opt_strs("sources", &b.of);
    e.opt_str("operator", &b.operator);
    e.opt_pick("safeguard", &b.safeguard);
    e.opt_long("copies", &b.copies);
    e.opt_pick("safeguard", &b.safeguard);
    e.opt_bool("encrypted", &b.encrypted);
    e.opt_str("algorithm", &b.algorithm);
    e.opt_bool("compressed", &b.compressed);
    e.opt_date("last_success", &b.last_success);
    e.opt_date("last_restore_test", &b.last_restore_test);
    e.opt_bool("restore_log", &b.restore_log);
    e.opt_bool("access_restricted", &b.access_restricted);
    e.opt_date("deleted", &b.deleted);
    e.opt_bool("legal_hold", &b.legal_hold);
    e.opt_str("legal_basis", &b.legal_basis);

    // The primary sites of what it copies.
    let hostings: Vec<_> =
        b.of.iter()
            .flat_map(|of| &of.value)
            .map(|id| index.hosted(&id.value).and_then(|h| h.hosting))
            .collect();
    let primary: Vec<&Located<String>> = hostings
        .iter()
        .filter_map(|h| h.and_then(|h| h.value.site.as_ref()))
        .collect();
    if let Some(of) = &b.of {
        let personal = of.value.iter().any(|id| {
            index
                .hosted(&id.value)
                .and_then(|h| h.personal_data)
                .is_some_and(|p| p.value)
        });
        e.bool_at("sources_personal_data", personal, Some(of.span.clone()));
        if !primary.is_empty() {
            e.strs_at(
                "primary_sites",
                primary.iter().map(|p| p.value.as_str()),
                Some(of.span.clone()),
            );
        }
    }

    if let Some(locations) = &b.locations {
        let span = Some(locations.span.clone());
        let list = &locations.value;
        e.long_at("location_count", to_long(list.len()), span.clone());
        let sites: Vec<&Located<String>> =
            list.iter().filter_map(|l| l.value.site.as_ref()).collect();
        let mut distinct: Vec<&str> = sites.iter().map(|s| s.value.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        e.strs_at("sites", distinct.iter().copied(), span.clone());
        e.long_at("site_count", to_long(distinct.len()), span.clone());
        let countries: Vec<&Located<String>> = list
            .iter()
            .filter_map(|l| l.value.country.as_ref())
            .collect();
        if !countries.is_empty() {
            country_sets(e, &countries, span.clone(), rd);
        }
        // Off-site: known only when every copy and every source declares its site.
        let all_sites_known = sites.len() == list.len() && !list.is_empty();
        let all_primary_known = b.of.as_ref().is_some_and(|of| {
            !of.value.is_empty()
                && hostings
                    .iter()
                    .all(|h| h.is_some_and(|h| h.value.site.is_some()))
        });
        if all_sites_known && all_primary_known {
            let same = sites
                .iter()
                .find(|s| primary.iter().any(|p| p.value == s.value));
            e.bool_at(
                "offsite",
                same.is_none(),
                Some(same.map_or_else(|| locations.span.clone(), |s| s.span.clone())),
            );
        }
    }

    if let Some(tiers_span) = &b.tiers_span {
        let frequencies: Vec<&str> = b
            .tiers
            .iter()
            .map(|t| t.value.frequency.value.as_str())
            .collect();
        e.strs_at("tier_frequencies", frequencies, Some(tiers_span.clone()));
        for tier in &b.tiers {
            let name = match tier.value.frequency.value {
                Frequency::Daily => "daily",
                Frequency::Weekly => "weekly",
                Frequency::Monthly => "monthly",
                Frequency::Yearly => "yearly",
            };
            e.opt_long(
                &format!("{name}_retention_days"),
                &tier.value.retention_days,
            );
            e.opt_str(&format!("{name}_on"), &tier.value.on);
        }
    }
    Ok(())
}

fn to_long(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
