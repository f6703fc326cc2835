//! Closed sets of values (enums) used in tenant files. Each value has one spelling in the file,
//! which is also the string passed to Cedar.

/// A closed enum whose values are written as strings in tenant files.
pub trait Choice: Copy + 'static {
    /// What the value names in messages, e.g. `hosting provider`.
    const WHAT: &'static str;
    /// Every value with its identifier in tenant files.
    fn all() -> &'static [(&'static str, Self)];
    /// The identifier used in tenant files and passed to Cedar.
    fn as_str(self) -> &'static str;
}

/// Defines a closed enum with its spellings.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value with its identifier in tenant files.
            pub const ALL: &'static [(&'static str, $name)] = &[$( ($text, $name::$variant), )+];

            /// The identifier used in tenant files and passed to Cedar.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl $crate::tenant::model::choice::Choice for $name {
            const WHAT: &'static str = $what;
            fn all() -> &'static [(&'static str, Self)] {
                Self::ALL
            }
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }
    };
}

pub(crate) use choice;

choice! {
    /// A contract party or a sub-processor that operates a resource, as far as obligations
    /// care: `customer` or the provider of one of the tenant's contracts (its pack id).
    Party ("party") {
        /// The customer (the tenant's own organisation).
        Customer = "customer",
        /// The provider of a contract.
        Provider = "provider",
        /// A sub-processor of a provider.
        SubProcessor = "sub-processor",
        /// Any other third party.
        ThirdParty = "third-party",
        /// A public authority.
        Authority = "authority",
    }
}

choice! {
    /// The kind of environment a system or data store belongs to.
    Environment ("environment") {
        /// Production.
        Production = "production",
        /// Acceptance / staging.
        Acceptance = "acceptance",
        /// Test.
        Test = "test",
        /// Development.
        Development = "development",
        /// Training of staff or users.
        Training = "training",
        /// Demonstration.
        Demo = "demo",
    }
}

choice! {
    /// How far storage is replicated.
    Redundancy ("redundancy") {
        /// A single copy in one place.
        None = "none",
        /// Replicated across zones of one region or site.
        Zone = "zone",
        /// Replicated across regions or sites.
        Region = "region",
    }
}

choice! {
    /// How a customer's data is separated from other data on shared infrastructure.
    Isolation ("isolation") {
        /// A dedicated instance.
        DedicatedInstance = "dedicated-instance",
        /// A dedicated database.
        DedicatedDatabase = "dedicated-database",
        /// A separate schema.
        Schema = "schema",
        /// Row-level separation.
        RowLevel = "row-level",
        /// No separation.
        None = "none",
    }
}

choice! {
    /// A field that an access-log entry records.
    LogField ("access-log field") {
        /// The access id (who).
        AccessId = "access-id",
        /// The time.
        Timestamp = "timestamp",
        /// Whether authorisation was granted or denied.
        Authorization = "authorization",
        /// The activity.
        Activity = "activity",
    }
}

choice! {
    /// How passwords are stored.
    PasswordStorage ("password storage") {
        /// A one-way hash.
        Hashed = "hashed",
        /// Reversible encryption.
        Reversible = "reversible",
        /// Plain text.
        Plaintext = "plaintext",
    }
}

choice! {
    /// Whether a network is public.
    Network ("network") {
        /// A public network such as the internet.
        Public = "public",
        /// A private network.
        Private = "private",
    }
}

choice! {
    /// A TLS protocol version.
    TlsVersion ("TLS version") {
        /// TLS 1.0.
        V10 = "1.0",
        /// TLS 1.1.
        V11 = "1.1",
        /// TLS 1.2.
        V12 = "1.2",
        /// TLS 1.3.
        V13 = "1.3",
    }
}

impl TlsVersion {
    /// The version as a number Cedar can compare: 10, 11, 12 or 13.
    pub fn number(self) -> i64 {
        match self {
            TlsVersion::V10 => 10,
            TlsVersion::V11 => 11,
            TlsVersion::V12 => 12,
            TlsVersion::V13 => 13,
        }
    }
}
