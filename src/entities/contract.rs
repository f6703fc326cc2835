//! `Attestation`, `Company` and `Domain` entities.

use crate::tenant::model::choice::Party;

use super::Build;
use super::builder::EntityError;
use super::sink::Sink;

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for a in &tenant.attestations {
        build.add("Attestation", "attestation", &a.id, |e, cx| {
            e.str_at("contract", &a.contract.value, Some(a.contract.span.clone()));
            e.opt_pick("topic", &Some(a.topic.clone()));
            match &a.party {
                Some(party) => e.opt_pick("party", &Some(party.clone())),
                // Attestations are the provider's statements unless declared otherwise.
                None => e.str_at(
                    "party",
                    Party::Provider.as_str(),
                    Some(a.topic.span.clone()),
                ),
            }
            e.opt_date("issued", &a.issued);
            e.opt_date("valid_until", &a.valid_until);
            e.opt_date("period_end", &a.period_end);
            e.opt_bool("certified", &a.certified);
            e.opt_str("version", &a.version);
            e.opt_strs("holders", &a.holders);
            e.opt_str("evidence", &a.evidence);
            // A later statement on the same topic for the same contract supersedes this one.
            let date = |x: &crate::tenant::model::Attestation| {
                x.issued.as_ref().or(x.period_end.as_ref()).map(|d| d.value)
            };
            let mine = date(a);
            let later = cx.tenant.attestations.iter().find(|o| {
                o.id.value != a.id.value
                    && o.contract.value == a.contract.value
                    && o.topic.value == a.topic.value
                    && match (date(o), mine) {
                        (Some(theirs), Some(mine)) => theirs > mine,
                        (Some(_), None) => true,
                        _ => false,
                    }
            });
            e.bool_at(
                "superseded",
                later.is_some(),
                Some(later.map_or_else(|| a.id.span.clone(), |o| o.id.span.clone())),
            );
            Ok(())
        })?;
    }
    for company in &tenant.companies {
        build.add("Company", "company", &company.id, |e, _| {
            e.str_at(
                "contract",
                &company.contract.value,
                Some(company.contract.span.clone()),
            );
            e.opt_bool("demo", &company.demo);
            e.opt_bool("production_data", &company.production_data);
            e.opt_bool("payroll_tax_filing", &company.payroll_tax_filing);
            Ok(())
        })?;
    }
    for domain in &tenant.domains {
        build.add("Domain", "domain", &domain.id, |e, _| {
            e.str_at(
                "name",
                &domain.id.value.to_lowercase(),
                Some(domain.id.span.clone()),
            );
            e.opt_pick("kind", &domain.kind);
            Ok(())
        })?;
    }
    Ok(())
}
