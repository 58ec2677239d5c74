//! Legal time (thời hạn pháp lý) as a Đình module: the lunar calendar (âm lịch), public
//! holidays and days off (ngày nghỉ lễ, tết), statutory time limits (thời hạn) and the rule
//! packs (bộ quy tắc) in force, on web pages, in the JSON API and for the command line.
//!
//! The computations live in the pure crates `dinh-calendar` and `dinh-rules`; this crate
//! loads the shipped data plus the administrator's files under the data directory (see
//! [`LegalTimeModule::load`]), parses what people type ([`input`]), and shapes the answers
//! ([`views`]) that the pages, the API and the CLI share.

mod api;
mod check;
pub mod input;
mod labels;
mod load;
mod module;
mod month;
mod pages;
pub mod views;

use std::path::Path;
use std::sync::Arc;

use dinh_calendar::HolidayCalendar;
use dinh_rules::RuleBook;

pub use check::check_pack_file;
pub use input::BadInput;

/// The legal-time module: the holiday calendar (lịch ngày làm việc) and the rule book (sổ
/// quy tắc) in force for this installation, shared by every request.
#[derive(Clone)]
pub struct LegalTimeModule {
    calendar: Arc<HolidayCalendar>,
    rules: Arc<RuleBook>,
}

impl LegalTimeModule {
    /// Starts from the shipped holiday schedules and rule packs, then adds the administrator's
    /// files: `<data_dir>/holidays/*.toml` (one year's schedule each; a file for a year that is
    /// also shipped **replaces** the shipped schedule of that year entirely) and
    /// `<data_dir>/rules/*.toml` (rule packs for new laws). Missing directories are fine.
    /// Any error names the file.
    pub fn load(data_dir: &Path) -> anyhow::Result<Self> {
        let calendar = load::calendar(&data_dir.join("holidays"))?;
        let rules = load::rule_book(&data_dir.join("rules"))?;
        Ok(Self::new(calendar, rules))
    }

    /// A module over an already built calendar and rule book.
    pub fn new(calendar: HolidayCalendar, rules: RuleBook) -> Self {
        Self {
            calendar: Arc::new(calendar),
            rules: Arc::new(rules),
        }
    }

    /// The holiday calendar (lịch ngày làm việc).
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The rule book (sổ quy tắc).
    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }
}
