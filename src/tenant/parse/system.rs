//! `[[system]]` and `[[data_store]]`: machines and stores, with the facts about the data they
//! hold (shared) and the security controls of systems.

use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::suggest;
use crate::tenant::error::InputErrorKind;
use crate::tenant::model::{
    DataFacts, DataStore, ExtendedSupport, Interface, Os, System, SystemSecurity,
    data::{AccessLog, Capability, PasswordPolicy},
};
use crate::tenant::reader::Table;

use super::hosting::{locations, read_hosting};

pub(super) fn read_system(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<System> {
    let id = t.id("id");
    let os = t.table("os").and_then(|os| read_os(os, rd));
    let hosting = t.table("hosting").and_then(|h| read_hosting(h, rd));
    let interfaces = t
        .tables("interfaces", "interface")
        .into_iter()
        .filter_map(read_interface)
        .collect();
    let personal_data = t.bool("personal_data");
    let data = read_data_facts(&mut t);
    let security = read_security(&mut t);
    t.finish();
    Some(System {
        id: id?,
        os,
        hosting,
        interfaces,
        personal_data,
        data,
        security,
    })
}

pub(super) fn read_data_store(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<DataStore> {
    let id = t.id("id");
    let hosting = t.table("hosting").and_then(|h| read_hosting(h, rd));
    let personal_data = t.bool("personal_data");
    let data = read_data_facts(&mut t);
    let replicas = locations(&mut t, "replicas", rd);
    t.finish();
    Some(DataStore {
        id: id?,
        hosting,
        personal_data,
        data,
        replicas,
    })
}

fn read_os(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Located<Os>> {
    let span = t.span();
    let family = t.required_string("family");
    let version = t.required_string("version");
    let extended_support = t.bool_or_string("extended_support").and_then(|declared| {
        let Located { value, span } = declared;
        match value {
            Ok(flag) => Some(Located::new(ExtendedSupport::Flag(flag), span)),
            Err(tier) => known_tier(&t, family.as_ref(), &tier, span.clone(), rd)
                .then(|| Located::new(ExtendedSupport::Tier(tier), span)),
        }
    });
    t.finish();
    Some(Located::new(
        Os {
            family: family?,
            version: version?,
            extended_support,
        },
        span,
    ))
}

/// Checks a declared tier against the tiers the family offers; a family obligo does not know
/// accepts any tier (its lifecycle cannot be verified anyway).
fn known_tier(
    t: &Table<'_, '_>,
    family: Option<&Located<String>>,
    tier: &str,
    span: std::ops::Range<usize>,
    rd: &ReferenceData,
) -> bool {
    let Some(tiers) = family.and_then(|f| rd.os_tiers(&f.value)) else {
        return true;
    };
    if tiers.contains_key(tier) {
        return true;
    }
    let names = tiers.keys().map(String::as_str);
    t.cx().report(
        span,
        InputErrorKind::UnknownValue {
            what: "extended-support tier",
            value: tier.to_owned(),
            suggestion: suggest::closest(tier, names.clone()).map(str::to_owned),
            allowed: names.map(str::to_owned).collect(),
        },
    );
    false
}

fn read_interface(mut t: Table<'_, '_>) -> Option<Located<Interface>> {
    let span = t.span();
    let segment = t.required_string("segment");
    let address = t.ip_address("address");
    t.finish();
    Some(Located::new(
        Interface {
            segment: segment?,
            address,
        },
        span,
    ))
}

/// The keys shared by systems and data stores.
fn read_data_facts(t: &mut Table<'_, '_>) -> DataFacts {
    DataFacts {
        operator: t.string("operator"),
        service_data: t.bool("service_data"),
        environment: t.pick("environment"),
        categories: t.strings("categories"),
        subjects: t.strings("subjects"),
        purposes: t.strings("purposes"),
        anonymised: t.bool("anonymised"),
        pseudonymised: t.bool("pseudonymised"),
        encrypted_at_rest: t.bool("encrypted_at_rest"),
        retention_days: t.count("retention_days"),
        deleted: t.date("deleted"),
        legal_hold: t.bool("legal_hold"),
        legal_basis: t.string("legal_basis"),
        backup_technically_possible: t.bool("backup_technically_possible"),
        replication: t.bool("replication"),
        point_in_time_recovery: t.bool("point_in_time_recovery"),
        redundancy: t.pick("redundancy"),
        isolation: t.pick("isolation"),
        shared_with_others: t.bool("shared_with_others"),
        access_log: t.table("access_log").map(|mut a| {
            let span = a.span();
            let log = AccessLog {
                enabled: a.bool("enabled"),
                offered: a.bool("offered"),
                fields: a.picks("fields"),
                retention_days: a.count("retention_days"),
            };
            a.finish();
            Located::new(log, span)
        }),
    }
}

fn read_security(t: &mut Table<'_, '_>) -> SystemSecurity {
    SystemSecurity {
        anonymous_access: t.bool("anonymous_access"),
        password_policy: t.table("password_policy").map(|mut p| {
            let span = p.span();
            let policy = PasswordPolicy {
                min_length: p.count("min_length"),
                min_char_classes: p.count("min_char_classes"),
                max_age_days: p.count("max_age_days"),
                storage: p.pick("storage"),
                hash: p.string("hash"),
            };
            p.finish();
            Located::new(policy, span)
        }),
        failed_login_monitoring: t.table("failed_login_monitoring").map(read_capability),
        anti_malware: t.bool("anti_malware"),
        admin_idle_timeout_minutes: t.count("admin_idle_timeout_minutes"),
        log_review: t.date("log_review"),
        self_grant_possible: t.bool("self_grant_possible"),
        vulnerability_scan: t.date("vulnerability_scan"),
        software: t.strings("software"),
    }
}

fn read_capability(mut t: Table<'_, '_>) -> Located<Capability> {
    let span = t.span();
    let capability = Capability {
        enabled: t.bool("enabled"),
        offered: t.bool("offered"),
    };
    t.finish();
    Located::new(capability, span)
}
