//! Yearly announced holiday schedules (lịch nghỉ lễ, tết hằng năm) as TOML data.
//!
//! ```toml
//! year = 2026
//! verified = true                      # false: not confirmed by the official text
//! source = "Công văn 9859/VPCP-KGVX ngày 13/10/2025"
//! national_day_extra = 2026-09-01      # the day adjacent to 2/9 (1 or 3 September)
//!
//! [[days_off]]                         # announced days off (a single day or a range)
//! from = 2026-02-14
//! to = 2026-02-22
//! name_vi = "Tết Nguyên đán Bính Ngọ"
//! name_en = "Tết (Lunar New Year) Bính Ngọ"
//! replaces = "tet"                     # replaces the default 5 Tết days
//!
//! [[working_days]]                     # a Saturday or Sunday that becomes a working day
//! date = 2026-01-10
//! name_vi = "Làm bù cho thứ Sáu 02/01/2026"
//! name_en = "Make-up day for Friday 02/01/2026"
//!
//! [[holidays]]                         # a statutory holiday added as data
//! date = 2026-11-24
//! name_vi = "Ngày Văn hóa Việt Nam"
//! name_en = "Vietnam Culture Day"
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::schedule_check::{Claim, Reader, check_tet, check_working_day, read_ranges};
use crate::error::CalendarError;
use crate::fmt::dmy;

/// A range of announced days off (ngày nghỉ theo thông báo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncedDays {
    /// First day off.
    pub from: NaiveDate,
    /// Last day off (inclusive).
    pub to: NaiveDate,
    /// Vietnamese name, e.g. "Tết Nguyên đán Bính Ngọ".
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Whether this range replaces the default statutory Tết days.
    pub replaces_tet: bool,
}

/// A weekend day made a working day (ngày làm bù) or a holiday added as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedDay {
    /// The date.
    pub date: NaiveDate,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

/// One year's announced schedule, parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSchedule {
    /// The solar year it covers.
    pub year: i32,
    /// Where it was read from (file name), for messages.
    pub origin: String,
    /// Whether the schedule was confirmed against the announcement.
    pub verified: bool,
    /// The announcement it comes from.
    pub source: String,
    /// The day adjacent to Quốc khánh (1 or 3 September), if announced.
    pub national_day_extra: Option<NaiveDate>,
    /// Announced days off.
    pub days_off: Vec<AnnouncedDays>,
    /// Weekend days that become working days (ngày làm bù).
    pub working_days: Vec<NamedDay>,
    /// Holidays added as data (treated like statutory holidays, with compensation).
    pub holidays: Vec<NamedDay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    year: i32,
    #[serde(default = "yes")]
    verified: bool,
    #[serde(default)]
    source: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    national_day_extra: Option<Spanned<Datetime>>,
    #[serde(default)]
    days_off: Vec<RawRange>,
    #[serde(default)]
    working_days: Vec<RawDay>,
    #[serde(default)]
    holidays: Vec<RawDay>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum Replaces {
    Tet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRange {
    pub(super) from: Spanned<Datetime>,
    pub(super) to: Option<Spanned<Datetime>>,
    pub(super) name_vi: String,
    pub(super) name_en: String,
    pub(super) replaces: Option<Replaces>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    date: Spanned<Datetime>,
    name_vi: String,
    name_en: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl YearSchedule {
    /// Parses and checks a schedule; `origin` names it in error messages (e.g. "2026.toml").
    ///
    /// Rejected, with every problem listed: unknown keys, dates outside the year, a range
    /// ending before it starts, a date listed twice, a date both day off and working day, a
    /// working day that is not a Saturday or Sunday or that falls on a statutory holiday,
    /// an adjacent National Day other than 1 or 3 September, and a range replacing Tết that
    /// does not contain Tết's first day.
    pub fn parse(text: &str, origin: &str) -> Result<YearSchedule, CalendarError> {
        let fail = |problems: Vec<String>| CalendarError::Schedule {
            origin: origin.to_string(),
            problems,
        };
        let raw: Raw = toml::from_str(text).map_err(|e| fail(vec![e.to_string()]))?;
        if !(1800..=2199).contains(&raw.year) {
            return Err(fail(vec![format!(
                "year {} is outside the supported range 1800-2199",
                raw.year
            )]));
        }
        let mut r = Reader {
            text,
            year: raw.year,
            problems: Vec::new(),
        };
        let mut claims: BTreeMap<NaiveDate, Vec<Claim>> = BTreeMap::new();
        let mut out = YearSchedule {
            year: raw.year,
            origin: origin.to_string(),
            verified: raw.verified,
            source: raw.source,
            national_day_extra: None,
            days_off: Vec::new(),
            working_days: Vec::new(),
            holidays: Vec::new(),
        };
        if let Some(s) = &raw.national_day_extra
            && let Some((d, line)) = r.date(s, "national_day_extra")
        {
            if d.month() == 9 && (d.day() == 1 || d.day() == 3) {
                out.national_day_extra = Some(d);
            } else {
                r.problems.push(format!(
                    "line {line}: national_day_extra {} must be 1 or 3 September",
                    dmy(d)
                ));
            }
        }
        read_ranges(&mut r, &raw.days_off, &mut out, &mut claims);
        for (list, role) in [
            (&raw.working_days, "working day"),
            (&raw.holidays, "holiday"),
        ] {
            for w in list {
                let Some((date, line)) = r.date(&w.date, "date") else {
                    continue;
                };
                let day = NamedDay {
                    date,
                    name_vi: w.name_vi.clone(),
                    name_en: w.name_en.clone(),
                };
                claims.entry(date).or_default().push(Claim {
                    role,
                    name: w.name_vi.clone(),
                    line,
                });
                if role == "working day" {
                    check_working_day(&mut r, &out, &day, line);
                    out.working_days.push(day);
                } else {
                    out.holidays.push(day);
                }
            }
        }
        for (date, list) in &claims {
            if list.len() > 1 {
                let who: Vec<String> = list.iter().map(Claim::describe).collect();
                r.problems.push(format!(
                    "{} is listed more than once: {}",
                    dmy(*date),
                    who.join(" and ")
                ));
            }
        }
        check_tet(&mut r, &out);
        if r.problems.is_empty() {
            Ok(out)
        } else {
            Err(fail(r.problems))
        }
    }
}
