//! Dân kiểm tra — citizen reception (tiếp công dân), complaints (khiếu nại), denunciations
//! (tố cáo), recommendations (kiến nghị) and reports (phản ánh) with their statutory clocks,
//! the protected denouncer (bảo vệ người tố cáo), grassroots mediation (hòa giải ở cơ sở) and
//! dialogues between heads and the people (đối thoại).
//!
//! Every legal number comes from the rule pack a case started under (`dinh-rules`); every
//! deadline is counted by the legal calendar (`dinh-calendar`). The denouncer's identity is
//! sealed with the protection key ([`protect`]) and opened only for the case's handler.

mod api;
pub mod clocks;
mod demo;
mod household_actions;
pub mod indicators;
pub mod input;
pub mod kinds;
mod module;
mod notices;
pub mod permissions;
pub mod protect;
pub mod reminders;
mod sections;
pub mod store;
pub mod submissions;
pub mod tracking;
mod web;
mod work;

use std::path::Path;
use std::sync::Arc;

use dinh_calendar::HolidayCalendar;
use dinh_rules::RuleBook;

pub use protect::ProtectionKey;

/// The petitions module: the legal calendar, the rule book and the protection key.
#[derive(Clone)]
pub struct PetitionsModule {
    calendar: Arc<HolidayCalendar>,
    rules: Arc<RuleBook>,
    key: Arc<ProtectionKey>,
}

impl PetitionsModule {
    /// Loads the calendar and rule packs as legal time does (`<data_dir>/holidays`,
    /// `<data_dir>/rules`) and the protection key: `DINH_PROTECTION_KEY` (32 bytes, base64) or,
    /// failing that, `<data_dir>/protection.key`, created on first use with owner-only
    /// permissions.
    pub fn load(data_dir: &Path) -> anyhow::Result<Self> {
        let legal = dinh_legal_time::LegalTimeModule::load(data_dir)?;
        let key = ProtectionKey::load(data_dir)?;
        Ok(Self::new(
            legal.calendar().clone(),
            legal.rules().clone(),
            key,
        ))
    }

    /// A module over a built calendar, rule book and key.
    pub fn new(calendar: HolidayCalendar, rules: RuleBook, key: ProtectionKey) -> Self {
        Self {
            calendar: Arc::new(calendar),
            rules: Arc::new(rules),
            key: Arc::new(key),
        }
    }

    /// The legal calendar (lịch ngày làm việc).
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The rule book (sổ quy tắc).
    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }

    /// The protection key (khóa bảo vệ người tố cáo).
    pub fn key(&self) -> &ProtectionKey {
        &self.key
    }

    /// The same module over another calendar (after a holiday-schedule change).
    pub fn with_calendar(&self, calendar: HolidayCalendar) -> Self {
        Self {
            calendar: Arc::new(calendar),
            ..self.clone()
        }
    }
}
