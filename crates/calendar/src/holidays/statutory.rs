//! Statutory public holidays (ngày nghỉ lễ, tết) computed by rule, Bộ luật Lao động 2019 Điều 112.
//!
//! | Holiday | Rule | Since |
//! |---|---|---|
//! | Tết Dương lịch | 1 January | always |
//! | Tết Nguyên đán | 5 days: last day of the lunar year + days 1–4 of the new year (default; the real days are set each year by the Prime Minister and loaded as schedule data) | 5 days from 2013 (Labour Code 2012); 4 days (last day + 1–3) before |
//! | Giỗ Tổ Hùng Vương | 10th day of the 3rd lunar month | 2007 |
//! | Ngày Chiến thắng | 30 April | always |
//! | Ngày Quốc tế Lao động | 1 May | always |
//! | Quốc khánh | 2 September + one adjacent day (1 September by default, or 3 September if the schedule says so) | adjacent day from 2021 (Labour Code 2019) |
//!
//! Years before 2013 follow the earlier codes only in the points above; no case handled by
//! the platform reaches back that far.

use chrono::{Datelike, Duration, NaiveDate};

use crate::lunar::{LunarDate, lunar_to_solar};

/// Which statutory holiday a day belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayId {
    /// Tết Dương lịch (1 January).
    NewYear,
    /// Tết Nguyên đán (Lunar New Year).
    Tet,
    /// Giỗ Tổ Hùng Vương (10/3 lunar).
    HungKings,
    /// Ngày Chiến thắng (30 April).
    Victory,
    /// Ngày Quốc tế Lao động (1 May).
    Labour,
    /// Quốc khánh (2 September and its adjacent day).
    NationalDay,
    /// A holiday added as data by a schedule (e.g. a new law's holiday).
    Extra,
}

/// One statutory holiday date with its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holiday {
    pub date: NaiveDate,
    pub id: HolidayId,
    pub name_vi: String,
    pub name_en: String,
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn push(out: &mut Vec<Holiday>, date: Option<NaiveDate>, id: HolidayId, vi: &str, en: &str) {
    if let Some(date) = date {
        out.push(Holiday {
            date,
            id,
            name_vi: vi.to_string(),
            name_en: en.to_string(),
        });
    }
}

/// Solar date of Tết (mùng 1 tháng Giêng) of lunar `year`.
pub(crate) fn tet_day(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(LunarDate {
        year,
        month: 1,
        day: 1,
        leap: false,
    })
    .ok()
}

/// The statutory holidays of solar `year` by the default rules.
///
/// `tet` false leaves out the Tết days (a schedule replaces them); `national_day_extra` is
/// the adjacent day of Quốc khánh announced for the year (default 1 September).
pub(crate) fn statutory(
    year: i32,
    tet: bool,
    national_day_extra: Option<NaiveDate>,
) -> Vec<Holiday> {
    let mut out = Vec::with_capacity(12);
    push(
        &mut out,
        ymd(year, 1, 1),
        HolidayId::NewYear,
        "Tết Dương lịch",
        "New Year's Day",
    );
    if tet && let Some(first) = tet_day(year) {
        let (before, after) = if year >= 2013 { (1, 4) } else { (1, 3) };
        for offset in -before..after {
            push(
                &mut out,
                Some(first + Duration::days(offset)),
                HolidayId::Tet,
                "Tết Nguyên đán",
                "Tết (Lunar New Year)",
            );
        }
    }
    if year >= 2007 {
        let hung = lunar_to_solar(LunarDate {
            year,
            month: 3,
            day: 10,
            leap: false,
        })
        .ok();
        push(
            &mut out,
            hung,
            HolidayId::HungKings,
            "Giỗ Tổ Hùng Vương",
            "Hùng Kings' Commemoration Day",
        );
    }
    push(
        &mut out,
        ymd(year, 4, 30),
        HolidayId::Victory,
        "Ngày Chiến thắng",
        "Reunification Day",
    );
    push(
        &mut out,
        ymd(year, 5, 1),
        HolidayId::Labour,
        "Ngày Quốc tế Lao động",
        "International Labour Day",
    );
    push(
        &mut out,
        ymd(year, 9, 2),
        HolidayId::NationalDay,
        "Quốc khánh",
        "National Day",
    );
    if year >= 2021 {
        let extra = national_day_extra.or_else(|| ymd(year, 9, 1));
        push(
            &mut out,
            extra,
            HolidayId::NationalDay,
            "Quốc khánh (ngày liền kề)",
            "National Day (adjacent day)",
        );
    }
    out.sort_by_key(|h| h.date);
    out.retain(|h| h.date.year() == year);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tet_2026_default_is_16_to_20_february() {
        let days: Vec<_> = statutory(2026, true, None)
            .into_iter()
            .filter(|h| h.id == HolidayId::Tet)
            .map(|h| h.date)
            .collect();
        assert_eq!(days.first(), ymd(2026, 2, 16).as_ref());
        assert_eq!(days.last(), ymd(2026, 2, 20).as_ref());
        assert_eq!(days.len(), 5);
    }
}
