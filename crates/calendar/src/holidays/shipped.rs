//! The holiday schedules shipped with the product, embedded at compile time.

use super::schedule::YearSchedule;
use crate::error::CalendarError;

/// The embedded schedule files as (file name, text).
pub const SHIPPED_SCHEDULES: &[(&str, &str)] = &[
    ("2024.toml", include_str!("../../data/holidays/2024.toml")),
    ("2025.toml", include_str!("../../data/holidays/2025.toml")),
    ("2026.toml", include_str!("../../data/holidays/2026.toml")),
];

/// Parses the embedded schedules.
pub fn shipped_schedules() -> Result<Vec<YearSchedule>, CalendarError> {
    SHIPPED_SCHEDULES
        .iter()
        .map(|(name, text)| YearSchedule::parse(text, &format!("embedded {name}")))
        .collect()
}
