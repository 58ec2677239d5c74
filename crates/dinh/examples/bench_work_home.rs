//! The work home (`/viec-cua-toi`) of a province officer and of a province steering member over
//! the demo (every module's items over Hà Nội), through the router without sockets: median and
//! 95th percentile of 300 requests after 20 to warm up, on SQLite and, with
//! `DINH_TEST_POSTGRES_URL` set, on PostgreSQL.
//!
//! `DINH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p dinh --example bench_work_home`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::{Role, session, store};
use dinh_platform::config::Config;
use dinh_platform::db::query;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

const RUNS: usize = 300;

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("dinh-bench-work-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    dinh_platform::testing::each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            dinh_platform::demo::build(&db).await?;
            registry.demo(&db, dinh_platform::time::today_vn()).await?;
            for (login, role) in [
                ("tinh.canbo@dinh.demo", Role::CommuneOfficer),
                ("tinh.bcd@dinh.demo", Role::SteeringMember),
            ] {
                store::create_account(&db, login, login, "mat-khau-du-dai", "bench").await?;
                store::grant(&db, login, role, Some("01"), "bench").await?;
            }
            let app = router(AppState::new(db.clone(), Config::default(), registry));
            for login in ["tinh.canbo@dinh.demo", "tinh.bcd@dinh.demo"] {
                let id: i64 = db
                    .scalar(&query("SELECT id FROM accounts WHERE login = $1").bind(login))
                    .await?;
                let (token, _) = session::create(&db, Some(id), 1).await?;
                let cookie = format!("{}={token}", session::COOKIE);
                let mut times = Vec::with_capacity(RUNS);
                let mut bytes = 0;
                for i in 0..RUNS + 20 {
                    let req = Request::get(dinh_platform::work::PATH)
                        .header(header::COOKIE, &cookie)
                        .body(Body::empty())?;
                    let start = Instant::now();
                    let res = app.clone().oneshot(req).await?;
                    assert_eq!(res.status(), StatusCode::OK);
                    let body = res.into_body().collect().await?.to_bytes();
                    let took = start.elapsed().as_secs_f64() * 1000.0;
                    if i >= 20 {
                        times.push(took);
                        bytes = body.len();
                    }
                }
                times.sort_by(f64::total_cmp);
                let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
                println!(
                    "{} {login}: work home p50 {:.2} ms, p95 {:.2} ms ({bytes} bytes)",
                    db.engine().name(),
                    at(0.5),
                    at(0.95)
                );
            }
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
