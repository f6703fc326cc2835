//! Calendar arithmetic that Cedar cannot do: Cedar durations have no month unit, so month-based
//! cut-offs are computed here and handed to the policies as dates.

use jiff::ToSpan;
use jiff::civil::Date;

/// The date `months` calendar months before `now`, as a person reads a calendar: six months
/// before 2026-11-21 is 2026-05-21. Where that day does not exist, the month's last day is used
/// (six months before 2026-08-31 is 2026-02-28).
///
/// A credential last used on or before this date has gone unused for `months` months or more.
pub fn months_before(now: Date, months: i64) -> Result<Date, jiff::Error> {
    now.checked_sub(months.months())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::months_before;

    #[test]
    fn counts_calendar_months() {
        assert_eq!(
            months_before(date(2026, 11, 21), 6).unwrap(),
            date(2026, 5, 21)
        );
        assert_eq!(
            months_before(date(2026, 3, 1), 6).unwrap(),
            date(2025, 9, 1)
        );
    }

    #[test]
    fn clamps_to_the_end_of_shorter_months() {
        assert_eq!(
            months_before(date(2026, 8, 31), 6).unwrap(),
            date(2026, 2, 28)
        );
        assert_eq!(
            months_before(date(2028, 8, 31), 6).unwrap(),
            date(2028, 2, 29)
        );
    }

    #[test]
    fn rejects_dates_out_of_range() {
        assert!(months_before(date(-9999, 1, 1), 6).is_err());
    }
}
