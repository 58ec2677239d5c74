//! Astronomy behind the lunisolar calendar (Hồ Ngọc Đức's algorithm).
//!
//! These are the low-precision formulas published by Hồ Ngọc Đức for the Vietnamese
//! calendar ("Âm lịch Việt Nam", amlich.js): the mean new moon corrected by the main
//! periodic terms (after Meeus / Jean Meeus, *Astronomical Algorithms*), and the apparent
//! sun longitude from the equation of centre. They are accurate to a few minutes over
//! 1800–2199, which is enough to place a new moon on the right civil day except in the rare
//! cases the published Vietnamese almanacs also decide by these very formulas.

use std::f64::consts::PI;

/// Julian day number of 1899-12-31 noon minus the epoch used by the mean lunation.
const EPOCH: f64 = 2_415_021.076_998_695;
/// Mean synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// Julian day (with fraction) of the k-th new moon after 1900-01-01 13:52 UTC.
pub(crate) fn new_moon(k: i32) -> f64 {
    let k = f64::from(k);
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let deltat = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - deltat
}

/// Apparent longitude of the sun, in radians in `[0, 2π)`, at Julian day `jd`.
pub(crate) fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Julian day number of the civil day (in time zone `tz` hours) holding the k-th new moon.
pub(crate) fn new_moon_day(k: i32, tz: f64) -> i32 {
    (new_moon(k) + 0.5 + tz / 24.0).floor() as i32
}

/// The 30° sector (0–11) of the sun's longitude at local midnight starting day `jdn`.
pub(crate) fn sun_sector(jdn: i32, tz: f64) -> i32 {
    (sun_longitude(f64::from(jdn) - 0.5 - tz / 24.0) / PI * 6.0).floor() as i32
}

/// Index k of the lunation whose new moon is nearest to day `jdn`.
pub(crate) fn lunation_near(jdn: i32) -> i32 {
    ((f64::from(jdn) - EPOCH) / SYNODIC_MONTH + 0.5).floor() as i32
}

/// Julian day number of 31 December of `year` (Gregorian).
pub(crate) fn jdn_dec_31(year: i32) -> i32 {
    let y = year + 4800;
    let m = 9; // December: month + 12*a - 3 with a = 0
    31 + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
}

/// First day (JDN) of lunar month 11 — the month holding the winter solstice — of `year`.
pub(crate) fn lunar_month_11(year: i32, tz: f64) -> i32 {
    let off = jdn_dec_31(year) - 2_415_021;
    let k = (f64::from(off) / SYNODIC_MONTH).floor() as i32;
    let nm = new_moon_day(k, tz);
    if sun_sector(nm, tz) >= 9 {
        new_moon_day(k - 1, tz)
    } else {
        nm
    }
}

/// Position (1-based, counted from month 11) of the leap month in a 13-month cycle starting
/// at `a11`: the first month during which the sun enters no new 30° sector (no major term,
/// "trung khí").
pub(crate) fn leap_month_offset(a11: i32, tz: f64) -> i32 {
    let k = lunation_near(a11);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i, tz), tz);
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i, tz), tz);
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dec_31_matches_chrono() {
        use chrono::{Datelike, NaiveDate};
        for y in [1800, 1900, 2000, 2026, 2199] {
            let d = NaiveDate::from_ymd_opt(y, 12, 31).map(|d| d.num_days_from_ce() + 1_721_425);
            assert_eq!(Some(jdn_dec_31(y)), d);
        }
    }
}
