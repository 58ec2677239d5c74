//! Whether a channel's duty is met, from the proofs recorded for it: a posting must stay up
//! the minimum number of consecutive days (Điều 13(2)-(3)), a permanent posting must stay up,
//! and every channel must start by the due date (Điều 12(3)).

use chrono::{Days, NaiveDate};
use serde::Serialize;

/// A recorded posting, broadcast or delivery (bằng chứng): from `started_on` to `ended_on`
/// (inclusive), or still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub started_on: NaiveDate,
    /// Last day, if it has ended.
    pub ended_on: Option<NaiveDate>,
}

/// What the proofs say about one duty (stored on the obligation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The first day any proof started.
    pub first_started_on: Option<NaiveDate>,
    /// The day the duty is (or will be, for a running posting) met; None when it cannot be
    /// met by what is recorded.
    pub satisfied_on: Option<NaiveDate>,
    /// A posting was taken down before its minimum time, or a permanent posting taken down.
    pub ended_early: bool,
}

/// The state of a duty on a given day, as the pages show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Met (đã thực hiện).
    Met,
    /// Met, but started after the due date (thực hiện muộn).
    MetLate,
    /// Running, the minimum time not yet reached (đang niêm yết).
    Running,
    /// Taken down before the minimum time (gỡ sớm).
    EndedEarly,
    /// Not started, still within the due date (chưa đến hạn).
    Due,
    /// Not started and the due date has passed (quá hạn, chưa thực hiện).
    Missing,
}

impl State {
    /// Stored and API code.
    pub fn code(self) -> &'static str {
        match self {
            State::Met => "met",
            State::MetLate => "met_late",
            State::Running => "running",
            State::EndedEarly => "ended_early",
            State::Due => "due",
            State::Missing => "missing",
        }
    }

    /// Whether the state is a failure someone must see.
    pub fn is_problem(self) -> bool {
        matches!(self, State::MetLate | State::EndedEarly | State::Missing)
    }
}

/// Evaluates the proofs of a duty with a minimum of `min_days` consecutive days (if any) or
/// a permanent posting.
pub fn evaluate(spans: &[Span], min_days: Option<u32>, permanent: bool) -> Outcome {
    let first_started_on = spans.iter().map(|s| s.started_on).min();
    let mut satisfied_on: Option<NaiveDate> = None;
    let mut ended_early = false;
    for s in spans {
        let met = if permanent {
            // Permanent: met while a posting stays up; one taken down no longer counts.
            if s.ended_on.is_some() {
                ended_early = true;
                None
            } else {
                Some(s.started_on)
            }
        } else if let Some(min) = min_days {
            let last_needed = s
                .started_on
                .checked_add_days(Days::new(u64::from(min.saturating_sub(1))));
            match (s.ended_on, last_needed) {
                (Some(end), Some(needed)) if end < needed => {
                    ended_early = true;
                    None
                }
                (_, needed) => needed,
            }
        } else {
            Some(s.started_on)
        };
        if let Some(day) = met {
            satisfied_on = Some(satisfied_on.map_or(day, |d: NaiveDate| d.min(day)));
        }
    }
    if satisfied_on.is_some() && !permanent {
        ended_early = false;
    }
    Outcome {
        first_started_on,
        satisfied_on,
        ended_early,
    }
}

/// The state on `today` of a duty due on `due_on`, from its stored outcome.
pub fn state_on(outcome: &Outcome, due_on: NaiveDate, today: NaiveDate) -> State {
    match (outcome.first_started_on, outcome.satisfied_on) {
        (None, _) if today <= due_on => State::Due,
        (None, _) => State::Missing,
        (Some(_), None) if outcome.ended_early => State::EndedEarly,
        (Some(_), None) => State::Running,
        (Some(_), Some(met)) if met > today => State::Running,
        (Some(start), Some(_)) if start > due_on => State::MetLate,
        (Some(_), Some(_)) => State::Met,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }
    fn span(a: NaiveDate, b: Option<NaiveDate>) -> Span {
        Span {
            started_on: a,
            ended_on: b,
        }
    }

    #[test]
    fn thirty_consecutive_days_count_the_first_day() {
        let o = evaluate(&[span(d(3, 1), Some(d(3, 30)))], Some(30), false);
        assert_eq!(o.satisfied_on, Some(d(3, 30)));
        let o = evaluate(&[span(d(3, 1), Some(d(3, 29)))], Some(30), false);
        assert_eq!(o.satisfied_on, None);
        assert!(o.ended_early);
        assert_eq!(state_on(&o, d(3, 5), d(4, 10)), State::EndedEarly);
    }

    #[test]
    fn a_running_posting_is_running_until_its_minimum() {
        let o = evaluate(&[span(d(3, 1), None)], Some(30), false);
        assert_eq!(state_on(&o, d(3, 5), d(3, 29)), State::Running);
        assert_eq!(state_on(&o, d(3, 5), d(3, 30)), State::Met);
    }

    #[test]
    fn a_late_start_is_met_late_and_no_proof_is_due_then_missing() {
        let o = evaluate(&[span(d(3, 9), Some(d(3, 11)))], Some(3), false);
        assert_eq!(state_on(&o, d(3, 8), d(3, 20)), State::MetLate);
        let none = evaluate(&[], Some(3), false);
        assert_eq!(state_on(&none, d(3, 8), d(3, 8)), State::Due);
        assert_eq!(state_on(&none, d(3, 8), d(3, 9)), State::Missing);
    }

    #[test]
    fn a_second_full_posting_makes_up_for_an_early_end() {
        let o = evaluate(
            &[span(d(3, 1), Some(d(3, 2))), span(d(3, 3), Some(d(3, 5)))],
            Some(3),
            false,
        );
        assert_eq!(o.satisfied_on, Some(d(3, 5)));
        assert!(!o.ended_early);
    }

    #[test]
    fn a_permanent_posting_taken_down_is_no_longer_met() {
        let up = evaluate(&[span(d(1, 2), None)], None, true);
        assert_eq!(state_on(&up, d(1, 9), d(6, 1)), State::Met);
        let down = evaluate(&[span(d(1, 2), Some(d(2, 1)))], None, true);
        assert_eq!(state_on(&down, d(1, 9), d(6, 1)), State::EndedEarly);
    }
}
