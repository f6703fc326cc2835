//! Country facts derived from the reference data: zone membership of one country, and the
//! sets of countries outside each zone for things that live in several countries.

use cedar_policy::RestrictedExpression;

use crate::facts::reference::ReferenceData;
use crate::source::Located;

use super::builder::EntityError;
use super::sink::Sink;

/// Sets `in_eu`, `in_eea`, `in_transfer_zone` and the adequacy facts of `country`, each with
/// its fact at `span`: `adequacy_decision` (there is a decision), `adequacy_full` (it covers
/// every recipient) and, for a partial decision, `adequacy_scope` (the safeguard that declares
/// a recipient within its scope, `dpf` for the US).
pub(super) fn zone_flags(
    sink: &mut impl Sink,
    country: &str,
    span: Option<std::ops::Range<usize>>,
    rd: &ReferenceData,
) {
    sink.bool_at("in_eu", rd.is_eu_member(country), span.clone());
    sink.bool_at("in_eea", rd.is_eea_member(country), span.clone());
    sink.bool_at(
        "in_transfer_zone",
        rd.in_transfer_zone(country),
        span.clone(),
    );
    let decision = rd.adequacy(country);
    sink.bool_at("adequacy_decision", decision.is_some(), span.clone());
    sink.bool_at(
        "adequacy_full",
        decision.is_some_and(|d| d.is_full()),
        span.clone(),
    );
    if let Some(scope) = decision.and_then(|d| d.safeguard.as_deref()) {
        sink.str_at("adequacy_scope", scope, span);
    }
}

/// A `Place` record (`{ country, in_eu, in_eea, in_transfer_zone, adequacy_decision }`) at
/// `key`, located at the country's span.
pub(super) fn place(
    sink: &mut impl Sink,
    key: &str,
    country: &Located<String>,
    rd: &ReferenceData,
) -> Result<(), EntityError> {
    sink.record(key, Some(country.span.clone()), |r| {
        r.str_at("country", &country.value, Some(country.span.clone()));
        zone_flags(r, &country.value, Some(country.span.clone()), rd);
        Ok(())
    })
}

/// Whether a country is outside a zone.
type Outside<'a> = dyn Fn(&str) -> bool + 'a;

/// `countries` and the sets of those outside the EU, the EEA, the transfer zone
/// (EU/EEA/UK/CH), outside the EEA without an adequacy decision covering every recipient
/// (`countries_without_adequacy`: a partial decision such as the US one covers only recipients
/// declared within its scope), and of those the ones with no decision at all
/// (`countries_without_decision`). `adequacy_scopes` holds the scope safeguards of the partial
/// decisions in `countries_without_adequacy`. Each set's fact points at its first member, with
/// the other members as related locations.
pub(super) fn country_sets(
    sink: &mut impl Sink,
    countries: &[&Located<String>],
    span: Option<std::ops::Range<usize>>,
    rd: &ReferenceData,
) {
    let mut unique: Vec<&Located<String>> = Vec::new();
    for c in countries {
        if !unique.iter().any(|u| u.value == c.value) {
            unique.push(c);
        }
    }
    sink.strs_at(
        "countries",
        unique.iter().map(|c| c.value.as_str()),
        span.clone(),
    );
    let sets: [(&str, &Outside<'_>); 5] = [
        ("countries_outside_eu", &|c| !rd.is_eu_member(c)),
        ("countries_outside_eea", &|c| !rd.is_eea_member(c)),
        ("countries_outside_transfer_zone", &|c| {
            !rd.in_transfer_zone(c)
        }),
        ("countries_without_adequacy", &|c| {
            !rd.is_eea_member(c) && !rd.adequacy(c).is_some_and(|d| d.is_full())
        }),
        ("countries_without_decision", &|c| {
            !rd.is_eea_member(c) && rd.adequacy(c).is_none()
        }),
    ];
    for (key, outside) in sets {
        let members: Vec<&&Located<String>> = unique.iter().filter(|c| outside(&c.value)).collect();
        let values = RestrictedExpression::new_set(
            members
                .iter()
                .map(|c| RestrictedExpression::new_string(c.value.clone())),
        );
        let display = members
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let first = members
            .first()
            .map(|c| c.span.clone())
            .or_else(|| span.clone());
        let related = members
            .iter()
            .skip(1)
            .map(|c| (c.span.clone(), format!("also `{}`", c.value)))
            .collect();
        sink.put_related(key, values, display, first, related);
    }
    let scopes: Vec<&str> = unique
        .iter()
        .filter(|c| !rd.is_eea_member(&c.value))
        .filter_map(|c| rd.adequacy(&c.value)?.safeguard.as_deref())
        .collect();
    sink.strs_at("adequacy_scopes", scopes, span);
}
