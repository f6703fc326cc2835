//! Checks across tables: ids are unique within their kind, and every reference names a
//! declared id (with a suggestion when it does not). Also fills in countries that follow from
//! a referenced facility.

use std::collections::{HashMap, HashSet};

use crate::source::Located;
use crate::suggest;
use crate::tenant::error::InputErrorKind;
use crate::tenant::model::{Location, Opt, Tenant};
use crate::tenant::reader::Cx;

pub(super) fn check_unique<'m>(
    cx: &Cx<'_>,
    kind: &'static str,
    ids: impl Iterator<Item = &'m Located<String>>,
) {
    let mut seen: HashMap<&str, &Located<String>> = HashMap::new();
    for id in ids {
        if let Some(first) = seen.get(id.value.as_str()) {
            cx.report(
                id.span.clone(),
                InputErrorKind::DuplicateId {
                    kind,
                    id: id.value.clone(),
                    first: first.span.clone(),
                },
            );
        } else {
            seen.insert(&id.value, id);
        }
    }
}

/// Every id kind of the tenant, for uniqueness.
pub(super) fn check_all_unique(cx: &Cx<'_>, t: &Tenant) {
    check_unique(cx, "segment", t.segments.iter().map(|s| &s.id));
    check_unique(cx, "system", t.systems.iter().map(|s| &s.id));
    check_unique(cx, "credential", t.credentials.iter().map(|c| &c.id));
    check_unique(cx, "data store", t.data_stores.iter().map(|d| &d.id));
    check_unique(cx, "transfer", t.transfers.iter().map(|t| &t.id));
    check_unique(cx, "contract", t.contracts.value.iter());
    check_unique(cx, "contract", t.contract_details.iter().map(|c| &c.id));
    check_unique(cx, "attestation", t.attestations.iter().map(|a| &a.id));
    check_unique(cx, "sub-processor", t.sub_processors.iter().map(|s| &s.id));
    check_unique(cx, "backup", t.backups.iter().map(|b| &b.id));
    check_unique(cx, "facility", t.facilities.iter().map(|f| &f.id));
    check_unique(cx, "link", t.links.iter().map(|l| &l.id));
    check_unique(cx, "mail relay", t.mail_relays.iter().map(|m| &m.id));
    check_unique(cx, "integration", t.integrations.iter().map(|i| &i.id));
    check_unique(cx, "company", t.companies.iter().map(|c| &c.id));
    check_unique(cx, "domain", t.domains.iter().map(|d| &d.id));
    check_unique(cx, "incident", t.incidents.iter().map(|i| &i.id));
    check_unique(cx, "request", t.requests.iter().map(|r| &r.id));
    check_unique(cx, "notice", t.notices.iter().map(|n| &n.id));
    check_unique(cx, "maintenance", t.maintenance.iter().map(|m| &m.id));
    check_unique(cx, "availability", t.availability.iter().map(|a| &a.id));
}

fn check_reference(
    cx: &Cx<'_>,
    key: &str,
    kind: &'static str,
    reference: &Located<String>,
    declared: &Declared<'_>,
) {
    if !declared.set.contains(reference.value.as_str()) {
        cx.report(
            reference.span.clone(),
            InputErrorKind::DanglingReference {
                key: key.to_owned(),
                kind,
                id: reference.value.clone(),
                suggestion: suggest::closest(&reference.value, declared.list.iter().copied())
                    .map(str::to_owned),
            },
        );
    }
}

/// The ids a reference may name: in file order, to suggest the closest, and as a set, so that a
/// tenant of many references and many ids is not checked in quadratic time.
struct Declared<'m> {
    list: Vec<&'m str>,
    set: HashSet<&'m str>,
}

impl<'m> Declared<'m> {
    fn new(list: Vec<&'m str>) -> Self {
        let set = list.iter().copied().collect();
        Self { list, set }
    }

    fn chain(&self, other: &Self) -> Self {
        Self::new(self.list.iter().chain(&other.list).copied().collect())
    }
}

fn ids<'m, T>(items: &'m [T], id: impl Fn(&'m T) -> &'m Located<String>) -> Declared<'m> {
    Declared::new(items.iter().map(|i| id(i).value.as_str()).collect())
}

/// Every reference of the tenant.
pub(super) fn check_all_references(cx: &Cx<'_>, t: &Tenant) {
    let segments = ids(&t.segments, |s| &s.id);
    let systems = ids(&t.systems, |s| &s.id);
    let stores = ids(&t.data_stores, |d| &d.id);
    let subs = ids(&t.sub_processors, |s| &s.id);
    let facilities = ids(&t.facilities, |f| &f.id);
    let contracts = Declared::new(t.contracts.value.iter().map(|c| c.value.as_str()).collect());
    let operators = Declared::new(vec!["customer"]).chain(&contracts);
    let sources = systems.chain(&stores);
    let endpoints = sources.chain(&segments);

    let check = |key: &str, kind: &'static str, r: &Located<String>, declared: &Declared<'_>| {
        check_reference(cx, key, kind, r, declared);
    };
    let check_opt = |key: &str, kind: &'static str, r: &Opt<String>, declared: &Declared<'_>| {
        if let Some(r) = r {
            check_reference(cx, key, kind, r, declared);
        }
    };
    let check_list =
        |key: &str, kind: &'static str, r: &Opt<Vec<Located<String>>>, declared: &Declared<'_>| {
            for r in r.iter().flat_map(|l| &l.value) {
                check_reference(cx, key, kind, r, declared);
            }
        };
    const CONTRACT: &str = "contract in `tenant.contracts`";
    const OPERATOR: &str = "`customer` or contract";

    for interface in t.systems.iter().flat_map(|s| &s.interfaces) {
        check("segment", "segment", &interface.value.segment, &segments);
    }
    for s in &t.systems {
        check_opt("operator", OPERATOR, &s.data.operator, &operators);
        if let Some(h) = &s.hosting {
            check_opt("site", "facility", &h.value.site, &facilities);
        }
    }
    for d in &t.data_stores {
        check_opt("operator", OPERATOR, &d.data.operator, &operators);
        if let Some(h) = &d.hosting {
            check_opt("site", "facility", &h.value.site, &facilities);
        }
        for l in d.replicas.iter().flat_map(|r| &r.value) {
            check_opt("site", "facility", &l.value.site, &facilities);
        }
    }
    for c in &t.credentials {
        check_opt("contract", CONTRACT, &c.account.contract, &contracts);
        check_opt("operator", OPERATOR, &c.account.operator, &operators);
        check_list(
            "access",
            "system or data store",
            &c.account.access,
            &sources,
        );
    }
    for tr in &t.transfers {
        check_opt("from", "system or data store", &tr.from, &sources);
        check_opt("operator", OPERATOR, &tr.operator, &operators);
        check_opt("sub_processor", "sub-processor", &tr.sub_processor, &subs);
    }
    for c in &t.contract_details {
        check("id", CONTRACT, &c.id, &contracts);
    }
    let contract_keys = t
        .attestations
        .iter()
        .map(|a| &a.contract)
        .chain(t.sub_processors.iter().map(|s| &s.contract))
        .chain(t.mail_relays.iter().map(|m| &m.contract))
        .chain(t.integrations.iter().map(|i| &i.contract))
        .chain(t.companies.iter().map(|c| &c.contract))
        .chain(t.incidents.iter().map(|i| &i.contract))
        .chain(t.requests.iter().map(|r| &r.contract))
        .chain(t.notices.iter().map(|n| &n.contract))
        .chain(t.maintenance.iter().map(|m| &m.contract))
        .chain(t.availability.iter().map(|a| &a.contract));
    for contract in contract_keys {
        check("contract", CONTRACT, contract, &contracts);
    }
    for b in &t.backups {
        check_list("of", "system or data store", &b.of, &sources);
        check_opt("operator", OPERATOR, &b.operator, &operators);
        for l in b.locations.iter().flat_map(|r| &r.value) {
            check_opt("site", "facility", &l.value.site, &facilities);
        }
    }
    for f in &t.facilities {
        check_opt("operator", OPERATOR, &f.operator, &operators);
    }
    for l in &t.links {
        check_opt("from", "system, data store or segment", &l.from, &endpoints);
        check_opt("to", "system, data store or segment", &l.to, &endpoints);
        check_opt("operator", OPERATOR, &l.operator, &operators);
    }
    for m in &t.mail_relays {
        check_opt(
            "delivery_service",
            "sub-processor",
            &m.delivery_service,
            &subs,
        );
    }
    for i in &t.integrations {
        check_opt("sub_processor", "sub-processor", &i.sub_processor, &subs);
    }
    for n in &t.notices {
        check_opt("sub_processor", "sub-processor", &n.sub_processor, &subs);
    }
}

/// A location or hosting on a declared facility takes the facility's country when it declares
/// none; when both declare one, they must agree.
pub(super) fn fill_site_countries(cx: &Cx<'_>, t: &mut Tenant) {
    let facilities: HashMap<String, Located<String>> = t
        .facilities
        .iter()
        .filter_map(|f| Some((f.id.value.clone(), f.country.clone()?)))
        .collect();
    let fill = |site: &Opt<String>, country: &mut Opt<String>| {
        let Some(site) = site else { return };
        let Some(facility_country) = facilities.get(&site.value) else {
            return;
        };
        match country {
            Some(c) if c.value != facility_country.value => cx.report(
                c.span.clone(),
                InputErrorKind::Inconsistent(format!(
                    "the country is `{}`, but facility `{}` is in `{}`",
                    c.value, site.value, facility_country.value
                )),
            ),
            Some(_) => {}
            None => {
                *country = Some(Located::new(
                    facility_country.value.clone(),
                    site.span.clone(),
                ))
            }
        }
    };
    let hostings = t
        .systems
        .iter_mut()
        .filter_map(|s| s.hosting.as_mut())
        .chain(t.data_stores.iter_mut().filter_map(|d| d.hosting.as_mut()));
    for h in hostings {
        let h = &mut h.value;
        fill(&h.site, &mut h.country);
    }
    let locations: Vec<&mut Located<Location>> = t
        .data_stores
        .iter_mut()
        .filter_map(|d| d.replicas.as_mut())
        .chain(t.backups.iter_mut().filter_map(|b| b.locations.as_mut()))
        .flat_map(|l| l.value.iter_mut())
        .collect();
    for l in locations {
        let l = &mut l.value;
        fill(&l.site, &mut l.country);
    }
}
