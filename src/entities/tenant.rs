//! The `Tenant` entity: its name and contracts, its contacts, and one `Contract` record per
//! contract it is bound by, with the facts derived from other tables (accounts, attestations,
//! sub-processor changes, integrations in use).

use cedar_policy::EntityUid;
use jiff::civil::Date;

use crate::source::Located;
use crate::tenant::model::contract::{Contract, IntegrationMode};
use crate::tenant::model::{Contacts, CredentialKind};

use super::builder::EntityError;
use super::sink::{Rec, Sink};
use super::{Build, resource};

pub(super) fn build(build: &mut Build<'_>, principal: &EntityUid) -> Result<(), EntityError> {
    let tenant = build.tenant;
    let mut e = build.b.entity(principal.clone());
    e.opt_str("name", &tenant.name);
    e.strs_at(
        "contracts",
        tenant.contracts.value.iter().map(|c| c.value.as_str()),
        Some(tenant.contracts.span.clone()),
    );
    if let Some(contacts) = &tenant.contacts {
        contact_facts(&mut e, contacts)?;
    }
    e.record("contract", Some(tenant.contracts.span.clone()), |r| {
        for pack in &tenant.contracts.value {
            // A pack whose record the schema does not declare has no facts to record.
            if !build.contract_records.contains(&pack.value) {
                continue;
            }
            let details = tenant
                .contract_details
                .iter()
                .find(|c| c.id.value == pack.value);
            let span = details.map_or_else(|| pack.span.clone(), |c| c.span.clone());
            r.record(&pack.value, Some(span), |c| {
                contract_facts(c, build, pack, details)
            })?;
        }
        Ok(())
    })?;
    build.b.finish_entity(e, &[])?;
    build
        .resources
        .push(resource("Tenant", "tenant", &tenant.id)?);
    Ok(())
}

fn email(sink: &mut impl Sink, key: &str, value: &Located<String>) {
    sink.str_at(key, &value.value, Some(value.span.clone()));
}

fn contact_facts(
    e: &mut super::builder::AttrBuilder,
    contacts: &Contacts,
) -> Result<(), EntityError> {
    let table = contacts.span.clone();
    if !contacts.admins.is_empty() {
        let span = contacts.admins.first().map(|a| a.span.clone());
        e.strs_at(
            "admins",
            contacts.admins.iter().map(|a| a.value.as_str()),
            span,
        );
    }
    if let Some(dpo) = &contacts.dpo {
        e.record("dpo", Some(dpo.span.clone()), |r| {
            r.opt_str("name", &dpo.name);
            if let Some(address) = &dpo.email {
                email(r, "email", address);
            }
            r.opt_str("phone", &dpo.phone);
            r.opt_date("updated", &dpo.updated);
            Ok(())
        })?;
    }
    // A contact the table leaves out is reported at the table.
    match &contacts.breach {
        Some(address) => email(e, "breach_email", address),
        None => e.note_at("breach_email", "(not declared)", table.clone()),
    }
    match &contacts.breach_phone {
        Some(phone) => e.str_at("breach_phone", &phone.value, Some(phone.span.clone())),
        None => e.note_at("breach_phone", "(not declared)", table.clone()),
    }
    match &contacts.notice {
        Some(address) => email(e, "notice_email", address),
        None => e.note_at("notice_email", "(not declared)", table.clone()),
    }
    e.opt_bool("notice_monitored", &contacts.notice_monitored);
    if contacts.dpo.is_none() {
        e.note_at("dpo", "(not declared)", table);
    }
    Ok(())
}

fn contract_facts(
    c: &mut Rec<'_>,
    build: &Build<'_>,
    pack: &Located<String>,
    details: Option<&Contract>,
) -> Result<(), EntityError> {
    let tenant = build.tenant;
    let id = pack.value.as_str();
    if let Some(d) = details {
        declared_contract(c, d)?;
    }

    // Enabled user and administrator accounts for this contract's service.
    let accounts: Vec<_> = tenant
        .credentials
        .iter()
        .filter(|cr| cr.account.contract.as_ref().is_some_and(|x| x.value == id))
        .collect();
    if let Some(first) = accounts.first() {
        let count = accounts
            .iter()
            .filter(|cr| cr.enabled.as_ref().is_none_or(|x| x.value))
            .filter(|cr| {
                cr.kind
                    .as_ref()
                    .is_none_or(|k| matches!(k.value, CredentialKind::User | CredentialKind::Admin))
            })
            .count();
        c.long_at("accounts", to_long(count), Some(first.id.span.clone()));
    }

    // The topics attested for this contract.
    let topics: Vec<&str> = tenant
        .attestations
        .iter()
        .filter(|a| a.contract.value == id)
        .map(|a| a.topic.value.as_str())
        .collect();
    let span = details.map_or_else(|| pack.span.clone(), |d| d.span.clone());
    c.strs_at("attested", topics, Some(span.clone()));

    // The latest engagement or end of one of its sub-processors.
    let latest: Option<&Located<Date>> = tenant
        .sub_processors
        .iter()
        .filter(|s| s.contract.value == id)
        .flat_map(|s| [s.engaged.as_ref(), s.ended.as_ref()])
        .flatten()
        .max_by_key(|d| d.value);
    c.opt_date("latest_sub_processor_change", &latest.cloned());

    // Integration modes in use: an enabled mail relay, an installed plug-in.
    let mut in_use: Vec<&str> = Vec::new();
    if tenant
        .mail_relays
        .iter()
        .any(|m| m.contract.value == id && m.enabled.as_ref().is_none_or(|e| e.value))
    {
        in_use.push(IntegrationMode::SmtpRelay.as_str());
    }
    let installs = details
        .and_then(|d| d.plugin.as_ref())
        .and_then(|p| p.value.installs.as_ref());
    if installs.is_some_and(|i| i.value > 0) {
        in_use.push(IntegrationMode::Plugin.as_str());
    }
    c.strs_at("integrations_in_use", in_use, Some(span));
    Ok(())
}

fn to_long(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn declared_contract(c: &mut Rec<'_>, d: &Contract) -> Result<(), EntityError> {
    c.opt_date("signed", &d.signed);
    c.opt_date("start", &d.start);
    c.opt_date("end", &d.end);
    c.months_after("one_month_after_end", d.end.as_ref(), 1);
    c.opt_date("termination_notice", &d.termination_notice);
    c.opt_date("renewal", &d.renewal);
    c.months_after("three_months_before_renewal", d.renewal.as_ref(), -3);
    c.opt_bool("offboarding_planned", &d.offboarding_planned);
    if let Some(owners) = &d.owners {
        let span = Some(owners.span.clone());
        let names: Vec<&str> = owners
            .value
            .iter()
            .filter_map(|o| o.value.name.as_ref().or(o.value.email.as_ref()))
            .map(|n| n.value.as_str())
            .collect();
        c.strs_at("owners", names, span.clone());
        let all = &owners.value;
        let related = all
            .iter()
            .skip(1)
            .map(|o| (o.span.clone(), "another owner".to_owned()))
            .collect();
        let first = all
            .get(1)
            .or(all.first())
            .map(|o| o.span.clone())
            .or(span.clone());
        c.put_related(
            "owner_count",
            cedar_policy::RestrictedExpression::new_long(to_long(all.len())),
            all.len().to_string(),
            first,
            related,
        );
        let internal = all
            .iter()
            .filter(|o| o.value.internal.as_ref().is_some_and(|x| x.value))
            .count();
        c.long_at("internal_owner_count", to_long(internal), span.clone());
        let trained = all.iter().filter(|o| o.value.trained.is_some()).count();
        c.long_at("trained_owner_count", to_long(trained), span);
    }
    c.opt_bool("multiple_owners_approved", &d.multiple_owners_approved);
    c.opt_str("subscriber_number", &d.subscriber_number);
    c.opt_pick("service_level", &d.service_level);
    c.opt_strs("services", &d.services);
    c.opt_long("licensed_users", &d.licensed_users);
    c.opt_long("active_users", &d.active_users);
    c.opt_long("breach_notice_hours", &d.breach_notice_hours);
    c.opt_pick("end_of_service", &d.end_of_service);
    c.opt_long("retention_days", &d.retention_days);
    c.opt_date("extra_retention_agreed", &d.extra_retention_agreed);
    c.opt_date("extra_retention_until", &d.extra_retention_until);
    c.opt_bool("escrow", &d.escrow);
    c.opt_bool("continuity_required", &d.continuity_required);
    c.opt_bool("brand_permission", &d.brand_permission);
    c.opt_date("brand_permission_requested", &d.brand_permission_requested);
    c.opt_str("subdomain", &d.subdomain);
    c.opt_bool("subdomain_rights", &d.subdomain_rights);
    c.opt_picks("integrations", &d.integrations);
    c.opt_date("sub_processor_list_updated", &d.sub_processor_list_updated);
    c.opt_date(
        "sub_processor_list_reviewed",
        &d.sub_processor_list_reviewed,
    );
    c.opt_bool(
        "sub_processor_notifications",
        &d.sub_processor_notifications,
    );
    c.opt_bool("maintenance_notifications", &d.maintenance_notifications);
    c.opt_bool("admin_tool_logging", &d.admin_tool_logging);
    c.opt_bool("platform_reachable", &d.platform_reachable);
    c.opt_long("unsupported_endpoints", &d.unsupported_endpoints);
    if let Some(s) = &d.support {
        c.record("support", Some(s.span.clone()), |r| {
            r.opt_str("email", &s.value.email);
            r.opt_str("phone", &s.value.phone);
            r.opt_long("response_hours", &s.value.response_hours);
            r.opt_picks("urgent_channels", &s.value.urgent_channels);
            Ok(())
        })?;
    }
    if let Some(m) = &d.monitoring {
        c.record("monitoring", Some(m.span.clone()), |r| {
            r.opt_long("probe_interval_seconds", &m.value.probe_interval_seconds);
            r.opt_long("probe_locations", &m.value.probe_locations);
            r.opt_long("coverage_hours", &m.value.coverage_hours);
            r.opt_long("response_target_minutes", &m.value.response_target_minutes);
            Ok(())
        })?;
    }
    if let Some(p) = &d.performance {
        c.record("performance", Some(p.span.clone()), |r| {
            r.opt_long("fast_samples", &p.value.fast_samples);
            r.opt_long("slowest_ms", &p.value.slowest_ms);
            Ok(())
        })?;
    }
    if let Some(u) = &d.usage {
        c.record("usage", Some(u.span.clone()), |r| {
            r.opt_long("monthly_messages", &u.value.monthly_messages);
            r.opt_long("monthly_gb", &u.value.monthly_gb);
            r.opt_long("download_mbps", &u.value.download_mbps);
            r.opt_long("upload_mbps", &u.value.upload_mbps);
            Ok(())
        })?;
    }
    if let Some(p) = &d.plugin {
        c.record("plugin", Some(p.span.clone()), |r| {
            r.opt_long("installs", &p.value.installs);
            r.opt_long("foreign_installs", &p.value.foreign_installs);
            r.opt_bool("hash_verified", &p.value.hash_verified);
            r.opt_bool("distribution_public", &p.value.distribution_public);
            r.opt_strs("distribution_access", &p.value.distribution_access);
            Ok(())
        })?;
    }
    if let Some(x) = &d.own_export {
        c.record("own_export", Some(x.span.clone()), |r| {
            r.opt_bool("enabled", &x.value.enabled);
            r.opt_long("interval_days", &x.value.interval_days);
            r.opt_date("last_success", &x.value.last_success);
            Ok(())
        })?;
    }
    if let Some(o) = &d.offboarding {
        let o_span = o.span.clone();
        let o = &o.value;
        c.record("offboarding", Some(o_span), |r| {
            r.opt_date("export_requested", &o.export_requested);
            r.opt_bool("export_request_written", &o.export_request_written);
            r.opt_date("export_completed", &o.export_completed);
            r.opt_date("returned", &o.returned);
            r.opt_date("deletion_requested", &o.deletion_requested);
            r.opt_date("deleted", &o.deleted);
            r.opt_bool("deletion_confirmed", &o.deletion_confirmed);
            r.opt_date("statement_requested", &o.statement_requested);
            r.opt_date("statement_received", &o.statement_received);
            r.opt_bool(
                "deletion_impossible_notified",
                &o.deletion_impossible_notified,
            );
            Ok(())
        })?;
    }
    Ok(())
}
