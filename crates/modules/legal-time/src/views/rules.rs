//! The rule pack (bộ quy tắc) in force on a date, every rule as a row.

use chrono::NaiveDate;
use dinh_calendar::fmt::dmy;
use dinh_rules::{RuleBook, RulePack};
use serde::Serialize;
use utoipa::ToSchema;

use crate::input::BadInput;

/// A rule pack and its effective dates (ngày có hiệu lực).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PackView {
    /// Stable id recorded by cases, e.g. "vn-2026-07".
    pub id: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    pub title_en: String,
    /// First day in force, dd/mm/yyyy.
    pub effective_from: String,
    /// Last day in force as written in the pack, dd/mm/yyyy, if any.
    pub effective_to: Option<String>,
    /// Last day in force taking later packs into account; none while it is the latest.
    pub in_force_until: Option<String>,
    /// The legal texts it digests.
    pub sources: Vec<String>,
    /// FNV-1a hash of the pack file (detects an edit; not a security measure).
    pub fingerprint: String,
}

impl PackView {
    /// One pack of `book`.
    pub fn of(book: &RuleBook, pack: &RulePack) -> PackView {
        PackView {
            id: pack.id.clone(),
            title_vi: pack.title_vi.clone(),
            title_en: pack.title_en.clone(),
            effective_from: dmy(pack.effective_from),
            effective_to: pack.effective_to.map(dmy),
            in_force_until: book.in_force_until(pack).map(dmy),
            sources: pack.sources.clone(),
            fingerprint: pack.fingerprint.clone(),
        }
    }

    /// Every pack of `book`, oldest first.
    pub fn list(book: &RuleBook) -> Vec<PackView> {
        book.packs().iter().map(|p| PackView::of(book, p)).collect()
    }
}

/// One rule (quy tắc): key path, value, unit, citation and whether it was verified.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RowView {
    /// Dotted key path, e.g. "complaints.first_resolution".
    pub key: String,
    /// The value as text ("30", "≥ 2/3").
    pub value: String,
    /// Unit code ("calendar_days", "all_households"; "" when none).
    pub unit: String,
    /// The legal citation (căn cứ pháp lý).
    pub citation: String,
    /// False: not yet checked against the official text (chưa kiểm chứng).
    pub verified: bool,
}

/// The pack in force on a date with all its rules, and the list of packs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulesView {
    /// The date asked about, dd/mm/yyyy.
    pub date: String,
    /// The pack in force that day.
    pub pack: PackView,
    /// Every rule of the pack, in file order.
    pub rows: Vec<RowView>,
    /// Every loaded pack, oldest first.
    pub packs: Vec<PackView>,
}

impl RulesView {
    /// The pack in force on `date`; an error when no pack covers the date.
    pub fn of(book: &RuleBook, date: NaiveDate) -> Result<RulesView, BadInput> {
        let pack = book
            .in_force_on(date)
            .map_err(|e| BadInput(format!("date: {e}")))?;
        Ok(RulesView {
            date: dmy(date),
            pack: PackView::of(book, pack),
            rows: pack
                .rows()
                .into_iter()
                .map(|r| RowView {
                    key: r.key,
                    value: r.value,
                    unit: r.unit,
                    citation: r.citation,
                    verified: r.verified,
                })
                .collect(),
            packs: PackView::list(book),
        })
    }
}
