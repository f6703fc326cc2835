//! The tables of the tenant file, one `static` each, in the order the reader reads their keys
//! (suggestions break ties by name, so the order only keeps the docs readable). Each key's
//! documentation is the one line the generated docs and the JSON Schema show for it.

use super::Ty::*;
use super::{KeyDecl, TableDecl, key, names};
use crate::tenant::model::account::{AccountStatus, Basis, Distribution, Relationship, Scope, Use};
use crate::tenant::model::choice::{
    Environment, Isolation, LogField, Network, Party, PasswordStorage, Redundancy, TlsVersion,
};
use crate::tenant::model::contract::{
    Channel, DomainKind, EndOfService, IntegrationMode, ServiceLevel, Topic,
};
use crate::tenant::model::data::{
    FacilityControl, Frequency, MediaDisposal, Objection, PowerProtection,
};
use crate::tenant::model::events::{
    IncidentKind, IncidentSource, MaintenanceKind, NoticeField, NoticeKind, Outcome, RegisterField,
    RequestKind,
};
use crate::tenant::model::network::{MailSource, PolicyMode, RelayScope, TlsMode};
use crate::tenant::model::{CredentialKind, Provider, Purpose, RecipientKind, Safeguard};

/// The top level of an evidence file (`tenant.include`): the tables it may hold.
pub(crate) static EVIDENCE_FILE: TableDecl = TableDecl {
    name: "the evidence file",
    cedar: None,
    computed: &[],
    keys: &[&[
        key(
            "attestation",
            Tables(&ATTESTATION),
            "certifications, reports and declared controls",
        ),
        key(
            "sub_processor",
            Tables(&SUB_PROCESSOR),
            "who else processes your data",
        ),
        key(
            "facility",
            Tables(&FACILITY),
            "data centres and other sites",
        ),
        key(
            "accepted_risk",
            Tables(&ACCEPTED_RISK),
            "accepted risks: findings the organisation has decided to accept, until a date",
        ),
    ]],
};

/// The top level of a tenant file.
pub(crate) static TENANT_FILE: TableDecl = TableDecl {
    name: "the file",
    cedar: None,
    computed: &[],
    keys: &[&[
        key(
            "tenant",
            Table(&TENANT),
            "the tenant: its id, name and the contracts that bind it",
        ),
        key(
            "contacts",
            Table(&CONTACTS),
            "who to contact: administrators, DPO, breach and notice addresses",
        ),
        key(
            "segment",
            Tables(&SEGMENT),
            "network segments (VLANs) of the tenant",
        ),
        key(
            "system",
            Tables(&SYSTEM),
            "machines: operating system, hosting, interfaces, data and security controls",
        ),
        key(
            "credential",
            Tables(&CREDENTIAL),
            "accounts, keys and certificates",
        ),
        key(
            "data_store",
            Tables(&DATA_STORE),
            "databases and other stores of data",
        ),
        key(
            "transfer",
            Tables(&TRANSFER),
            "data sent to a recipient in another country",
        ),
        key(
            "contract",
            Tables(&CONTRACT),
            "what each contract says about this tenant",
        ),
        key(
            "attestation",
            Tables(&ATTESTATION),
            "certifications, reports and declared controls",
        ),
        key(
            "sub_processor",
            Tables(&SUB_PROCESSOR),
            "who else processes your data",
        ),
        key(
            "backup",
            Tables(&BACKUP),
            "copies from which data can be restored",
        ),
        key(
            "facility",
            Tables(&FACILITY),
            "data centres and other sites",
        ),
        key("link", Tables(&LINK), "network connections that carry data"),
        key(
            "mail_relay",
            Tables(&MAIL_RELAY),
            "your mail server relaying through a provider's platform",
        ),
        key(
            "integration",
            Tables(&INTEGRATION),
            "third parties you connect to a provider's platform",
        ),
        key(
            "company",
            Tables(&COMPANY),
            "companies administered on a payroll platform",
        ),
        key("domain", Tables(&DOMAIN), "domains used with a provider"),
        key(
            "incident",
            Tables(&INCIDENT),
            "incidents, breaches and alerts",
        ),
        key("request", Tables(&REQUEST), "requests and their handling"),
        key("notice", Tables(&NOTICE), "announcements by a provider"),
        key(
            "maintenance",
            Tables(&MAINTENANCE),
            "maintenance windows of a provider's service",
        ),
        key(
            "availability",
            Tables(&AVAILABILITY),
            "measured availability per period",
        ),
        key(
            "accepted_risk",
            Tables(&ACCEPTED_RISK),
            "accepted risks: findings the organisation has decided to accept, until a date",
        ),
    ]],
};

/// `tenant`.
pub(crate) static TENANT: TableDecl = TableDecl {
    name: "tenant",
    cedar: Some("Tenant"),
    computed: &["contract"],
    keys: &[&[
        key(
            "include",
            Strings,
            "[evidence files](#evidence-files-tenantinclude) whose tables are read as part of this tenant, by path relative to this file",
        ),
        key("id", Id, "unique across the run; used in every report").required(),
        key("name", String, "a human-readable name").cedar("name"),
        key(
            "contracts",
            Strings,
            "the packs (contracts) that bind the tenant; their rules are checked",
        )
        .required()
        .cedar("contracts"),
    ]],
};

/// `contacts`.
pub(crate) static CONTACTS: TableDecl = TableDecl {
    name: "contacts",
    cedar: Some("Tenant"),
    computed: &[],
    keys: &[&[
        key("admins", Emails, "administrators' e-mail addresses").cedar("admins"),
        key("dpo", Table(&DPO), "the data-protection officer").cedar("dpo"),
        key(
            "breach",
            Email,
            "where security incidents and data breaches are reported",
        )
        .cedar("breach_email"),
        key(
            "breach_phone",
            String,
            "telephone number for breach notifications (`breach` stays the e-mail address)",
        )
        .cedar("breach_phone"),
        key(
            "notice",
            Email,
            "the mailbox providers send notices to (changes, new sub-processors, upgrades)",
        )
        .cedar("notice_email"),
        key(
            "notice_monitored",
            Bool,
            "whether someone reads that mailbox",
        )
        .cedar("notice_monitored"),
    ]],
};

/// `segment`.
pub(crate) static SEGMENT: TableDecl = TableDecl {
    name: "segment",
    cedar: Some("Segment"),
    computed: &[],
    keys: &[&[
        key("id", Id, "unique among segments").required(),
        key(
            "zone",
            String,
            "a free-form security-level label (`dmz`, `internal`, …)",
        )
        .cedar("zone"),
    ]],
};

/// The keys about the data a system or data store holds, shared by both (as the reader
/// shares `read_data_facts`).
const DATA_FACTS: &[KeyDecl] = &[
    key("operator", String, "who runs it").cedar("operator"),
    key("service_data", Bool, "it holds service data: any data you entrust to a provider, personal or not").cedar("service_data"),
    key("environment", Enum(names::<Environment>), "its environment").cedar("environment"),
    key("categories", Strings, "personal-data categories, kinds of data subjects, processing purposes (in the contract's words)").cedar("categories"),
    key("subjects", Strings, "personal-data categories, kinds of data subjects, processing purposes (in the contract's words)").cedar("subjects"),
    key("purposes", Strings, "personal-data categories, kinds of data subjects, processing purposes (in the contract's words)").cedar("purposes"),
    key("anonymised", Bool, "as named").cedar("anonymised"),
    key("pseudonymised", Bool, "as named").cedar("pseudonymised"),
    key("encrypted_at_rest", Bool, "as named").cedar("encrypted_at_rest"),
    key("retention_days", Count, "how long data is kept").cedar("retention_days"),
    key("deleted", Date, "the data was deleted").cedar("deleted"),
    key("legal_hold", Bool, "the law requires keeping the data, and which law").cedar("legal_hold"),
    key("legal_basis", String, "the law requires keeping the data, and which law").cedar("legal_basis"),
    key("backup_technically_possible", Bool, "`false`: restorable backup copies of it are not technically possible (e.g. a cache or a stream that cannot be restored); absent means they are").cedar("backup_technically_possible"),
    key("replication", Bool, "storage is replicated; point-in-time recovery is on").cedar("replication"),
    key("point_in_time_recovery", Bool, "storage is replicated; point-in-time recovery is on").cedar("point_in_time_recovery"),
    key("redundancy", Enum(names::<Redundancy>), "how far storage is replicated").cedar("redundancy"),
    key("isolation", Enum(names::<Isolation>), "how your data is separated from others'").cedar("isolation"),
    key("shared_with_others", Bool, "it also holds the provider's own or other customers' data").cedar("shared_with_others"),
    key("access_log", Table(&ACCESS_LOG), "access logging: on; offered to you by the provider; what entries record (array of `access-id`, `timestamp`, `authorization`, `activity`); days kept").cedar("access_log"),
];

/// `system`.
pub(crate) static SYSTEM: TableDecl = TableDecl {
    name: "system",
    cedar: Some("System"),
    computed: &["backup_count", "segments", "segment_count", "interface_count"],
    keys: &[&[
        key("id", Id, "unique among systems").required(),
        key("os", Table(&OS), "its operating system").cedar("os"),
        key("hosting", Table(&HOSTING), "where it runs").cedar("hosting"),
        key("interfaces", Tables(&INTERFACES), "its network interfaces"),
        key("personal_data", Bool, "whether it stores or processes personal data").default("false").cedar("personal_data"),
    ],
    DATA_FACTS,
    &[
        key("anonymous_access", Bool, "data can be reached without identifying oneself").cedar("anonymous_access"),
        key("password_policy", Table(&PASSWORD_POLICY), "`max_age_days = 0`: passwords never expire; `storage`: `hashed`, `reversible`, `plaintext`; `hash`: e.g. `argon2id`").cedar("password_policy"),
        key("failed_login_monitoring", Table(&FAILED_LOGIN_MONITORING), "repeated failed logins are monitored; the provider offers you to monitor them").cedar("failed_login_monitoring"),
        key("anti_malware", Bool, "anti-malware runs").cedar("anti_malware"),
        key("admin_idle_timeout_minutes", Count, "idle timeout of administrative sessions").cedar("admin_idle_timeout_minutes"),
        key("log_review", Date, "security staff last reviewed the logs").cedar("log_review"),
        key("self_grant_possible", Bool, "a user can grant themselves access rights").cedar("self_grant_possible"),
        key("vulnerability_scan", Date, "last vulnerability scan").cedar("vulnerability_scan"),
        key("software", Strings, "products it runs (e.g. `nmbrs`)").cedar("software"),
    ]],
};

/// `credential`.
pub(crate) static CREDENTIAL: TableDecl = TableDecl {
    name: "credential",
    cedar: Some("Credential"),
    computed: &["one_month_after_created", "last_activity", "six_months_after_last_activity", "access_personal_data", "access_service_data", "misuse_report_minutes", "same_login_count", "login_reassigned", "person_banned"],
    keys: &[&[
        key("id", Id, "unique among credentials").required(),
        key("kind", Enum(names::<CredentialKind>), "`user`, `admin`, `service-account`, `api-key`, `ssh-key`, `certificate`").cedar("kind"),
        key("owner", String, "who is responsible for it").cedar("owner"),
        key("enabled", Bool, "whether it can be used").default("true").cedar("enabled"),
        key("created", Date, "when it was created").cedar("created"),
        key("last_used", Date, "when it was last used; absent means never used").cedar("last_used"),
        key("contract", String, "the contract whose service the account is for; when left out, every bound pack's duties about accounts judge it").cedar("contract"),
        key("person", String, "the natural person who holds it (any stable identifier)").cedar("person"),
        key("login", String, "the login name").cedar("login"),
        key("holders", Count, "how many people use it").cedar("holders"),
        key("mfa", Bool, "multi-factor authentication is enforced").cedar("mfa"),
        key("roles", Strings, "its roles (`administrator`, `support`…)").cedar("roles"),
        key("admin_appointed", Bool, "you appointed the holder administrator").cedar("admin_appointed"),
        key("party", Enum(names::<Party>), "whose person or software holds it").cedar("party"),
        key("operator", String, "who runs the system or service the account is on, and so administers the account").cedar("operator"),
        key("relationship", Enum(names::<Relationship>), "how the holder relates to you").cedar("relationship"),
        key("designated", Bool, "you designated the holder as a user").cedar("designated"),
        key("status", Enum(names::<AccountStatus>), "the account's state at the provider").cedar("status"),
        key("access", Strings, "what it reaches").cedar("access"),
        key("scope", Enum(names::<Scope>), "how much it reaches").cedar("scope"),
        key("basis", Enum(names::<Basis>), "on what ground access was given").cedar("basis"),
        key("granted_by", String, "who granted the access; why it is needed").cedar("granted_by"),
        key("justification", String, "who granted the access; why it is needed").cedar("justification"),
        key("expires", Date, "when the access expires").cedar("expires"),
        key("in_access_register", Bool, "the holder is in the access register; signed a confidentiality undertaking").cedar("in_access_register"),
        key("confidentiality_signed", Bool, "the holder is in the access register; signed a confidentiality undertaking").cedar("confidentiality_signed"),
        key("privacy_training", Date, "the holder's last privacy training").cedar("privacy_training"),
        key("employment_end", Date, "the holder left your organisation").cedar("employment_end"),
        key("client_cancelled", Date, "the holder's own subscription with you ended (e.g. a payroll client's end user)").cedar("client_cancelled"),
        key("creation_authorized", Bool, "its creation was authorised").cedar("creation_authorized"),
        key("sod_conflict", Bool, "its roles conflict (segregation of duties)").cedar("sod_conflict"),
        key("compromised", Moment, "it was found compromised or possibly misused; you reported that to the provider").cedar("compromised"),
        key("misuse_reported", Moment, "it was found compromised or possibly misused; you reported that to the provider").cedar("misuse_reported"),
        key("plaintext", Bool, "the secret is stored in plain text (e.g. found in a repository)").cedar("plaintext"),
        key("password_changed", Date, "the password was last changed").cedar("password_changed"),
        key("must_change_initial", Bool, "the initial password must be changed at first use").cedar("must_change_initial"),
        key("distribution", Enum(names::<Distribution>), "how the initial password was handed over").cedar("distribution"),
        key("use", Enum(names::<Use>), "what an API credential is used for").cedar("use"),
        key("shared_externally", Bool, "it is shared outside your organisation").cedar("shared_externally"),
    ]],
};

/// `data_store`.
pub(crate) static DATA_STORE: TableDecl = TableDecl {
    name: "data_store",
    cedar: Some("DataStore"),
    computed: &[
        "backup_count",
        "replica_count",
        "replica_sites",
        "countries",
        "countries_outside_eu",
        "countries_outside_eea",
        "countries_outside_transfer_zone",
        "countries_without_adequacy",
        "countries_without_decision",
        "adequacy_scopes",
    ],
    keys: &[
        &[
            key("id", Id, "unique among data stores").required(),
            key("hosting", Table(&HOSTING), "where it is hosted").cedar("hosting"),
            key("personal_data", Bool, "whether it holds personal data")
                .default("false")
                .cedar("personal_data"),
        ],
        DATA_FACTS,
        &[key(
            "replicas",
            Tables(&PLACE),
            "other places the data is copied to",
        )],
    ],
};

/// `transfer`.
pub(crate) static TRANSFER: TableDecl = TableDecl {
    name: "transfer",
    cedar: Some("Transfer"),
    computed: &["implicit", "source", "source_country"],
    keys: &[&[
        key("id", Id, "unique among transfers").required(),
        key("from", String, "the id of the declared `[[system]]` or `[[data_store]]` the data comes from"),
        key("destination", Table(&DESTINATION), "where the data goes").required().cedar("destination"),
        key("personal_data", Bool, "whether the data includes personal data").default("false").cedar("personal_data"),
        key("safeguard", Enum(names::<Safeguard>), "one of the [safeguards](#safeguards)").cedar("safeguard"),
        key("operator", String, "who sends the data; when left out, whoever runs the `from` system or data store (its `operator`)").cedar("operator"),
        key("recipient_kind", Enum(names::<RecipientKind>), "what the recipient is").cedar("recipient_kind"),
        key("sub_processor", String, "the receiving sub-processor").cedar("sub_processor"),
        key("basis", Enum(names::<Basis>), "the ground for disclosing the data").cedar("basis"),
        key("purpose", Enum(names::<Purpose>), "what the data is used for").cedar("purpose"),
        key("aggregated", Bool, "the data is aggregated / anonymised").cedar("aggregated"),
        key("anonymised", Bool, "the data is aggregated / anonymised").cedar("anonymised"),
        key("documented", Bool, "the transfer is in your GDPR Art. 30(2) record").cedar("documented"),
        key("local_safeguard", String, "the UK or Swiss instrument for data collected there (e.g. `UK IDTA`)").cedar("local_safeguard"),
    ]],
};

/// `contract`.
pub(crate) static CONTRACT: TableDecl = TableDecl {
    name: "contract",
    cedar: Some("Contract"),
    computed: &["one_month_after_end", "three_months_before_renewal", "owner_count", "internal_owner_count", "trained_owner_count", "accounts", "integrations_in_use", "latest_sub_processor_change", "attested"],
    keys: &[&[
        key("id", Id, "the pack id").required(),
        key("owners", Tables(&OWNERS), "the contract owners; `internal`: belongs to your own organisation; `trained` (date): trained in the provider's product").cedar("owners"),
        key("signed", Date, "the agreement was signed").cedar("signed"),
        key("start", Date, "the service (and processing) started").cedar("start"),
        key("end", Date, "the contract or subscription ends or ended; a past date means it is terminated").cedar("end"),
        key("termination_notice", Date, "notice of termination was sent").cedar("termination_notice"),
        key("renewal", Date, "next automatic renewal date").cedar("renewal"),
        key("offboarding_planned", Bool, "you plan to leave the service").cedar("offboarding_planned"),
        key("multiple_owners_approved", Bool, "the provider approved more than one owner in writing").cedar("multiple_owners_approved"),
        key("subscriber_number", String, "your customer number at the provider").cedar("subscriber_number"),
        key("service_level", Enum(names::<ServiceLevel>), "the service level").cedar("service_level"),
        key("services", Strings, "the services you take, as the contract names them").cedar("services"),
        key("licensed_users", Count, "users licensed (e.g. in the accepted proposal)").cedar("licensed_users"),
        key("active_users", Count, "users in use").cedar("active_users"),
        key("breach_notice_hours", Count, "the breach-notification time the provider commits to").cedar("breach_notice_hours"),
        key("end_of_service", Enum(names::<EndOfService>), "what you chose for your data at the end").cedar("end_of_service"),
        key("retention_days", Count, "retention that applies after the end").cedar("retention_days"),
        key("extra_retention_agreed", Date, "longer retention was agreed in writing").cedar("extra_retention_agreed"),
        key("extra_retention_until", Date, "until when that retention runs").cedar("extra_retention_until"),
        key("escrow", Bool, "you joined the escrow arrangement").cedar("escrow"),
        key("continuity_required", Bool, "the outcome of your risk inventory (Nmbrs art. 9.5): you need measures of your own against disruption or loss of the provider's data").cedar("continuity_required"),
        key("brand_permission", Bool, "the provider allowed its brand in your domain names").cedar("brand_permission"),
        key("brand_permission_requested", Date, "you asked the provider's permission to use its brand in your domain names").cedar("brand_permission_requested"),
        key("subdomain", String, "the subdomain or system name you use at the provider").cedar("subdomain"),
        key("subdomain_rights", Bool, "you confirmed your right to that name").cedar("subdomain_rights"),
        key("integrations", Enums(names::<IntegrationMode>), "the integration modes agreed").cedar("integrations"),
        key("sub_processor_list_updated", Date, "the provider last updated its sub-processor list").cedar("sub_processor_list_updated"),
        key("sub_processor_list_reviewed", Date, "you last consulted that list").cedar("sub_processor_list_reviewed"),
        key("sub_processor_notifications", Bool, "you subscribed to sub-processor notices").cedar("sub_processor_notifications"),
        key("maintenance_notifications", Bool, "you subscribed to maintenance announcements (recorded; the terms do not require it and no rule judges it)").cedar("maintenance_notifications"),
        key("admin_tool_logging", Bool, "logging is enabled in the provider's admin tool").cedar("admin_tool_logging"),
        key("platform_reachable", Bool, "your firewall and proxies let you reach the platform").cedar("platform_reachable"),
        key("unsupported_endpoints", Count, "your endpoints below the provider's minimum requirements").cedar("unsupported_endpoints"),
        key("support", Table(&SUPPORT), "the provider's support desk; `urgent_channels` (array of `phone`, `email`, `website`, `twitter`) are the channels your runbook uses for the most urgent reports").cedar("support"),
        key("monitoring", Table(&MONITORING), "the provider's monitoring of the service").cedar("monitoring"),
        key("performance", Table(&PERFORMANCE), "a three-sample performance test: samples within 1.5 s, slowest sample").cedar("performance"),
        key("usage", Table(&USAGE), "load you put on the service, and your bandwidth").cedar("usage"),
        key("plugin", Table(&PLUGIN), "the provider's client plug-in as you deploy it: installations, those on devices you do not own, whether every installation matches the vendor's hash, whether the installer is public, who can reach it (array of strings)").cedar("plugin"),
        key("own_export", Table(&OWN_EXPORT), "your own export of your data").cedar("own_export"),
        key("offboarding", Table(&OFFBOARDING), "return and deletion at the end (dates and bools)").cedar("offboarding"),
    ]],
};

/// `attestation`.
pub(crate) static ATTESTATION: TableDecl = TableDecl {
    name: "attestation",
    cedar: Some("Attestation"),
    computed: &["superseded"],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the contract it belongs to")
            .required()
            .cedar("contract"),
        key("topic", Enum(names::<Topic>), "what it attests")
            .required()
            .cedar("topic"),
        key(
            "party",
            Enum(names::<Party>),
            "who makes the statement; `provider` when left out",
        )
        .cedar("party"),
        key("issued", Date, "when it was issued or performed").cedar("issued"),
        key("valid_until", Date, "until when it is valid").cedar("valid_until"),
        key("period_end", Date, "the end of the period a report covers").cedar("period_end"),
        key(
            "certified",
            Bool,
            "certified by an accredited body (not only \"aligned with\")",
        )
        .cedar("certified"),
        key("version", String, "the version of the standard").cedar("version"),
        key(
            "holders",
            Strings,
            "the people it names (e.g. security officers)",
        )
        .cedar("holders"),
        key(
            "evidence",
            String,
            "where the evidence is (a link, a document id)",
        )
        .cedar("evidence"),
    ]],
};

/// `sub_processor`.
pub(crate) static SUB_PROCESSOR: TableDecl = TableDecl {
    name: "sub_processor",
    cedar: Some("SubProcessor"),
    computed: &[
        "countries_outside_eu",
        "countries_outside_eea",
        "countries_outside_transfer_zone",
        "countries_without_adequacy",
        "countries_without_decision",
        "adequacy_scopes",
        "transfer_countries",
        "personal_transfer_countries",
        "notice_days",
        "notice_months",
    ],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the contract whose provider engages it")
            .required()
            .cedar("contract"),
        key("name", String, "its name").cedar("name"),
        key("established", Country, "where it is established").cedar("established"),
        key("countries", Countries, "where it processes data").cedar("countries"),
        key("affiliate", Bool, "it is an affiliate of the provider").cedar("affiliate"),
        key("engaged", Date, "when it started / stopped processing").cedar("engaged"),
        key("notified", Date, "when you were told about it").cedar("notified"),
        key("ended", Date, "when it started / stopped processing").cedar("ended"),
        key("listed", Bool, "it is on the provider's public list; since when").cedar("listed"),
        key("listed_on", Date, "it is on the provider's public list; since when").cedar("listed_on"),
        key("consent", Date, "when you gave written consent").cedar("consent"),
        key(
            "safeguard",
            Enum(names::<Safeguard>),
            "what covers transfers to it",
        )
        .cedar("safeguard"),
        key("written_contract", Bool, "a written contract binds it; it imposes the provider's obligations; it limits use to the contracted purpose").cedar("written_contract"),
        key("same_obligations", Bool, "a written contract binds it; it imposes the provider's obligations; it limits use to the contracted purpose").cedar("same_obligations"),
        key("purpose_restricted", Bool, "a written contract binds it; it imposes the provider's obligations; it limits use to the contracted purpose").cedar("purpose_restricted"),
        key(
            "last_review",
            Date,
            "the provider last reviewed its compliance",
        )
        .cedar("last_review"),
        key(
            "objection",
            Enum(names::<Objection>),
            "your objection to it",
        )
        .cedar("objection"),
        key("purposes", Strings, "what it does").cedar("purposes"),
    ]],
};

/// `backup`.
pub(crate) static BACKUP: TableDecl = TableDecl {
    name: "backup",
    cedar: Some("Backup"),
    computed: &[
        "sources",
        "sources_personal_data",
        "primary_sites",
        "location_count",
        "sites",
        "site_count",
        "offsite",
        "countries",
        "countries_outside_eu",
        "countries_outside_eea",
        "countries_outside_transfer_zone",
        "countries_without_adequacy",
        "countries_without_decision",
        "adequacy_scopes",
        "tier_frequencies",
        "daily_retention_days",
        "weekly_retention_days",
        "monthly_retention_days",
        "yearly_retention_days",
        "daily_on",
        "weekly_on",
        "monthly_on",
        "yearly_on",
    ],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("of", Strings, "what it copies"),
        key("operator", String, "who runs it").cedar("operator"),
        key(
            "safeguard",
            Enum(names::<Safeguard>),
            "the safeguard for copies kept outside the EU/EEA/UK/CH",
        )
        .cedar("safeguard"),
        key("copies", Count, "how many copies are kept").cedar("copies"),
        key(
            "locations",
            Tables(&PLACE),
            "where the copies are; the country comes from `region` (with `provider`) or from the `site`'s facility when not declared",
        ),
        key(
            "tiers",
            Tables(&TIERS),
            "schedule: `frequency` (required) is `daily`, `weekly`, `monthly` or `yearly`, once each; `on` says when (`last-day-of-month`, `01-01`)",
        ),
        key(
            "encrypted",
            Bool,
            "encryption (e.g. `aes-256-gcm`) and compression",
        )
        .cedar("encrypted"),
        key(
            "algorithm",
            String,
            "encryption (e.g. `aes-256-gcm`) and compression",
        )
        .cedar("algorithm"),
        key(
            "compressed",
            Bool,
            "encryption (e.g. `aes-256-gcm`) and compression",
        )
        .cedar("compressed"),
        key(
            "last_success",
            Date,
            "last successful backup; last restore test",
        )
        .cedar("last_success"),
        key(
            "last_restore_test",
            Date,
            "last successful backup; last restore test",
        )
        .cedar("last_restore_test"),
        key(
            "restore_log",
            Bool,
            "restore attempts are logged (who, what, manual input)",
        )
        .cedar("restore_log"),
        key(
            "access_restricted",
            Bool,
            "access to the copies is restricted by specific procedures",
        )
        .cedar("access_restricted"),
        key("deleted", Date, "the copies were deleted").cedar("deleted"),
        key(
            "legal_hold",
            Bool,
            "the law requires keeping them, and which law",
        )
        .cedar("legal_hold"),
        key(
            "legal_basis",
            String,
            "the law requires keeping them, and which law",
        )
        .cedar("legal_basis"),
    ]],
};

/// `facility`.
pub(crate) static FACILITY: TableDecl = TableDecl {
    name: "facility",
    cedar: Some("Facility"),
    computed: &["power_count"],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("operator", String, "who runs it").cedar("operator"),
        key("country", Country, "where it is; hostings and locations on this site take it when they declare none (and must agree when they do)").cedar("country"),
        key("controls", Enums(names::<FacilityControl>), "its controls").cedar("controls"),
        key("power", Enums(names::<PowerProtection>), "protection against power or line failures").cedar("power"),
        key("contingency_plan", Bool, "emergency and contingency plans exist").cedar("contingency_plan"),
        key("media_disposal", Enum(names::<MediaDisposal>), "how media are disposed of").cedar("media_disposal"),
    ]],
};

/// `link`.
pub(crate) static LINK: TableDecl = TableDecl {
    name: "link",
    cedar: Some("Link"),
    computed: &[],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("from", String, "its ends inside the tenant").cedar("from"),
        key("to", String, "its ends inside the tenant").cedar("to"),
        key(
            "peer",
            String,
            "the other end when it is outside (e.g. `internet`, `office`)",
        )
        .cedar("peer"),
        key(
            "network",
            Enum(names::<Network>),
            "whether it crosses a public network",
        )
        .cedar("network"),
        key("service_data", Bool, "it carries service data").cedar("service_data"),
        key("encrypted", Bool, "the traffic is encrypted").cedar("encrypted"),
        key("protocol", String, "e.g. `https`, `sftp`").cedar("protocol"),
        key(
            "tls_min",
            Enum(names::<TlsVersion>),
            "the lowest TLS version accepted",
        )
        .cedar("tls_min"),
        key(
            "customer_can_encrypt",
            Bool,
            "the provider lets you encrypt the traffic",
        )
        .cedar("customer_can_encrypt"),
        key("operator", String, "who manages it").cedar("operator"),
    ]],
};

/// `mail_relay`.
pub(crate) static MAIL_RELAY: TableDecl = TableDecl {
    name: "mail_relay",
    cedar: Some("MailRelay"),
    computed: &[],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the contract whose platform it relays to").required().cedar("contract"),
        key("enabled", Bool, "whether it is on; a declared relay is on unless `false`").cedar("enabled"),
        key("scope", Enum(names::<RelayScope>), "which mail it relays").cedar("scope"),
        key("smarthosts", Strings, "the smart hosts it relays to").cedar("smarthosts"),
        key("tls", Enum(names::<TlsMode>), "how it uses TLS").cedar("tls"),
        key("tls_min", Enum(names::<TlsVersion>), "the lowest TLS version accepted").cedar("tls_min"),
        key("certificate_validation", Bool, "it validates the platform's certificate").cedar("certificate_validation"),
        key("content_policy", Table(&CONTENT_POLICY), "`mode`: `manual` or `automatic`; `keywords`: how many you supplied; `reviewed`: date").cedar("content_policy"),
        key("delivery_service", String, "the external e-mail delivery service").cedar("delivery_service"),
        key("spf_includes_delivery_service", Bool, "your SPF record authorises it").cedar("spf_includes_delivery_service"),
        key("sources", Enums(names::<MailSource>), "what sends mail through it").cedar("sources"),
        key("bypass", Enums(names::<MailSource>), "with `scope = \"conditional\"`: what sends mail that the relay's condition keeps off the platform (the AUP bars marketing, newsletter and bulk mail from Smartlockr's service)").cedar("bypass"),
        key("attachment_scanning", Bool, "outbound attachments are scanned for malware").cedar("attachment_scanning"),
    ]],
};

/// `integration`.
pub(crate) static INTEGRATION: TableDecl = TableDecl {
    name: "integration",
    cedar: Some("Integration"),
    computed: &["location"],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the platform it connects to")
            .required()
            .cedar("contract"),
        key("vendor", String, "the third party").cedar("vendor"),
        key(
            "direct_contract",
            Bool,
            "you contract with it directly; a processing agreement is signed",
        )
        .cedar("direct_contract"),
        key(
            "dpa_signed",
            Bool,
            "you contract with it directly; a processing agreement is signed",
        )
        .cedar("dpa_signed"),
        key("personal_data", Bool, "personal data flows to it").cedar("personal_data"),
        key("country", Country, "where it processes data"),
        key(
            "token_plaintext",
            Bool,
            "its access token is stored in plain text",
        )
        .cedar("token_plaintext"),
        key(
            "sub_processor",
            String,
            "the provider's sub-processor it is (wrongly) modelled as, if any",
        )
        .cedar("sub_processor"),
    ]],
};

/// `company`.
pub(crate) static COMPANY: TableDecl = TableDecl {
    name: "company",
    cedar: Some("Company"),
    computed: &[],
    keys: &[&[
        key("id", Id, "unique among companies").required(),
        key(
            "contract",
            String,
            "the pack of the provider's service it is administered in",
        )
        .required()
        .cedar("contract"),
        key("demo", Bool, "a demo company").cedar("demo"),
        key("production_data", Bool, "it holds real (production) data").cedar("production_data"),
        key(
            "payroll_tax_filing",
            Bool,
            "payroll tax returns are filed from it",
        )
        .cedar("payroll_tax_filing"),
    ]],
};

/// `domain`.
pub(crate) static DOMAIN: TableDecl = TableDecl {
    name: "domain",
    cedar: Some("Domain"),
    computed: &["name"],
    keys: &[&[
        key("id", Id, "the domain name or account name itself").required(),
        key(
            "kind",
            Enum(names::<DomainKind>),
            "a domain name or a social-media account",
        )
        .cedar("kind"),
    ]],
};

/// `incident`.
pub(crate) static INCIDENT: TableDecl = TableDecl {
    name: "incident",
    cedar: Some("Incident"),
    computed: &["notify_delay_minutes", "report_delay_minutes", "authority_delay_minutes", "notification_covered"],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the contract it falls under").required().cedar("contract"),
        key("kind", Enum(names::<IncidentKind>), "what happened").required().cedar("kind"),
        key("source", Enum(names::<IncidentSource>), "where it happened").cedar("source"),
        key("confirmed", Bool, "confirmed, not only suspected; a risk to people is unlikely").cedar("confirmed"),
        key("risk_unlikely", Bool, "confirmed, not only suspected; a risk to people is unlikely").cedar("risk_unlikely"),
        key("aware", Moment, "when the party that must notify became aware of it").cedar("aware"),
        key("notified", Moment, "when you were notified").cedar("notified"),
        key("reported_to_provider", Moment, "when you reported it to the provider").cedar("reported_to_provider"),
        key("reported_to_authority", Moment, "when it was reported to the supervisory authority").cedar("reported_to_authority"),
        key("notification_fields", Enums(names::<NoticeField>), "what the notification said").cedar("notification_fields"),
        key("notification_unknown", Enums(names::<NoticeField>), "what the notification said was not known (or not available) yet; breach clauses ask for most items only as far as known, so these count as covered").cedar("notification_unknown"),
        key("register_fields", Enums(names::<RegisterField>), "what the breach-register entry records").cedar("register_fields"),
        key("followups", Count, "follow-up notices sent").cedar("followups"),
        key("response_minutes", Count, "minutes until the provider reacted (alerts)").cedar("response_minutes"),
    ]],
};

/// `request`.
pub(crate) static REQUEST: TableDecl = TableDecl {
    name: "request",
    cedar: Some("Request"),
    computed: &[
        "answer_minutes",
        "answer_days",
        "notify_minutes",
        "planned_days",
        "same_kind_last_year",
        "reporter_is_owner",
    ],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the contract it falls under")
            .required()
            .cedar("contract"),
        key("kind", Enum(names::<RequestKind>), "what was asked")
            .required()
            .cedar("kind"),
        key("received", Moment, "received; answered; you (or the other party) were notified of it").cedar("received"),
        key("answered", Moment, "received; answered; you (or the other party) were notified of it").cedar("answered"),
        key("notified", Moment, "received; answered; you (or the other party) were notified of it").cedar("notified"),
        key("planned", Date, "when the audit is planned").cedar("planned"),
        key("written", Bool, "made in writing; you got a copy; the law compels complying; the law forbids telling you").cedar("written"),
        key("copy_provided", Bool, "made in writing; you got a copy; the law compels complying; the law forbids telling you").cedar("copy_provided"),
        key("legally_compelled", Bool, "made in writing; you got a copy; the law compels complying; the law forbids telling you").cedar("legally_compelled"),
        key("gag", Bool, "made in writing; you got a copy; the law compels complying; the law forbids telling you").cedar("gag"),
        key("outcome", Enum(names::<Outcome>), "how it ended").cedar("outcome"),
        key(
            "annexed",
            Bool,
            "the instruction was annexed to the agreement",
        )
        .cedar("annexed"),
        key(
            "suspicion",
            Bool,
            "an audit rests on an objective suspicion",
        )
        .cedar("suspicion"),
        key("category", Count, "ticket category (10, 15, 20, 30, 40)").cedar("category"),
        key("reporter", String, "who reported the ticket; it has a detailed description").cedar("reporter"),
        key("described", Bool, "who reported the ticket; it has a detailed description").cedar("described"),
        key("response_minutes", Count, "ticket clocks, measured on the contract's service hours").cedar("response_minutes"),
        key("response_workdays", Count, "ticket clocks, measured on the contract's service hours").cedar("response_workdays"),
        key("resolution_minutes", Count, "ticket clocks, measured on the contract's service hours").cedar("resolution_minutes"),
        key("resolution_workdays", Count, "ticket clocks, measured on the contract's service hours").cedar("resolution_workdays"),
        key("max_update_gap_minutes", Count, "ticket clocks, measured on the contract's service hours").cedar("max_update_gap_minutes"),
    ]],
};

/// `notice`.
pub(crate) static NOTICE: TableDecl = TableDecl {
    name: "notice",
    cedar: Some("Notice"),
    computed: &["notice_days", "notice_months", "three_months_after_sent"],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the contract whose provider sent it")
            .required()
            .cedar("contract"),
        key("kind", Enum(names::<NoticeKind>), "what it announces")
            .required()
            .cedar("kind"),
        key("sent", Date, "sent; received by you; the change takes effect").cedar("sent"),
        key("received", Date, "sent; received by you; the change takes effect").cedar("received"),
        key("effective", Date, "sent; received by you; the change takes effect").cedar("effective"),
        key("reviewed", Date, "you reviewed it; objected; made the changes it requires").cedar("reviewed"),
        key("objected", Date, "you reviewed it; objected; made the changes it requires").cedar("objected"),
        key("implemented", Date, "you reviewed it; objected; made the changes it requires").cedar("implemented"),
        key("sub_processor", String, "the sub-processor it is about").cedar("sub_processor"),
        key("adverse", Bool, "the change is materially adverse; disabling the new feature is technically possible; you can disable it").cedar("adverse"),
        key("technically_possible", Bool, "the change is materially adverse; disabling the new feature is technically possible; you can disable it").cedar("technically_possible"),
        key("can_disable", Bool, "the change is materially adverse; disabling the new feature is technically possible; you can disable it").cedar("can_disable"),
    ]],
};

/// `maintenance`.
pub(crate) static MAINTENANCE: TableDecl = TableDecl {
    name: "maintenance",
    cedar: Some("Maintenance"),
    computed: &[
        "duration_minutes",
        "notice_minutes",
        "daytime",
        "daytime_planned_in_month",
    ],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the service it concerns")
            .required()
            .cedar("contract"),
        key(
            "kind",
            Enum(names::<MaintenanceKind>),
            "what kind of maintenance",
        )
        .required()
        .cedar("kind"),
        key("start", Moment, "the window, and when it was announced; `end` must not be before `start`. Write the provider's local offset: whether a window falls in daytime is judged on the time as written").cedar("start"),
        key("end", Moment, "the window, and when it was announced; `end` must not be before `start`. Write the provider's local offset: whether a window falls in daytime is judged on the time as written").cedar("end"),
        key("announced", Moment, "the window, and when it was announced; `end` must not be before `start`. Write the provider's local offset: whether a window falls in daytime is judged on the time as written").cedar("announced"),
        key("channels", Enums(names::<Channel>), "how it was announced").cedar("channels"),
        key("postponable", Bool, "it could have waited; why it could not").cedar("postponable"),
        key("justification", String, "it could have waited; why it could not").cedar("justification"),
    ]],
};

/// `availability`.
pub(crate) static AVAILABILITY: TableDecl = TableDecl {
    name: "availability",
    cedar: Some("Availability"),
    computed: &["previous_percent"],
    keys: &[&[
        key("id", Id, "unique id").required(),
        key("contract", String, "the service measured")
            .required()
            .cedar("contract"),
        key(
            "start",
            Date,
            "first and last day of the period (`end` not before `start`)",
        )
        .required()
        .cedar("start"),
        key(
            "end",
            Date,
            "first and last day of the period (`end` not before `start`)",
        )
        .required()
        .cedar("end"),
        key("percent", Percent, "measured availability").cedar("percent"),
    ]],
};

/// `accepted_risk`.
pub(crate) static ACCEPTED_RISK: TableDecl = TableDecl {
    name: "accepted_risk",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("rule", String, "the rule id the acceptance is for (exact; an unknown id is `input::unknown-value` with a suggestion)").required(),
        key("resource", String, "the resource id, or a glob (`*`, `?`, `[…]`) over the ids of the tenant's resources of any kind").required(),
        key("reason", String, "why, and who decided; must not be empty").required(),
        key("accepted_by", String, "why, and who decided; must not be empty").required(),
        key("accepted_on", Date, "when it was decided, and the last day it covers; `expires` before `accepted_on` is `input::inconsistent`").required(),
        key("expires", Date, "when it was decided, and the last day it covers; `expires` before `accepted_on` is `input::inconsistent`").required(),
        key("reference", String, "optional"),
    ]],
};

/// `dpo`.
pub(crate) static DPO: TableDecl = TableDecl {
    name: "dpo",
    cedar: Some("Dpo"),
    computed: &[],
    keys: &[&[
        key("name", String, "the officer's name").cedar("name"),
        key("email", Email, "the officer's e-mail address").cedar("email"),
        key("phone", String, "the DPO's or privacy contact's telephone number").cedar("phone"),
        key("updated", Date, "when the DPO details were last confirmed to the providers (e.g. in their control panel)").cedar("updated"),
    ]],
};

/// `os`.
pub(crate) static OS: TableDecl = TableDecl {
    name: "os",
    cedar: Some("Os"),
    computed: &["name", "lifecycle_known", "support_end", "extended_tiers", "extended_until", "extended_tier", "extended_end"],
    keys: &[&[
        key("family", String, "the [endoflife.date](https://endoflife.date) product id: `windows-server`, `rhel`, `ubuntu`, `debian`, `sles`, `centos`, `centos-stream`, `oracle-linux`, `almalinux`, `rocky-linux`, `amazon-linux`").required().cedar("family"),
        key("version", String, "the endoflife.date release-cycle id: `2012-r2`, `9`, `24.04`, `12.5`, …").required().cedar("version"),
        key("extended_support", BoolOrName, "the paid extended support the customer buys: the name of its tier (below), `true` for \"some tier\" or `false` for none").default("false").cedar("extended_support"),
    ]],
};

/// `hosting`.
pub(crate) static HOSTING: TableDecl = TableDecl {
    name: "hosting",
    cedar: Some("Hosting"),
    computed: &["provider_name", "in_eu", "in_eea", "in_transfer_zone", "adequacy_decision", "adequacy_full", "adequacy_scope"],
    keys: &[&[
        key("provider", Enum(names::<Provider>), "`nrb`, `azure`, `aws`, `gcp`, `oracle`, `ibm`, `alibaba`, `on-premises`, `other`").required().cedar("provider"),
        key("region", String, "the cloud region id, for `azure`, `aws` and `gcp` only: `westeurope`, `eu-central-1`, `europe-west1`, …").cedar("region"),
        key("country", Country, "where the resource is hosted").cedar("country"),
        key("safeguard", Enum(names::<Safeguard>), "the safeguard for hosting personal data outside the EU/EEA/UK/CH: one of the [safeguards](#transfer)").cedar("safeguard"),
        key("site", String, "the id of the `[[facility]]` it runs in").cedar("site"),
    ]],
};

/// `interfaces`.
pub(crate) static INTERFACES: TableDecl = TableDecl {
    name: "interfaces",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("segment", String, "the id of a declared `[[segment]]`").required(),
        key("address", Address, "its address; not validated"),
    ]],
};

/// `access_log`.
pub(crate) static ACCESS_LOG: TableDecl = TableDecl {
    name: "access_log",
    cedar: Some("AccessLog"),
    computed: &[],
    keys: &[&[
        key("enabled", Bool, "access logging is on").cedar("enabled"),
        key("offered", Bool, "the provider offers access logging to you").cedar("offered"),
        key(
            "fields",
            Enums(names::<LogField>),
            "what each entry records",
        )
        .cedar("fields"),
        key("retention_days", Count, "how many days entries are kept").cedar("retention_days"),
    ]],
};

/// `password_policy`.
pub(crate) static PASSWORD_POLICY: TableDecl = TableDecl {
    name: "password_policy",
    cedar: Some("PasswordPolicy"),
    computed: &[],
    keys: &[&[
        key("min_length", Count, "minimum password length").cedar("min_length"),
        key(
            "min_char_classes",
            Count,
            "minimum number of character classes",
        )
        .cedar("min_char_classes"),
        key(
            "max_age_days",
            Count,
            "days before a password expires; `0`: never",
        )
        .cedar("max_age_days"),
        key(
            "storage",
            Enum(names::<PasswordStorage>),
            "how passwords are stored",
        )
        .cedar("storage"),
        key("hash", String, "the hash function, e.g. `argon2id`").cedar("hash"),
    ]],
};

/// `failed_login_monitoring`.
pub(crate) static FAILED_LOGIN_MONITORING: TableDecl = TableDecl {
    name: "failed_login_monitoring",
    cedar: Some("Capability"),
    computed: &[],
    keys: &[&[
        key("enabled", Bool, "repeated failed logins are monitored").cedar("enabled"),
        key("offered", Bool, "the provider offers you to monitor them").cedar("offered"),
    ]],
};

/// `replicas`.
pub(crate) static PLACE: TableDecl = TableDecl {
    name: "replicas",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("provider", Enum(names::<Provider>), "who hosts the copy"),
        key("region", String, "the cloud region of the copy"),
        key("country", Country, "where the copy is kept"),
        key(
            "site",
            String,
            "the id of the `[[facility]]` that keeps the copy",
        ),
    ]],
};

/// `destination`.
pub(crate) static DESTINATION: TableDecl = TableDecl {
    name: "destination",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("country", String, "the receiving country").required(),
        key("recipient", String, "who receives the data"),
    ]],
};

/// `owners`.
pub(crate) static OWNERS: TableDecl = TableDecl {
    name: "owners",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("name", String, "the owner's name"),
        key("email", Email, "the owner's e-mail address"),
        key(
            "internal",
            Bool,
            "the owner belongs to your own organisation",
        ),
        key(
            "trained",
            Date,
            "when the owner was trained in the provider's product",
        ),
    ]],
};

/// `support`.
pub(crate) static SUPPORT: TableDecl = TableDecl {
    name: "support",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("email", Email, "the support desk's e-mail address"),
        key("phone", String, "the support desk's telephone number"),
        key(
            "response_hours",
            Count,
            "the agreed response time, in hours",
        ),
        key(
            "urgent_channels",
            Enums(names::<Channel>),
            "the channels your runbook uses for the most urgent reports",
        ),
    ]],
};

/// `monitoring`.
pub(crate) static MONITORING: TableDecl = TableDecl {
    name: "monitoring",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("probe_interval_seconds", Count, "seconds between probes"),
        key("probe_locations", Count, "how many places probe from"),
        key(
            "coverage_hours",
            Count,
            "hours a day that traffic is monitored",
        ),
        key(
            "response_target_minutes",
            Count,
            "target reaction time to attacks, in minutes",
        ),
    ]],
};

/// `performance`.
pub(crate) static PERFORMANCE: TableDecl = TableDecl {
    name: "performance",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("fast_samples", Count, ""),
        key("slowest_ms", Count, "the slowest sample, in milliseconds"),
    ]],
};

/// `usage`.
pub(crate) static USAGE: TableDecl = TableDecl {
    name: "usage",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("monthly_messages", Count, "messages a month"),
        key("monthly_gb", Count, "gigabytes a month"),
        key("download_mbps", Count, "your download bandwidth, in Mbit/s"),
        key("upload_mbps", Count, "your upload bandwidth, in Mbit/s"),
    ]],
};

/// `plugin`.
pub(crate) static PLUGIN: TableDecl = TableDecl {
    name: "plugin",
    cedar: None,
    computed: &[],
    keys: &[&[
        key(
            "installs",
            Count,
            "installations of the provider's client plug-in",
        ),
        key(
            "foreign_installs",
            Count,
            "installations on devices you do not own",
        ),
        key(
            "hash_verified",
            Bool,
            "every installation matches the vendor's hash",
        ),
        key(
            "distribution_public",
            Bool,
            "the installer is publicly reachable",
        ),
        key(
            "distribution_access",
            Strings,
            "who can reach the installer",
        ),
    ]],
};

/// `own_export`.
pub(crate) static OWN_EXPORT: TableDecl = TableDecl {
    name: "own_export",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("enabled", Bool, "you export your data yourself"),
        key("interval_days", Count, "days between exports"),
        key("last_success", Date, "the last successful export"),
    ]],
};

/// `offboarding`.
pub(crate) static OFFBOARDING: TableDecl = TableDecl {
    name: "offboarding",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("export_requested", Date, "you asked for your data back"),
        key(
            "export_request_written",
            Bool,
            "that request was made in writing",
        ),
        key("export_completed", Date, "the export was delivered"),
        key("returned", Date, "the data was returned"),
        key("deletion_requested", Date, "you asked for deletion"),
        key("deleted", Date, "the data was deleted"),
        key(
            "deletion_confirmed",
            Bool,
            "the provider confirmed the deletion",
        ),
        key(
            "statement_requested",
            Date,
            "you asked for a deletion statement",
        ),
        key("statement_received", Date, "you received the statement"),
        key(
            "deletion_impossible_notified",
            Bool,
            "the provider told you deletion is impossible",
        ),
    ]],
};

/// `tiers`.
pub(crate) static TIERS: TableDecl = TableDecl {
    name: "tiers",
    cedar: None,
    computed: &[],
    keys: &[&[
        key(
            "frequency",
            Enum(names::<Frequency>),
            "how often this tier runs",
        )
        .required(),
        key(
            "retention_days",
            Count,
            "how long its copies are kept, in days",
        ),
        key(
            "on",
            String,
            "when it runs, e.g. `last-day-of-month` or `01-01`",
        ),
    ]],
};

/// `content_policy`.
pub(crate) static CONTENT_POLICY: TableDecl = TableDecl {
    name: "content_policy",
    cedar: None,
    computed: &[],
    keys: &[&[
        key("mode", Enum(names::<PolicyMode>), "how the policy decides"),
        key("keywords", Count, "how many keywords you supplied"),
        key("reviewed", Date, "when it was last reviewed"),
    ]],
};
