//! Amounts as officials write them: money in whole đồng ("1.200.000", "1200000 đ") and labour
//! days (ngày công) to a tenth ("1,5" or "1.5").

use dinh_platform::write::WriteError;

/// The most a single amount may be (a thousand billion đồng): keeps every sum far from overflow.
pub const MONEY_MAX: i64 = 1_000_000_000_000_000;

/// An amount of money in whole đồng written in `field` (dots, commas and spaces grouping the
/// thousands, an optional "đ" or "đồng"); zero or more.
pub fn parse_money(field: &'static str, text: &str) -> Result<i64, WriteError> {
    let trimmed = text.trim();
    let bare = trimmed
        .trim_end_matches("đồng")
        .trim_end_matches('đ')
        .trim_end_matches("VND")
        .trim();
    let digits: String = bare
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    let refuse = || {
        WriteError::invalid(
            field,
            format!("“{trimmed}” không phải là số tiền: ghi số đồng, ví dụ 200.000"),
        )
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(refuse());
    }
    let value: i64 = digits.parse().map_err(|_| refuse())?;
    if value > MONEY_MAX {
        return Err(WriteError::invalid(field, "số tiền quá lớn"));
    }
    Ok(value)
}

/// Labour days written in `field`, in tenths of a day ("1,5" is 15); more than zero, at most
/// one decimal.
pub fn parse_days(field: &'static str, text: &str) -> Result<i64, WriteError> {
    let trimmed = text.trim();
    let refuse = || {
        WriteError::invalid(
            field,
            format!("“{trimmed}” không phải là số ngày công: ghi ví dụ 2 hoặc 1,5"),
        )
    };
    let (whole, tenth) = match trimmed.split_once([',', '.']) {
        Some((w, t)) => (w, t),
        None => (trimmed, "0"),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || tenth.len() != 1
        || !tenth.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 6
    {
        return Err(refuse());
    }
    let tenths = whole.parse::<i64>().map_err(|_| refuse())? * 10
        + tenth.parse::<i64>().map_err(|_| refuse())?;
    if tenths == 0 {
        return Err(WriteError::invalid(field, "số ngày công phải lớn hơn 0"));
    }
    Ok(tenths)
}

/// Tenths of a day as Vietnamese writes them ("1,5", "2").
pub fn show_days(tenths: i64) -> String {
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{},{}", tenths / 10, (tenths % 10).abs())
    }
}

/// The value in đồng of `tenths` of a labour day at `day_value` đồng a day.
pub fn labour_value(tenths: i64, day_value: i64) -> i64 {
    tenths.saturating_mul(day_value) / 10
}

/// An amount in đồng as Vietnamese writes it: "1.200.000 đ".
pub fn dong(n: i64) -> String {
    format!(
        "{} đ",
        dinh_rules::numbers::grouped(n, dinh_rules::numbers::VI)
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn money_as_officials_write_it() {
        assert_eq!(parse_money("a", "1.200.000").unwrap(), 1_200_000);
        assert_eq!(parse_money("a", "200000 đ").unwrap(), 200_000);
        assert_eq!(parse_money("a", "0").unwrap(), 0);
        assert!(parse_money("a", "-5").is_err());
        assert!(parse_money("a", "hai trăm").is_err());
        assert!(parse_money("a", "").is_err());
    }

    #[test]
    fn labour_days_to_a_tenth() {
        assert_eq!(parse_days("d", "1,5").unwrap(), 15);
        assert_eq!(parse_days("d", "2").unwrap(), 20);
        assert!(parse_days("d", "0").is_err());
        assert!(parse_days("d", "1,25").is_err());
        assert_eq!(show_days(15), "1,5");
        assert_eq!(labour_value(15, 200_000), 300_000);
    }
}
