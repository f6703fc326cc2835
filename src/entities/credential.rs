//! `Credential` entities: v1's kind, owner and activity dates, the account facts, and what Rust
//! derives across credentials (shared logins, reassigned logins, banned holders) and from the
//! resources a credential reaches.

use crate::facts::index::Index;
use crate::tenant::model::Credential;
use crate::tenant::model::account::AccountStatus;

use super::Build;
use super::builder::{AttrBuilder, EntityError};
use super::sink::Sink;

pub(super) fn build(build: &mut Build<'_>) -> Result<(), EntityError> {
    let tenant = build.tenant;
    for credential in &tenant.credentials {
        build.add("Credential", "credential", &credential.id, |e, cx| {
            v1_facts(e, credential);
            account_facts(e, credential, &cx.index);
            Ok(())
        })?;
    }
    Ok(())
}

fn v1_facts(e: &mut AttrBuilder, credential: &Credential) {
    e.opt_pick("kind", &credential.kind);
    e.opt_str("owner", &credential.owner);
    let enabled = credential.enabled.as_ref();
    e.bool_at(
        "enabled",
        enabled.is_none_or(|e| e.value),
        enabled.map(|e| e.span.clone()),
    );
    e.opt_date("created", &credential.created);
    e.months_after("one_month_after_created", credential.created.as_ref(), 1);
    e.opt_date("last_used", &credential.last_used);
    let last = credential
        .last_used
        .as_ref()
        .or(credential.created.as_ref());
    e.opt_date("last_activity", &last.cloned());
    e.months_after("six_months_after_last_activity", last, 6);
}

fn account_facts<'t>(e: &mut AttrBuilder, c: &'t Credential, index: &'t Index<'t>) {
    let a = &c.account;
    e.opt_str("contract", &a.contract);
    e.opt_str("person", &a.person);
    e.opt_str("login", &a.login);
    e.opt_long("holders", &a.holders);
    e.opt_bool("mfa", &a.mfa);
    e.opt_strs("roles", &a.roles);
    e.opt_bool("admin_appointed", &a.admin_appointed);
    e.opt_pick("party", &a.party);
    e.opt_str("operator", &a.operator);
    e.opt_pick("relationship", &a.relationship);
    e.opt_bool("designated", &a.designated);
    e.opt_pick("status", &a.status);
    e.opt_strs("access", &a.access);
    e.opt_pick("scope", &a.scope);
    e.opt_pick("basis", &a.basis);
    e.opt_str("granted_by", &a.granted_by);
    e.opt_str("justification", &a.justification);
    e.opt_date("expires", &a.expires);
    e.opt_bool("in_access_register", &a.in_access_register);
    e.opt_bool("confidentiality_signed", &a.confidentiality_signed);
    e.opt_date("privacy_training", &a.privacy_training);
    e.opt_date("employment_end", &a.employment_end);
    e.opt_date("client_cancelled", &a.client_cancelled);
    e.opt_bool("creation_authorized", &a.creation_authorized);
    e.opt_bool("sod_conflict", &a.sod_conflict);
    e.opt_moment("compromised", &a.compromised);
    e.opt_moment("misuse_reported", &a.misuse_reported);
    e.opt_bool("plaintext", &a.plaintext);
    e.opt_date("password_changed", &a.password_changed);
    e.opt_bool("must_change_initial", &a.must_change_initial);
    e.opt_pick("distribution", &a.distribution);
    e.opt_pick("use", &a.usage);
    e.opt_bool("shared_externally", &a.shared_externally);

    if let (Some(found), Some(reported)) = (&a.compromised, &a.misuse_reported) {
        let minutes = (reported.value.utc.as_second() - found.value.utc.as_second()) / 60;
        e.long_at(
            "misuse_report_minutes",
            minutes,
            Some(reported.span.clone()),
        );
    }
    // Logins and bans are compared within one service: accounts of the same contract, or
    // where either does not say which contract it is for (fail closed).
    let others = |candidates: &'t [&'t Credential]| {
        candidates
            .iter()
            .copied()
            .filter(|o| o.id.value != c.id.value && same_service(c, o))
    };
    if let Some(login) = &a.login {
        let same_login = || others(index.with_login(&login.value));
        let count = 1 + same_login().count();
        e.long_at(
            "same_login_count",
            i64::try_from(count).unwrap_or(i64::MAX),
            Some(login.span.clone()),
        );
        if let Some(person) = &a.person {
            // The same login was held by someone else, whose credential is disabled.
            let reassigned = same_login().any(|o| {
                o.enabled.as_ref().is_some_and(|x| !x.value)
                    && o.account
                        .person
                        .as_ref()
                        .is_some_and(|p| p.value != person.value)
            });
            e.bool_at("login_reassigned", reassigned, Some(login.span.clone()));
        }
    }
    if let Some(person) = &a.person {
        let banned = others(index.of_person(&person.value)).any(|o| {
            o.account.status.as_ref().is_some_and(|s| {
                matches!(s.value, AccountStatus::Banned | AccountStatus::Suspended)
            })
        });
        e.bool_at("person_banned", banned, Some(person.span.clone()));
    }
    if let Some(access) = &a.access {
        let flags: Vec<(bool, bool)> = access
            .value
            .iter()
            .map(|id| super::system::data_held(index, &id.value))
            .collect();
        let span = Some(access.span.clone());
        e.bool_at(
            "access_personal_data",
            flags.iter().any(|f| f.0),
            span.clone(),
        );
        e.bool_at("access_service_data", flags.iter().any(|f| f.1), span);
    }
}

/// Whether two credentials may be accounts of the same service: their `contract`s are equal,
/// or one of them declares none.
fn same_service(a: &Credential, b: &Credential) -> bool {
    match (&a.account.contract, &b.account.contract) {
        (Some(x), Some(y)) => x.value == y.value,
        _ => true,
    }
}
