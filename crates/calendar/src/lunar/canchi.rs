//! Can chi (the sexagenary cycle: 10 heavenly stems × 12 earthly branches).

use chrono::{Datelike, NaiveDate};

/// The ten heavenly stems (thiên can).
const CAN: [&str; 10] = [
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];
/// The twelve earthly branches (địa chi), Vietnamese names (Mão is the cat).
const CHI: [&str; 12] = [
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
];

fn pick(can: i64, chi: i64) -> String {
    let c = CAN
        .get(can.rem_euclid(10) as usize)
        .copied()
        .unwrap_or_default();
    let h = CHI
        .get(chi.rem_euclid(12) as usize)
        .copied()
        .unwrap_or_default();
    format!("{c} {h}")
}

/// Can chi of a lunar year, e.g. `can_chi(2026) == "Bính Ngọ"` (năm Bính Ngọ).
pub fn can_chi(year: i32) -> String {
    let y = i64::from(year);
    pick(y + 6, y + 8)
}

/// Can chi of a lunar month (tháng), e.g. month 1 of 2026 is "Canh Dần".
///
/// A leap month takes the can chi of the month it repeats (the usual almanac practice, also
/// Hồ Ngọc Đức's); add "(nhuận)" when displaying it.
pub fn can_chi_month(year: i32, month: u8) -> String {
    let (y, m) = (i64::from(year), i64::from(month));
    pick(y * 12 + m + 3, m + 1)
}

/// Can chi of a day (ngày), e.g. 01/01/2000 is "Mậu Ngọ".
pub fn can_chi_day(date: NaiveDate) -> String {
    let jd = i64::from(date.num_days_from_ce()) + 1_721_425;
    pick(jd + 9, jd + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_years() {
        assert_eq!(can_chi(2026), "Bính Ngọ");
        assert_eq!(can_chi(2025), "Ất Tỵ");
        assert_eq!(can_chi(1984), "Giáp Tý");
        assert_eq!(can_chi(1968), "Mậu Thân");
    }
}
