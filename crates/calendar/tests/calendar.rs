//! Integration tests of dinh-calendar: lunar calendar, holidays, statutory time limits.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dinh_calendar::holidays::YearSchedule;
use dinh_calendar::{
    CalendarError, DayOffKind, DayStatus, HolidayCalendar, LunarDate, Period, can_chi, can_chi_day,
    leap_month, lunar_to_solar, month_length, solar_to_lunar,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn lunar(year: i32, month: u8, day: u8, leap: bool) -> LunarDate {
    LunarDate {
        year,
        month,
        day,
        leap,
    }
}

fn tet(year: i32) -> NaiveDate {
    lunar_to_solar(lunar(year, 1, 1, false)).unwrap()
}

fn cal() -> HolidayCalendar {
    HolidayCalendar::shipped().unwrap()
}

// ---------------------------------------------------------------- lunar calendar

#[test]
fn tet_dates_where_vietnam_differs_from_china() {
    assert_eq!(tet(1985), d(1985, 1, 21)); // China: 20/02/1985
    assert_eq!(tet(2007), d(2007, 2, 17)); // China: 18/02/2007
    assert_eq!(tet(2030), d(2030, 2, 2)); // China: 03/02/2030
    assert_eq!(tet(2026), d(2026, 2, 17));
    assert_eq!(tet(2024), d(2024, 2, 10));
    assert_eq!(tet(2025), d(2025, 1, 29));
    assert_eq!(tet(1968), d(1968, 1, 29)); // the North's UTC+7 Tết Mậu Thân
}

#[test]
fn gio_to_2026() {
    assert_eq!(
        lunar_to_solar(lunar(2026, 3, 10, false)).unwrap(),
        d(2026, 4, 26)
    );
    assert_eq!(
        solar_to_lunar(d(2026, 4, 26)).unwrap(),
        lunar(2026, 3, 10, false)
    );
}

#[test]
fn leap_months() {
    assert_eq!(leap_month(2020).unwrap(), Some(4));
    assert_eq!(leap_month(2023).unwrap(), Some(2));
    assert_eq!(leap_month(2025).unwrap(), Some(6));
    assert_eq!(leap_month(2026).unwrap(), None);
    // The leap 6th month of 2025 starts 25/07/2025.
    assert_eq!(
        lunar_to_solar(lunar(2025, 6, 1, true)).unwrap(),
        d(2025, 7, 25)
    );
    assert_eq!(
        solar_to_lunar(d(2025, 7, 25)).unwrap(),
        lunar(2025, 6, 1, true)
    );
}

#[test]
fn round_trip_every_day_1800_to_2199() {
    // 146,097 days; the table is built once, each conversion is a binary search.
    let mut day = d(1800, 1, 1);
    let end = d(2199, 12, 31);
    let mut previous: Option<LunarDate> = None;
    while day <= end {
        let l = solar_to_lunar(day).unwrap();
        assert_eq!(lunar_to_solar(l).unwrap(), day, "{day} -> {l}");
        if let Some(p) = previous {
            // consecutive days advance the lunar day by one or start a new month
            assert!(l.day == p.day + 1 || l.day == 1, "{day}: {p} then {l}");
        }
        previous = Some(l);
        day += Duration::days(1);
    }
}

#[test]
fn range_errors() {
    assert!(matches!(
        solar_to_lunar(d(1799, 12, 31)),
        Err(CalendarError::OutOfRange { .. })
    ));
    assert!(matches!(
        solar_to_lunar(d(2200, 1, 1)),
        Err(CalendarError::OutOfRange { .. })
    ));
    let e = lunar_to_solar(lunar(2300, 1, 1, false)).unwrap_err();
    assert!(e.to_string().contains("2300"), "{e}");
}

#[test]
fn impossible_lunar_dates_say_what_is_wrong() {
    // Month 2 of 2026 has 29 days.
    assert_eq!(month_length(2026, 2, false).unwrap(), 29);
    let e = LunarDate::parse("30/02/2026", false).unwrap_err();
    assert!(matches!(
        e,
        CalendarError::InvalidDay {
            day: 30,
            length: 29,
            ..
        }
    ));
    assert!(
        e.to_string().contains("day 30") && e.to_string().contains("29 days"),
        "{e}"
    );
    // 2025's leap month is 6, not 3.
    let e = LunarDate::parse("01/03/2025", true).unwrap_err();
    assert!(e.to_string().contains("its leap month is 6"), "{e}");
    // 2026 has no leap month.
    let e = LunarDate::new(2026, 5, 1, true).unwrap_err();
    assert!(e.to_string().contains("no leap month at all"), "{e}");
    let e = LunarDate::new(2026, 13, 1, false).unwrap_err();
    assert!(
        matches!(e, CalendarError::InvalidMonth { month: 13 }),
        "{e}"
    );
    let e = LunarDate::parse("1/2", false).unwrap_err();
    assert!(matches!(e, CalendarError::Parse { .. }), "{e}");
}

#[test]
fn parse_and_display() {
    let l = LunarDate::parse("10/03/2026", false).unwrap();
    assert_eq!(l.to_string(), "10/03/2026");
    let leap = LunarDate::parse("15/06/2025", true).unwrap();
    assert_eq!(leap.to_string(), "15/06/2025 (nhuận)");
    assert_eq!("15/06/2025 (nhuận)".parse::<LunarDate>().unwrap(), leap);
}

#[test]
fn can_chi_names() {
    assert_eq!(can_chi(2026), "Bính Ngọ");
    assert_eq!(can_chi(2025), "Ất Tỵ");
    assert_eq!(can_chi_day(d(2000, 1, 1)), "Mậu Ngọ");
    assert_eq!(lunar(2026, 1, 1, false).month_can_chi(), "Canh Dần");
}

// ---------------------------------------------------------------- holidays

#[test]
fn shipped_schedules_2026() {
    let c = cal();
    let off = c.days_off(2026);
    let find = |date| off.iter().find(|o| o.date == date).cloned();
    // Tết 14/02-22/02, announced.
    for day in 14..=22 {
        assert!(!c.is_working_day(d(2026, 2, day)), "{day}/02");
    }
    assert!(c.is_working_day(d(2026, 2, 13)) && c.is_working_day(d(2026, 2, 23)));
    // Giỗ Tổ on Sunday 26/04 gives Monday 27/04 off.
    assert_eq!(find(d(2026, 4, 26)).unwrap().kind, DayOffKind::Statutory);
    assert_eq!(find(d(2026, 4, 27)).unwrap().kind, DayOffKind::Compensatory);
    assert!(
        find(d(2026, 4, 27))
            .unwrap()
            .name_vi
            .contains("Giỗ Tổ Hùng Vương")
    );
    // New Year: Friday 02/01 off, Saturday 10/01 worked.
    assert!(!c.is_working_day(d(2026, 1, 2)));
    assert!(c.is_working_day(d(2026, 1, 10)));
    assert!(matches!(
        c.day_status(d(2026, 1, 10)),
        DayStatus::SwappedWorking(_)
    ));
    // National Day: 29/08-02/09 off, Saturday 22/08 worked.
    for (m, day) in [(8, 29), (8, 30), (8, 31), (9, 1), (9, 2)] {
        assert!(!c.is_working_day(d(2026, m, day)));
    }
    assert!(c.is_working_day(d(2026, 8, 22)) && c.is_working_day(d(2026, 9, 3)));
    assert!(c.schedule_info(2026).unwrap().verified);
    assert_eq!(c.swapped_working_days(2026).len(), 2);
}

#[test]
fn shipped_schedules_2024_and_2025() {
    let c = cal();
    // 2025: Tết 25/01-02/02 with no make-up day; 30/04-04/05 with Saturday 26/04 worked.
    assert!(!c.is_working_day(d(2025, 1, 27)) && c.is_working_day(d(2025, 2, 3)));
    assert!(!c.is_working_day(d(2025, 2, 8))); // an ordinary Saturday: no make-up day
    assert!(!c.is_working_day(d(2025, 5, 2)) && c.is_working_day(d(2025, 4, 26)));
    assert!(!c.is_working_day(d(2025, 9, 1)) && !c.is_working_day(d(2025, 4, 7)));
    // 2024: Tết 08/02-14/02, 2/9 + 3/9, Saturday 04/05 worked.
    assert!(!c.is_working_day(d(2024, 2, 8)) && c.is_working_day(d(2024, 2, 15)));
    assert!(!c.is_working_day(d(2024, 9, 3)) && c.is_working_day(d(2024, 9, 4)));
    assert!(c.is_working_day(d(2024, 5, 4)) && !c.is_working_day(d(2024, 4, 29)));
}

#[test]
fn statutory_rules_without_a_schedule() {
    let c = cal();
    let year = 2027; // no schedule shipped
    assert!(c.schedule_info(year).is_none());
    let off = c.days_off(year);
    let first = tet(year);
    for k in -1..4 {
        let day = first + Duration::days(k);
        assert!(off.iter().any(|o| o.date == day), "Tết day {day}");
    }
    let giỗ_tổ = lunar_to_solar(lunar(year, 3, 10, false)).unwrap();
    assert!(off.iter().any(|o| o.date == giỗ_tổ));
    for (m, day) in [(1, 1), (4, 30), (5, 1), (9, 1), (9, 2)] {
        assert!(off.iter().any(|o| o.date == d(year, m, day)), "{day}/{m}");
    }
    // Every holiday on a weekend has its compensatory day.
    let weekend_holidays = off
        .iter()
        .filter(|o| o.kind == DayOffKind::Statutory)
        .filter(|o| matches!(o.date.weekday(), Weekday::Sat | Weekday::Sun))
        .count();
    let comp = off
        .iter()
        .filter(|o| o.kind == DayOffKind::Compensatory)
        .count();
    assert_eq!(weekend_holidays, comp);
    // 01/05/2027 is a Saturday: Monday 03/05/2027 is off.
    assert!(!c.is_working_day(d(2027, 5, 3)));
    assert!(
        c.day_status(d(2027, 5, 3))
            .describe_vi(d(2027, 5, 3))
            .contains("nghỉ bù")
    );
}

#[test]
fn day_status_explains_why() {
    let c = cal();
    let s = c.day_status(d(2026, 4, 26));
    assert_eq!(
        s.describe_vi(d(2026, 4, 26)),
        "26/04/2026 là ngày nghỉ lễ, tết: Giỗ Tổ Hùng Vương"
    );
    assert!(s.describe_en(d(2026, 4, 26)).contains("Hùng Kings"));
    let s = c.day_status(d(2026, 3, 8));
    assert_eq!(s, DayStatus::Weekend(Weekday::Sun));
    assert!(!s.is_working());
    assert!(c.day_status(d(2026, 3, 9)).is_working());
}

#[test]
fn administrator_schedule_adds_a_new_holiday() {
    let text = r#"
year = 2027
verified = false
source = "example: Ngày Văn hóa Việt Nam if enacted"

[[holidays]]
date = 2027-11-24
name_vi = "Ngày Văn hóa Việt Nam"
name_en = "Vietnam Culture Day"
"#;
    let s = YearSchedule::parse(text, "admin/2027.toml").unwrap();
    let c = HolidayCalendar::shipped_with(vec![s]).unwrap();
    assert!(!c.is_working_day(d(2027, 11, 24)));
    assert!(!c.schedule_info(2027).unwrap().verified);
    // Shipped years are still there.
    assert!(!c.is_working_day(d(2026, 2, 16)));
}

fn schedule_error(text: &str) -> String {
    match YearSchedule::parse(text, "test.toml") {
        Err(e @ CalendarError::Schedule { .. }) => e.to_string(),
        other => panic!("expected a schedule error, got {other:?}"),
    }
}

#[test]
fn contradictory_schedules_are_rejected_naming_the_entries() {
    let both = "year = 2026\n[[days_off]]\nfrom = 2026-03-07\nto = 2026-03-08\nname_vi = \"Nghỉ A\"\nname_en = \"A\"\n[[working_days]]\ndate = 2026-03-07\nname_vi = \"Làm bù B\"\nname_en = \"B\"\n";
    let e = schedule_error(both);
    for needle in [
        "07/03/2026",
        "day off 'Nghỉ A' (line 3)",
        "working day 'Làm bù B' (line 8)",
    ] {
        assert!(e.contains(needle), "{needle} not in {e}");
    }
    let duplicate = "year = 2026\n[[days_off]]\nfrom = 2026-03-09\nname_vi = \"X\"\nname_en = \"X\"\n[[days_off]]\nfrom = 2026-03-05\nto = 2026-03-10\nname_vi = \"Y\"\nname_en = \"Y\"\n";
    let e = schedule_error(duplicate);
    assert!(
        e.contains(
            "09/03/2026 is listed more than once: day off 'X' (line 3) and day off 'Y' (line 7)"
        ),
        "{e}"
    );
    let outside =
        "year = 2026\n[[working_days]]\ndate = 2027-01-09\nname_vi = \"Z\"\nname_en = \"Z\"\n";
    assert!(
        schedule_error(outside)
            .contains("line 3: date 09/01/2027 is outside the schedule's year 2026")
    );
    let weekday =
        "year = 2026\n[[working_days]]\ndate = 2026-03-10\nname_vi = \"W\"\nname_en = \"W\"\n";
    assert!(schedule_error(weekday).contains("is a weekday"));
    let on_holiday =
        "year = 2026\n[[working_days]]\ndate = 2026-04-26\nname_vi = \"H\"\nname_en = \"H\"\n";
    assert!(schedule_error(on_holiday).contains("Giỗ Tổ Hùng Vương"));
    let backwards = "year = 2026\n[[days_off]]\nfrom = 2026-03-10\nto = 2026-03-09\nname_vi = \"B\"\nname_en = \"B\"\n";
    assert!(schedule_error(backwards).contains("end 09/03/2026 before they start 10/03/2026"));
    let unknown = "year = 2026\nholiday = 1\n";
    assert!(schedule_error(unknown).contains("unknown field `holiday`"));
    let bad_extra = "year = 2026\nnational_day_extra = 2026-09-04\n";
    assert!(schedule_error(bad_extra).contains("must be 1 or 3 September"));
    let tet = "year = 2026\n[[days_off]]\nfrom = 2026-02-01\nto = 2026-02-05\nname_vi = \"T\"\nname_en = \"T\"\nreplaces = \"tet\"\n";
    assert!(schedule_error(tet).contains("do not contain Tết's first day 17/02/2026"));
}

// ---------------------------------------------------------------- time limits (DOMAIN.md §3-8)

fn due(c: &HolidayCalendar, start: NaiveDate, p: Period) -> NaiveDate {
    let fast = c.due_date(start, p).unwrap();
    assert_eq!(c.due_after(start, p).unwrap().due, fast);
    fast
}

fn before(c: &HolidayCalendar, event: NaiveDate, p: Period) -> NaiveDate {
    let fast = c.latest_date_before(event, p).unwrap();
    assert_eq!(c.latest_before(event, p).unwrap().due, fast);
    fast
}

#[test]
fn disclosure_limits() {
    let c = cal();
    // Within 5 working days (Luật 10/2022 Điều 12(3)), crossing Tết 2026.
    let dl = c
        .due_after(d(2026, 2, 10), Period::working_days(5))
        .unwrap();
    assert_eq!(dl.due, d(2026, 2, 24));
    let ex = dl.explain(&c);
    assert_eq!(
        ex.vi,
        "bắt đầu 10/02/2026, 5 ngày làm việc, bỏ qua Tết Nguyên đán Bính Ngọ 14/02-22/02, hạn 24/02/2026"
    );
    assert_eq!(
        ex.en,
        "started 10/02/2026, 5 working days, skipped Tết (Lunar New Year) Bính Ngọ 14/02-22/02, due 24/02/2026"
    );
    // Notice board >= 30 consecutive days (Điều 13(2)): ends on Saturday 07/03 -> Monday 09/03.
    let dl = c
        .due_after(d(2026, 2, 5), Period::calendar_days(30))
        .unwrap();
    assert_eq!((dl.nominal, dl.due), (d(2026, 3, 7), d(2026, 3, 9)));
    assert!(
        dl.explain(&c)
            .vi
            .contains("ngày cuối 07/03/2026 rơi vào thứ Bảy")
    );
    // Loudspeaker >= 3 consecutive days (Điều 13(3)).
    assert_eq!(
        due(&c, d(2026, 5, 4), Period::calendar_days(3)),
        d(2026, 5, 7)
    );
    // Enterprises: within 15 days (Điều 65-66).
    assert_eq!(
        due(&c, d(2026, 1, 20), Period::calendar_days(15)),
        d(2026, 2, 4)
    );
}

#[test]
fn community_decision_limits() {
    let c = cal();
    // Meeting notice >= 2 days before (Nghị định 59/2023 Điều 3): Tuesday meeting,
    // Sunday 08/03 is a day off, so the notice must go out by Friday 06/03.
    let dl = c
        .latest_before(d(2026, 3, 10), Period::calendar_days(2))
        .unwrap();
    assert_eq!((dl.nominal, dl.due), (d(2026, 3, 8), d(2026, 3, 6)));
    assert_eq!(
        dl.explain(&c).vi,
        "sự kiện 10/03/2026, trước ít nhất 2 ngày, ngày 08/03/2026 rơi vào Chủ nhật, phải thực hiện sớm hơn, chậm nhất 06/03/2026"
    );
    assert_eq!(
        before(&c, d(2026, 3, 15), Period::calendar_days(2)),
        d(2026, 3, 13)
    );
    // Ballot plan sent within 2 days (Điều 4(2)): ends Sunday -> Monday.
    assert_eq!(
        due(&c, d(2026, 3, 6), Period::calendar_days(2)),
        d(2026, 3, 9)
    );
    // Ballot content published >= 2 days before distribution (Luật Điều 19(2)).
    assert_eq!(
        before(&c, d(2026, 3, 14), Period::calendar_days(2)),
        d(2026, 3, 12)
    );
    // Decision document within 5 working days (Điều 20(3)); recognition within 5 (Điều 21(2)).
    assert_eq!(
        due(&c, d(2026, 3, 1), Period::working_days(5)),
        d(2026, 3, 6)
    );
    assert_eq!(
        due(&c, d(2026, 3, 6), Period::working_days(5)),
        d(2026, 3, 13)
    );
    // Citizen initiative support valid 3 months (Điều 16): 30/11 -> Sunday 28/02/2027 -> 01/03.
    assert_eq!(due(&c, d(2026, 11, 30), Period::months(3)), d(2027, 3, 1));
    assert_eq!(due(&c, d(2026, 8, 31), Period::months(3)), d(2026, 11, 30));
    // Village head election (Nghị định 59/2023 Điều 6-9), meeting Sunday 31/05/2026.
    let meeting = d(2026, 5, 31);
    assert_eq!(
        before(&c, meeting, Period::calendar_days(20)),
        d(2026, 5, 11)
    );
    assert_eq!(
        before(&c, meeting, Period::calendar_days(10)),
        d(2026, 5, 21)
    );
    assert_eq!(
        before(&c, meeting, Period::calendar_days(7)),
        d(2026, 5, 22)
    ); // 24/05 is Sunday
    assert_eq!(
        before(&c, meeting, Period::calendar_days(15)),
        d(2026, 5, 15)
    ); // 16/05 is Saturday
    assert_eq!(
        due(&c, d(2026, 6, 1), Period::calendar_days(60)),
        d(2026, 7, 31)
    );
    // Hương ước draft posted >= 30 days (Nghị định 61/2023): ends Saturday 31/10 -> 02/11.
    assert_eq!(
        due(&c, d(2026, 10, 1), Period::calendar_days(30)),
        d(2026, 11, 2)
    );
}

#[test]
fn consultation_and_oversight_limits() {
    let c = cal();
    // Consultation >= 20 days (Điều 28(2)): last day 22/02/2026 is in Tết -> 23/02.
    let dl = c
        .due_after(d(2026, 2, 2), Period::calendar_days(20))
        .unwrap();
    assert_eq!(dl.due, d(2026, 2, 23));
    assert!(
        dl.explain(&c)
            .vi
            .contains("rơi vào Tết Nguyên đán Bính Ngọ (14/02-22/02)"),
        "{}",
        dl.explain(&c).vi
    );
    // UBND answers BTTND within 15 days: last day 01/09/2026 is National Day -> 03/09.
    assert_eq!(
        due(&c, d(2026, 8, 17), Period::calendar_days(15)),
        d(2026, 9, 3)
    );
    // Inspection plan sent >= 5 working days before the inspection.
    assert_eq!(
        before(&c, d(2026, 3, 16), Period::working_days(5)),
        d(2026, 3, 9)
    );
    // Investor notified >= 45 days before supervision: 17/05 is Sunday -> 15/05.
    assert_eq!(
        before(&c, d(2026, 7, 1), Period::calendar_days(45)),
        d(2026, 5, 15)
    );
}

#[test]
fn reception_limits() {
    let c = cal();
    // Schedule posted >= 5 working days ahead, counted backwards across Tết.
    let dl = c
        .latest_before(d(2026, 2, 23), Period::working_days(5))
        .unwrap();
    assert_eq!(dl.due, d(2026, 2, 9));
    assert!(
        dl.explain(&c)
            .vi
            .contains("bỏ qua Tết Nguyên đán Bính Ngọ 14/02-22/02")
    );
    // Result told within 10 working days (Điều 28(1)), across Giỗ Tổ and 30/4-1/5 2026.
    let dl = c
        .due_after(d(2026, 4, 24), Period::working_days(10))
        .unwrap();
    assert_eq!(dl.due, d(2026, 5, 13));
    assert_eq!(
        dl.explain(&c).en,
        "started 24/04/2026, 10 working days, skipped Hùng Kings' Commemoration Day 25/04-27/04, \
         Reunification Day + International Labour Day 30/04-03/05, due 13/05/2026"
    );
    // Feedback on regulations transferred within 5 working days (Nghị định 20/2008).
    assert_eq!(
        due(&c, d(2026, 2, 13), Period::working_days(5)),
        d(2026, 2, 27)
    );
}

#[test]
fn complaint_limits() {
    let c = cal();
    assert_eq!(
        due(&c, d(2026, 1, 15), Period::calendar_days(90)),
        d(2026, 4, 15)
    ); // filing
    assert_eq!(
        due(&c, d(2026, 2, 9), Period::working_days(10)),
        d(2026, 3, 2)
    ); // acceptance
    let accepted = d(2026, 3, 2);
    assert_eq!(due(&c, accepted, Period::calendar_days(30)), d(2026, 4, 1)); // first
    assert_eq!(due(&c, accepted, Period::calendar_days(45)), d(2026, 4, 16)); // complex / remote
    assert_eq!(due(&c, accepted, Period::calendar_days(60)), d(2026, 5, 4)); // remote complex: 01/05 holiday
    assert_eq!(
        due(&c, d(2026, 4, 29), Period::working_days(3)),
        d(2026, 5, 6)
    ); // decision sent
    assert_eq!(
        due(&c, d(2026, 5, 6), Period::calendar_days(30)),
        d(2026, 6, 5)
    ); // second complaint
    assert_eq!(
        due(&c, d(2026, 5, 6), Period::calendar_days(45)),
        d(2026, 6, 22)
    ); // remote: Saturday 20/06
    let second = d(2026, 6, 1);
    assert_eq!(due(&c, second, Period::calendar_days(45)), d(2026, 7, 16));
    assert_eq!(due(&c, second, Period::calendar_days(60)), d(2026, 7, 31));
    assert_eq!(due(&c, second, Period::calendar_days(70)), d(2026, 8, 10));
}

#[test]
fn denunciation_limits_with_extensions() {
    let c = cal();
    assert_eq!(
        due(&c, d(2026, 2, 11), Period::working_days(7)),
        d(2026, 2, 27)
    ); // initial
    assert_eq!(
        due(&c, d(2026, 2, 11), Period::working_days(10)),
        d(2026, 3, 4)
    ); // several places
    assert_eq!(
        due(&c, d(2026, 2, 27), Period::working_days(5)),
        d(2026, 3, 6)
    ); // transfer
    assert_eq!(
        due(&c, d(2026, 3, 2), Period::working_days(5)),
        d(2026, 3, 9)
    ); // acceptance notice
    // Resolution 30 days, +30 (complex), +30 (especially complex): at most 90 days.
    let first = c
        .due_after(d(2026, 3, 2), Period::calendar_days(30))
        .unwrap();
    assert_eq!(first.due, d(2026, 4, 1));
    let once = c.extend(&first, Period::calendar_days(30)).unwrap();
    assert_eq!((once.nominal, once.due), (d(2026, 5, 1), d(2026, 5, 4)));
    let twice = c.extend(&once, Period::calendar_days(30)).unwrap();
    assert_eq!((twice.nominal, twice.due), (d(2026, 5, 31), d(2026, 6, 1)));
    assert_eq!(twice.nominal, d(2026, 3, 2) + Duration::days(90));
    let vi = twice.explain(&c).vi;
    assert!(
        vi.starts_with("bắt đầu 02/03/2026, 30 ngày, hạn 01/04/2026, gia hạn 30 ngày"),
        "{vi}"
    );
    assert!(vi.ends_with("gia hạn 30 ngày, ngày cuối 31/05/2026 rơi vào Chủ nhật, chuyển sang ngày làm việc tiếp theo, hạn 01/06/2026"), "{vi}");
    // A deadline before an event cannot be extended.
    let notice = c
        .latest_before(d(2026, 3, 10), Period::calendar_days(2))
        .unwrap();
    assert!(matches!(
        c.extend(&notice, Period::calendar_days(1)),
        Err(CalendarError::NotExtendable { .. })
    ));
}

#[test]
fn limits_outside_the_range_are_errors() {
    let c = cal();
    assert!(
        c.due_date(d(2199, 12, 20), Period::calendar_days(30))
            .is_err()
    );
    assert!(
        c.latest_date_before(d(1800, 1, 5), Period::working_days(10))
            .is_err()
    );
    assert!(c.due_date(d(1700, 1, 1), Period::calendar_days(1)).is_err());
}
