//! Household decisions (Nhân dân bàn và quyết định, Luật 10/2022/QH15 Điều 15-24; Nghị định
//! 59/2023/NĐ-CP; Nghị định 61/2023/NĐ-CP) as a Đình module.
//!
//! The residential community decides by **household**, against **all** households of the thôn
//! on the day of the vote, never only those present. A matter records the rule pack it started
//! under; every ratio, time limit and size comes from that pack. One household counts once per
//! matter across meeting, paper ballot and online vote (a UNIQUE constraint, so two racing
//! requests cannot both count). Secret ballots are stored with no link to the household; a
//! separate register records who took part.

mod api;
pub mod ballot_paper;
pub mod ballots;
mod batcher;
mod choice;
pub mod clocks;
pub mod close;
pub mod covenants;
mod dates;
mod demo;
pub mod document;
pub mod elections;
mod error;
mod home;
mod household_actions;
mod households;
mod indicators;
pub mod initiatives;
pub mod matters;
pub mod meetings;
mod module;
mod notices;
pub mod online;
mod pages;
pub mod permissions;
mod reader;
pub mod search;
pub mod secret;
mod steps;
mod tally;
pub mod votes;
mod work_home;

use std::sync::Arc;

use dinh_calendar::HolidayCalendar;
use dinh_rules::{RuleBook, RulePack};

pub use ballots::BallotPlanInput;
pub use choice::{Channel, Choice};
pub use document::{DecisionDocument, DocumentInput};
pub use elections::{ElectionInput, ElectionView};
pub use error::{Error, Refusal, Result};
pub use initiatives::{Initiative, InitiativeInput};
pub use matters::{Matter, NewMatter, Origin};
pub use meetings::{AttendanceInput, MeetingInput, ProceduralInput};
pub use secret::SecretCount;
pub use tally::{CandidateTally, Tally, VillageTally};
pub use votes::{VoteInput, VoteReceipt};

/// The household-decisions module: the holiday calendar (for working-day time limits) and the
/// rule book (for every legal number), shared by every request.
#[derive(Clone)]
pub struct DecisionsModule {
    calendar: Arc<HolidayCalendar>,
    rules: Arc<RuleBook>,
}

impl DecisionsModule {
    /// A module over an already built calendar and rule book (share those of legal time).
    pub fn new(calendar: HolidayCalendar, rules: RuleBook) -> Self {
        Self {
            calendar: Arc::new(calendar),
            rules: Arc::new(rules),
        }
    }

    /// A module over the shipped holiday schedules and rule packs only.
    pub fn shipped() -> anyhow::Result<Self> {
        Ok(Self::new(
            HolidayCalendar::shipped().map_err(|e| anyhow::anyhow!("{e}"))?,
            RuleBook::shipped().map_err(|e| anyhow::anyhow!("{e}"))?,
        ))
    }

    /// The holiday calendar (lịch ngày làm việc).
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The rule book (sổ quy tắc).
    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }

    /// The pack a case started under (never the pack of today).
    pub(crate) fn pack(&self, id: &str) -> Result<&RulePack> {
        Ok(self.rules.get(id)?)
    }
}
