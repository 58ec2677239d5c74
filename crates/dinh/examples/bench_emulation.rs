//! The "Dân vận khéo" campaign of a province at scale: the demo's campaign of Thành phố Hà Nội
//! with 50,000 registrations spread over its communes and 5,000 models (two in five recognised,
//! each evaluated once), loaded in bulk and tallied again. Measures, through the router without sockets, the
//! campaign's public page (signed in, so never from the page cache: median and 99th percentile
//! of 1,000 requests after 20 to warm up), the registrations XLSX (median of 5, with the
//! process's peak memory before and after), and the five emulation indicators for the
//! province's communes over the year, each one batch read (median of 5). SQLite and, with
//! `DINH_TEST_POSTGRES_URL` set, PostgreSQL.
//!
//! `DINH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p dinh --example bench_emulation -- [registrations] [models]`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "bench_support/mod.rs"]
mod bench_support;

use std::time::Instant;

use chrono::Duration;
use dinh_platform::accounts::{Role, store};
use dinh_platform::config::Config;
use dinh_platform::db::{Arg, Db, bulk, ids::next_id, query};
use dinh_platform::module::Period;
use dinh_platform::web::{AppState, router};

use bench_support::{median, peak_mb, quantile};

const FIELDS: [&str; 5] = [
    "economy",
    "culture",
    "administrative_reform",
    "digital",
    "grassroots_democracy",
];

async fn load(db: &Db, campaign: i64, registrations: usize, models: usize) -> anyhow::Result<()> {
    let (province_id, province_path): (i64, String) = db
        .fetch_optional(
            &query(
                "SELECT u.id, u.path FROM emulation_campaigns c JOIN units u ON u.id = c.unit_id
             WHERE c.id = $1",
            )
            .bind(campaign),
        )
        .await?
        .unwrap();
    let communes: Vec<(i64,)> = db
        .fetch_all(
            &query("SELECT id FROM units WHERE parent_id = $1 ORDER BY id").bind(province_id),
        )
        .await?;
    let (from,): (String,) = db
        .fetch_optional(
            &query("SELECT period_from FROM emulation_campaigns WHERE id = $1").bind(campaign),
        )
        .await?
        .unwrap();
    let from = chrono::NaiveDate::parse_from_str(&from, "%Y-%m-%d")?;
    let _ = province_path;
    let mut regs = Vec::with_capacity(registrations);
    let mut mods = Vec::with_capacity(models);
    let mut evals = Vec::with_capacity(models);
    let mut scores = Vec::with_capacity(models * 3);
    let now = dinh_platform::time::now_rfc3339();
    for i in 0..registrations {
        let id = next_id();
        let unit = communes[i % communes.len()].0;
        let individual = i % 3 == 0;
        let on = from + Duration::days(i64::try_from(i % 100).unwrap());
        let name = format!("Tập thể số {i}");
        regs.push(vec![
            Arg::from(id),
            campaign.into(),
            unit.into(),
            unit.into(),
            if individual {
                "individual"
            } else {
                "collective"
            }
            .into(),
            if individual { "" } else { "village" }.into(),
            name.clone().into(),
            dinh_platform::text::fold(&name).into(),
            FIELDS[i % FIELDS.len()].into(),
            "Cam kết thực hiện dân chủ ở cơ sở".into(),
            on.into(),
            "bench".into(),
            Option::<i64>::None.into(),
            now.clone().into(),
        ]);
        if i % (registrations / models.max(1)).max(1) == 0 && mods.len() < models {
            let model = next_id();
            let recognised = mods.len() % 5 < 2;
            let state = if recognised { "recognised" } else { "kept" };
            let day = on + Duration::days(30);
            mods.push(vec![
                Arg::from(model),
                id.into(),
                campaign.into(),
                unit.into(),
                format!("Mô hình số {i}").into(),
                "Cách làm của mô hình".into(),
                on.into(),
                "Kết quả của mô hình".into(),
                state.into(),
                "Kết luận".into(),
                Some(day.to_string()).into(),
                "bench".into(),
                Option::<i64>::None.into(),
                now.clone().into(),
            ]);
            let evaluation = next_id();
            evals.push(vec![
                Arg::from(evaluation),
                model.into(),
                "Ban Dân vận".into(),
                Option::<i64>::None.into(),
                day.into(),
                80_i64.into(),
                state.into(),
                "Kết luận".into(),
                now.clone().into(),
            ]);
            for (p, s) in [(1_i64, 30_i64), (2, 25), (3, 25)] {
                scores.push(vec![Arg::from(evaluation), p.into(), s.into()]);
            }
        }
    }
    let mut tx = db.begin().await?;
    bulk::insert_rows(
        &mut tx,
        "emulation_registrations",
        &[
            "id",
            "campaign_id",
            "unit_id",
            "area_unit_id",
            "kind",
            "collective_kind",
            "name",
            "name_key",
            "field",
            "commitment",
            "registered_on",
            "registered_by",
            "registered_by_account",
            "created_at",
        ],
        regs,
    )
    .await?;
    bulk::insert_rows(
        &mut tx,
        "emulation_models",
        &[
            "id",
            "registration_id",
            "campaign_id",
            "unit_id",
            "title",
            "description",
            "started_on",
            "results",
            "status",
            "status_reason",
            "status_on",
            "created_by",
            "created_by_account",
            "created_at",
        ],
        mods,
    )
    .await?;
    bulk::insert_rows(
        &mut tx,
        "emulation_evaluations",
        &[
            "id",
            "model_id",
            "evaluator",
            "evaluator_account",
            "evaluated_on",
            "total",
            "verdict",
            "conclusion",
            "created_at",
        ],
        evals,
    )
    .await?;
    bulk::insert_rows(
        &mut tx,
        "emulation_scores",
        &["evaluation_id", "position", "score"],
        scores,
    )
    .await?;
    tx.commit().await?;
    // Loaded in bulk, past `register`: the tallies are counted again from the rows.
    dinh_emulation::store::retally(db, campaign).await?;
    db.refresh_statistics().await?;
    Ok(())
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let registrations = args.first().copied().unwrap_or(50_000);
    let models = args.get(1).copied().unwrap_or(5_000);
    let dir = std::env::temp_dir().join(format!("dinh-bench-emulation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    dinh_platform::testing::each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            let engine = db.engine().name();
            dinh_platform::demo::build(&db).await?;
            let today = dinh_platform::time::today_vn();
            registry.demo(&db, today).await?;
            let (campaign,): (i64,) = db
                .fetch_optional(&query("SELECT id FROM emulation_campaigns"))
                .await?
                .unwrap();
            let start = Instant::now();
            load(&db, campaign, registrations, models).await?;
            println!(
                "{engine}: loaded {registrations} registrations and {models} models in {:.1} s",
                start.elapsed().as_secs_f64()
            );
            store::create_account(&db, "tinh.danvan@dinh.demo", "Ban Dân vận", "mat-khau-du-dai", "bench").await?;
            store::grant(&db, "tinh.danvan@dinh.demo", Role::MassMobilisation, Some("01"), "bench").await?;
            let app = router(AppState::new(db.clone(), Config::default(), registry.clone()));
            let cookie = |login: &'static str| {
                let db = db.clone();
                async move {
                    let id: i64 = db
                        .scalar(&query("SELECT id FROM accounts WHERE login = $1").bind(login))
                        .await
                        .unwrap();
                    bench_support::cookie(&db, id).await
                }
            };
            let resident = cookie("0912000004").await;
            let board = cookie("tinh.danvan@dinh.demo").await;

            let page = format!("/emulation/{campaign}");
            let mut times = Vec::new();
            let mut bytes = 0;
            for i in 0..1020 {
                let (ms, b) = bench_support::get(&app, &page, &resident).await;
                if i >= 20 {
                    times.push(ms);
                    bytes = b;
                }
            }
            times.sort_by(f64::total_cmp);
            let at = |p: f64| quantile(&times, p);
            println!(
                "{engine}: campaign page p50 {:.2} ms, p99 {:.2} ms ({bytes} bytes)",
                at(0.5),
                at(0.99)
            );

            let xlsx = format!("/emulation/{campaign}/registrations.xlsx");
            let before = peak_mb();
            let mut runs = Vec::new();
            for _ in 0..5 {
                let (ms, b) = bench_support::get(&app, &xlsx, &board).await;
                runs.push(ms);
                bytes = b;
            }
            println!(
                "{engine}: registrations XLSX median {:.0} ms ({bytes} bytes); peak memory {:.0} MB before, {:.0} MB after",
                median(runs),
                before,
                peak_mb()
            );

            let (province_id,): (i64,) = db
                .fetch_optional(&query("SELECT unit_id FROM emulation_campaigns WHERE id = $1").bind(campaign))
                .await?
                .unwrap();
            let communes: Vec<i64> = db
                .fetch_all::<(i64,)>(&query("SELECT id FROM units WHERE parent_id = $1").bind(province_id))
                .await?
                .into_iter()
                .map(|(id,)| id)
                .collect();
            let year = Period {
                from: today - Duration::days(365),
                to: today,
            };
            let mut runs = Vec::new();
            let mut total = 0.0;
            for _ in 0..5 {
                let start = Instant::now();
                for key in dinh_emulation::indicators::ALL.iter().map(|i| i.key) {
                    let values = registry.indicator_values(&db, key, &communes, year).await?;
                    total = values.iter().flatten().sum::<f64>();
                }
                runs.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            println!(
                "{engine}: five indicators for the province's {} communes, median {:.0} ms (last: {total})",
                communes.len(),
                median(runs)
            );
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
