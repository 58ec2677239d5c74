//! The statutory clocks (thời hạn) of a case, read from the rule pack the case started under
//! and counted by the legal calendar.
//!
//! | clock | rule | from |
//! |---|---|---|
//! | `complaint.accept` | `complaints.acceptance` (thụ lý) | receipt |
//! | `complaint.resolve` | `complaints.first_resolution[_complex][_remote…]` or `second_resolution…` | acceptance |
//! | `complaint.send_decision` | `complaints.decision_sent` | the decision |
//! | `denunciation.initial` | `denunciations.initial_processing[_multiple_places]` (xử lý ban đầu) | receipt |
//! | `denunciation.transfer` | `denunciations.transfer` (chuyển đơn) | receipt |
//! | `denunciation.notice` | `denunciations.acceptance_notice` (thông báo thụ lý) | acceptance |
//! | `denunciation.resolve` | `denunciations.resolution`, + `extension` by decision (gia hạn) | acceptance |
//! | `answer` | `reception.answer` (trả lời kết quả) | receipt |
//! | `feedback.transfer` | `feedback.transfer` | receipt |

use chrono::NaiveDate;
use dinh_calendar::{Deadline, HolidayCalendar, Period};
use dinh_rules::{Duration, DurationUnit, RulePack};

/// A clock's rule: the key in the pack and its value.
#[derive(Debug, Clone)]
pub struct ClockRule {
    /// Key path in the pack, e.g. `complaints.first_resolution_complex`.
    pub rule_key: &'static str,
    /// The value (count, unit, citation).
    pub duration: Duration,
}

/// The flags of a case that choose between variants of a rule.
#[derive(Debug, Clone, Copy, Default)]
pub struct Variant {
    /// 1 = complex (phức tạp), 2 = especially complex (đặc biệt phức tạp).
    pub complexity: i64,
    /// Remote, difficult area (vùng sâu, vùng xa đi lại khó khăn).
    pub remote: bool,
    /// Second complaint (khiếu nại lần hai).
    pub second_round: bool,
    /// Several places involved (nhiều địa phương).
    pub multiple_places: bool,
}

/// The rule of `clock` in `pack` for a case with `v`; None for an unknown clock.
pub fn rule(pack: &RulePack, clock: &str, v: Variant) -> Option<ClockRule> {
    let c = &pack.complaints;
    let d = &pack.denunciations;
    let complex = v.complexity > 0;
    let (rule_key, duration) = match clock {
        "complaint.accept" => ("complaints.acceptance", &c.acceptance),
        "complaint.resolve" => match (v.second_round, complex, v.remote) {
            (false, false, false) => ("complaints.first_resolution", &c.first_resolution),
            (false, true, false) => (
                "complaints.first_resolution_complex",
                &c.first_resolution_complex,
            ),
            (false, false, true) => (
                "complaints.first_resolution_remote",
                &c.first_resolution_remote,
            ),
            (false, true, true) => (
                "complaints.first_resolution_remote_complex",
                &c.first_resolution_remote_complex,
            ),
            (true, false, false) => ("complaints.second_resolution", &c.second_resolution),
            (true, true, false) => (
                "complaints.second_resolution_complex",
                &c.second_resolution_complex,
            ),
            (true, false, true) => (
                "complaints.second_resolution_remote",
                &c.second_resolution_remote,
            ),
            (true, true, true) => (
                "complaints.second_resolution_remote_complex",
                &c.second_resolution_remote_complex,
            ),
        },
        "complaint.send_decision" => ("complaints.decision_sent", &c.decision_sent),
        "denunciation.initial" if v.multiple_places => (
            "denunciations.initial_processing_multiple_places",
            &d.initial_processing_multiple_places,
        ),
        "denunciation.initial" => ("denunciations.initial_processing", &d.initial_processing),
        "denunciation.transfer" => ("denunciations.transfer", &d.transfer),
        "denunciation.notice" => ("denunciations.acceptance_notice", &d.acceptance_notice),
        "denunciation.resolve" => ("denunciations.resolution", &d.resolution),
        "answer" => ("reception.answer", &pack.reception.answer),
        "feedback.transfer" => ("feedback.transfer", &pack.feedback.transfer),
        _ => return None,
    };
    Some(ClockRule {
        rule_key,
        duration: duration.clone(),
    })
}

/// The window for a second complaint (thời hiệu khiếu nại lần hai), counted from the first
/// decision; the citizen's clock, not the office's.
pub fn second_complaint_rule(pack: &RulePack, remote: bool) -> ClockRule {
    if remote {
        ClockRule {
            rule_key: "complaints.second_complaint_remote",
            duration: pack.complaints.second_complaint_remote.clone(),
        }
    } else {
        ClockRule {
            rule_key: "complaints.second_complaint",
            duration: pack.complaints.second_complaint.clone(),
        }
    }
}

/// How many extensions of the denunciation resolution a complexity allows (0, 1 or 2).
pub fn max_extensions(pack: &RulePack, complexity: i64) -> u32 {
    match complexity {
        1 => pack.denunciations.max_extensions_complex.value,
        c if c >= 2 => pack.denunciations.max_extensions_especially_complex.value,
        _ => 0,
    }
}

/// The stored code of a duration unit.
pub fn unit_code(unit: DurationUnit) -> &'static str {
    unit.code()
}

/// A period from its stored count and unit code.
pub fn period(count: i64, unit: &str) -> Period {
    let n = u32::try_from(count).unwrap_or(0);
    match unit {
        "working_days" => Period::working_days(n),
        "months" => Period::months(n),
        "years" => Period::months(n.saturating_mul(12)),
        _ => Period::calendar_days(n),
    }
}

/// A stored ISO date (`yyyy-mm-dd`), read without the general date parser (the recomputation
/// reads a million of them).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0_u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// The deadline of a stored clock: its period from `started_on`, then `extensions` times the
/// extension period (gia hạn, counted after the nominal end).
pub fn deadline(
    cal: &HolidayCalendar,
    started_on: NaiveDate,
    base: Period,
    extensions: i64,
    extension: Option<Period>,
) -> anyhow::Result<Deadline> {
    let mut d = cal.due_after(started_on, base)?;
    if let Some(ext) = extension {
        for _ in 0..extensions {
            d = cal.extend(&d, ext)?;
        }
    }
    Ok(d)
}

/// Where a clock stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Running, due date not passed (trong hạn).
    Due,
    /// Running, due date passed (quá hạn).
    Overdue,
    /// Done by the due date (đúng hạn).
    DoneOnTime,
    /// Done after the due date (trễ hạn).
    DoneLate,
}

impl ClockState {
    /// The state of a clock due `due` and done on `done`, seen on `today`.
    pub fn of(due: NaiveDate, done: Option<NaiveDate>, today: NaiveDate) -> ClockState {
        match done {
            Some(d) if d <= due => ClockState::DoneOnTime,
            Some(_) => ClockState::DoneLate,
            None if today > due => ClockState::Overdue,
            None => ClockState::Due,
        }
    }

    /// The message key of the state.
    pub fn label_key(self) -> &'static str {
        match self {
            ClockState::Due => "pet_clock_due",
            ClockState::Overdue => "pet_clock_overdue",
            ClockState::DoneOnTime => "pet_clock_on_time",
            ClockState::DoneLate => "pet_clock_late",
        }
    }
}

/// The message key naming a clock.
pub fn label_key(clock: &str) -> &'static str {
    match clock {
        "complaint.accept" => "pet_clock_complaint_accept",
        "complaint.resolve" => "pet_clock_complaint_resolve",
        "complaint.send_decision" => "pet_clock_complaint_send",
        "denunciation.initial" => "pet_clock_den_initial",
        "denunciation.transfer" => "pet_clock_den_transfer",
        "denunciation.notice" => "pet_clock_den_notice",
        "denunciation.resolve" => "pet_clock_den_resolve",
        "feedback.transfer" => "pet_clock_feedback_transfer",
        _ => "pet_clock_answer",
    }
}
