//! The disclosure register (Dân biết): what a commune, agency or state-owned enterprise must
//! publish, through which channels, by when and for how long, with proof per channel —
//! Luật 10/2022/QH15 Điều 11-14, 47-48, 65-66.
//!
//! - [`obligations`]: the due date and the duties of one disclosure, from the rule pack;
//! - [`satisfaction`]: whether a duty is met, from the proofs recorded;
//! - [`recurring`]: disclosures expected every period and the ones missing;
//! - [`store`]: publishing, correcting, attaching files, recording proof (every write audited);
//! - [`register`]: the quarterly register of Điều 13(2) as DOCX, XLSX and CSV;
//! - `pages`, `api`, `jobs`, `indicators`: the web, the JSON API, reminders and overdue flags,
//!   and the figures of the steering reports.

mod api;
mod demo;
mod front;
mod indicators;
pub mod jobs;
mod labels;
mod module;
pub mod obligations;
mod pages;
pub mod permissions;
pub mod recurring;
pub mod register;
pub mod satisfaction;
pub mod store;

use dinh_calendar::HolidayCalendar;
use dinh_legal_time::LegalTimeModule;
use dinh_rules::RuleBook;

/// The disclosure module: shares the holiday calendar and rule book of legal time.
#[derive(Clone)]
pub struct DisclosureModule {
    legal: LegalTimeModule,
}

impl DisclosureModule {
    /// A module over the installation's calendar and rule packs.
    pub fn new(legal: &LegalTimeModule) -> Self {
        Self {
            legal: legal.clone(),
        }
    }

    /// The holiday calendar (lịch ngày làm việc).
    pub fn calendar(&self) -> &HolidayCalendar {
        self.legal.calendar()
    }

    /// The rule book (sổ quy tắc).
    pub fn rules(&self) -> &RuleBook {
        self.legal.rules()
    }
}
