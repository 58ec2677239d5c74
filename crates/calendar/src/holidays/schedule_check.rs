//! Checks of one yearly schedule: dates inside the year, no contradictions, line numbers.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use toml::Spanned;
use toml::value::Datetime;

use super::schedule::{AnnouncedDays, NamedDay, RawRange, Replaces, YearSchedule};
use super::statutory::{statutory, tet_day};
use crate::fmt::dmy;

/// Collects problems with line numbers while reading one schedule.
pub(super) struct Reader<'a> {
    pub(super) text: &'a str,
    pub(super) year: i32,
    pub(super) problems: Vec<String>,
}

impl Reader<'_> {
    fn line(&self, s: &Spanned<Datetime>) -> usize {
        let end = s.span().start.min(self.text.len());
        self.text.get(..end).map_or(0, |t| t.matches('\n').count()) + 1
    }

    /// Converts a TOML date, checking it is a plain date inside the schedule's year.
    pub(super) fn date(&mut self, s: &Spanned<Datetime>, what: &str) -> Option<(NaiveDate, usize)> {
        let line = self.line(s);
        let dt = s.get_ref();
        let date = match (dt.date, dt.time) {
            (Some(d), None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        };
        let Some(date) = date else {
            self.problems.push(format!(
                "line {line}: {what} must be a plain date like {}-02-14",
                self.year
            ));
            return None;
        };
        if date.year() != self.year {
            self.problems.push(format!(
                "line {line}: {what} {} is outside the schedule's year {}",
                dmy(date),
                self.year
            ));
            return None;
        }
        Some((date, line))
    }
}

/// What claims a date, for conflict messages.
pub(super) struct Claim {
    pub(super) role: &'static str,
    pub(super) name: String,
    pub(super) line: usize,
}

impl Claim {
    pub(super) fn describe(&self) -> String {
        format!("{} '{}' (line {})", self.role, self.name, self.line)
    }
}

pub(super) fn read_ranges(
    r: &mut Reader<'_>,
    ranges: &[RawRange],
    out: &mut YearSchedule,
    claims: &mut BTreeMap<NaiveDate, Vec<Claim>>,
) {
    for range in ranges {
        let Some((from, line)) = r.date(&range.from, "from") else {
            continue;
        };
        let to = match &range.to {
            Some(t) => match r.date(t, "to") {
                Some((d, _)) => d,
                None => continue,
            },
            None => from,
        };
        if to < from {
            r.problems.push(format!(
                "line {line}: days off '{}' end {} before they start {}",
                range.name_vi,
                dmy(to),
                dmy(from)
            ));
            continue;
        }
        let mut d = from;
        while d <= to {
            claims.entry(d).or_default().push(Claim {
                role: "day off",
                name: range.name_vi.clone(),
                line,
            });
            d += Duration::days(1);
        }
        out.days_off.push(AnnouncedDays {
            from,
            to,
            name_vi: range.name_vi.clone(),
            name_en: range.name_en.clone(),
            replaces_tet: range.replaces == Some(Replaces::Tet),
        });
    }
}

pub(super) fn check_working_day(
    r: &mut Reader<'_>,
    out: &YearSchedule,
    day: &NamedDay,
    line: usize,
) {
    if !matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun) {
        r.problems.push(format!(
            "line {line}: working day '{}' {} is a weekday, already a working day; only a Saturday or Sunday can be swapped",
            day.name_vi,
            dmy(day.date)
        ));
    }
    let replaces_tet = out.days_off.iter().any(|d| d.replaces_tet);
    let holiday = statutory(out.year, !replaces_tet, out.national_day_extra)
        .into_iter()
        .find(|h| h.date == day.date);
    if let Some(h) = holiday {
        r.problems.push(format!(
            "line {line}: working day '{}' {} falls on the statutory holiday '{}', which cannot be worked off",
            day.name_vi,
            dmy(day.date),
            h.name_vi
        ));
    }
}

pub(super) fn check_tet(r: &mut Reader<'_>, out: &YearSchedule) {
    let replacing: Vec<&AnnouncedDays> = out.days_off.iter().filter(|d| d.replaces_tet).collect();
    if replacing.is_empty() {
        return;
    }
    if let Some(first) = tet_day(out.year)
        && !replacing.iter().any(|d| d.from <= first && first <= d.to)
    {
        r.problems.push(format!(
            "days off replacing Tết ('{}') do not contain Tết's first day {}",
            replacing
                .iter()
                .map(|d| d.name_vi.as_str())
                .collect::<Vec<_>>()
                .join("', '"),
            dmy(first)
        ));
    }
}
