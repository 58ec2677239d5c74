//! The issue's two figures, on SQLite and PostgreSQL:
//!
//! 1. a province's work list over N cases (default 1,000,000) filtered to overdue: median and
//!    p99 of 300 requests for the first page (target: p99 under 20 ms on PostgreSQL);
//! 2. recomputing every open case's due dates after a holiday-schedule change (a day off added
//!    on 24/11/2026): total time (target: under 10 s for 1,000,000 cases).
//!
//! 3. a steering review asking every indicator for 3,321 communes at once (the 100 communes
//!    holding the cases, and 3,221 more in 33 other provinces) over the year 2026: median of 5
//!    runs of all ten indicators through `indicator_values`, and, for comparison, the
//!    received count asked one commune at a time over the 100 communes with cases.
//!
//! Every case is open, the worst case for the first two figures.
//!
//! ```text
//! DINH_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo run --release -p dinh-petitions --example bench_petitions [-- CASES]
//! ```
//! The cases are written straight into the tables in bulk by `support/load.rs` (shared with the
//! steering benchmark; the intake path audits each case, which is not what is measured here).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/load.rs"]
mod load;

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use dinh_calendar::{HolidayCalendar, YearSchedule};
use dinh_petitions::PetitionsModule;
use dinh_petitions::indicators;
use dinh_petitions::protect::ProtectionKey;
use dinh_petitions::store::case_view::{ListFilter, list_unchecked};
use dinh_petitions::store::recompute::recompute_open_clocks;
use dinh_platform::db::{self, Db};
use dinh_platform::module::{Module, Period, Registry};
use dinh_platform::units::UnitsModule;
use dinh_rules::RuleBook;
use load::{Open, Place};

const COMMUNES: usize = 100;
/// Every case open: the worst case for both figures (a million open clocks to recompute, most
/// of the province's cases overdue).
const ALL_OPEN: bool = true;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn fill(m: &PetitionsModule, db: &Db, n: usize, today: NaiveDate) -> anyhow::Result<()> {
    let mut csv = String::from("code,name,kind,parent_code\nBP,Tỉnh Đo Lường,tỉnh,\n");
    for c in 0..COMMUNES {
        csv.push_str(&format!("BP{c:03},Xã {c},xã,BP\n"));
    }
    dinh_platform::units::import_units(db, csv.as_bytes(), "bench").await?;
    let province = dinh_platform::units::store::by_code(db, "BP")
        .await?
        .unwrap();
    let mut communes = Vec::new();
    for c in 0..COMMUNES {
        communes.push(
            dinh_platform::units::store::by_code(db, &format!("BP{c:03}"))
                .await?
                .unwrap()
                .id,
        );
    }
    let places: Vec<Place> = communes
        .iter()
        .map(|&c| Place {
            unit: c,
            commune: c,
            province: province.id,
        })
        .collect();
    let t = Instant::now();
    load::cases(
        m,
        db,
        &places,
        n,
        today - Duration::days(540),
        540,
        today,
        if ALL_OPEN { Open::All } else { Open::Recent },
    )
    .await?;
    dinh_petitions::store::summary::rebuild_summary(db).await?;
    let mut others = String::from("code,name,kind,parent_code\n");
    for p in 0..33 {
        others.push_str(&format!("OP{p:02},Tỉnh {p},tỉnh,\n"));
        let communes = if p < 20 { 98 } else { 97 };
        for c in 0..communes {
            others.push_str(&format!("OP{p:02}{c:03},Xã {p}-{c},xã,OP{p:02}\n"));
        }
    }
    dinh_platform::units::import_units(db, others.as_bytes(), "bench").await?;
    if db.engine() == db::Engine::Postgres {
        db.execute_script("ANALYZE petition_cases; ANALYZE petition_clocks; ANALYZE petition_unit_months; ANALYZE units")
            .await?;
    } else {
        db.execute_script("ANALYZE").await?;
    }
    println!(
        "  loaded {n} cases with their clocks in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn run(name: &str, m: &PetitionsModule, db: &Db, n: usize) -> anyhow::Result<()> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    println!("{name}:");
    fill(m, db, n, today).await?;
    let province = dinh_platform::units::store::by_code(db, "BP")
        .await?
        .unwrap();
    let commune = dinh_platform::units::store::by_code(db, "BP007")
        .await?
        .unwrap();
    let open: i64 = db
        .scalar(&db::query(
            "SELECT COUNT(*) FROM petition_clocks WHERE done_on IS NULL",
        ))
        .await?;
    let overdue: i64 = db
        .scalar(
            &db::query(
                "SELECT COUNT(*) FROM petition_cases WHERE is_open = TRUE AND next_due < $1",
            )
            .bind(today),
        )
        .await?;
    println!("  open cases: {open}, overdue: {overdue}");
    for (label, unit) in [("province", &province), ("commune", &commune)] {
        let filter = ListFilter {
            state: Some("overdue".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        let mut times = Vec::new();
        for _ in 0..300 {
            let t = Instant::now();
            let rows = list_unchecked(db, unit, &filter, today).await?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            assert!(!rows.is_empty());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  {label} work list, overdue, first page of 50: median {:.2} ms, p99 {:.2} ms",
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
    }
    steering(m, db).await?;
    let shipped = dinh_calendar::holidays::SHIPPED_SCHEDULES
        .iter()
        .find(|(f, _)| *f == "2026.toml")
        .unwrap()
        .1;
    let text = format!(
        "{shipped}\n[[holidays]]\ndate = 2026-11-24\nname_vi = \"Ngày Văn hóa Việt Nam\"\nname_en = \"Vietnam Culture Day\"\n"
    );
    let changed = m.with_calendar(HolidayCalendar::shipped_with(vec![YearSchedule::parse(
        &text, "bench",
    )?])?);
    let open: i64 = db
        .scalar(&db::query(
            "SELECT COUNT(*) FROM petition_clocks WHERE done_on IS NULL",
        ))
        .await?;
    let t = Instant::now();
    let moved = recompute_open_clocks(&changed, db).await?;
    println!(
        "  recompute every open clock ({open}) after adding a day off: {:.2} s, {moved} due dates moved",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Every indicator for every commune (3,321) at once over 2026, as a national review asks.
async fn steering(m: &PetitionsModule, db: &Db) -> anyhow::Result<()> {
    let communes: Vec<i64> = db
        .fetch_all::<(i64,)>(&db::query(
            "SELECT id FROM units WHERE depth = 1 ORDER BY code",
        ))
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    let year = Period {
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    };
    let mut runs = Vec::new();
    let mut per_key: Vec<(&str, Vec<f64>)> = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for (n, i) in indicators::ALL.iter().enumerate() {
            let k = Instant::now();
            let v = m.indicator_values(db, i.key, &communes, year).await?;
            assert_eq!(v.len(), communes.len());
            if per_key.len() <= n {
                per_key.push((i.key, Vec::new()));
            }
            per_key[n].1.push(k.elapsed().as_secs_f64() * 1e3);
        }
        runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "  every indicator for {} communes at once, year 2026: median {:.0} ms (of 5 runs)",
        communes.len(),
        percentile(&runs, 0.5)
    );
    for (key, mut times) in per_key {
        times.sort_by(f64::total_cmp);
        println!("    {key}: median {:.1} ms", percentile(&times, 0.5));
    }
    let with_cases: Vec<i64> = db
        .fetch_all::<(i64,)>(&db::query(
            "SELECT id FROM units WHERE code LIKE 'BP%' AND depth = 1 ORDER BY code",
        ))
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    let t = Instant::now();
    for id in &with_cases {
        m.indicator_value(db, "petitions.received", *id, year)
            .await?;
    }
    println!(
        "  petitions.received one commune at a time, {} communes: {:.0} ms",
        with_cases.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(1_000_000, |a| a.parse().expect("CASES is a number"));
    let m = PetitionsModule::new(
        HolidayCalendar::shipped()?,
        RuleBook::shipped()?,
        ProtectionKey::from_bytes([3; 32]),
    );
    let registry = Registry::default().with(UnitsModule).with(m.clone());
    let dir = std::env::temp_dir().join(format!("dinh-bench-petitions-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    if std::env::var("DINH_BENCH_SKIP_SQLITE").is_err() {
        let sqlite = db::connect(None, &dir).await?;
        registry.migrate(&sqlite).await?;
        run("SQLite", &m, &sqlite, n).await?;
        sqlite.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let url = std::env::var("DINH_BENCH_POSTGRES_URL")
        .or_else(|_| std::env::var("DINH_TEST_POSTGRES_URL"));
    if let Ok(url) = url {
        let schema = format!("bench_petitions_{}", std::process::id());
        let admin = db::connect(Some(&url), &dir).await?;
        admin
            .execute_script(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let pg = db::connect_postgres(&url, Some(&schema)).await?;
        registry.migrate(&pg).await?;
        let result = run("PostgreSQL", &m, &pg, n).await;
        pg.close().await;
        admin
            .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        result?;
    } else {
        println!("PostgreSQL: skipped (set DINH_BENCH_POSTGRES_URL)");
    }
    Ok(())
}
