//! Figures as Vietnamese and English write them: thousands grouped (1.016 / 1,016) and a
//! share to one decimal (22,6 % / 22.6 %). The one formatting of numbers: the platform's pages
//! and the verdicts of [`crate::Ratio`] both write through it.

/// Separators of a written language: (thousands, decimal).
pub type Separators = (char, char);

/// Vietnamese: `1.016` and `22,6`.
pub const VI: Separators = ('.', ',');
/// English: `1,016` and `22.6`.
pub const EN: Separators = (',', '.');

/// A whole number with thousands grouped.
pub fn grouped(n: i64, (group, _): Separators) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    out
}

/// A percentage given in tenths of a percent (per mille), written with one decimal and a
/// spaced sign: `226` → `22,6 %`.
pub fn percent_tenths(tenths: i64, seps: Separators) -> String {
    let sign = if tenths < 0 && tenths > -10 { "-" } else { "" };
    format!(
        "{sign}{}{}{} %",
        grouped(tenths / 10, seps),
        seps.1,
        (tenths % 10).abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_and_shares() {
        assert_eq!(grouped(1016, VI), "1.016");
        assert_eq!(grouped(1016, EN), "1,016");
        assert_eq!(grouped(999, VI), "999");
        assert_eq!(grouped(-1_234_567, VI), "-1.234.567");
        assert_eq!(percent_tenths(226, VI), "22,6 %");
        assert_eq!(percent_tenths(1000, EN), "100.0 %");
        assert_eq!(percent_tenths(-4, VI), "-0,4 %");
        assert_eq!(percent_tenths(-15, VI), "-1,5 %");
    }
}
