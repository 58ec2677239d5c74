//! Dates typed by people (dd/mm/yyyy or ISO), refused with the field named.

use chrono::NaiveDate;

use crate::error::{Result, refuse};

/// Parses a required date.
pub(crate) fn parse(field: &'static str, text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return refuse(
            field,
            "chưa nhập ngày (ngày/tháng/năm)",
            "the date is missing (dd/mm/yyyy)",
        );
    }
    match dinh_platform::time::parse_date(t) {
        Some(d) => Ok(d),
        None => refuse(
            field,
            format!("'{t}' không phải ngày hợp lệ (ngày/tháng/năm)"),
            format!("'{t}' is not a valid date (dd/mm/yyyy)"),
        ),
    }
}

/// `dd/mm/yyyy`.
pub(crate) fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Parses an optional date (empty means none).
pub(crate) fn parse_optional(field: &'static str, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse(field, text).map(Some)
    }
}
