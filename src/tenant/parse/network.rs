//! `[[link]]`, `[[mail_relay]]` and `[[integration]]`: connections that carry data.

use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::model::network::{ContentPolicy, Integration, Link, MailRelay};
use crate::tenant::reader::Table;

use super::hosting::country;

pub(super) fn read_link(mut t: Table<'_, '_>) -> Option<Link> {
    let id = t.id("id");
    let link = Link {
        id: Located::new(String::new(), 0..0),
        from: t.string("from"),
        to: t.string("to"),
        peer: t.string("peer"),
        network: t.pick("network"),
        service_data: t.bool("service_data"),
        encrypted: t.bool("encrypted"),
        protocol: t.string("protocol"),
        tls_min: t.pick("tls_min"),
        customer_can_encrypt: t.bool("customer_can_encrypt"),
        operator: t.string("operator"),
    };
    t.finish();
    Some(Link { id: id?, ..link })
}

pub(super) fn read_mail_relay(mut t: Table<'_, '_>) -> Option<MailRelay> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let relay = MailRelay {
        id: Located::new(String::new(), 0..0),
        contract: Located::new(String::new(), 0..0),
        enabled: t.bool("enabled"),
        scope: t.pick("scope"),
        smarthosts: t.strings("smarthosts"),
        tls: t.pick("tls"),
        tls_min: t.pick("tls_min"),
        certificate_validation: t.bool("certificate_validation"),
        content_policy: t.table("content_policy").map(|mut p| {
            let span = p.span();
            let policy = ContentPolicy {
                mode: p.pick("mode"),
                keywords: p.count("keywords"),
                reviewed: p.date("reviewed"),
            };
            p.finish();
            Located::new(policy, span)
        }),
        delivery_service: t.string("delivery_service"),
        spf_includes_delivery_service: t.bool("spf_includes_delivery_service"),
        sources: t.picks("sources"),
        bypass: t.picks("bypass"),
        attachment_scanning: t.bool("attachment_scanning"),
    };
    t.finish();
    Some(MailRelay {
        id: id?,
        contract: contract?,
        ..relay
    })
}

pub(super) fn read_integration(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Integration> {
    let id = t.id("id");
    let contract = t.required_string("contract");
    let vendor = t.string("vendor");
    let direct_contract = t.bool("direct_contract");
    let dpa_signed = t.bool("dpa_signed");
    let personal_data = t.bool("personal_data");
    let country = country(&mut t, "country", rd);
    let token_plaintext = t.bool("token_plaintext");
    let sub_processor = t.string("sub_processor");
    t.finish();
    Some(Integration {
        id: id?,
        contract: contract?,
        vendor,
        direct_contract,
        dpa_signed,
        personal_data,
        country,
        token_plaintext,
        sub_processor,
    })
}
