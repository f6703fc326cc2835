//! The validated tenant model. Every value keeps the span it was read from, so that a finding
//! about any fact can point back at the text that declared it. Ids are unique and references
//! resolve; country codes, regions and enum values are known.

pub mod account;
pub mod choice;
pub mod contract;
pub mod data;
pub mod events;
pub mod network;
pub mod risk;

use jiff::civil::Date;

use crate::source::{Located, SourceFile, Sources};

pub use account::AccountFacts;
pub use contract::{Attestation, Company, Contract, Domain};
pub use data::{Backup, DataFacts, Facility, Location, SubProcessor, SystemSecurity};
pub use events::{Availability, Incident, Maintenance, Notice, Request};
pub use network::{Integration, Link, MailRelay};
pub use risk::AcceptedRisk;

/// An optional value with the span it was read from.
pub type Opt<T> = Option<Located<T>>;

/// A point in time: the instant, and the local date and time as written (for rules about
/// time of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The instant.
    pub utc: jiff::Timestamp,
    /// The date and time as written, in the offset written.
    pub local: jiff::civil::DateTime,
}

/// One tenant file, validated.
#[derive(Debug, Clone)]
pub struct Tenant {
    /// The file it was read from.
    pub file: SourceFile,
    /// That file and the evidence files it includes: where every span of the model points.
    pub sources: Sources,
    /// `tenant.id`.
    pub id: Located<String>,
    /// `tenant.name`.
    pub name: Option<Located<String>>,
    /// `tenant.contracts`: the pack ids that bind the tenant, in the order written.
    pub contracts: Located<Vec<Located<String>>>,
    /// `[contacts]`.
    pub contacts: Option<Contacts>,
    /// `[[segment]]`.
    pub segments: Vec<Segment>,
    /// `[[system]]`.
    pub systems: Vec<System>,
    /// `[[credential]]`.
    pub credentials: Vec<Credential>,
    /// `[[data_store]]`.
    pub data_stores: Vec<DataStore>,
    /// `[[transfer]]`.
    pub transfers: Vec<Transfer>,
    /// `[[contract]]`: metadata per contract.
    pub contract_details: Vec<Contract>,
    /// `[[attestation]]`.
    pub attestations: Vec<Attestation>,
    /// `[[sub_processor]]`.
    pub sub_processors: Vec<SubProcessor>,
    /// `[[backup]]`.
    pub backups: Vec<Backup>,
    /// `[[facility]]`.
    pub facilities: Vec<Facility>,
    /// `[[link]]`.
    pub links: Vec<Link>,
    /// `[[mail_relay]]`.
    pub mail_relays: Vec<MailRelay>,
    /// `[[integration]]`.
    pub integrations: Vec<Integration>,
    /// `[[company]]`.
    pub companies: Vec<Company>,
    /// `[[domain]]`.
    pub domains: Vec<Domain>,
    /// `[[incident]]`.
    pub incidents: Vec<Incident>,
    /// `[[request]]`.
    pub requests: Vec<Request>,
    /// `[[notice]]`.
    pub notices: Vec<Notice>,
    /// `[[maintenance]]`.
    pub maintenance: Vec<Maintenance>,
    /// `[[availability]]`.
    pub availability: Vec<Availability>,
    /// `[[accepted_risk]]`, from the file and the evidence files it includes.
    pub accepted_risks: Vec<AcceptedRisk>,
}

/// `[contacts]`: who to reach about the tenant.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    /// Administrators' e-mail addresses.
    pub admins: Vec<Located<String>>,
    /// The data-protection officer.
    pub dpo: Option<Person>,
    /// Where security incidents and data breaches are reported.
    pub breach: Option<Located<String>>,
    /// Telephone number for breach notifications.
    pub breach_phone: Option<Located<String>>,
    /// Where providers send notices (changes, sub-processors, upgrades).
    pub notice: Option<Located<String>>,
    /// Whether that mailbox is monitored.
    pub notice_monitored: Option<Located<bool>>,
    /// Where the table was written.
    pub span: Option<std::ops::Range<usize>>,
}

/// A named person with an e-mail address.
#[derive(Debug, Clone)]
pub struct Person {
    /// Full name.
    pub name: Option<Located<String>>,
    /// E-mail address.
    pub email: Option<Located<String>>,
    /// Telephone number.
    pub phone: Option<Located<String>>,
    /// When the details were last confirmed to the providers.
    pub updated: Option<Located<Date>>,
    /// Where the person was declared.
    pub span: std::ops::Range<usize>,
}

/// A network segment (VLAN) of the tenant.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Unique segment id.
    pub id: Located<String>,
    /// Security-level label, e.g. `dmz`.
    pub zone: Option<Located<String>>,
}

/// A virtual or physical machine.
#[derive(Debug, Clone)]
pub struct System {
    /// Unique system id.
    pub id: Located<String>,
    /// Operating system, as an endoflife.date product and cycle.
    pub os: Option<Located<Os>>,
    /// Where the system runs.
    pub hosting: Option<Located<Hosting>>,
    /// Network interfaces, in the order written.
    pub interfaces: Vec<Located<Interface>>,
    /// Whether the system stores or processes personal data.
    pub personal_data: Option<Located<bool>>,
    /// What data it holds and how it is protected.
    pub data: DataFacts,
    /// Its security controls.
    pub security: SystemSecurity,
}

/// `os = { family, version, extended_support }`.
#[derive(Debug, Clone)]
pub struct Os {
    /// endoflife.date product id, e.g. `windows-server`.
    pub family: Located<String>,
    /// endoflife.date cycle id, e.g. `2012-r2`.
    pub version: Located<String>,
    /// The paid extended support the customer buys, if declared.
    pub extended_support: Option<Located<ExtendedSupport>>,
}

/// `os.extended_support`: a flag, or the tier bought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtendedSupport {
    /// `true` (some tier, taken to be the release's shortest) or `false` (none).
    Flag(bool),
    /// A tier the family offers (`esu`, `ubuntu-pro`, `legacy`, ...), checked against
    /// data/os-lifecycle.toml when read.
    Tier(String),
}

/// Who hosts a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    /// The NRB cloud.
    Nrb,
    /// Microsoft Azure.
    Azure,
    /// Amazon Web Services.
    Aws,
    /// Google Cloud.
    Gcp,
    /// Oracle Cloud.
    Oracle,
    /// IBM Cloud.
    Ibm,
    /// Alibaba Cloud.
    Alibaba,
    /// The customer's own premises.
    OnPremises,
    /// Any other provider.
    Other,
}

impl Provider {
    /// Every provider with its identifier in tenant files.
    pub const ALL: [(&'static str, Provider); 9] = [
        ("nrb", Provider::Nrb),
        ("azure", Provider::Azure),
        ("aws", Provider::Aws),
        ("gcp", Provider::Gcp),
        ("oracle", Provider::Oracle),
        ("ibm", Provider::Ibm),
        ("alibaba", Provider::Alibaba),
        ("on-premises", Provider::OnPremises),
        ("other", Provider::Other),
    ];

    /// The identifier used in tenant files and passed to Cedar.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("other", |(name, _)| name)
    }

    /// How findings name the provider: the cloud's own name, so that a message can say whose
    /// terms apply.
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Nrb => "the NRB cloud",
            Provider::Azure => "Microsoft Azure",
            Provider::Aws => "Amazon Web Services",
            Provider::Gcp => "Google Cloud",
            Provider::Oracle => "Oracle Cloud",
            Provider::Ibm => "IBM Cloud",
            Provider::Alibaba => "Alibaba Cloud",
            Provider::OnPremises => "the customer's own premises",
            Provider::Other => "another provider's infrastructure",
        }
    }
}

/// `hosting = { provider, region, country, safeguard }`.
#[derive(Debug, Clone)]
pub struct Hosting {
    /// The hosting provider.
    pub provider: Located<Provider>,
    /// The cloud region, when declared.
    pub region: Option<Located<String>>,
    /// The country the resource is hosted in: declared, or derived from the region (then the
    /// span is the region's).
    pub country: Option<Located<String>>,
    /// Safeguard for hosting outside the EU/EEA/UK/CH.
    pub safeguard: Option<Located<Safeguard>>,
    /// The facility it runs in (a declared `[[facility]]` id).
    pub site: Option<Located<String>>,
}

/// `interfaces = [{ segment, address }]`.
#[derive(Debug, Clone)]
pub struct Interface {
    /// The segment the interface is attached to (a declared segment id).
    pub segment: Located<String>,
    /// Its address, when declared.
    pub address: Option<Located<String>>,
}

/// The legal basis for moving data out of the EU/EEA/UK/CH: one vocabulary for every pack
/// (docs/format.md says which values each contract accepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Safeguard {
    /// Standard contractual clauses (GDPR Art. 46(2)(c)).
    Scc,
    /// Binding corporate rules (GDPR Art. 46(2)(b), 47).
    Bcr,
    /// An adequacy decision covering every recipient in the destination (GDPR Art. 45).
    Adequacy,
    /// A US recipient certified under the EU-US Data Privacy Framework: within the scope of the
    /// US adequacy decision.
    Dpf,
    /// A Canadian recipient subject to PIPEDA: within the scope of the Canadian decision.
    AdequacyPipeda,
    /// A Japanese business operator subject to the APPI: within the Japanese decision.
    AdequacyAppi,
    /// A Korean recipient subject to PIPA (not credit data of FSC-supervised institutions).
    AdequacyPipa,
    /// An automated transfer to the State of Israel: within the Israeli decision.
    AdequacyAutomated,
    /// The data subject's explicit consent (an Art. 49(1)(a) derogation).
    Consent,
    /// Another Art. 49 derogation.
    Derogation,
    /// The invalidated EU-US Privacy Shield.
    PrivacyShield,
    /// The customer's written consent to the processor's transfer (a contractual ground).
    CustomerConsent,
    /// No safeguard.
    None,
}

impl Safeguard {
    /// Every safeguard with its identifier in tenant files.
    pub const ALL: [(&'static str, Safeguard); 13] = [
        ("scc", Safeguard::Scc),
        ("bcr", Safeguard::Bcr),
        ("adequacy", Safeguard::Adequacy),
        ("dpf", Safeguard::Dpf),
        ("adequacy-pipeda", Safeguard::AdequacyPipeda),
        ("adequacy-appi", Safeguard::AdequacyAppi),
        ("adequacy-pipa", Safeguard::AdequacyPipa),
        ("adequacy-automated", Safeguard::AdequacyAutomated),
        ("consent", Safeguard::Consent),
        ("derogation", Safeguard::Derogation),
        ("privacy-shield", Safeguard::PrivacyShield),
        ("customer-consent", Safeguard::CustomerConsent),
        ("none", Safeguard::None),
    ];

    /// The identifier used in tenant files and passed to Cedar.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("none", |(name, _)| name)
    }
}

/// A credential: an account, key or certificate that grants access.
#[derive(Debug, Clone)]
pub struct Credential {
    /// Unique credential id.
    pub id: Located<String>,
    /// What kind of credential.
    pub kind: Option<Located<CredentialKind>>,
    /// Who is responsible for it.
    pub owner: Option<Located<String>>,
    /// Whether it can be used; absent means enabled.
    pub enabled: Option<Located<bool>>,
    /// When it was created.
    pub created: Option<Located<Date>>,
    /// When it was last used.
    pub last_used: Option<Located<Date>>,
    /// Who holds it, what it reaches and how it is protected.
    pub account: AccountFacts,
}

/// `credential.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialKind {
    /// A personal user account.
    User,
    /// A personal administrator account.
    Admin,
    /// A non-personal account used by software.
    ServiceAccount,
    /// An API key or token.
    ApiKey,
    /// An SSH key.
    SshKey,
    /// An X.509 certificate.
    Certificate,
    /// A software licence key.
    LicenseKey,
    /// A key that encrypts data.
    EncryptionKey,
}

impl CredentialKind {
    /// Every kind with its identifier in tenant files.
    pub const ALL: [(&'static str, CredentialKind); 8] = [
        ("user", CredentialKind::User),
        ("admin", CredentialKind::Admin),
        ("service-account", CredentialKind::ServiceAccount),
        ("api-key", CredentialKind::ApiKey),
        ("ssh-key", CredentialKind::SshKey),
        ("certificate", CredentialKind::Certificate),
        ("license-key", CredentialKind::LicenseKey),
        ("encryption-key", CredentialKind::EncryptionKey),
    ];

    /// The identifier used in tenant files and passed to Cedar.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("user", |(name, _)| name)
    }
}

/// A database, bucket or file share.
#[derive(Debug, Clone)]
pub struct DataStore {
    /// Unique data-store id.
    pub id: Located<String>,
    /// Where it is hosted.
    pub hosting: Option<Located<Hosting>>,
    /// Whether it holds personal data.
    pub personal_data: Option<Located<bool>>,
    /// What data it holds and how it is protected.
    pub data: DataFacts,
    /// Where replicas of it live.
    pub replicas: Opt<Vec<Located<Location>>>,
}

/// A declared flow of service data to a recipient.
#[derive(Debug, Clone)]
pub struct Transfer {
    /// Unique transfer id.
    pub id: Located<String>,
    /// The system or data store the data comes from.
    pub from: Option<Located<String>>,
    /// Where the data goes.
    pub destination: Located<Destination>,
    /// Whether the data includes personal data.
    pub personal_data: Option<Located<bool>>,
    /// The safeguard that covers the transfer.
    pub safeguard: Option<Located<Safeguard>>,
    /// Who sends the data: `customer` or a contract's pack id.
    pub operator: Opt<String>,
    /// What the recipient is.
    pub recipient_kind: Opt<RecipientKind>,
    /// The sub-processor that receives the data (a `[[sub_processor]]` id).
    pub sub_processor: Opt<String>,
    /// The ground for disclosing the data.
    pub basis: Opt<account::Basis>,
    /// What the data is used for.
    pub purpose: Opt<Purpose>,
    /// Whether the data is aggregated.
    pub aggregated: Opt<bool>,
    /// Whether the data is anonymised.
    pub anonymised: Opt<bool>,
    /// Whether the transfer is documented in the Art. 30(2) record.
    pub documented: Opt<bool>,
    /// The UK or Swiss safeguard for data collected there.
    pub local_safeguard: Opt<String>,
}

choice::choice! {
    /// What the recipient of a transfer is.
    RecipientKind ("recipient kind") {
        /// A sub-processor.
        SubProcessor = "sub-processor",
        /// An affiliate of the sender.
        Affiliate = "affiliate",
        /// An international organisation.
        InternationalOrganisation = "international-organisation",
        /// A public authority.
        Authority = "authority",
        /// Any other third party.
        ThirdParty = "third-party",
        /// The customer itself.
        Customer = "customer",
    }
}

choice::choice! {
    /// What transferred data is used for.
    Purpose ("purpose") {
        /// Delivering the service.
        Service = "service",
        /// Support.
        Support = "support",
        /// Analytics.
        Analytics = "analytics",
        /// Billing.
        Billing = "billing",
        /// Statistical research.
        Statistics = "statistics",
        /// Anything else.
        Other = "other",
    }
}

/// `destination = { country, recipient }`.
#[derive(Debug, Clone)]
pub struct Destination {
    /// ISO 3166-1 alpha-2 code of the receiving country.
    pub country: Located<String>,
    /// Who receives the data.
    pub recipient: Option<Located<String>>,
}

impl choice::Choice for Provider {
    const WHAT: &'static str = "hosting provider";
    fn all() -> &'static [(&'static str, Self)] {
        &Self::ALL
    }
    fn as_str(self) -> &'static str {
        Provider::as_str(self)
    }
}

impl choice::Choice for Safeguard {
    const WHAT: &'static str = "safeguard";
    fn all() -> &'static [(&'static str, Self)] {
        &Self::ALL
    }
    fn as_str(self) -> &'static str {
        Safeguard::as_str(self)
    }
}

impl choice::Choice for CredentialKind {
    const WHAT: &'static str = "credential kind";
    fn all() -> &'static [(&'static str, Self)] {
        &Self::ALL
    }
    fn as_str(self) -> &'static str {
        CredentialKind::as_str(self)
    }
}
