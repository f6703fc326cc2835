//! Facts about the people and software behind a credential: who holds it, what it reaches,
//! how it is protected and how access was granted.

use jiff::civil::Date;

use crate::source::Located;
use crate::tenant::model::choice::{Party, choice};
use crate::tenant::model::{Moment, Opt};

choice! {
    /// How a person relates to the customer.
    Relationship ("relationship") {
        /// An employee.
        Employee = "employee",
        /// An agency worker.
        AgencyWorker = "agency-worker",
        /// Other temporary staff.
        TemporaryStaff = "temporary-staff",
        /// A subcontractor.
        Subcontractor = "subcontractor",
        /// Anyone else (clients, partners, shared mailboxes).
        Other = "other",
    }
}

choice! {
    /// The state of an account at the provider.
    AccountStatus ("account status") {
        /// Usable.
        Active = "active",
        /// Suspended by the provider.
        Suspended = "suspended",
        /// Banned by the provider.
        Banned = "banned",
    }
}

choice! {
    /// How much of the data a credential reaches.
    Scope ("access scope") {
        /// All data, unrestricted.
        Full = "full",
        /// Only what the holder needs.
        Scoped = "scoped",
    }
}

choice! {
    /// The ground on which access or disclosure was given.
    Basis ("basis") {
        /// The customer's instruction.
        CustomerInstruction = "customer-instruction",
        /// The data-processing agreement itself.
        Agreement = "agreement",
        /// A legal obligation.
        LegalObligation = "legal-obligation",
        /// A sub-processing contract.
        SubProcessor = "sub-processor",
        /// The customer's written consent.
        CustomerConsent = "customer-consent",
        /// None.
        None = "none",
    }
}

choice! {
    /// How an initial password was handed over.
    Distribution ("distribution channel") {
        /// By a separate, protected channel.
        SeparateChannel = "separate-channel",
        /// The holder set it through self-service.
        SelfService = "self-service",
        /// In a plain-text e-mail.
        EmailPlaintext = "email-plaintext",
        /// Some other way.
        Other = "other",
    }
}

choice! {
    /// What an API credential is used for.
    Use ("use") {
        /// The customer's own internal purposes.
        Internal = "internal",
        /// A service of a third party.
        ThirdPartyService = "third-party-service",
        /// Resale.
        Resale = "resale",
    }
}

/// The optional facts of a `[[credential]]` beyond v1's kind, owner and dates.
#[derive(Debug, Clone, Default)]
pub struct AccountFacts {
    /// The contract (pack id) whose service the account is for.
    pub contract: Opt<String>,
    /// The natural person who holds it.
    pub person: Opt<String>,
    /// The login name.
    pub login: Opt<String>,
    /// How many people use it.
    pub holders: Opt<i64>,
    /// Whether multi-factor authentication is enforced.
    pub mfa: Opt<bool>,
    /// Its roles.
    pub roles: Opt<Vec<Located<String>>>,
    /// Whether the customer appointed the holder as administrator.
    pub admin_appointed: Opt<bool>,
    /// Which party the holder belongs to.
    pub party: Opt<Party>,
    /// Who runs the system or service the account is on, and so administers the account:
    /// `customer` or a pack id.
    pub operator: Opt<String>,
    /// How the holder relates to the customer.
    pub relationship: Opt<Relationship>,
    /// Whether the customer designated the holder as a user.
    pub designated: Opt<bool>,
    /// The account's state at the provider.
    pub status: Opt<AccountStatus>,
    /// The systems and data stores it reaches.
    pub access: Opt<Vec<Located<String>>>,
    /// How much it reaches.
    pub scope: Opt<Scope>,
    /// On what ground access was given.
    pub basis: Opt<Basis>,
    /// Who granted the access.
    pub granted_by: Opt<String>,
    /// Why the holder needs it.
    pub justification: Opt<String>,
    /// When the access expires.
    pub expires: Opt<Date>,
    /// Whether the holder is in the access register.
    pub in_access_register: Opt<bool>,
    /// Whether the holder signed a confidentiality undertaking.
    pub confidentiality_signed: Opt<bool>,
    /// When the holder last had privacy training.
    pub privacy_training: Opt<Date>,
    /// When the holder's employment ended.
    pub employment_end: Opt<Date>,
    /// When the holder's own subscription with the customer ended.
    pub client_cancelled: Opt<Date>,
    /// Whether its creation was authorised.
    pub creation_authorized: Opt<bool>,
    /// Whether its roles conflict (segregation of duties).
    pub sod_conflict: Opt<bool>,
    /// When it was found compromised or possibly misused.
    pub compromised: Opt<Moment>,
    /// When the customer reported that to the provider.
    pub misuse_reported: Opt<Moment>,
    /// Whether the secret is stored in plain text (e.g. found in a repository).
    pub plaintext: Opt<bool>,
    /// When the password was last changed.
    pub password_changed: Opt<Date>,
    /// Whether the initial password must be changed at first use.
    pub must_change_initial: Opt<bool>,
    /// How the initial password was handed over.
    pub distribution: Opt<Distribution>,
    /// What an API credential is used for.
    pub usage: Opt<Use>,
    /// Whether it is shared outside the customer's organisation.
    pub shared_externally: Opt<bool>,
}
