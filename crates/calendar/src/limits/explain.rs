//! The bilingual explanation of a deadline, built only on request.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::{DayUnit, Deadline, Direction, Period};
use crate::fmt::{dmy, span, weekday_en, weekday_vi};
use crate::holidays::HolidayCalendar;

/// A run of consecutive days off crossed while counting working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedSpan {
    /// First day off of the run.
    pub from: NaiveDate,
    /// Last day off of the run.
    pub to: NaiveDate,
    /// The occasions in the run, in Vietnamese (e.g. "Tết Nguyên đán Bính Ngọ").
    pub occasion_vi: String,
    /// The occasions in English.
    pub occasion_en: String,
}

/// How a deadline was computed, in Vietnamese and English, e.g.
/// "bắt đầu 10/02/2026, 10 ngày làm việc, bỏ qua Tết Nguyên đán Bính Ngọ 14/02-22/02, hạn 27/02/2026".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The Vietnamese text.
    pub vi: String,
    /// The English text.
    pub en: String,
    /// Holiday runs skipped while counting working days (weekends alone are not listed).
    pub skipped: Vec<SkippedSpan>,
    /// The nominal last day, when it was a day off and the deadline moved.
    pub rolled_from: Option<NaiveDate>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// Occasions of the named days off between indices `a..=b`, joined with " + ".
fn occasions(cal: &HolidayCalendar, a: usize, b: usize) -> Option<(String, String)> {
    let mut vi: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    for i in a..=b {
        if let Some(o) = cal.date_at(i).and_then(|d| cal.day_off(d)) {
            if !vi.contains(&o.occasion_vi) {
                vi.push(o.occasion_vi.clone());
            }
            if !en.contains(&o.occasion_en) {
                en.push(o.occasion_en.clone());
            }
        }
    }
    (!vi.is_empty()).then(|| (vi.join(" + "), en.join(" + ")))
}

/// Runs of days off with a named occasion strictly inside `(lo, hi]`.
fn skipped(cal: &HolidayCalendar, lo: usize, hi: usize) -> Vec<SkippedSpan> {
    let mut out = Vec::new();
    let mut i = lo + 1;
    while i <= hi {
        if !cal.off_at(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < hi && cal.off_at(i + 1) {
            i += 1;
        }
        if let (Some((vi, en)), Some(from), Some(to)) =
            (occasions(cal, start, i), cal.date_at(start), cal.date_at(i))
        {
            out.push(SkippedSpan {
                from,
                to,
                occasion_vi: vi,
                occasion_en: en,
            });
        }
        i += 1;
    }
    out
}

/// Why the day at `at` is off: the occasion of the run `a..=b` holding it, or its weekday.
fn why_off(cal: &HolidayCalendar, at: usize, a: usize, b: usize) -> (String, String) {
    let (Some(day), Some(from), Some(to)) = (cal.date_at(at), cal.date_at(a), cal.date_at(b))
    else {
        return (String::new(), String::new());
    };
    match occasions(cal, a, b) {
        Some((vi, en)) => (
            format!("{vi} ({})", span(from, to)),
            format!("{en} ({})", span(from, to)),
        ),
        None => (
            weekday_vi(day.weekday()).to_string(),
            format!("a {}", weekday_en(day.weekday())),
        ),
    }
}

/// Text for one counting step (the first period or an extension).
struct Step {
    vi: Vec<String>,
    en: Vec<String>,
    skipped: Vec<SkippedSpan>,
    rolled_from: Option<NaiveDate>,
}

fn step(cal: &HolidayCalendar, from: NaiveDate, period: Period, dir: Direction) -> Step {
    let mut s = Step {
        vi: Vec::new(),
        en: Vec::new(),
        skipped: Vec::new(),
        rolled_from: None,
    };
    let computed = match dir {
        Direction::After => cal.forward(from, period),
        Direction::Before => cal.backward(from, period),
    };
    let (Some(f), Ok((nominal, due))) = (cal.index(from), computed) else {
        return s;
    };
    if period.unit == DayUnit::Working {
        let spans = match dir {
            Direction::After => skipped(cal, f, due),
            Direction::Before => skipped(cal, due, f.saturating_sub(1)),
        };
        if !spans.is_empty() {
            let list = |vi: bool| {
                spans
                    .iter()
                    .map(|x| {
                        let name = if vi { &x.occasion_vi } else { &x.occasion_en };
                        format!("{name} {}", span(x.from, x.to))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            s.vi.push(format!("bỏ qua {}", list(true)));
            s.en.push(format!("skipped {}", list(false)));
        }
        s.skipped = spans;
    } else if nominal != due {
        let nominal_date = cal.date_at(nominal).unwrap_or(from);
        // The run of days off around the nominal day, within the counted interval.
        let (mut a, mut b) = if due > nominal {
            (nominal, due - 1)
        } else {
            (due + 1, nominal)
        };
        match dir {
            Direction::After => {
                while a > f + 1 && cal.off_at(a - 1) {
                    a -= 1;
                }
            }
            Direction::Before => {
                while b + 1 < f && cal.off_at(b + 1) {
                    b += 1;
                }
            }
        }
        let (vi, en) = why_off(cal, nominal, a, b);
        let d = dmy(nominal_date);
        match dir {
            Direction::After => {
                s.vi.push(format!(
                    "ngày cuối {d} rơi vào {vi}, chuyển sang ngày làm việc tiếp theo"
                ));
                s.en.push(format!(
                    "last day {d} falls on {en}, moved to the next working day"
                ));
            }
            Direction::Before => {
                s.vi.push(format!("ngày {d} rơi vào {vi}, phải thực hiện sớm hơn"));
                s.en.push(format!("{d} falls on {en}, so it must be done earlier"));
            }
        }
        s.rolled_from = Some(nominal_date);
    }
    s
}

pub(super) fn explain(d: &Deadline, cal: &HolidayCalendar) -> Explanation {
    let mut vi = Vec::new();
    let mut en = Vec::new();
    let start = dmy(d.start);
    match d.direction {
        Direction::After => {
            vi.push(format!("bắt đầu {start}, {}", d.period.describe_vi()));
            en.push(format!("started {start}, {}", d.period.describe_en()));
        }
        Direction::Before => {
            vi.push(format!(
                "sự kiện {start}, trước ít nhất {}",
                d.period.describe_vi()
            ));
            en.push(format!(
                "event {start}, at least {} before",
                d.period.describe_en()
            ));
        }
    }
    let first = step(cal, d.start, d.period, d.direction);
    let mut skipped_all = first.skipped;
    let mut rolled_from = first.rolled_from;
    vi.extend(first.vi);
    en.extend(first.en);
    let first_due = match d.direction {
        Direction::After => cal.due_date(d.start, d.period),
        Direction::Before => cal.latest_date_before(d.start, d.period),
    }
    .unwrap_or(d.due);
    match d.direction {
        Direction::After => {
            vi.push(format!("hạn {}", dmy(first_due)));
            en.push(format!("due {}", dmy(first_due)));
        }
        Direction::Before => {
            vi.push(format!("chậm nhất {}", dmy(first_due)));
            en.push(format!("latest {}", dmy(first_due)));
        }
    }
    for x in &d.extensions {
        let s = step(cal, x.from, x.period, Direction::After);
        vi.push(format!("gia hạn {}", x.period.describe_vi()));
        en.push(format!("extended by {}", x.period.describe_en()));
        vi.extend(s.vi);
        en.extend(s.en);
        vi.push(format!("hạn {}", dmy(x.due)));
        en.push(format!("due {}", dmy(x.due)));
        skipped_all.extend(s.skipped);
        rolled_from = s.rolled_from.or(rolled_from);
    }
    Explanation {
        vi: vi.join(", "),
        en: en.join(", "),
        skipped: skipped_all,
        rolled_from,
    }
}
