//! The precomputed table of lunar months, built once (lazily) for the supported range.

use std::sync::OnceLock;

use super::astro;

/// The time zone of the Vietnamese calendar, in hours east of UTC.
pub(crate) const TIME_ZONE: f64 = 7.0;

/// One lunar month: its first day and its label.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthEntry {
    /// Julian day number of day 1 (mùng 1).
    pub start: i32,
    /// Lunar year the month belongs to.
    pub year: i32,
    /// Month number 1–12.
    pub month: u8,
    /// Whether this is the leap (nhuận) copy of `month`.
    pub leap: bool,
}

impl MonthEntry {
    /// Sort key in calendar order: a leap month follows the month it repeats.
    pub fn key(&self) -> i64 {
        key(self.year, self.month, self.leap)
    }
}

/// Sort key of a (year, month, leap) triple; increases with time.
pub(crate) fn key(year: i32, month: u8, leap: bool) -> i64 {
    i64::from(year) * 32 + i64::from(month) * 2 + i64::from(leap)
}

/// All lunar months from the cycle ending in December 1798 to the one ending in December 2201,
/// in order, with one extra entry at the end marking where the last month stops.
pub(crate) fn months() -> &'static [MonthEntry] {
    static TABLE: OnceLock<Vec<MonthEntry>> = OnceLock::new();
    TABLE.get_or_init(build)
}

/// First and last solar year whose every day the table covers.
const FIRST_CYCLE: i32 = 1799;
const LAST_CYCLE: i32 = 2201;

fn build() -> Vec<MonthEntry> {
    let mut out = Vec::with_capacity(((LAST_CYCLE - FIRST_CYCLE + 1) * 13) as usize);
    let mut a11 = astro::lunar_month_11(FIRST_CYCLE - 1, TIME_ZONE);
    for yy in FIRST_CYCLE..=LAST_CYCLE {
        let b11 = astro::lunar_month_11(yy, TIME_ZONE);
        push_cycle(&mut out, yy, a11, b11);
        a11 = b11;
    }
    // Sentinel: the start of month 11 after the last cycle closes the last real month.
    out.push(MonthEntry {
        start: a11,
        year: LAST_CYCLE,
        month: 11,
        leap: false,
    });
    out
}

/// The months from month 11 of lunar year `yy - 1` (starting `a11`) up to, not including,
/// month 11 of lunar year `yy` (starting `b11`).
fn push_cycle(out: &mut Vec<MonthEntry>, yy: i32, a11: i32, b11: i32) {
    let k = astro::lunation_near(a11);
    let leap_offset = if b11 - a11 > 365 {
        Some(astro::leap_month_offset(a11, TIME_ZONE))
    } else {
        None
    };
    let mut diff = 0;
    loop {
        let start = astro::new_moon_day(k + diff, TIME_ZONE);
        if start >= b11 {
            break;
        }
        let (mut month, leap) = match leap_offset {
            Some(off) if diff >= off => (diff + 10, diff == off),
            _ => (diff + 11, false),
        };
        if month > 12 {
            month -= 12;
        }
        let year = if month >= 11 && diff < 4 { yy - 1 } else { yy };
        out.push(MonthEntry {
            start,
            year,
            month: month as u8,
            leap,
        });
        diff += 1;
    }
}

/// Index of the month holding Julian day `jdn`, if the table covers it.
pub(crate) fn month_index_of_day(jdn: i32) -> Option<usize> {
    let m = months();
    let first = m.first()?;
    let last = m.last()?;
    if jdn < first.start || jdn >= last.start {
        return None;
    }
    Some(m.partition_point(|e| e.start <= jdn) - 1)
}

/// Index of lunar month (year, month, leap), if it exists in the table.
pub(crate) fn month_index(year: i32, month: u8, leap: bool) -> Option<usize> {
    let m = months();
    let real = m.get(..m.len().saturating_sub(1))?;
    let want = key(year, month, leap);
    real.binary_search_by_key(&want, MonthEntry::key).ok()
}

/// Number of days (29 or 30) of the month at `index`.
pub(crate) fn length_at(index: usize) -> Option<u8> {
    let m = months();
    let this = m.get(index)?;
    let next = m.get(index + 1)?;
    u8::try_from(next.start - this.start).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_29_or_30_days_and_ordered() {
        let m = months();
        for w in m.windows(2) {
            let len = w[1].start - w[0].start;
            assert!(len == 29 || len == 30, "{:?} has {len} days", w[0]);
            assert!(w[0].key() < w[1].key(), "{:?} then {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn each_year_has_at_most_one_leap_month() {
        let m = months();
        for y in 1800..=2200 {
            let leaps = m.iter().filter(|e| e.year == y && e.leap).count();
            let normal = m.iter().filter(|e| e.year == y && !e.leap).count();
            assert!(leaps <= 1, "{y}");
            assert_eq!(normal, 12, "{y}");
        }
    }
}
