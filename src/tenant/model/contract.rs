//! Facts about the tenant's contracts: metadata per contract (`[[contract]]`), the provider's
//! attestations (`[[attestation]]`), and things the contract's service is made of (payroll
//! companies, domains).

use jiff::civil::Date;

use crate::source::Located;
use crate::tenant::model::Opt;
use crate::tenant::model::choice::{Party, choice};

choice! {
    /// A service level of a contract.
    ServiceLevel ("service level") {
        /// The basic level.
        Basis = "basis",
        /// The Gold level.
        Gold = "gold",
    }
}

choice! {
    /// What the customer chose for its data when the service ends.
    EndOfService ("end-of-service choice") {
        /// Delete the data.
        Delete = "delete",
        /// Return the data.
        Return = "return",
    }
}

choice! {
    /// A way of integrating a provider's platform.
    IntegrationMode ("integration mode") {
        /// A mail-client plug-in.
        Plugin = "plugin",
        /// An SMTP relay.
        SmtpRelay = "smtp-relay",
        /// The web application.
        Web = "web",
        /// The API.
        Api = "api",
    }
}

choice! {
    /// A channel for contacting a provider or receiving its announcements.
    Channel ("channel") {
        /// Telephone.
        Phone = "phone",
        /// E-mail.
        Email = "email",
        /// A support portal or website.
        Website = "website",
        /// Twitter / X.
        Twitter = "twitter",
    }
}

/// `[[contract]]`: metadata of one of the tenant's contracts; `id` is its pack id.
#[derive(Debug, Clone)]
pub struct Contract {
    /// The pack id, one of `tenant.contracts`.
    pub id: Located<String>,
    /// Where the table was written.
    pub span: std::ops::Range<usize>,
    /// When it was signed.
    pub signed: Opt<Date>,
    /// When the service (and processing) started.
    pub start: Opt<Date>,
    /// When it ends or ended.
    pub end: Opt<Date>,
    /// When notice of termination was sent.
    pub termination_notice: Opt<Date>,
    /// The next automatic renewal date.
    pub renewal: Opt<Date>,
    /// Whether the customer plans to leave the service.
    pub offboarding_planned: Opt<bool>,
    /// The contract owners.
    pub owners: Opt<Vec<Located<Owner>>>,
    /// Whether the provider approved several owners in writing.
    pub multiple_owners_approved: Opt<bool>,
    /// The customer's subscriber number.
    pub subscriber_number: Opt<String>,
    /// The service level.
    pub service_level: Opt<ServiceLevel>,
    /// The services taken, as the contract names them.
    pub services: Opt<Vec<Located<String>>>,
    /// Licensed users.
    pub licensed_users: Opt<i64>,
    /// Users in use.
    pub active_users: Opt<i64>,
    /// The breach-notification time the provider commits to, in hours.
    pub breach_notice_hours: Opt<i64>,
    /// The customer's end-of-service choice.
    pub end_of_service: Opt<EndOfService>,
    /// Retention after the end that the law or the contract requires, in days.
    pub retention_days: Opt<i64>,
    /// When extra retention was agreed in writing.
    pub extra_retention_agreed: Opt<Date>,
    /// Until when the extra retention runs.
    pub extra_retention_until: Opt<Date>,
    /// Whether the customer joined the escrow arrangement.
    pub escrow: Opt<bool>,
    /// Whether the customer's own continuity needs a fallback.
    pub continuity_required: Opt<bool>,
    /// Whether the provider allowed its brand in the customer's domains.
    pub brand_permission: Opt<bool>,
    /// When the customer asked the provider's permission for its brand in its domains.
    pub brand_permission_requested: Opt<Date>,
    /// The subdomain or system name the customer uses.
    pub subdomain: Opt<String>,
    /// Whether the customer confirmed its right to that name.
    pub subdomain_rights: Opt<bool>,
    /// The integration modes agreed.
    pub integrations: Opt<Vec<Located<IntegrationMode>>>,
    /// When the provider last updated its sub-processor list.
    pub sub_processor_list_updated: Opt<Date>,
    /// When the customer last consulted that list.
    pub sub_processor_list_reviewed: Opt<Date>,
    /// Whether the customer subscribed to sub-processor notifications.
    pub sub_processor_notifications: Opt<bool>,
    /// Whether the customer subscribed to maintenance announcements.
    pub maintenance_notifications: Opt<bool>,
    /// Whether the customer enabled logging in the provider's admin tool.
    pub admin_tool_logging: Opt<bool>,
    /// Whether the customer's network lets it reach the provider's platform.
    pub platform_reachable: Opt<bool>,
    /// Endpoints below the provider's minimum requirements.
    pub unsupported_endpoints: Opt<i64>,
    /// `support = { … }`.
    pub support: Option<Located<Support>>,
    /// `monitoring = { … }`.
    pub monitoring: Option<Located<Monitoring>>,
    /// `performance = { … }`.
    pub performance: Option<Located<Performance>>,
    /// `usage = { … }`.
    pub usage: Option<Located<Usage>>,
    /// `plugin = { … }`.
    pub plugin: Option<Located<Plugin>>,
    /// `own_export = { … }`.
    pub own_export: Option<Located<OwnExport>>,
    /// `offboarding = { … }`.
    pub offboarding: Option<Located<Offboarding>>,
}

/// A contract owner: `{ name, email, internal, trained }`.
#[derive(Debug, Clone, Default)]
pub struct Owner {
    /// Full name.
    pub name: Opt<String>,
    /// E-mail address.
    pub email: Opt<String>,
    /// Whether the owner belongs to the customer's own organisation.
    pub internal: Opt<bool>,
    /// When the owner was trained in the provider's product.
    pub trained: Opt<Date>,
}

/// `support = { email, phone, response_hours, urgent_channels }`: the provider's support desk.
#[derive(Debug, Clone, Default)]
pub struct Support {
    /// Support e-mail address.
    pub email: Opt<String>,
    /// Support telephone number.
    pub phone: Opt<String>,
    /// The agreed response time, in hours.
    pub response_hours: Opt<i64>,
    /// The channels the customer's runbook uses for the most urgent reports.
    pub urgent_channels: Opt<Vec<Located<Channel>>>,
}

/// `monitoring = { … }`: the provider's monitoring of the service.
#[derive(Debug, Clone, Default)]
pub struct Monitoring {
    /// Seconds between availability probes.
    pub probe_interval_seconds: Opt<i64>,
    /// Number of probe locations.
    pub probe_locations: Opt<i64>,
    /// Hours per day that traffic is monitored.
    pub coverage_hours: Opt<i64>,
    /// Target reaction time to attacks, in minutes.
    pub response_target_minutes: Opt<i64>,
}

/// `performance = { fast_samples, slowest_ms }`: a three-sample performance test.
#[derive(Debug, Clone, Default)]
pub struct Performance {
    /// Samples (of three) within 1.5 seconds.
    pub fast_samples: Opt<i64>,
    /// The slowest sample, in milliseconds.
    pub slowest_ms: Opt<i64>,
}

/// `usage = { … }`: how much of the service the customer uses.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// Messages sent per month.
    pub monthly_messages: Opt<i64>,
    /// Gigabytes transferred per month.
    pub monthly_gb: Opt<i64>,
    /// Available download bandwidth, in Mbit/s.
    pub download_mbps: Opt<i64>,
    /// Available upload bandwidth, in Mbit/s.
    pub upload_mbps: Opt<i64>,
}

/// `plugin = { … }`: the provider's client plug-in as the customer deploys it.
#[derive(Debug, Clone, Default)]
pub struct Plugin {
    /// Installations.
    pub installs: Opt<i64>,
    /// Installations on devices the customer does not own.
    pub foreign_installs: Opt<i64>,
    /// Whether every installation matches the vendor's hash.
    pub hash_verified: Opt<bool>,
    /// Whether the installer is publicly reachable.
    pub distribution_public: Opt<bool>,
    /// Who can reach the installer.
    pub distribution_access: Opt<Vec<Located<String>>>,
}

/// `own_export = { enabled, interval_days, last_success }`: the customer's own data export.
#[derive(Debug, Clone, Default)]
pub struct OwnExport {
    /// Whether it runs.
    pub enabled: Opt<bool>,
    /// Days between exports.
    pub interval_days: Opt<i64>,
    /// When it last succeeded.
    pub last_success: Opt<Date>,
}

/// `offboarding = { … }`: return and deletion of data when the contract ends.
#[derive(Debug, Clone, Default)]
pub struct Offboarding {
    /// When the customer asked for an export of its data.
    pub export_requested: Opt<Date>,
    /// Whether that request was in writing.
    pub export_request_written: Opt<bool>,
    /// When the customer finished copying its data.
    pub export_completed: Opt<Date>,
    /// When the provider returned the data.
    pub returned: Opt<Date>,
    /// When the customer asked for deletion.
    pub deletion_requested: Opt<Date>,
    /// When the provider deleted the data.
    pub deleted: Opt<Date>,
    /// Whether the provider confirmed the deletion in writing.
    pub deletion_confirmed: Opt<bool>,
    /// When the customer asked for a deletion statement.
    pub statement_requested: Opt<Date>,
    /// When it received that statement.
    pub statement_received: Opt<Date>,
    /// Whether the provider said that deletion is impossible.
    pub deletion_impossible_notified: Opt<bool>,
}

choice! {
    /// What an attestation attests.
    Topic ("attestation topic") {
        /// ISO/IEC 27001.
        Iso27001 = "iso27001",
        /// NEN 7510.
        Nen7510 = "nen7510",
        /// NTA 7516.
        Nta7516 = "nta7516",
        /// ISAE 3402 type 2 report.
        Isae3402Type2 = "isae3402-type2",
        /// SOC 2 type 2 report.
        Soc2Type2 = "soc2-type2",
        /// SRA payroll-system certification.
        Sra = "sra",
        /// Appropriate technical and organisational measures (GDPR Art. 32).
        Art32Measures = "art32-measures",
        /// Protection against loss, alteration and unauthorised access.
        IntegrityControls = "integrity-controls",
        /// Staff bound to confidentiality.
        StaffConfidentiality = "staff-confidentiality",
        /// Periodic privacy and security training of staff.
        StaffTraining = "staff-training",
        /// Designated security officers.
        SecurityOfficer = "security-officer",
        /// A risk assessment.
        RiskAssessment = "risk-assessment",
        /// A test of the security measures (e.g. a penetration test).
        SecurityTest = "security-test",
        /// Vulnerability scanning.
        VulnerabilityScan = "vulnerability-scan",
        /// An evaluation of the security measures.
        MeasuresReview = "measures-review",
        /// A register of processing activities (GDPR Art. 30).
        ProcessingRegister = "processing-register",
        /// A register of security breaches.
        BreachRegister = "breach-register",
        /// A register of access permissions.
        AccessRegister = "access-register",
        /// Security documents kept after they expire.
        SecurityDocumentsRetained = "security-documents-retained",
        /// Customer data logically separated from other data.
        LogicalSeparation = "logical-separation",
        /// Content encrypted so that the provider cannot read it.
        ContentEncryption = "content-encryption",
        /// Traffic monitored around the clock.
        TrafficMonitoring = "traffic-monitoring",
        /// Emergency and contingency plans.
        ContingencyPlan = "contingency-plan",
        /// Media disposed of securely.
        MediaDisposal = "media-disposal",
    }
}

/// `[[attestation]]`: a declared, dated statement that a control or certification exists.
#[derive(Debug, Clone)]
pub struct Attestation {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) it belongs to.
    pub contract: Located<String>,
    /// What it attests.
    pub topic: Located<Topic>,
    /// Who makes the statement; `provider` unless declared.
    pub party: Opt<Party>,
    /// When it was issued or performed.
    pub issued: Opt<Date>,
    /// Until when it is valid.
    pub valid_until: Opt<Date>,
    /// The end of the period a report covers.
    pub period_end: Opt<Date>,
    /// Whether an accredited body certified it.
    pub certified: Opt<bool>,
    /// The version of the standard.
    pub version: Opt<String>,
    /// The people it names (e.g. security officers).
    pub holders: Opt<Vec<Located<String>>>,
    /// Where the evidence is.
    pub evidence: Opt<String>,
}

/// `[[company]]`: a company (payroll administration) in a provider's service.
#[derive(Debug, Clone)]
pub struct Company {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose service holds it.
    pub contract: Located<String>,
    /// Whether it is a demonstration company.
    pub demo: Opt<bool>,
    /// Whether it holds production data.
    pub production_data: Opt<bool>,
    /// Whether payroll-tax returns are filed from it.
    pub payroll_tax_filing: Opt<bool>,
}

choice! {
    /// The kind of a name the customer uses in public.
    DomainKind ("domain kind") {
        /// A DNS domain or subdomain.
        Domain = "domain",
        /// A social-media account.
        SocialMedia = "social-media",
    }
}

/// `[[domain]]`: a domain name or social-media account the customer uses.
#[derive(Debug, Clone)]
pub struct Domain {
    /// The name itself, unique.
    pub id: Located<String>,
    /// What kind of name.
    pub kind: Opt<DomainKind>,
}
