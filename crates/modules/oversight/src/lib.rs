//! Dân kiểm tra, giám sát — inspection and supervision by the people (Luật 10/2022/QH15 Điều
//! 31-45; Nghị định 59/2023/NĐ-CP Điều 12-17): the People's Inspection Board (Ban Thanh tra nhân
//! dân) of a commune and the Community Investment Supervision Board (Ban Giám sát đầu tư của
//! cộng đồng) of each investment project, with members checked against the composition rules;
//! their activities (inspection, supervision) announced in advance; the findings; and the
//! recommendations sent to the authority, answered in Đình within the legal time and published
//! with their answer.
//!
//! Every legal number (members, deputies, notice periods, the answer's time) comes from the rule
//! pack in force (`dinh-rules`), recorded with each board, activity and recommendation; every
//! period is counted by the legal calendar.

mod api;
mod demo;
pub mod indicators;
mod module;
pub mod permissions;
mod sections;
pub mod store;
mod web;
mod work;

use std::path::Path;
use std::sync::Arc;

use dinh_calendar::HolidayCalendar;
use dinh_rules::RuleBook;

pub use store::{
    ActivityInput, AnswerInput, BoardInput, FindingInput, MemberInput, ProjectInput,
    RecommendationInput,
};

/// The oversight module (kiểm tra, giám sát): the legal calendar and the rule book.
#[derive(Clone)]
pub struct OversightModule {
    calendar: Arc<HolidayCalendar>,
    rules: Arc<RuleBook>,
}

impl OversightModule {
    /// A module over a built calendar and rule book.
    pub fn new(calendar: HolidayCalendar, rules: RuleBook) -> Self {
        Self {
            calendar: Arc::new(calendar),
            rules: Arc::new(rules),
        }
    }

    /// The module over the shipped calendar and rule packs.
    pub fn shipped() -> anyhow::Result<Self> {
        Ok(Self::new(
            HolidayCalendar::shipped().map_err(|e| anyhow::anyhow!("{e}"))?,
            RuleBook::shipped().map_err(|e| anyhow::anyhow!("{e}"))?,
        ))
    }

    /// Loads the calendar and rule packs from the data directory, as legal time does.
    pub fn load(data_dir: &Path) -> anyhow::Result<Self> {
        let legal = dinh_legal_time::LegalTimeModule::load(data_dir)?;
        Ok(Self::new(legal.calendar().clone(), legal.rules().clone()))
    }

    /// The legal calendar (lịch ngày làm việc) the notices and answers are counted with.
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The rule book (sổ quy tắc) the composition rules and clocks come from.
    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }
}
