//! `[[transfer]]`: declared flows of service data to a recipient.

use crate::facts::reference::ReferenceData;
use crate::source::Located;
use crate::tenant::model::{Destination, Safeguard, Transfer};
use crate::tenant::reader::Table;

use super::hosting::check_country;

pub(super) fn read_transfer(mut t: Table<'_, '_>, rd: &ReferenceData) -> Option<Transfer> {
    let id = t.id("id");
    let from = t.string("from");
    let destination = match t.table("destination") {
        Some(mut d) => {
            let span = d.span();
            let country = d
                .required_string("country")
                .and_then(|c| check_country(d.cx(), c, rd));
            let recipient = d.string("recipient");
            d.finish();
            country.map(|country| Located::new(Destination { country, recipient }, span))
        }
        None => {
            if !t.has("destination") {
                t.required_string("destination");
            }
            None
        }
    };
    let personal_data = t.bool("personal_data");
    let safeguard = t.choice("safeguard", "safeguard", &Safeguard::ALL);
    let operator = t.string("operator");
    let recipient_kind = t.pick("recipient_kind");
    let sub_processor = t.string("sub_processor");
    let basis = t.pick("basis");
    let purpose = t.pick("purpose");
    let aggregated = t.bool("aggregated");
    let anonymised = t.bool("anonymised");
    let documented = t.bool("documented");
    let local_safeguard = t.string("local_safeguard");
    t.finish();
    Some(Transfer {
        id: id?,
        from,
        destination: destination?,
        personal_data,
        safeguard,
        operator,
        recipient_kind,
        sub_processor,
        basis,
        purpose,
        aggregated,
        anonymised,
        documented,
        local_safeguard,
    })
}
