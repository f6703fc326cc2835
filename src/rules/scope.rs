//! Whom a rule's clause binds and what it reaches: the `@binds` and `@applies_to` annotations.
//! A duty judged outside its party's reach is a wrong verdict, so every rule states both, the
//! loader rejects values outside this vocabulary, and the policies scope their resources to
//! match (see docs/writing-rules.md).

use std::fmt;

/// The party a clause binds: the subject of the contract's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Binds {
    /// The provider of the contract ("De Dienstverlener", "Nmbrs", "Verwerker", "Wij", "NRB").
    Provider,
    /// The customer ("De Klant", "Abonnee", "Verwerkingsverantwoordelijke", "U").
    Customer,
    /// Both parties, named together or as "een Partij".
    Both,
}

impl Binds {
    /// Every value with its spelling in `@binds(...)`.
    pub const ALL: [Binds; 3] = [Binds::Provider, Binds::Customer, Binds::Both];

    /// The spelling in `@binds(...)` and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Binds::Provider => "provider",
            Binds::Customer => "customer",
            Binds::Both => "both",
        }
    }
}

impl fmt::Display for Binds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a clause reaches. Each value belongs to one [`Binds`] party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppliesTo {
    /// What the provider runs or processes under the contract.
    ProviderProcessing,
    /// The service the provider delivers to the customer under the contract.
    ProviderService,
    /// The customer's use of the service.
    CustomerUse,
    /// Components the customer supplies or manages.
    CustomerComponents,
    /// Customer components on infrastructure the provider supplies.
    OnProviderInfrastructure,
    /// Customer resources hosted outside the provider's infrastructure.
    OnPublicCloud,
    /// What either party does under the contract.
    BothParties,
}

impl AppliesTo {
    /// Every value, in the order the documentation lists them.
    pub const ALL: [AppliesTo; 7] = [
        AppliesTo::ProviderProcessing,
        AppliesTo::ProviderService,
        AppliesTo::CustomerUse,
        AppliesTo::CustomerComponents,
        AppliesTo::OnProviderInfrastructure,
        AppliesTo::OnPublicCloud,
        AppliesTo::BothParties,
    ];

    /// The spelling in `@applies_to(...)` and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            AppliesTo::ProviderProcessing => "provider-processing",
            AppliesTo::ProviderService => "provider-service",
            AppliesTo::CustomerUse => "customer-use",
            AppliesTo::CustomerComponents => "customer-components",
            AppliesTo::OnProviderInfrastructure => "on-provider-infrastructure",
            AppliesTo::OnPublicCloud => "on-public-cloud",
            AppliesTo::BothParties => "both-parties",
        }
    }

    /// The party a clause with this reach binds.
    pub fn binds(self) -> Binds {
        match self {
            AppliesTo::ProviderProcessing | AppliesTo::ProviderService => Binds::Provider,
            AppliesTo::CustomerUse
            | AppliesTo::CustomerComponents
            | AppliesTo::OnProviderInfrastructure
            | AppliesTo::OnPublicCloud => Binds::Customer,
            AppliesTo::BothParties => Binds::Both,
        }
    }

    /// What the value means, in one sentence for `obligo explain` and the rules reference.
    pub fn description(self) -> &'static str {
        match self {
            AppliesTo::ProviderProcessing => {
                "what the provider runs or processes under this contract: resources it operates, \
                 its sub-processors, staff and facilities, and the service data it holds, \
                 backups and replicas included; a resource declared as run by the customer or \
                 another provider is outside its reach"
            }
            AppliesTo::ProviderService => {
                "the service the provider delivers under this contract: its notices, answers, \
                 incident reports, maintenance, availability and support"
            }
            AppliesTo::CustomerUse => {
                "the customer's use of the service: its users, licences, instructions, contacts, \
                 and its reports and notices to the provider"
            }
            AppliesTo::CustomerComponents => {
                "components the customer supplies or manages: its own systems, applications and \
                 accounts; a resource declared as run by a provider is outside its reach"
            }
            AppliesTo::OnProviderInfrastructure => {
                "customer components on infrastructure the provider supplies; a system whose \
                 hosting is declared elsewhere (a public cloud, on premises) is outside its reach"
            }
            AppliesTo::OnPublicCloud => {
                "customer resources hosted on a public cloud or other infrastructure outside the \
                 provider's"
            }
            AppliesTo::BothParties => "what either party does under this contract",
        }
    }
}

impl fmt::Display for AppliesTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads `@binds` and `@applies_to`; the error says what is allowed.
pub fn parse(binds: &str, applies_to: &str) -> Result<(Binds, AppliesTo), ScopeError> {
    let party = Binds::ALL
        .into_iter()
        .find(|b| b.as_str() == binds)
        .ok_or_else(|| ScopeError::UnknownBinds(binds.to_owned()))?;
    let reach = AppliesTo::ALL
        .into_iter()
        .find(|a| a.as_str() == applies_to)
        .ok_or_else(|| ScopeError::UnknownAppliesTo(applies_to.to_owned()))?;
    if reach.binds() != party {
        return Err(ScopeError::Mismatch(party, reach));
    }
    Ok((party, reach))
}

/// Why a rule's scope annotations are rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeError {
    /// `@binds` is not a known party.
    UnknownBinds(String),
    /// `@applies_to` is not in the vocabulary.
    UnknownAppliesTo(String),
    /// `@applies_to` names what another party's duties reach.
    Mismatch(Binds, AppliesTo),
}

impl ScopeError {
    /// The annotation the error points at.
    pub fn annotation(&self) -> &'static str {
        match self {
            ScopeError::UnknownBinds(_) => "binds",
            ScopeError::UnknownAppliesTo(_) | ScopeError::Mismatch(..) => "applies_to",
        }
    }

    /// What the annotation may say instead.
    pub fn help(&self) -> String {
        match self {
            ScopeError::UnknownBinds(_) => {
                let all: Vec<&str> = Binds::ALL.iter().map(|b| b.as_str()).collect();
                format!(
                    "the subject of the clause's sentence: one of {}",
                    all.join(", ")
                )
            }
            ScopeError::UnknownAppliesTo(_) | ScopeError::Mismatch(..) => {
                let all: Vec<String> = AppliesTo::ALL
                    .iter()
                    .map(|a| format!("{} ({})", a.as_str(), a.binds()))
                    .collect();
                format!("one of {}", all.join(", "))
            }
        }
    }
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeError::UnknownBinds(value) => write!(f, "unknown `@binds` value `{value}`"),
            ScopeError::UnknownAppliesTo(value) => {
                write!(f, "unknown `@applies_to` value `{value}`")
            }
            ScopeError::Mismatch(party, reach) => write!(
                f,
                "`@applies_to(\"{reach}\")` describes a {} duty, but the rule `@binds(\"{party}\")`",
                reach.binds()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reach_parses_with_its_own_party_only() {
        for reach in AppliesTo::ALL {
            for party in Binds::ALL {
                let result = parse(party.as_str(), reach.as_str());
                assert_eq!(result.is_ok(), reach.binds() == party, "{party} {reach}");
            }
        }
    }

    #[test]
    fn unknown_values_are_named() {
        assert_eq!(
            parse("supplier", "provider-processing"),
            Err(ScopeError::UnknownBinds("supplier".into()))
        );
        let error = parse("provider", "everything").unwrap_err();
        assert_eq!(error.annotation(), "applies_to");
        assert!(error.help().contains("provider-processing (provider)"));
    }
}
