//! Every write of the capability (one transaction with its audit entry; every check before the
//! first write, so a refusal leaves nothing behind) and the reads the pages share.

mod amounts;
mod import;
mod payments;
mod read;
mod works;

pub use amounts::{dong, labour_value, parse_days, parse_money, show_days};
pub use import::{ImportSummary, import_payments};
pub use payments::{CorrectionInput, PaymentInput, PledgeInput, correct, pay, pledge};
pub use read::{
    Account, Milestone, Payment, Pledge, Reduction, Spending, Totals, Work, account, accounts,
    milestones, payment, payments_of, pledges_of, reductions_of, spendings, totals, work,
    works_for_unit,
};
pub use works::{
    MilestoneInput, ReductionInput, SpendingInput, WorkInput, publish_accounts, record_milestone,
    record_reduction, record_spending, record_work,
};

/// The contribution rules (mức đóng góp) households may adopt.
pub mod rule {
    /// So much a household.
    pub const PER_HOUSEHOLD: &str = "per_household";
    /// So much a member of the household.
    pub const PER_PERSON: &str = "per_person";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            PER_PERSON => ("theo nhân khẩu", "per person"),
            _ => ("theo hộ", "per household"),
        }
    }
}

/// Kinds of payment (a correction keeps the kind of the payment it corrects).
pub mod kind {
    /// Tiền mặt, chuyển khoản.
    pub const CASH: &str = "cash";
    /// Ngày công lao động, valued at the work's labour-day value.
    pub const LABOUR: &str = "labour";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            LABOUR => ("Ngày công", "Labour days"),
            _ => ("Tiền", "Cash"),
        }
    }
}

/// Kinds of reduction.
pub mod reduction {
    /// Miễn: the whole share.
    pub const EXEMPT: &str = "exempt";
    /// Giảm: part of it.
    pub const REDUCE: &str = "reduce";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            EXEMPT => ("Miễn", "Exempt"),
            _ => ("Giảm", "Reduced"),
        }
    }
}

/// Longest name, item or receipt text, in characters.
pub const TITLE_MAX: usize = 300;
/// Longest body (purpose, reason, note), in characters.
pub const BODY_MAX: usize = 4_000;
/// Longest receipt number.
pub const RECEIPT_MAX: usize = 40;

pub(crate) use dinh_platform::write::{date_field, text_field};
