//! `System` and `DataStore` entities: operating system and lifecycle, hosting and its zones,
//! network segments, and the facts about the data they hold.

use std::ops::Range;

use cedar_policy::RestrictedExpression;

use crate::facts::index::Index;
use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::model::{DataFacts, ExtendedSupport, Hosting, Os, System, SystemSecurity};

use super::Build;
use super::builder::{AttrBuilder, EntityError, date, uid};
use super::sink::Sink;
use super::zones::{country_sets, zone_flags};

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for system in &tenant.systems {
        build.add("System", "system", &system.id, |e, cx| {
            backup_count(e, &system.id, &cx.index);
            system_facts(e, system, cx.rd)
        })?;
    }
    for store in &tenant.data_stores {
        build.add("DataStore", "data store", &store.id, |e, cx| {
            backup_count(e, &store.id, &cx.index);
            if let Some(hosting) = &store.hosting {
                hosting_fact(e, "hosting", hosting, cx.rd)?;
            }
            personal_data(e, store.personal_data.as_ref());
            data_facts(e, &store.data)?;
            let mut countries: Vec<&Located<String>> = Vec::new();
            countries.extend(
                store
                    .hosting
                    .iter()
                    .filter_map(|h| h.value.country.as_ref()),
            );
            if let Some(replicas) = &store.replicas {
                countries.extend(
                    replicas
                        .value
                        .iter()
                        .filter_map(|r| r.value.country.as_ref()),
                );
                let sites = replicas.value.iter().filter_map(|r| r.value.site.as_ref());
                e.strs_at(
                    "replica_sites",
                    sites.map(|s| s.value.as_str()),
                    Some(replicas.span.clone()),
                );
                e.long_at(
                    "replica_count",
                    i64::try_from(replicas.value.len()).unwrap_or(i64::MAX),
                    Some(replicas.span.clone()),
                );
            }
            if !countries.is_empty() {
                let span = store
                    .replicas
                    .as_ref()
                    .map(|r| r.span.clone())
                    .or_else(|| store.hosting.as_ref().map(|h| h.span.clone()));
                country_sets(e, &countries, span, cx.rd);
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// How many `[[backup]]` tables copy the resource `id`; the fact points at the first, or at
/// the id when none does.
fn backup_count(e: &mut AttrBuilder, id: &Located<String>, index: &Index<'_>) {
    let backups = index.backups_of(&id.value);
    let span = backups
        .first()
        .map_or_else(|| id.span.clone(), |b| b.span.clone());
    e.long_at(
        "backup_count",
        i64::try_from(backups.len()).unwrap_or(i64::MAX),
        Some(span),
    );
}

/// Whether the system or data store `id` holds personal data, and whether it holds service data
/// (personal data is service data too). An id that names neither holds nothing.
pub(super) fn data_held(index: &Index<'_>, id: &str) -> (bool, bool) {
    let (personal, service) = index
        .hosted(id)
        .map(|h| (h.personal_data, h.data.service_data.as_ref()))
        .unwrap_or((None, None));
    let personal = personal.is_some_and(|p| p.value);
    (personal, personal || service.is_some_and(|s| s.value))
}

pub(super) fn personal_data(e: &mut AttrBuilder, declared: Option<&Located<bool>>) {
    e.bool_at(
        "personal_data",
        declared.is_some_and(|p| p.value),
        declared.map(|p| p.span.clone()),
    );
}

/// The keys shared by systems and data stores.
fn data_facts(e: &mut AttrBuilder, d: &DataFacts) -> Result<(), EntityError> {
    e.opt_str("operator", &d.operator);
    e.opt_bool("service_data", &d.service_data);
    e.opt_pick("environment", &d.environment);
    e.opt_strs("categories", &d.categories);
    e.opt_strs("subjects", &d.subjects);
    e.opt_strs("purposes", &d.purposes);
    e.opt_bool("anonymised", &d.anonymised);
    e.opt_bool("pseudonymised", &d.pseudonymised);
    e.opt_bool("encrypted_at_rest", &d.encrypted_at_rest);
    e.opt_long("retention_days", &d.retention_days);
    e.opt_date("deleted", &d.deleted);
    e.opt_bool("legal_hold", &d.legal_hold);
    e.opt_str("legal_basis", &d.legal_basis);
    e.opt_bool(
        "backup_technically_possible",
        &d.backup_technically_possible,
    );
    e.opt_bool("replication", &d.replication);
    e.opt_bool("point_in_time_recovery", &d.point_in_time_recovery);
    e.opt_pick("redundancy", &d.redundancy);
    e.opt_pick("isolation", &d.isolation);
    e.opt_bool("shared_with_others", &d.shared_with_others);
    if let Some(log) = &d.access_log {
        e.record("access_log", Some(log.span.clone()), |r| {
            r.opt_bool("enabled", &log.value.enabled);
            r.opt_bool("offered", &log.value.offered);
            r.opt_picks("fields", &log.value.fields);
            r.opt_long("retention_days", &log.value.retention_days);
            Ok(())
        })?;
    }
    Ok(())
}

fn security_facts(e: &mut AttrBuilder, s: &SystemSecurity) -> Result<(), EntityError> {
    e.opt_bool("anonymous_access", &s.anonymous_access);
    if let Some(p) = &s.password_policy {
        e.record("password_policy", Some(p.span.clone()), |r| {
            r.opt_long("min_length", &p.value.min_length);
            r.opt_long("min_char_classes", &p.value.min_char_classes);
            r.opt_long("max_age_days", &p.value.max_age_days);
            r.opt_pick("storage", &p.value.storage);
            r.opt_str("hash", &p.value.hash);
            Ok(())
        })?;
    }
    if let Some(m) = &s.failed_login_monitoring {
        e.record("failed_login_monitoring", Some(m.span.clone()), |r| {
            r.opt_bool("enabled", &m.value.enabled);
            r.opt_bool("offered", &m.value.offered);
            Ok(())
        })?;
    }
    e.opt_bool("anti_malware", &s.anti_malware);
    e.opt_long("admin_idle_timeout_minutes", &s.admin_idle_timeout_minutes);
    e.opt_date("log_review", &s.log_review);
    e.opt_bool("self_grant_possible", &s.self_grant_possible);
    e.opt_date("vulnerability_scan", &s.vulnerability_scan);
    if let Some(software) = &s.software {
        let lower: Vec<String> = software
            .value
            .iter()
            .map(|s| s.value.to_lowercase())
            .collect();
        e.strs_at(
            "software",
            lower.iter().map(String::as_str),
            Some(software.span.clone()),
        );
    }
    Ok(())
}

fn system_facts(
    e: &mut AttrBuilder,
    system: &System,
    refdata: &ReferenceData,
) -> Result<(), EntityError> {
    if let Some(os) = &system.os {
        os_fact(e, os, refdata)?;
    }
    if let Some(hosting) = &system.hosting {
        hosting_fact(e, "hosting", hosting, refdata)?;
    }
    personal_data(e, system.personal_data.as_ref());
    data_facts(e, &system.data)?;
    security_facts(e, &system.security)?;

    // Distinct segments in the order first met; the evidence of dual-homing is the first
    // interface on a second segment, with every interface as context.
    let mut segments: Vec<&str> = Vec::new();
    let mut second: Option<Range<usize>> = None;
    for interface in &system.interfaces {
        let segment = interface.value.segment.value.as_str();
        if !segments.contains(&segment) {
            segments.push(segment);
            if segments.len() == 2 {
                second = Some(interface.span.clone());
            }
        }
    }
    let segment_uids = segments
        .iter()
        .map(|s| uid("Segment", s).map(RestrictedExpression::new_entity_uid))
        .collect::<Result<Vec<_>, _>>()?;
    e.put(
        "segments",
        RestrictedExpression::new_set(segment_uids),
        segments.join(", "),
        None,
    );
    let related = if segments.len() >= 2 {
        system
            .interfaces
            .iter()
            .filter(|i| Some(&i.span) != second.as_ref())
            .map(|i| {
                (
                    i.span.clone(),
                    format!("on segment `{}`", i.value.segment.value),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    e.long_with_related("segment_count", segments.len(), second, related);
    e.long_with_related("interface_count", system.interfaces.len(), None, Vec::new());
    Ok(())
}

/// The OS record. `extended_end` is the end of the tier the system is declared to have (a bare
/// `true` counts as the release's shortest tier); `extended_until` is the last day any tier of
/// the release runs, so whether one can still be bought is `context.now <= extended_until`.
fn os_fact(
    e: &mut AttrBuilder,
    os: &Located<Os>,
    refdata: &ReferenceData,
) -> Result<(), EntityError> {
    let Os {
        family,
        version,
        extended_support,
    } = &os.value;
    let lifecycle = refdata.os_lifecycle(&family.value, &version.value);
    let name = lifecycle.map_or_else(
        || format!("{} {}", family.value, version.value),
        |l| l.name.clone(),
    );
    let declared_span = extended_support
        .as_ref()
        .map(|x| x.span.clone())
        .or(Some(os.span.clone()));
    let in_effect = lifecycle.and_then(|l| match &extended_support.as_ref()?.value {
        ExtendedSupport::Flag(true) => l.shortest_tier(),
        ExtendedSupport::Flag(false) => None,
        ExtendedSupport::Tier(tier) => l
            .extended
            .iter()
            .find(|(name, _)| name == tier)
            .map(|(name, end)| (name.as_str(), *end)),
    });
    e.record("os", Some(os.span.clone()), |r| {
        r.str_at("family", &family.value, Some(family.span.clone()));
        r.str_at("version", &version.value, Some(version.span.clone()));
        r.str_at("name", &name, Some(os.span.clone()));
        r.bool_at(
            "extended_support",
            extended_support
                .as_ref()
                .is_some_and(|x| x.value != ExtendedSupport::Flag(false)),
            declared_span.clone(),
        );
        r.bool_at(
            "lifecycle_known",
            lifecycle.is_some(),
            Some(os.span.clone()),
        );
        if let Some(lifecycle) = lifecycle {
            r.put(
                "support_end",
                date(lifecycle.support_end),
                lifecycle.support_end.to_string(),
                Some(os.span.clone()),
            );
            r.strs_at(
                "extended_tiers",
                lifecycle.extended.iter().map(|(tier, _)| tier.as_str()),
                Some(os.span.clone()),
            );
            if let Some(until) = lifecycle.extended_until() {
                r.put(
                    "extended_until",
                    date(until),
                    until.to_string(),
                    Some(os.span.clone()),
                );
            }
        }
        if let Some((tier, end)) = in_effect {
            r.str_at("extended_tier", tier, declared_span.clone());
            r.put("extended_end", date(end), end.to_string(), declared_span);
        }
        Ok(())
    })
}

pub(super) fn hosting_fact(
    e: &mut impl Sink,
    key: &str,
    hosting: &Located<Hosting>,
    refdata: &ReferenceData,
) -> Result<(), EntityError> {
    let h = &hosting.value;
    e.record(key, Some(hosting.span.clone()), |r| {
        r.str_at(
            "provider",
            h.provider.value.as_str(),
            Some(h.provider.span.clone()),
        );
        r.str_at(
            "provider_name",
            h.provider.value.display_name(),
            Some(h.provider.span.clone()),
        );
        r.opt_str("region", &h.region);
        if let Some(country) = &h.country {
            r.str_at("country", &country.value, Some(country.span.clone()));
            zone_flags(r, &country.value, Some(country.span.clone()), refdata);
        }
        r.opt_pick("safeguard", &h.safeguard);
        r.opt_str("site", &h.site);
        Ok(())
    })
}
