//! Facts about connections: network links, mail relays and third-party integrations.

use crate::source::Located;
use crate::tenant::model::Opt;
use crate::tenant::model::choice::{Network, TlsVersion, choice};

/// `[[link]]`: a network connection that carries data.
#[derive(Debug, Clone)]
pub struct Link {
    /// Unique id.
    pub id: Located<String>,
    /// One end: a system, data store or segment id.
    pub from: Opt<String>,
    /// The other end: a system, data store or segment id.
    pub to: Opt<String>,
    /// The other end when it is outside the tenant, e.g. `internet`.
    pub peer: Opt<String>,
    /// Whether it crosses a public network.
    pub network: Opt<Network>,
    /// Whether it carries service data.
    pub service_data: Opt<bool>,
    /// Whether the traffic is encrypted.
    pub encrypted: Opt<bool>,
    /// The protocol, e.g. `https`.
    pub protocol: Opt<String>,
    /// The lowest TLS version accepted.
    pub tls_min: Opt<TlsVersion>,
    /// Whether the provider lets the customer encrypt the traffic.
    pub customer_can_encrypt: Opt<bool>,
    /// Who manages it: `customer` or a contract's pack id.
    pub operator: Opt<String>,
}

choice! {
    /// Which mail an SMTP relay handles.
    RelayScope ("relay scope") {
        /// All outbound mail.
        AllOutbound = "all-outbound",
        /// Only mail that matches conditions.
        Conditional = "conditional",
    }
}

choice! {
    /// How a mail server uses TLS.
    TlsMode ("TLS mode") {
        /// TLS is required.
        Required = "required",
        /// TLS when the other side offers it.
        Opportunistic = "opportunistic",
        /// No TLS.
        None = "none",
    }
}

choice! {
    /// How a relay's content policy decides what to protect.
    PolicyMode ("content-policy mode") {
        /// A keyword list the customer supplies.
        Manual = "manual",
        /// The provider's algorithm.
        Automatic = "automatic",
    }
}

choice! {
    /// A kind of system that sends mail through a relay.
    MailSource ("mail source") {
        /// People's mailboxes.
        UserMailbox = "user-mailbox",
        /// Applications sending transactional mail.
        Transactional = "transactional",
        /// A marketing platform.
        MarketingPlatform = "marketing-platform",
        /// Newsletters.
        Newsletter = "newsletter",
        /// Bulk mail.
        Bulk = "bulk",
    }
}

/// `content_policy = { mode, keywords, reviewed }`.
#[derive(Debug, Clone, Default)]
pub struct ContentPolicy {
    /// How the policy decides.
    pub mode: Opt<PolicyMode>,
    /// How many keywords the customer supplied.
    pub keywords: Opt<i64>,
    /// When the keyword list was last reviewed.
    pub reviewed: Opt<jiff::civil::Date>,
}

/// `[[mail_relay]]`: the customer's mail server relaying through a provider's platform.
#[derive(Debug, Clone)]
pub struct MailRelay {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose platform it relays to.
    pub contract: Located<String>,
    /// Whether it is on; absent means on.
    pub enabled: Opt<bool>,
    /// Which mail it handles.
    pub scope: Opt<RelayScope>,
    /// The smart hosts it relays to.
    pub smarthosts: Opt<Vec<Located<String>>>,
    /// How it uses TLS.
    pub tls: Opt<TlsMode>,
    /// The lowest TLS version accepted.
    pub tls_min: Opt<TlsVersion>,
    /// Whether it validates the platform's certificate.
    pub certificate_validation: Opt<bool>,
    /// The content policy.
    pub content_policy: Option<Located<ContentPolicy>>,
    /// The external delivery service (a `[[sub_processor]]` id).
    pub delivery_service: Opt<String>,
    /// Whether SPF authorises the delivery service.
    pub spf_includes_delivery_service: Opt<bool>,
    /// The kinds of system whose mail it relays.
    pub sources: Opt<Vec<Located<MailSource>>>,
    /// The kinds of system whose mail a conditional relay keeps off the platform.
    pub bypass: Opt<Vec<Located<MailSource>>>,
    /// Whether outbound attachments are scanned for malware.
    pub attachment_scanning: Opt<bool>,
}

/// `[[integration]]`: a third party connected to a provider's platform by the customer.
#[derive(Debug, Clone)]
pub struct Integration {
    /// Unique id.
    pub id: Located<String>,
    /// The contract (pack id) whose platform it connects to.
    pub contract: Located<String>,
    /// The third party.
    pub vendor: Opt<String>,
    /// Whether the customer contracts with it directly.
    pub direct_contract: Opt<bool>,
    /// Whether a processing agreement with it is signed.
    pub dpa_signed: Opt<bool>,
    /// Whether personal data flows to it.
    pub personal_data: Opt<bool>,
    /// The country it processes data in.
    pub country: Opt<String>,
    /// Whether its access token is stored in plain text.
    pub token_plaintext: Opt<bool>,
    /// The provider's sub-processor it is modelled as, if any.
    pub sub_processor: Opt<String>,
}
