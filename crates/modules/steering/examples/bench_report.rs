//! Benchmark of the review report: a province's year report (with the previous year) over a
//! national tree of 34 provinces, 3,321 communes and ~63,000 thôn, from a module that keeps its
//! figures current per thôn and month (as events happen), and the report's DOCX export.
//!
//! `cargo run --release -p dinh-steering --example bench_report -- [communes] [thon_per_commune]`
//! (defaults 3321 and 19). PostgreSQL too when `DINH_BENCH_POSTGRES_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::{Duration, Instant};

use axum::Router;
use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Arg, Db, bulk, ids::next_id, migrate::Migration, query};
use dinh_platform::module::{BoxFuture, Indicator, Job, Module, Period, Registry};
use dinh_platform::units::UnitsModule;
use dinh_platform::units::store::{SUBTREE_CTE, by_code};
use dinh_platform::web::AppState;
use dinh_steering::committees::{self, NewCommittee};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};
use dinh_steering::{Actor, SteeringModule};

/// 17 indicators, as many as the three modules of today publish together.
const COLUMNS: [&str; 6] = [
    "disclosures",
    "on_time",
    "cases",
    "resolved",
    "overdue",
    "decisions",
];
macro_rules! ind {
    ($k:literal, $u:literal) => {
        Indicator {
            key: $k,
            name_vi: $k,
            name_en: $k,
            unit: $u,
        }
    };
}
const INDICATORS: &[Indicator] = &[
    ind!("bench.disclosures", "thông tin"),
    ind!("bench.on_time_rate", "%"),
    ind!("bench.complete_rate", "%"),
    ind!("bench.missing", "nội dung"),
    ind!("bench.cases", "vụ việc"),
    ind!("bench.complaints", "vụ việc"),
    ind!("bench.denunciations", "vụ việc"),
    ind!("bench.recommendations", "vụ việc"),
    ind!("bench.resolved_rate", "%"),
    ind!("bench.overdue", "vụ việc"),
    ind!("bench.reception_rate", "%"),
    ind!("bench.dialogues", "cuộc"),
    ind!("bench.commitments_rate", "%"),
    ind!("bench.mediation_rate", "%"),
    ind!("bench.decisions", "vấn đề"),
    ind!("bench.pass_rate", "%"),
    ind!("bench.participation", "%"),
];

#[derive(Clone)]
struct CountersModule;

impl Module for CountersModule {
    fn name(&self) -> &'static str {
        "bench"
    }
    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "monthly counters",
            sql: "CREATE TABLE bench_monthly (unit_id BIGINT NOT NULL, month TEXT NOT NULL,
                    disclosures BIGINT NOT NULL, on_time BIGINT NOT NULL, cases BIGINT NOT NULL,
                    resolved BIGINT NOT NULL, overdue BIGINT NOT NULL, decisions BIGINT NOT NULL,
                    PRIMARY KEY (unit_id, month));",
            postgres: None,
        }]
    }
    fn pages(&self) -> Router<AppState> {
        Router::new()
    }
    fn api(&self) -> Router<AppState> {
        Router::new()
    }
    fn openapi(&self) -> utoipa::openapi::OpenApi {
        utoipa::openapi::OpenApiBuilder::new().build()
    }
    fn permissions(&self) -> &'static [Permission] {
        &[]
    }
    fn indicators(&self) -> &'static [Indicator] {
        INDICATORS
    }
    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(async move {
            let i = INDICATORS.iter().position(|x| x.key == key).unwrap_or(0);
            let part = COLUMNS[i % COLUMNS.len()];
            let whole = COLUMNS[(i + 1) % COLUMNS.len()];
            let (n, a, b): (i64, i64, i64) = db
                .fetch_optional(&query(format!(
                    "{SUBTREE_CTE} SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(m.{part}), 0) AS BIGINT),
                       CAST(COALESCE(SUM(m.{whole}), 0) AS BIGINT)
                     FROM bench_monthly m
                     WHERE m.unit_id IN (SELECT id FROM subtree) AND m.month >= $2 AND m.month <= $3"
                ))
                .bind(unit_id).bind(period.from).bind(period.to))
                .await?
                .unwrap_or((0, 0, 0));
            if n == 0 {
                return Ok(None);
            }
            Ok(Some(if INDICATORS[i].unit == "%" {
                if b == 0 {
                    return Ok(None);
                }
                a as f64 * 100.0 / (a + b) as f64
            } else {
                a as f64
            }))
        })
    }
    fn jobs(&self) -> Vec<Job> {
        Vec::new()
    }
    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }
}

fn unit_row(
    id: i64,
    code: &str,
    name: &str,
    kind: &str,
    parent: Option<i64>,
    path: &str,
    depth: i32,
) -> Vec<Arg> {
    vec![
        id.into(),
        code.into(),
        name.into(),
        name.to_lowercase().into(),
        kind.into(),
        kind.into(),
        parent.into(),
        path.into(),
        depth.into(),
        Option::<String>::None.into(),
        Option::<String>::None.into(),
        "2025-07-01T00:00:00Z".into(),
    ]
}

async fn generate(db: &Db, communes: usize, thon: usize) -> anyhow::Result<()> {
    let mut units = Vec::new();
    let mut counters = Vec::new();
    let mut seed: u64 = 2026;
    let mut rnd = |max: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % max) as i64
    };
    let provinces: Vec<i64> = (0..34).map(|_| next_id()).collect();
    for (p, id) in provinces.iter().enumerate() {
        units.push(unit_row(
            *id,
            &format!("P{p:02}"),
            &format!("Tỉnh {p}"),
            "province",
            None,
            &format!("/{id}/"),
            0,
        ));
    }
    let months: Vec<String> = (2024..=2025)
        .flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}-01")))
        .collect();
    for c in 0..communes {
        let pid = provinces[c % 34];
        let cid = next_id();
        let cpath = format!("/{pid}/{cid}/");
        units.push(unit_row(
            cid,
            &format!("C{c:05}"),
            &format!("Xã {c}"),
            "commune",
            Some(pid),
            &cpath,
            1,
        ));
        for t in 0..thon {
            let tid = next_id();
            units.push(unit_row(
                tid,
                &format!("C{c:05}-{t:02}"),
                &format!("Thôn {t}"),
                "village",
                Some(cid),
                &format!("{cpath}{tid}/"),
                2,
            ));
            for m in &months {
                // ~1,000,000 disclosures and cases, ~100,000 decisions a year over ~63,000 thôn.
                let d = rnd(3);
                counters.push(vec![
                    tid.into(),
                    m.as_str().into(),
                    d.into(),
                    (d - rnd(2)).max(0).into(),
                    rnd(3).into(),
                    rnd(2).into(),
                    rnd(2).into(),
                    (rnd(10) / 9).into(),
                ]);
            }
        }
    }
    let mut tx = db.begin().await?;
    let cols = [
        "id",
        "code",
        "name",
        "name_folded",
        "kind",
        "kind_label",
        "parent_id",
        "path",
        "depth",
        "valid_from",
        "valid_to",
        "created_at",
    ];
    bulk::insert_rows(&mut tx, "units", &cols, units).await?;
    for chunk in counters.chunks(200_000) {
        bulk::insert_rows(
            &mut tx,
            "bench_monthly",
            &[
                "unit_id",
                "month",
                "disclosures",
                "on_time",
                "cases",
                "resolved",
                "overdue",
                "decisions",
            ],
            chunk.to_vec(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn run(
    label: &str,
    db: &Db,
    registry: &Registry,
    communes: usize,
    thon: usize,
) -> anyhow::Result<()> {
    registry.migrate(db).await?;
    let t = Instant::now();
    generate(db, communes, thon).await?;
    if let Db::Postgres(_) = db {
        db.execute_script("ANALYZE").await?;
    }
    println!(
        "{label}: generated {communes} communes, {} thôn, 24 months of counters in {:.1?}",
        communes * thon,
        t.elapsed()
    );
    let province = by_code(db, "P00").await?.unwrap();
    let commune = by_code(db, "C00000").await?.unwrap();
    let sys = Actor::System("bench");
    let c = committees::create(
        db,
        sys,
        &province,
        NewCommittee {
            name: "Ban Chỉ đạo tỉnh".into(),
            parent_body: "Tỉnh ủy".into(),
            standing_body: "Ban Dân vận".into(),
            decision_number: "1-QĐ/TU".into(),
            established_on: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        },
    )
    .await?;
    let year = ReportPeriod::year(2025)?;
    for (what, unit) in [
        ("province year report (figures)", &province),
        ("commune year report (figures)", &commune),
    ] {
        let mut times = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let f = report::figures_for(db, registry, unit, year).await?;
            times.push(t.elapsed());
            assert!(f.rows.len() >= INDICATORS.len());
        }
        println!("{label}: {what}: median {:.1?} over 5 runs", median(times));
    }
    let id = report::create(
        db,
        registry,
        sys,
        c,
        NewReport {
            period: year,
            number: "1-BC/BCĐ".into(),
            narrative: Narrative::default(),
        },
    )
    .await?;
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let r = report::load(db, id, None).await?;
        let bytes = report::document::document(&r).docx()?;
        size = bytes.len();
        times.push(t.elapsed());
    }
    println!(
        "{label}: load a saved province report + DOCX ({size} bytes): median {:.1?}",
        median(times)
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = report::load(db, id, None).await?;
        report::document::lower_sheet(&r).xlsx()?;
        times.push(t.elapsed());
    }
    println!(
        "{label}: load + XLSX of the communes' figures: median {:.1?}",
        median(times)
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let communes = args.first().copied().unwrap_or(3321);
    let thon = args.get(1).copied().unwrap_or(19);
    let base = Registry::default().with(UnitsModule).with(CountersModule);
    let registry = base.clone().with(SteeringModule::with_registry(base));
    let dir = std::env::temp_dir().join(format!("dinh-bench-steering-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = dinh_platform::db::connect(None, &dir).await?;
    run("SQLite", &sqlite, &registry, communes, thon).await?;
    sqlite.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(url) = std::env::var("DINH_BENCH_POSTGRES_URL") {
        let schema = format!("bench_{:x}", rand::random::<u32>());
        let admin = dinh_platform::db::connect(Some(&url), &dir).await?;
        admin
            .execute_script(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let pg = dinh_platform::db::connect_postgres(&url, Some(&schema)).await?;
        let result = run("PostgreSQL", &pg, &registry, communes, thon).await;
        pg.close().await;
        admin
            .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        result?;
    }
    Ok(())
}
