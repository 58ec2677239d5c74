//! The administrator's files under the data directory: holiday schedules and rule packs.

use chrono::NaiveDate;
use dinh_calendar::holidays::SHIPPED_SCHEDULES;
use dinh_legal_time::LegalTimeModule;

use crate::support::{cell, each_engine, get, shipped, temp_dir};

const CULTURE_DAY: &str = r#"
[[holidays]]
date = 2026-11-24
name_vi = "Ngày Văn hóa Việt Nam"
name_en = "Vietnam Culture Day"
"#;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A data directory whose 2026 schedule is the shipped one plus 24/11 (Ngày Văn hóa Việt Nam).
fn with_culture_day() -> std::path::PathBuf {
    let dir = temp_dir("data");
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    let (_, shipped_2026) = SHIPPED_SCHEDULES
        .iter()
        .find(|(name, _)| *name == "2026.toml")
        .unwrap();
    let text = format!("{shipped_2026}\n{CULTURE_DAY}");
    std::fs::write(dir.join("holidays/2026.toml"), text).unwrap();
    dir
}

#[tokio::test]
async fn an_administrator_schedule_adds_a_day_off() {
    let dir = with_culture_day();
    let m = LegalTimeModule::load(&dir).unwrap();
    let day = date(2026, 11, 24);
    assert!(
        shipped().calendar().is_working_day(day),
        "a Tuesday, not shipped"
    );
    assert!(!m.calendar().is_working_day(day));
    assert!(
        !m.calendar().is_working_day(date(2026, 2, 17)),
        "the rest of 2026 is kept"
    );
    let info = m.calendar().schedule_info(2026).unwrap();
    assert!(info.origin.ends_with("2026.toml") && !info.origin.starts_with("embedded"));
    each_engine(|db| {
        let m = m.clone();
        async move {
            let (_, html) = get(&db, &m, "/calendar?month=2026-11", "vi").await;
            let c = cell(&html, "2026-11-24");
            assert!(c.contains("Nghỉ lễ, tết: Ngày Văn hóa Việt Nam"), "{c}");
            assert!(
                html.contains("Tệp do quản trị viên nạp"),
                "the page names the file"
            );
            let (_, shipped_html) = get(&db, &shipped(), "/calendar?month=2026-11", "vi").await;
            assert!(cell(&shipped_html, "2026-11-24").contains("Làm việc"));
            let (_, d) = get(
                &db,
                &m,
                "/api/v1/calendar/deadline?start=23/11/2026&days=1",
                "vi",
            )
            .await;
            assert!(d.contains("\"due\":\"25/11/2026\""), "{d}");
            Ok(())
        }
    })
    .await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_schedule_for_a_shipped_year_replaces_it() {
    let dir = temp_dir("data");
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    std::fs::write(
        dir.join("holidays/2026.toml"),
        format!("year = 2026\n{CULTURE_DAY}"),
    )
    .unwrap();
    let m = LegalTimeModule::load(&dir).unwrap();
    assert!(!m.calendar().is_working_day(date(2026, 11, 24)));
    // Without the announced Tết break, only the statutory default days remain.
    assert!(m.calendar().is_working_day(date(2026, 2, 23)));
    assert!(
        m.calendar().is_working_day(date(2026, 1, 2)),
        "02/01 no longer announced"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_administrator_files_are_named() {
    let dir = temp_dir("data");
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::write(
        dir.join("rules/vn-2027-01.toml"),
        "format = 1\nid = \"vn-2027-01\"\n",
    )
    .unwrap();
    let err = format!("{:#}", LegalTimeModule::load(&dir).err().unwrap());
    assert!(
        err.contains("vn-2027-01.toml") && err.contains("missing field"),
        "{err}"
    );

    let dir = temp_dir("data");
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    std::fs::write(
        dir.join("holidays/2027.toml"),
        "year = 2027\n[[working_days]]\ndate = 2027-03-03\nname_vi = \"x\"\nname_en = \"x\"\n",
    )
    .unwrap();
    let err = format!("{:#}", LegalTimeModule::load(&dir).err().unwrap());
    assert!(
        err.contains("2027.toml") && err.contains("03/03/2027"),
        "{err}"
    );

    let dir = temp_dir("data");
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    std::fs::write(dir.join("holidays/a.toml"), "year = 2030\n").unwrap();
    std::fs::write(dir.join("holidays/b.toml"), "year = 2030\n").unwrap();
    let err = format!("{:#}", LegalTimeModule::load(&dir).err().unwrap());
    assert!(
        err.contains("a.toml") && err.contains("b.toml") && err.contains("both for 2030"),
        "{err}"
    );

    // A good pack for a new law is added after the shipped ones.
    let dir = temp_dir("data");
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    let (_, latest) = dinh_rules::SHIPPED_PACKS.last().unwrap();
    let pack = latest
        .replace("id = \"vn-2026-07\"", "id = \"vn-2027-01\"")
        .replace("effective_from = 2026-07-01", "effective_from = 2027-01-01");
    std::fs::write(dir.join("rules/vn-2027-01.toml"), pack).unwrap();
    let m = LegalTimeModule::load(&dir).unwrap();
    assert_eq!(
        m.rules().in_force_on(date(2027, 1, 1)).unwrap().id,
        "vn-2027-01"
    );
    assert_eq!(
        m.rules().in_force_on(date(2026, 12, 31)).unwrap().id,
        "vn-2026-07"
    );
}
