//! Where things are: hosting, copy locations and countries. Countries are validated against
//! the reference data; a cloud region yields its country.

use crate::facts::reference::{Cloud, ReferenceData};
use crate::source::Located;
use crate::suggest;
use crate::tenant::error::InputErrorKind;
use crate::tenant::model::{Hosting, Location, Opt, Provider, Safeguard};
use crate::tenant::reader::{Cx, Table};

pub(super) fn read_hosting(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Located<Hosting>> {
    let span = t.span();
    let cx = t.cx();
    let provider = t.choice("provider", "hosting provider", &Provider::ALL);
    if provider.is_none() && !t.has("provider") {
        t.required_string("provider");
    }
    let region = t.string("region");
    let declared = country(&mut t, "country", rd);
    let safeguard = t.choice("safeguard", "safeguard", &Safeguard::ALL);
    let site = t.string("site");
    t.finish();
    let provider = provider?;
    let country = located_country(cx, Some(provider.value), region.as_ref(), declared, rd)?;
    let country = country.or_else(|| {
        // NRB's cloud runs in its Belgian data centres.
        (provider.value == Provider::Nrb)
            .then(|| Located::new("BE".to_owned(), provider.span.clone()))
    });
    Some(Located::new(
        Hosting {
            provider,
            region,
            country,
            safeguard,
            site,
        },
        span,
    ))
}

/// `{ provider, region, country, site }`: all optional; the country comes from the region when
/// not declared (and later from the site's facility).
pub(super) fn read_location(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Located<Location>> {
    let span = t.span();
    let cx = t.cx();
    let provider = t.pick::<Provider>("provider");
    let region = t.string("region");
    let declared = country(&mut t, "country", rd);
    let site = t.string("site");
    t.finish();
    if let (Some(region), None) = (&region, &provider) {
        cx.report(
            region.span.clone(),
            InputErrorKind::Inconsistent(
                "`region` needs a `provider` to know whose region it is".to_owned(),
            ),
        );
        return None;
    }
    let provider_value = provider.as_ref().map(|p| p.value);
    let country = located_country(cx, provider_value, region.as_ref(), declared, rd)?;
    Some(Located::new(
        Location {
            provider,
            region,
            country,
            site,
        },
        span,
    ))
}

/// The declared country, checked against the region's; `None` when they disagree (reported).
fn located_country(
    cx: &Cx<'_>,
    provider: Option<Provider>,
    region: Option<&Located<String>>,
    declared: Opt<String>,
    rd: &ReferenceData,
) -> Option<Opt<String>> {
    let derived = match (provider, region) {
        (Some(provider), Some(region)) => Some(region_country(cx, provider, region, rd)?),
        _ => None,
    };
    if let (Some(declared), Some(derived), Some(region)) = (&declared, &derived, region)
        && declared.value != derived.value
    {
        cx.report(
            declared.span.clone(),
            InputErrorKind::Inconsistent(format!(
                "`country` is `{}`, but region `{}` is in `{}`",
                declared.value, region.value, derived.value
            )),
        );
        return None;
    }
    Some(declared.or(derived))
}

fn region_country(
    cx: &Cx<'_>,
    provider: Provider,
    region: &Located<String>,
    rd: &ReferenceData,
) -> Option<Located<String>> {
    let cloud = match provider {
        Provider::Azure => Cloud::Azure,
        Provider::Aws => Cloud::Aws,
        Provider::Gcp => Cloud::Gcp,
        other => {
            cx.report(
                region.span.clone(),
                InputErrorKind::Inconsistent(format!(
                    "obligo has no region table for provider `{}`; declare `country` instead of `region`",
                    other.as_str()
                )),
            );
            return None;
        }
    };
    match rd.region_country(cloud, &region.value) {
        Some(country) => Some(Located::new(country.to_owned(), region.span.clone())),
        None => {
            cx.report(
                region.span.clone(),
                InputErrorKind::UnknownValue {
                    what: "cloud region",
                    value: region.value.clone(),
                    suggestion: suggest::closest(&region.value, rd.regions(cloud))
                        .map(str::to_owned),
                    allowed: Vec::new(),
                },
            );
            None
        }
    }
}

/// An optional country code at `key`, validated.
pub(super) fn country(t: &mut Table<'_, '_>, key: &'static str, rd: &ReferenceData) -> Opt<String> {
    t.string(key).and_then(|c| check_country(t.cx(), c, rd))
}

/// An optional array of country codes at `key`; unknown codes are reported and left out.
pub(super) fn countries(
    t: &mut Table<'_, '_>,
    key: &'static str,
    rd: &ReferenceData,
) -> Opt<Vec<Located<String>>> {
    let list = t.strings(key)?;
    let cx = t.cx();
    let valid = list
        .value
        .into_iter()
        .filter_map(|c| check_country(cx, c, rd))
        .collect();
    Some(Located::new(valid, list.span))
}

/// An array of locations at `key`.
pub(super) fn locations(
    t: &mut Table<'_, '_>,
    key: &'static str,
    rd: &ReferenceData,
) -> Opt<Vec<Located<Location>>> {
    let (span, tables) = t.table_list(key, key)?;
    let list = tables
        .into_iter()
        .filter_map(|l| read_location(l, rd))
        .collect();
    Some(Located::new(list, span))
}

pub(super) fn check_country(
    cx: &Cx<'_>,
    code: Located<String>,
    rd: &ReferenceData,
) -> Option<Located<String>> {
    if rd.country_name(&code.value).is_some() {
        return Some(code);
    }
    let upper = code.value.to_uppercase();
    let suggestion = rd.country_name(&upper).map(|_| upper);
    cx.report(
        code.span.clone(),
        InputErrorKind::UnknownValue {
            what: "country code (ISO 3166-1 alpha-2)",
            value: code.value,
            suggestion,
            allowed: Vec::new(),
        },
    );
    None
}
