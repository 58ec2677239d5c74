//! The month grid of the calendar page (lịch tháng): solar and lunar dates and the status of
//! every day, in the page language.

use chrono::{Datelike, NaiveDate};
use dinh_calendar::{DayOffKind, DayStatus, HolidayCalendar, LunarDate};
use dinh_platform::web::i18n::Lang;

use crate::input::next_month;
use crate::labels::{kind_label, lunar_month, weekday};

/// One day of the grid.
pub(crate) struct DayCell {
    /// ISO date (for `<time datetime>`).
    pub iso: String,
    /// Day of the solar month.
    pub day: u32,
    /// Short weekday, shown in the list layout on phones.
    pub weekday: &'static str,
    /// Lunar day/month ("1/1", "15/6 nhuận").
    pub lunar: String,
    /// Lunar month name on lunar day 1 and on the 1st of the solar month.
    pub lunar_month: Option<String>,
    /// CSS class of the status: working, swapped, weekend, holiday, compensatory, announced.
    pub class: &'static str,
    /// The status in words ("Nghỉ lễ, tết: Giỗ Tổ Hùng Vương").
    pub status: String,
    /// Whether this is today.
    pub today: bool,
}

/// A month as weeks of seven cells, Monday first; `None` pads the first and last week.
pub(crate) struct MonthGrid {
    /// Weekday headings (short, full).
    pub headings: Vec<(&'static str, &'static str)>,
    /// The weeks.
    pub weeks: Vec<Vec<Option<DayCell>>>,
    /// The lunar months the solar month spans ("tháng Chạp Ất Tỵ – tháng Giêng Bính Ngọ").
    pub lunar_span: String,
}

fn status(lang: Lang, s: &DayStatus) -> (&'static str, String) {
    let vi = lang == Lang::Vi;
    match s {
        DayStatus::Working => ("working", pick(vi, "Làm việc", "Working day").into()),
        DayStatus::SwappedWorking(w) => (
            "swapped",
            format!(
                "{}: {}",
                pick(vi, "Làm bù", "Make-up working day"),
                pick(vi, &w.name_vi, &w.name_en)
            ),
        ),
        DayStatus::Weekend(_) => ("weekend", pick(vi, "Nghỉ hằng tuần", "Weekly rest").into()),
        DayStatus::Off(o) => {
            let class = match o.kind {
                DayOffKind::Statutory => "holiday",
                DayOffKind::Compensatory => "compensatory",
                DayOffKind::Announced => "announced",
            };
            let name = pick(vi, &o.name_vi, &o.name_en);
            (class, format!("{}: {name}", kind_label(lang, o.kind)))
        }
    }
}

fn pick<'a>(vi: bool, a: &'a str, b: &'a str) -> &'a str {
    if vi { a } else { b }
}

fn lunar_year_name(lang: Lang, l: &LunarDate) -> String {
    format!(
        "{} {}",
        lunar_month(lang, l.month, l.leap),
        l.year_can_chi()
    )
}

impl MonthGrid {
    /// The grid of the month starting on `first`; `today` is marked.
    pub(crate) fn build(
        calendar: &HolidayCalendar,
        lang: Lang,
        first: NaiveDate,
        today: NaiveDate,
    ) -> MonthGrid {
        let end = next_month(first).unwrap_or(first);
        let lead = first.weekday().num_days_from_monday() as usize;
        let mut cells: Vec<Option<DayCell>> = (0..lead).map(|_| None).collect();
        let (mut first_lunar, mut last_lunar) = (None, None);
        for date in first.iter_days().take_while(|d| *d < end) {
            let l = LunarDate::from_solar(date).ok();
            if first_lunar.is_none() {
                first_lunar = l;
            }
            last_lunar = l.or(last_lunar);
            let (class, text) = status(lang, &calendar.day_status(date));
            let leap_word = pick(lang == Lang::Vi, " nhuận", " leap");
            cells.push(Some(DayCell {
                iso: date.to_string(),
                day: date.day(),
                weekday: weekday(lang, date.weekday()).0,
                lunar: l.map_or_else(String::new, |l| {
                    format!(
                        "{}/{}{}",
                        l.day,
                        l.month,
                        if l.leap { leap_word } else { "" }
                    )
                }),
                lunar_month: l
                    .filter(|l| l.day == 1 || date.day() == 1)
                    .map(|l| lunar_month(lang, l.month, l.leap)),
                class,
                status: text,
                today: date == today,
            }));
        }
        while !cells.len().is_multiple_of(7) {
            cells.push(None);
        }
        let mut weeks = Vec::new();
        let mut iter = cells.into_iter().peekable();
        while iter.peek().is_some() {
            weeks.push(iter.by_ref().take(7).collect());
        }
        let lunar_span = match (first_lunar, last_lunar) {
            (Some(a), Some(b)) if (a.month, a.leap) == (b.month, b.leap) => {
                lunar_year_name(lang, &a)
            }
            (Some(a), Some(b)) => format!(
                "{} – {}",
                lunar_year_name(lang, &a),
                lunar_year_name(lang, &b)
            ),
            _ => String::new(),
        };
        MonthGrid {
            headings: std::iter::successors(Some(chrono::Weekday::Mon), |w| Some(w.succ()))
                .take(7)
                .map(|w| weekday(lang, w))
                .collect(),
            weeks,
            lunar_span,
        }
    }
}
