//! Nhân dân tham gia ý kiến — consultation of the people on drafts (Luật 10/2022/QH15 Điều
//! 25-28): an officer opens a consultation at a unit on a matter of Điều 25, with the draft
//! split into numbered parts, a closing day no earlier than the pack's minimum from publication
//! (Điều 28(2)) and the forms of Điều 26; everyone comments on the whole draft or on a part;
//! every comment gets a number and an answer (tiếp thu, giải trình); the consultation cannot be
//! closed while a comment is unanswered; the synthesis (báo cáo tổng hợp, tiếp thu, giải trình)
//! is published on the page of the consultation, and as DOCX and PDF. An officer may publish new
//! versions of the draft (dự thảo sửa đổi), read side by side with the one before, part by part;
//! a comment keeps the version it was made on. Opening a consultation raises the disclosure duty
//! of Điều 11 khoản 11, which the disclosure register takes through the registry.
//!
//! Every legal number and list (the matters, the forms, the minimum duration) comes from the
//! rule pack in force on the day of publication (`dinh-rules`), which the consultation records.

mod api;
mod demo;
pub mod diff;
mod duties;
pub mod indicators;
mod module;
pub mod permissions;
mod sections;
pub mod store;
pub mod synthesis;
mod web;
mod work;

use std::path::Path;
use std::sync::Arc;

use dinh_calendar::HolidayCalendar;
use dinh_rules::RuleBook;

pub use store::{CloseInput, CommentInput, Consultation, DispositionInput, OpenInput};

/// The consultation module (lấy ý kiến Nhân dân): the legal calendar and the rule book.
#[derive(Clone)]
pub struct ConsultationModule {
    calendar: Arc<HolidayCalendar>,
    rules: Arc<RuleBook>,
}

impl ConsultationModule {
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

    /// The legal calendar (lịch ngày làm việc) the closing day is counted with.
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The rule book (sổ quy tắc) the matters, forms and minimum duration come from.
    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }
}
