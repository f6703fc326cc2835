//! Dated records: incidents, requests, provider notices, maintenance and availability. Each
//! keeps the points in time that contractual deadlines are measured between.

use jiff::civil::Date;

use crate::source::Located;
use crate::tenant::model::choice::choice;
use crate::tenant::model::{Moment, Opt};

choice! {
    /// The kind of an incident.
    IncidentKind ("incident kind") {
        /// An interruption or degradation of the service.
        Incident = "incident",
        /// An event affecting availability, integrity or confidentiality.
        SecurityIncident = "security-incident",
        /// A personal-data breach.
        Breach = "breach",
        /// Possible misuse of the customer's accounts or credentials.
        CredentialMisuse = "credential-misuse",
        /// A security alert (e.g. an attack on the service).
        Alert = "alert",
    }
}

choice! {
    /// Who an incident happened at.
    IncidentSource ("incident source") {
        /// The provider.
        Provider = "provider",
        /// A sub-processor of the provider.
        SubProcessor = "sub-processor",
        /// The customer.
        Customer = "customer",
    }
}

choice! {
    /// A piece of information a breach notification gives.
    NoticeField ("notification field") {
        /// The nature of the breach.
        Nature = "nature",
        /// Its cause.
        Cause = "cause",
        /// Its (likely) consequences.
        Consequences = "consequences",
        /// The solution.
        Solution = "solution",
        /// Measures taken or proposed.
        Measures = "measures",
        /// A contact for follow-up.
        Contact = "contact",
        /// How many people are affected.
        SubjectCount = "subject-count",
        /// Which groups of people are affected.
        SubjectGroups = "subject-groups",
        /// Which kinds of data.
        DataTypes = "data-types",
        /// When it happened.
        Period = "period",
        /// When it was discovered.
        Discovered = "discovered",
        /// Whether the data was unintelligible (encrypted or hashed).
        Unintelligible = "unintelligible",
    }
}

choice! {
    /// A field of a breach-register entry.
    RegisterField ("register field") {
        /// A description.
        Description = "description",
        /// The period.
        Period = "period",
        /// The consequences.
        Consequences = "consequences",
        /// Who reported it.
        Reporter = "reporter",
        /// Who it was reported to.
        Recipient = "recipient",
        /// The recovery procedure.
        Recovery = "recovery",
    }
}

/// `[[incident]]`: an incident, security incident, breach or alert.
#[derive(Debug, Clone)]
pub struct Incident {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) it falls under.
    pub contract: Located<String>,
    /// What kind of incident.
    pub kind: Located<IncidentKind>,
    /// Where it happened.
    pub source: Opt<IncidentSource>,
    /// Whether it is confirmed (not only suspected).
    pub confirmed: Opt<bool>,
    /// Whether a risk to people is unlikely.
    pub risk_unlikely: Opt<bool>,
    /// When the party that must notify became aware of it.
    pub aware: Opt<Moment>,
    /// When the customer was notified.
    pub notified: Opt<Moment>,
    /// When the customer reported it to the provider.
    pub reported_to_provider: Opt<Moment>,
    /// When it was reported to the supervisory authority.
    pub reported_to_authority: Opt<Moment>,
    /// What the notification said.
    pub notification_fields: Opt<Vec<Located<NoticeField>>>,
    /// What the notification said was not known yet.
    pub notification_unknown: Opt<Vec<Located<NoticeField>>>,
    /// What the breach-register entry records.
    pub register_fields: Opt<Vec<Located<RegisterField>>>,
    /// Follow-up notifications sent.
    pub followups: Opt<i64>,
    /// Minutes until the provider reacted (alerts).
    pub response_minutes: Opt<i64>,
}

choice! {
    /// The kind of a request.
    RequestKind ("request kind") {
        /// An authority demands disclosure from the provider.
        AuthorityDisclosure = "authority-disclosure",
        /// A third party asks the provider for data.
        ThirdPartyDisclosure = "third-party-disclosure",
        /// A party is legally obliged to disclose information.
        LegalDisclosure = "legal-disclosure",
        /// A judicial or administrative authority's official request to, or inspection of, the
        /// customer.
        AuthorityInspection = "authority-inspection",
        /// The customer asks for deletion.
        Deletion = "deletion",
        /// The customer asks for a description of the security measures.
        MeasuresInfo = "measures-info",
        /// The customer asks for information for an audit.
        AuditInfo = "audit-info",
        /// The customer announces an audit.
        Audit = "audit",
        /// The customer asks for the sub-processor list.
        SubProcessorList = "sub-processor-list",
        /// The customer asks which countries data is processed in.
        Countries = "countries",
        /// The customer gives an additional instruction.
        Instruction = "instruction",
        /// A support report (ticket).
        Ticket = "ticket",
    }
}

choice! {
    /// How a request ended.
    Outcome ("request outcome") {
        /// Complied with.
        Complied = "complied",
        /// Refused.
        Refused = "refused",
        /// Approved.
        Approved = "approved",
        /// Still open.
        Pending = "pending",
    }
}

/// `[[request]]`: a request to or through a provider, and its handling.
#[derive(Debug, Clone)]
pub struct Request {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) it falls under.
    pub contract: Located<String>,
    /// What kind of request.
    pub kind: Located<RequestKind>,
    /// When it was received.
    pub received: Opt<Moment>,
    /// When it was answered.
    pub answered: Opt<Moment>,
    /// When the customer (or other party) was notified of it.
    pub notified: Opt<Moment>,
    /// When the audit is planned.
    pub planned: Opt<Date>,
    /// Whether it was made in writing.
    pub written: Opt<bool>,
    /// Whether a copy was given to the customer.
    pub copy_provided: Opt<bool>,
    /// Whether the law compels complying with it.
    pub legally_compelled: Opt<bool>,
    /// Whether the law forbids telling the customer.
    pub gag: Opt<bool>,
    /// How it ended.
    pub outcome: Opt<Outcome>,
    /// Whether the instruction was annexed to the agreement.
    pub annexed: Opt<bool>,
    /// Whether there is an objective suspicion (audits).
    pub suspicion: Opt<bool>,
    /// The ticket category (10, 15, 20, 30 or 40).
    pub category: Opt<i64>,
    /// Who reported it.
    pub reporter: Opt<String>,
    /// Whether it has a detailed description.
    pub described: Opt<bool>,
    /// Minutes until the response, on the contract's clock.
    pub response_minutes: Opt<i64>,
    /// Working days until the response.
    pub response_workdays: Opt<i64>,
    /// Minutes until resolution, on the contract's clock.
    pub resolution_minutes: Opt<i64>,
    /// Working days until resolution.
    pub resolution_workdays: Opt<i64>,
    /// The longest gap between updates, in minutes.
    pub max_update_gap_minutes: Opt<i64>,
}

choice! {
    /// What a provider notice announces.
    NoticeKind ("notice kind") {
        /// A new or replaced sub-processor.
        SubProcessor = "sub-processor",
        /// Changed minimum system requirements.
        SystemRequirements = "system-requirements",
        /// An upgrade that needs changes by the customer.
        Upgrade = "upgrade",
        /// Changed terms.
        TermsChange = "terms-change",
        /// A new feature or offering.
        NewFeature = "new-feature",
        /// An update or upgrade of the platform, announced by an overview of its changes.
        Update = "update",
    }
}

/// `[[notice]]`: an announcement by a provider to the customer.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose provider sent it.
    pub contract: Located<String>,
    /// What it announces.
    pub kind: Located<NoticeKind>,
    /// When it was sent.
    pub sent: Opt<Date>,
    /// When the customer received it.
    pub received: Opt<Date>,
    /// When the change takes effect.
    pub effective: Opt<Date>,
    /// When the customer reviewed it.
    pub reviewed: Opt<Date>,
    /// When the customer objected.
    pub objected: Opt<Date>,
    /// When the customer made the required changes.
    pub implemented: Opt<Date>,
    /// The sub-processor it is about.
    pub sub_processor: Opt<String>,
    /// Whether the change is materially adverse to the customer.
    pub adverse: Opt<bool>,
    /// Whether disabling the new feature is technically possible.
    pub technically_possible: Opt<bool>,
    /// Whether the customer can disable it.
    pub can_disable: Opt<bool>,
}

choice! {
    /// The kind of a maintenance window.
    MaintenanceKind ("maintenance kind") {
        /// Planned maintenance.
        Planned = "planned",
        /// Necessary extra maintenance that cannot wait.
        NecessaryExtra = "necessary-extra",
        /// The weekly update.
        WeeklyUpdate = "weekly-update",
    }
}

/// `[[maintenance]]`: a maintenance window of a provider's service.
#[derive(Debug, Clone)]
pub struct Maintenance {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose service it concerns.
    pub contract: Located<String>,
    /// What kind of maintenance.
    pub kind: Located<MaintenanceKind>,
    /// When it started.
    pub start: Opt<Moment>,
    /// When it ended.
    pub end: Opt<Moment>,
    /// When it was announced.
    pub announced: Opt<Moment>,
    /// How it was announced.
    pub channels: Opt<Vec<Located<crate::tenant::model::contract::Channel>>>,
    /// Whether it could have been postponed.
    pub postponable: Opt<bool>,
    /// Why it could not wait.
    pub justification: Opt<String>,
}

/// `[[availability]]`: the measured availability of a provider's service over a period.
#[derive(Debug, Clone)]
pub struct Availability {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose service it measures.
    pub contract: Located<String>,
    /// First day of the period.
    pub start: Located<Date>,
    /// Last day of the period.
    pub end: Located<Date>,
    /// Availability in percent, as Cedar `decimal` text.
    pub percent: Opt<String>,
}
