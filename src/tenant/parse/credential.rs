//! `[[credential]]`: accounts, keys and certificates, with the facts about who holds them and
//! what they reach.

use crate::tenant::model::{AccountFacts, Credential, CredentialKind};
use crate::tenant::reader::Table;

pub(super) fn read_credential(mut t: Table<'_, '_>) -> Option<Credential> {
    let id = t.id("id");
    let kind = t.choice("kind", "credential kind", &CredentialKind::ALL);
    let owner = t.string("owner");
    let enabled = t.bool("enabled");
    let created = t.date("created");
    let last_used = t.date("last_used");
    let account = AccountFacts {
        contract: t.string("contract"),
        person: t.string("person"),
        login: t.string("login"),
        holders: t.count("holders"),
        mfa: t.bool("mfa"),
        roles: t.strings("roles"),
        admin_appointed: t.bool("admin_appointed"),
        party: t.pick("party"),
        operator: t.string("operator"),
        relationship: t.pick("relationship"),
        designated: t.bool("designated"),
        status: t.pick("status"),
        access: t.strings("access"),
        scope: t.pick("scope"),
        basis: t.pick("basis"),
        granted_by: t.string("granted_by"),
        justification: t.string("justification"),
        expires: t.date("expires"),
        in_access_register: t.bool("in_access_register"),
        confidentiality_signed: t.bool("confidentiality_signed"),
        privacy_training: t.date("privacy_training"),
        employment_end: t.date("employment_end"),
        client_cancelled: t.date("client_cancelled"),
        creation_authorized: t.bool("creation_authorized"),
        sod_conflict: t.bool("sod_conflict"),
        compromised: t.moment("compromised"),
        misuse_reported: t.moment("misuse_reported"),
        plaintext: t.bool("plaintext"),
        password_changed: t.date("password_changed"),
        must_change_initial: t.bool("must_change_initial"),
        distribution: t.pick("distribution"),
        usage: t.pick("use"),
        shared_externally: t.bool("shared_externally"),
    };
    t.finish();
    Some(Credential {
        id: id?,
        kind,
        owner,
        enabled,
        created,
        last_used,
        account,
    })
}
