//! Benchmark of the review report: a province's year report (with the previous year) over a
//! national tree of 34 provinces, 3,321 communes and ~63,000 thôn, and the report's DOCX export.
//! The figures come from the real modules, each loaded in bulk for 2024 and 2025 by its own
//! benchmark loader: disclosures over the communes (monthly summary rebuilt), petitions cases
//! with their clocks over the communes (monthly summary rebuilt; those of the last 60 days of
//! each year and one in twenty of the others still open), and household decisions closed in
//! the thôn with their tallies and minutes.
//!
//! `cargo run --release -p dinh-steering --example bench_report -- [communes] [thon_per_commune] [disclosures_a_year] [cases_a_year] [decisions_a_year]`
//! (defaults 3321, 19, 1000000, 1000000 and 100000). PostgreSQL too when
//! `DINH_BENCH_POSTGRES_URL` is set; `DINH_BENCH_SKIP_SQLITE` skips SQLite;
//! `DINH_BENCH_KEEP_SCHEMA=name` keeps the PostgreSQL data in that schema for the next run.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../../decisions/examples/bench_support/decided.rs"]
mod decided;
#[path = "../../disclosure/examples/support/load.rs"]
mod disclosure_load;
#[allow(dead_code)]
#[path = "../../petitions/examples/support/load.rs"]
mod petitions_load;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dinh_decisions::DecisionsModule;
use dinh_disclosure::DisclosureModule;
use dinh_legal_time::LegalTimeModule;
use dinh_petitions::{PetitionsModule, ProtectionKey};
use dinh_platform::db::{Arg, Db, bulk, ids::next_id};
use dinh_platform::module::{Period, Registry};
use dinh_platform::units::UnitsModule;
use dinh_platform::units::store::by_code;
use dinh_steering::committees::{self, NewCommittee};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};
use dinh_steering::{Actor, SteeringModule};
use petitions_load::{Open, Place};

/// How much of each module's data a year.
#[derive(Clone, Copy)]
struct Sizes {
    communes: usize,
    thon: usize,
    disclosures: usize,
    cases: usize,
    decisions: usize,
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

async fn generate(db: &Db, petitions: &PetitionsModule, n: Sizes) -> anyhow::Result<()> {
    let mut units = Vec::new();
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
    let mut commune_ids = Vec::with_capacity(n.communes);
    let mut places = Vec::with_capacity(n.communes);
    let mut villages = Vec::with_capacity(n.communes * n.thon);
    for c in 0..n.communes {
        let pid = provinces[c % 34];
        let cid = next_id();
        let cpath = format!("/{pid}/{cid}/");
        commune_ids.push(cid);
        places.push(Place {
            unit: cid,
            commune: cid,
            province: pid,
        });
        units.push(unit_row(
            cid,
            &format!("C{c:05}"),
            &format!("Xã {c}"),
            "commune",
            Some(pid),
            &cpath,
            1,
        ));
        for t in 0..n.thon {
            let tid = next_id();
            villages.push(tid);
            units.push(unit_row(
                tid,
                &format!("C{c:05}-{t:02}"),
                &format!("Thôn {t}"),
                "village",
                Some(cid),
                &format!("{cpath}{tid}/"),
                2,
            ));
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
    tx.commit().await?;
    for year in [2024, 2025] {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        disclosure_load::items(db, &commune_ids, n.disclosures, start).await;
        petitions_load::cases(
            petitions,
            db,
            &places,
            n.cases,
            start,
            365,
            end,
            Open::Recent,
        )
        .await?;
        decided::matters(db, &villages, n.decisions, start).await?;
    }
    dinh_disclosure::store::rebuild_summary(db).await?;
    dinh_petitions::store::summary::rebuild_summary(db).await?;
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
    petitions: &PetitionsModule,
    n: Sizes,
) -> anyhow::Result<()> {
    registry.migrate(db).await?;
    let t = Instant::now();
    let loaded: i64 = db
        .scalar(&dinh_platform::db::query(
            "SELECT COUNT(*) FROM units WHERE code = 'P00'",
        ))
        .await?;
    if loaded == 0 {
        generate(db, petitions, n).await?;
    } else {
        println!("{label}: reusing the data already loaded (DINH_BENCH_KEEP_SCHEMA)");
    }
    if let Db::Postgres(_) = db {
        db.execute_script("ANALYZE").await?;
    }
    println!(
        "{label}: generated {} communes, {} thôn; a year (2024 and 2025): {} disclosures, {} cases, {} decided matters; in {:.1?}",
        n.communes,
        n.communes * n.thon,
        n.disclosures,
        n.cases,
        n.decisions,
        t.elapsed()
    );
    let province = by_code(db, "P00").await?.unwrap();
    let commune = by_code(db, "C00000").await?.unwrap();
    let sys = Actor::System("bench");
    let existing = committees::of_unit(db, province.id).await?;
    let c = if let Some(c) = existing {
        c.id
    } else {
        committees::create(
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
        .await?
    };
    by_indicator(label, db, registry, &province).await?;
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
            assert!(f.rows.len() >= 17, "{} indicators", f.rows.len());
            assert!(
                f.rows
                    .iter()
                    .any(|r| r.key == "disclosure.on_time_rate" && r.value.is_some())
            );
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

/// Each module's indicators asked once for the province and its communes over 2025 (as the
/// report asks them, without the previous year and the shared counts): median of 5 per module,
/// and the slowest indicator.
async fn by_indicator(
    label: &str,
    db: &Db,
    registry: &Registry,
    province: &dinh_platform::units::store::Unit,
) -> anyhow::Result<()> {
    let mut units: Vec<i64> = db
        .fetch_all::<(i64,)>(
            &dinh_platform::db::query("SELECT id FROM units WHERE parent_id = $1 ORDER BY code")
                .bind(province.id),
        )
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    units.insert(0, province.id);
    let year = Period {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    };
    for module in registry.modules() {
        if module.indicators().is_empty() {
            continue;
        }
        let mut totals = Vec::new();
        let mut per_key: Vec<(&str, Vec<Duration>)> = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            for (k, i) in module.indicators().iter().enumerate() {
                let ti = Instant::now();
                module.indicator_values(db, i.key, &units, year).await?;
                if per_key.len() <= k {
                    per_key.push((i.key, Vec::new()));
                }
                per_key[k].1.push(ti.elapsed());
            }
            totals.push(t.elapsed());
        }
        let slowest = per_key
            .into_iter()
            .map(|(k, v)| (k, median(v)))
            .max_by_key(|(_, d)| *d)
            .unwrap();
        println!(
            "{label}:   {} ({} indicators, {} units): median {:.1?}; slowest {} {:.1?}",
            module.name(),
            module.indicators().len(),
            units.len(),
            median(totals),
            slowest.0,
            slowest.1
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = Sizes {
        communes: args.first().copied().unwrap_or(3321),
        thon: args.get(1).copied().unwrap_or(19),
        disclosures: args.get(2).copied().unwrap_or(1_000_000),
        cases: args.get(3).copied().unwrap_or(1_000_000),
        decisions: args.get(4).copied().unwrap_or(100_000),
    };
    let legal = LegalTimeModule::load(std::path::Path::new("/nonexistent"))?;
    let (calendar, rules) = (legal.calendar().clone(), legal.rules().clone());
    let petitions = PetitionsModule::new(
        calendar.clone(),
        rules.clone(),
        ProtectionKey::from_bytes([3; 32]),
    );
    let base = Registry::default()
        .with(UnitsModule)
        .with(DisclosureModule::new(&legal))
        .with(DecisionsModule::new(calendar, rules))
        .with(petitions.clone());
    let registry = base.clone().with(SteeringModule::with_registry(base));
    let dir = std::env::temp_dir().join(format!("dinh-bench-steering-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir)?;
    if std::env::var("DINH_BENCH_SKIP_SQLITE").is_err() {
        let sqlite = dinh_platform::db::connect(None, &dir).await?;
        run("SQLite", &sqlite, &registry, &petitions, n).await?;
        sqlite.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(url) = std::env::var("DINH_BENCH_POSTGRES_URL") {
        // `DINH_BENCH_KEEP_SCHEMA=name` keeps the loaded data in that schema and reuses it on
        // the next run (drop it by hand when done).
        let kept = std::env::var("DINH_BENCH_KEEP_SCHEMA").ok();
        let schema = kept
            .clone()
            .unwrap_or_else(|| format!("bench_{:x}", rand::random::<u32>()));
        let admin = dinh_platform::db::connect(Some(&url), &dir).await?;
        admin
            .execute_script(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
            .await?;
        let pg = dinh_platform::db::connect_postgres(&url, Some(&schema)).await?;
        let result = run("PostgreSQL", &pg, &registry, &petitions, n).await;
        pg.close().await;
        if kept.is_none() {
            admin
                .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
                .await?;
        }
        result?;
    }
    Ok(())
}
