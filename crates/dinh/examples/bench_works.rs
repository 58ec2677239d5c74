//! A community work of a commune with 10,000 households in ten thôn: recording 10,000 payments from one CSV
//! file (median of 3, each into a fresh work), a household's account page through the router
//! without sockets (signed in as the collector: median and 99th percentile of 300 requests
//! after 20 to warm up), and the contributions XLSX of every household (median of 5, with the
//! process's peak memory before and after). SQLite and, with `DINH_TEST_POSTGRES_URL` set,
//! PostgreSQL.
//!
//! `DINH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p dinh --example bench_works -- [households]`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "bench_support/mod.rs"]
mod bench_support;

use std::fmt::Write as _;
use std::time::Instant;

use dinh_platform::accounts::{Role, store as accounts};
use dinh_platform::config::Config;
use dinh_platform::db::query;
use dinh_platform::web::{AppState, router};
use dinh_platform::write::Actor;
use dinh_works::store::{self, WorkInput};

use bench_support::{median, peak_mb, quantile};

fn work(n: usize) -> WorkInput {
    WorkInput {
        unit_code: "B1-X".into(),
        name: format!("Đường liên thôn {n}"),
        purpose: "Bê tông hóa đường liên thôn".into(),
        estimate: "9.000.000.000".into(),
        funding: "Nhân dân đóng góp".into(),
        decision: "Biên bản họp".into(),
        decided_on: "10/06/2026".into(),
        rule: "per_household".into(),
        rate: "1.000.000".into(),
        labour_day_value: "250.000".into(),
    }
}

#[tokio::main]
async fn main() {
    let households: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("dinh-bench-works-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    dinh_platform::testing::each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            let engine = db.engine().name();
            let mut units = String::from("code,name,kind,parent_code\nB1,Tỉnh Đo,tỉnh,\nB1-X,Xã Đo,xã,B1\n");
            for t in 1..=10 {
                let _ = writeln!(units, "B1-X-{t:02},Thôn {t},thôn,B1-X");
            }
            dinh_platform::units::import_units(&db, units.as_bytes(), "bench").await?;
            let mut csv = String::from(
                "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on\n",
            );
            for i in 0..households {
                let _ = writeln!(
                    csv,
                    "H{i:05},B1-X-{:02},Số {i},Nguyễn Văn {i},01/01/1970,nam,chủ hộ,1,01/01/2020",
                    i % 10 + 1
                );
            }
            dinh_platform::households::import_households(&db, csv.as_bytes(), "bench", |_| {})
                .await?;
            let id = accounts::create_account(&db, "thu@do.vn", "Người thu", "mat-khau-du-dai", "bench")
                .await?;
            accounts::grant(&db, "thu@do.vn", Role::CommuneOfficer, Some("B1-X"), "bench").await?;
            let officer = accounts::principal(&db, id).await?.unwrap();
            let actor = Actor::Person(&officer);

            let mut payments = String::from("household_code,receipt_no,paid_on,kind,amount\n");
            for i in 0..households {
                let _ = writeln!(payments, "H{i:05},PT-{i:05},20/06/2026,cash,1.000.000");
            }
            let mut runs = Vec::new();
            let mut work_id = 0;
            for n in 0..3 {
                work_id = store::record_work(&db, actor, &work(n)).await?;
                let start = Instant::now();
                let summary = store::import_payments(&db, actor, work_id, payments.as_bytes()).await?;
                runs.push(start.elapsed().as_secs_f64() * 1000.0);
                assert_eq!(summary.payments, households as u64);
            }
            println!(
                "{engine}: {households} payments from CSV, median {:.0} ms",
                median(runs)
            );
            db.refresh_statistics().await?;

            let app = router(AppState::new(db.clone(), Config::default(), registry));
            let cookie = bench_support::cookie(&db, id).await;
            let get = |uri: String| {
                let app = app.clone();
                let cookie = cookie.clone();
                async move { bench_support::get(&app, &uri, &cookie).await }
            };
            let mut times = Vec::new();
            let mut bytes = 0;
            for i in 0..320 {
                let (ms, b) = get(format!(
                    "/works/{work_id}/households/H{:05}",
                    (i * 37) % households
                ))
                .await;
                if i >= 20 {
                    times.push(ms);
                    bytes = b;
                }
            }
            times.sort_by(f64::total_cmp);
            let at = |p: f64| quantile(&times, p);
            println!(
                "{engine}: household account page p50 {:.2} ms, p99 {:.2} ms ({bytes} bytes)",
                at(0.5),
                at(0.99)
            );
            let before = peak_mb();
            let mut runs = Vec::new();
            for _ in 0..5 {
                let (ms, b) = get(format!("/works/{work_id}/contributions.xlsx")).await;
                runs.push(ms);
                bytes = b;
            }
            println!(
                "{engine}: contributions XLSX of {households} households, median {:.0} ms ({bytes} bytes); peak memory {before:.0} MB before, {:.0} MB after",
                median(runs),
                peak_mb()
            );
            let _: i64 = db.scalar(&query("SELECT CAST(COUNT(*) AS BIGINT) FROM works_payments")).await?;
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
