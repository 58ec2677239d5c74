//! A consultation of a commune with 5,000 comments on a draft of 200 parts (each comment
//! through the same `comment` the website's form calls, from 5,000 visitors): one part's
//! public page through the router without sockets (signed in, so never from the page cache:
//! median and 99th percentile of 300 requests over the parts after 20 to warm up), the
//! synthesis DOCX (median of 5), and the six consultation indicators for the communes of a
//! province of 100 communes over a year (median of 5). SQLite and, with
//! `DINH_TEST_POSTGRES_URL` set, PostgreSQL.
//!
//! `DINH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p dinh --example bench_consultation -- [comments] [parts]`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "bench_support/mod.rs"]
mod bench_support;

use std::fmt::Write as _;
use std::time::Instant;

use chrono::Duration;
use dinh_consultation::ConsultationModule;
use dinh_consultation::store::{self, CommentInput, OpenInput};
use dinh_platform::accounts::{Role, store as accounts};
use dinh_platform::config::Config;
use dinh_platform::module::Period;
use dinh_platform::web::{AppState, router};
use dinh_platform::write::Actor;

use bench_support::{median, quantile};

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let comments = args.first().copied().unwrap_or(5_000);
    let parts = args.get(1).copied().unwrap_or(200);
    let dir = std::env::temp_dir().join(format!("dinh-bench-consult-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    let module = ConsultationModule::shipped().unwrap();
    dinh_platform::testing::each_engine(&registry, |db| {
        let registry = registry.clone();
        let module = module.clone();
        async move {
            let engine = db.engine().name();
            let mut units = String::from("code,name,kind,parent_code\nB1,Tỉnh Đo,tỉnh,\n");
            for c in 0..100 {
                let _ = writeln!(units, "B1-{c:03},Xã Đo {c},xã,B1");
            }
            dinh_platform::units::import_units(&db, units.as_bytes(), "bench").await?;
            let id = accounts::create_account(&db, "canbo@do.vn", "Cán bộ", "mat-khau-du-dai", "bench")
                .await?;
            accounts::grant(&db, "canbo@do.vn", Role::CommuneOfficer, Some("B1-000"), "bench")
                .await?;
            let officer = accounts::principal(&db, id).await?.unwrap();
            let today = dinh_platform::time::today_vn();
            let dmy = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
            let mut draft = String::new();
            for p in 1..=parts {
                let _ = write!(
                    draft,
                    "Điều {p}. Quy định số {p}\nNội dung của điều {p}: các hộ gia đình trong thôn cùng bàn và thực hiện.\n\n"
                );
            }
            let consultation = store::open(
                &module,
                &db,
                Actor::Person(&officer),
                &OpenInput {
                    unit_code: "B1-000".into(),
                    matter: "1".into(),
                    title: "Dự thảo quy hoạch sử dụng đất".into(),
                    summary: "Xin ý kiến Nhân dân".into(),
                    draft,
                    opens_on: dmy(today - Duration::days(5)),
                    closes_on: dmy(today + Duration::days(40)),
                    channels: vec!["website".into()],
                },
            )
            .await?;
            let start = Instant::now();
            for i in 0..comments {
                store::comment(
                    &db,
                    None,
                    consultation,
                    &CommentInput {
                        part: ((i % parts) + 1).to_string(),
                        body: format!("Ý kiến số {i}: đề nghị làm rõ thời hạn thực hiện."),
                        name: format!("Người dân {i}"),
                        contact: format!("09{i:08}"),
                        ..CommentInput::default()
                    },
                    &format!("10.{}.{}.{}", i / 65_536, (i / 256) % 256, i % 256),
                    today,
                )
                .await?;
            }
            println!(
                "{engine}: {comments} comments on {parts} parts recorded in {:.1} s",
                start.elapsed().as_secs_f64()
            );
            db.refresh_statistics().await?;
            let app = router(AppState::new(db.clone(), Config::default(), registry.clone()));
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
                    "/consultations/{consultation}/parts/{}",
                    (i * 7) % parts + 1
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
                "{engine}: part page p50 {:.2} ms, p99 {:.2} ms ({bytes} bytes)",
                at(0.5),
                at(0.99)
            );
            let mut runs = Vec::new();
            for _ in 0..5 {
                let (ms, b) = get(format!("/consultations/{consultation}/synthesis.docx")).await;
                runs.push(ms);
                bytes = b;
            }
            println!(
                "{engine}: synthesis DOCX of {comments} comments, median {:.0} ms ({bytes} bytes)",
                median(runs)
            );
            let communes: Vec<i64> = db
                .fetch_all::<(i64,)>(&dinh_platform::db::query(
                    "SELECT id FROM units WHERE code LIKE 'B1-%'",
                ))
                .await?
                .into_iter()
                .map(|(id,)| id)
                .collect();
            let year = Period {
                from: today - Duration::days(365),
                to: today,
            };
            let mut runs = Vec::new();
            for _ in 0..5 {
                let start = Instant::now();
                for key in dinh_consultation::indicators::ALL.iter().map(|i| i.key) {
                    registry.indicator_values(&db, key, &communes, year).await?;
                }
                runs.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            println!(
                "{engine}: consultation indicators for {} communes, median {:.0} ms",
                communes.len(),
                median(runs)
            );
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
