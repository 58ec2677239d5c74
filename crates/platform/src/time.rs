//! Instants and dates as Đình stores and shows them.

use chrono::{NaiveDate, SecondsFormat, Utc};

/// The current instant as RFC 3339 UTC text (how instants are stored).
pub fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Today's date in Vietnam (UTC+7).
pub fn today_vn() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// Parses a date written the Vietnamese way (`dd/mm/yyyy`) or as ISO (`yyyy-mm-dd`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// Formats a stored ISO date (`yyyy-mm-dd`) as `dd/mm/yyyy`; other text is returned as is.
pub fn show_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

/// A stored instant (RFC 3339) as the wall-clock time in Vietnam (UTC+7).
pub fn in_vietnam(rfc3339: &str) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| (t.with_timezone(&Utc) + chrono::Duration::hours(7)).naive_utc())
}

/// A stored instant shown as `HH:MM dd/mm/yyyy` in Vietnam; other text is returned as is.
pub fn show_instant(rfc3339: &str) -> String {
    in_vietnam(rfc3339)
        .map(|t| t.format("%H:%M %d/%m/%Y").to_string())
        .unwrap_or_else(|| rfc3339.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_both_ways_and_show_vietnamese() {
        assert_eq!(
            parse_date("01/07/2025"),
            NaiveDate::from_ymd_opt(2025, 7, 1)
        );
        assert_eq!(
            parse_date("2025-07-01"),
            NaiveDate::from_ymd_opt(2025, 7, 1)
        );
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(show_date("2025-07-01"), "01/07/2025");
        assert_eq!(show_instant("2026-12-06T17:30:00.000Z"), "00:30 07/12/2026");
    }
}
