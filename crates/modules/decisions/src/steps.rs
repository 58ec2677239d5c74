//! Where an open matter stands, read from its stored days: the election day, the next meeting,
//! the ballot distribution, the last meeting held, an online vote, or nothing yet. The unit's
//! home page shows it as a note; the work home turns it into the next thing to do.
//!
//! A matter stores no closing day (the vote closes when the village head or the commune closes
//! it), so these days are what the households are told to expect.

use chrono::NaiveDate;
use dinh_platform::time::parse_date;
use dinh_platform::web::i18n::Tr;

use crate::dates::dmy;
use crate::matters::Deciding;

/// The stage of an open matter on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// An election on that day (today or later).
    Election(NaiveDate),
    /// An election whose day has passed: ballots to count, the vote to close.
    ElectionHeld(NaiveDate),
    /// The next meeting (today or later).
    Meeting(NaiveDate),
    /// Household ballots distributed from that day (today or later).
    Ballots(NaiveDate),
    /// Household ballots out since that day: to collect and enter.
    BallotsOut(NaiveDate),
    /// The last meeting was held that day and none is planned: the vote awaits closing.
    Met(NaiveDate),
    /// Open to online votes, nothing else planned.
    Online,
    /// Opened that day, no meeting, ballot or online vote yet.
    Opened(NaiveDate),
}

impl Step {
    /// The stage of `d` on `today`.
    pub(crate) fn of(d: &Deciding, today: NaiveDate) -> Self {
        let day = |s: &Option<String>| s.as_deref().and_then(parse_date);
        if let Some(e) = day(&d.election_on) {
            return if e >= today {
                Step::Election(e)
            } else {
                Step::ElectionHeld(e)
            };
        }
        if let Some(n) = day(&d.next_meeting) {
            return Step::Meeting(n);
        }
        if let Some(b) = day(&d.distribution_on) {
            return if b >= today {
                Step::Ballots(b)
            } else {
                Step::BallotsOut(b)
            };
        }
        if let Some(l) = day(&d.last_meeting) {
            return Step::Met(l);
        }
        if d.online_allowed {
            return Step::Online;
        }
        Step::Opened(parse_date(&d.opened_on).unwrap_or(today))
    }

    /// The day the step falls on, when it is one still to come or one that has passed with
    /// the step undone (an election to count): the work home's last day for it.
    pub(crate) fn due(self) -> Option<NaiveDate> {
        match self {
            Step::Election(d) | Step::ElectionHeld(d) | Step::Meeting(d) | Step::Ballots(d) => {
                Some(d)
            }
            Step::BallotsOut(_) | Step::Met(_) | Step::Online | Step::Opened(_) => None,
        }
    }

    /// What the households are told: "Hội nghị ngày 20/09/2025".
    pub(crate) fn note(self, tr: Tr) -> String {
        let on = |key: &'static str, d: NaiveDate| format!("{} {}", tr.t(key), dmy(d));
        match self {
            Step::Election(d) | Step::ElectionHeld(d) => on("decisions_step_election", d),
            Step::Meeting(d) => on("decisions_step_meeting", d),
            Step::Ballots(d) | Step::BallotsOut(d) => on("decisions_step_ballots", d),
            Step::Met(d) => on("decisions_step_met", d),
            Step::Online => tr.t("decisions_step_online").to_owned(),
            Step::Opened(d) => on("decisions_step_opened", d),
        }
    }

    /// What the officers do next (message key), `can_close` when they may close the vote.
    pub(crate) fn task_key(self, can_close: bool) -> &'static str {
        match self {
            Step::Election(_) => "decisions_task_election",
            Step::ElectionHeld(_) => "decisions_task_count",
            Step::Meeting(_) => "decisions_task_meeting",
            Step::Ballots(_) => "decisions_task_ballots",
            Step::BallotsOut(_) => "decisions_task_collect",
            Step::Met(_) | Step::Online if can_close => "decisions_task_close",
            Step::Met(_) => "decisions_task_enter",
            Step::Online => "decisions_task_online",
            Step::Opened(_) => "decisions_task_organise",
        }
    }

    /// What a household does next (message key).
    pub(crate) fn household_key(self) -> &'static str {
        match self {
            Step::Election(_) | Step::ElectionHeld(_) => "decisions_household_election",
            Step::Meeting(_) | Step::Met(_) => "decisions_household_meeting",
            Step::Ballots(_) | Step::BallotsOut(_) => "decisions_household_ballot",
            Step::Online => "decisions_household_online",
            Step::Opened(_) => "decisions_household_opened",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Deciding {
        Deciding {
            id: 1,
            title: "Việc".into(),
            unit_id: 1,
            unit_name: "Thôn".into(),
            opened_on: "2025-09-01".into(),
            online_allowed: false,
            next_meeting: None,
            last_meeting: None,
            election_on: None,
            distribution_on: None,
            unchecked: 0,
            matched: 1,
        }
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_default()
    }

    #[test]
    fn the_step_follows_the_stored_days() {
        let today = day(9, 15);
        let mut r = row();
        assert_eq!(Step::of(&r, today), Step::Opened(day(9, 1)));
        assert_eq!(Step::of(&r, today).due(), None);
        r.online_allowed = true;
        assert_eq!(Step::of(&r, today), Step::Online);
        r.last_meeting = Some("2025-09-10".into());
        assert_eq!(Step::of(&r, today), Step::Met(day(9, 10)));
        assert_eq!(Step::Met(day(9, 10)).task_key(true), "decisions_task_close");
        assert_eq!(
            Step::Met(day(9, 10)).task_key(false),
            "decisions_task_enter"
        );
        r.distribution_on = Some("2025-09-12".into());
        assert_eq!(Step::of(&r, today), Step::BallotsOut(day(9, 12)));
        r.next_meeting = Some("2025-09-20".into());
        assert_eq!(Step::of(&r, today), Step::Meeting(day(9, 20)));
        assert_eq!(Step::of(&r, today).due(), Some(day(9, 20)));
        r.election_on = Some("2025-09-14".into());
        assert_eq!(Step::of(&r, today), Step::ElectionHeld(day(9, 14)));
        assert_eq!(Step::of(&r, today).due(), Some(day(9, 14)));
    }
}
