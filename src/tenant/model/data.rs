//! Facts about data: what a system or data store holds and how it is protected, where copies
//! live (backups, replicas, facilities), and who else processes it (sub-processors).

use jiff::civil::Date;

use crate::source::Located;
use crate::tenant::model::choice::{
    Environment, Isolation, LogField, PasswordStorage, Redundancy, choice,
};
use crate::tenant::model::{Opt, Provider, Safeguard};

/// Facts shared by systems and data stores about the data they hold and its protection.
#[derive(Debug, Clone, Default)]
pub struct DataFacts {
    /// Who runs the resource: `customer` or a contract's pack id.
    pub operator: Opt<String>,
    /// Whether it holds service data (any data the customer entrusts to a provider).
    pub service_data: Opt<bool>,
    /// The kind of environment.
    pub environment: Opt<Environment>,
    /// Personal-data categories held.
    pub categories: Opt<Vec<Located<String>>>,
    /// Kinds of data subjects.
    pub subjects: Opt<Vec<Located<String>>>,
    /// Processing purposes.
    pub purposes: Opt<Vec<Located<String>>>,
    /// Whether the data is anonymised.
    pub anonymised: Opt<bool>,
    /// Whether the data is pseudonymised.
    pub pseudonymised: Opt<bool>,
    /// Whether the data is encrypted at rest.
    pub encrypted_at_rest: Opt<bool>,
    /// How long data is kept, in days.
    pub retention_days: Opt<i64>,
    /// When the data was deleted.
    pub deleted: Opt<Date>,
    /// Whether the law requires keeping the data (a legal hold).
    pub legal_hold: Opt<bool>,
    /// The legal provision that requires keeping it.
    pub legal_basis: Opt<String>,
    /// Whether restorable backup copies of it are technically possible; absent means they are.
    pub backup_technically_possible: Opt<bool>,
    /// Whether storage is replicated.
    pub replication: Opt<bool>,
    /// Whether point-in-time recovery is enabled.
    pub point_in_time_recovery: Opt<bool>,
    /// How far storage is replicated.
    pub redundancy: Opt<Redundancy>,
    /// How the customer's data is separated from other data.
    pub isolation: Opt<Isolation>,
    /// Whether it also holds the provider's own or other customers' data.
    pub shared_with_others: Opt<bool>,
    /// Access logging.
    pub access_log: Option<Located<AccessLog>>,
}

/// `access_log = { enabled, offered, fields, retention_days }`.
#[derive(Debug, Clone, Default)]
pub struct AccessLog {
    /// Whether access is logged.
    pub enabled: Opt<bool>,
    /// Whether the provider offers the customer a way to log access.
    pub offered: Opt<bool>,
    /// What each entry records.
    pub fields: Opt<Vec<Located<LogField>>>,
    /// How long entries are kept, in days.
    pub retention_days: Opt<i64>,
}

/// `{ enabled, offered }`: a control that the provider runs or lets the customer run.
#[derive(Debug, Clone, Default)]
pub struct Capability {
    /// Whether the control is on.
    pub enabled: Opt<bool>,
    /// Whether the provider offers it to the customer.
    pub offered: Opt<bool>,
}

/// `password_policy = { min_length, min_char_classes, max_age_days, storage, hash }`.
#[derive(Debug, Clone, Default)]
pub struct PasswordPolicy {
    /// Minimum length.
    pub min_length: Opt<i64>,
    /// Minimum number of character classes.
    pub min_char_classes: Opt<i64>,
    /// Maximum age in days; 0 means passwords never expire.
    pub max_age_days: Opt<i64>,
    /// How passwords are stored.
    pub storage: Opt<PasswordStorage>,
    /// The hash algorithm, e.g. `argon2id`.
    pub hash: Opt<String>,
}

/// Security facts that only systems have.
#[derive(Debug, Clone, Default)]
pub struct SystemSecurity {
    /// Whether users can reach data without identifying themselves.
    pub anonymous_access: Opt<bool>,
    /// The password policy.
    pub password_policy: Option<Located<PasswordPolicy>>,
    /// Monitoring of repeated failed logins.
    pub failed_login_monitoring: Option<Located<Capability>>,
    /// Whether anti-malware runs.
    pub anti_malware: Opt<bool>,
    /// Idle timeout of administrative sessions, in minutes.
    pub admin_idle_timeout_minutes: Opt<i64>,
    /// When security staff last reviewed the logs.
    pub log_review: Opt<Date>,
    /// Whether a user can grant themselves access rights.
    pub self_grant_possible: Opt<bool>,
    /// When the system was last scanned for vulnerabilities.
    pub vulnerability_scan: Opt<Date>,
    /// Software products the system runs, lower-case names.
    pub software: Opt<Vec<Located<String>>>,
}

/// Where a copy of data lives: `{ provider, region, country, site }`.
#[derive(Debug, Clone, Default)]
pub struct Location {
    /// The hosting provider.
    pub provider: Opt<Provider>,
    /// The cloud region.
    pub region: Opt<String>,
    /// The country: declared, or derived from the region or the site's facility.
    pub country: Opt<String>,
    /// The facility (a declared `[[facility]]` id).
    pub site: Opt<String>,
}

choice! {
    /// How often a backup tier runs.
    Frequency ("backup frequency") {
        /// Every day.
        Daily = "daily",
        /// Every week.
        Weekly = "weekly",
        /// Every month.
        Monthly = "monthly",
        /// Every year.
        Yearly = "yearly",
    }
}

/// `tiers = [{ frequency, retention_days, on }]`.
#[derive(Debug, Clone)]
pub struct BackupTier {
    /// How often the tier runs.
    pub frequency: Located<Frequency>,
    /// How long its copies are kept, in days.
    pub retention_days: Opt<i64>,
    /// When it runs, e.g. `last-day-of-month` or `01-01`.
    pub on: Opt<String>,
}

/// `[[backup]]`: copies of data from which it can be restored.
#[derive(Debug, Clone)]
pub struct Backup {
    /// Unique backup id.
    pub id: Located<String>,
    /// The systems and data stores it copies.
    pub of: Opt<Vec<Located<String>>>,
    /// Who runs it: `customer` or a contract's pack id.
    pub operator: Opt<String>,
    /// The safeguard for copies kept outside the EU/EEA/UK/CH.
    pub safeguard: Opt<super::Safeguard>,
    /// How many copies are kept.
    pub copies: Opt<i64>,
    /// Where the copies are kept.
    pub locations: Opt<Vec<Located<Location>>>,
    /// Whether the copies are encrypted.
    pub encrypted: Opt<bool>,
    /// The encryption algorithm, e.g. `aes-256-gcm`.
    pub algorithm: Opt<String>,
    /// Whether the copies are compressed.
    pub compressed: Opt<bool>,
    /// When the last backup succeeded.
    pub last_success: Opt<Date>,
    /// When a restore was last tested.
    pub last_restore_test: Opt<Date>,
    /// Whether restore attempts are logged.
    pub restore_log: Opt<bool>,
    /// Whether access to the copies is restricted by specific procedures.
    pub access_restricted: Opt<bool>,
    /// Its schedule and retention tiers.
    pub tiers: Vec<Located<BackupTier>>,
    /// Where `tiers` was written.
    pub tiers_span: Option<std::ops::Range<usize>>,
    /// When the copies were deleted.
    pub deleted: Opt<Date>,
    /// Whether the law requires keeping the copies.
    pub legal_hold: Opt<bool>,
    /// The legal provision that requires keeping them.
    pub legal_basis: Opt<String>,
}

choice! {
    /// A customer's objection to a sub-processor.
    Objection ("objection state") {
        /// No objection.
        None = "none",
        /// An objection awaits an answer.
        Pending = "pending",
        /// An objection was resolved.
        Resolved = "resolved",
    }
}

/// `[[sub_processor]]`: a party that processes the tenant's data for a provider.
#[derive(Debug, Clone)]
pub struct SubProcessor {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose provider engages it.
    pub contract: Located<String>,
    /// Its name.
    pub name: Opt<String>,
    /// The country it is established in.
    pub established: Opt<String>,
    /// The countries it processes data in.
    pub countries: Opt<Vec<Located<String>>>,
    /// Whether it is an affiliate of the provider.
    pub affiliate: Opt<bool>,
    /// When it was engaged.
    pub engaged: Opt<Date>,
    /// When the customer was notified of it.
    pub notified: Opt<Date>,
    /// When it stopped processing.
    pub ended: Opt<Date>,
    /// Whether the provider lists it publicly.
    pub listed: Opt<bool>,
    /// When it was added to the public list.
    pub listed_on: Opt<Date>,
    /// When the customer gave written consent.
    pub consent: Opt<Date>,
    /// The transfer safeguard that covers it.
    pub safeguard: Opt<Safeguard>,
    /// Whether a written contract binds it.
    pub written_contract: Opt<bool>,
    /// Whether that contract imposes the provider's obligations on it.
    pub same_obligations: Opt<bool>,
    /// Whether it may use the data only for the contracted purpose.
    pub purpose_restricted: Opt<bool>,
    /// When the provider last reviewed its compliance.
    pub last_review: Opt<Date>,
    /// The customer's objection, if any.
    pub objection: Opt<Objection>,
    /// What it does.
    pub purposes: Opt<Vec<Located<String>>>,
}

choice! {
    /// A control of a data-centre facility.
    FacilityControl ("facility control") {
        /// Physical access control to the building.
        PhysicalAccess = "physical-access",
        /// Everyone admitted is identified.
        PersonsIdentified = "persons-identified",
        /// Redundant power.
        RedundantPower = "redundant-power",
        /// Redundant cooling.
        RedundantCooling = "redundant-cooling",
        /// Shielding from unauthorised access.
        AccessShielding = "access-shielding",
        /// Hardware support around the clock.
        HardwareSupport24x7 = "hardware-support-24x7",
        /// Fire protection.
        FireProtection = "fire-protection",
        /// A stable power supply.
        StablePower = "stable-power",
        /// Protection of internet access.
        InternetProtection = "internet-protection",
        /// A firewall.
        Firewall = "firewall",
    }
}

choice! {
    /// Protection against power or line failures.
    PowerProtection ("power protection") {
        /// An uninterruptible power supply.
        Ups = "ups",
        /// A generator.
        Generator = "generator",
        /// Two independent feeds.
        DualFeed = "dual-feed",
    }
}

choice! {
    /// How media are disposed of.
    MediaDisposal ("media disposal method") {
        /// Physical shredding.
        Shred = "shred",
        /// Degaussing.
        Degauss = "degauss",
        /// Destroying the encryption keys.
        CryptoErase = "crypto-erase",
        /// Overwriting.
        Wipe = "wipe",
        /// No procedure.
        None = "none",
    }
}

/// `[[facility]]`: a data centre or other site that houses systems or copies.
#[derive(Debug, Clone)]
pub struct Facility {
    /// Unique id, referred to as `site`.
    pub id: Located<String>,
    /// Who runs it: `customer` or a contract's pack id.
    pub operator: Opt<String>,
    /// The country it is in.
    pub country: Opt<String>,
    /// Its controls.
    pub controls: Opt<Vec<Located<FacilityControl>>>,
    /// Its protection against power or line failures.
    pub power: Opt<Vec<Located<PowerProtection>>>,
    /// Whether it has emergency and contingency plans.
    pub contingency_plan: Opt<bool>,
    /// How media are disposed of.
    pub media_disposal: Opt<MediaDisposal>,
}
