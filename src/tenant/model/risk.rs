//! `[[accepted_risk]]`: a finding the customer has decided to live with for a while, with an
//! owner, a reason and an expiry. Acceptance never changes what Cedar decides; it is a status
//! put on a finding afterwards (see [`crate::accept`]).

use std::ops::Range;

use jiff::civil::Date;

use crate::source::Located;

/// One accepted risk, as written.
#[derive(Debug, Clone)]
pub struct AcceptedRisk {
    /// The rule id it accepts, e.g. `nrb/dual-homed-system`.
    pub rule: Located<String>,
    /// A resource id, or a glob over resource ids such as `web-*`.
    pub resource: Located<String>,
    /// Why the risk is accepted.
    pub reason: Located<String>,
    /// Who accepted it (a person or role with the authority to).
    pub accepted_by: Located<String>,
    /// When it was accepted.
    pub accepted_on: Located<Date>,
    /// The last day it covers.
    pub expires: Located<Date>,
    /// A ticket, letter or register entry, when given.
    pub reference: Option<Located<String>>,
    /// The whole table.
    pub span: Range<usize>,
}
