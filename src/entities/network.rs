//! `Link`, `MailRelay` and `Integration` entities.

use crate::source::Located;
use crate::tenant::model::choice::TlsVersion;

use super::Build;
use super::builder::{AttrBuilder, EntityError, uid};
use super::sink::{Sink, entity_ref};
use super::zones::place;

/// `tls_min` as a number Cedar can compare (12 for TLS 1.2), shown as `TLS 1.2`.
fn tls_min(e: &mut AttrBuilder, value: &Option<Located<TlsVersion>>) {
    if let Some(v) = value {
        e.put(
            "tls_min",
            cedar_policy::RestrictedExpression::new_long(v.value.number()),
            format!("TLS {}", v.value.as_str()),
            Some(v.span.clone()),
        );
    }
}

/// A reference to a `[[sub_processor]]`, as an entity Cedar can read attributes of.
fn sub_processor_ref(
    e: &mut AttrBuilder,
    key: &str,
    value: &Option<Located<String>>,
) -> Result<(), EntityError> {
    if let Some(v) = value {
        e.put(
            key,
            entity_ref(uid("SubProcessor", &v.value)?),
            v.value.clone(),
            Some(v.span.clone()),
        );
    }
    Ok(())
}

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for l in &tenant.links {
        build.add("Link", "link", &l.id, |e, _| {
            e.opt_str("from", &l.from);
            e.opt_str("to", &l.to);
            e.opt_str("peer", &l.peer);
            e.opt_pick("network", &l.network);
            e.opt_bool("service_data", &l.service_data);
            e.opt_bool("encrypted", &l.encrypted);
            e.opt_str("protocol", &l.protocol);
            tls_min(e, &l.tls_min);
            e.opt_bool("customer_can_encrypt", &l.customer_can_encrypt);
            e.opt_str("operator", &l.operator);
            Ok(())
        })?;
    }
    for m in &tenant.mail_relays {
        build.add("MailRelay", "mail relay", &m.id, |e, _| {
            e.str_at("contract", &m.contract.value, Some(m.contract.span.clone()));
            let enabled = m.enabled.as_ref();
            e.bool_at(
                "enabled",
                enabled.is_none_or(|x| x.value),
                enabled.map(|x| x.span.clone()),
            );
            e.opt_pick("scope", &m.scope);
            e.opt_strs("smarthosts", &m.smarthosts);
            e.opt_pick("tls", &m.tls);
            tls_min(e, &m.tls_min);
            e.opt_bool("certificate_validation", &m.certificate_validation);
            if let Some(p) = &m.content_policy {
                e.record("content_policy", Some(p.span.clone()), |r| {
                    r.opt_pick("mode", &p.value.mode);
                    r.opt_long("keywords", &p.value.keywords);
                    r.opt_date("reviewed", &p.value.reviewed);
                    Ok(())
                })?;
            }
            sub_processor_ref(e, "delivery_service", &m.delivery_service)?;
            e.opt_bool(
                "spf_includes_delivery_service",
                &m.spf_includes_delivery_service,
            );
            e.opt_picks("sources", &m.sources);
            e.opt_picks("bypass", &m.bypass);
            e.opt_bool("attachment_scanning", &m.attachment_scanning);
            Ok(())
        })?;
    }
    for i in &tenant.integrations {
        build.add("Integration", "integration", &i.id, |e, cx| {
            e.str_at("contract", &i.contract.value, Some(i.contract.span.clone()));
            e.opt_str("vendor", &i.vendor);
            e.opt_bool("direct_contract", &i.direct_contract);
            e.opt_bool("dpa_signed", &i.dpa_signed);
            e.opt_bool("personal_data", &i.personal_data);
            if let Some(country) = &i.country {
                place(e, "location", country, cx.rd)?;
            }
            e.opt_bool("token_plaintext", &i.token_plaintext);
            sub_processor_ref(e, "sub_processor", &i.sub_processor)
        })?;
    }
    Ok(())
}
