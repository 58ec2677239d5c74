//! Import benchmark: the 3,355-row unit list and N generated households, on SQLite and, when
//! `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL.
//!
//! `cargo run --release -p dinh-platform --example bench_import -- [HOUSEHOLDS] [RUNS]`
//! (defaults 1,000,000 households, 5 runs of the unit import). Prints medians.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use dinh_platform::db::{self, Db};
use dinh_platform::demo::UNITS_2025_CSV;
use dinh_platform::module::Registry;
use dinh_platform::units::{UnitsModule, import_units};
use std::io::Write;
use std::time::Instant;

const VILLAGES: usize = 200;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Writes `n` households (1 to 4 people each, 2.5 on average) under 200 thôn of commune 00541.
fn write_households(path: &std::path::Path, n: usize) -> usize {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "household_code,unit_code,address,full_name,birth_date,gender,relation,representative"
    )
    .unwrap();
    let mut rows = 0;
    for h in 0..n {
        let village = h % VILLAGES + 1;
        let members = 1 + (h * 7919) % 4;
        for m in 0..members {
            let rep = u8::from(m == 0);
            writeln!(out, "HH{h:08},B-{village:03},\"Số {h}, thôn {village}\",Nguyễn Văn Thử {m},01/01/{},nam,{},{rep}", 1960 + (h % 40), if m == 0 { "chủ hộ" } else { "con" }).unwrap();
            rows += 1;
        }
    }
    out.flush().unwrap();
    rows
}

async fn fresh(engine: &str, dir: &std::path::Path, n: usize) -> Db {
    let registry = Registry::default().with(UnitsModule);
    let db = match engine {
        "sqlite" => {
            let d = dir.join(format!("sqlite-{n}-{}", rand::random::<u32>()));
            db::connect(None, &d).await.unwrap()
        }
        _ => {
            let url = std::env::var("DINH_TEST_POSTGRES_URL").unwrap();
            let schema = format!("bench_{}", rand::random::<u32>());
            let admin = db::connect(Some(&url), dir).await.unwrap();
            admin
                .execute_script(&format!("CREATE SCHEMA {schema}"))
                .await
                .unwrap();
            db::connect_postgres(&url, Some(&schema)).await.unwrap()
        }
    };
    registry.migrate(&db).await.unwrap();
    db
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let households: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = std::env::temp_dir().join(format!("dinh-bench-{}", rand::random::<u32>()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("households.csv");
    let rows = write_households(&csv, households);
    let mut engines = vec!["sqlite"];
    if std::env::var("DINH_TEST_POSTGRES_URL").is_ok() {
        engines.push("postgresql");
    }
    for engine in engines {
        let mut unit_times = Vec::new();
        for run in 0..runs {
            let db = fresh(engine, &dir, run).await;
            let t = Instant::now();
            import_units(&db, UNITS_2025_CSV.as_bytes(), "bench")
                .await
                .unwrap();
            unit_times.push(t.elapsed().as_secs_f64() * 1000.0);
            db.close().await;
        }
        println!(
            "{engine}: unit list (3,355 rows): median {:.0} ms over {runs} runs (min {:.0}, max {:.0})",
            median(unit_times.clone()),
            unit_times.iter().copied().fold(f64::MAX, f64::min),
            unit_times.iter().copied().fold(0.0, f64::max)
        );

        let db = fresh(engine, &dir, 999).await;
        import_units(&db, UNITS_2025_CSV.as_bytes(), "bench")
            .await
            .unwrap();
        let mut villages = String::from("code,name,kind,parent_code\n");
        for v in 1..=VILLAGES {
            villages.push_str(&format!("B-{v:03},Thôn {v},thôn,00541\n"));
        }
        import_units(&db, villages.as_bytes(), "bench")
            .await
            .unwrap();
        let before = peak_rss_mib();
        let t = Instant::now();
        let s = dinh_platform::households::import_households(
            &db,
            std::fs::File::open(&csv).unwrap(),
            "bench",
            |_| {},
        )
        .await
        .unwrap();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{engine}: {} households / {rows} CSV rows in {secs:.1} s = {:.0} rows/s ({:.0} households/s); peak RSS {:.0} MiB before, {:.0} MiB after",
            s.households,
            rows as f64 / secs,
            s.households as f64 / secs,
            before,
            peak_rss_mib()
        );
        db.close().await;
    }
    if let Ok(url) = std::env::var("DINH_TEST_POSTGRES_URL") {
        let admin = db::connect(Some(&url), &dir).await.unwrap();
        let schemas: Vec<(String,)> = admin
            .fetch_all(&dinh_platform::db::query(
                "SELECT nspname::TEXT FROM pg_namespace WHERE nspname LIKE 'bench\\_%'",
            ))
            .await
            .unwrap();
        for (schema,) in schemas {
            admin
                .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
                .await
                .unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
