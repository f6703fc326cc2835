//! `[contacts]`, `[[contract]]`, `[[attestation]]`, `[[company]]` and `[[domain]]`: who to
//! reach, what each contract says about this tenant, and what its providers attest.

use crate::source::Located;
use crate::tenant::model::Contacts;
use crate::tenant::model::Person;
use crate::tenant::model::contract::{
    Attestation, Company, Contract, Domain, Monitoring, Offboarding, OwnExport, Owner, Performance,
    Plugin, Support, Usage,
};
use crate::tenant::reader::Table;

pub(super) fn read_contacts(mut t: Table<'_, '_>) -> Contacts {
    let span = t.span();
    let admins = t.emails("admins").map(|a| a.value).unwrap_or_default();
    let dpo = t.table("dpo").map(|mut p| {
        let person = Person {
            name: p.string("name"),
            email: p.email("email"),
            phone: p.string("phone"),
            updated: p.date("updated"),
            span: p.span(),
        };
        p.finish();
        person
    });
    let breach = t.email("breach");
    let breach_phone = t.string("breach_phone");
    let notice = t.email("notice");
    let notice_monitored = t.bool("notice_monitored");
    t.finish();
    Contacts {
        admins,
        dpo,
        breach,
        breach_phone,
        notice,
        notice_monitored,
        span: Some(span),
    }
}

/// Reads an optional sub-table with `read`, which asks for its keys; the table is finished
/// here.
fn sub<T>(
    t: &mut Table<'_, '_>,
    key: &'static str,
    read: impl FnOnce(&mut Table<'_, '_>) -> T,
) -> Option<Located<T>> {
    let mut sub = t.table(key)?;
    let span = sub.span();
    let value = read(&mut sub);
    sub.finish();
    Some(Located::new(value, span))
}

pub(super) fn read_contract(mut t: Table<'_, '_>) -> Option<Contract> {
    let span = t.span();
    let id = t.id("id");
    let owners = t.table_list("owners", "owner").map(|(span, tables)| {
        let owners = tables
            .into_iter()
            .map(|mut o| {
                let span = o.span();
                let owner = Owner {
                    name: o.string("name"),
                    email: o.email("email"),
                    internal: o.bool("internal"),
                    trained: o.date("trained"),
                };
                o.finish();
                Located::new(owner, span)
            })
            .collect();
        Located::new(owners, span)
    });
    let contract = Contract {
        id: Located::new(String::new(), 0..0),
        span,
        signed: t.date("signed"),
        start: t.date("start"),
        end: t.date("end"),
        termination_notice: t.date("termination_notice"),
        renewal: t.date("renewal"),
        offboarding_planned: t.bool("offboarding_planned"),
        owners,
        multiple_owners_approved: t.bool("multiple_owners_approved"),
        subscriber_number: t.string("subscriber_number"),
        service_level: t.pick("service_level"),
        services: t.strings("services"),
        licensed_users: t.count("licensed_users"),
        active_users: t.count("active_users"),
        breach_notice_hours: t.count("breach_notice_hours"),
        end_of_service: t.pick("end_of_service"),
        retention_days: t.count("retention_days"),
        extra_retention_agreed: t.date("extra_retention_agreed"),
        extra_retention_until: t.date("extra_retention_until"),
        escrow: t.bool("escrow"),
        continuity_required: t.bool("continuity_required"),
        brand_permission: t.bool("brand_permission"),
        brand_permission_requested: t.date("brand_permission_requested"),
        subdomain: t.string("subdomain"),
        subdomain_rights: t.bool("subdomain_rights"),
        integrations: t.picks("integrations"),
        sub_processor_list_updated: t.date("sub_processor_list_updated"),
        sub_processor_list_reviewed: t.date("sub_processor_list_reviewed"),
        sub_processor_notifications: t.bool("sub_processor_notifications"),
        maintenance_notifications: t.bool("maintenance_notifications"),
        admin_tool_logging: t.bool("admin_tool_logging"),
        platform_reachable: t.bool("platform_reachable"),
        unsupported_endpoints: t.count("unsupported_endpoints"),
        support: sub(&mut t, "support", |s| Support {
            email: s.email("email"),
            phone: s.string("phone"),
            response_hours: s.count("response_hours"),
            urgent_channels: s.picks("urgent_channels"),
        }),
        monitoring: sub(&mut t, "monitoring", |m| Monitoring {
            probe_interval_seconds: m.count("probe_interval_seconds"),
            probe_locations: m.count("probe_locations"),
            coverage_hours: m.count("coverage_hours"),
            response_target_minutes: m.count("response_target_minutes"),
        }),
        performance: sub(&mut t, "performance", |p| Performance {
            fast_samples: p.count("fast_samples"),
            slowest_ms: p.count("slowest_ms"),
        }),
        usage: sub(&mut t, "usage", |u| Usage {
            monthly_messages: u.count("monthly_messages"),
            monthly_gb: u.count("monthly_gb"),
            download_mbps: u.count("download_mbps"),
            upload_mbps: u.count("upload_mbps"),
        }),
        plugin: sub(&mut t, "plugin", |p| Plugin {
            installs: p.count("installs"),
            foreign_installs: p.count("foreign_installs"),
            hash_verified: p.bool("hash_verified"),
            distribution_public: p.bool("distribution_public"),
            distribution_access: p.strings("distribution_access"),
        }),
        own_export: sub(&mut t, "own_export", |e| OwnExport {
            enabled: e.bool("enabled"),
            interval_days: e.count("interval_days"),
            last_success: e.date("last_success"),
        }),
        offboarding: sub(&mut t, "offboarding", |o| Offboarding {
            export_requested: o.date("export_requested"),
            export_request_written: o.bool("export_request_written"),
            export_completed: o.date("export_completed"),
            returned: o.date("returned"),
            deletion_requested: o.date("deletion_requested"),
            deleted: o.date("deleted"),
            deletion_confirmed: o.bool("deletion_confirmed"),
            statement_requested: o.date("statement_requested"),
            statement_received: o.date("statement_received"),
            deletion_impossible_notified: o.bool("deletion_impossible_notified"),
        }),
    };
    t.finish();
    Some(Contract {
        id: id?,
        ..contract
    })
}

pub(super) fn read_attestation(mut t: Table<'_, '_>) -> Option<Attestation> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let topic = t.required_pick("topic");
    let attestation = (
        t.pick("party"),
        t.date("issued"),
        t.date("valid_until"),
        t.date("period_end"),
        t.bool("certified"),
        t.string("version"),
        t.strings("holders"),
        t.string("evidence"),
    );
    t.finish();
    let (party, issued, valid_until, period_end, certified, version, holders, evidence) =
        attestation;
    Some(Attestation {
        id: id?,
        contract: contract?,
        topic: topic?,
        party,
        issued,
        valid_until,
        period_end,
        certified,
        version,
        holders,
        evidence,
    })
}

pub(super) fn read_company(mut t: Table<'_, '_>) -> Option<Company> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let demo = t.bool("demo");
    let production_data = t.bool("production_data");
    let payroll_tax_filing = t.bool("payroll_tax_filing");
    t.finish();
    Some(Company {
        id: id?,
        contract: contract?,
        demo,
        production_data,
        payroll_tax_filing,
    })
}

pub(super) fn read_domain(mut t: Table<'_, '_>) -> Option<Domain> {
    let id = t.id("id");
    let kind = t.pick("kind");
    t.finish();
    Some(Domain { id: id?, kind })
}
