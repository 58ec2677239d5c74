//! Building the day-off bitset and the per-year lists from rules and schedules.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::schedule::{NamedDay, YearSchedule};
use super::statutory::{HolidayId, statutory};
use super::{DayOff, DayOffKind};
use crate::fmt::dmy;
use crate::lunar::{MAX_DATE, MIN_DATE, to_jdn};

/// Everything computed for the supported range.
pub(crate) struct Built {
    /// Bit i set: day MIN_DATE + i is not a working day.
    pub off: Vec<u64>,
    /// Per year (index year - 1800): named days off, sorted by date.
    pub days_off: Vec<Vec<DayOff>>,
    /// Per year: weekend days made working days.
    pub working: Vec<Vec<NamedDay>>,
}

pub(crate) fn day_count() -> usize {
    (to_jdn(MAX_DATE) - to_jdn(MIN_DATE) + 1) as usize
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Builds the calendar from the statutory rules and at most one schedule per year.
pub(crate) fn build(schedules: &BTreeMap<i32, YearSchedule>) -> Built {
    let years = (MAX_DATE.year() - MIN_DATE.year() + 1) as usize;
    let mut built = Built {
        off: vec![0; day_count().div_ceil(64)],
        days_off: vec![Vec::new(); years],
        working: vec![Vec::new(); years],
    };
    let base = to_jdn(MIN_DATE);
    let mut d = MIN_DATE;
    while d <= MAX_DATE {
        if is_weekend(d) {
            set(&mut built.off, (to_jdn(d) - base) as usize, true);
        }
        d += Duration::days(1);
    }
    for year in MIN_DATE.year()..=MAX_DATE.year() {
        for day in year_days_off(year, schedules.get(&year)) {
            set(&mut built.off, (to_jdn(day.date) - base) as usize, true);
            // A compensatory day may spill into the next year: file it under its own year.
            if let Some(slot) = built.days_off.get_mut(year_index(day.date)) {
                slot.push(day);
            }
        }
    }
    for s in schedules.values() {
        for w in &s.working_days {
            set(&mut built.off, (to_jdn(w.date) - base) as usize, false);
            if let Some(slot) = built.working.get_mut(year_index(w.date)) {
                slot.push(w.clone());
            }
        }
    }
    for list in &mut built.days_off {
        list.sort_by_key(|d| d.date);
    }
    built
}

/// Index of a date's year in the per-year lists.
pub(crate) fn year_index(date: NaiveDate) -> usize {
    (date.year() - MIN_DATE.year()).max(0) as usize
}

fn set(bits: &mut [u64], index: usize, value: bool) {
    if let Some(word) = bits.get_mut(index / 64) {
        let mask = 1u64 << (index % 64);
        if value {
            *word |= mask;
        } else {
            *word &= !mask;
        }
    }
}

/// The named days off of one year: holidays, compensatory days, announced days.
fn year_days_off(year: i32, schedule: Option<&YearSchedule>) -> Vec<DayOff> {
    let replaces_tet = schedule.is_some_and(|s| s.days_off.iter().any(|d| d.replaces_tet));
    let mut holidays = statutory(
        year,
        !replaces_tet,
        schedule.and_then(|s| s.national_day_extra),
    );
    if let Some(s) = schedule {
        for h in &s.holidays {
            holidays.push(super::statutory::Holiday {
                date: h.date,
                id: HolidayId::Extra,
                name_vi: h.name_vi.clone(),
                name_en: h.name_en.clone(),
            });
        }
    }
    holidays.sort_by_key(|h| h.date);
    let mut out: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
    for h in &holidays {
        let (occasion_vi, occasion_en) = match h.id {
            HolidayId::NationalDay => ("Quốc khánh".to_string(), "National Day".to_string()),
            _ => (h.name_vi.clone(), h.name_en.clone()),
        };
        out.entry(h.date).or_insert_with(|| DayOff {
            date: h.date,
            name_vi: h.name_vi.clone(),
            name_en: h.name_en.clone(),
            kind: DayOffKind::Statutory,
            occasion_vi,
            occasion_en,
        });
    }
    // Compensatory days (nghỉ bù, Bộ luật Lao động 2019 Điều 111(3)): a holiday on a weekly
    // rest day gives the next day that is neither a weekend, a holiday nor another
    // compensatory day. An announced day off there absorbs it (the announcement is assumed
    // to include it).
    let taken: BTreeSet<NaiveDate> = holidays.iter().map(|h| h.date).collect();
    let mut comp: BTreeSet<NaiveDate> = BTreeSet::new();
    for h in holidays.iter().filter(|h| is_weekend(h.date)) {
        let mut d = h.date + Duration::days(1);
        while is_weekend(d) || taken.contains(&d) || comp.contains(&d) {
            d += Duration::days(1);
        }
        comp.insert(d);
        let (occasion_vi, occasion_en) = out
            .get(&h.date)
            .map(|o| (o.occasion_vi.clone(), o.occasion_en.clone()))
            .unwrap_or_default();
        out.entry(d).or_insert_with(|| DayOff {
            date: d,
            name_vi: format!("Nghỉ bù {} ({})", h.name_vi, dmy(h.date)),
            name_en: format!("Compensatory day off for {} ({})", h.name_en, dmy(h.date)),
            kind: DayOffKind::Compensatory,
            occasion_vi,
            occasion_en,
        });
    }
    if let Some(s) = schedule {
        for range in &s.days_off {
            let mut d = range.from;
            while d <= range.to {
                let day = out.entry(d).or_insert_with(|| DayOff {
                    date: d,
                    name_vi: range.name_vi.clone(),
                    name_en: range.name_en.clone(),
                    kind: DayOffKind::Announced,
                    occasion_vi: String::new(),
                    occasion_en: String::new(),
                });
                // Every day inside an announced period belongs to that period.
                day.occasion_vi.clone_from(&range.name_vi);
                day.occasion_en.clone_from(&range.name_en);
                d += Duration::days(1);
            }
        }
    }
    out.into_values().collect()
}
