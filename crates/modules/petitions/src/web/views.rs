//! What the templates show: dates as dd/mm/yyyy, labels in the page language.

use chrono::NaiveDate;
use dinh_platform::time::show_date;
use dinh_platform::web::i18n::Tr;

use crate::clocks::{self, ClockState};
use crate::kinds::{CaseKind, status};
use crate::store::case_view::{CaseRow, ClockRow, EventRow};

/// A case line of a list.
pub(crate) struct CaseLine {
    pub id: i64,
    pub code: String,
    pub kind: &'static str,
    pub subject: String,
    pub received: String,
    pub status: &'static str,
    pub due: String,
    pub overdue: bool,
    pub soon: bool,
    pub petitioner: String,
}

impl CaseLine {
    pub(crate) fn of(c: &CaseRow, tr: Tr, today: NaiveDate, soon: NaiveDate) -> CaseLine {
        CaseLine {
            id: c.id,
            code: c.tracking_code.clone(),
            kind: tr.t(CaseKind::parse(&c.kind).map_or("pet_kind_report", CaseKind::label_key)),
            subject: c.subject.clone(),
            received: show_date(&c.received_on),
            status: tr.t(status::label_key(&c.status)),
            due: c.next_due.as_deref().map(show_date).unwrap_or_default(),
            overdue: c.overdue(today),
            soon: c.is_open
                && !c.overdue(today)
                && c.next_due
                    .as_deref()
                    .is_some_and(|d| d <= soon.format("%Y-%m-%d").to_string().as_str()),
            petitioner: petitioner(c, tr),
        }
    }
}

/// Who sent it, as an officer's list shows it: never a protected name.
pub(crate) fn petitioner(c: &CaseRow, tr: Tr) -> String {
    if c.protected {
        tr.t("pet_identity_protected").to_owned()
    } else if c.anonymous {
        tr.t("pet_anonymous").to_owned()
    } else {
        c.petitioner_name.clone().unwrap_or_default()
    }
}

/// A clock line.
pub(crate) struct ClockLine {
    pub name: &'static str,
    pub rule_key: String,
    pub started: String,
    pub due: String,
    pub done: String,
    pub state: &'static str,
    pub late: bool,
    pub extensions: i64,
    pub explanation: String,
}

impl ClockLine {
    pub(crate) fn of(k: &ClockRow, tr: Tr, today: NaiveDate, explanation: String) -> ClockLine {
        let state = k.state(today);
        ClockLine {
            name: tr.t(clocks::label_key(&k.clock)),
            rule_key: k.rule_key.clone(),
            started: show_date(&k.started_on),
            due: show_date(&k.due_on),
            done: k.done_on.as_deref().map(show_date).unwrap_or_default(),
            state: tr.t(state.label_key()),
            late: matches!(state, ClockState::Overdue | ClockState::DoneLate),
            extensions: k.extensions,
            explanation,
        }
    }
}

/// A timeline line.
pub(crate) struct EventLine {
    pub date: String,
    pub body: String,
    pub public: bool,
}

impl EventLine {
    pub(crate) fn of(e: &EventRow) -> EventLine {
        EventLine {
            date: show_date(&e.on_date),
            body: e.body.clone(),
            public: e.public,
        }
    }
}
