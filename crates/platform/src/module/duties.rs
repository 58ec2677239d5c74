//! Disclosure duties an event raises (nghĩa vụ công khai phát sinh): a draft published for the
//! people's comments must itself be disclosed (Luật 10/2022/QH15 Điều 11, khoản 11) within the
//! pack's deadline. The module where the event happens gives its duties through
//! [`super::Module::duties_since`]; the module that keeps the register of expected disclosures
//! takes them through [`super::Module::gather_duties`]; neither reads the other's tables.

use chrono::NaiveDate;

/// A disclosure duty raised by an event of a module.
#[derive(Debug, Clone)]
pub struct DisclosureDuty {
    /// Stable origin, unique across modules (`consultation:42`): the duty is taken once.
    pub origin: String,
    /// The unit that must disclose.
    pub unit_id: i64,
    /// The category (khoản) of Điều 11 the disclosure belongs to.
    pub category: i32,
    /// What must be disclosed (the draft's title).
    pub title: String,
    /// The page of the event, on this site (`/consultations/42`).
    pub link: String,
    /// The day the duty arose (the day of publication), from which the deadline is counted.
    pub arose_on: NaiveDate,
    /// When the event was recorded (RFC 3339): the cursor the keeping module pulls from.
    pub recorded_at: String,
}
