//! Disclosure benchmarks.
//!
//! `cargo run --release -p dinh-disclosure --example bench_disclosure -- list [ITEMS]`
//!   builds a SQLite database with one commune holding ITEMS disclosures (default 10,000),
//!   prints an anonymous session cookie (to measure the uncached path) and serves on
//!   127.0.0.1:8097 until stopped; measure with `wrk -t2 -c32 -d10s --latency`.
//!
//! `cargo run --release -p dinh-disclosure --example bench_disclosure -- dashboard [COMMUNES] [ITEMS]`
//!   builds one province with COMMUNES communes (default 3,321) and ITEMS disclosures (default
//!   1,000,000) on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, PostgreSQL, and times the
//!   compliance dashboard over a year and a quarter (median and slowest of 11).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/load.rs"]
mod load;

use std::fmt::Write as _;
use std::time::Instant;

use chrono::NaiveDate;
use dinh_disclosure::DisclosureModule;
use dinh_legal_time::LegalTimeModule;
use dinh_platform::config::Config;
use dinh_platform::db::{self, Arg, Db, bulk::insert_rows, ids::next_id, query};
use dinh_platform::module::Registry;
use dinh_platform::units::{UnitsModule, import_units};
use dinh_platform::web::{AppState, router};

fn registry() -> Registry {
    let legal = LegalTimeModule::load(std::path::Path::new("/nonexistent")).unwrap();
    Registry::default()
        .with(UnitsModule)
        .with(DisclosureModule::new(&legal))
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 1).unwrap()
}

async fn list(n: usize) {
    let dir = std::env::temp_dir().join("dinh-bench-disclosure-list");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = db::connect(None, &dir).await.unwrap();
    let reg = registry();
    reg.migrate(&db).await.unwrap();
    let mut csv = String::from(
        "code,name,kind,parent_code\n01,Thành phố Hà Nội,thành phố trung ương,\n00541,Xã Phù Đổng,xã,01\n",
    );
    for v in 1..=10 {
        writeln!(csv, "00541-{v:02},Thôn {v},thôn,00541").unwrap();
    }
    import_units(&db, csv.as_bytes(), "bench").await.unwrap();
    let commune: i64 = db
        .scalar(&query("SELECT id FROM units WHERE code = '00541'"))
        .await
        .unwrap();
    load::items(&db, &[commune], n, start()).await;
    let (token, _) = dinh_platform::accounts::session::create(&db, None, 24)
        .await
        .unwrap();
    println!("{n} disclosures in commune 00541 (SQLite)");
    println!(
        "cached (anonymous):  wrk -t2 -c32 -d10s --latency http://127.0.0.1:8097/units/00541/disclosures"
    );
    println!(
        "uncached (session):  wrk -t2 -c32 -d10s --latency -H 'Cookie: dinh_session={token}' http://127.0.0.1:8097/units/00541/disclosures"
    );
    let config = Config {
        data_dir: dir.clone(),
        ..Config::default()
    };
    let app = router(AppState::new(db, config, reg));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8097")
        .await
        .unwrap();
    axum::serve(listener, app).await.unwrap();
}

async fn dashboard_on(db: &Db, communes: usize, n: usize) {
    registry().migrate(db).await.unwrap();
    let mut csv = String::from("code,name,kind,parent_code\n91,Tỉnh Đo Thử,tỉnh,\n");
    for c in 0..communes {
        writeln!(csv, "9{c:05},Xã Thử {c},xã,91").unwrap();
    }
    import_units(db, csv.as_bytes(), "bench").await.unwrap();
    let ids: Vec<(i64,)> = db
        .fetch_all(&query("SELECT id FROM units WHERE kind = 'commune'"))
        .await
        .unwrap();
    let ids: Vec<i64> = ids.into_iter().map(|(i,)| i).collect();
    let t = Instant::now();
    load::items(db, &ids, n, start()).await;
    // Expected recurring rows: 4 quarters × 2 duties + 3 yearly duties per commune, 1 in 6 missing.
    let cols = [
        "id",
        "unit_id",
        "duty_key",
        "category",
        "period_label",
        "period_from",
        "period_to",
        "due_on",
        "pack_id",
        "citation",
        "item_id",
        "fulfilled_on",
        "missing_flagged_on",
    ];
    let mut rows = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        for (j, (key, label, due)) in [
            ("budget_execution", "2025-Q4", "2026-01-15"),
            ("budget_execution", "2026-Q1", "2026-04-15"),
            ("budget_execution", "2026-Q2", "2026-07-15"),
            ("budget_execution", "2026-Q3", "2026-10-15"),
            ("disclosure_register", "2025-Q4", "2026-01-08"),
            ("disclosure_register", "2026-Q1", "2026-04-08"),
            ("disclosure_register", "2026-Q2", "2026-07-08"),
            ("disclosure_register", "2026-Q3", "2026-10-08"),
            ("annual_plan", "2026", "2026-02-02"),
            ("budget_estimate", "2026", "2026-02-02"),
            ("disclosure_plan", "2026", "2026-02-02"),
        ]
        .iter()
        .enumerate()
        {
            let done = (k + j) % 6 != 0;
            let none: Option<String> = None;
            rows.push(vec![
                Arg::from(next_id()),
                Arg::from(*id),
                (*key).into(),
                Arg::from(2i64),
                (*label).into(),
                "2026-01-01".into(),
                "2026-03-31".into(),
                (*due).into(),
                "vn-2023-07".into(),
                "bench".into(),
                Arg::Int(None),
                if done {
                    Arg::from(*due)
                } else {
                    none.clone().into()
                },
                none.into(),
            ]);
        }
    }
    let mut tx = db.begin().await.unwrap();
    insert_rows(&mut tx, "disclosure_expected", &cols, rows)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    dinh_disclosure::store::rebuild_summary(db).await.unwrap();
    db.execute_script("ANALYZE").await.unwrap();
    println!(
        "  generated {n} disclosures in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let province: i64 = db
        .scalar(&query("SELECT id FROM units WHERE code = '91'"))
        .await
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for (name, from, to) in [
        (
            "year",
            NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
        ),
        (
            "quarter",
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        ),
    ] {
        let mut times = Vec::new();
        let mut lines = 0;
        for _ in 0..11 {
            let t = Instant::now();
            let rows = dinh_disclosure::store::dashboard(db, province, from, to, today)
                .await
                .unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            lines = rows.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  dashboard over a {name}: {lines} communes, median {:.1} ms, slowest {:.1} ms",
            times[5], times[10]
        );
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("list") => list(args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000)).await,
        Some("dashboard") => {
            let communes = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(3_321);
            let n = args
                .get(3)
                .and_then(|a| a.parse().ok())
                .unwrap_or(1_000_000);
            let dir = std::env::temp_dir().join("dinh-bench-disclosure-dash");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            println!("SQLite:");
            let sqlite = db::connect(None, &dir).await.unwrap();
            dashboard_on(&sqlite, communes, n).await;
            sqlite.close().await;
            if let Ok(url) = std::env::var("DINH_TEST_POSTGRES_URL") {
                println!("PostgreSQL:");
                let admin = db::connect(Some(&url), &dir).await.unwrap();
                admin.execute_script("DROP SCHEMA IF EXISTS bench_disclosure CASCADE; CREATE SCHEMA bench_disclosure").await.unwrap();
                let pg = db::connect_postgres(&url, Some("bench_disclosure"))
                    .await
                    .unwrap();
                dashboard_on(&pg, communes, n).await;
                pg.close().await;
                admin
                    .execute_script("DROP SCHEMA bench_disclosure CASCADE")
                    .await
                    .unwrap();
            }
        }
        _ => eprintln!("usage: bench_disclosure list [ITEMS] | dashboard [COMMUNES] [ITEMS]"),
    }
}
