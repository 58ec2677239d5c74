//! Parsing what people type: every error names the field and never repeats protected text.

use chrono::NaiveDate;
use dinh_platform::web::AppError;

/// A rejected input: the message names the field and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

impl From<BadInput> for AppError {
    fn from(e: BadInput) -> Self {
        AppError::bad_request(e.0)
    }
}

/// Longest free text accepted (characters).
pub const MAX_TEXT: usize = 10_000;
/// Longest short field (names, titles, places).
pub const MAX_SHORT: usize = 300;

/// A required text of at most `max` characters, trimmed; control characters refused.
pub fn required(field: &str, text: &str, max: usize) -> Result<String, BadInput> {
    let t = text.trim();
    if t.is_empty() {
        return Err(BadInput(format!("{field}: required")));
    }
    optional(field, t, max).map(|o| o.unwrap_or_default())
}

/// An optional text (None when blank) of at most `max` characters.
pub fn optional(field: &str, text: &str, max: usize) -> Result<Option<String>, BadInput> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > max {
        return Err(BadInput(format!(
            "{field}: at most {max} characters (shorten the text)"
        )));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(BadInput(format!("{field}: contains control characters")));
    }
    Ok(Some(t.to_owned()))
}

/// A date written dd/mm/yyyy or yyyy-mm-dd.
pub fn date(field: &str, text: &str) -> Result<NaiveDate, BadInput> {
    dinh_platform::time::parse_date(text)
        .ok_or_else(|| BadInput(format!("{field}: not a date; write dd/mm/yyyy")))
}

/// A checkbox value.
pub fn flag(text: &Option<String>) -> bool {
    matches!(
        text.as_deref().map(str::trim),
        Some("1" | "on" | "true" | "yes")
    )
}

/// A whole number in `range`.
pub fn number(
    field: &str,
    text: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, BadInput> {
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| BadInput(format!("{field}: write a whole number")))?;
    if !range.contains(&n) {
        return Err(BadInput(format!(
            "{field}: must be between {} and {}",
            range.start(),
            range.end()
        )));
    }
    Ok(n)
}
