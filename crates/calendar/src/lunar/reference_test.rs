//! Checks the cached table against the direct conversion published by Hồ Ngọc Đức.
#![allow(clippy::unwrap_used)]

use chrono::{Datelike, NaiveDate};

use super::{LunarDate, MAX_DATE, astro, jdn, solar_to_lunar, table};

/// The direct (table-free) conversion of Hồ Ngọc Đức, used to check the table.
fn reference(date: NaiveDate) -> LunarDate {
    let tz = table::TIME_ZONE;
    let day = jdn(date);
    let k = ((f64::from(day) - 2_415_021.076_998_695) / 29.530_588_853).floor() as i32;
    // The published code tries lunations k+1 then k only; near 2054-05-07 the mean-motion
    // estimate is one lunation too high and it would print "day 0", so step back further.
    let mut k = k + 1;
    let mut month_start = astro::new_moon_day(k, tz);
    while month_start > day {
        k -= 1;
        month_start = astro::new_moon_day(k, tz);
    }
    let yy = date.year();
    let mut a11 = astro::lunar_month_11(yy, tz);
    let mut b11 = a11;
    let mut year = yy;
    if a11 >= month_start {
        a11 = astro::lunar_month_11(yy - 1, tz);
    } else {
        year = yy + 1;
        b11 = astro::lunar_month_11(yy + 1, tz);
    }
    let lday = day - month_start + 1;
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let off = astro::leap_month_offset(a11, tz);
        if diff >= off {
            month = diff + 10;
            leap = diff == off;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        year -= 1;
    }
    LunarDate {
        year,
        month: month as u8,
        day: lday as u8,
        leap,
    }
}

#[test]
fn table_agrees_with_direct_algorithm() {
    let mut d = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    while d <= MAX_DATE {
        assert_eq!(solar_to_lunar(d).unwrap(), reference(d), "{d}");
        d += chrono::Duration::days(13);
    }
}
