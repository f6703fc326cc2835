//! Calendar months, counted one way everywhere: from the event, by the calendar. A period of N
//! months after an event ends on the same day of the month N months later; where that month is
//! shorter, on its last day. 31 January + 1 month is 28 (or 29) February; 31 August + 6 months
//! is 28 (or 29) February. A period before an event (a notice deadline) is counted back from the
//! event the same way. Cedar durations have no month unit, so the policies get the resulting
//! dates as facts; docs/format.md ("What obligo derives") states the rule for users.

use jiff::ToSpan;
use jiff::civil::Date;

/// `event` plus `months` calendar months (minus, when negative), clamped to the end of a
/// shorter month.
pub fn add_months(event: Date, months: i32) -> Result<Date, jiff::Error> {
    event.checked_add(months.months())
}

/// The whole calendar months from `from` to `to`: the largest `n` with
/// `add_months(from, n) <= to`, so that `months_between(a, b) < n` exactly when `b` comes before
/// `add_months(a, n)`. Negative when `to` is earlier.
pub fn months_between(from: Date, to: Date) -> i64 {
    if to < from {
        return -months_between(to, from);
    }
    let mut n = (i64::from(to.year()) - i64::from(from.year())) * 12
        + (i64::from(to.month()) - i64::from(from.month()));
    while n > 0
        && i32::try_from(n)
            .ok()
            .and_then(|m| add_months(from, m).ok())
            .is_none_or(|d| d > to)
    {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{add_months, months_between};

    #[test]
    fn counts_calendar_months_from_the_event() {
        assert_eq!(
            add_months(date(2026, 5, 21), 6).unwrap(),
            date(2026, 11, 21)
        );
        assert_eq!(add_months(date(2026, 6, 30), 1).unwrap(), date(2026, 7, 30));
        assert_eq!(add_months(date(2027, 1, 1), -3).unwrap(), date(2026, 10, 1));
    }

    #[test]
    fn clamps_to_the_end_of_a_shorter_month() {
        assert_eq!(add_months(date(2026, 1, 31), 1).unwrap(), date(2026, 2, 28));
        assert_eq!(add_months(date(2028, 1, 31), 1).unwrap(), date(2028, 2, 29));
        assert_eq!(add_months(date(2026, 8, 31), 6).unwrap(), date(2027, 2, 28));
        assert_eq!(add_months(date(2027, 8, 31), 6).unwrap(), date(2028, 2, 29));
        assert_eq!(
            add_months(date(2027, 5, 31), -3).unwrap(),
            date(2027, 2, 28)
        );
    }

    #[test]
    fn rejects_dates_out_of_range() {
        assert!(add_months(date(9999, 12, 1), 1).is_err());
    }

    #[test]
    fn whole_months_agree_with_adding_months() {
        assert_eq!(months_between(date(2026, 5, 15), date(2026, 8, 15)), 3);
        assert_eq!(months_between(date(2026, 5, 15), date(2026, 8, 14)), 2);
        // 31 August + 3 months is 30 November: three whole months by then.
        assert_eq!(months_between(date(2026, 8, 31), date(2026, 11, 30)), 3);
        assert_eq!(months_between(date(2026, 8, 31), date(2026, 11, 29)), 2);
        assert_eq!(months_between(date(2026, 1, 31), date(2026, 2, 28)), 1);
        assert_eq!(months_between(date(2026, 8, 15), date(2026, 5, 15)), -3);
        assert_eq!(months_between(date(2026, 8, 15), date(2026, 8, 15)), 0);
    }
}
