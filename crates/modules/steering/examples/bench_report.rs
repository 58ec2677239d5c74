//! Benchmark of the review report: a province's year report (with the previous year) over a
//! national tree of 34 provinces, 3,321 communes and ~63,000 thôn, and the report's DOCX export.
//! The figures come from the real disclosure module (1,000,000 disclosures a year over the
//! communes, its monthly summary rebuilt) and, for the cases and household decisions, from the
//! tests' stand-in module, which keeps 13 figures' counts per thôn and month as events happen
//! (as many indicators as the petitions and decisions modules publish).
//!
//! `cargo run --release -p dinh-steering --example bench_report -- [communes] [thon_per_commune] [disclosures_a_year]`
//! (defaults 3321, 19 and 1000000). PostgreSQL too when `DINH_BENCH_POSTGRES_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../../disclosure/examples/support/load.rs"]
mod disclosure_load;
#[allow(dead_code)]
#[path = "../tests/support/stand_in.rs"]
mod stand_in;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dinh_disclosure::DisclosureModule;
use dinh_legal_time::LegalTimeModule;
use dinh_platform::db::{Arg, Db, bulk, ids::next_id};
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use dinh_platform::units::store::by_code;
use dinh_steering::committees::{self, NewCommittee};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};
use dinh_steering::{Actor, SteeringModule};
use stand_in::EventsModule;

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

async fn generate(db: &Db, communes: usize, thon: usize, disclosures: usize) -> anyhow::Result<()> {
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
        .flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}")))
        .collect();
    let mut commune_ids = Vec::with_capacity(communes);
    for c in 0..communes {
        let pid = provinces[c % 34];
        let cid = next_id();
        let cpath = format!("/{pid}/{cid}/");
        commune_ids.push(cid);
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
                // ~1,000,000 cases and ~100,000 decisions a year over ~63,000 thôn.
                let events = rnd(3);
                counters.push(vec![
                    tid.into(),
                    m.as_str().into(),
                    events.into(),
                    (events - rnd(2)).max(0).into(),
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
            "fake_monthly",
            &["unit_id", "month", "events", "ok"],
            chunk.to_vec(),
        )
        .await?;
    }
    tx.commit().await?;
    for year in [2024, 2025] {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        disclosure_load::items(db, &commune_ids, disclosures, start).await;
    }
    dinh_disclosure::store::rebuild_summary(db).await?;
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
    disclosures: usize,
) -> anyhow::Result<()> {
    registry.migrate(db).await?;
    let t = Instant::now();
    generate(db, communes, thon, disclosures).await?;
    if let Db::Postgres(_) = db {
        db.execute_script("ANALYZE").await?;
    }
    println!(
        "{label}: generated {communes} communes, {} thôn, {disclosures} disclosures a year and 24 months of counters in {:.1?}",
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

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let communes = args.first().copied().unwrap_or(3321);
    let thon = args.get(1).copied().unwrap_or(19);
    let disclosures = args.get(2).copied().unwrap_or(1_000_000);
    let legal = LegalTimeModule::load(std::path::Path::new("/nonexistent"))?;
    let base = Registry::default()
        .with(UnitsModule)
        .with(DisclosureModule::new(&legal))
        .with(EventsModule::with_indicators(13));
    let registry = base.clone().with(SteeringModule::with_registry(base));
    let dir = std::env::temp_dir().join(format!("dinh-bench-steering-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = dinh_platform::db::connect(None, &dir).await?;
    run("SQLite", &sqlite, &registry, communes, thon, disclosures).await?;
    sqlite.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(url) = std::env::var("DINH_BENCH_POSTGRES_URL") {
        let schema = format!("bench_{:x}", rand::random::<u32>());
        let admin = dinh_platform::db::connect(Some(&url), &dir).await?;
        admin
            .execute_script(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let pg = dinh_platform::db::connect_postgres(&url, Some(&schema)).await?;
        let result = run("PostgreSQL", &pg, &registry, communes, thon, disclosures).await;
        pg.close().await;
        admin
            .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        result?;
    }
    Ok(())
}
